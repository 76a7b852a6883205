//! Identifiers that appear in URLs: slugs, edition codes and BCP 47 language tags.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

use crate::ParseError;

macro_rules! string_newtype_common {
    ($name:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl TryFrom<String> for $name {
            type Error = ParseError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                value.parse()
            }
        }
        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }
    };
}

/// A URL path segment: lowercase ASCII letters, digits and single hyphens,
/// 1 to 120 characters, not starting or ending with a hyphen.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl FromStr for Slug {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let valid_chars = s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if s.is_empty() || s.len() > 120 {
            return Err(ParseError::new(
                "slug",
                "invalid_slug",
                "must be 1 to 120 characters",
            ));
        }
        if !valid_chars || s.starts_with('-') || s.ends_with('-') || s.contains("--") {
            return Err(ParseError::new(
                "slug",
                "invalid_slug",
                format!("{s:?} may hold only a-z, 0-9 and single inner hyphens"),
            ));
        }
        Ok(Self(s.to_owned()))
    }
}

impl Slug {
    /// Builds a slug from free text: transliterates Cyrillic with the
    /// table below and every other script (Arabic, Greek, Hebrew, accented
    /// Latin, …) with `deunicode`, lowercases, turns every other run of
    /// characters into one hyphen, and trims to 80 characters on a word
    /// boundary. Returns `None` when nothing is left.
    pub fn from_title(title: &str) -> Option<Self> {
        let mut out = String::with_capacity(title.len());
        let push = |c: char, out: &mut String| {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        };
        for ch in title.chars().flat_map(char::to_lowercase) {
            if let Some(latin) = transliterate(ch) {
                out.push_str(latin);
            } else if ch.is_ascii() {
                push(ch, &mut out);
            } else {
                let ascii = deunicode::deunicode_char(ch).unwrap_or_default();
                if ascii.is_empty() {
                    push(' ', &mut out);
                }
                for c in ascii.chars() {
                    push(c, &mut out);
                }
            }
        }
        let mut slug = out.trim_matches('-').to_owned();
        if slug.len() > 80 {
            let cut = slug[..80].rfind('-').unwrap_or(80);
            slug.truncate(cut);
        }
        slug.parse().ok()
    }
}

fn transliterate(ch: char) -> Option<&'static str> {
    Some(match ch {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        'ъ' | 'ь' => "",
        _ => return None,
    })
}

string_newtype_common!(Slug);

impl Slug {
    /// What [`Slug::from_str`] accepts, as a regular expression (with the
    /// length limit, 1 to 120, kept apart in the schema).
    pub const PATTERN: &'static str = "^[a-z0-9]+(-[a-z0-9]+)*$";
    pub const MAX_LEN: usize = 120;
}

impl utoipa::PartialSchema for Slug {
    fn schema() -> RefOr<Schema> {
        string_schema(
            Slug::PATTERN,
            1,
            Slug::MAX_LEN,
            "A URL path segment: lowercase ASCII letters, digits and single inner hyphens.",
            None,
        )
    }
}

impl utoipa::ToSchema for Slug {}

/// The short code of an edition as it appears first in every URL: `en`, `ru`,
/// `pt-br`. Lowercase letters, 2 to 8 of them, optionally a hyphen and a region.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EditionCode(String);

impl FromStr for EditionCode {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut parts = s.splitn(2, '-');
        let primary = parts.next().unwrap_or_default();
        let region_ok = parts.next().is_none_or(|r| {
            (2..=8).contains(&r.len())
                && r.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
        if (2..=8).contains(&primary.len())
            && primary.bytes().all(|b| b.is_ascii_lowercase())
            && region_ok
        {
            Ok(Self(s.to_owned()))
        } else {
            Err(ParseError::new(
                "edition",
                "invalid_edition_code",
                format!("{s:?} is not an edition code such as \"en\" or \"pt-br\""),
            ))
        }
    }
}

string_newtype_common!(EditionCode);

impl EditionCode {
    /// What [`EditionCode::from_str`] accepts, as a regular expression.
    pub const PATTERN: &'static str = "^[a-z]{2,8}(-[a-z0-9]{2,8})?$";
}

impl utoipa::PartialSchema for EditionCode {
    fn schema() -> RefOr<Schema> {
        string_schema(
            EditionCode::PATTERN,
            2,
            17,
            "An edition's code, first in each of its URLs: 2 to 8 lowercase letters, \
             optionally a hyphen and a region of 2 to 8 lowercase letters or digits.",
            Some("en"),
        )
    }
}

impl utoipa::ToSchema for EditionCode {}

/// The schema of a string type whose every valid value `pattern` matches.
/// (A slug has no example: the examples of three slug parameters that
/// exclude one another would make a request the API refuses.)
fn string_schema(
    pattern: &str,
    min: usize,
    max: usize,
    description: &str,
    example: Option<&str>,
) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(pattern))
        .min_length(Some(min))
        .max_length(Some(max))
        .description(Some(description))
        .examples(example)
        .into()
}

/// A well-formed BCP 47 language tag (`en`, `ru`, `sr-Latn-RS`), kept in its
/// canonical casing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LanguageTag(String);

impl FromStr for LanguageTag {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let id: unic_langid::LanguageIdentifier = s.parse().map_err(|_| {
            ParseError::new(
                "language",
                "invalid_language_tag",
                format!("{s:?} is not a BCP 47 language tag"),
            )
        })?;
        if id.language.is_empty() {
            return Err(ParseError::new(
                "language",
                "invalid_language_tag",
                format!("{s:?} has no language subtag"),
            ));
        }
        // unic-langid takes some ill-formed tags (a four-letter subtag after
        // a variant) whose canonical form reads back as another tag.
        let canonical = id.to_string();
        if canonical.parse::<unic_langid::LanguageIdentifier>().ok() != Some(id) {
            return Err(ParseError::new(
                "language",
                "invalid_language_tag",
                format!("{s:?} is not a well-formed BCP 47 language tag"),
            ));
        }
        Ok(Self(canonical))
    }
}

impl LanguageTag {
    /// The primary language subtag: `ru` for `ru-RU`.
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }
}

string_newtype_common!(LanguageTag);

impl LanguageTag {
    /// What [`LanguageTag::from_str`] accepts: a language subtag (not
    /// `und`), then optionally a script, a region and variants, separated
    /// by `-` or `_`, in any letter case.
    pub const PATTERN: &'static str = "^(?![Uu][Nn][Dd]([-_]|$))([A-Za-z]{2,3}|[A-Za-z]{5,8})\
        ([-_][A-Za-z]{4})?([-_]([A-Za-z]{2}|[0-9]{3}))?([-_]([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$";
}

impl utoipa::PartialSchema for LanguageTag {
    fn schema() -> RefOr<Schema> {
        string_schema(
            LanguageTag::PATTERN,
            2,
            255,
            "A BCP 47 language tag: language, then optionally script, region and variants.",
            Some("en-GB"),
        )
    }
}

impl utoipa::ToSchema for LanguageTag {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_accept_only_url_safe_text() {
        assert!("world-news-2024".parse::<Slug>().is_ok());
        for bad in ["", "-a", "a-", "a--b", "Upper", "a b", "é"] {
            assert!(bad.parse::<Slug>().is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn slug_from_title_transliterates_russian() {
        let slug = Slug::from_title("Столица готовится к зиме: 5 главных новостей").unwrap();
        assert_eq!(
            slug.as_str(),
            "stolitsa-gotovitsya-k-zime-5-glavnykh-novostey"
        );
        assert!(Slug::from_title("!!!").is_none());
    }

    #[test]
    fn slug_from_title_spells_any_script_in_latin_letters() {
        for (title, _) in [
            ("افتتاح الجسر الجديد", "arabic"),
            ("Η γέφυρα άνοιξε", "greek"),
            ("הגשר נפתח", "hebrew"),
            ("Ça a été décidé à Zürich", "accented latin"),
        ] {
            let slug = Slug::from_title(title).unwrap_or_else(|| panic!("{title}"));
            assert!(
                slug.as_str().split('-').count() >= 2,
                "one word per word: {title} → {slug}"
            );
        }
        assert_eq!(
            Slug::from_title("Ça a été décidé à Zürich")
                .unwrap()
                .as_str(),
            "ca-a-ete-decide-a-zurich"
        );
        assert!(Slug::from_title("؟!").is_none());
    }

    /// The patterns and lengths the OpenAPI document declares say exactly
    /// what parsing accepts.
    #[test]
    fn declared_schemas_match_the_parsers() {
        // The regex crate has no look-ahead: the one the language tag's
        // pattern opens with (not `und`) is checked by hand.
        const NOT_UND: &str = "^(?![Uu][Nn][Dd]([-_]|$))";
        let declared = |pattern: &str, max: usize, s: &str| {
            let (pattern, is_und) = match pattern.strip_prefix(NOT_UND) {
                Some(rest) => {
                    let und = s.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("und"))
                        && matches!(s.as_bytes().get(3), None | Some(b'-' | b'_'));
                    (format!("^{rest}"), und)
                }
                None => (pattern.to_owned(), false),
            };
            !is_und && regex::Regex::new(&pattern).unwrap().is_match(s) && s.len() <= max
        };
        let long = "a".repeat(120);
        let longer = "a".repeat(121);
        for s in [
            "a", "world", "a-b", "x1-2y", "-a", "a-", "a--b", "A", "a b", "é", "", &long, &longer,
        ] {
            let ok = declared(Slug::PATTERN, Slug::MAX_LEN, s);
            assert_eq!(ok, s.parse::<Slug>().is_ok(), "slug {s:?}");
        }
        for s in [
            "en",
            "pt-br",
            "abcdefgh-12345678",
            "e",
            "en-",
            "-en",
            "en-b",
            "EN",
            "e1",
            "en-us-x",
            "abcdefghi",
            "en-123456789",
            "en_us",
            "en\n",
        ] {
            let ok = declared(EditionCode::PATTERN, 17, s);
            assert_eq!(ok, s.parse::<EditionCode>().is_ok(), "code {s:?}");
        }
        for s in [
            "en",
            "en-GB",
            "en_gb",
            "sr-Latn-RS",
            "de-CH-1996",
            "sl-rozaj-biske",
            "zh-Hant",
            "es-419",
            "ru",
            "abcde",
            "und",
            "und-US",
            "a",
            "abcd",
            "en-",
            "-en",
            "en-G",
            "en-1234",
            "en-Latn-GB-x-private",
            "en-u-ca-buddhist",
            "e1",
            "en--GB",
            "en GB",
            "abcdefghi",
            "en-abcdefghi",
            "undo",
        ] {
            let ok = declared(LanguageTag::PATTERN, 255, s);
            assert_eq!(ok, s.parse::<LanguageTag>().is_ok(), "language {s:?}");
        }
    }

    #[test]
    fn language_tags_read_back_as_themselves() {
        // Found by the `domain_text` fuzz target: unic-langid took the
        // four-letter "newo" as a variant and wrote it before "seaking",
        // where it reads back as a script ("sr-Newo-seaking").
        for text in ["sr-seaking-newo", "en-US", "sr-Latn-RS", "de-DE-1996"] {
            if let Ok(tag) = text.parse::<LanguageTag>() {
                assert_eq!(tag.as_str().parse::<LanguageTag>().ok(), Some(tag));
            }
        }
        assert!("sr-Latn-RS".parse::<LanguageTag>().is_ok());
    }

    #[test]
    fn edition_codes_and_language_tags() {
        assert!("en".parse::<EditionCode>().is_ok());
        assert!("pt-br".parse::<EditionCode>().is_ok());
        assert!("EN".parse::<EditionCode>().is_err());
        assert!("e".parse::<EditionCode>().is_err());
        assert_eq!("en-us".parse::<LanguageTag>().unwrap().as_str(), "en-US");
        assert!("not a tag".parse::<LanguageTag>().is_err());
    }
}
