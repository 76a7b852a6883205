//! `GET /account/me`: the small personal fragment scripts fetch to show
//! the sign-in state on reader pages, which are cached for everyone.

use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::Reader;

pub(super) async fn me(reader: Option<Reader>) -> Response {
    let body = match reader {
        Some(r) => json!({
            "signed_in": true,
            "display_name": r.display_name,
            "csrf": r.csrf,
            "verified": r.verified,
            "can_participate": r.can_participate(),
        }),
        None => json!({
            "signed_in": false,
            "display_name": null,
            "csrf": null,
            "verified": false,
            "can_participate": false,
        }),
    };
    let mut response = Json(body).into_response();
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}
