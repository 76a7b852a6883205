//! Dates as readers and feeds see them, for any moment in any zone with any
//! pattern an edition may save: formatting never panics.

#![no_main]

use chrono::NaiveDate;
use dateline_domain::{DateFormat, NumberSystem};
use dateline_render::{format_date, iso8601, local_midnight, rfc2822, w3c_date};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (i64, u16, i32, u8, &str)| {
    let (ts, zone, day, choice, pattern) = input;
    let tz = chrono_tz::TZ_VARIANTS[usize::from(zone) % chrono_tz::TZ_VARIANTS.len()];
    let language = ["en", "ru", "ar"][usize::from(choice % 3)];
    let numbers = if choice & 4 == 0 {
        NumberSystem::Latin
    } else {
        NumberSystem::Native
    };
    if let Ok(format) = pattern.parse::<DateFormat>() {
        let _ = format_date(language, numbers, ts, format.as_str(), tz);
    }
    let _ = format_date(language, numbers, ts, pattern, tz);
    let _ = iso8601(ts, tz);
    let _ = rfc2822(ts);
    let _ = w3c_date(ts);
    if let Some(date) = NaiveDate::from_num_days_from_ce_opt(day) {
        let _ = local_midnight(date, tz);
    }
});
