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
    /// Format, size and hash. `width`/`height` are as displayed: those of
    /// the decoded picture once its EXIF orientation is applied.
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
    let upright = crate::renditions::decode_upright(bytes, limits.max_pixels)?;
    // The JPEG decoder fills a cut-off scan with grey rather than failing.
    if probed.format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(MediaError::Decode(
            "the JPEG file is cut short (no end-of-image marker); upload it again".into(),
        ));
    }
    let metadata = read_metadata(bytes, probed.format);
    // As the renditions will show it: the decoder turns the picture by the
    // orientation it reads, which the metadata reader may not have read
    // (it refuses a whole EXIF block that has one bad entry).
    (probed.width, probed.height) = (upright.width(), upright.height());
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

/// The last path component, without control characters or noncharacters
/// (`dateline_domain::is_forbidden_char`), at most 200 chars.
fn display_name(hint: &str) -> String {
    let base = hint.rsplit(['/', '\\']).next().unwrap_or_default();
    base.chars()
        .filter(|&c| !c.is_control() && !dateline_domain::is_forbidden_char(c))
        .take(200)
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::display_name;
    use crate::Limits;

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

    /// Found by the `picture_probe` fuzz target: an EXIF block that
    /// kamadak-exif refuses (an entry's count runs past the block) while the
    /// JPEG decoder still reads its orientation. The upload recorded the
    /// stored size, the renditions came out turned.
    #[test]
    fn recorded_dimensions_are_the_decoded_ones() {
        let mut jpeg = Vec::new();
        image::RgbImage::new(16, 8)
            .write_to(
                &mut std::io::Cursor::new(&mut jpeg),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        // Little-endian TIFF, IFD0: Orientation 6 (SHORT), then an Artist
        // (ASCII) entry claiming 6,160,393 bytes at offset 0.
        let mut tiff = b"II*\0\x08\0\0\0\x02\0".to_vec();
        tiff.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
        tiff.extend_from_slice(&[0x3B, 0x01, 2, 0, 9, 0, 0x5E, 0, 0, 0, 0, 0]);
        tiff.extend_from_slice(&[0, 0, 0, 0]);
        let app1 = [b"Exif\0\0".as_slice(), &tiff].concat();
        let mut file = jpeg[..2].to_vec();
        file.extend_from_slice(&[0xFF, 0xE1]);
        file.extend_from_slice(&u16::try_from(app1.len() + 2).unwrap().to_be_bytes());
        file.extend_from_slice(&app1);
        file.extend_from_slice(&jpeg[2..]);

        let accepted = super::ingest(&file, "turned.jpg", &Limits::default()).unwrap();
        let decoded = crate::renditions::decode_upright(&file, crate::MAX_PIXELS).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (8, 16));
        assert_eq!(
            (accepted.probed.width, accepted.probed.height),
            (decoded.width(), decoded.height())
        );
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

    #[test]
    fn file_names_lose_their_noncharacters() {
        assert_eq!(
            display_name("a\u{fdd0}b\u{fdef}\u{fffe}c\u{ffff}\u{1fffe}\u{10ffff}.jpg"),
            "abc.jpg"
        );
        // What is not a noncharacter stays: a BOM, a replacement character.
        assert_eq!(
            display_name("\u{feff}x\u{fffd}.jpg"),
            "\u{feff}x\u{fffd}.jpg"
        );
    }
}
