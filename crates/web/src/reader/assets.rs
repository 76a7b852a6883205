//! Files around the pages: the theme's static files (fingerprinted, cached
//! for a year) and media-bank files from `{data_dir}/media/`, served only
//! for pictures readers may see (and to staff).

use axum::body::Body;
use axum::extract::{FromRequestParts, Path, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use dateline_store::events::CacheKey;
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::auth::{Permission, Staff};
use crate::site::{respond, PageError};
use crate::visibility::public_picture;
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
///
/// Only files of pictures readers may see are public (`crate::visibility`):
/// labelled with the picture's cache key, so that a CDN is purged when the
/// picture is withdrawn. Staff (a newsroom session or an API token with
/// `media:read`) also get the others, `private, no-store`, for the newsroom
/// and the preview; anyone else gets the 404 of a file that does not exist.
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
    let access = match file_access(&state, &key, &mut parts).await {
        Ok(Some(access)) => access,
        Ok(None) => return respond(&state, None, Err(PageError::not_found("media file"))).await,
        Err(err) => return respond(&state, None, Err(err)).await,
    };
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
            Ok(Some(bytes)) => access.label(stored_file(&key, bytes)),
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
            .insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        response = access.label(response);
    }
    response
}

/// Who a media file may be served to, and so how it is labelled.
enum FileAccess {
    /// Readers may see the picture `media_id`.
    Public { media_id: i64 },
    /// Only staff may: the answer must stay out of shared caches.
    Staff,
}

impl FileAccess {
    fn label(&self, mut response: Response) -> Response {
        let headers = response.headers_mut();
        match self {
            Self::Public { media_id } => {
                headers.insert(CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
                let key = CacheKey::Media(*media_id).to_string();
                if let Ok(value) = HeaderValue::from_str(&key) {
                    headers.insert(HeaderName::from_static("surrogate-key"), value.clone());
                    headers.insert(HeaderName::from_static("cache-tag"), value);
                }
            }
            Self::Staff => {
                headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
            }
        }
        response
    }
}

/// The access to the file named `key`, `None` when the asker may not have
/// it (or no rendition has that key).
async fn file_access(
    state: &AppState,
    key: &str,
    parts: &mut Parts,
) -> Result<Option<FileAccess>, PageError> {
    let Some(owner) = state.store.rendition_owner(key).await? else {
        return Ok(None);
    };
    let site = state.cache.site(&state.store).await?;
    if public_picture(owner.media_id, owner.is_public, &site.editions) {
        return Ok(Some(FileAccess::Public {
            media_id: owner.media_id,
        }));
    }
    // Any failure to authenticate answers as a missing file.
    let staff = Staff::from_request_parts(parts, state).await.ok();
    Ok(staff
        .filter(|s| s.can(Permission::ReadMedia))
        .map(|_| FileAccess::Staff))
}

/// A media file read from the blob store (caching headers: [`FileAccess`]).
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
            (CONTENT_TYPE, content_type),
            (X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        bytes,
    )
        .into_response()
}
