//! `GET /{edition}/chats`, the edition's rooms with who is there, and
//! `GET /{edition}/chats/{room}?before=`, a room: its latest messages (or a
//! page of older ones), the link to older ones, and the form for signed-in
//! readers (a plain POST, so it works without JavaScript; `chat.js` sends
//! over the socket instead and adds what arrives).

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::hub::ChatHub;
use super::room::{presence_label, refusal_text, MessageView, RoomCtx};
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
        let view = ListView {
            layout: ctx.layout(&state, "chats", Meta::new(title, String::new()), None),
            rooms: rooms
                .into_iter()
                .map(|r| RoomLink {
                    url: Urls::relative().chat_room(ctx.code(), &r.slug),
                    presence: presence_label(&state, &ctx.locale, state.chats.presence(r.id)),
                    title: r.title,
                    description: r.description,
                    open: r.is_open,
                })
                .collect(),
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
    messages: Vec<MessageView>,
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
    let meta = Meta::new(room.room.title.clone(), room.room.description.clone()).noindex();
    let view = RoomView {
        layout: room.ctx.layout(state, "chat", meta, None),
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
        messages: messages
            .iter()
            .map(|m| MessageView::build(state, &room.ctx, m))
            .collect(),
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
