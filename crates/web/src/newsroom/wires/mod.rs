//! `/newsroom/wires`: the copy agencies and feeds deliver, taken in by the
//! ingest worker (`crate::wire_ingest`) from the sources admins configure.
//!
//! - `queue.rs`: the queue, newest first, searchable and filtered by
//!   source, language, urgency and kind;
//! - `item.rs`: one item's preview, the copies of it from other sources,
//!   the drafts made from it, and "Create a draft";
//! - `sources.rs`: the sources (admins): a folder to watch or an address
//!   to poll, how often, and how the last poll went.

mod item;
mod queue;
mod sources;

use axum::routing::{get, post};
use axum::Router;

use crate::AppState;

pub(crate) use item::acknowledge;

/// A time as the wire pages show it.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct When {
    /// `2026-12-05 06:40 UTC`.
    text: String,
    /// RFC 3339, for `<time datetime>`.
    iso: String,
}

impl When {
    fn of(at: i64) -> Self {
        let at = chrono::DateTime::from_timestamp(at, 0).unwrap_or_default();
        Self {
            text: at.format("%Y-%m-%d %H:%M UTC").to_string(),
            iso: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        }
    }

    fn maybe(at: Option<i64>) -> Option<Self> {
        at.map(Self::of)
    }
}

pub(crate) fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/newsroom/wires", get(queue::page))
        .route("/newsroom/wires/{id}", get(item::page))
        .route("/newsroom/wires/{id}/draft", post(item::make_draft))
        .route(
            "/newsroom/wires/sources",
            get(sources::page).post(sources::create),
        )
        .route(
            "/newsroom/wires/sources/{id}",
            get(sources::edit).post(sources::update),
        )
        .route("/newsroom/wires/sources/{id}/delete", post(sources::delete))
        .route("/newsroom/wires/sources/{id}/poll", post(sources::poll_now))
}
