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

/// A message as pages and frames show it, to one reader.
#[derive(Debug, Clone, Serialize)]
pub(super) struct MessageView {
    pub id: i64,
    pub author: String,
    /// The author's first letter, for the avatar beside their messages.
    pub initial: String,
    pub body: String,
    /// ISO 8601 in the edition's zone, for `<time datetime>`.
    pub datetime: String,
    /// `HH:MM` in the edition's zone.
    pub time: String,
    /// The message's day in the edition's zone, as its separator reads.
    pub day: String,
    /// Written by the reader it is shown to (their page, their socket).
    pub mine: bool,
    #[serde(skip)]
    pub at: i64,
}

impl MessageView {
    /// `m` as `viewer` (a signed-in reader's id, if any) sees it.
    pub fn build(state: &AppState, ctx: &EditionCtx, m: &ChatMessage, viewer: Option<i64>) -> Self {
        let author = if m.author_name.is_empty() {
            state.renderer.t(&ctx.locale, "chat-former-reader", &[])
        } else {
            m.author_name.clone()
        };
        let day_pattern = state.renderer.t(&ctx.locale, "chat-day-pattern", &[]);
        Self {
            id: m.id,
            initial: initial(&author),
            author,
            body: m.body.clone(),
            datetime: iso8601(m.created_at, ctx.edition.time_zone.tz()),
            time: state
                .renderer
                .date(&ctx.locale, m.created_at, Some("%H:%M")),
            day: state
                .renderer
                .date(&ctx.locale, m.created_at, Some(&day_pattern)),
            mine: viewer.is_some() && m.reader_id == viewer,
            at: m.created_at,
        }
    }

    /// The local day, `YYYY-MM-DD` (the start of `datetime`).
    fn local_day(&self) -> &str {
        self.datetime.get(..10).unwrap_or(&self.datetime)
    }
}

/// Messages this close after the one before, by the same author on the
/// same side, join its group: one name and avatar for the lot. `chat.js`
/// applies the same rule to the messages it adds.
pub(super) const GROUP_GAP_SECONDS: i64 = 300;

/// A message in the page's log: whether it opens a new day (a separator
/// above it) and whether it continues the group of the one before.
#[derive(Debug, Serialize)]
pub(super) struct MessageRow {
    #[serde(flatten)]
    pub message: MessageView,
    pub new_day: bool,
    pub grouped: bool,
}

/// `messages` (oldest first) with their separators and groups; the first
/// always names its day.
pub(super) fn rows(messages: Vec<MessageView>) -> Vec<MessageRow> {
    let mut rows: Vec<MessageRow> = Vec::with_capacity(messages.len());
    for message in messages {
        let (new_day, grouped) = match rows.last() {
            None => (true, false),
            Some(prev) => {
                let prev = &prev.message;
                let new_day = prev.local_day() != message.local_day();
                let grouped = !new_day
                    && prev.author == message.author
                    && prev.mine == message.mine
                    && (0..=GROUP_GAP_SECONDS).contains(&(message.at - prev.at));
                (new_day, grouped)
            }
        };
        rows.push(MessageRow {
            message,
            new_day,
            grouped,
        });
    }
    rows
}

/// The first character of `name`, upper-cased (an avatar's letter).
fn initial(name: &str) -> String {
    name.trim()
        .chars()
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn view(author: &str, mine: bool, datetime: &str, at: i64) -> MessageView {
        MessageView {
            id: at,
            author: author.into(),
            initial: initial(author),
            body: "hi".into(),
            datetime: datetime.into(),
            time: String::new(),
            day: datetime[..10].into(),
            mine,
            at,
        }
    }

    #[test]
    fn messages_group_by_author_side_day_and_gap() {
        let rows = rows(vec![
            view("Ann", false, "2026-12-04T23:58:00+00:00", 1000),
            // Same author a minute later: grouped.
            view("Ann", false, "2026-12-04T23:59:00+00:00", 1060),
            // Past midnight: a new day, never grouped.
            view("Ann", false, "2026-12-05T00:01:00+00:00", 1180),
            // Another author.
            view("Bob", false, "2026-12-05T00:02:00+00:00", 1240),
            // Same name, but the reader's own: another side.
            view("Bob", true, "2026-12-05T00:03:00+00:00", 1300),
            // Same author after more than the gap.
            view(
                "Bob",
                true,
                "2026-12-05T00:09:00+00:00",
                1300 + GROUP_GAP_SECONDS + 1,
            ),
            // And right after that one.
            view(
                "Bob",
                true,
                "2026-12-05T00:09:30+00:00",
                1330 + GROUP_GAP_SECONDS,
            ),
        ]);
        let seen: Vec<(bool, bool)> = rows.iter().map(|r| (r.new_day, r.grouped)).collect();
        assert_eq!(
            seen,
            [
                (true, false),
                (false, true),
                (true, false),
                (false, false),
                (false, false),
                (false, false),
                (false, true),
            ]
        );
    }

    #[test]
    fn initials_are_one_upper_case_letter() {
        assert_eq!(initial("ann"), "A");
        assert_eq!(initial("  ёжик"), "Ё");
        assert_eq!(initial(""), "");
    }
}
