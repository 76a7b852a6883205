//! Times in the API: RFC 3339 UTC strings out; RFC 3339, plain dates or Unix seconds in.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use dateline_domain::{ParseError, UnixTime};

use utoipa::openapi::schema::{
    AnyOfBuilder, KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type,
};
use utoipa::openapi::RefOr;

use crate::error::ApiError;

/// The schema of a time query parameter (`QueryTime` in the document): what
/// [`parse_time`] accepts.
pub struct TimeSchema;

impl utoipa::PartialSchema for TimeSchema {
    fn schema() -> RefOr<Schema> {
        let string = |format| {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::KnownFormat(format)))
        };
        AnyOfBuilder::new()
            .item(string(KnownFormat::DateTime))
            .item(string(KnownFormat::Date))
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64))),
            )
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .max_length(Some(0)),
            )
            .description(Some(
                "An RFC 3339 date-time with offset, a UTC date (`YYYY-MM-DD`) or Unix seconds; \
                 empty counts as absent.",
            ))
            .into()
    }
}

impl utoipa::ToSchema for TimeSchema {
    fn name() -> std::borrow::Cow<'static, str> {
        "QueryTime".into()
    }
}

const DAY: i64 = 86_400;

/// `2024-01-31T09:30:00Z`.
pub fn rfc3339(time: UnixTime) -> String {
    DateTime::<Utc>::from_timestamp(time, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Which end of a day a bare date stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBound {
    /// Midnight at the start of the day (inclusive lower bounds).
    StartOfDay,
    /// Midnight at the end of the day (exclusive upper bounds), so that
    /// `until=2024-01-31` includes all of 31 January.
    EndOfDay,
}

/// Parses a time query parameter: an RFC 3339 date-time with offset, a date
/// `YYYY-MM-DD` (UTC), or Unix seconds. Anything else → 400 `invalid_query`.
pub fn parse_time(field: &'static str, raw: &str, bound: DateBound) -> Result<UnixTime, ApiError> {
    if let Ok(seconds) = raw.parse::<i64>() {
        return Ok(seconds);
    }
    if let Ok(time) = DateTime::parse_from_rfc3339(raw) {
        return Ok(time.timestamp());
    }
    if let Ok(date) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        let start = date
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default()
            .and_utc()
            .timestamp();
        return Ok(match bound {
            DateBound::StartOfDay => start,
            DateBound::EndOfDay => start + DAY,
        });
    }
    Err(ApiError::invalid_query(ParseError::new(
        field,
        "invalid_time",
        format!("{raw:?} is not an RFC 3339 date-time, a YYYY-MM-DD date or Unix seconds"),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses() {
        assert_eq!(rfc3339(1_706_693_400), "2024-01-31T09:30:00Z");
        let start = DateBound::StartOfDay;
        assert_eq!(
            parse_time("from", "1706693400", start).unwrap(),
            1_706_693_400
        );
        assert_eq!(
            parse_time("from", "2024-01-31T10:30:00+01:00", start).unwrap(),
            1_706_693_400
        );
        assert_eq!(
            parse_time("from", "2024-01-31", start).unwrap(),
            1_706_659_200
        );
        assert_eq!(
            parse_time("until", "2024-01-31", DateBound::EndOfDay).unwrap(),
            1_706_745_600
        );
        assert!(parse_time("from", "yesterday", start).is_err());
    }
}
