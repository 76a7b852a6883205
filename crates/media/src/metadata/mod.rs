//! Caption, credit, copyright and the rest that photographers and agencies
//! embed in pictures, read from the three places they put them: XMP, IPTC
//! IIM (JPEG APP13) and EXIF.
//!
//! When the sources disagree, text fields follow XMP > IIM > EXIF, as the
//! IPTC Photo Metadata standard and the Metadata Working Group advise (XMP
//! is the current format, IIM its legacy predecessor, EXIF the camera's few
//! text tags). The capture time prefers EXIF `DateTimeOriginal` (written by
//! the camera itself), then XMP `photoshop:DateCreated`, then IIM 2:55/2:60.
//! Reading never fails: an unreadable block is skipped, since metadata only
//! pre-fills a form an editor checks.

mod containers;
mod exif;
mod iim;
mod xmp;

pub use xmp::xmp_packet;

/// Each source's parser alone (re-exported for the fuzz targets only).
pub(crate) mod parsers {
    use super::EmbeddedMetadata;

    /// Reads an XMP packet.
    pub fn xmp(packet: &str) -> EmbeddedMetadata {
        super::xmp::parse(packet)
    }

    /// Reads IPTC IIM datasets (the content of Photoshop resource 0x0404).
    pub fn iim(block: &[u8]) -> EmbeddedMetadata {
        super::iim::parse(block)
    }

    /// Reads EXIF from any container kamadak-exif knows.
    pub fn exif(file: &[u8]) -> EmbeddedMetadata {
        super::exif::parse(file)
    }
}

use dateline_domain::{ImageFormat, UnixTime};

/// What a picture says about itself. Empty strings mean "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmbeddedMetadata {
    /// dc:description / IIM 2:120 / EXIF ImageDescription.
    pub caption: String,
    /// photoshop:Headline / IIM 2:105.
    pub headline: String,
    /// dc:title / IIM 2:05 (object name).
    pub title: String,
    /// Iptc4xmpCore:AltTextAccessibility.
    pub alt_text: String,
    /// photoshop:Credit / IIM 2:110 (the credit line to print).
    pub credit: String,
    /// dc:rights / IIM 2:116 / EXIF Copyright.
    pub copyright: String,
    /// dc:creator / IIM 2:80 (by-line) / EXIF Artist; several joined by ", ".
    pub creator: String,
    /// photoshop:Source / IIM 2:115.
    pub source: String,
    /// dc:subject / IIM 2:25, in order, without duplicates.
    pub keywords: Vec<String>,
    /// When the picture was taken, Unix seconds (UTC when no offset was given).
    pub taken_at: Option<UnixTime>,
    /// EXIF orientation 1–8 (1 = upright), applied to renditions.
    pub orientation: u8,
}

impl EmbeddedMetadata {
    /// Fills every empty field of `self` from `other`.
    fn fill_from(&mut self, other: EmbeddedMetadata) {
        let fill = |mine: &mut String, theirs: String| {
            if mine.is_empty() {
                *mine = theirs;
            }
        };
        fill(&mut self.caption, other.caption);
        fill(&mut self.headline, other.headline);
        fill(&mut self.title, other.title);
        fill(&mut self.alt_text, other.alt_text);
        fill(&mut self.credit, other.credit);
        fill(&mut self.copyright, other.copyright);
        fill(&mut self.creator, other.creator);
        fill(&mut self.source, other.source);
        if self.keywords.is_empty() {
            self.keywords = other.keywords;
        }
        if self.taken_at.is_none() {
            self.taken_at = other.taken_at;
        }
        if self.orientation == 0 {
            self.orientation = other.orientation;
        }
    }

    /// Whether the EXIF orientation turns the picture by 90° (5–8), which
    /// swaps the displayed width and height.
    pub fn swaps_dimensions(&self) -> bool {
        (5..=8).contains(&self.orientation)
    }
}

/// Reads the embedded metadata of a picture of `format`, merging the
/// sources with the precedence described in the module documentation.
pub fn read_metadata(bytes: &[u8], format: ImageFormat) -> EmbeddedMetadata {
    let blocks = containers::blocks(bytes, format);
    let from_xmp = blocks.xmp.as_deref().map(xmp::parse).unwrap_or_default();
    let from_iim = blocks.iim.as_deref().map(iim::parse).unwrap_or_default();
    let from_exif = exif::parse(bytes);

    let mut merged = from_xmp;
    // Dates: the camera's own clock first.
    let xmp_date = merged.taken_at.take();
    merged.taken_at = from_exif.taken_at.or(xmp_date).or(from_iim.taken_at);
    merged.fill_from(from_iim);
    merged.fill_from(from_exif);
    if merged.orientation == 0 {
        merged.orientation = 1;
    }
    merged
}

/// Trims, drops control characters and noncharacters
/// (`dateline_domain::is_forbidden_char`, which no stored text may hold) and
/// collapses runs of white space, so that odd writers' padding never
/// reaches a caption.
fn clean(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .map(|w| w.replace(dateline_domain::is_forbidden_char, ""))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Unix seconds of a civil date-time at `offset_seconds` east of UTC.
fn unix_time(
    (year, month, day): (i32, u32, u32),
    (hour, minute, second): (u32, u32, u32),
    offset_seconds: i32,
) -> Option<UnixTime> {
    let date = chrono::NaiveDate::from_ymd_opt(year, month, day)?;
    let time = chrono::NaiveTime::from_hms_opt(hour, minute, second)?;
    Some(date.and_time(time).and_utc().timestamp() - i64::from(offset_seconds))
}

/// `+HH:MM`, `-HHMM` or `Z` as seconds east of UTC.
fn parse_offset(text: &str) -> Option<i32> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    Some(sign * (hours * 3600 + minutes * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_times() {
        assert_eq!(parse_offset("+03:00"), Some(10_800));
        assert_eq!(parse_offset("-0530"), Some(-19_800));
        assert_eq!(parse_offset("Z"), Some(0));
        assert_eq!(parse_offset("03:00"), None);
        assert_eq!(
            unix_time((2024, 5, 17), (14, 30, 0), 7200),
            Some(1_715_949_000)
        );
        assert_eq!(unix_time((2024, 2, 30), (0, 0, 0), 0), None);
    }

    #[test]
    fn cleaning_collapses_white_space() {
        assert_eq!(clean("  Kyiv,\r\n  May\t17 \u{0}"), "Kyiv, May 17");
    }

    #[test]
    fn cleaning_drops_noncharacters() {
        assert_eq!(
            clean("Ky\u{fdd0}iv,\u{fffe} May \u{ffff}\u{10ffff} 17\u{fdef}\u{2fffe}"),
            "Kyiv, May 17"
        );
        assert_eq!(clean("\u{fdd0} \u{ffff}"), "");
        assert_eq!(
            clean("\u{feff}caf\u{e9}\u{fffd}"),
            "\u{feff}caf\u{e9}\u{fffd}"
        );
    }
}
