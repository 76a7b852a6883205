//! What the store returns: rows of the content model, read back and parsed.

use dateline_domain::{
    ArticleSeo, ArticleSeoPatch, ArticleStatus, BodyBlock, CanonicalUrl, DateFormat, EditionCode,
    EmailAddress, Framing, ImageFormat, LanguageTag, Role, Shape, Slug, TextDirection,
    TimeZoneName, UnixTime,
};
use serde::Serialize;

use crate::Cursor;

#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    pub id: i64,
    pub code: EditionCode,
    pub name: String,
    pub language: LanguageTag,
    pub direction: TextDirection,
    pub time_zone: TimeZoneName,
    pub date_format: DateFormat,
    pub logo_media_id: Option<i64>,
    pub position: i32,
    /// Published articles in the edition.
    pub article_count: i64,
    /// Latin digits or the language's own.
    pub number_system: dateline_domain::NumberSystem,
    /// When the edition was retired; `None` while it is active.
    pub retired_at: Option<UnixTime>,
    /// The moderation mode of the edition's stories whose section sets
    /// none; `None` keeps the site's (post-moderation).
    pub comment_mode: Option<dateline_domain::comment::ModerationMode>,
    /// Hours a new reader account's comments are held in this edition;
    /// `None` keeps the site's policy.
    pub new_account_hold_hours: Option<i64>,
}

impl Edition {
    /// Whether the edition is still published (not retired).
    pub fn is_active(&self) -> bool {
        self.retired_at.is_none()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: i64,
    pub edition_id: i64,
    pub slug: Slug,
    pub title: String,
    pub description: String,
    pub position: i32,
    /// Published articles in the section.
    pub article_count: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Author {
    pub id: i64,
    pub slug: Slug,
    pub name: String,
    pub bio: String,
    /// Published articles bylined by the author.
    pub article_count: i64,
    /// A released media-bank picture of the author.
    pub photo_media_id: Option<i64>,
    /// The author's other pages (`http(s)` addresses), in display order.
    pub links: Vec<String>,
    /// The staff account the byline belongs to.
    pub user_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    pub id: i64,
    pub edition_id: i64,
    pub slug: Slug,
    pub name: String,
    /// Published articles carrying the tag.
    pub article_count: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rendition {
    /// The fixed shape it shows (`None`: the crop, in its own proportions).
    pub shape: Option<Shape>,
    pub width: u32,
    pub height: u32,
    pub format: ImageFormat,
    pub storage_key: String,
    pub byte_size: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MediaAsset {
    pub id: i64,
    pub storage_key: String,
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    pub byte_size: u64,
    pub sha256: String,
    pub caption: String,
    pub alt_text: String,
    pub credit: String,
    pub copyright: String,
    pub source: String,
    pub is_file_photo: bool,
    pub created_at: UnixTime,
    pub edition_id: Option<i64>,
    pub section_id: Option<i64>,
    /// Articles using the asset as lead picture or body image.
    pub usage_count: i64,
    /// Public articles (published or corrected) using it.
    pub public_use_count: i64,
    /// An editor released it to the public media bank, used or not.
    pub is_released: bool,
    /// Readers may see it: `public_use_count > 0 || is_released` (edition
    /// logos are public too; the web layer adds them, see `web::visibility`).
    pub is_public: bool,
    /// The crop renditions are made from and the focal point.
    pub framing: Framing,
    /// Sorted by format, then width ascending.
    pub renditions: Vec<Rendition>,
}

/// The few fields of a picture a card needs.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaRef {
    pub id: i64,
    pub width: u32,
    pub height: u32,
    pub caption: String,
    pub alt_text: String,
    pub credit: String,
    pub created_at: UnixTime,
}

/// A full article with its byline and tags.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: i64,
    pub edition_id: i64,
    pub section_id: i64,
    pub slug: Slug,
    pub headline: String,
    pub lead: String,
    pub body: Vec<BodyBlock>,
    pub status: ArticleStatus,
    pub published_at: Option<UnixTime>,
    pub updated_at: UnixTime,
    pub created_at: UnixTime,
    pub lead_media_id: Option<i64>,
    pub translation_group: i64,
    pub comment_count: i64,
    /// Bumped on every save; used for optimistic concurrency.
    pub version: i64,
    /// In byline order.
    pub authors: Vec<Author>,
    /// In the order the editor gave.
    pub tags: Vec<Tag>,
    /// When a scheduled article goes public; `None` in every other status.
    pub scheduled_at: Option<UnixTime>,
    /// The staff user who created it (contributors and authors own their
    /// articles); `None` for imported and generated content.
    pub created_by: Option<i64>,
    /// Dated correction notes, oldest first; shown to readers.
    pub corrections: Vec<Correction>,
    /// Search and social overrides and the canonical address.
    pub seo: ArticleSeo,
}

/// A visible, dated note saying what a correction changed (templates show it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Correction {
    pub id: i64,
    pub note: String,
    pub created_at: UnixTime,
}

/// Why a revision was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RevisionKind {
    Created,
    Saved,
    /// Consecutive autosaves by one person share one revision.
    Autosaved,
    Status,
    Restored,
    Corrected,
    PublishedBySchedule,
}

impl RevisionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Saved => "saved",
            Self::Autosaved => "autosaved",
            Self::Status => "status",
            Self::Restored => "restored",
            Self::Corrected => "corrected",
            Self::PublishedBySchedule => "published_by_schedule",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        [
            Self::Created,
            Self::Saved,
            Self::Autosaved,
            Self::Status,
            Self::Restored,
            Self::Corrected,
            Self::PublishedBySchedule,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// The editable fields of an article at one revision.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct ArticleSnapshot {
    pub section_id: i64,
    pub slug: Slug,
    pub headline: String,
    pub lead: String,
    pub body: Vec<BodyBlock>,
    pub lead_media_id: Option<i64>,
    pub author_ids: Vec<i64>,
    /// `(slug, name)` in the editor's order.
    pub tags: Vec<(Slug, String)>,
    /// Absent from snapshots taken before migration 0022, when no story had
    /// any: those read (and restore) as empty.
    #[serde(default)]
    pub seo: ArticleSeo,
}

impl ArticleSnapshot {
    pub fn of(article: &Article) -> Self {
        Self {
            section_id: article.section_id,
            slug: article.slug.clone(),
            headline: article.headline.clone(),
            lead: article.lead.clone(),
            body: article.body.clone(),
            lead_media_id: article.lead_media_id,
            author_ids: article.authors.iter().map(|a| a.id).collect(),
            tags: article
                .tags
                .iter()
                .map(|t| (t.slug.clone(), t.name.clone()))
                .collect(),
            seo: article.seo.clone(),
        }
    }

    /// The edit that brings an article back to this snapshot.
    pub fn to_update(&self) -> ArticleUpdate {
        ArticleUpdate {
            section_id: Some(self.section_id),
            slug: Some(self.slug.clone()),
            headline: Some(self.headline.clone()),
            lead: Some(self.lead.clone()),
            body: Some(self.body.clone()),
            lead_media_id: Some(self.lead_media_id),
            author_ids: Some(self.author_ids.clone()),
            tags: Some(self.tags.clone()),
            seo: ArticleSeoPatch::all(self.seo.clone()),
        }
    }
}

/// One line of an article's history (the newsroom's templates show it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RevisionSummary {
    pub id: i64,
    pub article_id: i64,
    /// The article's version right after this save.
    pub version: i64,
    pub status: ArticleStatus,
    pub kind: RevisionKind,
    pub saved_by: Option<i64>,
    /// The saver's display name, when known.
    pub saved_by_name: Option<String>,
    pub saved_at: UnixTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub summary: RevisionSummary,
    pub content: ArticleSnapshot,
}

/// A move in the workflow, with what some moves need.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusChange {
    pub status: ArticleStatus,
    /// Required when scheduling: when the article goes public.
    pub scheduled_at: Option<UnixTime>,
    /// Required when correcting: the note readers see.
    pub correction: Option<String>,
    /// Who made the change, for the revision history.
    pub actor: Option<i64>,
    /// Written in the same transaction when given.
    pub audit: Option<crate::NewAudit>,
}

impl StatusChange {
    pub fn to(status: ArticleStatus) -> Self {
        Self {
            status,
            scheduled_at: None,
            correction: None,
            actor: None,
            audit: None,
        }
    }
}

/// What a listing shows of an article: enough for a card, nothing more.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleCard {
    pub id: i64,
    pub edition_id: i64,
    pub section_id: i64,
    pub section_slug: Slug,
    pub section_title: String,
    pub slug: Slug,
    pub headline: String,
    pub lead: String,
    pub published_at: UnixTime,
    pub updated_at: UnixTime,
    pub comment_count: i64,
    /// Its live coverage is running (the cards' "Live" badge).
    pub live: bool,
    pub lead_media: Option<MediaRef>,
}

/// A public article as a search result shows it: its card, and the body
/// its matching passage is cut from.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchCard {
    pub card: ArticleCard,
    pub body: Vec<BodyBlock>,
}

/// One translation of a story, for hreflang links and edition switchers.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    pub article_id: i64,
    pub edition_code: EditionCode,
    pub language: LanguageTag,
    pub section_slug: Slug,
    pub slug: Slug,
    pub headline: String,
    /// Set when this translation is a syndicated copy: its canonical page
    /// is elsewhere, so hreflang links leave it out.
    pub canonical_url: Option<CanonicalUrl>,
}

/// One public article's line in an edition's sitemap.
#[derive(Debug, Clone, PartialEq)]
pub struct SitemapEntry {
    pub id: i64,
    pub section_slug: Slug,
    pub slug: Slug,
    pub published_at: UnixTime,
    pub updated_at: UnixTime,
    pub translation_group: i64,
    /// The lead picture's file as pages share it: the widest JPEG of its
    /// crop that pages offer; `None` without a lead picture or renditions.
    pub picture_key: Option<String>,
}

/// A public, canonical version of a story in some edition: one
/// `xhtml:link` hreflang alternate in the sitemaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapAlternate {
    pub translation_group: i64,
    pub edition_code: EditionCode,
    pub language: LanguageTag,
    pub section_slug: Slug,
    pub slug: Slug,
}

/// A listing page (section, tag or author) and when its newest public story
/// was published: one line of an edition's sitemap of listings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapListing {
    pub slug: Slug,
    pub newest: UnixTime,
}

/// The newest change among the stories of sitemap number `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SitemapFileDate {
    pub n: i64,
    pub lastmod: UnixTime,
}

/// A story in the news sitemap: its address and headline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewsSitemapEntry {
    pub id: i64,
    pub section_slug: Slug,
    pub slug: Slug,
    pub headline: String,
    pub published_at: UnixTime,
}

/// Which public articles to list. Results are newest first
/// (`published_at DESC, id DESC`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleFilter {
    Edition(i64),
    Section(i64),
    Tag(i64),
    /// An author's articles in one edition.
    Author {
        author_id: i64,
        edition_id: i64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleQuery {
    pub filter: ArticleFilter,
    /// 1 to 100.
    pub limit: u32,
    pub after: Option<Cursor>,
}

/// Media-bank archive query, newest first (`created_at DESC, id DESC`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MediaQuery {
    /// `false` (the default): only pictures readers may see (`is_public`),
    /// as the public media bank lists them; `true`: every asset.
    pub include_hidden: bool,
    pub edition_id: Option<i64>,
    pub section_id: Option<i64>,
    /// Inclusive lower bound on `created_at`.
    pub from: Option<UnixTime>,
    /// Exclusive upper bound on `created_at`.
    pub until: Option<UnixTime>,
    pub limit: u32,
    pub after: Option<Cursor>,
}

/// A page of results and the cursor for the next one (`None` on the last page).
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<Cursor>,
}

/// Fields an edit may change; `None` leaves a field as it is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArticleUpdate {
    pub section_id: Option<i64>,
    pub slug: Option<Slug>,
    pub headline: Option<String>,
    pub lead: Option<String>,
    pub body: Option<Vec<BodyBlock>>,
    pub lead_media_id: Option<Option<i64>>,
    pub author_ids: Option<Vec<i64>>,
    pub tags: Option<Vec<(Slug, String)>>,
    /// Search and social fields, each left as it is unless named.
    pub seo: ArticleSeoPatch,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct User {
    pub id: i64,
    pub email: EmailAddress,
    pub display_name: String,
    pub role: Role,
    #[serde(skip)]
    pub password_hash: Option<String>,
    pub created_at: UnixTime,
}

/// Stored counters next to the true counts, for checks and repair.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CounterDrift {
    /// `(table, id, stored, actual)` for every counter that is off. For the
    /// join tables `article_authors` and `article_tags`, `id` is the article,
    /// `stored` the number of its rows whose copied `published_at`/`is_public`
    /// disagree with the article, and `actual` is 0.
    pub mismatches: Vec<(&'static str, i64, i64, i64)>,
}
