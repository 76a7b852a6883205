//! What the Admin API answers: its own response types, mapped from store
//! rows here, so that a change to a row never silently changes the contract
//! and the document never mistakes them for the Content API's types.
//!
//! Times are Unix seconds, as staff tools send them back (`scheduled_at`,
//! `taken_from`); only a media asset's `created_at` is an RFC 3339 string,
//! as it has been since the media endpoints came.

use dateline_domain::{
    ArticleStatus, BodyBlock, CanonicalUrl, Crop, EditionCode, FocalPoint, ImageFormat, Shape,
    ShapeCrops, SiteSettings,
};
use dateline_store as store;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::context::ApiContext;
use crate::api::timestamps::rfc3339;
use crate::visibility::public_picture;

/// An article in any status, as the newsroom sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminArticle {
    pub id: i64,
    pub edition_id: i64,
    pub section_id: i64,
    #[schema(example = "bridge-reopens")]
    pub slug: String,
    pub headline: String,
    pub lead: String,
    pub body: Vec<BodyBlock>,
    pub status: ArticleStatus,
    /// First publication (Unix seconds); `null` until published.
    pub published_at: Option<i64>,
    pub updated_at: i64,
    pub created_at: i64,
    pub lead_media_id: Option<i64>,
    /// Articles telling the same story in other editions share it.
    pub translation_group: i64,
    pub comment_count: i64,
    /// Bumped on every save; send it back with the next change.
    pub version: i64,
    /// In byline order.
    pub authors: Vec<AdminAuthor>,
    /// In the order the editor gave.
    pub tags: Vec<AdminTag>,
    /// When a scheduled article goes public; `null` in every other status.
    pub scheduled_at: Option<i64>,
    /// The staff user who created it; `null` for imported content.
    pub created_by: Option<i64>,
    /// Dated correction notes readers see, oldest first.
    pub corrections: Vec<AdminCorrection>,
    /// The page's whole `<title>`; `null`: the headline and the edition's name.
    pub seo_title: Option<String>,
    /// The search result's description; `null`: the lead.
    pub seo_description: Option<String>,
    /// The title of social cards; `null`: the headline.
    pub social_title: Option<String>,
    /// The description of social cards; `null`: the search description, else the lead.
    pub social_description: Option<String>,
    /// The picture of social cards; `null`: the lead picture.
    pub social_media_id: Option<i64>,
    /// The original's address when the story is a syndicated copy.
    #[schema(value_type = Option<CanonicalUrl>)]
    pub canonical_url: Option<String>,
}

impl From<store::Article> for AdminArticle {
    fn from(a: store::Article) -> Self {
        Self {
            id: a.id,
            edition_id: a.edition_id,
            section_id: a.section_id,
            slug: a.slug.to_string(),
            headline: a.headline,
            lead: a.lead,
            body: a.body,
            status: a.status,
            published_at: a.published_at,
            updated_at: a.updated_at,
            created_at: a.created_at,
            lead_media_id: a.lead_media_id,
            translation_group: a.translation_group,
            comment_count: a.comment_count,
            version: a.version,
            authors: a.authors.into_iter().map(AdminAuthor::from).collect(),
            tags: a.tags.into_iter().map(AdminTag::from).collect(),
            scheduled_at: a.scheduled_at,
            created_by: a.created_by,
            corrections: a
                .corrections
                .into_iter()
                .map(AdminCorrection::from)
                .collect(),
            seo_title: a.seo.seo_title,
            seo_description: a.seo.seo_description,
            social_title: a.seo.social_title,
            social_description: a.seo.social_description,
            social_media_id: a.seo.social_media_id,
            canonical_url: a.seo.canonical_url.map(String::from),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AdminAuthor {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub bio: String,
    /// Published articles bylined by the author.
    pub article_count: i64,
}

impl From<store::Author> for AdminAuthor {
    fn from(a: store::Author) -> Self {
        Self {
            id: a.id,
            slug: a.slug.to_string(),
            name: a.name,
            bio: a.bio,
            article_count: a.article_count,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AdminTag {
    pub id: i64,
    pub edition_id: i64,
    pub slug: String,
    pub name: String,
    /// Published articles carrying the tag.
    pub article_count: i64,
}

impl From<store::Tag> for AdminTag {
    fn from(t: store::Tag) -> Self {
        Self {
            id: t.id,
            edition_id: t.edition_id,
            slug: t.slug.to_string(),
            name: t.name,
            article_count: t.article_count,
        }
    }
}

/// A visible, dated note saying what a correction changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminCorrection {
    pub id: i64,
    pub note: String,
    pub created_at: i64,
}

impl From<store::Correction> for AdminCorrection {
    fn from(c: store::Correction) -> Self {
        Self {
            id: c.id,
            note: c.note,
            created_at: c.created_at,
        }
    }
}

/// Why a revision was recorded.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AdminRevisionKind {
    Created,
    Saved,
    /// Consecutive autosaves by one person share one revision.
    Autosaved,
    Status,
    Restored,
    Corrected,
    PublishedBySchedule,
}

impl From<store::RevisionKind> for AdminRevisionKind {
    fn from(kind: store::RevisionKind) -> Self {
        use store::RevisionKind as K;
        match kind {
            K::Created => Self::Created,
            K::Saved => Self::Saved,
            K::Autosaved => Self::Autosaved,
            K::Status => Self::Status,
            K::Restored => Self::Restored,
            K::Corrected => Self::Corrected,
            K::PublishedBySchedule => Self::PublishedBySchedule,
        }
    }
}

/// One line of an article's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminRevision {
    pub id: i64,
    pub article_id: i64,
    /// The article's version right after this save.
    pub version: i64,
    pub status: ArticleStatus,
    pub kind: AdminRevisionKind,
    pub saved_by: Option<i64>,
    /// The saver's display name, when known.
    pub saved_by_name: Option<String>,
    pub saved_at: i64,
}

impl From<store::RevisionSummary> for AdminRevision {
    fn from(r: store::RevisionSummary) -> Self {
        Self {
            id: r.id,
            article_id: r.article_id,
            version: r.version,
            status: r.status,
            kind: r.kind.into(),
            saved_by: r.saved_by,
            saved_by_name: r.saved_by_name,
            saved_at: r.saved_at,
        }
    }
}

/// An API token (never its secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminToken {
    pub id: i64,
    pub user_id: i64,
    /// The token that made this one (which it never outlives, and whose
    /// revocation revokes it); absent for tokens made in a session.
    pub parent_id: Option<i64>,
    pub name: String,
    /// The token's first characters, to recognise it; not enough to use it.
    #[schema(example = "dl_3f9a")]
    pub prefix: String,
    #[schema(example = json!(["articles:read"]))]
    pub scopes: Vec<String>,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

impl From<store::ApiToken> for AdminToken {
    fn from(t: store::ApiToken) -> Self {
        Self {
            id: t.id,
            user_id: t.user_id,
            parent_id: t.parent_id,
            name: t.name,
            prefix: t.prefix,
            scopes: t.scopes,
            created_at: t.created_at,
            expires_at: t.expires_at,
            last_used_at: t.last_used_at,
            revoked_at: t.revoked_at,
        }
    }
}

/// One line of the audit log.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminAuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor_user_id: Option<i64>,
    /// The actor's current display name, when known.
    pub actor_name: Option<String>,
    /// Set when the actor used an API token rather than a session.
    pub actor_token_id: Option<i64>,
    #[schema(example = "article.publish")]
    pub action: String,
    #[schema(example = "article")]
    pub item_type: String,
    pub item_id: Option<i64>,
    /// Facts about the change (old and new role, …).
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
    pub ip: String,
}

impl From<store::AuditEntry> for AdminAuditEntry {
    fn from(e: store::AuditEntry) -> Self {
        Self {
            id: e.id,
            at: e.at,
            actor_user_id: e.actor_user_id,
            actor_name: e.actor_name,
            actor_token_id: e.actor_token_id,
            action: e.action,
            item_type: e.item_type,
            item_id: e.item_id,
            details: e.details,
            ip: e.ip,
        }
    }
}

/// A section of an edition, with what the Admin API can change.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminSection {
    pub id: i64,
    #[schema(example = "world")]
    pub slug: String,
    /// Code of the edition the section belongs to.
    #[schema(example = "en")]
    pub edition: String,
    pub title: String,
    pub description: String,
    /// Display order within the edition.
    pub position: i32,
    /// Published articles in the section.
    pub article_count: i64,
    /// The section's page.
    pub url: String,
}

impl AdminSection {
    pub fn build(section: &store::Section, edition: &EditionCode, ctx: &ApiContext) -> Self {
        Self {
            id: section.id,
            slug: section.slug.to_string(),
            edition: edition.to_string(),
            title: section.title.clone(),
            description: section.description.clone(),
            position: section.position,
            article_count: section.article_count,
            url: ctx.urls().section(edition, &section.slug),
        }
    }
}

/// A picture in the media bank, as staff see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminMedia {
    pub id: i64,
    /// The largest public rendition (JPEG when there is one); `null` until
    /// the renditions are made.
    pub url: Option<String>,
    pub format: ImageFormat,
    #[schema(example = "image/jpeg")]
    pub mime_type: &'static str,
    pub width: u32,
    pub height: u32,
    pub byte_size: u64,
    pub caption: String,
    pub alt_text: String,
    pub credit: String,
    pub copyright: String,
    pub source: String,
    /// An archive picture, not taken for the story it illustrates.
    pub is_file_photo: bool,
    #[schema(format = DateTime)]
    pub created_at: String,
    /// Code of the edition the asset is filed under.
    pub edition: Option<String>,
    /// The asset's page in the reader site's media bank, when it has an edition.
    pub page_url: Option<String>,
    /// Articles using the picture as lead or in their body.
    pub usage_count: i64,
    /// An editor released the picture to the public media bank.
    pub released: bool,
    /// Readers may see it (media bank, Content API, files): a published
    /// story uses it, it is released, or it is an edition's logo.
    pub public: bool,
    /// The part of the picture (pixels of the upright original) the
    /// renditions without a shape show; `null`: the whole picture.
    pub crop: Option<Crop>,
    /// The point layouts keep in view when they cut the picture further
    /// (pixels of the upright original); `null`: the centre.
    pub focal_point: Option<FocalPoint>,
    /// Crops editors gave fixed shapes (pixels of the upright original); a
    /// shape left out is cut from `crop` around `focal_point`.
    #[schema(value_type = super::media_framing::ShapeCropsField)]
    pub shape_crops: ShapeCrops,
    /// Resized encodings: the crop's own (no `shape`), then each shape's,
    /// by format then width ascending.
    pub renditions: Vec<AdminRendition>,
}

/// One resized encoding of a picture.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminRendition {
    /// The fixed shape it shows; `null`: the crop, in its own proportions.
    pub shape: Option<Shape>,
    pub url: String,
    pub format: ImageFormat,
    #[schema(example = "image/webp")]
    pub mime_type: &'static str,
    pub width: u32,
    pub height: u32,
    pub byte_size: u64,
}

impl AdminMedia {
    pub fn build(asset: &store::MediaAsset, ctx: &ApiContext) -> Self {
        let urls = ctx.urls();
        let edition = asset
            .edition_id
            .and_then(|id| ctx.edition_by_id(id))
            .map(|e| &e.code);
        let largest = (asset.renditions.iter())
            .filter(|r| r.shape.is_none())
            .max_by_key(|r| (r.format == ImageFormat::Jpeg, r.width))
            .map(|r| urls.media_file(&r.storage_key));
        Self {
            id: asset.id,
            url: largest,
            format: asset.format,
            mime_type: asset.format.mime(),
            width: asset.width,
            height: asset.height,
            byte_size: asset.byte_size,
            caption: asset.caption.clone(),
            alt_text: asset.alt_text.clone(),
            credit: asset.credit.clone(),
            copyright: asset.copyright.clone(),
            source: asset.source.clone(),
            is_file_photo: asset.is_file_photo,
            created_at: rfc3339(asset.created_at),
            edition: edition.map(ToString::to_string),
            page_url: edition.map(|code| urls.media_page(code, asset.id)),
            usage_count: asset.usage_count,
            released: asset.is_released,
            public: public_picture(asset.id, asset.is_public, ctx.editions()),
            crop: asset.framing.crop(),
            focal_point: asset.framing.focal_point(),
            shape_crops: asset.framing.shape_crops().clone(),
            renditions: (asset.renditions.iter())
                .map(|r| AdminRendition {
                    shape: r.shape,
                    url: urls.media_file(&r.storage_key),
                    format: r.format,
                    mime_type: r.format.mime(),
                    width: r.width,
                    height: r.height,
                    byte_size: r.byte_size,
                })
                .collect(),
        }
    }
}

/// The site-wide settings, as `PUT /api/v1/admin/settings` takes them
/// back.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminSettings {
    /// `null` while unset: each edition's own name stands for the site's.
    pub site_name: Option<String>,
    /// Code of the edition `/` leads to; `null` while unset (the browser's
    /// language picks one).
    #[schema(example = "en")]
    pub default_edition: Option<String>,
    /// In footer order.
    pub social_links: Vec<AdminSocialLink>,
    pub contact_email: Option<String>,
    pub contact_text: String,
    /// The WebSub hub every feed names; `null` while unset.
    #[schema(example = "https://hub.example/")]
    pub websub_hub: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AdminSocialLink {
    #[schema(example = "Mastodon")]
    pub label: String,
    #[schema(example = "https://social.example/@daily")]
    pub url: String,
}

impl AdminSettings {
    pub fn build(settings: &SiteSettings, editions: &[store::Edition]) -> Self {
        Self {
            site_name: settings.site_name.clone(),
            default_edition: crate::site_settings::default_code(settings, editions),
            social_links: settings
                .social_links
                .iter()
                .map(|l| AdminSocialLink {
                    label: l.label.clone(),
                    url: l.url.clone(),
                })
                .collect(),
            contact_email: settings.contact_email.as_ref().map(|e| e.to_string()),
            contact_text: settings.contact_text.clone(),
            websub_hub: settings.websub_hub.clone(),
        }
    }
}
