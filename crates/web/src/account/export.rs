//! `GET /account/export`: everything stored about the signed-in reader, as
//! a JSON download.

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::Reader;
use crate::auth::now;
use crate::error::ApiError;
use crate::AppState;

pub(super) async fn download(
    State(state): State<AppState>,
    reader: Reader,
) -> Result<Response, ApiError> {
    let export = state
        .store
        .reader_export(reader.id, now())
        .await?
        .ok_or_else(|| ApiError::not_found("reader"))?;
    let mut response = Json(export).into_response();
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    let disposition = format!(
        "attachment; filename=\"dateline-account-{}.json\"",
        reader.id
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
