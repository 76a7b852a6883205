//! Posting a message, the one path the form and the socket share: parse,
//! check against the store's facts, store (which announces it to every
//! node). And `POST /{edition}/chats/{room}`, the form for pages without
//! JavaScript: 303 back to the room, or the page again with the text kept
//! and the reason in the page's language.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dateline_domain::UnixTime;
use dateline_store::chats::{ChatMessage, NewChatMessage};
use dateline_store::StoreError;
use serde::Deserialize;

use super::hub::ChatHub;
use super::page::{render_room, FormState};
use super::room::{refusal_text, see_other, RoomCtx};
use super::rules::{check, ChatBody, ChatRefusal, RATE_WINDOW};
use crate::account::Reader;
use crate::auth::now;
use crate::site::{respond, PageError};
use crate::AppState;

/// Checks and stores `raw` by `reader_id` in room `room_id` at `at`.
pub(super) async fn submit(
    state: &AppState,
    room_id: i64,
    reader_id: i64,
    raw: &str,
    at: UnixTime,
) -> Result<Result<ChatMessage, ChatRefusal>, StoreError> {
    let body = match ChatBody::parse(raw) {
        Ok(body) => body,
        Err(refusal) => return Ok(Err(refusal)),
    };
    // Read again at every message: a moderator may have closed the room
    // or changed its slow mode since the socket opened.
    let room = state
        .store
        .chat_room(room_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let facts = state
        .store
        .chat_post_facts(reader_id, room_id, at - RATE_WINDOW + 1, at)
        .await?;
    if let Err(refusal) = check(&body, &facts, room.is_open, room.slow_mode_seconds, at) {
        return Ok(Err(refusal));
    }
    let new = NewChatMessage {
        room_id,
        reader_id,
        body: body.as_str().to_owned(),
        at,
    };
    match state.store.post_chat_message(&new).await {
        Ok(message) => Ok(Ok(message)),
        // Closed (or removed) in the meantime.
        Err(StoreError::NotFound) => Ok(Err(ChatRefusal::Closed)),
        Err(e) => Err(e),
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct MessageForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    csrf_token: String,
}

pub(super) async fn post(
    State(state): State<AppState>,
    Path((edition, slug)): Path<(String, String)>,
    reader: Option<Reader>,
    Form(form): Form<MessageForm>,
) -> Response {
    let result = async {
        let room = RoomCtx::load(&state, &edition, &slug).await?;
        accept(&state, &state.chats, &room, reader.as_ref(), form).await
    }
    .await;
    respond(&state, Some(&edition), result).await
}

async fn accept(
    state: &AppState,
    hub: &ChatHub,
    room: &RoomCtx,
    reader: Option<&Reader>,
    form: MessageForm,
) -> Result<Response, PageError> {
    let refuse = |error: String, status: StatusCode| {
        let kept = FormState {
            body: form.body.clone(),
            error: Some(error),
        };
        render_room(state, hub, room, reader, None, kept, status)
    };
    let Some(reader) = reader else {
        let text = refusal_text(state, room.locale(), &ChatRefusal::SignIn);
        return refuse(text, StatusCode::UNAUTHORIZED).await;
    };
    if reader.check_csrf(&form.csrf_token).is_err() {
        let text = state.renderer.t(room.locale(), "chat-confirm", &[]);
        return refuse(text, StatusCode::OK).await;
    }
    match submit(state, room.room.id, reader.id, &form.body, now()).await? {
        Ok(message) => Ok(see_other(&format!("{}#m{}", room.url, message.id))),
        Err(refusal) => {
            let text = refusal_text(state, room.locale(), &refusal);
            refuse(text, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}
