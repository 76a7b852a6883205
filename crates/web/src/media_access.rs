//! Loading a picture for a change staff ask for (texts, framing, release),
//! in the newsroom and the Admin API alike: the asset and who uploaded it,
//! checked against the permission that change needs.

use dateline_store::MediaAsset;

use crate::auth::{MediaRef, Permission, Staff};
use crate::error::ApiError;
use crate::AppState;

/// The asset `id`, once `staff` holds `permission` for it (`EditMedia`,
/// `ReleaseMedia`…); a missing asset is `not_found`.
pub(crate) async fn asset_to_change(
    state: &AppState,
    staff: &Staff,
    id: i64,
    permission: fn(MediaRef) -> Permission,
) -> Result<MediaAsset, ApiError> {
    let (asset, info) = tokio::try_join!(state.store.media_by_id(id), state.store.upload_info(id))?;
    let asset = asset.ok_or_else(|| ApiError::not_found("media asset"))?;
    staff.require(permission(MediaRef {
        edition_id: asset.edition_id,
        uploaded_by: info.and_then(|i| i.uploaded_by),
    }))?;
    Ok(asset)
}
