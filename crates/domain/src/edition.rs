//! Editions (one per language or region) and their sections.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{EditionCode, LanguageTag, ParseError, Slug};

/// Writing direction of an edition's language, used for `dir` on `<html>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TextDirection {
    Ltr,
    Rtl,
}

impl TextDirection {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ltr => "ltr",
            Self::Rtl => "rtl",
        }
    }
}

impl FromStr for TextDirection {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "ltr" => Ok(Self::Ltr),
            "rtl" => Ok(Self::Rtl),
            _ => Err(ParseError::new(
                "direction",
                "invalid_direction",
                format!("{s:?} is neither \"ltr\" nor \"rtl\""),
            )),
        }
    }
}

/// Which digits an edition's numbers and dates are written with: the Latin
/// digits 0–9 whatever the language (what most news sites in Arabic use), or
/// the language's own digits as its CLDR locale data has them (٠١٢ in
/// Arabic). Languages without digits of their own write Latin ones either way.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum NumberSystem {
    #[default]
    Latin,
    Native,
}

impl NumberSystem {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Latin => "latin",
            Self::Native => "native",
        }
    }
}

impl FromStr for NumberSystem {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "latin" => Ok(Self::Latin),
            "native" => Ok(Self::Native),
            _ => Err(ParseError::new(
                "number_system",
                "invalid_number_system",
                format!("{s:?} is neither \"latin\" nor \"native\""),
            )),
        }
    }
}

/// An IANA time zone name (`Europe/Moscow`) known to the bundled tz database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeZoneName(String);

impl FromStr for TimeZoneName {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse::<chrono_tz::Tz>()
            .map(|_| Self(s.to_owned()))
            .map_err(|_| {
                ParseError::new(
                    "time_zone",
                    "invalid_time_zone",
                    format!("{s:?} is not an IANA time zone name"),
                )
            })
    }
}

/// Every name the bundled tz database knows, which is exactly what parsing accepts.
impl utoipa::PartialSchema for TimeZoneName {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())))
            .description(Some("An IANA time zone name."))
            .examples(["Europe/London"])
            .into()
    }
}

impl utoipa::ToSchema for TimeZoneName {}

impl TimeZoneName {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The zone itself; parsing already proved the name is known.
    pub fn tz(&self) -> chrono_tz::Tz {
        self.0.parse().unwrap_or(chrono_tz::UTC)
    }
}

impl TryFrom<String> for TimeZoneName {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<TimeZoneName> for String {
    fn from(value: TimeZoneName) -> Self {
        value.0
    }
}

impl fmt::Display for TimeZoneName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A strftime-style pattern for dates shown to readers (`%d.%m.%Y`).
/// Only the conversions Dateline renders are accepted, so that a typo cannot
/// make every page fail at render time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DateFormat(String);

const DATE_FORMAT_CONVERSIONS: &[char] = &[
    'd', 'e', 'm', 'b', 'B', 'y', 'Y', 'H', 'M', 'I', 'p', '%', 'A', 'a',
];

impl FromStr for DateFormat {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '%' {
                match chars.next() {
                    Some(conv) if DATE_FORMAT_CONVERSIONS.contains(&conv) => {}
                    other => {
                        return Err(ParseError::new(
                            "date_format",
                            "invalid_date_format",
                            format!("unsupported conversion %{}", other.unwrap_or(' ')),
                        ))
                    }
                }
            }
        }
        if s.trim().is_empty() || s.len() > 64 {
            return Err(ParseError::new(
                "date_format",
                "invalid_date_format",
                "must be 1 to 64 characters",
            ));
        }
        Ok(Self(s.to_owned()))
    }
}

impl DateFormat {
    /// The patterns the newsroom offers (day first, month first, ISO,
    /// with month names, with the time); the Admin API takes any pattern
    /// that parses.
    pub const PRESETS: &'static [&'static str] = &[
        "%d.%m.%Y",
        "%d/%m/%Y",
        "%m/%d/%Y",
        "%Y-%m-%d",
        "%e %B %Y",
        "%B %e, %Y",
        "%e %b %Y",
        "%d.%m.%Y %H:%M",
    ];

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DateFormat {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<DateFormat> for String {
    fn from(value: DateFormat) -> Self {
        value.0
    }
}

/// Words that follow the site root in fixed routes, so no edition may use them as its code.
pub const RESERVED_EDITION_CODES: &[&str] = &[
    "api", "media", "static", "account", "newsroom", "healthz", "readyz", "setup",
];

/// Words that follow an edition code in fixed routes (tag and author pages,
/// the newsfeed, the media bank, and features such as chats and accounts), so
/// no section may use them as its slug.
pub const RESERVED_SECTION_SLUGS: &[&str] = &[
    "tag",
    "author",
    "newsfeed",
    "mediabank",
    "chats",
    "live",
    "search",
    "newsletter",
    "account",
    "comments",
];

/// What it takes to create an edition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewEdition {
    pub code: EditionCode,
    pub name: String,
    pub language: LanguageTag,
    pub direction: TextDirection,
    pub time_zone: TimeZoneName,
    pub date_format: DateFormat,
    /// Media-bank asset used as the edition's logo.
    pub logo_media_id: Option<i64>,
    pub position: i32,
    /// Latin digits unless the edition asks for its language's own.
    #[serde(default)]
    pub number_system: NumberSystem,
}

impl NewEdition {
    /// A name, and a code that does not shadow a fixed route.
    pub fn validate(&self) -> Result<(), ParseError> {
        if self.name.trim().is_empty() {
            return Err(ParseError::new(
                "name",
                "empty_name",
                "an edition needs a name",
            ));
        }
        if RESERVED_EDITION_CODES.contains(&self.code.as_str()) {
            return Err(ParseError::new(
                "code",
                "reserved_edition_code",
                format!("{:?} is used by a fixed route", self.code.as_str()),
            ));
        }
        Ok(())
    }
}

/// What it takes to create a section inside an edition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewSection {
    pub edition_id: i64,
    pub slug: Slug,
    pub title: String,
    /// The blurb under the section name; also the section page's meta description.
    pub description: String,
    pub position: i32,
}

impl NewSection {
    /// A title, and a slug that does not shadow a fixed route.
    pub fn validate(&self) -> Result<(), ParseError> {
        if self.title.trim().is_empty() {
            return Err(ParseError::new(
                "title",
                "empty_title",
                "a section needs a title",
            ));
        }
        if RESERVED_SECTION_SLUGS.contains(&self.slug.as_str()) {
            return Err(ParseError::new(
                "slug",
                "reserved_section_slug",
                format!("{:?} is used by a fixed route", self.slug.as_str()),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_date_format_parses_once() {
        for (i, preset) in DateFormat::PRESETS.iter().enumerate() {
            assert_eq!(preset.parse::<DateFormat>().unwrap().as_str(), *preset);
            assert!(!DateFormat::PRESETS[..i].contains(preset), "{preset} twice");
        }
        assert!("%d.%m.%Q".parse::<DateFormat>().is_err());
    }
}
