//! One listing's feed as every format writes it: the channel and its items
//! with absolute addresses, dates as Unix seconds, the lead picture's files.

use dateline_domain::{ImageFormat, UnixTime, MAX_OFFERED_WIDTH};
use dateline_store::{FeedStory, MediaAsset, Rendition};

use super::content::{story_html, Refs};
use crate::site::Picture;

/// The channel.
pub(super) struct FeedDoc {
    pub title: String,
    pub description: String,
    /// The listing's page.
    pub home_url: String,
    /// This feed's own address.
    pub self_url: String,
    /// The WebSub hub, when the site names one.
    pub hub: Option<String>,
    /// A BCP 47 tag.
    pub language: String,
    /// The newest change among the items (or now, for an empty feed).
    pub updated: UnixTime,
    pub items: Vec<FeedItem>,
}

pub(super) struct FeedItem {
    /// The story's `tag:` URI, unchanged by a new slug or section.
    pub id: String,
    pub url: String,
    /// The headline, after the "Live" mark while coverage runs.
    pub title: String,
    pub summary: String,
    pub content_html: String,
    pub published: UnixTime,
    pub updated: UnixTime,
    pub authors: Vec<Person>,
    /// The section first, then the tags (and the "Live" mark).
    pub categories: Vec<String>,
    pub picture: Option<FeedPicture>,
}

pub(super) struct Person {
    pub name: String,
    pub url: String,
}

/// The lead picture: its largest offered JPEG (what enclosures and
/// `media:content` name, with its size in bytes) and a small one.
pub(super) struct FeedPicture {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub length: u64,
    pub media_type: &'static str,
    pub thumbnail_url: String,
    pub thumbnail_width: u32,
    pub thumbnail_height: u32,
    pub caption: String,
    pub alt: String,
    pub credit: String,
}

/// Thumbnails are the narrowest file at least this wide.
const THUMBNAIL_MIN_WIDTH: u32 = 320;

/// The files of a picture feeds may name: the crop's renditions (never the
/// original, which is not served) up to `max_width`, in the format feed
/// readers show most widely, JPEG, else WebP.
pub(super) fn offered(asset: &MediaAsset, max_width: u32) -> Vec<&Rendition> {
    let of = |format: ImageFormat| -> Vec<&Rendition> {
        asset
            .renditions
            .iter()
            .filter(|r| r.shape.is_none() && r.format == format && r.width <= max_width)
            .collect()
    };
    let jpegs = of(ImageFormat::Jpeg);
    if jpegs.is_empty() {
        of(ImageFormat::Webp)
    } else {
        jpegs
    }
}

impl FeedPicture {
    /// `None` while the picture has no renditions yet.
    fn of(refs: &Refs<'_>, asset: &MediaAsset) -> Option<Self> {
        let files = offered(asset, MAX_OFFERED_WIDTH);
        let full: &Rendition = files.iter().copied().max_by_key(|r| r.width)?;
        let thumb = files
            .iter()
            .copied()
            .filter(|r| r.width >= THUMBNAIL_MIN_WIDTH)
            .min_by_key(|r| r.width)
            .unwrap_or(full);
        Some(Self {
            url: refs.urls.media_file(&full.storage_key),
            width: full.width,
            height: full.height,
            length: full.byte_size,
            media_type: full.format.mime(),
            thumbnail_url: refs.urls.media_file(&thumb.storage_key),
            thumbnail_width: thumb.width,
            thumbnail_height: thumb.height,
            caption: asset.caption.clone(),
            alt: Picture::alt_of(asset).to_owned(),
            credit: asset.credit.clone(),
        })
    }
}

impl FeedItem {
    /// `live_mark` is the edition's word for live coverage.
    pub fn of(refs: &Refs<'_>, story: &FeedStory, live_mark: &str, base_url: &str) -> Self {
        let card = &story.card;
        let code = refs.ctx.edition_code(card.edition_id);
        let lead = card.lead_media.as_ref().and_then(|m| refs.media.get(m.id));
        let mut categories = vec![card.section_title.clone()];
        categories.extend(story.tags.iter().map(|t| t.name.clone()));
        let title = if card.live {
            categories.push(live_mark.to_owned());
            format!("{live_mark}: {}", card.headline)
        } else {
            card.headline.clone()
        };
        Self {
            id: crate::urls::story_tag(base_url, card.published_at, card.id),
            url: refs.urls.article(code, &card.section_slug, &card.slug),
            title,
            summary: card.lead.clone(),
            content_html: story_html(refs, lead, &story.body),
            published: card.published_at,
            updated: card.updated_at.max(card.published_at),
            authors: story
                .authors
                .iter()
                .map(|a| Person {
                    name: a.name.clone(),
                    url: refs.urls.author(code, &a.slug),
                })
                .collect(),
            categories,
            picture: lead.and_then(|asset| FeedPicture::of(refs, asset)),
        }
    }
}
