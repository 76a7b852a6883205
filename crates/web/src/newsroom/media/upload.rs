//! `POST /newsroom/media`: one picture, as `multipart/form-data`. The file
//! is checked (format, size, pixel count) before anything is kept; its
//! embedded caption, credit, copyright and by-line fill the asset, which
//! the editor then reviews on the asset's page. The same file twice gives
//! the existing asset. Renditions are made in the background.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use dateline_media::{MediaError, Upload};
use dateline_store::NewAudit;

use super::list::{render, Filters};
use crate::auth::Permission;
use crate::error::ApiError;
use crate::newsroom::file_form::FormFile;
use crate::newsroom::Desk;
use crate::AppState;

/// Room for a form's other fields around the largest accepted file.
pub(crate) const FORM_OVERHEAD: usize = 64 * 1024;

/// Why a picture sent with another form was not kept: the answer's status
/// and the catalog message to show on the file field.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PictureRefused {
    pub status: StatusCode,
    pub message: &'static str,
}

/// Stores a picture sent with another form (an edition's logo) in the
/// media bank, as the upload form would, filed under `edition_id`, with
/// `audit` (its actor and address) written by the transaction that
/// records it. Its id, or why it was refused (nothing kept); database
/// trouble is an error.
pub(crate) async fn store_form_picture(
    state: &AppState,
    file: FormFile,
    uploaded_by: Option<i64>,
    edition_id: Option<i64>,
    audit: NewAudit,
) -> Result<Result<i64, PictureRefused>, ApiError> {
    let upload = Upload {
        bytes: file.bytes,
        filename: file.filename,
        uploaded_by,
        edition_id,
        ..Upload::default()
    };
    let refused = |status: StatusCode, message| Ok(Err(PictureRefused { status, message }));
    match state.media.upload_audited(upload, audit).await {
        Ok(uploaded) => Ok(Ok(uploaded.asset.id)),
        Err(err) if err.is_bad_input() => {
            tracing::info!(reason = err.code(), detail = %err, "picture refused");
            let status = crate::error::ErrorCode::for_refused_upload(&err).status();
            refused(status, message(&err))
        }
        Err(MediaError::Database(err)) => Err(err.into()),
        Err(err @ MediaError::Busy) => refused(StatusCode::SERVICE_UNAVAILABLE, message(&err)),
        Err(err) => {
            tracing::error!(error = %err, "upload failed");
            refused(StatusCode::INTERNAL_SERVER_ERROR, "media-failed")
        }
    }
}

/// The catalog message for a refused file.
fn message(err: &MediaError) -> &'static str {
    match err.code() {
        "not_an_image" => "media-not-an-image",
        "unsupported_image_format" => "media-unsupported",
        "file_too_large" => "media-too-large",
        "too_many_pixels" => "media-too-many-pixels",
        "image_needs_too_much_memory" => "media-too-much-memory",
        "media_busy" => "media-busy",
        "empty_image" | "corrupt_image" => "media-corrupt",
        _ => "media-failed",
    }
}

pub(super) async fn submit(
    State(state): State<AppState>,
    desk: Desk,
    mut multipart: Multipart,
) -> Result<Response, ApiError> {
    desk.staff
        .require(Permission::UploadMedia { edition_id: None })?;
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut file_photo = false;
    let (state, desk) = (&state, &desk);
    // The editor reads the translated message; the library's own words
    // (English, for operators) go to the log only.
    let refuse = |status: StatusCode, key: &'static str, detail: String| async move {
        if !detail.is_empty() {
            tracing::info!(%status, reason = key, detail, "upload refused");
        }
        render(state, desk, &Filters::default(), status, Some(key)).await
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => {
                // The body limit answers here for files over the limit.
                let status = e.status();
                let key = if status == StatusCode::PAYLOAD_TOO_LARGE {
                    "media-too-large"
                } else {
                    "media-failed"
                };
                return refuse(status, key, e.body_text()).await;
            }
        };
        match field.name() {
            Some("file") => {
                let name = field.file_name().unwrap_or("upload").to_owned();
                match field.bytes().await {
                    Ok(bytes) => file = Some((name, bytes.to_vec())),
                    Err(e) => return refuse(e.status(), "media-too-large", e.body_text()).await,
                }
            }
            Some("file_photo") => file_photo = true,
            _ => {}
        }
    }
    let Some((filename, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "media-no-file",
            String::new(),
        )
        .await;
    };
    let upload = Upload {
        bytes,
        filename,
        uploaded_by: Some(desk.id()),
        edition_id: None,
        section_id: None,
        is_file_photo: file_photo,
    };
    let audit = desk.staff.audit("media.upload", "media", None);
    match state.media.upload_audited(upload, audit).await {
        Ok(uploaded) => {
            let flag = if uploaded.created {
                "uploaded"
            } else {
                "duplicate"
            };
            let id = uploaded.asset.id;
            Ok(Redirect::to(&format!(
                "{}?{flag}=1",
                crate::urls::newsroom::media_asset(id)
            ))
            .into_response())
        }
        Err(err) if err.is_bad_input() => {
            let status = crate::error::ErrorCode::for_refused_upload(&err).status();
            refuse(status, message(&err), err.to_string()).await
        }
        // The database away or busy: the error page's 503 with Retry-After.
        Err(MediaError::Database(err)) => Err(err.into()),
        // Other pictures hold the decode memory: "try again", not a fault.
        Err(err @ MediaError::Busy) => {
            refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                message(&err),
                String::new(),
            )
            .await
        }
        Err(err) => {
            tracing::error!(error = %err, "upload failed");
            refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "media-failed",
                String::new(),
            )
            .await
        }
    }
}
