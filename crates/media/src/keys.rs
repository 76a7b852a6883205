//! Storage keys: where originals and renditions live in the blob store,
//! derived from the file's sha256 so identical uploads share one object.

use dateline_domain::ImageFormat;

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
}
