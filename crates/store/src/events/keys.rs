//! Cache keys: short names for what a page shows, the one vocabulary of
//! page caches, `Surrogate-Key` headers and CDN purges.

use std::fmt;
use std::str::FromStr;

/// What a page shows. A page carries the keys of everything on it; a write
/// purges the keys of what it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CacheKey {
    /// `a{id}`: an article's page and every card of it.
    Article(i64),
    /// `s{id}`: which articles a section lists.
    Section(i64),
    /// `e{id}`: which articles an edition lists (front, newsfeed, feed).
    Edition(i64),
    /// `t{id}`: which articles a tag lists.
    Tag(i64),
    /// `p{id}`: which articles an author (person) lists.
    Author(i64),
    /// `m{id}`: a media asset's picture: files, caption, credit.
    Media(i64),
    /// `u{id}`: which public articles use a media asset (its media-bank page).
    MediaUse(i64),
    /// `g{id}`: which translations a translation group has (hreflang).
    Translations(i64),
    /// `site`: editions and sections, shown on every page.
    Site,
}

impl fmt::Display for CacheKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (prefix, id) = match *self {
            Self::Article(id) => ('a', id),
            Self::Section(id) => ('s', id),
            Self::Edition(id) => ('e', id),
            Self::Tag(id) => ('t', id),
            Self::Author(id) => ('p', id),
            Self::Media(id) => ('m', id),
            Self::MediaUse(id) => ('u', id),
            Self::Translations(id) => ('g', id),
            Self::Site => return f.write_str("site"),
        };
        write!(f, "{prefix}{id}")
    }
}

/// A string that is not a cache key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a cache key: {0:?}")]
pub struct BadCacheKey(pub String);

impl FromStr for CacheKey {
    type Err = BadCacheKey;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "site" {
            return Ok(Self::Site);
        }
        let bad = || BadCacheKey(s.to_owned());
        let mut chars = s.chars();
        let prefix = chars.next().ok_or_else(bad)?;
        let digits = chars.as_str();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let id: i64 = digits.parse().map_err(|_| bad())?;
        Ok(match prefix {
            'a' => Self::Article(id),
            's' => Self::Section(id),
            'e' => Self::Edition(id),
            't' => Self::Tag(id),
            'p' => Self::Author(id),
            'm' => Self::Media(id),
            'u' => Self::MediaUse(id),
            'g' => Self::Translations(id),
            _ => return Err(bad()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::CacheKey;

    #[test]
    fn keys_round_trip_and_refuse_anything_else() {
        let keys = [
            CacheKey::Article(12),
            CacheKey::Section(3),
            CacheKey::Edition(1),
            CacheKey::Tag(7),
            CacheKey::Author(9),
            CacheKey::Media(4),
            CacheKey::MediaUse(4),
            CacheKey::Translations(12),
            CacheKey::Site,
        ];
        let text: Vec<String> = keys.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            ["a12", "s3", "e1", "t7", "p9", "m4", "u4", "g12", "site"]
        );
        for (key, text) in keys.iter().zip(&text) {
            assert_eq!(text.parse::<CacheKey>().as_ref(), Ok(key));
        }
        for bad in ["", "a", "x1", "a-1", "a1b", "sites", "a+1"] {
            assert!(bad.parse::<CacheKey>().is_err(), "{bad}");
        }
    }
}
