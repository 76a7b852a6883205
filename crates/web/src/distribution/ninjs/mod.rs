//! IPTC ninjs ("News in JSON") documents of public stories and pictures,
//! in the latest minor of each major version IPTC maintains in JSON
//! Schema 2020-12: 3.1 and 2.2.
//!
//! One version-neutral item (`model.rs`) is built from a story
//! (`article.rs`) or a picture (`picture.rs`) and serialised with 3.x's
//! property names; `v2.rs` maps them to 2.x's. Bodies come from `distribution::body`.
//! Every item's `uri` is a `tag:` URI that never changes
//! (`crate::urls::story_tag`, `picture_tag`), and a story's `version` is
//! the article's, which every save (a correction included) increases.

mod article;
mod model;
mod picture;
mod v2;

use std::str::FromStr;

use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use dateline_store::Edition;
use serde_json::Value;

use crate::error::{ApiError, ErrorCode};
use crate::urls::Urls;

pub(crate) use article::article;
pub(crate) use picture::picture;

/// The media type of ninjs answers and of the `Accept` values asking for
/// them. IPTC registers none; this one is a JSON media type by its `+json`
/// suffix (RFC 6839), and its `version` parameter names the ninjs version.
pub(crate) const MEDIA_TYPE: &str = "application/ninjs+json";

/// A ninjs version this site writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NinjsVersion {
    V2_2,
    V3_1,
}

impl NinjsVersion {
    /// What is written when a client names no version.
    pub const LATEST: Self = Self::V3_1;
    pub const ALL: [Self; 2] = [Self::V3_1, Self::V2_2];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::V2_2 => "2.2",
            Self::V3_1 => "3.1",
        }
    }

    /// The IPTC schema documents of this version are valid against, as its
    /// `$id` names it.
    pub fn schema_uri(self) -> &'static str {
        match self {
            Self::V2_2 => "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json",
            Self::V3_1 => "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json",
        }
    }

    /// `application/ninjs+json; version=3.1`.
    pub fn media_type(self) -> String {
        format!("{MEDIA_TYPE}; version={}", self.as_str())
    }

    /// The error for a version this site does not write.
    pub fn unsupported(asked: &str) -> ApiError {
        ApiError::new(
            ErrorCode::UnsupportedVersion,
            format!(
                "version: ninjs \"{asked}\" is not available; this site writes {}",
                Self::ALL.map(Self::as_str).join(" and ")
            ),
        )
        .with_field("version")
    }
}

impl FromStr for NinjsVersion {
    type Err = ApiError;

    /// `3.1` or `3` (its latest minor), `2.2` or `2`.
    fn from_str(s: &str) -> Result<Self, ApiError> {
        match s.trim() {
            "3" | "3.1" => Ok(Self::V3_1),
            "2" | "2.2" => Ok(Self::V2_2),
            other => Err(Self::unsupported(other)),
        }
    }
}

/// What the documents' addresses and rights lines are made of.
pub(crate) struct Publisher<'a> {
    pub base_url: &'a str,
    /// The site's name (else the edition's): the copyright holder of stories.
    pub site_name: &'a str,
    /// Every edition, for the media-bank page of a picture.
    pub editions: &'a [Edition],
}

impl Publisher<'_> {
    fn urls(&self) -> Urls<'_> {
        Urls::new(self.base_url)
    }
}

/// A ninjs document ready to send: its JSON and the version it claims.
#[derive(Debug)]
pub(crate) struct NinjsDocument {
    pub version: NinjsVersion,
    pub json: Value,
}

impl NinjsDocument {
    /// The item written in `version`, with the `standard` it follows.
    fn new(item: &model::Item, version: NinjsVersion) -> Result<Self, ApiError> {
        let mut json = serde_json::to_value(item)
            .map_err(|e| ApiError::internal(format!("ninjs item: {e}")))?;
        if let Value::Object(fields) = &mut json {
            let standard = model::Standard {
                name: "ninjs",
                version: version.as_str(),
                schema: version.schema_uri(),
            };
            fields.insert(
                "standard".to_owned(),
                serde_json::to_value(standard)
                    .map_err(|e| ApiError::internal(format!("ninjs standard: {e}")))?,
            );
        }
        if version == NinjsVersion::V2_2 {
            json = v2::from_v3(json);
        }
        Ok(Self { version, json })
    }
}

impl IntoResponse for NinjsDocument {
    fn into_response(self) -> Response {
        let content_type = HeaderValue::from_str(&self.version.media_type())
            .unwrap_or(HeaderValue::from_static(MEDIA_TYPE));
        let mut response = axum::Json(self.json).into_response();
        response.headers_mut().insert(CONTENT_TYPE, content_type);
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_by_major_or_minor() {
        for (asked, version) in [
            ("3", NinjsVersion::V3_1),
            ("3.1", NinjsVersion::V3_1),
            (" 2.2", NinjsVersion::V2_2),
            ("2", NinjsVersion::V2_2),
        ] {
            assert_eq!(asked.parse::<NinjsVersion>().ok(), Some(version));
        }
        for refused in ["1.6", "3.0", "4", "", "latest"] {
            let err = refused.parse::<NinjsVersion>().unwrap_err();
            assert_eq!(err.code, ErrorCode::UnsupportedVersion, "{refused}");
        }
        assert_eq!(
            NinjsVersion::V2_2.media_type(),
            "application/ninjs+json; version=2.2"
        );
    }
}
