//! The domain types every handler parses from forms, paths and JSON: no
//! panic on any text, and what parses once parses again to the same value
//! (stored values are read back through the same parsers by serde).

#![no_main]

use std::fmt::Debug;
use std::str::FromStr;

use dateline_domain::comment::{parse_moderation_word, parse_note, CommentBody};
use dateline_domain::{
    ArticleStatus, DateFormat, EditionCode, EmailAddress, LanguageTag, Role, Slug, TimeZoneName,
};
use libfuzzer_sys::fuzz_target;

/// `text` parsed as `T`; when it parses, the value's text parses to it again.
fn round_trip<T>(text: &str, shown: impl Fn(&T) -> String)
where
    T: FromStr + PartialEq + Debug,
    T::Err: Debug,
{
    if let Ok(value) = text.parse::<T>() {
        let again = shown(&value).parse::<T>();
        assert!(
            again.as_ref().is_ok_and(|v| *v == value),
            "{text:?} parsed to {value:?}, which reads back as {again:?}"
        );
    }
}

fuzz_target!(|text: &str| {
    round_trip::<Slug>(text, ToString::to_string);
    round_trip::<EditionCode>(text, ToString::to_string);
    round_trip::<LanguageTag>(text, ToString::to_string);
    round_trip::<EmailAddress>(text, ToString::to_string);
    round_trip::<TimeZoneName>(text, ToString::to_string);
    round_trip::<DateFormat>(text, |f| f.as_str().to_owned());
    round_trip::<ArticleStatus>(text, |s| s.as_str().to_owned());
    round_trip::<Role>(text, ToString::to_string);
    if let Some(slug) = Slug::from_title(text) {
        assert!(slug.as_str().len() <= 80, "{slug:?}");
    }
    if let Ok(body) = text.parse::<CommentBody>() {
        let body = body.as_str();
        assert!(!body.is_empty() && body.chars().count() <= 4000);
    }
    if let Ok(note) = parse_note("note", text) {
        assert!(note.chars().count() <= 500);
    }
    if let Ok(word) = parse_moderation_word(text) {
        assert!(!word.is_empty() && word.chars().count() <= 80);
    }
});
