//! Dateline's domain: the values a news site is made of, each parsed and
//! validated once at the edge so that an invalid one cannot exist further in.

mod article;
// Search and social overrides, and the canonical address of a syndicated copy.
mod article_seo;
// Characters no stored text may hold (controls, noncharacters).
mod characters;
// Reader comments: bodies, moderation settings and the check pipeline.
pub mod comment;
mod edition;
mod error;
mod framing;
// Front-page curation: top slots and section pins.
mod front;
mod media;
mod people;
// Inline formatting (bold, italic, links) of body text, as marks over ranges.
pub mod rich;
// Site-wide settings: name, default edition, social links, contact.
mod site;
mod text;

pub use article::{
    ArticleStatus, BodyBlock, HeadingLevel, ListItem, NewArticle, ARTICLE_BODY_MAX_BLOCKS,
    ARTICLE_MAX_AUTHORS, ARTICLE_MAX_TAGS, CORRECTION_MAX_CHARS, HEADLINE_MAX_CHARS,
    LEAD_MAX_CHARS,
};
pub use article_seo::{
    ArticleSeo, ArticleSeoPatch, CanonicalUrl, SEO_DESCRIPTION_SHOWN_CHARS, SEO_TEXT_MAX_CHARS,
    SEO_TITLE_SHOWN_CHARS, SOCIAL_DESCRIPTION_SHOWN_CHARS, SOCIAL_TITLE_SHOWN_CHARS,
};
pub use characters::{check_chars, first_forbidden_char, forbidden_message, is_forbidden_char};
pub use edition::{
    DateFormat, NewEdition, NewSection, NumberSystem, TextDirection, TimeZoneName,
    RESERVED_EDITION_CODES, RESERVED_SECTION_SLUGS,
};
pub use error::ParseError;
pub use framing::{Crop, FocalPoint, Framing, Shape, ShapeCrops, CROP_MIN_SIDE};
pub use front::{FrontLayout, SectionPins, FRONT_MAX_PINS, FRONT_MAX_TOP};
pub use media::{ImageFormat, NewMediaAsset, NewRendition, MAX_OFFERED_WIDTH, RENDITION_WIDTHS};
pub use people::{validate_author, AuthorProfile, EmailAddress, NewAuthor, NewUser, Role};
pub use rich::Mark;
pub use site::{
    SiteSettings, SocialLink, CONTACT_TEXT_MAX_CHARS, SITE_NAME_MAX_CHARS, SOCIAL_LABEL_MAX_CHARS,
    SOCIAL_LINKS_MAX, SOCIAL_URL_MAX_CHARS, WEBSUB_HUB_MAX_CHARS,
};
pub use text::{EditionCode, LanguageTag, Slug};

/// Seconds since the Unix epoch, UTC. Stored as a 64-bit integer on every backend
/// so that ordering and cursors behave identically on SQLite and PostgreSQL.
pub type UnixTime = i64;
