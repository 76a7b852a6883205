//! `GET /{edition}/chats/{room}/ws?after=`: a room over WebSocket.
//!
//! Anyone may connect and read. Writing needs a signed-in reader whose
//! browser opened the socket from this site: the `Origin` header must name
//! the configured site or the host asked (a page elsewhere cannot use the
//! reader's cookie to write). Every message goes through the same checks
//! as the form, read afresh each time.
//!
//! A reader (or, signed out, an address) has at most
//! `state.chat_sockets.max()` sockets open on this node (`slots.rs`); one
//! more is answered an `error` frame (`too_many_sockets`) and closed.
//!
//! When the node shuts down, every socket is closed with 1012 "service
//! restart"; `chat.js` reconnects after a random wait (through the proxy,
//! to another node) with `after`, and so loses nothing.
//!
//! A reconnecting client names the newest id it has (`after`) and first
//! receives what was posted since, with a few seconds of overlap (two
//! messages posted at once may commit out of id order on PostgreSQL); it
//! skips the ids it has. A socket never sends one message twice. It then
//! hears of the messages it may still show that moderators deleted while
//! it was away (the last day's deletions, as `deleted` frames).
//!
//! Bad input is refused to that client alone with an `error` frame and the
//! socket stays open: a frame that is not JSON of a known type, one over
//! [`MAX_FRAME`] bytes, a refused message (banned word, rates, slow mode,
//! sanctions). Only abuse closes it: frames over [`TRANSPORT_MAX`] bytes
//! (the protocol layer refuses them) or more than [`ABUSE_FRAMES`] frames
//! in [`ABUSE_WINDOW`].

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, Query, State};
use axum::http::header::{HOST, ORIGIN};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use tokio::sync::broadcast;

use super::frames::{ClientFrame, ServerFrame};
use super::hub::{ChatHub, Outgoing};
use super::page::{blocked, PAGE_SIZE};
use super::post::submit;
use super::room::{presence_label, refusal_text, MessageView, RoomCtx};
use super::rules::ChatRefusal;
use super::slots::{self, SocketOwner};
use crate::account::Reader;
use crate::auth::now;
use crate::server::ClientAddr;
use crate::site::respond;
use crate::AppState;

/// Largest frame a client may send; larger ones are refused.
pub const MAX_FRAME: usize = 4096;
/// Largest frame the protocol layer reads at all; larger ones close.
pub const TRANSPORT_MAX: usize = 64 * 1024;
/// More frames than this in [`ABUSE_WINDOW`] closes the socket.
pub const ABUSE_FRAMES: u32 = 30;
pub const ABUSE_WINDOW: Duration = Duration::from_secs(10);
/// A resume also looks this many seconds before its position.
const RESUME_OVERLAP: i64 = 10;
/// At most this many missed messages are sent on a resume.
const RESUME_LIMIT: u32 = 500;
/// How far back (seconds) a resuming client hears of deletions it missed.
const DELETIONS_WINDOW: i64 = 86_400;
/// Ids already sent, remembered to send none twice.
const REMEMBERED: usize = 1024;
/// Pings keep proxies from closing a quiet socket.
const PING_EVERY: Duration = Duration::from_secs(25);

#[derive(Debug, Default, Deserialize)]
pub(super) struct SocketQuery {
    after: Option<i64>,
}

pub(super) async fn upgrade(
    State(state): State<AppState>,
    Path((edition, slug)): Path<(String, String)>,
    Query(query): Query<SocketQuery>,
    headers: HeaderMap,
    reader: Option<Reader>,
    client: ClientAddr,
    ws: WebSocketUpgrade,
) -> Response {
    let room = match RoomCtx::load(&state, &edition, &slug).await {
        Ok(room) => room,
        Err(e) => return respond(&state, Some(&edition), Err(e)).await,
    };
    let writer = reader.filter(|_| same_origin(&headers, &state.config.base_url));
    // Counted by reader only when the socket is the reader's own (opened
    // from this site): another site cannot spend a reader's sockets.
    let owner = match (&writer, client.0) {
        (Some(reader), _) => SocketOwner::Reader(reader.id),
        (None, Some(address)) => SocketOwner::Address(address),
        (None, None) => SocketOwner::Unknown,
    };
    let Some(slot) = state.chat_sockets.take(owner) else {
        let frame = slots::refusal_frame(state.chat_sockets.max(), |refusal| {
            refusal_text(&state, room.locale(), refusal)
        });
        return ws.on_upgrade(move |socket| slots::refuse(socket, frame));
    };
    let hub = Arc::clone(&state.chats);
    ws.max_message_size(TRANSPORT_MAX)
        .max_frame_size(TRANSPORT_MAX)
        .on_upgrade(move |socket| async move {
            let live = hub.join(&state, room.room.id);
            let connection = Connection {
                state,
                hub,
                room,
                writer,
                live,
                sent: Sent::default(),
                last_id: 0,
                window: (Instant::now(), 0),
            };
            connection.run(socket, query.after).await;
            drop(slot);
        })
}

/// The socket was opened by a page of this site: `Origin` is the
/// configured site, or the scheme and host the request was sent to.
fn same_origin(headers: &HeaderMap, base_url: &str) -> bool {
    let Some(origin) = headers.get(ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    if origin == base_url.trim_end_matches('/') {
        return true;
    }
    let host = headers.get(HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    matches!((host, origin_host), (Some(h), Some(o)) if h.eq_ignore_ascii_case(o))
}

/// Ids sent on this socket lately.
#[derive(Default)]
struct Sent {
    order: VecDeque<i64>,
    ids: HashSet<i64>,
}

impl Sent {
    /// Remembers `id`; false when it was sent already.
    fn insert(&mut self, id: i64) -> bool {
        if !self.ids.insert(id) {
            return false;
        }
        self.order.push_back(id);
        if self.order.len() > REMEMBERED {
            if let Some(old) = self.order.pop_front() {
                self.ids.remove(&old);
            }
        }
        true
    }
}

/// One open socket.
struct Connection {
    state: AppState,
    hub: Arc<ChatHub>,
    room: RoomCtx,
    /// The signed-in reader, when this socket may write.
    writer: Option<Reader>,
    live: broadcast::Receiver<Arc<Outgoing>>,
    sent: Sent,
    /// The newest message id this client has.
    last_id: i64,
    /// Start of the current abuse window and the frames received in it.
    window: (Instant, u32),
}

/// Why a socket ends.
struct Closed;

impl Connection {
    async fn run(mut self, mut socket: WebSocket, after: Option<i64>) {
        if self.open(&mut socket, after).await.is_err() {
            return;
        }
        let mut ping = tokio::time::interval(PING_EVERY);
        ping.tick().await;
        let shutdown = self.state.shutdown.clone();
        loop {
            let step = tokio::select! {
                // The page's script reconnects, to another node or after
                // the restart.
                () = shutdown.cancelled() => {
                    let close = CloseFrame {
                        // 1012, "Service Restart" (RFC 6455's registry).
                        code: axum::extract::ws::close_code::RESTART,
                        reason: "service restart".into(),
                    };
                    let _ = socket.send(Message::Close(Some(close))).await;
                    Err(Closed)
                },
                incoming = socket.recv() => match incoming {
                    Some(Ok(message)) => self.receive(&mut socket, message).await,
                    // Gone, or a protocol error (a frame over TRANSPORT_MAX).
                    Some(Err(_)) | None => Err(Closed),
                },
                out = self.live.recv() => match out {
                    Ok(out) => self.forward(&mut socket, &out).await,
                    Err(broadcast::error::RecvError::Lagged(_)) => self.catch_up(&mut socket).await,
                    Err(broadcast::error::RecvError::Closed) => Err(Closed),
                },
                _ = ping.tick() => send_raw(&mut socket, Message::Ping(Default::default())).await,
            };
            if step.is_err() {
                return;
            }
        }
    }

    /// `ready`, then what a resuming client missed.
    async fn open(&mut self, socket: &mut WebSocket, after: Option<i64>) -> Result<(), Closed> {
        let locale = self.room.locale();
        let reason = match &self.writer {
            None => Some(refusal_text(&self.state, locale, &ChatRefusal::SignIn)),
            Some(reader) => blocked(&self.state, &self.room, reader)
                .await
                .unwrap_or_else(|_| {
                    Some(refusal_text(&self.state, locale, &ChatRefusal::Unavailable))
                }),
        };
        let count = self.hub.presence(self.room.room.id);
        let ready = ServerFrame::Ready {
            can_send: reason.is_none(),
            reason,
            count,
            label: presence_label(&self.state, locale, count),
        };
        self.send(socket, &ready).await?;
        match after {
            Some(after) => {
                self.last_id = after.max(0);
                self.catch_up(socket).await
            }
            None => {
                // Catch-ups after missed events start from what exists now.
                let latest = self
                    .state
                    .store
                    .chat_history(self.room.room.id, None, 1)
                    .await;
                self.last_id = latest
                    .ok()
                    .and_then(|(m, _)| m.last().map(|m| m.id))
                    .unwrap_or(0);
                Ok(())
            }
        }
    }

    async fn receive(&mut self, socket: &mut WebSocket, message: Message) -> Result<(), Closed> {
        let text = match message {
            Message::Text(text) => text,
            Message::Binary(_) => return self.refuse(socket, ChatRefusal::Malformed, None).await,
            Message::Close(_) => return Err(Closed),
            Message::Ping(_) | Message::Pong(_) => return Ok(()),
        };
        let started = Instant::now();
        if started.duration_since(self.window.0) > ABUSE_WINDOW {
            self.window = (started, 0);
        }
        self.window.1 += 1;
        if self.window.1 > ABUSE_FRAMES {
            let close = CloseFrame {
                code: axum::extract::ws::close_code::POLICY,
                reason: "too many frames".into(),
            };
            let _ = socket.send(Message::Close(Some(close))).await;
            return Err(Closed);
        }
        if text.len() > MAX_FRAME {
            return self.refuse(socket, ChatRefusal::TooLarge, None).await;
        }
        let Some(frame) = ClientFrame::parse(text.as_str()) else {
            return self.refuse(socket, ChatRefusal::Malformed, None).await;
        };
        let nonce = frame.nonce();
        match frame {
            ClientFrame::Send { body, .. } => self.post(socket, &body, nonce).await,
            ClientFrame::History { before } => self.history(socket, before).await,
        }
    }

    async fn post(
        &mut self,
        socket: &mut WebSocket,
        body: &str,
        nonce: Option<String>,
    ) -> Result<(), Closed> {
        let Some(reader) = &self.writer else {
            return self.refuse(socket, ChatRefusal::SignIn, nonce).await;
        };
        match submit(&self.state, self.room.room.id, reader.id, body, now()).await {
            Ok(Ok(message)) => {
                self.send(
                    socket,
                    &ServerFrame::Sent {
                        nonce,
                        id: message.id,
                    },
                )
                .await
            }
            Ok(Err(refusal)) => self.refuse(socket, refusal, nonce).await,
            Err(e) => {
                tracing::warn!(error = %e, "a chat message could not be stored");
                self.refuse(socket, ChatRefusal::Unavailable, nonce).await
            }
        }
    }

    async fn history(&mut self, socket: &mut WebSocket, before: i64) -> Result<(), Closed> {
        let page = self
            .state
            .store
            .chat_history(self.room.room.id, Some(before), PAGE_SIZE)
            .await;
        let Ok((messages, more)) = page else {
            return self.refuse(socket, ChatRefusal::Unavailable, None).await;
        };
        let frame = ServerFrame::History {
            before,
            messages: messages.iter().map(|m| self.view(m)).collect(),
            more,
        };
        self.send(socket, &frame).await
    }

    async fn forward(&mut self, socket: &mut WebSocket, out: &Outgoing) -> Result<(), Closed> {
        match out {
            Outgoing::Posted(message) => {
                if message.room_id != self.room.room.id || !self.sent.insert(message.id) {
                    return Ok(());
                }
                self.last_id = self.last_id.max(message.id);
                let frame = ServerFrame::Message(self.view(message));
                self.send(socket, &frame).await
            }
            Outgoing::Deleted(id) => self.send(socket, &ServerFrame::Deleted { id: *id }).await,
            Outgoing::Presence(count) => {
                let label = presence_label(&self.state, self.room.locale(), *count);
                let frame = ServerFrame::Presence {
                    count: *count,
                    label,
                };
                self.send(socket, &frame).await
            }
            Outgoing::CatchUp => self.catch_up(socket).await,
        }
    }

    /// Sends what was posted after `last_id` (and a little before) and not
    /// sent yet, oldest first.
    async fn catch_up(&mut self, socket: &mut WebSocket) -> Result<(), Closed> {
        let missed = self
            .state
            .store
            .chat_messages_since(
                self.room.room.id,
                self.last_id,
                RESUME_OVERLAP,
                RESUME_LIMIT,
            )
            .await;
        let missed = match missed {
            Ok(missed) => missed,
            Err(e) => {
                tracing::warn!(error = %e, "a chat socket could not catch up");
                return Ok(());
            }
        };
        let shown_up_to = self.last_id;
        for message in missed {
            if self.sent.insert(message.id) {
                self.last_id = self.last_id.max(message.id);
                let frame = ServerFrame::Message(self.view(&message));
                self.send(socket, &frame).await?;
            }
        }
        // Deletions made while the client was away: it may still show them.
        let deleted = self
            .state
            .store
            .chat_deleted_since(
                self.room.room.id,
                shown_up_to,
                crate::auth::now() - DELETIONS_WINDOW,
                RESUME_LIMIT,
            )
            .await
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, "a chat socket could not read deletions");
                Vec::new()
            });
        for id in deleted {
            self.send(socket, &ServerFrame::Deleted { id }).await?;
        }
        Ok(())
    }

    async fn refuse(
        &mut self,
        socket: &mut WebSocket,
        refusal: ChatRefusal,
        nonce: Option<String>,
    ) -> Result<(), Closed> {
        let frame = ServerFrame::Error {
            code: refusal.code(),
            reason: refusal_text(&self.state, self.room.locale(), &refusal),
            nonce,
        };
        self.send(socket, &frame).await
    }

    fn view(&self, message: &dateline_store::chats::ChatMessage) -> MessageView {
        let viewer = self.writer.as_ref().map(|r| r.id);
        MessageView::build(&self.state, &self.room.ctx, message, viewer)
    }

    async fn send(&self, socket: &mut WebSocket, frame: &ServerFrame) -> Result<(), Closed> {
        send_raw(socket, Message::Text(frame.to_json().into())).await
    }
}

async fn send_raw(socket: &mut WebSocket, message: Message) -> Result<(), Closed> {
    socket.send(message).await.map_err(|_| Closed)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn only_this_site_may_write() {
        let headers = |origin: Option<&str>, host: &str| {
            let mut h = HeaderMap::new();
            h.insert(HOST, HeaderValue::from_str(host).unwrap());
            if let Some(o) = origin {
                h.insert(ORIGIN, HeaderValue::from_str(o).unwrap());
            }
            h
        };
        let base = "https://news.example";
        assert!(same_origin(
            &headers(Some("https://news.example"), "10.0.0.1"),
            base
        ));
        assert!(same_origin(
            &headers(Some("http://127.0.0.1:8080"), "127.0.0.1:8080"),
            base
        ));
        assert!(!same_origin(
            &headers(Some("https://evil.example"), "news.example"),
            base
        ));
        assert!(!same_origin(
            &headers(Some("http://127.0.0.1:9"), "127.0.0.1:8080"),
            base
        ));
        assert!(!same_origin(&headers(None, "news.example"), base));
    }

    #[test]
    fn a_message_is_sent_once() {
        let mut sent = Sent::default();
        assert!(sent.insert(1));
        assert!(!sent.insert(1));
        for id in 2..=(REMEMBERED as i64 + 1) {
            assert!(sent.insert(id));
        }
        assert!(sent.insert(1), "the oldest id was forgotten");
    }
}
