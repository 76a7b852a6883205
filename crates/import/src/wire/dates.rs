//! Dates as wire formats and feeds write them, to Unix seconds.
//!
//! ISO 8601 / RFC 3339 (with or without a zone: none is UTC; date only;
//! the basic form `20130731T153200+0000` NewsML 1 uses) and RFC 2822 as
//! feeds really write it (named zones such as "EST", missing weekday or
//! seconds, full month names, two-digit years). A date that cannot be
//! read is `None`: an odd date never costs an item.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use dateline_domain::UnixTime;

/// `text` as Unix seconds, `None` when it is not a date this reads.
pub fn parse(text: &str) -> Option<UnixTime> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.timestamp());
    }
    if let Some(t) = iso8601(text) {
        return Some(t);
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(text) {
        return Some(t.timestamp());
    }
    lenient_rfc2822(text)
}

/// ISO 8601 in its extended or basic form, the time and zone optional.
fn iso8601(text: &str) -> Option<UnixTime> {
    let (date_part, rest) = match text.find(['T', 't', ' ']) {
        Some(at) => (&text[..at], text[at + 1..].trim()),
        None => (text, ""),
    };
    let date = iso_date(date_part)?;
    if rest.is_empty() {
        return Some(date.and_time(NaiveTime::MIN).and_utc().timestamp());
    }
    let zone_at = rest
        .find(['Z', 'z', '+', '-'])
        .or_else(|| rest.find(' '))
        .unwrap_or(rest.len());
    let time = iso_time(rest[..zone_at].trim())?;
    let zone = rest[zone_at..].trim();
    let offset = if zone.is_empty() {
        0
    } else {
        zone_offset(zone)?
    };
    local_to_unix(NaiveDateTime::new(date, time), offset)
}

fn iso_date(text: &str) -> Option<NaiveDate> {
    let digits: String = text.chars().filter(|c| *c != '-').collect();
    if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if text.contains('-') && text.len() != 10 {
        return None;
    }
    let year = digits[..4].parse().ok()?;
    let month = digits[4..6].parse().ok()?;
    let day = digits[6..8].parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// "10:37", "10:37:00", "10:37:00.123", "103700", "1037".
fn iso_time(text: &str) -> Option<NaiveTime> {
    let (main, fraction) = match text.find(['.', ',']) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    };
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits: String = main.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(digits.len(), 4 | 6) {
        return None;
    }
    let hour = digits[..2].parse().ok()?;
    let minute = digits[2..4].parse().ok()?;
    let second = if digits.len() == 6 {
        digits[4..6].parse().ok()?
    } else {
        0
    };
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// "Z", "+02:00", "+0200", "-05", "GMT", "EST", "UTC+2": seconds east of UTC.
fn zone_offset(zone: &str) -> Option<i32> {
    let zone = zone.trim();
    if let Some(named) = named_zone(zone) {
        return Some(named);
    }
    // "GMT+2", "UTC-05:00".
    for prefix in ["GMT", "UTC", "UT"] {
        if let Some(rest) = zone.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return numeric_offset(rest, true);
            }
        }
    }
    numeric_offset(zone, false)
}

/// "+0200", "+02:00", "-05"; with `short_hours`, "+2" too.
fn numeric_offset(text: &str, short_hours: bool) -> Option<i32> {
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = text[1..].chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes): (i32, i32) = match digits.len() {
        1 if short_hours => (digits.parse().ok()?, 0),
        2 => (digits.parse().ok()?, 0),
        3 if short_hours => (digits[..1].parse().ok()?, digits[1..].parse().ok()?),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    Some(sign * (hours * 3600 + minutes * 60))
}

/// Zone abbreviations feeds use, in seconds east of UTC. Ambiguous ones
/// (IST: India, Ireland or Israel) are left out and read as UTC.
fn named_zone(zone: &str) -> Option<i32> {
    let hours = |h: f64| Some((h * 3600.0) as i32);
    match zone.to_ascii_uppercase().as_str() {
        "Z" | "UT" | "UTC" | "GMT" | "WET" => hours(0.0),
        "EST" => hours(-5.0),
        "EDT" => hours(-4.0),
        "CST" => hours(-6.0),
        "CDT" => hours(-5.0),
        "MST" => hours(-7.0),
        "MDT" => hours(-6.0),
        "PST" => hours(-8.0),
        "PDT" => hours(-7.0),
        "AKST" => hours(-9.0),
        "AKDT" => hours(-8.0),
        "HST" => hours(-10.0),
        "AST" => hours(-4.0),
        "ADT" => hours(-3.0),
        "NST" => hours(-3.5),
        "NDT" => hours(-2.5),
        "BST" | "WEST" | "CET" | "MEZ" => hours(1.0),
        "CEST" | "MESZ" | "EET" | "SAST" => hours(2.0),
        "EEST" | "MSK" => hours(3.0),
        "HKT" | "SGT" | "AWST" => hours(8.0),
        "JST" | "KST" => hours(9.0),
        "ACST" => hours(9.5),
        "AEST" => hours(10.0),
        "ACDT" => hours(10.5),
        "AEDT" => hours(11.0),
        "NZST" => hours(12.0),
        "NZDT" => hours(13.0),
        _ => None,
    }
}

fn local_to_unix(local: NaiveDateTime, offset: i32) -> Option<UnixTime> {
    let zone = FixedOffset::east_opt(offset)?;
    zone.from_local_datetime(&local)
        .single()
        .map(|t| t.timestamp())
}

/// RFC 2822 as feeds really write it: the parts found by what they look
/// like, in any usual order ("Thu, 25 Feb 2021 10:15 EST", "25 February
/// 2021 10:15:00 GMT", "Feb 25, 21 10:15:00 +0100").
fn lenient_rfc2822(text: &str) -> Option<UnixTime> {
    // A zone's name in a comment, "(PST)", says nothing the offset does not.
    let mut cleaned = String::with_capacity(text.len());
    let mut depth = 0u32;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => cleaned.push(' '),
            _ if depth == 0 => cleaned.push(c),
            _ => {}
        }
    }
    let mut month = None;
    let mut year: Option<i32> = None;
    let mut time = None;
    let mut offset = None;
    let mut short_numbers: Vec<u32> = Vec::new();
    for token in cleaned.split_whitespace() {
        if token.contains(':') && time.is_none() && token.as_bytes()[0].is_ascii_digit() {
            time = Some(iso_time(token)?);
        } else if token.starts_with(['+', '-']) || token.starts_with("GMT+") {
            offset = Some(zone_offset(token)?);
        } else if token.bytes().all(|b| b.is_ascii_digit()) {
            match token.len() {
                4 => year = Some(token.parse().ok()?),
                1 | 2 => short_numbers.push(token.parse().ok()?),
                _ => return None,
            }
        } else if let Some(m) = month_number(token) {
            month = Some(m);
        } else if is_weekday(token) {
            // The weekday follows from the date.
        } else if let Some(o) = zone_offset(token) {
            offset = Some(o);
        } else if token.bytes().all(|b| b.is_ascii_alphabetic()) && time.is_some() {
            // An unknown zone name after the time: read as UTC.
            offset.get_or_insert(0);
        } else {
            return None;
        }
    }
    let mut numbers = short_numbers.into_iter();
    let day = numbers.next();
    if year.is_none() {
        // Two-digit years as RFC 2822 reads them: 00–49 is 2000–2049.
        let y = numbers.next()?;
        year = Some(if y < 50 {
            2000 + y as i32
        } else {
            1900 + y as i32
        });
    }
    let date = NaiveDate::from_ymd_opt(year?, month?, day?)?;
    let time = time.unwrap_or(NaiveTime::MIN);
    local_to_unix(NaiveDateTime::new(date, time), offset.unwrap_or(0))
}

fn month_number(token: &str) -> Option<u32> {
    let lower = token.to_ascii_lowercase();
    let lower = lower.trim_end_matches('.');
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if lower.len() < 3 {
        return None;
    }
    let at = MONTHS.iter().position(|m| lower.starts_with(m))?;
    // "sept", "june", "february": a prefix of the full name only.
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    FULL[at].starts_with(lower).then_some(at as u32 + 1)
}

fn is_weekday(token: &str) -> bool {
    let lower = token.to_ascii_lowercase();
    let lower = lower.trim_end_matches('.');
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    lower.len() >= 2 && DAYS.iter().any(|d| d.starts_with(lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2021-02-25T10:15:00Z.
    const T: i64 = 1_614_248_100;

    #[test]
    fn iso_forms() {
        assert_eq!(parse("2021-02-25T10:15:00Z"), Some(T));
        assert_eq!(parse("2021-02-25T11:15:00+01:00"), Some(T));
        assert_eq!(parse("2021-02-25T10:15:00.250Z"), Some(T));
        assert_eq!(parse(" 2021-02-25T10:15:00 "), Some(T));
        assert_eq!(parse("2021-02-25T10:15"), Some(T));
        assert_eq!(parse("2021-02-25 05:15:00-0500"), Some(T));
        assert_eq!(parse("20210225T101500+0000"), Some(T));
        assert_eq!(parse("2021-02-25"), Some(T - 36_900));
        assert_eq!(parse("2021-02-30"), None);
        assert_eq!(parse("yesterday"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn rfc2822_forms() {
        assert_eq!(parse("Thu, 25 Feb 2021 10:15:00 +0000"), Some(T));
        assert_eq!(parse("Thu, 25 Feb 2021 10:15:00 GMT"), Some(T));
        assert_eq!(parse("Thu, 25 Feb 2021 10:15:00 UT"), Some(T));
        assert_eq!(parse("Thu, 25 Feb 2021 05:15:00 EST"), Some(T));
        assert_eq!(parse("Thu, 25 Feb 2021 02:15:00 PST"), Some(T));
        assert_eq!(parse("Thu, 25 Feb 2021 11:15:00 CET"), Some(T));
        assert_eq!(parse("25 Feb 2021 10:15 GMT"), Some(T));
        assert_eq!(parse("Thursday, 25 February 2021 10:15:00 UTC"), Some(T));
        assert_eq!(parse("Thu, 25 Feb 21 10:15:00 +0000"), Some(T));
        assert_eq!(parse("Feb 25, 2021 10:15:00 GMT"), Some(T));
        assert_eq!(parse("Thu, 25 Feb 2021 10:15:00 UTC+0"), Some(T));
        assert_eq!(parse("Thu, 25 Feb 2021 12:15:00 GMT+2"), Some(T));
        assert_eq!(parse("Thu, 25 Feb 2021 10:15:00 +0000 (UTC)"), Some(T));
        assert_eq!(parse("Thu, 31 Feb 2021 10:15:00 GMT"), None);
    }
}
