//! Calendar dates from Unix time, for "On Tuesday" and "31 января" in text.

use dateline_domain::UnixTime;

/// A date in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CivilDate {
    pub year: i64,
    /// 1–12.
    pub month: u8,
    /// 1–31.
    pub day: u8,
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u8,
}

/// The date at `time` shifted by `utc_offset` seconds (Howard Hinnant's
/// days-to-civil algorithm).
pub fn civil_date(time: UnixTime, utc_offset: i64) -> CivilDate {
    let days = (time + utc_offset).div_euclid(86_400);
    // 1970-01-01 was a Thursday.
    let weekday = (days + 3).rem_euclid(7) as u8;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    CivilDate {
        year,
        month,
        day,
        weekday,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        // 2024-01-31 12:00 UTC was a Wednesday.
        let d = civil_date(1_706_702_400, 0);
        assert_eq!((d.year, d.month, d.day, d.weekday), (2024, 1, 31, 2));
        let d = civil_date(0, 0);
        assert_eq!((d.year, d.month, d.day, d.weekday), (1970, 1, 1, 3));
        // Late evening in London is already the next day in Moscow.
        assert_eq!(civil_date(1_706_738_400, 3 * 3600).day, 1);
    }
}
