//! IPTC IIM (Information Interchange Model, IPTC 4.2), the legacy
//! metadata block newsroom systems still write into JPEG APP13.
//!
//! Hand-parsed: each dataset is `0x1C`, record, dataset number, a 16-bit
//! big-endian length (an extended length when its top bit is set), then the
//! data. No maintained crate reads IIM alone without bringing a whole image
//! toolkit, and the format is this small.
//!
//! Text is UTF-8 when dataset 1:90 (coded character set) says so
//! (`ESC % G`). Without it the standard's default is ISO 8859-1 (Latin-1),
//! but many tools write UTF-8 and omit 1:90, so bytes that are valid UTF-8
//! are read as UTF-8 and only the others as Latin-1 — exactly the text a
//! Latin-1 writer produces is almost never valid UTF-8 by accident.

use super::{clean, unix_time, EmbeddedMetadata};

/// 1:90 value announcing UTF-8.
const UTF8_ESCAPE: &[u8] = b"\x1b%G";

/// Raw datasets in file order: ((record, dataset), data).
fn datasets(mut data: &[u8]) -> Vec<((u8, u8), &[u8])> {
    let mut out = Vec::new();
    while data.len() >= 5 && data[0] == 0x1C {
        let (record, dataset) = (data[1], data[2]);
        let declared = u16::from_be_bytes([data[3], data[4]]);
        let (length, header) = if declared & 0x8000 == 0 {
            (usize::from(declared), 5)
        } else {
            // Extended dataset: the low bits say how many length bytes follow.
            let count = usize::from(declared & 0x7FFF);
            if count == 0 || count > 4 || data.len() < 5 + count {
                break;
            }
            let length = data[5..5 + count]
                .iter()
                .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
            (length, 5 + count)
        };
        let Some(value) = data.get(header..header + length) else {
            break;
        };
        out.push(((record, dataset), value));
        data = &data[header + length..];
    }
    out
}

fn decode(bytes: &[u8], utf8_declared: bool) -> String {
    if utf8_declared {
        return clean(&String::from_utf8_lossy(bytes));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => clean(text),
        Err(_) => clean(&bytes.iter().map(|b| char::from(*b)).collect::<String>()),
    }
}

/// `CCYYMMDD` and optional `HHMMSS±HHMM`.
fn date_time(date: &str, time: Option<&str>) -> Option<i64> {
    let digits = |s: &str, range: std::ops::Range<usize>| s.get(range)?.parse::<u32>().ok();
    let year = i32::try_from(digits(date, 0..4)?).ok()?;
    let (month, day) = (digits(date, 4..6)?, digits(date, 6..8)?);
    let (mut hms, mut offset) = ((0, 0, 0), 0);
    if let Some(t) = time {
        hms = (digits(t, 0..2)?, digits(t, 2..4)?, digits(t, 4..6)?);
        offset = t.get(6..).and_then(super::parse_offset).unwrap_or(0);
    }
    unix_time((year, month, day), hms, offset)
}

/// The fields Dateline uses from an IIM block.
pub(super) fn parse(data: &[u8]) -> EmbeddedMetadata {
    let all = datasets(data);
    let utf8 = all
        .iter()
        .any(|(id, value)| *id == (1, 90) && value.starts_with(UTF8_ESCAPE));
    let mut out = EmbeddedMetadata::default();
    let mut creators: Vec<String> = Vec::new();
    let (mut date, mut time) = (None, None);
    for (id, value) in all {
        let text = decode(value, utf8);
        if text.is_empty() {
            continue;
        }
        let set_once = |field: &mut String| {
            if field.is_empty() {
                *field = text.clone();
            }
        };
        match id {
            (2, 5) => set_once(&mut out.title),
            (2, 25) if !out.keywords.contains(&text) => out.keywords.push(text),
            (2, 55) => date = Some(text),
            (2, 60) => time = Some(text),
            (2, 80) if !creators.contains(&text) => creators.push(text),
            (2, 105) => set_once(&mut out.headline),
            (2, 110) => set_once(&mut out.credit),
            (2, 115) => set_once(&mut out.source),
            (2, 116) => set_once(&mut out.copyright),
            (2, 120) => set_once(&mut out.caption),
            _ => {}
        }
    }
    out.creator = creators.join(", ");
    out.taken_at = date.and_then(|d| date_time(&d, time.as_deref()));
    out
}

/// Encodes `(record, dataset, text)` entries as IIM datasets.
#[cfg(test)]
fn encode_iim(entries: &[(u8, u8, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (record, dataset, value) in entries {
        let length = u16::try_from(value.len()).unwrap_or(u16::MAX) & 0x7FFF;
        out.extend_from_slice(&[0x1C, *record, *dataset]);
        out.extend_from_slice(&length.to_be_bytes());
        out.extend_from_slice(&value[..usize::from(length)]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_declared_by_1_90() {
        let block = encode_iim(&[
            (1, 90, UTF8_ESCAPE),
            (2, 120, "Москва, 17 мая".as_bytes()),
            (2, 80, b"Jane Roe"),
            (2, 80, b"John Doe"),
            (2, 110, b"Northwind Agency"),
            (2, 55, b"20240517"),
            (2, 60, b"143000+0300"),
        ]);
        let m = parse(&block);
        assert_eq!(m.caption, "Москва, 17 мая");
        assert_eq!(m.creator, "Jane Roe, John Doe");
        assert_eq!(m.credit, "Northwind Agency");
        assert_eq!(m.taken_at, Some(1_715_945_400));
    }

    #[test]
    fn reads_latin1_without_1_90() {
        // "Café Zürich" in ISO 8859-1.
        let block = encode_iim(&[(2, 120, b"Caf\xe9 Z\xfcrich")]);
        assert_eq!(parse(&block).caption, "Café Zürich");
    }

    #[test]
    fn stops_at_truncated_datasets() {
        let mut block = encode_iim(&[(2, 110, b"Credit"), (2, 120, b"Caption")]);
        block.truncate(block.len() - 2);
        let m = parse(&block);
        assert_eq!((m.credit.as_str(), m.caption.as_str()), ("Credit", ""));
    }
}
