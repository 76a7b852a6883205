//! `/api/v1/admin/media/{id}/release`: an editor releases a picture to the
//! public media bank (`PUT`) or withdraws the release (`DELETE`). Pictures
//! of published stories are public anyway; a release makes public one that
//! no published story uses. Audited in the same transaction.

use axum::extract::State;
use axum::Json;

use super::responses::AdminMedia;
use crate::api::context::ApiContext;
use crate::api::extract::ApiPath;
use crate::auth::{Permission, Staff};
use crate::error::{ApiError, ErrorBody};
use crate::media_access::asset_to_change;
use crate::AppState;

/// Releases a picture to the public media bank.
#[utoipa::path(put, path = "/api/v1/admin/media/{id}/release", operation_id = "admin_release_media",
    tag = "admin", security(("bearer" = [])), params(("id" = i64, Path)),
    responses(
        (status = 200, description = "The asset, now public (`released` and `public` true)", body = AdminMedia),
        (status = 403, description = "`forbidden` (scope `media:write`; editors of the picture's edition and admins)", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
    ))]
pub async fn release(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<AdminMedia>, ApiError> {
    set_release(&state, &staff, id, true).await
}

/// Withdraws a picture's release.
///
/// It leaves the public media bank unless a published story uses it (or it
/// is an edition's logo).
#[utoipa::path(delete, path = "/api/v1/admin/media/{id}/release", operation_id = "admin_withdraw_media",
    tag = "admin", security(("bearer" = [])), params(("id" = i64, Path)),
    responses(
        (status = 200, description = "The asset, `released` false", body = AdminMedia),
        (status = 403, description = "`forbidden` (scope `media:write`; editors of the picture's edition and admins)", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
    ))]
pub async fn withdraw(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<AdminMedia>, ApiError> {
    set_release(&state, &staff, id, false).await
}

async fn set_release(
    state: &AppState,
    staff: &Staff,
    id: i64,
    released: bool,
) -> Result<Json<AdminMedia>, ApiError> {
    asset_to_change(state, staff, id, Permission::ReleaseMedia).await?;
    let action = if released {
        "media.release"
    } else {
        "media.withdraw"
    };
    let audit = staff.audit(action, "media", Some(id));
    let asset = state.store.release_media(id, released, &audit).await?;
    let ctx = ApiContext::load(state).await?;
    Ok(Json(AdminMedia::build(&asset, &ctx)))
}
