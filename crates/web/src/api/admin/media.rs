//! `/api/v1/admin/media`: the media bank for API tokens — upload a picture
//! (the request body is the file), read and correct an asset's texts, and
//! search by words and capture date. Uploads go through the same
//! `MediaService` as the newsroom: checked before anything is kept, texts
//! pre-filled from the file's metadata, renditions made in the background.

use axum::body::Body;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use dateline_media::Upload;
use dateline_store::{Cursor, MediaSearch, MediaTextUpdate};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::responses::AdminMedia;
use super::ApiJson;
use crate::api::context::ApiContext;
use crate::api::extract::{self, ApiPath, ApiQuery, QueryCursor, QueryLimit};
use crate::auth::{Permission, Staff};
use crate::error::{ApiError, ErrorBody, ErrorCode};
use crate::media_access::asset_to_change;
use crate::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadParams {
    /// The file's name, kept with the asset.
    pub filename: Option<String>,
    /// An archive picture, not taken for the story it illustrates.
    #[serde(default)]
    pub file_photo: bool,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words that must all occur in caption, credit, by-line, keywords…
    pub q: Option<String>,
    /// Taken at or after (Unix seconds).
    pub taken_from: Option<i64>,
    /// Taken before (Unix seconds).
    pub taken_until: Option<i64>,
    /// Page size, 1 to 100.
    #[param(value_type = Option<QueryLimit>)]
    pub limit: Option<String>,
    /// `next` of the previous page.
    #[param(value_type = Option<QueryCursor>)]
    pub after: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AdminMediaPage {
    pub items: Vec<AdminMedia>,
    pub next: Option<String>,
}

/// Texts to change; absent fields stay as they are.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct MediaPatch {
    pub caption: Option<String>,
    pub alt_text: Option<String>,
    pub credit: Option<String>,
    pub copyright: Option<String>,
    pub source: Option<String>,
    pub creator: Option<String>,
    pub keywords: Option<Vec<String>>,
}

/// Uploads one picture: the request body is the file (JPEG, PNG, WebP,
/// AVIF or GIF). The same bytes twice give the existing asset (200).
#[utoipa::path(post, path = "/api/v1/admin/media", operation_id = "admin_upload_media", tag = "admin",
    security(("bearer" = [])), params(UploadParams),
    request_body(content = String, content_type = "application/octet-stream",
        description = "The picture file itself"),
    responses(
        (status = 201, description = "A new asset, texts pre-filled from the file", body = AdminMedia),
        (status = 200, description = "The file was already in the bank", body = AdminMedia),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (scope `media:write`)", body = ErrorBody),
        (status = 413, description = "`payload_too_large`", body = ErrorBody),
        (status = 422, description = "`invalid_input`: not a picture, corrupt, too many pixels, too much memory to process", body = ErrorBody),
        (status = 503, description = "`unavailable`: other pictures hold the memory this one needs (see Retry-After)", body = ErrorBody),
    ))]
pub async fn upload(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(params): ApiQuery<UploadParams>,
    body: Body,
) -> Result<(StatusCode, Json<AdminMedia>), ApiError> {
    staff.require(Permission::UploadMedia { edition_id: None })?;
    // Read here, against the configured limit, so that a file too large is
    // refused with the documented JSON error rather than axum's plain text.
    let max_bytes = state.media.limits().max_bytes;
    let limit = usize::try_from(max_bytes).unwrap_or(usize::MAX);
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|err| {
        let err = err.into_inner();
        if err.is::<http_body_util::LengthLimitError>() {
            let message = format!("the file is larger than {max_bytes} bytes");
            ApiError::new(ErrorCode::PayloadTooLarge, message).with_field("file")
        } else {
            ApiError::new(ErrorCode::InvalidInput, "the upload was cut off")
                .with_detail(err.to_string())
        }
    })?;
    let filename = params.filename.unwrap_or_else(|| "upload".into());
    let upload = Upload {
        bytes: bytes.to_vec(),
        filename,
        uploaded_by: Some(staff.id()),
        edition_id: None,
        section_id: None,
        is_file_photo: params.file_photo,
    };
    let audit = staff.audit("media.upload", "media", None);
    let uploaded = match state.media.upload_audited(upload, audit).await {
        Ok(uploaded) => uploaded,
        Err(err) if err.is_bad_input() => {
            let code = ErrorCode::for_refused_upload(&err);
            return Err(ApiError::new(code, err.to_string()).with_field("file"));
        }
        // The database away or busy is 503 with Retry-After, like any store error.
        Err(dateline_media::MediaError::Database(err)) => return Err(err.into()),
        Err(err @ dateline_media::MediaError::Busy) => {
            return Err(ApiError::new(ErrorCode::Unavailable, err.to_string()).with_retry_after(60));
        }
        Err(err) => return Err(ApiError::internal(err.to_string())),
    };
    let ctx = ApiContext::load(&state).await?;
    let status = if uploaded.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(AdminMedia::build(&uploaded.asset, &ctx))))
}

/// Searches the bank, newest upload first.
#[utoipa::path(get, path = "/api/v1/admin/media", operation_id = "admin_search_media", tag = "admin",
    security(("bearer" = [])), params(SearchParams),
    responses(
        (status = 200, description = "One page", body = AdminMediaPage),
        (status = 400, description = "`invalid_query`", body = ErrorBody),
        (status = 403, description = "`forbidden` (scope `media:read`)", body = ErrorBody),
    ))]
pub async fn search(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Result<Json<AdminMediaPage>, ApiError> {
    staff.require(Permission::ReadMedia)?;
    let after: Option<Cursor> = extract::cursor(params.after.as_deref())?;
    let page = state
        .store
        .search_media(&MediaSearch {
            text: params.q.unwrap_or_default(),
            taken_from: params.taken_from,
            taken_until: params.taken_until,
            uploaded_by: None,
            limit: extract::limit(params.limit.as_deref())?,
            after,
        })
        .await?;
    let ctx = ApiContext::load(&state).await?;
    Ok(Json(AdminMediaPage {
        items: page
            .items
            .iter()
            .map(|a| AdminMedia::build(a, &ctx))
            .collect(),
        next: page.next.map(Cursor::encode),
    }))
}

/// One asset.
#[utoipa::path(get, path = "/api/v1/admin/media/{id}", operation_id = "admin_get_media", tag = "admin",
    security(("bearer" = [])), params(("id" = i64, Path)),
    responses(
        (status = 200, description = "The asset", body = AdminMedia),
        (status = 404, description = "`not_found`", body = ErrorBody),
    ))]
pub async fn get_one(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<AdminMedia>, ApiError> {
    staff.require(Permission::ReadMedia)?;
    let asset = state
        .store
        .media_by_id(id)
        .await?
        .ok_or_else(|| ApiError::not_found("media asset"))?;
    let ctx = ApiContext::load(&state).await?;
    Ok(Json(AdminMedia::build(&asset, &ctx)))
}

/// Corrects an asset's texts (caption, credit, copyright…); pages showing
/// the picture are purged.
#[utoipa::path(patch, path = "/api/v1/admin/media/{id}", operation_id = "admin_update_media", tag = "admin",
    security(("bearer" = [])), params(("id" = i64, Path)), request_body = MediaPatch,
    responses(
        (status = 200, description = "The asset as stored now", body = AdminMedia),
        (status = 403, description = "`forbidden` (scope `media:write`; contributors and authors edit their own uploads)", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
    ))]
pub async fn update(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<MediaPatch>,
) -> Result<Json<AdminMedia>, ApiError> {
    asset_to_change(&state, &staff, id, Permission::EditMedia).await?;
    let trim = |s: Option<String>| s.map(|s| s.trim().to_owned());
    let update = MediaTextUpdate {
        caption: trim(body.caption),
        alt_text: trim(body.alt_text),
        credit: trim(body.credit),
        copyright: trim(body.copyright),
        source: trim(body.source),
        creator: trim(body.creator),
        keywords: body.keywords,
    };
    let audit = staff.audit("media.update", "media", Some(id));
    let asset = state.media.update_text(id, &update, &audit).await?;
    let ctx = ApiContext::load(&state).await?;
    Ok(Json(AdminMedia::build(&asset, &ctx)))
}
