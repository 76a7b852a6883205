//! `GET /{edition}/chats`, the edition's rooms with who is there and when
//! each last spoke, and `GET /{edition}/chats/{room}?before=`, a room: its
//! latest messages (or a page of older ones) grouped by author and day,
//! the reader's own marked (the page is theirs alone: `private, no-store`),
//! the link to older ones, and the form for signed-in readers (a plain
//! POST, so it works without JavaScript; `chat.js` sends over the socket
//! instead and adds what arrives).

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use dateline_render::{iso8601, FluentValue};
use serde::{Deserialize, Serialize};

use super::hub::ChatHub;
use super::room::{presence_label, refusal_text, rows, MessageRow, MessageView, RoomCtx};
use super::rules::{check, ChatBody, MAX_CHARS};
use crate::account::Reader;
use crate::auth::now;
use crate::site::{respond, EditionCtx, Layout, Meta, PageError};
use crate::urls::Urls;
use crate::AppState;

/// Messages per page.
pub(super) const PAGE_SIZE: u32 = 50;

#[derive(Debug, Default, Deserialize)]
pub(super) struct RoomQuery {
    before: Option<i64>,
}

/// The message box as it comes back: what was typed, and why not.
#[derive(Debug, Default, Serialize)]
pub(super) struct FormState {
    pub body: String,
    pub error: Option<String>,
}

#[derive(Serialize)]
struct RoomLink {
    title: String,
    description: String,
    url: String,
    open: bool,
    presence: String,
    /// Sockets open in the room now.
    here: u32,
    /// When the latest message was posted, if any.
    last: Option<LastMessage>,
}

/// The room's latest message, as its card hints at it.
#[derive(Serialize)]
struct LastMessage {
    datetime: String,
    /// "Last message today at 14:05", or on another day.
    label: String,
}

#[derive(Serialize)]
struct ListView {
    #[serde(flatten)]
    layout: Layout,
    rooms: Vec<RoomLink>,
}

pub(super) async fn list(State(state): State<AppState>, Path(edition): Path<String>) -> Response {
    let result = async {
        let ctx = EditionCtx::load(&state, &edition).await?;
        state.chats.start(&state);
        let rooms = state.store.chat_rooms(Some(ctx.edition.id)).await?;
        let title = state.renderer.t(&ctx.locale, "chat-rooms-title", &[]);
        let mut links = Vec::with_capacity(rooms.len());
        // An edition has a handful of rooms; each latest message is one
        // short index range on (room_id, id).
        for r in rooms {
            let (latest, _) = state.store.chat_history(r.id, None, 1).await?;
            let here = state.chats.presence(r.id);
            links.push(RoomLink {
                url: Urls::relative().chat_room(ctx.code(), &r.slug),
                presence: presence_label(&state, &ctx.locale, here),
                here,
                last: latest
                    .last()
                    .map(|m| last_message(&state, &ctx, m.created_at)),
                title: r.title,
                description: r.description,
                open: r.is_open,
            });
        }
        let intro = state.renderer.t(&ctx.locale, "chat-rooms-intro", &[]);
        let meta =
            Meta::new(ctx.title(&title), intro).canonical(Urls::relative().chats(ctx.code()));
        let view = ListView {
            layout: ctx.chrome(&state, "chats", meta).await?,
            rooms: links,
        };
        let mut response = ctx.render(&state, "chats/list.html", &view)?;
        no_cache(&mut response, "no-cache");
        Ok(response)
    }
    .await;
    respond(&state, Some(&edition), result).await
}

pub(super) async fn room(
    State(state): State<AppState>,
    Path((edition, slug)): Path<(String, String)>,
    Query(query): Query<RoomQuery>,
    reader: Option<Reader>,
) -> Response {
    let result = async {
        let room = RoomCtx::load(&state, &edition, &slug).await?;
        let form = FormState::default();
        render_room(
            &state,
            &state.chats,
            &room,
            reader.as_ref(),
            query.before,
            form,
            StatusCode::OK,
        )
        .await
    }
    .await;
    respond(&state, Some(&edition), result).await
}

/// "Last message today at 14:05" or "… on Friday 4 December 2026", by
/// the edition's calendar.
fn last_message(state: &AppState, ctx: &EditionCtx, at: i64) -> LastMessage {
    let tz = ctx.edition.time_zone.tz();
    let today = iso8601(now(), tz);
    let datetime = iso8601(at, tz);
    let label = if datetime.get(..10) == today.get(..10) {
        let time = state.renderer.date(&ctx.locale, at, Some("%H:%M"));
        state.renderer.t(
            &ctx.locale,
            "chat-room-last-today",
            &[("time", FluentValue::from(time))],
        )
    } else {
        let pattern = state.renderer.t(&ctx.locale, "chat-day-pattern", &[]);
        let date = state.renderer.date(&ctx.locale, at, Some(&pattern));
        state.renderer.t(
            &ctx.locale,
            "chat-room-last-day",
            &[("date", FluentValue::from(date))],
        )
    };
    LastMessage { datetime, label }
}

#[derive(Serialize)]
struct ReaderView {
    name: String,
    csrf: String,
    /// Why this reader cannot write, if they cannot.
    blocked: Option<String>,
}

#[derive(Serialize)]
struct RoomView {
    #[serde(flatten)]
    layout: Layout,
    title: String,
    description: String,
    url: String,
    list_url: String,
    socket_url: String,
    open: bool,
    slow_mode_seconds: i64,
    messages: Vec<MessageRow>,
    /// The newest message shown, where the socket resumes (the latest page only).
    after: Option<i64>,
    older_url: Option<String>,
    newest_url: Option<String>,
    presence: String,
    max_chars: usize,
    form: FormState,
    reader: Option<ReaderView>,
    login_url: String,
    register_url: String,
}

/// Renders a room's page with `form` in the message box.
pub(super) async fn render_room(
    state: &AppState,
    hub: &ChatHub,
    room: &RoomCtx,
    reader: Option<&Reader>,
    before: Option<i64>,
    form: FormState,
    status: StatusCode,
) -> Result<Response, PageError> {
    let (messages, more) = state
        .store
        .chat_history(room.room.id, before, PAGE_SIZE)
        .await?;
    let locale = room.locale();
    let reader_view = match reader {
        Some(r) => Some(ReaderView {
            name: r.display_name.clone(),
            csrf: r.csrf.clone(),
            blocked: blocked(state, room, r).await?,
        }),
        None => None,
    };
    let code = room.ctx.code();
    // The room's latest messages are its page for search engines; older
    // pages and a refused form's answer are not.
    let description = if room.room.description.is_empty() {
        state.renderer.t(locale, "chat-rooms-intro", &[])
    } else {
        room.room.description.clone()
    };
    let mut meta = Meta::new(room.ctx.title(&room.room.title), description);
    if before.is_none() && status == StatusCode::OK {
        meta = meta.canonical(room.url.clone());
    } else {
        meta = meta.noindex();
    }
    let view = RoomView {
        layout: room.ctx.chrome(state, "chat", meta).await?,
        title: room.room.title.clone(),
        description: room.room.description.clone(),
        url: room.url.clone(),
        list_url: Urls::relative().chats(code),
        socket_url: format!("{}/ws", room.url),
        open: room.room.is_open,
        slow_mode_seconds: room.room.slow_mode_seconds,
        after: if before.is_none() {
            Some(messages.last().map_or(0, |m| m.id))
        } else {
            None
        },
        older_url: more
            .then(|| {
                messages
                    .first()
                    .map(|m| format!("{}?before={}", room.url, m.id))
            })
            .flatten(),
        newest_url: before.map(|_| room.url.clone()),
        messages: rows(
            messages
                .iter()
                .map(|m| MessageView::build(state, &room.ctx, m, reader.map(|r| r.id)))
                .collect(),
        ),
        presence: presence_label(state, locale, hub.presence(room.room.id)),
        max_chars: MAX_CHARS,
        form,
        reader: reader_view,
        login_url: crate::urls::account_page("login", code.as_str(), &room.url),
        register_url: crate::urls::account_page("register", code.as_str(), &room.url),
    };
    let mut response = room.ctx.render(state, "chats/room.html", &view)?;
    *response.status_mut() = status;
    no_cache(
        &mut response,
        if reader.is_some() {
            "private, no-store"
        } else {
            "no-cache"
        },
    );
    Ok(response)
}

/// Why `reader` cannot write here now (standing, sanction, closed room).
pub(super) async fn blocked(
    state: &AppState,
    room: &RoomCtx,
    reader: &Reader,
) -> Result<Option<String>, PageError> {
    let at = now();
    let mut facts = state
        .store
        .chat_post_facts(reader.id, room.room.id, at, at)
        .await?;
    // Only who may write is in question here, not this moment's rates.
    facts.recent = 0;
    facts.last_in_room = None;
    let probe = ChatBody::parse("-").map_err(|_| PageError::not_found("chat"))?;
    Ok(check(&probe, &facts, room.room.is_open, 0, at)
        .err()
        .map(|refusal| refusal_text(state, room.locale(), &refusal)))
}

fn no_cache(response: &mut Response, value: &'static str) {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
}
