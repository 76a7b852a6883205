//! Ghost's rows as the export spells them, across versions: ids that are
//! integers (0.x) or hex strings, dates that are epoch milliseconds, ISO
//! 8601 or MySQL-style text, flags that are booleans or 0/1. Unknown
//! columns are skipped without being kept.

use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use dateline_domain::UnixTime;
use serde::de::{self, Deserializer, IgnoredAny, Visitor};
use serde::Deserialize;

/// An id, a version, anything that is text or a number: kept as text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Id(pub String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an id (text or integer)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
                Ok(Id(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Id, E> {
                Ok(Id(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Id, E> {
                Ok(Id(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Id, E> {
                Ok(Id(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Id, E> {
                Ok(Id(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A moment: epoch milliseconds (0.x), RFC 3339, or a date and time
/// without zone (UTC, as Ghost stores them). MySQL's zero date is no date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Time(Option<UnixTime>);

impl Time {
    pub(super) fn get(time: Option<Time>) -> Option<UnixTime> {
        time.and_then(|t| t.0)
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Time;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date (text or epoch milliseconds)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Time, E> {
                if v.trim().is_empty() || v.starts_with("0000-00-00") {
                    return Ok(Time(None));
                }
                parse_time(v)
                    .map(|t| Time(Some(t)))
                    .ok_or_else(|| E::custom(format!("unreadable date `{v}`")))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Time, E> {
                Ok(Time(i64::try_from(v / 1000).ok()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Time, E> {
                Ok(Time(Some(v.div_euclid(1000))))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Time, E> {
                Ok(Time(Some((v / 1000.0).floor() as i64)))
            }
        }
        d.deserialize_any(V)
    }
}

pub(super) fn parse_time(text: &str) -> Option<UnixTime> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.timestamp());
    }
    if let Ok(t) = DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z") {
        return Some(t.timestamp());
    }
    for format in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
            return Some(t.and_utc().timestamp());
        }
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp())
}

/// A boolean that 0.x exports write as 0/1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Flag(pub bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a boolean or 0/1")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Flag, E> {
                Ok(Flag(v != 0))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Flag, E> {
                Ok(Flag(v != 0))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Flag, E> {
                Ok(Flag(matches!(v, "1" | "true")))
            }
        }
        d.deserialize_any(V)
    }
}

/// In the first pass: an embedded JSON document (`lexical`, `mobiledoc`)
/// proved well-formed and dropped, so the second pass cannot fail on it.
#[derive(Debug)]
pub(super) struct CheckedJson;

impl<'de> Deserialize<'de> for CheckedJson {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = CheckedJson;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON document in a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<CheckedJson, E> {
                serde_json::from_str::<IgnoredAny>(v)
                    .map(|_| CheckedJson)
                    .map_err(|e| E::custom(format!("a post's editor document is not JSON: {e}")))
            }
        }
        d.deserialize_str(V)
    }
}

/// A post or page. `B` is how bodies are read (`String`, or `IgnoredAny`
/// in the first pass), `J` how embedded editor documents are.
#[derive(Debug, Deserialize)]
#[serde(bound(deserialize = "B: Deserialize<'de>, J: Deserialize<'de>"))]
pub(super) struct RawPost<B, J> {
    pub id: Option<Id>,
    pub title: Option<String>,
    pub slug: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// 0.x–3.x: pages were posts with `page: true`.
    pub page: Option<Flag>,
    pub status: Option<String>,
    pub published_at: Option<Time>,
    pub updated_at: Option<Time>,
    pub created_at: Option<Time>,
    pub custom_excerpt: Option<String>,
    pub feature_image: Option<String>,
    /// 0.x's name for the feature image.
    pub image: Option<String>,
    pub feature_image_alt: Option<String>,
    pub feature_image_caption: Option<String>,
    /// 0.x–1.x: the one author, before `posts_authors`.
    pub author_id: Option<Id>,
    pub html: Option<B>,
    pub markdown: Option<B>,
    pub plaintext: Option<B>,
    pub lexical: Option<J>,
    pub mobiledoc: Option<J>,
}

/// The second pass's post, bodies and all.
pub(super) type FullPost = RawPost<String, String>;
/// The first pass's post: every field checked, bodies skipped.
pub(super) type CheckedPost = RawPost<IgnoredAny, CheckedJson>;

#[derive(Debug, Deserialize)]
pub(super) struct RawMeta {
    pub version: Option<Id>,
}

#[derive(Debug, Deserialize)]
pub(super) struct RawTag {
    pub id: Option<Id>,
    pub name: Option<String>,
    pub slug: Option<String>,
    pub description: Option<String>,
    pub parent_id: Option<Id>,
    /// 1.x+: `internal` for `#hash` tags.
    pub visibility: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct RawUser {
    pub id: Option<Id>,
    pub name: Option<String>,
    pub slug: Option<String>,
    pub email: Option<String>,
    pub bio: Option<String>,
    pub website: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct RawPostTag {
    pub post_id: Id,
    pub tag_id: Id,
    pub sort_order: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub(super) struct RawPostAuthor {
    pub post_id: Id,
    pub author_id: Id,
    pub sort_order: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub(super) struct RawPostMeta {
    pub post_id: Id,
    pub feature_image_alt: Option<String>,
    pub feature_image_caption: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct RawSetting {
    pub key: Option<String>,
    pub value: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
pub(super) struct RawMember {
    pub id: Id,
    pub name: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct RawComment {
    pub id: Id,
    pub post_id: Id,
    pub member_id: Option<Id>,
    pub parent_id: Option<Id>,
    pub html: Option<String>,
    pub status: Option<String>,
    pub created_at: Option<Time>,
}
