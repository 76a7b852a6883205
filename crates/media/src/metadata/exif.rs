//! The few EXIF tags a newsroom uses: description, artist, copyright, the
//! capture time and the orientation (kamadak-exif finds the EXIF block in
//! JPEG, PNG, WebP and HEIF/AVIF files).

use ::exif::{Field, In, Tag, Value};

use super::{clean, parse_offset, unix_time, EmbeddedMetadata};

fn text(field: Option<&Field>) -> String {
    match field.map(|f| &f.value) {
        // EXIF says ASCII; cameras and tools write UTF-8 in practice.
        Some(Value::Ascii(parts)) => clean(
            &parts
                .iter()
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .collect::<Vec<_>>()
                .join(" "),
        ),
        _ => String::new(),
    }
}

/// `YYYY:MM:DD HH:MM:SS` with an optional `±HH:MM` offset.
fn date_time(value: &str, offset: &str) -> Option<i64> {
    let num = |range: std::ops::Range<usize>| value.get(range)?.parse::<u32>().ok();
    let year = i32::try_from(num(0..4)?).ok()?;
    unix_time(
        (year, num(5..7)?, num(8..10)?),
        (num(11..13)?, num(14..16)?, num(17..19)?),
        parse_offset(offset).unwrap_or(0),
    )
}

pub(super) fn parse(bytes: &[u8]) -> EmbeddedMetadata {
    let mut cursor = std::io::Cursor::new(bytes);
    let Ok(exif) = ::exif::Reader::new().read_from_container(&mut cursor) else {
        return EmbeddedMetadata::default();
    };
    let get = |tag| exif.get_field(tag, In::PRIMARY);
    let orientation = get(Tag::Orientation)
        .and_then(|f| f.value.get_uint(0))
        .and_then(|v| u8::try_from(v).ok())
        .filter(|v| (1..=8).contains(v))
        .unwrap_or(0);
    EmbeddedMetadata {
        caption: text(get(Tag::ImageDescription)),
        creator: text(get(Tag::Artist)),
        copyright: text(get(Tag::Copyright)),
        taken_at: date_time(
            &text(get(Tag::DateTimeOriginal)),
            &text(get(Tag::OffsetTimeOriginal)),
        ),
        orientation,
        ..EmbeddedMetadata::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_exif_date_times() {
        assert_eq!(
            date_time("2024:05:17 14:30:00", "+02:00"),
            Some(1_715_949_000)
        );
        assert_eq!(date_time("2024:05:17 14:30:00", ""), Some(1_715_956_200));
        assert_eq!(date_time("    :  :     :  :  ", ""), None);
    }
}
