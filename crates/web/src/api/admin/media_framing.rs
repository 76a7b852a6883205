//! `PUT /api/v1/admin/media/{id}/framing`: an asset's crop, focal point and
//! shape crops. A changed framing makes the renditions again (files whose
//! part of the picture moved get new addresses; the old ones serve until
//! then). Audited in the same transaction.

use axum::extract::State;
use axum::Json;
use dateline_domain::{Crop, FocalPoint, Framing, Shape, ShapeCrops};
use serde::Deserialize;
use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Schema, Type};
use utoipa::openapi::{Ref, RefOr};
use utoipa::ToSchema;

use super::responses::AdminMedia;
use super::ApiJson;
use crate::api::context::ApiContext;
use crate::api::extract::ApiPath;
use crate::auth::{Permission, Staff};
use crate::error::{ApiError, ErrorBody};
use crate::media_access::asset_to_change;
use crate::AppState;

/// Crops of fixed shapes (`ShapeCrops`): one optional `Crop` per shape of
/// [`Shape::ALL`], named by [`Shape::as_str`], and nothing else.
pub struct ShapeCropsField;

impl utoipa::PartialSchema for ShapeCropsField {
    fn schema() -> RefOr<Schema> {
        Shape::ALL
            .into_iter()
            .fold(
                ObjectBuilder::new()
                    .schema_type(Type::Object)
                    .additional_properties(Some(AdditionalProperties::<Schema>::FreeForm(false))),
                |object, shape| {
                    object.property(shape.as_str(), RefOr::Ref(Ref::from_schema_name("Crop")))
                },
            )
            .description(Some(
                "By shape: `wide` (16:9, cards), `standard` (4:3, media-bank tiles), `square` \
                 (1:1, squares and portraits).",
            ))
            .into()
    }
}

impl ToSchema for ShapeCropsField {}

/// A framing, in pixels of the upright original (`width` × `height` of
/// the asset); every part replaces what was set.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FramingBody {
    /// Inside the picture, at least 32 px on each side; `null` or absent:
    /// the whole picture.
    #[serde(default)]
    pub crop: Option<Crop>,
    /// Inside the crop; `null` or absent: the centre.
    #[serde(default)]
    pub focal_point: Option<FocalPoint>,
    /// Crops of fixed shapes (`wide` 16:9, `standard` 4:3, `square` 1:1),
    /// each inside the picture, at least 32 px a side, in its shape's
    /// proportions within 1 % (the height is then made exact); a shape
    /// left out is cut from the crop around the focal point.
    #[serde(default)]
    #[schema(value_type = ShapeCropsField)]
    pub shape_crops: ShapeCrops,
}

/// Sets an asset's crop, focal point and shape crops.
#[utoipa::path(put, path = "/api/v1/admin/media/{id}/framing", operation_id = "admin_frame_media",
    tag = "admin", security(("bearer" = [])), params(("id" = i64, Path)), request_body = FramingBody,
    responses(
        (status = 200, description = "The asset with its new framing (renditions of a new crop follow in the background)", body = AdminMedia),
        (status = 403, description = "`forbidden` (scope `media:write`; contributors and authors frame their own uploads)", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 422, description = "`invalid_input`: a crop leaves the picture or is too small, a shape's crop lacks its proportions, or the focal point lies outside the crop", body = ErrorBody),
    ))]
pub async fn frame(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<FramingBody>,
) -> Result<Json<AdminMedia>, ApiError> {
    let asset = asset_to_change(&state, &staff, id, Permission::EditMedia).await?;
    let framing = Framing::new(body.crop, body.focal_point, asset.width, asset.height)?
        .with_shape_crops(body.shape_crops, asset.width, asset.height)?;
    let audit = staff
        .audit("media.framing", "media", Some(id))
        .details(serde_json::json!({
            "crop": framing.crop(),
            "focal_point": framing.focal_point(),
            "shape_crops": framing.shape_crops(),
        }));
    let asset = state.media.set_framing(id, &framing, &audit).await?;
    let ctx = ApiContext::load(&state).await?;
    Ok(Json(AdminMedia::build(&asset, &ctx)))
}
