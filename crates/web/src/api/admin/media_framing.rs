//! `PUT /api/v1/admin/media/{id}/framing`: an asset's crop and focal point.
//! A new crop makes the renditions again (new files, under new addresses;
//! the old ones serve until then); the focal point moves the picture in
//! every card at once. Audited in the same transaction.

use axum::extract::State;
use axum::Json;
use dateline_domain::{Crop, FocalPoint, Framing};
use serde::Deserialize;
use utoipa::ToSchema;

use super::responses::AdminMedia;
use super::ApiJson;
use crate::api::context::ApiContext;
use crate::api::extract::ApiPath;
use crate::auth::{MediaRef, Permission, Staff};
use crate::error::{ApiError, ErrorBody};
use crate::AppState;

/// A framing, in pixels of the upright original (`width` × `height` of
/// the asset); both parts replace what was set.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FramingBody {
    /// Inside the picture, at least 32 px on each side; `null` or absent:
    /// the whole picture.
    #[serde(default)]
    pub crop: Option<Crop>,
    /// Inside the crop; `null` or absent: the centre.
    #[serde(default)]
    pub focal_point: Option<FocalPoint>,
}

/// Sets an asset's crop and focal point.
#[utoipa::path(put, path = "/api/v1/admin/media/{id}/framing", operation_id = "admin_frame_media",
    tag = "admin", security(("bearer" = [])), params(("id" = i64, Path)), request_body = FramingBody,
    responses(
        (status = 200, description = "The asset with its new framing (renditions of a new crop follow in the background)", body = AdminMedia),
        (status = 403, description = "`forbidden` (scope `media:write`; contributors and authors frame their own uploads)", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 422, description = "`invalid_input`: the crop leaves the picture or is too small, or the focal point lies outside the crop", body = ErrorBody),
    ))]
pub async fn frame(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<FramingBody>,
) -> Result<Json<AdminMedia>, ApiError> {
    let (asset, info) = tokio::try_join!(state.store.media_by_id(id), state.store.upload_info(id))?;
    let asset = asset.ok_or_else(|| ApiError::not_found("media asset"))?;
    staff.require(Permission::EditMedia(MediaRef {
        edition_id: asset.edition_id,
        uploaded_by: info.and_then(|i| i.uploaded_by),
    }))?;
    let framing = Framing::new(body.crop, body.focal_point, asset.width, asset.height)?;
    let audit = staff.audit("media.framing", "media", Some(id)).details(
        serde_json::json!({ "crop": framing.crop(), "focal_point": framing.focal_point() }),
    );
    let asset = state.media.set_framing(id, &framing, &audit).await?;
    let ctx = ApiContext::load(&state).await?;
    Ok(Json(AdminMedia::build(&asset, &ctx)))
}
