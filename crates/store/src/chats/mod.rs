//! Chats: rooms per edition, their messages and the chat sanctions.
//!
//! Message ids grow with every insert, so history pages (`before`) and
//! resumes (`after`) are keyset ranges on `(room_id, id)`. Posting and
//! deleting announce themselves ([`crate::events::Event::ChatPosted`],
//! [`crate::events::Event::ChatDeleted`]) inside the writing transaction, so
//! that every node's open sockets hear of them once it commits; the events
//! carry ids only, and each node loads the message once.
//!
//! Sanctions are for every room: a mute ends at a time, a ban lasts until
//! lifted. They are apart from the reader's site-wide standing (suspended or
//! banned by comment moderators), which refuses chat messages too.

mod history;
mod moderate;
mod post;
mod rooms;

pub use history::ChatMessage;
pub use moderate::{ChatSanction, ChatSanctionChange, ChatSanctionKind};
pub use post::{ChatPostFacts, NewChatMessage};
pub use rooms::{ChatRoom, ChatRoomInput};
