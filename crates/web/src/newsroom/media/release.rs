//! `POST /newsroom/media/{id}/release`: an editor releases a picture to the
//! public media bank (`release=1`) or withdraws it (`release=0`), audited in
//! the same transaction; back to the asset's page with a notice.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use crate::auth::Permission;
use crate::error::ApiError;
use crate::media_access::asset_to_change;
use crate::newsroom::Desk;
use crate::AppState;

#[derive(Debug, Deserialize)]
pub(super) struct ReleaseForm {
    /// `1` releases, `0` withdraws.
    release: u8,
}

pub(super) async fn submit(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    Form(form): Form<ReleaseForm>,
) -> Result<Response, ApiError> {
    asset_to_change(&state, &desk.staff, id, Permission::ReleaseMedia).await?;
    let released = form.release != 0;
    let (action, done) = if released {
        ("media.release", "released")
    } else {
        ("media.withdraw", "withdrawn")
    };
    let audit = desk.staff.audit(action, "media", Some(id));
    state.store.release_media(id, released, &audit).await?;
    Ok(Redirect::to(&format!(
        "{}?{done}=1",
        crate::urls::newsroom::media_asset(id)
    ))
    .into_response())
}
