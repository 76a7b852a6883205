//! Characters no text Dateline keeps may hold: control characters other
//! than tab, line feed and carriage return (C0, DEL and C1), and Unicode
//! noncharacters. XML 1.0 cannot carry them (a feed or sitemap holding one
//! is not well-formed, and readers drop the whole feed), HTML forbids them,
//! and PostgreSQL refuses NUL in text. Refused at the edge, never stored.

use crate::ParseError;

/// Whether `c` may not appear in any stored text.
pub fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || ('\u{fdd0}'..='\u{fdef}').contains(&c)
        || u32::from(c) & 0xfffe == 0xfffe
}

/// The first character of `text` that no stored text may hold.
pub fn first_forbidden_char(text: &str) -> Option<char> {
    text.chars().find(|&c| is_forbidden_char(c))
}

/// Refuses a text holding a forbidden character; `field` names it.
pub fn check_chars(field: &'static str, text: &str) -> Result<(), ParseError> {
    match first_forbidden_char(text) {
        None => Ok(()),
        Some(c) => Err(ParseError::new(
            field,
            "forbidden_character",
            forbidden_message(c),
        )),
    }
}

/// Why a text holding `c` is refused, naming the character by its code point.
pub fn forbidden_message(c: char) -> String {
    format!(
        "holds the character U+{:04X}, a control character or noncharacter that no text may contain",
        u32::from(c)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_noncharacters_are_forbidden_but_line_breaks_and_tabs_are_not() {
        for c in [
            '\0', '\u{1}', '\u{8}', '\u{b}', '\u{c}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}',
        ] {
            assert!(is_forbidden_char(c), "{c:?}");
        }
        for c in [
            '\u{fdd0}',
            '\u{fdef}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{10ffff}',
        ] {
            assert!(is_forbidden_char(c), "{c:?}");
        }
        for c in [
            '\t',
            '\n',
            '\r',
            ' ',
            'a',
            'ж',
            '\u{a0}',
            '\u{200b}',
            '\u{202e}',
            '\u{feff}',
            '\u{fffd}',
            '\u{1f469}',
        ] {
            assert!(!is_forbidden_char(c), "{c:?}");
        }
    }

    #[test]
    fn the_refusal_names_the_field_and_the_character() {
        assert_eq!(check_chars("headline", "Bridge reopens\n\tat six"), Ok(()));
        let err = check_chars("headline", "Bridge\u{0}reopens").unwrap_err();
        assert_eq!((err.field, err.code), ("headline", "forbidden_character"));
        assert!(err.message.contains("U+0000"), "{}", err.message);
    }
}
