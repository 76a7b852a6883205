//! Reader comments: the body a reader may post, the states a comment moves
//! through, the moderation settings, and the checks a new comment passes
//! before it is stored. All pure: the store supplies the facts (recent posts,
//! word lists, the story's settings) and [`check`] gives the verdict.

use std::fmt;
use std::str::FromStr;

use crate::{ParseError, UnixTime};

/// Longest comment body, in characters.
pub const COMMENT_MAX_CHARS: usize = 4000;
/// Longest note a reader adds to a report, and a moderator's reason.
pub const COMMENT_NOTE_MAX_CHARS: usize = 500;
/// Longest word or phrase on a moderation list.
pub const MODERATION_WORD_MAX_CHARS: usize = 80;

/// What a reader typed, trimmed; 1 to [`COMMENT_MAX_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentBody(String);

impl FromStr for CommentBody {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let body = s.trim().replace("\r\n", "\n");
        if body.is_empty() {
            return Err(ParseError::new(
                "body",
                "comment_empty",
                "write something first",
            ));
        }
        if body.chars().count() > COMMENT_MAX_CHARS {
            return Err(ParseError::new(
                "body",
                "comment_too_long",
                format!("a comment has at most {COMMENT_MAX_CHARS} characters"),
            ));
        }
        Ok(Self(body))
    }
}

impl CommentBody {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A short free text (a report note, a moderator's reason), trimmed; may be empty.
pub fn parse_note(field: &'static str, s: &str) -> Result<String, ParseError> {
    let note = s.trim();
    if note.chars().count() > COMMENT_NOTE_MAX_CHARS {
        return Err(ParseError::new(
            field,
            "note_too_long",
            format!("at most {COMMENT_NOTE_MAX_CHARS} characters"),
        ));
    }
    Ok(note.to_owned())
}

/// Declares a string-backed enum with `as_str`, `FromStr` and `Display`.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident, $field:literal, $code:literal { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl FromStr for $name {
            type Err = ParseError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s { $($text => Ok($name::$variant),)+ _ => Err(ParseError::new($field, $code, format!("unknown value {s:?}"))) }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum!(
    /// Where a comment stands. Only `Published` comments are shown and counted.
    CommentStatus, "status", "invalid_comment_status" {
        Pending = "pending",
        Published = "published",
        Rejected = "rejected",
        Deleted = "deleted",
    }
);

string_enum!(
    /// Pre-moderation holds every comment for review; post-moderation
    /// publishes what passes the checks and reviews what is reported.
    ModerationMode, "mode", "invalid_moderation_mode" {
        Pre = "pre",
        Post = "post",
    }
);

string_enum!(
    /// Orders of a story's top-level comments.
    CommentSort, "sort", "invalid_sort" {
        Newest = "newest",
        Oldest = "oldest",
        MostReplies = "replies",
        MostLiked = "liked",
    }
);

string_enum!(
    /// Why a reader reports a comment: a fixed list moderators can sort by.
    ReportReason, "reason", "invalid_report_reason" {
        Spam = "spam",
        Abuse = "abuse",
        OffTopic = "off_topic",
        Misinformation = "misinformation",
        Other = "other",
    }
);

string_enum!(
    /// A banned word rejects a comment; a suspect one holds it for review.
    WordKind, "kind", "invalid_word_kind" {
        Banned = "banned",
        Suspect = "suspect",
    }
);

// The enum comes from `string_enum!`, where `#[default]` cannot be placed.
#[allow(clippy::derivable_impls)]
impl Default for CommentSort {
    fn default() -> Self {
        Self::Newest
    }
}

/// A word or phrase for a moderation list: trimmed, lower-cased, 1 to
/// [`MODERATION_WORD_MAX_CHARS`] characters, at least one letter or digit.
pub fn parse_moderation_word(s: &str) -> Result<String, ParseError> {
    let word = words(s).collect::<Vec<_>>().join(" ");
    if word.is_empty() || word.chars().count() > MODERATION_WORD_MAX_CHARS {
        return Err(ParseError::new(
            "word",
            "invalid_word",
            format!("a word or phrase of 1 to {MODERATION_WORD_MAX_CHARS} characters"),
        ));
    }
    Ok(word)
}

/// The text's words, lower-cased, with `ё` read as `е`: runs of letters and
/// digits, so that matching is by whole words in any script.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('ё', "е"))
}

/// The first entry of `list` (a normalised word or phrase) found in `text`
/// as whole words, case-insensitively.
pub fn find_word<'a>(text: &str, list: &'a [String]) -> Option<&'a str> {
    let tokens: Vec<String> = words(text).collect();
    list.iter()
        .find(|entry| {
            let phrase: Vec<String> = words(entry).collect();
            !phrase.is_empty() && tokens.windows(phrase.len()).any(|w| w == phrase.as_slice())
        })
        .map(String::as_str)
}

/// How many links a text carries (bare or in Markdown).
pub fn count_links(text: &str) -> usize {
    let lower = text.to_lowercase();
    ["http://", "https://", "www."]
        .iter()
        .map(|p| lower.matches(p).count())
        .sum::<usize>()
        - lower.matches("://www.").count()
}

/// The limits new comments are checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentPolicy {
    /// More links than this rejects a comment.
    pub max_links: usize,
    /// The same text by the same reader within this many seconds is refused.
    pub repeat_window_secs: i64,
    /// At most `rate_count` comments per reader, and `rate_count_ip` per
    /// address, in `rate_window_secs`.
    pub rate_window_secs: i64,
    pub rate_count: i64,
    pub rate_count_ip: i64,
    /// Accounts younger than this have their comments held for review.
    pub new_account_secs: i64,
    /// A reader may edit a comment for this long after posting it.
    pub edit_window_secs: i64,
}

impl Default for CommentPolicy {
    fn default() -> Self {
        Self {
            max_links: 2,
            repeat_window_secs: 24 * 3600,
            rate_window_secs: 10 * 60,
            rate_count: 5,
            rate_count_ip: 20,
            new_account_secs: 24 * 3600,
            edit_window_secs: 15 * 60,
        }
    }
}

/// The reader's standing, as the checks need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commenter {
    /// `active`, `suspended` or `banned` (the readers table's values).
    pub status: String,
    pub suspended_until: Option<UnixTime>,
    pub status_reason: String,
    pub verified: bool,
    pub created_at: UnixTime,
}

/// Everything known about a new comment when it is checked.
#[derive(Debug, Clone)]
pub struct CheckInput<'a> {
    pub body: &'a CommentBody,
    pub commenter: &'a Commenter,
    pub now: UnixTime,
    /// The story takes comments (not closed by an editor or by age).
    pub open: bool,
    pub mode: ModerationMode,
    pub banned_words: &'a [String],
    pub suspect_words: &'a [String],
    /// The reader's and the address's comments within the rate window.
    pub recent_by_reader: i64,
    pub recent_by_ip: i64,
    /// The reader posted this very text within the repeat window.
    pub repeated: bool,
}

/// Why a comment was refused: each has a message in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Closed,
    Unverified,
    Suspended {
        until: Option<UnixTime>,
        reason: String,
    },
    Banned {
        reason: String,
    },
    BannedWord(String),
    TooManyLinks(usize),
    Repeated,
    RateLimited,
}

impl Refusal {
    /// Stable snake_case code, also the suffix of the message name.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Closed => "comments_closed",
            Refusal::Unverified => "email_unverified",
            Refusal::Suspended { .. } => "reader_suspended",
            Refusal::Banned { .. } => "reader_banned",
            Refusal::BannedWord(_) => "banned_word",
            Refusal::TooManyLinks(_) => "too_many_links",
            Refusal::Repeated => "repeated_comment",
            Refusal::RateLimited => "comment_rate_limited",
        }
    }
}

/// Why a comment waits for a moderator (kept as its `status_reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoldReason {
    PreModerated,
    SuspectWord,
    NewAccount,
}

impl HoldReason {
    pub fn as_str(self) -> &'static str {
        match self {
            HoldReason::PreModerated => "pre_moderated",
            HoldReason::SuspectWord => "suspect_word",
            HoldReason::NewAccount => "new_account",
        }
    }
}

/// What happens to a new comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Publish,
    Hold(HoldReason),
    Refuse(Refusal),
}

/// Whether a reader may post at all right now (status and address).
pub fn may_post(c: &Commenter, now: UnixTime) -> Result<(), Refusal> {
    match c.status.as_str() {
        "banned" => {
            return Err(Refusal::Banned {
                reason: c.status_reason.clone(),
            })
        }
        "suspended" if c.suspended_until.is_none_or(|until| until > now) => {
            return Err(Refusal::Suspended {
                until: c.suspended_until,
                reason: c.status_reason.clone(),
            })
        }
        _ => {}
    }
    if !c.verified {
        return Err(Refusal::Unverified);
    }
    Ok(())
}

/// The check pipeline, in order: the reader may post, the story is open,
/// banned words, links, repeats, rate limits; then what holds a comment
/// (pre-moderation, suspect words, a new account); else it is published.
pub fn check(input: &CheckInput<'_>, policy: &CommentPolicy) -> Verdict {
    if let Err(refusal) = may_post(input.commenter, input.now) {
        return Verdict::Refuse(refusal);
    }
    if !input.open {
        return Verdict::Refuse(Refusal::Closed);
    }
    let text = input.body.as_str();
    if let Some(word) = find_word(text, input.banned_words) {
        return Verdict::Refuse(Refusal::BannedWord(word.to_owned()));
    }
    let links = count_links(text);
    if links > policy.max_links {
        return Verdict::Refuse(Refusal::TooManyLinks(links));
    }
    if input.repeated {
        return Verdict::Refuse(Refusal::Repeated);
    }
    if input.recent_by_reader >= policy.rate_count || input.recent_by_ip >= policy.rate_count_ip {
        return Verdict::Refuse(Refusal::RateLimited);
    }
    if input.mode == ModerationMode::Pre {
        return Verdict::Hold(HoldReason::PreModerated);
    }
    if find_word(text, input.suspect_words).is_some() {
        return Verdict::Hold(HoldReason::SuspectWord);
    }
    if input.now - input.commenter.created_at < policy.new_account_secs {
        return Verdict::Hold(HoldReason::NewAccount);
    }
    Verdict::Publish
}

/// Whether a story published at `published_at` still takes comments.
pub fn comments_open(
    closed_by_editor: bool,
    published_at: Option<UnixTime>,
    close_after_days: Option<i64>,
    now: UnixTime,
) -> bool {
    if closed_by_editor {
        return false;
    }
    match (published_at, close_after_days) {
        (Some(at), Some(days)) => now < at + days * 86_400,
        _ => true,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const NOW: UnixTime = 1_800_000_000;

    fn commenter() -> Commenter {
        Commenter {
            status: "active".into(),
            suspended_until: None,
            status_reason: String::new(),
            verified: true,
            created_at: NOW - 30 * 86_400,
        }
    }

    fn verdict(text: &str, edit: impl FnOnce(&mut CheckInput<'_>)) -> Verdict {
        let body: CommentBody = text.parse().unwrap();
        let who = commenter();
        let banned = vec![parse_moderation_word("Идиот").unwrap(), "scam".to_owned()];
        let suspect = vec![parse_moderation_word("free money").unwrap()];
        let mut input = CheckInput {
            body: &body,
            commenter: &who,
            now: NOW,
            open: true,
            mode: ModerationMode::Post,
            banned_words: &banned,
            suspect_words: &suspect,
            recent_by_reader: 0,
            recent_by_ip: 0,
            repeated: false,
        };
        edit(&mut input);
        check(&input, &CommentPolicy::default())
    }

    #[test]
    fn bodies_are_trimmed_and_bounded() {
        assert_eq!(" hi \r\n".parse::<CommentBody>().unwrap().as_str(), "hi");
        assert_eq!(
            "  ".parse::<CommentBody>().unwrap_err().code,
            "comment_empty"
        );
        let long = "я".repeat(COMMENT_MAX_CHARS + 1);
        assert_eq!(
            long.parse::<CommentBody>().unwrap_err().code,
            "comment_too_long"
        );
        assert!("я".repeat(COMMENT_MAX_CHARS).parse::<CommentBody>().is_ok());
    }

    #[test]
    fn banned_words_match_whole_words_in_any_case_and_script() {
        assert_eq!(
            verdict("Ты ИДИОТ, право.", |_| {}),
            Verdict::Refuse(Refusal::BannedWord("идиот".into()))
        );
        assert_eq!(verdict("идиотский план", |_| {}), Verdict::Publish);
        assert_eq!(
            verdict("A SCAM!", |_| {}),
            Verdict::Refuse(Refusal::BannedWord("scam".into()))
        );
        assert_eq!(verdict("scampi for dinner", |_| {}), Verdict::Publish);
        assert_eq!(
            verdict("Get FREE   money now", |_| {}),
            Verdict::Hold(HoldReason::SuspectWord)
        );
        assert_eq!(verdict("free of money", |_| {}), Verdict::Publish);
        assert_eq!(parse_moderation_word("  Ёлка ").unwrap(), "елка");
        assert!(parse_moderation_word(" !! ").is_err());
    }

    #[test]
    fn limits_and_standing_refuse_in_order() {
        let links = "see https://a.example and www.b.example and http://www.c.example";
        assert_eq!(count_links(links), 3);
        assert_eq!(
            verdict(links, |_| {}),
            Verdict::Refuse(Refusal::TooManyLinks(3))
        );
        assert_eq!(
            verdict("hi", |i| i.repeated = true),
            Verdict::Refuse(Refusal::Repeated)
        );
        assert_eq!(
            verdict("hi", |i| i.recent_by_reader = 5),
            Verdict::Refuse(Refusal::RateLimited)
        );
        assert_eq!(
            verdict("hi", |i| i.recent_by_ip = 20),
            Verdict::Refuse(Refusal::RateLimited)
        );
        assert_eq!(
            verdict("hi", |i| i.open = false),
            Verdict::Refuse(Refusal::Closed)
        );
        assert_eq!(
            verdict("hi", |i| i.mode = ModerationMode::Pre),
            Verdict::Hold(HoldReason::PreModerated)
        );
    }

    #[test]
    fn readers_standing_decides_first() {
        let mut c = commenter();
        c.status = "suspended".into();
        c.suspended_until = Some(NOW + 60);
        c.status_reason = "flooding".into();
        assert_eq!(
            may_post(&c, NOW),
            Err(Refusal::Suspended {
                until: Some(NOW + 60),
                reason: "flooding".into()
            })
        );
        assert_eq!(may_post(&c, NOW + 61), Ok(()), "a suspension ends");
        c.status = "banned".into();
        assert!(matches!(may_post(&c, NOW), Err(Refusal::Banned { .. })));
        let mut fresh = commenter();
        fresh.verified = false;
        assert_eq!(may_post(&fresh, NOW), Err(Refusal::Unverified));
        fresh.verified = true;
        fresh.created_at = NOW - 3600;
        let body: CommentBody = "hello".parse().unwrap();
        let input = CheckInput {
            body: &body,
            commenter: &fresh,
            now: NOW,
            open: true,
            mode: ModerationMode::Post,
            banned_words: &[],
            suspect_words: &[],
            recent_by_reader: 0,
            recent_by_ip: 0,
            repeated: false,
        };
        assert_eq!(
            check(&input, &CommentPolicy::default()),
            Verdict::Hold(HoldReason::NewAccount)
        );
    }

    #[test]
    fn stories_close_by_flag_or_age() {
        assert!(comments_open(false, Some(NOW), None, NOW + 10 * 86_400));
        assert!(comments_open(false, Some(NOW), Some(3), NOW + 2 * 86_400));
        assert!(!comments_open(false, Some(NOW), Some(3), NOW + 3 * 86_400));
        assert!(!comments_open(true, Some(NOW), None, NOW));
        assert_eq!(
            "replies".parse::<CommentSort>().unwrap(),
            CommentSort::MostReplies
        );
        assert!("best".parse::<CommentSort>().is_err());
    }
}
