//! One item of wire copy, whatever format brought it: what the "Wires"
//! queue stores and shows, and what a draft is made from.

use dateline_domain::UnixTime;
use serde::{Deserialize, Serialize};

/// The format a file or a polled answer was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireFormat {
    Ninjs,
    NewsmlG2,
    /// NewsML 1.x (`<NewsML>`), still sent by some agencies.
    Newsml1,
    Rss,
    Atom,
    JsonFeed,
}

impl WireFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ninjs => "ninjs",
            Self::NewsmlG2 => "newsml-g2",
            Self::Newsml1 => "newsml-1",
            Self::Rss => "rss",
            Self::Atom => "atom",
            Self::JsonFeed => "json-feed",
        }
    }
}

/// What the item is (ninjs `type`, NewsML-G2 `itemClass`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireKind {
    Text,
    Picture,
    Graphic,
    Video,
    Audio,
    /// A package or composite of other items.
    Composite,
    Other,
}

impl WireKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Picture => "picture",
            Self::Graphic => "graphic",
            Self::Video => "video",
            Self::Audio => "audio",
            Self::Composite => "composite",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "text" => Self::Text,
            "picture" => Self::Picture,
            "graphic" => Self::Graphic,
            "video" => Self::Video,
            "audio" => Self::Audio,
            "composite" => Self::Composite,
            _ => Self::Other,
        }
    }
}

/// The provider's publishing status (ninjs `pubstatus`, NewsML-G2
/// `pubStatus`): a canceled item must not be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PubStatus {
    Usable,
    Withheld,
    Canceled,
}

impl PubStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Usable => "usable",
            Self::Withheld => "withheld",
            Self::Canceled => "canceled",
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "withheld" => Self::Withheld,
            "canceled" => Self::Canceled,
            _ => Self::Usable,
        }
    }
}

/// A picture (or other media) the item carries or points to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WirePicture {
    /// Where the largest rendition is (absolute URL), empty when the item
    /// names none.
    pub href: String,
    pub caption: String,
    pub credit: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub mime: String,
}

/// An identifier the provider or another system gave the item, kept on
/// the draft made from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AltId {
    /// What kind of id it is (ninjs altids key, NewsML-G2 `altId/@type`).
    pub kind: String,
    pub value: String,
}

/// One wire item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireItem {
    pub format: WireFormat,
    /// The provider's globally unique id (ninjs `uri`/`guid`, NewsML-G2
    /// `guid`, RSS `guid` or else `link`, Atom `id`, JSON Feed `id`).
    pub guid: String,
    /// The provider's version: ninjs `version`, NewsML-G2 `version`.
    /// `None` for feeds, which have none: the store then counts a changed
    /// item as the next version.
    pub version: Option<i64>,
    pub kind: WireKind,
    pub pub_status: PubStatus,
    /// Plain text, never empty (a parser refuses an item without one, or
    /// falls back to the first words of the body).
    pub headline: String,
    /// Plain text: ninjs `description_text`/`descriptions`, NewsML-G2
    /// `description`, a feed's summary.
    pub lead: String,
    /// The body as HTML (not yet sanitised: the store's caller does).
    pub body_html: String,
    pub byline: String,
    /// Who is to be credited ("AP", "dpa").
    pub credit: String,
    /// Copyright holder and usage terms, as given.
    pub copyright: String,
    pub usage_terms: String,
    /// BCP 47 language tag, lower-cased primary subtag kept as given
    /// ("en", "de-CH"); empty when the item does not say.
    pub language: String,
    /// 1 (most urgent) to 9; `None` when the item does not say.
    pub urgency: Option<u8>,
    /// Subject names (or codes when no name is given).
    pub subjects: Vec<String>,
    /// The item's page on the provider's site, when there is one.
    pub link: String,
    pub first_created: Option<UnixTime>,
    pub version_created: Option<UnixTime>,
    pub embargoed_until: Option<UnixTime>,
    pub pictures: Vec<WirePicture>,
    pub alt_ids: Vec<AltId>,
    /// The provider as the item or its feed names it ("Reuters", a feed's
    /// title); empty when it does not say.
    pub provider: String,
}

/// What reading one file or one answer gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub format: WireFormat,
    pub items: Vec<WireItem>,
    /// Items left out, each with the reason ("item 3: no headline, no
    /// body"): the rest of the file is still taken.
    pub skipped: Vec<String>,
}
