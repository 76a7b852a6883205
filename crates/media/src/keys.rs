//! Storage keys: where originals and renditions live in the blob store,
//! derived from the file's sha256 so identical uploads share one object.

use dateline_domain::{Crop, ImageFormat};
use sha2::{Digest, Sha256};

use crate::Credits;

/// `originals/<sha[0..2]>/<sha>.<ext>`
pub fn original_key(sha256: &str, format: ImageFormat) -> String {
    format!(
        "originals/{}/{sha256}.{}",
        shard(sha256),
        format.extension()
    )
}

/// `renditions/<sha[0..2]>/<sha>-<width>.<ext>`, or
/// `renditions/<sha[0..2]>/<sha>-<credits_tag>-<width>.<ext>` when the
/// renditions carry rights metadata: the files are served as immutable, so
/// new credits must give new addresses (see [`crate::Credits::tag`]).
pub fn rendition_key(sha256: &str, credits_tag: &str, width: u32, format: ImageFormat) -> String {
    let tag = if credits_tag.is_empty() {
        String::new()
    } else {
        format!("{credits_tag}-")
    };
    format!(
        "renditions/{}/{sha256}-{tag}{width}.{}",
        shard(sha256),
        format.extension()
    )
}

/// `previews/<sha[0..2]>/<sha>-<width>.jpg`: the whole picture the
/// newsroom frames a crop on (staff only: no rendition has this key, so
/// `/media/` never serves it).
pub fn preview_key(sha256: &str, width: u32) -> String {
    format!("previews/{}/{sha256}-{width}.jpg", shard(sha256))
}

/// Eight hex digits naming what a picture's renditions embed and show:
/// the credits' own tag ([`Credits::tag`]) for the whole picture, so that
/// the files of a picture never cropped keep their addresses, else a digest
/// of the credits and the crop. Another crop gives other addresses, as
/// other credits do: the files are served as immutable.
pub fn rendition_tag(credits: &Credits, crop: Option<Crop>) -> String {
    let Some(c) = crop else {
        return credits.tag();
    };
    let mut hasher = Sha256::new();
    for part in [&credits.credit, &credits.copyright, &credits.creator] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    for side in [c.left, c.top, c.width, c.height] {
        hasher.update(side.to_be_bytes());
    }
    hex::encode(&hasher.finalize()[..4])
}

/// The key of one rendition of the picture `sha256`, made with `credits`
/// from the framing whose crop is `crop`: the crop's own files are named by
/// [`rendition_tag`]; a shape's by the tag of the part of the picture it
/// shows and the shape's name, so that they keep their addresses until
/// that part moves.
pub fn key_for(
    sha256: &str,
    credits: &Credits,
    crop: Option<Crop>,
    rendition: &crate::EncodedRendition,
) -> String {
    let tag = match rendition.shape {
        None => rendition_tag(credits, crop),
        Some(shape) => format!(
            "{}-{}",
            rendition_tag(credits, Some(rendition.area)),
            shape.as_str()
        ),
    };
    rendition_key(sha256, &tag, rendition.width, rendition.format)
}

fn shard(sha256: &str) -> &str {
    sha256.get(..2).unwrap_or("00")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_sharded_by_hash() {
        let sha = "ab12cd";
        assert_eq!(
            original_key(sha, ImageFormat::Jpeg),
            "originals/ab/ab12cd.jpg"
        );
        assert_eq!(
            rendition_key(sha, "", 640, ImageFormat::Webp),
            "renditions/ab/ab12cd-640.webp"
        );
        assert_eq!(
            rendition_key(sha, "0f1e2d3c", 640, ImageFormat::Jpeg),
            "renditions/ab/ab12cd-0f1e2d3c-640.jpg"
        );
    }

    #[test]
    fn a_crop_gives_other_addresses_and_no_crop_keeps_them() {
        let credits = Credits {
            credit: "Photo: A. Writer".into(),
            ..Credits::default()
        };
        let crop = |left| Crop {
            left,
            top: 0,
            width: 100,
            height: 100,
        };
        assert_eq!(rendition_tag(&credits, None), credits.tag());
        assert_eq!(rendition_tag(&Credits::default(), None), "");
        let a = rendition_tag(&credits, Some(crop(0)));
        let b = rendition_tag(&credits, Some(crop(1)));
        assert_eq!(a.len(), 8);
        assert_ne!(a, b);
        assert_ne!(a, credits.tag());
        assert_ne!(rendition_tag(&Credits::default(), Some(crop(0))), "");
    }
}
