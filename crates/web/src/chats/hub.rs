//! The node's chat hub: one broadcast channel per room with open sockets on
//! this node, fed by the store's chat events (from every node through
//! PostgreSQL `LISTEN/NOTIFY`), and the presence count.
//!
//! Presence is the number of open sockets in a room across all nodes. Each
//! node counts its own (the receivers of its room channels) and, on
//! PostgreSQL, announces them every few seconds and at once when they
//! change (`Event::ChatPresence`); every node keeps the latest count of
//! every other node and forgets a node it has not heard from for
//! [`NODE_EXPIRY`] (stopped or cut off). A room's count is the sum. Once a
//! second, rooms whose count moved get a presence frame.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Once, PoisonError};
use std::time::{Duration, Instant};

use dateline_store::chats::ChatMessage;
use dateline_store::events::{Event, NodeId};
use dateline_store::Backend;
use tokio::sync::broadcast;

use crate::AppState;

/// Frames a slow socket may fall behind by before it catches up from the
/// database instead.
const ROOM_CAPACITY: usize = 256;
/// How often presence is recomputed and pushed to sockets.
const TICK: Duration = Duration::from_secs(1);
/// A node announces its counts at least this often while it has sockets.
const HEARTBEAT: Duration = Duration::from_secs(5);
/// Counts of a node not heard from for this long are dropped.
const NODE_EXPIRY: Duration = Duration::from_secs(15);
/// At most this many rooms per announcement (keeps it in one NOTIFY).
const MAX_ROOMS_ANNOUNCED: usize = 300;

/// What a room's sockets receive from the hub.
#[derive(Debug)]
pub(super) enum Outgoing {
    Posted(ChatMessage),
    Deleted(i64),
    Presence(u32),
    /// Events may have been missed: read what was posted lately.
    CatchUp,
}

type Room = broadcast::Sender<Arc<Outgoing>>;

#[derive(Default)]
struct Presence {
    /// Other nodes' latest counts.
    remote: HashMap<NodeId, (Instant, HashMap<i64, u32>)>,
    /// The totals last pushed to sockets.
    pushed: HashMap<i64, u32>,
    /// This node's counts last announced, and when.
    announced: HashMap<i64, u32>,
    announced_at: Option<Instant>,
}

/// Fans chat events out to this node's sockets and counts who is there.
pub struct ChatHub {
    rooms: Mutex<HashMap<i64, Room>>,
    presence: Mutex<Presence>,
    started: Once,
    /// Events handed to sockets since start (one per socket per event).
    delivered: std::sync::atomic::AtomicU64,
}

impl Default for ChatHub {
    fn default() -> Self {
        Self {
            rooms: Mutex::default(),
            presence: Mutex::default(),
            started: Once::new(),
            delivered: Default::default(),
        }
    }
}

impl std::fmt::Debug for ChatHub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatHub")
            .field("rooms", &self.local_counts().len())
            .finish()
    }
}

impl ChatHub {
    /// Starts the node's hub task on first use.
    pub(super) fn start(self: &Arc<Self>, state: &AppState) {
        self.started.call_once(|| {
            tokio::spawn(run(Arc::clone(self), state.clone()));
        });
    }

    /// A new socket in `room_id`: what the room receives from now on.
    pub(super) fn join(
        self: &Arc<Self>,
        state: &AppState,
        room_id: i64,
    ) -> broadcast::Receiver<Arc<Outgoing>> {
        self.start(state);
        let mut rooms = self.rooms.lock().unwrap_or_else(PoisonError::into_inner);
        rooms
            .entry(room_id)
            .or_insert_with(|| broadcast::channel(ROOM_CAPACITY).0)
            .subscribe()
    }

    /// Open sockets in `room_id` on every node.
    pub(super) fn presence(&self, room_id: i64) -> u32 {
        let local = self.local_counts().get(&room_id).copied().unwrap_or(0);
        let presence = self.presence.lock().unwrap_or_else(PoisonError::into_inner);
        local + remote_count(&presence, room_id)
    }

    /// Events handed to this node's sockets since start (`/metrics`).
    pub fn delivered(&self) -> u64 {
        self.delivered.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn local_counts(&self) -> HashMap<i64, u32> {
        let rooms = self.rooms.lock().unwrap_or_else(PoisonError::into_inner);
        rooms
            .iter()
            .map(|(id, room)| (*id, room.receiver_count() as u32))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    fn send(&self, room_id: i64, out: Outgoing) {
        let rooms = self.rooms.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(room) = rooms.get(&room_id) {
            // No receiver left is not an error.
            if let Ok(sockets) = room.send(Arc::new(out)) {
                let n = sockets as u64;
                self.delivered
                    .fetch_add(n, std::sync::atomic::Ordering::Relaxed);
            }
        }
    }

    fn has_sockets(&self, room_id: i64) -> bool {
        let rooms = self.rooms.lock().unwrap_or_else(PoisonError::into_inner);
        rooms.get(&room_id).is_some_and(|r| r.receiver_count() > 0)
    }

    fn catch_up_all(&self) {
        let rooms = self.rooms.lock().unwrap_or_else(PoisonError::into_inner);
        for room in rooms.values() {
            let _ = room.send(Arc::new(Outgoing::CatchUp));
        }
    }

    /// Drops channels nobody listens to; pushes moved totals; returns this
    /// node's counts when they should be announced.
    fn tick(&self, now: Instant) -> Option<Vec<(i64, u32)>> {
        let local = {
            let mut rooms = self.rooms.lock().unwrap_or_else(PoisonError::into_inner);
            rooms.retain(|_, room| room.receiver_count() > 0);
            rooms
                .iter()
                .map(|(id, room)| (*id, room.receiver_count() as u32))
                .collect::<HashMap<_, _>>()
        };
        let mut presence = self.presence.lock().unwrap_or_else(PoisonError::into_inner);
        presence
            .remote
            .retain(|_, (heard, _)| now.duration_since(*heard) < NODE_EXPIRY);
        let mut totals = Vec::new();
        for (room_id, count) in &local {
            let total = count + remote_count(&presence, *room_id);
            if presence.pushed.get(room_id) != Some(&total) {
                totals.push((*room_id, total));
            }
        }
        presence.pushed.retain(|id, _| local.contains_key(id));
        for (room_id, total) in &totals {
            presence.pushed.insert(*room_id, *total);
        }
        let due = presence
            .announced_at
            .is_none_or(|at| now.duration_since(at) >= HEARTBEAT);
        let announce = (local != presence.announced || (due && !local.is_empty())).then(|| {
            presence.announced = local.clone();
            presence.announced_at = Some(now);
            let mut rooms: Vec<(i64, u32)> = local.into_iter().collect();
            rooms.sort_unstable();
            rooms.truncate(MAX_ROOMS_ANNOUNCED);
            rooms
        });
        drop(presence);
        for (room_id, total) in totals {
            self.send(room_id, Outgoing::Presence(total));
        }
        announce
    }

    fn heard(&self, node: NodeId, rooms: &[(i64, u32)]) {
        let mut presence = self.presence.lock().unwrap_or_else(PoisonError::into_inner);
        presence
            .remote
            .insert(node, (Instant::now(), rooms.iter().copied().collect()));
    }
}

fn remote_count(presence: &Presence, room_id: i64) -> u32 {
    presence
        .remote
        .values()
        .filter_map(|(_, rooms)| rooms.get(&room_id))
        .sum()
}

async fn run(hub: Arc<ChatHub>, state: AppState) {
    let mut events = state.store.subscribe();
    let own = state.store.node_id();
    let several_nodes = state.store.backend() == Backend::Postgres;
    let mut ticker = tokio::time::interval(TICK);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            event = events.recv() => match event {
                Ok(event) => handle(&hub, &state, own, &event).await,
                // Events were dropped: what they said is in the database.
                Err(broadcast::error::RecvError::Lagged(_)) => hub.catch_up_all(),
                Err(broadcast::error::RecvError::Closed) => return,
            },
            _ = ticker.tick() => {
                if let Some(rooms) = hub.tick(Instant::now()) {
                    if several_nodes {
                        let event = Event::ChatPresence { node: own, rooms };
                        if let Err(e) = state.store.emit(vec![event]).await {
                            tracing::warn!(error = %e, "chat hub could not announce presence");
                        }
                    }
                }
            }
        }
    }
}

async fn handle(hub: &ChatHub, state: &AppState, own: NodeId, event: &Event) {
    match event {
        Event::ChatPosted {
            room_id,
            message_id,
        } if hub.has_sockets(*room_id) => match state.store.chat_message(*message_id).await {
            Ok(Some(message)) if !message.deleted => {
                hub.send(*room_id, Outgoing::Posted(message));
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "chat hub could not load a message"),
        },
        Event::ChatDeleted {
            room_id,
            message_id,
        } => hub.send(*room_id, Outgoing::Deleted(*message_id)),
        Event::ChatPresence { node, rooms } if *node != own => hub.heard(*node, rooms),
        Event::Resync => hub.catch_up_all(),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presence_sums_nodes_and_forgets_silent_ones() {
        let hub = ChatHub::default();
        let local = hub
            .rooms
            .lock()
            .unwrap()
            .entry(7)
            .or_insert_with(|| broadcast::channel(4).0)
            .subscribe();
        hub.heard(NodeId(1), &[(7, 2), (8, 5)]);
        assert_eq!(hub.presence(7), 3);
        assert_eq!(hub.presence(8), 5);
        let now = Instant::now();
        let announced = hub.tick(now).expect("new counts are announced");
        assert_eq!(announced, vec![(7, 1)]);
        assert!(hub.tick(now).is_none(), "nothing moved");
        let later = now + NODE_EXPIRY + Duration::from_secs(1);
        hub.tick(later);
        assert_eq!(hub.presence(7), 1, "node 1 went quiet");
        drop(local);
        assert_eq!(hub.tick(later), Some(vec![]), "the last socket left");
        assert_eq!(hub.presence(7), 0);
    }
}
