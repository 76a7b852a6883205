//! Inline formatting of body text: the text stays plain, and marks say which
//! ranges of it are bold, italic or a link. Never HTML: renderers turn marks
//! into markup for their format (HTML, feeds, the editor's text).
//!
//! Ranges count Unicode scalar values (Rust `char`s) from the start of the
//! text, `start` included and `end` excluded.

use serde::{Deserialize, Serialize};

use crate::ParseError;

/// Most marks on one paragraph or list item.
pub const MARKS_MAX_PER_TEXT: usize = 200;
/// Longest link address, in bytes.
pub const LINK_MAX_BYTES: usize = 2000;
/// Most items in one list.
pub const LIST_MAX_ITEMS: usize = 100;

/// One formatted range of a text: `start` and `end` count characters
/// (Unicode scalar values) from its beginning, `end` excluded.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Mark {
    Bold {
        start: u32,
        end: u32,
    },
    Italic {
        start: u32,
        end: u32,
    },
    /// `href` is an `http(s)` or `mailto` address, or a path on this site
    /// (starting with one `/`).
    Link {
        start: u32,
        end: u32,
        href: String,
    },
}

/// What a mark does, without its range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkKind {
    Link,
    Bold,
    Italic,
}

impl Mark {
    pub fn range(&self) -> (u32, u32) {
        match self {
            Self::Bold { start, end } | Self::Italic { start, end } => (*start, *end),
            Self::Link { start, end, .. } => (*start, *end),
        }
    }

    pub fn kind(&self) -> MarkKind {
        match self {
            Self::Bold { .. } => MarkKind::Bold,
            Self::Italic { .. } => MarkKind::Italic,
            Self::Link { .. } => MarkKind::Link,
        }
    }

    pub fn href(&self) -> Option<&str> {
        match self {
            Self::Link { href, .. } => Some(href),
            _ => None,
        }
    }

    /// The same mark over another range.
    pub fn with_range(&self, start: u32, end: u32) -> Self {
        match self {
            Self::Bold { .. } => Self::Bold { start, end },
            Self::Italic { .. } => Self::Italic { start, end },
            Self::Link { href, .. } => Self::Link {
                start,
                end,
                href: href.clone(),
            },
        }
    }
}

/// Whether `href` may be the target of a link in a story.
pub fn is_valid_href(href: &str) -> bool {
    if href.is_empty()
        || href.len() > LINK_MAX_BYTES
        || href.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return false;
    }
    let lower = href.to_ascii_lowercase();
    let after_scheme = ["https://", "http://"]
        .iter()
        .find_map(|scheme| lower.strip_prefix(scheme));
    match after_scheme {
        Some(rest) => !rest.is_empty() && !rest.starts_with('/'),
        None => {
            // Browsers read a backslash as a slash: `/\host` is
            // `//host`, another site.
            (lower.starts_with("mailto:") && href.len() > "mailto:".len())
                || (href.starts_with('/') && !href.starts_with("//") && !href.starts_with("/\\"))
        }
    }
}

/// Checks the marks of one text: ranges inside the text and not empty,
/// addresses that may be linked, links that do not overlap each other.
/// `field` and `place` name the text in the message ("block 3").
pub fn validate_marks(
    text: &str,
    marks: &[Mark],
    field: &'static str,
    place: &str,
) -> Result<(), ParseError> {
    if marks.len() > MARKS_MAX_PER_TEXT {
        return Err(ParseError::new(
            field,
            "too_many_marks",
            format!("{place}: at most {MARKS_MAX_PER_TEXT} formatted ranges"),
        ));
    }
    let len = text.chars().count();
    let mut links: Vec<(u32, u32)> = Vec::new();
    for mark in marks {
        let (start, end) = mark.range();
        if start >= end || end as usize > len {
            return Err(ParseError::new(
                field,
                "invalid_mark_range",
                format!("{place}: a formatted range {start}..{end} is outside the text or empty"),
            ));
        }
        if let Some(href) = mark.href() {
            if !is_valid_href(href) {
                return Err(ParseError::new(
                    field,
                    "invalid_link",
                    format!(
                        "{place}: links need an http(s) or mailto address or a path on this site"
                    ),
                ));
            }
            links.push((start, end));
        }
    }
    links.sort_unstable();
    if links.windows(2).any(|pair| pair[1].0 < pair[0].1) {
        return Err(ParseError::new(
            field,
            "overlapping_links",
            format!("{place}: links cannot overlap"),
        ));
    }
    Ok(())
}

/// The canonical form of a text's marks: no whitespace at either end of a
/// bold or italic range, same-kind ranges that touch or overlap merged
/// (links only when they go to the same address), empty ones dropped,
/// sorted by start, then kind. Two texts that look the same have the same
/// marks.
pub fn normalize_marks(text: &str, marks: &[Mark]) -> Vec<Mark> {
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len() as u32;
    let mut trimmed: Vec<Mark> = marks
        .iter()
        .filter_map(|mark| {
            let (mut start, mut end) = mark.range();
            end = end.min(len);
            if mark.kind() != MarkKind::Link {
                while start < end && chars[start as usize].is_whitespace() {
                    start += 1;
                }
                while end > start && chars[end as usize - 1].is_whitespace() {
                    end -= 1;
                }
            }
            (start < end).then(|| mark.with_range(start, end))
        })
        .collect();
    trimmed.sort_by(|a, b| (a.kind(), a.href(), a.range()).cmp(&(b.kind(), b.href(), b.range())));
    let mut merged: Vec<Mark> = Vec::with_capacity(trimmed.len());
    for mark in trimmed {
        if let Some(last) = merged.last_mut() {
            let (last_start, last_end) = last.range();
            let (start, end) = mark.range();
            if last.kind() == mark.kind() && last.href() == mark.href() && start <= last_end {
                *last = last.with_range(last_start, last_end.max(end));
                continue;
            }
        }
        merged.push(mark);
    }
    merged.sort_by_key(|mark| (mark.range().0, mark.kind(), mark.range().1));
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bold(start: u32, end: u32) -> Mark {
        Mark::Bold { start, end }
    }

    fn link(start: u32, end: u32, href: &str) -> Mark {
        Mark::Link {
            start,
            end,
            href: href.into(),
        }
    }

    #[test]
    fn marks_serialise_with_their_type() {
        let json = serde_json::to_string(&link(0, 4, "https://example.org/a")).unwrap();
        assert_eq!(
            json,
            r#"{"type":"link","start":0,"end":4,"href":"https://example.org/a"}"#
        );
        assert_eq!(
            serde_json::from_str::<Mark>(&json).unwrap(),
            link(0, 4, "https://example.org/a")
        );
    }

    #[test]
    fn addresses_a_story_may_link() {
        for ok in [
            "https://example.org",
            "HTTP://example.org/a?b=c#d",
            "mailto:desk@example.org",
            "/en/world/bridge-reopens",
        ] {
            assert!(is_valid_href(ok), "{ok}");
        }
        for bad in [
            "",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "//evil.example",
            "/\\evil.example/path",
            "https:///path",
            "https://",
            "mailto:",
            "https://exa mple.org",
            "vbscript:x",
            "example.org",
        ] {
            assert!(!is_valid_href(bad), "{bad}");
        }
    }

    #[test]
    fn ranges_must_lie_inside_the_text_and_links_must_not_overlap() {
        let text = "Привет, мир"; // 11 characters, 20 bytes
        assert!(validate_marks(text, &[bold(0, 11)], "body", "block 1").is_ok());
        let err = validate_marks(text, &[bold(0, 12)], "body", "block 1").unwrap_err();
        assert_eq!(err.code, "invalid_mark_range");
        let err = validate_marks(text, &[bold(3, 3)], "body", "block 1").unwrap_err();
        assert_eq!(err.code, "invalid_mark_range");
        let err = validate_marks(
            text,
            &[
                link(0, 5, "https://a.example"),
                link(4, 8, "https://b.example"),
            ],
            "body",
            "block 1",
        )
        .unwrap_err();
        assert_eq!(err.code, "overlapping_links");
        let err =
            validate_marks(text, &[link(0, 5, "javascript:x")], "body", "block 2").unwrap_err();
        assert_eq!(err.code, "invalid_link");
        assert!(err.message.contains("block 2"));
        let many = vec![bold(0, 1); MARKS_MAX_PER_TEXT + 1];
        assert_eq!(
            validate_marks(text, &many, "body", "block 1")
                .unwrap_err()
                .code,
            "too_many_marks"
        );
    }

    #[test]
    fn normal_form_trims_merges_and_sorts() {
        let text = " bold words here ";
        // Trimmed, the two bold ranges no longer touch; the links do.
        let marks = [
            Mark::Italic { start: 6, end: 11 },
            bold(0, 6),
            bold(5, 11),
            bold(7, 9),
            link(12, 16, "/a"),
            link(16, 17, "/a"),
            bold(16, 17),
        ];
        assert_eq!(
            normalize_marks(text, &marks),
            vec![
                bold(1, 5),
                bold(6, 11),
                Mark::Italic { start: 6, end: 11 },
                link(12, 17, "/a"),
            ]
        );
    }
}
