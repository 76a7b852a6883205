//! Request parameters for the API: path, query and JSON body extractors
//! whose rejections are JSON errors, and parsers from raw strings to
//! domain types.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use dateline_domain::{EditionCode, ParseError, Slug};
use dateline_store::Cursor;
use serde::de::DeserializeOwned;
use utoipa::openapi::schema::{AnyOfBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::{Ref, RefOr};

use crate::error::{ApiError, ErrorCode};

/// `axum::extract::Query` answering a malformed query string with 400
/// `invalid_query` JSON instead of axum's plain-text rejection.
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

/// `axum::extract::Path` with the same JSON rejection.
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// The schema of a page cursor in the document (`Cursor` there): the store's
/// format, which a client must treat as opaque but can tell from garbage.
pub struct CursorSchema;

impl utoipa::PartialSchema for CursorSchema {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(Cursor::PATTERN))
            .min_length(Some(Cursor::LEN))
            .max_length(Some(Cursor::LEN))
            .description(Some(
                "An opaque page cursor, as the previous page gave it; \
                 any other value is refused with `invalid_cursor`.",
            ))
            .into()
    }
}

impl utoipa::ToSchema for CursorSchema {
    fn name() -> std::borrow::Cow<'static, str> {
        "Cursor".into()
    }
}

/// Query parameters whose empty value counts as absent (`?section=`, as a
/// form sends it): in the document, the domain type's schema or `""`.
macro_rules! or_empty {
    ($(#[$doc:meta])* $name:ident, $schema:expr) => {
        $(#[$doc])*
        pub struct $name;

        impl utoipa::PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                AnyOfBuilder::new()
                    .item($schema)
                    .item(ObjectBuilder::new().schema_type(Type::String).max_length(Some(0)))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

or_empty!(
    /// A slug in the query.
    QuerySlug,
    Ref::from_schema_name("Slug")
);
or_empty!(
    /// An edition code in the query.
    QueryEditionCode,
    Ref::from_schema_name("EditionCode")
);
or_empty!(
    /// A page cursor in the query.
    QueryCursor,
    Ref::from_schema_name("Cursor")
);
or_empty!(
    /// A page size in the query: 1 to 100, 20 when absent.
    QueryLimit,
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(1))
        .maximum(Some(MAX_LIMIT))
        .default(Some(DEFAULT_LIMIT.into()))
);

pub const DEFAULT_LIMIT: u32 = 20;
pub const MAX_LIMIT: u32 = 100;

/// Page size: absent → 20; anything but an integer in 1..=100 → 400 `invalid_limit`.
pub fn limit(raw: Option<&str>) -> Result<u32, ApiError> {
    let Some(raw) = raw.filter(|s| !s.is_empty()) else {
        return Ok(DEFAULT_LIMIT);
    };
    raw.parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX_LIMIT).contains(n))
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidLimit,
                format!("limit: {raw:?} is not a whole number from 1 to {MAX_LIMIT}"),
            )
            .with_field("limit")
        })
}

/// An opaque cursor from a previous page; garbage → 400 `invalid_cursor`.
pub fn cursor(raw: Option<&str>) -> Result<Option<Cursor>, ApiError> {
    raw.filter(|s| !s.is_empty())
        .map(Cursor::decode)
        .transpose()
        .map_err(|err| {
            ApiError::new(ErrorCode::InvalidCursor, format!("cursor: {}", err.message))
                .with_field("cursor")
        })
}

/// An edition code from the path; malformed → 400 `invalid_query`.
pub fn edition_code(raw: &str) -> Result<EditionCode, ApiError> {
    raw.parse().map_err(ApiError::invalid_query)
}

/// A slug named `field` (path segment or query parameter); malformed → 400 `invalid_query`.
pub fn slug(field: &'static str, raw: &str) -> Result<Slug, ApiError> {
    raw.parse()
        .map_err(|err: ParseError| ApiError::invalid_query(ParseError { field, ..err }))
}

/// An optional slug query parameter; an empty value counts as absent.
pub fn optional_slug(field: &'static str, raw: Option<&str>) -> Result<Option<Slug>, ApiError> {
    raw.filter(|s| !s.is_empty())
        .map(|s| slug(field, s))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits() {
        assert_eq!(limit(None).unwrap(), DEFAULT_LIMIT);
        assert_eq!(limit(Some("100")).unwrap(), 100);
        for bad in ["0", "101", "-1", "ten", "1.5"] {
            assert_eq!(
                limit(Some(bad)).unwrap_err().code,
                ErrorCode::InvalidLimit,
                "{bad}"
            );
        }
    }

    #[test]
    fn slugs_name_their_parameter() {
        let err = optional_slug("tag", Some("Not A Slug")).unwrap_err();
        assert_eq!(
            (err.code, err.field),
            (ErrorCode::InvalidQuery, Some("tag"))
        );
        assert_eq!(optional_slug("tag", Some("")).unwrap(), None);
    }
}

/// `axum::Json` whose rejection is a JSON error: a body that is not
/// declared JSON is `unsupported_media_type` (415), one over the body limit
/// `payload_too_large` (413), malformed or mistyped JSON `invalid_input`.
/// Every Admin API body is an object: serde would also read a struct from
/// an array of its fields in order, which the document does not allow.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let axum::Json(value) =
            axum::Json::<serde_json::Value>::from_request(request, state).await?;
        if !value.is_object() {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                "the body must be a JSON object",
            ));
        }
        crate::input_text::check_json(&value)?;
        serde_json::from_value(value).map(ApiJson).map_err(|err| {
            ApiError::new(
                ErrorCode::InvalidInput,
                format!("Failed to deserialize the JSON body into the target type: {err}"),
            )
        })
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        let code = match rejection.status() {
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
            StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
            _ => ErrorCode::InvalidInput,
        };
        Self::new(code, rejection.body_text())
    }
}
