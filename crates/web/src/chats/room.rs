//! The room a chat request is about, loaded from its address, and how its
//! messages and refusals read in the page's language.

use dateline_render::{iso8601, FluentValue, PageLocale};
use dateline_store::chats::{ChatMessage, ChatRoom};
use serde::Serialize;

use super::rules::ChatRefusal;
use crate::site::{EditionCtx, PageError};
use crate::urls::Urls;
use crate::AppState;

/// A room with its edition's chrome and its addresses.
pub(super) struct RoomCtx {
    pub ctx: EditionCtx,
    pub room: ChatRoom,
    /// `/{edition}/chats/{room}`.
    pub url: String,
}

impl RoomCtx {
    /// The room at `/{code}/chats/{slug}`, else 404.
    pub async fn load(state: &AppState, code: &str, slug: &str) -> Result<Self, PageError> {
        let ctx = EditionCtx::load(state, code).await?;
        let room = state
            .store
            .chat_room_by_slug(ctx.edition.id, slug)
            .await?
            .ok_or_else(|| PageError::not_found("chat room"))?;
        let url = Urls::relative().chat_room(ctx.code(), &room.slug);
        Ok(Self { ctx, room, url })
    }

    pub fn locale(&self) -> &PageLocale {
        &self.ctx.locale
    }
}

/// A message as pages and frames show it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct MessageView {
    pub id: i64,
    pub author: String,
    pub body: String,
    /// ISO 8601 in the edition's zone, for `<time datetime>`.
    pub datetime: String,
    /// `HH:MM` in the edition's zone.
    pub time: String,
}

impl MessageView {
    pub fn build(state: &AppState, ctx: &EditionCtx, m: &ChatMessage) -> Self {
        let author = if m.author_name.is_empty() {
            state.renderer.t(&ctx.locale, "chat-former-reader", &[])
        } else {
            m.author_name.clone()
        };
        Self {
            id: m.id,
            author,
            body: m.body.clone(),
            datetime: iso8601(m.created_at, ctx.edition.time_zone.tz()),
            time: state
                .renderer
                .date(&ctx.locale, m.created_at, Some("%H:%M")),
        }
    }
}

/// "N people here", in the page's language.
pub(super) fn presence_label(state: &AppState, locale: &PageLocale, count: u32) -> String {
    state.renderer.t(
        locale,
        "chat-presence",
        &[("count", FluentValue::from(i64::from(count)))],
    )
}

/// A refusal in the page's language (catalog `chat-refused-{code}`).
pub(super) fn refusal_text(state: &AppState, locale: &PageLocale, refusal: &ChatRefusal) -> String {
    let key = format!("chat-refused-{}", refusal.code().replace('_', "-"));
    let mut args: Vec<(&str, FluentValue<'_>)> = Vec::new();
    let when = |t: i64| state.renderer.date(locale, t, Some("%Y-%m-%d %H:%M"));
    match refusal {
        ChatRefusal::Suspended { until, reason } => {
            args.push((
                "until",
                FluentValue::from(until.map(when).unwrap_or_default()),
            ));
            args.push(("reason", FluentValue::from(reason.clone())));
        }
        ChatRefusal::Muted { until, reason } => {
            args.push(("until", FluentValue::from(when(*until))));
            args.push(("reason", FluentValue::from(reason.clone())));
        }
        ChatRefusal::Banned { reason } | ChatRefusal::ChatBanned { reason } => {
            args.push(("reason", FluentValue::from(reason.clone())));
        }
        ChatRefusal::BannedWord(word) => args.push(("word", FluentValue::from(word.clone()))),
        ChatRefusal::TooManyLinks(n) => args.push(("count", FluentValue::from(*n as i64))),
        ChatRefusal::SlowMode { wait } => args.push(("seconds", FluentValue::from(*wait))),
        ChatRefusal::TooManySockets { max } => args.push(("max", FluentValue::from(*max as i64))),
        ChatRefusal::TooLong => {
            args.push(("max", FluentValue::from(super::rules::MAX_CHARS as i64)))
        }
        _ => {}
    }
    state.renderer.t(locale, &key, &args)
}

/// 303 to `location`: the GET after a successful POST.
pub(super) fn see_other(location: &str) -> axum::response::Response {
    use axum::http::{header, HeaderValue, StatusCode};
    use axum::response::IntoResponse;
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}
