//! What a chat message must be and who may post it: the body's bounds and
//! the check pipeline, pure (the store supplies the facts).
//!
//! Order: the reader's site-wide standing (banned, suspended, unverified
//! address), their chat sanction (ban, mute), the room open, banned words
//! (the list comments use), links, the rate per reader (every room), slow
//! mode (per room). Suspect words pass: a chat has no review queue, and a
//! moderator can delete a message as it appears.

use dateline_domain::comment::{count_links, find_word, may_post, Refusal};
use dateline_domain::UnixTime;
use dateline_store::chats::{ChatPostFacts, ChatSanctionKind};

/// Longest message, in characters.
pub const MAX_CHARS: usize = 1000;
/// More links than this refuses a message.
pub const MAX_LINKS: usize = 2;
/// At most `RATE_COUNT` messages per reader in `RATE_WINDOW` seconds.
pub const RATE_WINDOW: i64 = 10;
pub const RATE_COUNT: i64 = 5;

/// A message body: trimmed, 1 to [`MAX_CHARS`] characters, line breaks kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatBody(String);

impl ChatBody {
    pub fn parse(raw: &str) -> Result<Self, ChatRefusal> {
        let body = raw.trim().replace("\r\n", "\n");
        if body.is_empty() {
            return Err(ChatRefusal::Empty);
        }
        if body.chars().count() > MAX_CHARS {
            return Err(ChatRefusal::TooLong);
        }
        // Frames bypass the form check (`input_text`): the same rule here.
        if dateline_domain::first_forbidden_char(&body).is_some() {
            return Err(ChatRefusal::ForbiddenCharacter);
        }
        Ok(Self(body))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a message is refused; each has a text in the page's language
/// (catalog `chat-refused-{code}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChatRefusal {
    SignIn,
    Unverified,
    Suspended {
        until: Option<UnixTime>,
        reason: String,
    },
    Banned {
        reason: String,
    },
    Muted {
        until: UnixTime,
        reason: String,
    },
    ChatBanned {
        reason: String,
    },
    Closed,
    Empty,
    TooLong,
    /// A control character or noncharacter (`dateline_domain::is_forbidden_char`).
    ForbiddenCharacter,
    BannedWord(String),
    TooManyLinks(usize),
    RateLimited,
    SlowMode {
        wait: i64,
    },
    /// A frame that is not JSON of a known type.
    Malformed,
    /// A frame over the size limit.
    TooLarge,
    /// The server could not take the message now.
    Unavailable,
    /// This reader (or, signed out, this address) has `max` chat sockets
    /// open on this node already: the new one is closed.
    TooManySockets {
        max: usize,
    },
}

impl ChatRefusal {
    /// Stable snake_case code, sent in error frames.
    pub fn code(&self) -> &'static str {
        match self {
            Self::SignIn => "sign_in",
            Self::Unverified => "email_unverified",
            Self::Suspended { .. } => "reader_suspended",
            Self::Banned { .. } => "reader_banned",
            Self::Muted { .. } => "chat_muted",
            Self::ChatBanned { .. } => "chat_banned",
            Self::Closed => "room_closed",
            Self::Empty => "message_empty",
            Self::TooLong => "message_too_long",
            Self::ForbiddenCharacter => "forbidden_character",
            Self::BannedWord(_) => "banned_word",
            Self::TooManyLinks(_) => "too_many_links",
            Self::RateLimited => "rate_limited",
            Self::SlowMode { .. } => "slow_mode",
            Self::Malformed => "malformed_frame",
            Self::TooLarge => "frame_too_large",
            Self::Unavailable => "unavailable",
            Self::TooManySockets { .. } => "too_many_sockets",
        }
    }
}

/// The verdict on `body` with `facts`, in room open or not, slow mode of
/// `slow_mode` seconds.
pub fn check(
    body: &ChatBody,
    facts: &ChatPostFacts,
    room_open: bool,
    slow_mode: i64,
    now: UnixTime,
) -> Result<(), ChatRefusal> {
    let standing = facts.standing.as_ref().ok_or(ChatRefusal::SignIn)?;
    may_post(standing, now).map_err(|r| match r {
        Refusal::Suspended { until, reason } => ChatRefusal::Suspended { until, reason },
        Refusal::Banned { reason } => ChatRefusal::Banned { reason },
        _ => ChatRefusal::Unverified,
    })?;
    if let Some(s) = &facts.sanction {
        return Err(match s.kind {
            ChatSanctionKind::Ban => ChatRefusal::ChatBanned {
                reason: s.reason.clone(),
            },
            ChatSanctionKind::Mute { until } => ChatRefusal::Muted {
                until,
                reason: s.reason.clone(),
            },
        });
    }
    if !room_open {
        return Err(ChatRefusal::Closed);
    }
    if let Some(word) = find_word(body.as_str(), &facts.banned_words) {
        return Err(ChatRefusal::BannedWord(word.to_owned()));
    }
    let links = count_links(body.as_str());
    if links > MAX_LINKS {
        return Err(ChatRefusal::TooManyLinks(links));
    }
    if facts.recent >= RATE_COUNT {
        return Err(ChatRefusal::RateLimited);
    }
    if let Some(last) = facts.last_in_room {
        let wait = last + slow_mode - now;
        if slow_mode > 0 && wait > 0 {
            return Err(ChatRefusal::SlowMode { wait });
        }
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use dateline_domain::comment::Commenter;
    use dateline_store::chats::ChatSanction;

    const NOW: UnixTime = 1_800_000_000;

    fn facts() -> ChatPostFacts {
        ChatPostFacts {
            standing: Some(Commenter {
                status: "active".into(),
                suspended_until: None,
                status_reason: String::new(),
                verified: true,
                created_at: NOW - 86_400,
            }),
            sanction: None,
            recent: 0,
            last_in_room: None,
            banned_words: vec!["scam".into(), "идиот".into()],
        }
    }

    fn verdict(text: &str, edit: impl FnOnce(&mut ChatPostFacts)) -> Result<(), ChatRefusal> {
        let mut f = facts();
        edit(&mut f);
        check(&ChatBody::parse(text).unwrap(), &f, true, 0, NOW)
    }

    #[test]
    fn bodies_are_trimmed_and_bounded() {
        assert_eq!(ChatBody::parse("  hi \r\n").unwrap().as_str(), "hi");
        assert_eq!(ChatBody::parse(" \n "), Err(ChatRefusal::Empty));
        assert_eq!(
            ChatBody::parse(&"ж".repeat(MAX_CHARS + 1)),
            Err(ChatRefusal::TooLong)
        );
        assert!(ChatBody::parse(&"ж".repeat(MAX_CHARS)).is_ok());
        assert_eq!(
            ChatBody::parse("a\u{0}b"),
            Err(ChatRefusal::ForbiddenCharacter)
        );
        assert_eq!(
            ChatBody::parse("a\u{b}b"),
            Err(ChatRefusal::ForbiddenCharacter)
        );
        assert_eq!(ChatBody::parse("a\tb\nc").unwrap().as_str(), "a\tb\nc");
    }

    #[test]
    fn refusals_come_in_order() {
        assert_eq!(verdict("hello", |_| {}), Ok(()));
        assert_eq!(
            verdict("a SCAM", |_| {}),
            Err(ChatRefusal::BannedWord("scam".into()))
        );
        assert_eq!(
            verdict("Ты Идиот", |_| {}).unwrap_err().code(),
            "banned_word"
        );
        assert_eq!(verdict("scampi", |_| {}), Ok(()));
        assert_eq!(
            verdict(
                "https://a.example https://b.example https://c.example",
                |_| {}
            ),
            Err(ChatRefusal::TooManyLinks(3))
        );
        assert_eq!(
            verdict("hi", |f| f.recent = RATE_COUNT),
            Err(ChatRefusal::RateLimited)
        );
        assert_eq!(
            verdict("hi", |f| f.standing.as_mut().unwrap().verified = false),
            Err(ChatRefusal::Unverified)
        );
        assert_eq!(
            verdict("hi", |f| f.standing = None),
            Err(ChatRefusal::SignIn)
        );
        let mute = ChatSanction {
            reader_id: 1,
            reader_name: "A".into(),
            kind: ChatSanctionKind::Mute { until: NOW + 60 },
            reason: "calm down".into(),
            created_at: NOW,
        };
        assert_eq!(
            verdict("scam", |f| f.sanction = Some(mute.clone())),
            Err(ChatRefusal::Muted {
                until: NOW + 60,
                reason: "calm down".into()
            }),
            "a sanction decides before the words"
        );
        let f = facts();
        let body = ChatBody::parse("hi").unwrap();
        assert_eq!(check(&body, &f, false, 0, NOW), Err(ChatRefusal::Closed));
        let mut f = facts();
        f.last_in_room = Some(NOW - 10);
        assert_eq!(
            check(&body, &f, true, 30, NOW),
            Err(ChatRefusal::SlowMode { wait: 20 })
        );
        assert_eq!(check(&body, &f, true, 10, NOW), Ok(()));
    }
}
