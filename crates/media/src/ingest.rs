//! Checking an upload before anything is stored: within the limits, a
//! picture Dateline reads whose pixels really decode, and what it says
//! about itself.

use dateline_domain::ImageFormat;

use crate::metadata::{read_metadata, EmbeddedMetadata};
use crate::probe::{check_memory, probe_with, Limits, ProbedImage};
use crate::MediaError;

/// An accepted upload: the probed file and its embedded metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ingested {
    /// Format, size and hash. `width`/`height` are as displayed: swapped
    /// when the EXIF orientation turns the picture by 90°.
    pub probed: ProbedImage,
    pub metadata: EmbeddedMetadata,
    /// The uploader's file name, reduced to a safe display form.
    pub original_name: String,
}

impl Ingested {
    /// The caption to pre-fill: the description, else the headline, else the title.
    pub fn suggested_caption(&self) -> &str {
        let m = &self.metadata;
        [&m.caption, &m.headline, &m.title]
            .into_iter()
            .find(|s| !s.is_empty())
            .map_or("", |s| s.as_str())
    }

    /// The credit line to pre-fill: the embedded credit line, else one made
    /// from the by-line and the source ("Jane Roe / Northwind Agency").
    pub fn suggested_credit(&self) -> String {
        let m = &self.metadata;
        if !m.credit.is_empty() {
            return m.credit.clone();
        }
        [&m.creator, &m.source]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

/// Accepts or refuses an upload. In order: the byte limit, the format,
/// pixel limit and memory limit from the header alone (a decompression bomb
/// is refused before any pixel is decoded), then one full decode so that a
/// damaged file is refused now, with its reason, rather than failing in the
/// background.
///
/// CPU-bound (a full decode): call it from `spawn_blocking`.
pub fn ingest(bytes: &[u8], filename_hint: &str, limits: &Limits) -> Result<Ingested, MediaError> {
    let mut probed = probe_with(bytes, limits)?;
    check_memory(bytes, limits)?;
    crate::renditions::decode_upright(bytes, limits.max_pixels)?;
    // The JPEG decoder fills a cut-off scan with grey rather than failing.
    if probed.format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(MediaError::Decode(
            "the JPEG file is cut short (no end-of-image marker); upload it again".into(),
        ));
    }
    let metadata = read_metadata(bytes, probed.format);
    if metadata.swaps_dimensions() {
        std::mem::swap(&mut probed.width, &mut probed.height);
    }
    Ok(Ingested {
        probed,
        metadata,
        original_name: display_name(filename_hint),
    })
}

/// Whether an end-of-image marker follows the first scan. Segments before
/// the scan are skipped by their lengths (an EXIF thumbnail has its own
/// EOI); scan data cannot contain `FF D9`, since it stuffs every `FF`.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let mut at = 2;
    while let (Some(&0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) {
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let Some(len) = bytes.get(at + 2..at + 4) else {
            return false;
        };
        let next = at + 2 + usize::from(u16::from_be_bytes([len[0], len[1]]));
        if marker == 0xDA {
            return bytes
                .get(next..)
                .is_some_and(|scan| scan.windows(2).any(|w| w == [0xFF, 0xD9]));
        }
        at = next;
    }
    false
}

/// The last path component, without control characters, at most 200 chars.
fn display_name(hint: &str) -> String {
    let base = hint.rsplit(['/', '\\']).next().unwrap_or_default();
    base.chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::display_name;

    #[test]
    fn cut_jpegs_are_told_apart_from_whole_ones() {
        use super::jpeg_is_complete;
        let mut jpeg = Vec::new();
        image::RgbImage::new(64, 64)
            .write_to(
                &mut std::io::Cursor::new(&mut jpeg),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        assert!(jpeg_is_complete(&jpeg));
        // Trailing bytes after EOI (some cameras append data) are fine.
        let mut trailing = jpeg.clone();
        trailing.extend_from_slice(b"vendor trailer");
        assert!(jpeg_is_complete(&trailing));
        assert!(!jpeg_is_complete(&jpeg[..jpeg.len() - 2]));
        assert!(!jpeg_is_complete(&jpeg[..40]));
    }

    #[test]
    fn file_names_are_reduced_to_their_last_part() {
        assert_eq!(
            display_name("C:\\Users\\jane\\IMG_0001.JPG"),
            "IMG_0001.JPG"
        );
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("a\u{0}b\n.jpg"), "ab.jpg");
    }
}
