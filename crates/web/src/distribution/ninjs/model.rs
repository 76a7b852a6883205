//! The ninjs item this site writes, version-neutral, serialised with
//! ninjs 3.x's property names (`v2.rs` renames them for 2.x). Only the
//! properties Dateline has something for; empty lists and unknown values
//! are left out, as the schemas allow.

use chrono::{DateTime, SecondsFormat};
use dateline_domain::UnixTime;
use serde::Serialize;

/// A news object: a story (`text`) or a picture (`picture`), at the top of
/// a document or inside another's `associations`.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Item {
    pub uri: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// `full`: everything the site has; `partial`: a reference to an item
    /// with its own document (a translation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub representation_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pub_status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copyright_holder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copyright_notice: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slugline: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub headlines: Vec<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub descriptions: Vec<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bodies: Vec<Body>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Concept>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<Concept>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub info_sources: Vec<InfoSource>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub renditions: Vec<Rendition>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub associations: Vec<Association>,
}

/// A headline or a description.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Text {
    pub role: &'static str,
    pub content_type: &'static str,
    pub value: String,
}

impl Text {
    pub fn plain(role: &'static str, value: impl Into<String>) -> Self {
        Self {
            role,
            content_type: "text/plain",
            value: value.into(),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Body {
    pub role: &'static str,
    pub content_type: &'static str,
    /// Characters of the plain text (no markup, no captions).
    pub char_count: u64,
    pub word_count: u64,
    pub value: String,
}

/// A person, a section or a tag: a name with what it is to the item and
/// the page that shows it.
#[derive(Debug, Serialize)]
pub(super) struct Concept {
    pub name: String,
    pub rel: &'static str,
    pub uri: String,
    /// The site's own identifier (a slug).
    pub literal: String,
}

#[derive(Debug, Serialize)]
pub(super) struct InfoSource {
    pub name: String,
    pub role: &'static str,
}

/// A file or page the item can be had as.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Rendition {
    pub name: String,
    pub href: String,
    pub content_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size_in_bytes: Option<u64>,
}

/// An item associated with another: its pictures and its translations.
#[derive(Debug, Serialize)]
pub(super) struct Association {
    /// Unique within the document: `lead-picture`, `picture-2`,
    /// `translation-ru`.
    pub name: String,
    /// What it is to the item (3.x only; 2.x has no `rel` here).
    pub rel: &'static str,
    #[serde(flatten)]
    pub item: Item,
}

/// Which standard a document follows (top level only).
#[derive(Debug, Serialize)]
pub(super) struct Standard {
    pub name: &'static str,
    pub version: &'static str,
    pub schema: &'static str,
}

/// A JSON Schema `date-time` in UTC (`2026-12-05T09:30:00Z`).
pub(super) fn date_time(at: UnixTime) -> String {
    DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}
