//! `/newsroom/chats`: chat rooms and their moderation. Editors and admins,
//! in a newsroom session, list and create rooms, edit a room (title, slow
//! mode, open or closed), see the newest messages of every room with
//! delete, mute and ban, and lift sanctions. Every action writes the
//! moderation log and the audit log in its transaction; a deletion reaches
//! every open socket through the store's events.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use dateline_domain::comment::parse_note;
use dateline_domain::Slug;
use dateline_store::chats::{ChatRoom, ChatRoomInput, ChatSanctionChange, ChatSanctionKind};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::auth::{now, Permission, Staff};
use crate::error::{ApiError, ErrorCode};
use crate::newsroom::{render_page, Chrome, NewsroomLocale};
use crate::urls::Urls;
use crate::AppState;

/// Messages per page of the recent list.
const PAGE_SIZE: u32 = 50;
/// Longest mute, in minutes (30 days).
const MAX_MUTE_MINUTES: i64 = 30 * 24 * 60;
/// Longest slow mode, in seconds.
const MAX_SLOW_MODE: i64 = 3600;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/newsroom/chats", get(page))
        .route("/newsroom/chats/rooms", post(create_room))
        .route("/newsroom/chats/rooms/{id}", post(update_room))
        .route("/newsroom/chats/messages/{id}/delete", post(delete_message))
        .route("/newsroom/chats/readers/{id}/sanction", post(sanction))
}

/// Editors and admins (`Permission::Moderate`, as for comments).
fn require_moderator(staff: &Staff) -> Result<(), ApiError> {
    staff.require(Permission::Moderate)
}

fn invalid(field: &'static str, message: &str) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, message.to_owned()).with_field(field)
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    before: Option<i64>,
}

#[derive(Serialize)]
struct RoomRow {
    id: i64,
    edition: String,
    slug: String,
    title: String,
    description: String,
    slow_mode_seconds: i64,
    is_open: bool,
    position: i64,
    url: String,
}

#[derive(Serialize)]
struct MessageRow {
    id: i64,
    room: String,
    room_url: String,
    reader_id: Option<i64>,
    author: String,
    body: String,
    created_at: i64,
    deleted: bool,
}

#[derive(Serialize)]
struct SanctionRow {
    reader_id: i64,
    name: String,
    banned: bool,
    until: Option<i64>,
    reason: String,
}

#[derive(Serialize)]
struct ChatsView {
    #[serde(flatten)]
    chrome: Chrome,
    editions: Vec<(i64, String)>,
    rooms: Vec<RoomRow>,
    messages: Vec<MessageRow>,
    sanctions: Vec<SanctionRow>,
    next_before: Option<i64>,
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Query(q): Query<PageQuery>,
) -> Result<Response, ApiError> {
    require_moderator(&staff)?;
    let editions = state.store.editions().await?;
    let edition_of = |id: i64| editions.iter().find(|e| e.id == id).map(|e| &e.code);
    let room_url = |room: &ChatRoom| {
        edition_of(room.edition_id)
            .map(|code| Urls::relative().chat_room(code, &room.slug))
            .unwrap_or_default()
    };
    let rooms = state.store.chat_rooms(None).await?;
    let messages = state
        .store
        .recent_chat_messages(q.before, PAGE_SIZE)
        .await?;
    let room_of = |id: i64| rooms.iter().find(|r| r.id == id);
    let view = ChatsView {
        chrome: Chrome::new(&staff, "chats"),
        editions: editions
            .iter()
            .map(|e| (e.id, format!("{} ({})", e.name, e.code)))
            .collect(),
        next_before: (messages.len() == PAGE_SIZE as usize)
            .then(|| messages.last().map(|m| m.id))
            .flatten(),
        messages: messages
            .iter()
            .map(|m| {
                let room = room_of(m.room_id);
                MessageRow {
                    id: m.id,
                    room: room.map(|r| r.title.clone()).unwrap_or_default(),
                    room_url: room.map(room_url).unwrap_or_default(),
                    reader_id: m.reader_id,
                    author: m.author_name.clone(),
                    body: m.body.clone(),
                    created_at: m.created_at,
                    deleted: m.deleted,
                }
            })
            .collect(),
        sanctions: state
            .store
            .chat_sanctions(now())
            .await?
            .into_iter()
            .map(|s| SanctionRow {
                reader_id: s.reader_id,
                name: s.reader_name,
                banned: s.kind == ChatSanctionKind::Ban,
                until: match s.kind {
                    ChatSanctionKind::Mute { until } => Some(until),
                    ChatSanctionKind::Ban => None,
                },
                reason: s.reason,
            })
            .collect(),
        rooms: rooms
            .iter()
            .map(|r| RoomRow {
                id: r.id,
                edition: edition_of(r.edition_id)
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                slug: r.slug.clone(),
                title: r.title.clone(),
                description: r.description.clone(),
                slow_mode_seconds: r.slow_mode_seconds,
                is_open: r.is_open,
                position: r.position,
                url: room_url(r),
            })
            .collect(),
    };
    let locale = NewsroomLocale::from_headers(&state, &headers);
    render_page(
        &state,
        &locale,
        StatusCode::OK,
        "newsroom/chats.html",
        &view,
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct RoomForm {
    #[serde(default)]
    edition_id: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    slow_mode_seconds: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    is_open: Option<String>,
    #[serde(default)]
    position: String,
}

impl RoomForm {
    fn parse(&self, edition_id: i64) -> Result<ChatRoomInput, ApiError> {
        let slug: Slug = self
            .slug
            .trim()
            .parse()
            .map_err(|e: dateline_domain::ParseError| invalid("slug", &e.to_string()))?;
        let title = self.title.trim();
        if title.is_empty() || title.chars().count() > 120 {
            return Err(invalid("title", "a title of 1 to 120 characters"));
        }
        let description = self.description.trim();
        if description.chars().count() > 500 {
            return Err(invalid("description", "at most 500 characters"));
        }
        let number = |raw: &str, field: &'static str, max: i64| {
            let raw = raw.trim();
            if raw.is_empty() {
                return Ok(0);
            }
            raw.parse::<i64>()
                .ok()
                .filter(|n| (0..=max).contains(n))
                .ok_or_else(|| invalid(field, &format!("a whole number from 0 to {max}")))
        };
        Ok(ChatRoomInput {
            edition_id,
            slug,
            title: title.to_owned(),
            description: description.to_owned(),
            slow_mode_seconds: number(&self.slow_mode_seconds, "slow_mode_seconds", MAX_SLOW_MODE)?,
            is_open: self.is_open.is_some(),
            position: number(&self.position, "position", 10_000)?,
        })
    }
}

pub async fn create_room(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<RoomForm>,
) -> Result<Response, ApiError> {
    require_moderator(&staff)?;
    let edition_id: i64 = form
        .edition_id
        .trim()
        .parse()
        .map_err(|_| invalid("edition_id", "choose an edition"))?;
    let input = form.parse(edition_id)?;
    let audit = staff
        .audit("chat_room.create", "chat_room", None)
        .details(json!({ "slug": input.slug.as_str(), "edition_id": edition_id }));
    state.store.create_chat_room(&input, now(), &audit).await?;
    Ok(Redirect::to(crate::urls::newsroom::CHATS).into_response())
}

pub async fn update_room(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<RoomForm>,
) -> Result<Response, ApiError> {
    require_moderator(&staff)?;
    let room = state
        .store
        .chat_room(id)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "no such chat room"))?;
    let input = form.parse(room.edition_id)?;
    let audit = staff
        .audit("chat_room.update", "chat_room", Some(id))
        .details(json!({
            "slug": input.slug.as_str(),
            "slow_mode_seconds": input.slow_mode_seconds,
            "is_open": input.is_open,
        }));
    state.store.update_chat_room(id, &input, &audit).await?;
    Ok(Redirect::to(crate::urls::newsroom::CHATS).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    reason: String,
}

pub async fn delete_message(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<ReasonForm>,
) -> Result<Response, ApiError> {
    require_moderator(&staff)?;
    let reason =
        parse_note("reason", &form.reason).map_err(|e| invalid("reason", &e.to_string()))?;
    let audit = staff
        .audit("chat_message.delete", "chat_message", Some(id))
        .details(json!({ "reason": reason }));
    match state
        .store
        .delete_chat_message(id, &reason, now(), staff.id(), &audit)
        .await
    {
        // Deleted already: the page shows it so.
        Ok(()) | Err(dateline_store::StoreError::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(Redirect::to(crate::urls::newsroom::CHATS).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct SanctionForm {
    /// `mute`, `ban` or `lift`.
    #[serde(default)]
    kind: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    reason: String,
}

pub async fn sanction(
    State(state): State<AppState>,
    staff: Staff,
    Path(reader_id): Path<i64>,
    Form(form): Form<SanctionForm>,
) -> Result<Response, ApiError> {
    require_moderator(&staff)?;
    let reason =
        parse_note("reason", &form.reason).map_err(|e| invalid("reason", &e.to_string()))?;
    let at = now();
    let kind = match form.kind.as_str() {
        "lift" => None,
        "ban" => Some(ChatSanctionKind::Ban),
        "mute" => {
            let minutes: i64 = form
                .minutes
                .trim()
                .parse()
                .ok()
                .filter(|m| (1..=MAX_MUTE_MINUTES).contains(m))
                .ok_or_else(|| invalid("minutes", "a number of minutes from 1 to 43200"))?;
            Some(ChatSanctionKind::Mute {
                until: at + minutes * 60,
            })
        }
        _ => return Err(invalid("kind", "mute, ban or lift")),
    };
    if kind.is_some() && reason.is_empty() {
        return Err(invalid("reason", "say why: the reader is shown the reason"));
    }
    let action = format!("chat.{}", form.kind);
    let audit = staff
        .audit(&action, "reader", Some(reader_id))
        .details(json!({ "reason": reason, "minutes": form.minutes }));
    state
        .store
        .change_chat_sanction(&ChatSanctionChange {
            reader_id,
            kind,
            reason,
            at,
            actor_user_id: staff.id(),
            audit,
        })
        .await?;
    Ok(Redirect::to(crate::urls::newsroom::CHATS).into_response())
}
