//! Text no page, feed or database can carry is refused at the edge, before
//! any handler runs: a control character other than tab and line breaks,
//! or a Unicode noncharacter (`dateline_domain::is_forbidden_char`), in any
//! field of a URL-encoded form (`refuse_in_forms`, a layer on every router
//! that takes forms, inside its HTML error pages) or in any string of an
//! Admin API body (`check_json`, in `ApiJson`) answers 422 `invalid_input`
//! naming the field. Chat frames are checked by `ChatBody::parse`. Tab and
//! line breaks stay allowed: people type them.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use dateline_domain::{first_forbidden_char, forbidden_message};
use serde_json::Value;

use crate::auth::FORM_LIMIT;
use crate::error::{ApiError, ErrorCode};

/// Middleware: refuses a URL-encoded form any of whose names or values
/// holds a forbidden character; other bodies pass untouched.
pub async fn refuse_in_forms(request: Request, next: Next) -> Response {
    let is_form = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, FORM_LIMIT).await else {
        return ApiError::new(ErrorCode::InvalidInput, "the form is too large").into_response();
    };
    let refused = form_urlencoded::parse(&bytes).find_map(|(name, value)| {
        first_forbidden_char(&name)
            .or_else(|| first_forbidden_char(&value))
            .map(|c| (name.into_owned(), c))
    });
    match refused {
        Some((name, c)) => refusal(&name, c).into_response(),
        None => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
    }
}

/// Refuses a JSON body any of whose strings (or keys) holds a forbidden
/// character, naming where (`body[2].text`).
pub fn check_json(value: &Value) -> Result<(), ApiError> {
    match find(value, String::new()) {
        Some((place, c)) => Err(refusal(&place, c)),
        None => Ok(()),
    }
}

fn find(value: &Value, place: String) -> Option<(String, char)> {
    match value {
        Value::String(s) => first_forbidden_char(s).map(|c| (place, c)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| find(item, format!("{place}[{i}]"))),
        Value::Object(map) => map.iter().find_map(|(key, item)| {
            let at = if place.is_empty() {
                key.clone()
            } else {
                format!("{place}.{key}")
            };
            match first_forbidden_char(key) {
                Some(c) => Some((at, c)),
                None => find(item, at),
            }
        }),
        _ => None,
    }
}

fn refusal(place: &str, c: char) -> ApiError {
    ApiError::new(
        ErrorCode::InvalidInput,
        format!("{place}: {}", forbidden_message(c)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_refusals_name_the_place() {
        assert!(
            check_json(&json!({"headline": "Tab\tand\nline", "body": [{"text": "ok"}]})).is_ok()
        );
        let err = check_json(&json!({"headline": "ok", "body": [{"text": "ok"}, {"type": "quote", "attribution": "a\u{b}b"}]}))
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(
            err.message.starts_with("body[1].attribution: "),
            "{}",
            err.message
        );
        assert!(err.message.contains("U+000B"), "{}", err.message);
        assert!(check_json(&json!({"keywords": ["fine", "x\u{fffe}"]})).is_err());
        assert!(check_json(&json!({"na\u{0}me": 1})).is_err());
    }
}
