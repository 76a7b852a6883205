//! `/newsroom/moderation`: the comment queues (awaiting review, reported,
//! rejected) with approve, reject and author sanctions; the moderation log;
//! the word lists and each section's moderation mode and closing period.
//! Editors and admins moderate, signed in to the newsroom. Every action
//! writes the moderation log and the audit log in its transaction.

mod decide;
mod log;
mod queue;
mod sanction;
mod settings;

use crate::auth::{Permission, Staff};
use crate::error::ApiError;
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/newsroom/moderation", get(queue::page))
        .route("/newsroom/moderation/{id}/approve", post(decide::approve))
        .route("/newsroom/moderation/{id}/reject", post(decide::reject))
        .route(
            "/newsroom/moderation/{id}/sanction",
            post(sanction::sanction),
        )
        .route("/newsroom/moderation/log", get(log::page))
        .route("/newsroom/moderation/settings", get(settings::page))
        .route("/newsroom/moderation/articles", post(settings::article))
        .route("/newsroom/moderation/words", post(settings::add_word))
        .route(
            "/newsroom/moderation/words/{id}/remove",
            post(settings::remove_word),
        )
        .route(
            "/newsroom/moderation/sections/{id}",
            post(settings::section),
        )
}

/// Editors and admins (`Permission::Moderate`).
fn require_moderator(staff: &Staff) -> Result<(), ApiError> {
    staff.require(Permission::Moderate)
}

/// 303 back to a moderation page after an action.
fn back_to(location: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    axum::response::Redirect::to(location).into_response()
}
