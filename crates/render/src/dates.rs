//! Dates as readers see them: an edition's strftime-style pattern in its time
//! zone, with month and weekday names from the catalogs; ISO 8601 and RFC 2822
//! for machines.

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use dateline_domain::UnixTime;
use fluent_bundle::FluentArgs;

use crate::catalogs::Catalogs;

fn local(ts: UnixTime, tz: Tz) -> DateTime<Tz> {
    Utc.timestamp_opt(ts, 0)
        .single()
        .unwrap_or(DateTime::UNIX_EPOCH)
        .with_timezone(&tz)
}

/// Formats `ts` with `pattern` (the conversions `DateFormat` accepts:
/// `%d %e %m %b %B %y %Y %H %M %I %p %A %a %%`, and `%S` for the seconds
/// the newsroom shows) in `tz`, naming months and
/// weekdays in `language`. An unknown conversion is copied as it is.
pub fn format_date(
    catalogs: &Catalogs,
    language: &str,
    ts: UnixTime,
    pattern: &str,
    tz: Tz,
) -> String {
    use std::fmt::Write;
    let t = local(ts, tz);
    let name = |key: &str, n: u32| {
        let mut args = FluentArgs::new();
        args.set("n", n);
        catalogs.message(language, key, Some(&args))
    };
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        // Writing into a String cannot fail.
        let _ = match chars.next() {
            Some('d') => write!(out, "{:02}", t.day()),
            Some('e') => write!(out, "{}", t.day()),
            Some('m') => write!(out, "{:02}", t.month()),
            Some('y') => write!(out, "{:02}", t.year().rem_euclid(100)),
            Some('Y') => write!(out, "{}", t.year()),
            Some('H') => write!(out, "{:02}", t.hour()),
            Some('M') => write!(out, "{:02}", t.minute()),
            Some('S') => write!(out, "{:02}", t.second()),
            Some('I') => write!(out, "{:02}", t.hour12().1),
            Some('p') => write!(out, "{}", name("date-am-pm", u32::from(t.hour12().0))),
            Some('b') => write!(out, "{}", name("date-month-short", t.month())),
            Some('B') => write!(out, "{}", name("date-month-long", t.month())),
            Some('a') => write!(
                out,
                "{}",
                name("date-weekday-short", t.weekday().number_from_monday())
            ),
            Some('A') => write!(
                out,
                "{}",
                name("date-weekday-long", t.weekday().number_from_monday())
            ),
            Some('%') => write!(out, "%"),
            Some(other) => write!(out, "%{other}"),
            None => write!(out, "%"),
        };
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

    #[test]
    fn edition_patterns_in_the_edition_time_zone() {
        let c = Catalogs::load(None);
        let moscow: Tz = "Europe/Moscow".parse().unwrap();
        let london: Tz = "Europe/London".parse().unwrap();
        assert_eq!(format_date(&c, "ru", TS, "%d.%m.%Y", moscow), "31.01.2024");
        assert_eq!(
            format_date(&c, "ru", TS, "%d.%m.%Y %H:%M", moscow),
            "31.01.2024 14:05"
        );
        assert_eq!(
            format_date(&c, "en", TS, "%d.%m.%Y %H:%M", london),
            "31.01.2024 11:05"
        );
        assert_eq!(
            format_date(&c, "ru", TS, "%e %B %Y", moscow),
            "31 января 2024"
        );
        assert_eq!(
            format_date(&c, "en", TS, "%B %e, %Y", london),
            "January 31, 2024"
        );
        assert_eq!(
            format_date(&c, "en", TS, "%a %d %b %y, %I:%M %p", london),
            "Wed 31 Jan 24, 11:05 AM"
        );
        assert_eq!(
            format_date(&c, "ru", TS, "%A, %e %b", moscow),
            "среда, 31 янв."
        );
        assert_eq!(format_date(&c, "en", TS, "100%% %q", london), "100% %q");
        // Seconds, as the newsroom's revision list shows them.
        assert_eq!(
            format_date(&c, "en", TS + 7, "%H:%M:%S", london),
            "11:05:07"
        );
    }

    #[test]
    fn a_day_boundary_depends_on_the_zone() {
        let c = Catalogs::load(None);
        // 2024-01-31 22:30 UTC is already 1 February in Moscow.
        let late = 1_706_740_200;
        assert_eq!(
            format_date(&c, "en", late, "%d.%m", "UTC".parse().unwrap()),
            "31.01"
        );
        assert_eq!(
            format_date(&c, "ru", late, "%d.%m", "Europe/Moscow".parse().unwrap()),
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
