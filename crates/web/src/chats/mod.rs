//! Chats: real-time rooms per edition over WebSocket.
//!
//! - `page.rs`: the edition's rooms (`/{edition}/chats`) and a room's page
//!   (`/{edition}/chats/{room}?before=`), rendered per request, outside the
//!   page cache: the latest messages, older pages, the form.
//! - `post.rs`: the one posting path (checks in `rules.rs`, facts from the
//!   store) and the plain form POST for pages without JavaScript.
//! - `socket.rs` and `frames.rs`: `/{edition}/chats/{room}/ws`, JSON frames
//!   both ways; anyone reads, signed-in readers write.
//! - `hub.rs`: one hub per application fans the store's chat events (from
//!   every node) out to this node's sockets and counts presence.
//! - `slots.rs`: at most `max_chat_sockets_per_reader` (8) sockets per
//!   signed-in reader, or per address for others, on each node; the next
//!   gets an `error` frame (`too_many_sockets`) and is closed.
//!
//! `static/chat.js` connects the page to its socket and adds what arrives;
//! without it the page is a form and links.

mod frames;
mod hub;
mod page;
mod post;
mod room;
mod rules;
mod slots;
mod socket;

use axum::routing::get;
use axum::Router;

pub use hub::ChatHub;
pub use rules::{MAX_CHARS, RATE_COUNT, RATE_WINDOW};
pub use slots::{SocketSlots, MAX_SOCKETS_PER_READER};
pub use socket::{ABUSE_FRAMES, MAX_FRAME};

use crate::AppState;

/// The chat routes; their node's hub is `AppState::chats`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/{edition}/chats", get(page::list))
        .route("/{edition}/chats/{room}", get(page::room).post(post::post))
        .route("/{edition}/chats/{room}/ws", get(socket::upgrade))
}
