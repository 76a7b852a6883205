//! Dates as readers see them: an edition's strftime-style pattern in its time
//! zone, written with CLDR's month, weekday and day-period names and digits
//! for the page's language (ICU4X); ISO 8601 and RFC 2822 for machines.
//!
//! chrono-tz turns the moment into local fields; ICU4X only formats them. The
//! edition's pattern is translated to a UTS 35 pattern once and the names it
//! needs are loaded once per (language, digits, pattern), then kept.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, PoisonError, RwLock};

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use dateline_domain::{NumberSystem, UnixTime};
use icu_calendar::{Date, Gregorian};
use icu_datetime::pattern::{DateTimePattern, FixedCalendarDateTimeNames};
use icu_time::{DateTime as IcuDateTime, Time};
use writeable::TryWriteable;

use crate::numbers::icu_locale;

fn local(ts: UnixTime, tz: Tz) -> DateTime<Tz> {
    Utc.timestamp_opt(ts, 0)
        .single()
        .unwrap_or(DateTime::UNIX_EPOCH)
        .with_timezone(&tz)
}

/// Formats `ts` with `pattern` (the conversions `DateFormat` accepts:
/// `%d %e %m %b %B %y %Y %H %M %I %p %A %a %%`, and `%S` for the seconds
/// the newsroom shows) in `tz`, with the names and digits of `language`
/// and `numbers`. An unknown conversion is copied as it is.
pub fn format_date(
    language: &str,
    numbers: NumberSystem,
    ts: UnixTime,
    pattern: &str,
    tz: Tz,
) -> String {
    let t = local(ts, tz);
    let fields = Date::try_new_gregorian(t.year(), t.month() as u8, t.day() as u8)
        .ok()
        .zip(Time::try_new(t.hour() as u8, t.minute() as u8, t.second() as u8, 0).ok());
    let Some((date, time)) = fields else {
        // Outside ICU's year range: the machine form rather than nothing.
        return t.to_rfc3339_opts(SecondsFormat::Secs, true);
    };
    let input = IcuDateTime { date, time };
    let has_day = pattern.contains("%d") || pattern.contains("%e");
    match prepared(language, numbers, &uts35(pattern, has_day)) {
        Some(p) => p.format(&input),
        // A pattern asking for one kind of name twice (`%b … %B`) cannot be
        // loaded as a whole: each conversion is then formatted on its own,
        // in the context of the whole pattern.
        None => segments(pattern)
            .iter()
            .map(
                |segment| match prepared(language, numbers, &uts35(segment, has_day)) {
                    Some(p) => p.format(&input),
                    None => segment.clone(),
                },
            )
            .collect(),
    }
}

/// A UTS 35 pattern with the names it needs loaded.
struct Prepared {
    names: FixedCalendarDateTimeNames<Gregorian>,
    pattern: DateTimePattern,
}

impl Prepared {
    fn format(&self, input: &IcuDateTime<Gregorian>) -> String {
        let formatted = self
            .names
            .with_pattern_unchecked(&self.pattern)
            .format(input);
        // Every field was loaded: an error cannot happen, and would still
        // leave a readable text with the missing field marked.
        match formatted.try_write_to_string() {
            Ok(text) | Err((_, text)) => text.into_owned(),
        }
    }
}

/// Prepared patterns by (language, digits, UTS 35 pattern). Editions use a
/// handful of patterns; the bound only guards against a theme passing
/// patterns built from data.
type PreparedCache = HashMap<(String, NumberSystem, String), Option<Arc<Prepared>>>;
static PREPARED: LazyLock<RwLock<PreparedCache>> = LazyLock::new(RwLock::default);
const MAX_PREPARED: usize = 512;

fn prepared(language: &str, numbers: NumberSystem, uts35: &str) -> Option<Arc<Prepared>> {
    let key = (language.to_owned(), numbers, uts35.to_owned());
    if let Some(found) = PREPARED
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&key)
    {
        return found.clone();
    }
    let made = prepare(language, numbers, uts35).map(Arc::new);
    let mut cache = PREPARED.write().unwrap_or_else(PoisonError::into_inner);
    if cache.len() >= MAX_PREPARED {
        cache.clear();
    }
    cache.insert(key, made.clone());
    made
}

fn prepare(language: &str, numbers: NumberSystem, uts35: &str) -> Option<Prepared> {
    let locale = icu_locale(language, numbers);
    let pattern: DateTimePattern = uts35.parse().ok()?;
    let mut names = FixedCalendarDateTimeNames::<Gregorian>::try_new((&locale).into()).ok()?;
    names.include_for_pattern(&pattern).ok()?;
    Some(Prepared { names, pattern })
}

/// Translates a strftime-style pattern to UTS 35. Month names take their
/// in-a-date form (`31 января`) when the whole pattern has a day
/// (`has_day`), and their stand-alone form (`январь 2024`) otherwise.
fn uts35(strftime: &str, has_day: bool) -> String {
    let mut out = String::with_capacity(strftime.len() * 2);
    let mut literal = String::new();
    let mut chars = strftime.chars();
    while let Some(c) = chars.next() {
        let field = if c == '%' {
            match chars.next() {
                Some('d') => Some("dd"),
                Some('e') => Some("d"),
                Some('m') => Some("MM"),
                Some('b') => Some(if has_day { "MMM" } else { "LLL" }),
                Some('B') => Some(if has_day { "MMMM" } else { "LLLL" }),
                Some('y') => Some("yy"),
                Some('Y') => Some("y"),
                Some('H') => Some("HH"),
                Some('M') => Some("mm"),
                Some('S') => Some("ss"),
                Some('I') => Some("hh"),
                Some('p') => Some("a"),
                Some('A') => Some("EEEE"),
                Some('a') => Some("EEE"),
                Some('%') => {
                    literal.push('%');
                    None
                }
                Some(other) => {
                    literal.push('%');
                    literal.push(other);
                    None
                }
                None => {
                    literal.push('%');
                    None
                }
            }
        } else {
            literal.push(c);
            None
        };
        if let Some(field) = field {
            quote_into(&mut out, &literal);
            literal.clear();
            out.push_str(field);
        }
    }
    quote_into(&mut out, &literal);
    out
}

/// Appends `text` as a UTS 35 literal: quoted, with `'` doubled inside.
/// Leading apostrophes are written before the quotes (`''` each): ICU4X
/// reads four apostrophes as two, not as a quoted one.
fn quote_into(out: &mut String, text: &str) {
    let rest = text.trim_start_matches('\'');
    for _ in 0..text.len() - rest.len() {
        out.push_str("''");
    }
    if !rest.is_empty() {
        out.push('\'');
        out.push_str(&rest.replace('\'', "''"));
        out.push('\'');
    }
}

/// `pattern` cut into its conversions and the literal text between them.
fn segments(pattern: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut chars = pattern.chars();
    let mut text = String::new();
    while let Some(c) = chars.next() {
        if c == '%' {
            if !text.is_empty() {
                out.push(std::mem::take(&mut text));
            }
            let mut conversion = String::from('%');
            conversion.extend(chars.next());
            out.push(conversion);
        } else {
            text.push(c);
        }
    }
    if !text.is_empty() {
        out.push(text);
    }
    out
}

/// `2024-01-31T14:05:00+03:00`: the moment in the edition's zone, for
/// `<time datetime>` and JSON-LD.
pub fn iso8601(ts: UnixTime, tz: Tz) -> String {
    local(ts, tz).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `Wed, 31 Jan 2024 11:05:00 +0000`, for RSS. RFC 2822 writes four-digit
/// years only (chrono panics on others), so a time outside years 0–9999 is
/// held to that range.
pub fn rfc2822(ts: UnixTime) -> String {
    const FIRST: UnixTime = -62_167_219_200; // 0000-01-01T00:00:00Z
    const LAST: UnixTime = 253_402_300_799; // 9999-12-31T23:59:59Z
    local(ts.clamp(FIRST, LAST), chrono_tz::UTC).to_rfc2822()
}

/// `2024-01-31T11:05:00Z`: a W3C datetime in UTC, for sitemaps' `<lastmod>`.
pub fn w3c_date(ts: UnixTime) -> String {
    local(ts, chrono_tz::UTC).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The first second of `date` in `tz` (the start of the local day), for
/// date filters typed by readers.
pub fn local_midnight(date: NaiveDate, tz: Tz) -> UnixTime {
    let naive = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    tz.from_local_datetime(&naive)
        .earliest()
        .map_or_else(|| naive.and_utc().timestamp(), |t| t.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2024-01-31 11:05:00 UTC.
    const TS: UnixTime = 1_706_699_100;

    /// Found by the `dates` fuzz target: chrono panics when RFC 2822
    /// cannot write the year (negative or past 9999).
    #[test]
    fn rfc2822_keeps_to_four_digit_years() {
        assert_eq!(rfc2822(TS), "Wed, 31 Jan 2024 11:05:00 +0000");
        assert_eq!(rfc2822(-62_167_219_201), "Sat, 1 Jan 0000 00:00:00 +0000");
        assert_eq!(rfc2822(i64::MIN), "Sat, 1 Jan 0000 00:00:00 +0000");
        assert_eq!(rfc2822(253_402_300_800), "Fri, 31 Dec 9999 23:59:59 +0000");
        assert_eq!(rfc2822(i64::MAX), "Fri, 31 Dec 9999 23:59:59 +0000");
    }

    const L: NumberSystem = NumberSystem::Latin;
    const N: NumberSystem = NumberSystem::Native;

    #[test]
    fn edition_patterns_in_the_edition_time_zone() {
        let moscow: Tz = "Europe/Moscow".parse().unwrap();
        let london: Tz = "Europe/London".parse().unwrap();
        assert_eq!(format_date("ru", L, TS, "%d.%m.%Y", moscow), "31.01.2024");
        assert_eq!(
            format_date("ru", L, TS, "%d.%m.%Y %H:%M", moscow),
            "31.01.2024 14:05"
        );
        assert_eq!(
            format_date("en", L, TS, "%d.%m.%Y %H:%M", london),
            "31.01.2024 11:05"
        );
        assert_eq!(
            format_date("en", L, TS, "%B %e, %Y", london),
            "January 31, 2024"
        );
        assert_eq!(
            format_date("en", L, TS, "%a %d %b %y, %I:%M %p", london),
            "Wed 31 Jan 24, 11:05 AM"
        );
        assert_eq!(format_date("en", L, TS, "100%% %q", london), "100% %q");
        // Literal letters are not read as UTS 35 fields, quotes survive.
        assert_eq!(
            format_date("en", L, TS, "day %e o'clock %H", london),
            "day 31 o'clock 11"
        );
        // Seconds, as the newsroom's revision list shows them.
        assert_eq!(format_date("en", L, TS + 7, "%H:%M:%S", london), "11:05:07");
    }

    /// A month in a date is in the genitive (`31 января`); a month with no
    /// day is the stand-alone nominative (`январь 2024`).
    #[test]
    fn russian_month_names_follow_their_context() {
        let moscow: Tz = "Europe/Moscow".parse().unwrap();
        assert_eq!(
            format_date("ru", L, TS, "%e %B %Y", moscow),
            "31 января 2024"
        );
        assert_eq!(format_date("ru", L, TS, "%B %Y", moscow), "январь 2024");
        assert_eq!(
            format_date("ru", L, TS, "%A, %e %b", moscow),
            "среда, 31 янв."
        );
        // Two kinds of month name in one pattern are formatted one by one.
        assert_eq!(
            format_date("ru", L, TS, "%e %B (%b)", moscow),
            "31 января (янв.)"
        );
    }

    #[test]
    fn arabic_dates_in_latin_or_arabic_indic_digits() {
        let riyadh: Tz = "Asia/Riyadh".parse().unwrap();
        assert_eq!(
            format_date("ar", L, TS, "%e %B %Y", riyadh),
            "31 يناير 2024"
        );
        assert_eq!(
            format_date("ar", N, TS, "%e %B %Y", riyadh),
            "٣١ يناير ٢٠٢٤"
        );
        assert_eq!(
            format_date("ar", L, TS, "%A %I:%M %p", riyadh),
            "الأربعاء 02:05 م"
        );
    }

    /// Whatever a theme passes: quotes, stray percent signs, UTS 35 letters
    /// as text, far moments. Formatting never fails or panics.
    #[test]
    fn odd_patterns_and_moments_still_format() {
        let utc = chrono_tz::UTC;
        assert_eq!(format_date("en", L, TS, "'%Y''", utc), "'2024''");
        assert_eq!(format_date("en", L, TS, "%", utc), "%");
        assert_eq!(format_date("ar", N, TS, "yMd %m", utc), "yMd ٠١");
        assert_eq!(format_date("xx-invalid!", L, TS, "%d", utc), "31");
        for ts in [i64::MIN, -62_167_219_201, 253_402_300_800, i64::MAX] {
            assert!(!format_date("ru", N, ts, "%e %B %Y %H:%M %p %A", utc).is_empty());
        }
    }

    #[test]
    fn a_day_boundary_depends_on_the_zone() {
        // 2024-01-31 22:30 UTC is already 1 February in Moscow.
        let late = 1_706_740_200;
        assert_eq!(
            format_date("en", L, late, "%d.%m", "UTC".parse().unwrap()),
            "31.01"
        );
        assert_eq!(
            format_date("ru", L, late, "%d.%m", "Europe/Moscow".parse().unwrap()),
            "01.02"
        );
    }

    #[test]
    fn machine_formats() {
        assert_eq!(
            iso8601(TS, "Europe/Moscow".parse().unwrap()),
            "2024-01-31T14:05:00+03:00"
        );
        assert_eq!(iso8601(TS, chrono_tz::UTC), "2024-01-31T11:05:00Z");
        assert_eq!(rfc2822(TS), "Wed, 31 Jan 2024 11:05:00 +0000");
        let day = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
        assert_eq!(
            local_midnight(day, "Europe/Moscow".parse().unwrap()),
            1_706_648_400
        );
    }
}
