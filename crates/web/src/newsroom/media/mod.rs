//! The newsroom's media bank: search by caption, credit and date, upload
//! (credit, caption, copyright and by-line pre-filled from the file's
//! IPTC/XMP/EXIF metadata), edit an asset's texts, crop and focal point,
//! see where it is used, release it to the public media bank or withdraw it.

mod asset;
mod framing;
mod list;
mod release;
mod upload;

pub(crate) use list::Thumb;
pub(crate) use upload::{store_form_picture, PictureRefused};

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

use crate::AppState;

/// The body limit of a form carrying one picture: the largest accepted
/// file and room for the form's other fields.
pub(crate) fn picture_form_limit(state: &AppState) -> DefaultBodyLimit {
    let max_upload = usize::try_from(state.media.limits().max_bytes).unwrap_or(usize::MAX);
    DefaultBodyLimit::max(max_upload.saturating_add(upload::FORM_OVERHEAD))
}

pub(crate) fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route(
            "/newsroom/media",
            get(list::page)
                .post(upload::submit)
                .layer(picture_form_limit(state)),
        )
        .route("/newsroom/media/{id}", get(asset::page).post(asset::save))
        .route("/newsroom/media/{id}/release", post(release::submit))
        .route("/newsroom/media/{id}/framing", post(framing::save))
        .route("/newsroom/media/{id}/framing.jpg", get(framing::preview))
}
