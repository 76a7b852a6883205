//! Numbers as readers see them: CLDR digits and grouping for a language and
//! an edition's [`NumberSystem`], formatted by ICU4X (`12,345`, `12 345`,
//! `١٢٬٣٤٥`).

use dateline_domain::NumberSystem;
use fixed_decimal::Decimal;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale;

/// Languages whose own digits (CLDR's `native` numbering system) are not
/// their locale's default: CLDR now defaults Arabic and the languages of
/// India, among others, to Latin digits, and ICU4X does not resolve
/// `native` by itself. Languages whose default already is their own digits
/// (Persian, Bengali, Burmese…) need no entry.
const NATIVE_DIGITS: &[(&str, &str)] = &[
    ("ar", "arab"),
    ("bo", "tibt"),
    ("gu", "gujr"),
    ("hi", "deva"),
    ("km", "khmr"),
    ("kn", "knda"),
    ("lo", "laoo"),
    ("ml", "mlym"),
    ("mr", "deva"),
    ("or", "orya"),
    ("pa", "guru"),
    ("ta", "tamldec"),
    ("te", "telu"),
    ("th", "thai"),
    ("ur", "arabext"),
];

/// The ICU locale of a catalog language written with `numbers`: Latin digits
/// are asked for with `-u-nu-latn`; native ones with the language's own
/// system, or the locale's default. A language ICU cannot parse becomes the
/// root locale (Latin digits, CLDR's neutral names).
pub(crate) fn icu_locale(language: &str, numbers: NumberSystem) -> Locale {
    let native = NATIVE_DIGITS.iter().find(|(l, _)| *l == language);
    let tag = match (numbers, native) {
        (NumberSystem::Latin, _) => format!("{language}-u-nu-latn"),
        (NumberSystem::Native, Some((_, system))) => format!("{language}-u-nu-{system}"),
        (NumberSystem::Native, None) => language.to_owned(),
    };
    tag.parse().unwrap_or(Locale::UNKNOWN)
}

/// A decimal formatter for `locale`; `grouping` false writes `12345`.
pub(crate) fn decimal_formatter(locale: &Locale, grouping: bool) -> Option<DecimalFormatter> {
    let mut options = DecimalFormatterOptions::default();
    if !grouping {
        options.grouping_strategy = Some(GroupingStrategy::Never);
    }
    DecimalFormatter::try_new(locale.into(), options)
        .inspect_err(|error| tracing::warn!(%locale, %error, "no decimal formatter"))
        .ok()
}

/// `n` with the digits and group separator of `language` and `numbers`.
pub fn format_integer(language: &str, numbers: NumberSystem, n: i64) -> String {
    let locale = icu_locale(language, numbers);
    match decimal_formatter(&locale, true) {
        Some(formatter) => formatter.format_to_string(&Decimal::from(n)),
        None => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_groups_with_commas_in_latin_digits_either_way() {
        assert_eq!(format_integer("en", NumberSystem::Latin, 0), "0");
        assert_eq!(format_integer("en", NumberSystem::Latin, 999), "999");
        assert_eq!(format_integer("en", NumberSystem::Latin, 1000), "1,000");
        assert_eq!(
            format_integer("en", NumberSystem::Native, -1_234_567),
            "-1,234,567"
        );
        assert_eq!(
            format_integer("en", NumberSystem::Latin, i64::MIN),
            "-9,223,372,036,854,775,808"
        );
    }

    /// CLDR's Russian group separator is a no-break space, so a number never
    /// wraps.
    #[test]
    fn russian_groups_with_a_no_break_space() {
        assert_eq!(
            format_integer("ru", NumberSystem::Latin, 12345),
            "12\u{a0}345"
        );
        assert_eq!(
            format_integer("ru", NumberSystem::Latin, 1_234_567),
            "1\u{a0}234\u{a0}567"
        );
    }

    #[test]
    fn arabic_numbers_in_latin_or_arabic_indic_digits() {
        assert_eq!(format_integer("ar", NumberSystem::Latin, 12345), "12,345");
        assert_eq!(format_integer("ar", NumberSystem::Native, 12345), "١٢٬٣٤٥");
        assert_eq!(format_integer("ar", NumberSystem::Native, 7), "٧");
    }

    #[test]
    fn hindi_native_digits_are_devanagari() {
        assert_eq!(format_integer("hi", NumberSystem::Native, 2024), "२,०२४");
        assert_eq!(format_integer("hi", NumberSystem::Latin, 2024), "2,024");
    }

    #[test]
    fn persian_native_digits_come_from_a_runtime_language() {
        assert_eq!(format_integer("fa", NumberSystem::Native, 2024), "۲٬۰۲۴");
        assert_eq!(format_integer("fa", NumberSystem::Latin, 2024), "2,024");
    }
}
