//! How many chat sockets one reader may hold open on this node: per
//! signed-in reader, or per client address (IPv4, or IPv6 /64) for readers
//! who are not signed in (or whose socket was opened from another site).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::extract::ws::{close_code, CloseFrame, Message, WebSocket};

use super::frames::ServerFrame;
use super::rules::ChatRefusal;

/// Sockets per reader (or address) by default.
pub const MAX_SOCKETS_PER_READER: usize = 8;

/// Whose socket it is, as counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum SocketOwner {
    Reader(i64),
    Address(IpAddr),
    /// A request that did not come through the server (no address known).
    Unknown,
}

/// The open sockets of this node, by owner.
#[derive(Debug)]
pub struct SocketSlots {
    max: usize,
    open: Mutex<HashMap<SocketOwner, usize>>,
}

impl SocketSlots {
    pub fn new(max: usize) -> Self {
        Self {
            max,
            open: Mutex::default(),
        }
    }

    /// The cap per owner.
    pub fn max(&self) -> usize {
        self.max
    }

    /// Chat sockets open on this node, all owners together.
    pub fn open_sockets(&self) -> usize {
        self.open().values().sum()
    }

    fn open(&self) -> MutexGuard<'_, HashMap<SocketOwner, usize>> {
        // Counting never panics while holding the lock; a poisoned one is sound.
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A place for one more socket of `owner`, or `None` at the cap.
    pub(super) fn take(self: &Arc<Self>, owner: SocketOwner) -> Option<SocketSlot> {
        let mut open = self.open();
        let held = open.entry(owner).or_insert(0);
        if *held >= self.max {
            return None;
        }
        *held += 1;
        Some(SocketSlot {
            slots: Arc::clone(self),
            owner,
        })
    }
}

impl Default for SocketSlots {
    fn default() -> Self {
        Self::new(MAX_SOCKETS_PER_READER)
    }
}

/// One open socket's place, given back when it is dropped.
#[derive(Debug)]
pub(super) struct SocketSlot {
    slots: Arc<SocketSlots>,
    owner: SocketOwner,
}

impl Drop for SocketSlot {
    fn drop(&mut self) {
        let mut open = self.slots.open();
        if let Some(n) = open.get_mut(&self.owner) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.owner);
            }
        }
    }
}

/// How long a refused socket waits for the client's side of the close.
const CLOSE_WAIT: Duration = Duration::from_secs(5);

/// The refusal of a socket over the cap: the `error` frame built by
/// [`refusal_frame`], then a close ("try again later"); the page's script
/// shows the reason and reconnects later by itself.
pub(super) async fn refuse(mut socket: WebSocket, frame: String) {
    let _ = socket.send(Message::Text(frame.into())).await;
    let close = CloseFrame {
        code: close_code::AGAIN,
        reason: "too many chat sockets".into(),
    };
    if socket.send(Message::Close(Some(close))).await.is_ok() {
        let _ = tokio::time::timeout(CLOSE_WAIT, async {
            while let Some(Ok(_)) = socket.recv().await {}
        })
        .await;
    }
}

/// The `error` frame of a refused socket, `reason` in the page's language.
pub(super) fn refusal_frame(max: usize, reason: impl FnOnce(&ChatRefusal) -> String) -> String {
    let refusal = ChatRefusal::TooManySockets { max };
    ServerFrame::Error {
        code: refusal.code(),
        reason: reason(&refusal),
        nonce: None,
    }
    .to_json()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn each_owner_has_its_own_cap() {
        let slots = Arc::new(SocketSlots::new(2));
        let a = SocketOwner::Reader(1);
        let first = slots.take(a).unwrap();
        let _second = slots.take(a).unwrap();
        assert!(slots.take(a).is_none());
        assert!(slots.take(SocketOwner::Reader(2)).is_some());
        drop(first);
        assert!(slots.take(a).is_some());
        assert!(slots.open().get(&SocketOwner::Reader(2)).is_none(), "freed");
    }
}
