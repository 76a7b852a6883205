//! Files around the pages: the theme's static files (fingerprinted, cached
//! for a year) and media-bank files from `{data_dir}/media/`.

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::site::{respond, PageError};
use crate::AppState;

/// Fingerprinted names never change content, so browsers keep them.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Plain names (`/static/style.css`) may change with the next deploy.
const SHORT: &str = "public, max-age=300";

pub(super) async fn static_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Response {
    match state.renderer.assets().get(&file) {
        Some((asset, immutable)) => (
            [
                (CONTENT_TYPE, asset.content_type),
                (CACHE_CONTROL, if immutable { IMMUTABLE } else { SHORT }),
                (X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            asset.bytes.clone().into_owned(),
        )
            .into_response(),
        None => respond(&state, None, Err(PageError::not_found("static file"))).await,
    }
}

/// `GET /media/{key}`: renditions (originals stay private). Keys are content hashes,
/// so the files are immutable. `ServeDir` refuses `..` and absolute paths;
/// keys are also checked here so nothing odd reaches the file system.
pub(super) async fn media_file(
    State(state): State<AppState>,
    Path(key): Path<String>,
    request: Request,
) -> Response {
    let safe = !key.is_empty()
        && key.split('/').all(|part| {
            !part.is_empty()
                && !part.starts_with('.')
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        });
    // Originals keep every tag the camera wrote (GPS position, serial
    // numbers); readers get the stripped renditions only.
    let private = key.starts_with("originals/");
    let uri = format!("/{key}").parse::<Uri>();
    let (true, false, Ok(uri)) = (safe, private, uri) else {
        return respond(&state, None, Err(PageError::not_found("media file"))).await;
    };
    let (mut parts, body) = request.into_parts();
    parts.uri = uri;
    let request = Request::from_parts(parts, Body::new(body));
    let dir = ServeDir::new(state.config.data_dir.join("media"));
    let mut response = match dir.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    if response.status() == StatusCode::NOT_FOUND {
        // Not in the local folder: the configured store (S3) may have it.
        return match state.media.blobs().get(&key).await {
            Ok(Some(bytes)) => stored_file(&key, bytes),
            Ok(None) => respond(&state, None, Err(PageError::not_found("media file"))).await,
            Err(e) => {
                tracing::warn!(%key, error = %e, "media store read failed");
                let unavailable = PageError::new(crate::ErrorCode::Unavailable, e.to_string());
                respond(&state, None, Err(unavailable)).await
            }
        };
    }
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
        response
            .headers_mut()
            .insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    }
    response
}

/// A media file read from the blob store, served as immutable.
fn stored_file(key: &str, bytes: Vec<u8>) -> Response {
    let content_type = match key.rsplit('.').next() {
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("png") => "image/png",
        Some("gif") => "image/gif",
        Some("avif") => "image/avif",
        _ => "application/octet-stream",
    };
    (
        [
            (axum::http::header::CONTENT_TYPE, content_type),
            (
                axum::http::header::CACHE_CONTROL,
                "public, max-age=31536000, immutable",
            ),
        ],
        bytes,
    )
        .into_response()
}
