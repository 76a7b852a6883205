//! Live updates for open reader pages. Pages stay plain HTML that a reload
//! brings up to date; a script adds what arrives while they are open.
//!
//! - `hub.rs`: one task per node turns the store's `Published` events (from
//!   any node: PostgreSQL `LISTEN/NOTIFY`) into newsfeed items, made once
//!   and fanned out to every open connection.
//! - `newsfeed.rs`: `GET /{edition}/newsfeed/live`, a Server-Sent Events
//!   stream of those items. Each event's id is the item's position
//!   (`published_at.id`); a reconnecting browser sends the last one back
//!   (`Last-Event-ID`, or `?after=` from the page) and first receives what
//!   it missed.

mod hub;
mod newsfeed;

use axum::routing::get;
use axum::Router;

pub use hub::{FeedItem, LiveHub};

use crate::AppState;

/// The live routes; they stream, so they stay outside the page cache.
pub fn router() -> Router<AppState> {
    Router::new().route("/{edition}/newsfeed/live", get(newsfeed::stream))
}
