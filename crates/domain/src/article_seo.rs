//! What an article shows search engines and social networks in place of
//! its defaults: a title and description for search results, a title,
//! description and picture for social cards, and the canonical address of
//! the original when the story is a syndicated copy. Every field is
//! optional; an empty one means the default (headline, lead, lead picture,
//! the story's own address).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

use crate::ParseError;

/// Most characters in any of the four texts. Search engines and social
/// networks show far fewer (the `*_SHOWN_CHARS` below, which the editor
/// warns about); beyond this the text is certainly a mistake.
pub const SEO_TEXT_MAX_CHARS: usize = 300;
/// About what search results show of a title before cutting it off.
pub const SEO_TITLE_SHOWN_CHARS: usize = 60;
/// About what search results show of a description.
pub const SEO_DESCRIPTION_SHOWN_CHARS: usize = 160;
/// About what social cards show of a title.
pub const SOCIAL_TITLE_SHOWN_CHARS: usize = 70;
/// About what social cards show of a description.
pub const SOCIAL_DESCRIPTION_SHOWN_CHARS: usize = 200;

/// An article's search and social overrides; `None` uses the default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArticleSeo {
    /// The page's whole `<title>`; default "headline - edition name".
    pub seo_title: Option<String>,
    /// `<meta name="description">`; default the lead.
    pub seo_description: Option<String>,
    /// `og:title` and `twitter:title`; default the headline.
    pub social_title: Option<String>,
    /// `og:description` and `twitter:description`; default the search
    /// description, else the lead.
    pub social_description: Option<String>,
    /// A media-bank picture for social cards; default the lead picture.
    pub social_media_id: Option<i64>,
    /// The original's address when the story is a syndicated copy; default
    /// the story's own page.
    pub canonical_url: Option<CanonicalUrl>,
}

impl ArticleSeo {
    /// One of the four texts as typed: trimmed, `None` when blank, refused
    /// beyond [`SEO_TEXT_MAX_CHARS`] (`field` names it in the error).
    pub fn text(field: &'static str, raw: &str) -> Result<Option<String>, ParseError> {
        let text = raw.trim();
        if text.chars().count() > SEO_TEXT_MAX_CHARS {
            return Err(ParseError::new(
                field,
                "seo_text_too_long",
                format!("at most {SEO_TEXT_MAX_CHARS} characters"),
            ));
        }
        Ok((!text.is_empty()).then(|| text.to_owned()))
    }

    /// The four texts as `(field, value)`, in the editor's order.
    pub fn texts(&self) -> [(&'static str, Option<&str>); 4] {
        [
            ("seo_title", self.seo_title.as_deref()),
            ("seo_description", self.seo_description.as_deref()),
            ("social_title", self.social_title.as_deref()),
            ("social_description", self.social_description.as_deref()),
        ]
    }

    /// Checks the texts' lengths (the address and picture are typed).
    pub fn validate(&self) -> Result<(), ParseError> {
        self.texts()
            .into_iter()
            .try_for_each(|(field, text)| Self::text(field, text.unwrap_or_default()).map(drop))
    }
}

/// Changes to an [`ArticleSeo`]: `None` leaves a field as it is,
/// `Some(None)` empties it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleSeoPatch {
    pub seo_title: Option<Option<String>>,
    pub seo_description: Option<Option<String>>,
    pub social_title: Option<Option<String>>,
    pub social_description: Option<Option<String>>,
    pub social_media_id: Option<Option<i64>>,
    pub canonical_url: Option<Option<CanonicalUrl>>,
}

impl ArticleSeoPatch {
    /// Sets every field to `seo`'s.
    pub fn all(seo: ArticleSeo) -> Self {
        Self {
            seo_title: Some(seo.seo_title),
            seo_description: Some(seo.seo_description),
            social_title: Some(seo.social_title),
            social_description: Some(seo.social_description),
            social_media_id: Some(seo.social_media_id),
            canonical_url: Some(seo.canonical_url),
        }
    }

    /// `current` with these changes.
    pub fn apply(&self, current: &ArticleSeo) -> ArticleSeo {
        fn pick<T: Clone>(change: &Option<T>, current: &T) -> T {
            change.clone().unwrap_or_else(|| current.clone())
        }
        ArticleSeo {
            seo_title: pick(&self.seo_title, &current.seo_title),
            seo_description: pick(&self.seo_description, &current.seo_description),
            social_title: pick(&self.social_title, &current.social_title),
            social_description: pick(&self.social_description, &current.social_description),
            social_media_id: pick(&self.social_media_id, &current.social_media_id),
            canonical_url: pick(&self.canonical_url, &current.canonical_url),
        }
    }
}

/// The absolute `http(s)` address of a story's original: a host name, an
/// optional port, then any path, query and fragment without spaces or the
/// characters a URL never holds unescaped. Kept as typed; forms trim what
/// was typed before parsing it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CanonicalUrl(String);

impl CanonicalUrl {
    pub const MAX_CHARS: usize = 2000;
    /// Exactly what the parser accepts (besides the length).
    pub const PATTERN: &'static str = "^[Hh][Tt][Tt][Pp][Ss]?://\
        [A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\
        (:[0-9]{1,5})?\
        ([/?#][^\\s\\u0000-\\u001f\\u007f-\\u009f\\ufeff<>\"{}|\\\\^`]*)?$";

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn invalid_url(why: &str) -> ParseError {
    ParseError::new("canonical_url", "invalid_canonical_url", why)
}

/// A host name: dot-separated labels of ASCII letters, digits and inner
/// hyphens (an internationalised name in its `xn--` form).
fn is_host(host: &str) -> bool {
    host.split('.').all(|label| {
        !label.is_empty()
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    })
}

/// A character a URL's path, query or fragment may hold as typed. (U+FEFF
/// is named because JSON Schema's `\s`, unlike Unicode's, counts it.)
fn is_url_char(c: char) -> bool {
    !(c.is_whitespace() || c.is_control() || "<>\"{}|\\^`\u{feff}".contains(c))
}

impl FromStr for CanonicalUrl {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.chars().count() > Self::MAX_CHARS {
            return Err(invalid_url(&format!(
                "at most {} characters",
                Self::MAX_CHARS
            )));
        }
        let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
        let scheme = ["https://", "http://"]
            .into_iter()
            .find(|scheme| lower.starts_with(scheme))
            .ok_or_else(|| invalid_url("must start with https:// or http://"))?;
        let rest = &s[scheme.len()..];
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        let (host, port) = match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        let port_ok = port
            .is_none_or(|p| (1..=5).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()));
        if !is_host(host) || !port_ok {
            return Err(invalid_url("needs a host name after the scheme"));
        }
        if !tail.chars().all(is_url_char) {
            return Err(invalid_url(
                "spaces and the characters < > \" { } | \\ ^ ` must be percent-encoded",
            ));
        }
        Ok(Self(s.to_owned()))
    }
}

impl TryFrom<String> for CanonicalUrl {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<CanonicalUrl> for String {
    fn from(value: CanonicalUrl) -> Self {
        value.0
    }
}

impl fmt::Display for CanonicalUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl utoipa::PartialSchema for CanonicalUrl {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(Self::PATTERN))
            .min_length(Some("http://a".len()))
            .max_length(Some(Self::MAX_CHARS))
            .description(Some(
                "The absolute http(s) address of the original story: a host name, \
                 an optional port, then a path, query or fragment without spaces.",
            ))
            .into()
    }
}

impl utoipa::ToSchema for CanonicalUrl {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_trimmed_blank_is_the_default_and_long_is_refused() {
        assert_eq!(
            ArticleSeo::text("seo_title", "  Bridge  ").unwrap(),
            Some("Bridge".into())
        );
        assert_eq!(ArticleSeo::text("seo_title", " \n ").unwrap(), None);
        let long = "я".repeat(SEO_TEXT_MAX_CHARS + 1);
        let err = ArticleSeo::text("social_title", &long).unwrap_err();
        assert_eq!((err.field, err.code), ("social_title", "seo_text_too_long"));
        let just = "я".repeat(SEO_TEXT_MAX_CHARS);
        assert!(ArticleSeo::text("seo_title", &just).unwrap().is_some());
        let seo = ArticleSeo {
            seo_description: Some(long),
            ..ArticleSeo::default()
        };
        assert_eq!(seo.validate().unwrap_err().field, "seo_description");
    }

    #[test]
    fn a_patch_changes_only_what_it_names() {
        let current = ArticleSeo {
            seo_title: Some("Old".into()),
            social_media_id: Some(4),
            ..ArticleSeo::default()
        };
        let patch = ArticleSeoPatch {
            seo_title: Some(None),
            canonical_url: Some(Some("https://example.org/a".parse().unwrap())),
            ..ArticleSeoPatch::default()
        };
        let next = patch.apply(&current);
        assert_eq!(next.seo_title, None);
        assert_eq!(next.social_media_id, Some(4));
        assert_eq!(
            next.canonical_url.as_ref().map(CanonicalUrl::as_str),
            Some("https://example.org/a")
        );
        assert_eq!(ArticleSeoPatch::all(next.clone()).apply(&current), next);
    }

    #[test]
    fn old_snapshots_without_the_fields_read_as_defaults() {
        let seo: ArticleSeo = serde_json::from_str("{}").unwrap();
        assert_eq!(seo, ArticleSeo::default());
        let seo: ArticleSeo =
            serde_json::from_str(r#"{"canonical_url":"https://example.org/x"}"#).unwrap();
        assert!(seo.canonical_url.is_some());
        assert!(serde_json::from_str::<ArticleSeo>(r#"{"canonical_url":"ftp://x"}"#).is_err());
    }

    const GOOD: [&str; 8] = [
        "https://example.org",
        "http://example.org/",
        "HTTPS://News.Example.ORG:8443/2024/bridge?ref=wire#top",
        "https://xn--80ak6aa92e.com/статья",
        "https://a/b/c%20d",
        "http://localhost:8080",
        "https://example.org/a?b=c&d=e",
        "https://sub-domain.example.co.uk/path/",
    ];
    const BAD: [&str; 15] = [
        "",
        " https://example.org/",
        "example.org/story",
        "ftp://example.org/x",
        "javascript:alert(1)",
        "https://",
        "https:///path",
        "https://user@example.org/",
        "https://exa mple.org/",
        "https://example.org/a b",
        "https://example.org/<script>",
        "https://-bad.example/",
        "https://example..org/",
        "https://example.org:123456/",
        "https://example.org:/",
    ];

    #[test]
    fn canonical_urls_are_absolute_http_addresses() {
        for good in GOOD {
            let url: CanonicalUrl = good.parse().unwrap_or_else(|e| panic!("{good}: {e}"));
            assert_eq!(url.as_str(), good);
        }
        for bad in BAD {
            let err = bad.parse::<CanonicalUrl>().unwrap_err();
            assert_eq!(
                (err.field, err.code),
                ("canonical_url", "invalid_canonical_url")
            );
        }
        let long = format!(
            "https://example.org/{}",
            "a".repeat(CanonicalUrl::MAX_CHARS)
        );
        assert!(long.parse::<CanonicalUrl>().is_err());
    }

    #[test]
    fn the_documented_pattern_is_the_parser() {
        let pattern = regex::Regex::new(CanonicalUrl::PATTERN).unwrap();
        for good in GOOD {
            assert!(pattern.is_match(good), "{good}");
        }
        for bad in BAD {
            assert!(!pattern.is_match(bad), "{bad}");
        }
        for odd in [
            "https://example.org/\u{85}",
            "https://example.org/\u{7f}x",
            "https://example.org/\u{feff}",
        ] {
            assert!(!pattern.is_match(odd) && odd.parse::<CanonicalUrl>().is_err());
        }
    }
}
