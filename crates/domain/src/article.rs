//! Articles: their workflow status and their body as typed blocks.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::rich::{validate_marks, Mark, LIST_MAX_ITEMS};
use crate::{ArticleSeo, ParseError, Slug, UnixTime};

pub const HEADLINE_MAX_CHARS: usize = 200;
pub const LEAD_MAX_CHARS: usize = 600;
pub const ARTICLE_BODY_MAX_BLOCKS: usize = 500;
/// Most tags on one article: more is a mistake or an attack, and each
/// tag is a row written in the saving transaction.
pub const ARTICLE_MAX_TAGS: usize = 50;
/// Most bylines on one article.
pub const ARTICLE_MAX_AUTHORS: usize = 20;
pub const CORRECTION_MAX_CHARS: usize = 1000;

/// Where an article stands in the editorial workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStatus {
    Draft,
    InReview,
    Scheduled,
    Published,
    /// Published, with a visible correction note.
    Corrected,
    /// Taken down: the site answers 410 Gone.
    Unpublished,
}

impl ArticleStatus {
    pub const ALL: [ArticleStatus; 6] = [
        Self::Draft,
        Self::InReview,
        Self::Scheduled,
        Self::Published,
        Self::Corrected,
        Self::Unpublished,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::InReview => "in_review",
            Self::Scheduled => "scheduled",
            Self::Published => "published",
            Self::Corrected => "corrected",
            Self::Unpublished => "unpublished",
        }
    }

    /// Whether readers can see the article.
    pub fn is_public(self) -> bool {
        matches!(self, Self::Published | Self::Corrected)
    }

    /// The moves the newsroom's workflow allows. A published story is never
    /// sent back to draft: it is corrected or taken down (and may come back).
    /// Scheduling again reschedules; correcting again adds another note.
    pub fn can_move_to(self, next: Self) -> bool {
        use ArticleStatus::*;
        match self {
            Draft | InReview => matches!(next, Draft | InReview | Scheduled | Published),
            Scheduled => matches!(next, Draft | InReview | Scheduled | Published),
            Published | Corrected => matches!(next, Corrected | Unpublished),
            Unpublished => matches!(next, Draft | Published),
        }
    }

    /// Every status the workflow allows from this one, in display order.
    pub fn next_steps(self) -> Vec<Self> {
        Self::ALL
            .into_iter()
            .filter(|next| *next != self || matches!(next, Self::Scheduled | Self::Corrected))
            .filter(|next| self.can_move_to(*next))
            .collect()
    }
}

impl FromStr for ArticleStatus {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| {
                ParseError::new(
                    "status",
                    "invalid_status",
                    format!("{s:?} is not an article status"),
                )
            })
    }
}

impl fmt::Display for ArticleStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Heading level inside a body: the headline is the page's `<h1>`, so body
/// headings start at 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "u8", into = "u8")]
pub struct HeadingLevel(u8);

impl HeadingLevel {
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for HeadingLevel {
    type Error = ParseError;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        if (2..=4).contains(&value) {
            Ok(Self(value))
        } else {
            Err(ParseError::new(
                "level",
                "invalid_heading_level",
                "body headings are level 2, 3 or 4",
            ))
        }
    }
}

impl From<HeadingLevel> for u8 {
    fn from(value: HeadingLevel) -> Self {
        value.0
    }
}

/// One block of an article body. Stored as JSON, tagged by `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BodyBlock {
    /// Running text; `marks` make ranges of it bold, italic or links.
    Paragraph {
        /// Not blank.
        #[schema(pattern = r"\S")]
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        marks: Vec<Mark>,
    },
    Heading {
        #[schema(value_type = u8, minimum = 2, maximum = 4)]
        level: HeadingLevel,
        /// Not blank.
        #[schema(pattern = r"\S")]
        text: String,
    },
    /// A direct quote and who said it ("said the minister, as quoted by …").
    Quote {
        /// Not blank.
        #[schema(pattern = r"\S")]
        text: String,
        attribution: String,
    },
    /// A picture from the media bank; `caption` overrides the asset's own.
    Image {
        media_id: i64,
        caption: Option<String>,
    },
    /// A card for another article, placed by the editor inside the body.
    Related { article_id: i64 },
    /// A bulleted (or, when `ordered`, numbered) list.
    List {
        #[serde(default)]
        ordered: bool,
        /// At least one item, at most `LIST_MAX_ITEMS`.
        #[schema(min_items = 1, max_items = 100)]
        items: Vec<ListItem>,
    },
    /// Third-party content by URL (video, social post, map).
    Embed {
        /// An `http` or `https` URL.
        #[schema(pattern = "^https?://")]
        url: String,
        title: Option<String>,
    },
}

/// One entry of a list block: text with its marks, like a paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ListItem {
    /// Not blank.
    #[schema(pattern = r"\S")]
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<Mark>,
}

impl ListItem {
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            marks: Vec::new(),
        }
    }
}

impl BodyBlock {
    /// A paragraph without formatting.
    pub fn paragraph(text: impl Into<String>) -> Self {
        Self::Paragraph {
            text: text.into(),
            marks: Vec::new(),
        }
    }

    /// Checks one block's content; `index` is its position for the message.
    pub fn validate(&self, index: usize) -> Result<(), ParseError> {
        let empty = |what: &str| {
            ParseError::new(
                "body",
                "empty_block",
                format!("block {} ({what}) is empty", index + 1),
            )
        };
        let place = format!("block {}", index + 1);
        match self {
            Self::Paragraph { text, .. } if text.trim().is_empty() => Err(empty("paragraph")),
            Self::Paragraph { text, marks } => validate_marks(text, marks, "body", &place),
            Self::List { items, .. } if items.is_empty() => Err(empty("list")),
            Self::List { items, .. } if items.len() > LIST_MAX_ITEMS => Err(ParseError::new(
                "body",
                "list_too_long",
                format!("{place}: at most {LIST_MAX_ITEMS} items"),
            )),
            Self::List { items, .. } => items.iter().enumerate().try_for_each(|(n, item)| {
                let place = format!("{place}, item {}", n + 1);
                if item.text.trim().is_empty() {
                    return Err(ParseError::new(
                        "body",
                        "empty_block",
                        format!("{place} is empty"),
                    ));
                }
                validate_marks(&item.text, &item.marks, "body", &place)
            }),
            Self::Heading { text, .. } if text.trim().is_empty() => Err(empty("heading")),
            Self::Quote { text, .. } if text.trim().is_empty() => Err(empty("quote")),
            Self::Embed { url, .. }
                if !(url.starts_with("https://") || url.starts_with("http://")) =>
            {
                Err(ParseError::new(
                    "body",
                    "invalid_embed_url",
                    format!("block {}: embeds need an http(s) URL", index + 1),
                ))
            }
            _ => Ok(()),
        }
    }
}

/// Everything needed to create an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewArticle {
    pub edition_id: i64,
    pub section_id: i64,
    pub slug: Slug,
    pub headline: String,
    pub lead: String,
    pub body: Vec<BodyBlock>,
    pub status: ArticleStatus,
    /// Set when the article is (or was) published; required for public statuses.
    pub published_at: Option<UnixTime>,
    pub updated_at: UnixTime,
    pub lead_media_id: Option<i64>,
    /// Links translations of the same story across editions; `None` starts a new group.
    pub translation_group: Option<i64>,
    pub author_ids: Vec<i64>,
    /// Tags by slug and display name; created in the article's edition when new.
    pub tags: Vec<(Slug, String)>,
    /// Search and social overrides; the defaults when empty.
    pub seo: ArticleSeo,
}

impl NewArticle {
    /// Validates what the type system cannot: lengths, non-empty text, a
    /// publication time for public statuses, and every body block.
    pub fn validate(&self) -> Result<(), ParseError> {
        let headline_len = self.headline.trim().chars().count();
        if headline_len == 0 || headline_len > HEADLINE_MAX_CHARS {
            return Err(ParseError::new(
                "headline",
                "invalid_headline",
                format!("must be 1 to {HEADLINE_MAX_CHARS} characters"),
            ));
        }
        if self.lead.chars().count() > LEAD_MAX_CHARS {
            return Err(ParseError::new(
                "lead",
                "lead_too_long",
                format!("must be at most {LEAD_MAX_CHARS} characters"),
            ));
        }
        if self.body.len() > ARTICLE_BODY_MAX_BLOCKS {
            return Err(ParseError::new(
                "body",
                "body_too_long",
                format!("at most {ARTICLE_BODY_MAX_BLOCKS} blocks"),
            ));
        }
        if self.tags.len() > ARTICLE_MAX_TAGS {
            return Err(ParseError::new(
                "tags",
                "too_many_tags",
                format!("at most {ARTICLE_MAX_TAGS} tags"),
            ));
        }
        if self.author_ids.len() > ARTICLE_MAX_AUTHORS {
            return Err(ParseError::new(
                "author_ids",
                "too_many_authors",
                format!("at most {ARTICLE_MAX_AUTHORS} authors"),
            ));
        }
        self.seo.validate()?;
        if self.status.is_public() && self.published_at.is_none() {
            return Err(ParseError::new(
                "published_at",
                "missing_publication_time",
                "a published article needs a publication time",
            ));
        }
        self.body
            .iter()
            .enumerate()
            .try_for_each(|(i, block)| block.validate(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_blocks_serialise_with_a_type_tag() {
        let block = BodyBlock::Quote {
            text: "We will rebuild the bridge.".into(),
            attribution: "the mayor said".into(),
        };
        let json = serde_json::to_string(&block).unwrap();
        assert_eq!(
            json,
            r#"{"type":"quote","text":"We will rebuild the bridge.","attribution":"the mayor said"}"#
        );
        assert_eq!(serde_json::from_str::<BodyBlock>(&json).unwrap(), block);
        assert!(
            serde_json::from_str::<BodyBlock>(r#"{"type":"heading","level":1,"text":"x"}"#)
                .is_err()
        );
    }

    #[test]
    fn statuses_round_trip() {
        for st in ArticleStatus::ALL {
            assert_eq!(st.as_str().parse::<ArticleStatus>().unwrap(), st);
        }
        assert!(ArticleStatus::Corrected.is_public());
        assert!(!ArticleStatus::Scheduled.is_public());
    }

    #[test]
    fn workflow_never_sends_a_published_story_back_to_draft() {
        use ArticleStatus::*;
        assert!(Draft.can_move_to(Scheduled));
        assert!(InReview.can_move_to(Published));
        assert!(Scheduled.can_move_to(Scheduled), "rescheduling");
        assert!(Published.can_move_to(Corrected));
        assert!(Corrected.can_move_to(Corrected), "a second correction");
        assert!(!Published.can_move_to(Draft));
        assert!(!Published.can_move_to(Scheduled));
        assert!(!Unpublished.can_move_to(Corrected));
        assert!(Unpublished.can_move_to(Published));
        assert_eq!(Published.next_steps(), vec![Corrected, Unpublished]);
        assert_eq!(Draft.next_steps(), vec![InReview, Scheduled, Published]);
    }
}
