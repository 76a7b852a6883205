//! View models shared by the reader pages: pictures with their responsive
//! sources, article cards, and cursor pagination links.

use std::collections::HashMap;

use axum::http::header::LOCATION;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use dateline_domain::{EditionCode, ImageFormat, UnixTime};
use dateline_store::{ArticleCard, ArticleFilter, ArticleQuery, Cursor, MediaAsset, Page};
use serde::{Deserialize, Serialize};

use super::context::EditionCtx;
use super::errors::PageError;
use crate::error::ErrorCode;
use crate::urls::Urls;
use crate::AppState;

/// Cards per page of a section, tag or author listing.
pub(super) const LISTING_PAGE_SIZE: u32 = 24;

/// A media-bank picture as templates show it. `src` is the fallback `<img>`
/// (a mid-size JPEG rendition, else the original); the srcsets list every
/// rendition of one format, up to 1920 px wide.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Picture {
    pub id: i64,
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub webp_srcset: String,
    pub jpeg_srcset: String,
    /// Widest file offered, as printed in the reference alt text.
    pub max_width: u32,
    pub caption: String,
    pub alt_text: String,
    pub credit: String,
    pub copyright: String,
    pub source: String,
    pub is_file_photo: bool,
    pub created_at: UnixTime,
    pub mediabank_url: String,
    pub original_url: String,
    pub original_width: u32,
    pub original_height: u32,
}

/// The rendition `src` falls back to when `srcset` is not understood.
const FALLBACK_WIDTH: u32 = 1280;

impl Picture {
    pub fn new(asset: &MediaAsset, edition: &EditionCode) -> Self {
        let urls = Urls::relative();
        let srcset = |format: ImageFormat| {
            asset
                .renditions
                .iter()
                .filter(|r| r.format == format)
                .map(|r| format!("{} {}w", urls.media_file(&r.storage_key), r.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let jpegs = asset
            .renditions
            .iter()
            .filter(|r| r.format == ImageFormat::Jpeg);
        let fallback = jpegs
            .clone()
            .filter(|r| r.width <= FALLBACK_WIDTH)
            .max_by_key(|r| r.width)
            .or_else(|| jpegs.min_by_key(|r| r.width));
        let (src, width, height) = match fallback {
            Some(r) => (urls.media_file(&r.storage_key), r.width, r.height),
            None => (
                urls.media_file(&asset.storage_key),
                asset.width,
                asset.height,
            ),
        };
        let max_width = asset
            .renditions
            .iter()
            .map(|r| r.width)
            .max()
            .unwrap_or(asset.width);
        Self {
            id: asset.id,
            src,
            width,
            height,
            webp_srcset: srcset(ImageFormat::Webp),
            jpeg_srcset: srcset(ImageFormat::Jpeg),
            max_width,
            caption: asset.caption.clone(),
            alt_text: asset.alt_text.clone(),
            credit: asset.credit.clone(),
            copyright: asset.copyright.clone(),
            source: asset.source.clone(),
            is_file_photo: asset.is_file_photo,
            created_at: asset.created_at,
            mediabank_url: urls.media_page(edition, asset.id),
            // The largest public rendition: originals are not served.
            original_url: Self::share_image(asset).0,
            original_width: asset.width,
            original_height: asset.height,
        }
    }

    /// What describes the picture to someone who cannot see it: its alt
    /// text, or its caption when it has none.
    pub fn alt_of(asset: &MediaAsset) -> &str {
        if asset.alt_text.is_empty() {
            &asset.caption
        } else {
            &asset.alt_text
        }
    }

    /// The largest JPEG (or the original), for social cards and JSON-LD.
    pub fn share_image(asset: &MediaAsset) -> (String, u32, u32) {
        let urls = Urls::relative();
        asset
            .renditions
            .iter()
            .filter(|r| r.format == ImageFormat::Jpeg)
            .max_by_key(|r| r.width)
            .map_or_else(
                || {
                    (
                        urls.media_file(&asset.storage_key),
                        asset.width,
                        asset.height,
                    )
                },
                |r| (urls.media_file(&r.storage_key), r.width, r.height),
            )
    }
}

/// Every picture a page shows, fetched in one query.
#[derive(Debug, Default)]
pub(crate) struct MediaMap(HashMap<i64, MediaAsset>);

impl MediaMap {
    pub async fn fetch(
        state: &AppState,
        ids: impl IntoIterator<Item = i64>,
    ) -> Result<Self, PageError> {
        let mut ids: Vec<i64> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Ok(Self::default());
        }
        let assets = state.store.media_by_ids(&ids).await?;
        Ok(Self(assets.into_iter().map(|a| (a.id, a)).collect()))
    }

    /// One page of public cards for a listing (section, tag, author) and
    /// their pictures: one keyset query, one media query.
    pub async fn listing(
        state: &AppState,
        ctx: &EditionCtx,
        filter: ArticleFilter,
        after: Option<Cursor>,
    ) -> Result<(Page<ArticleCard>, Self), PageError> {
        let query = ArticleQuery {
            filter,
            limit: LISTING_PAGE_SIZE,
            after,
        };
        let page = state.store.list_articles(&query).await?;
        let media = Self::for_cards(state, ctx, &page.items).await?;
        Ok((page, media))
    }

    /// The lead pictures of `cards` and the edition's logo.
    pub async fn for_cards(
        state: &AppState,
        ctx: &EditionCtx,
        cards: &[ArticleCard],
    ) -> Result<Self, PageError> {
        Self::fetch(
            state,
            card_media(cards)
                .into_iter()
                .chain(ctx.edition.logo_media_id),
        )
        .await
    }

    pub fn get(&self, id: i64) -> Option<&MediaAsset> {
        self.0.get(&id)
    }

    /// Every picture fetched, for the page's cache keys.
    pub fn ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.0.keys().copied()
    }

    pub fn insert(&mut self, asset: MediaAsset) {
        self.0.insert(asset.id, asset);
    }

    pub fn picture(&self, id: Option<i64>, edition: &EditionCode) -> Option<Picture> {
        id.and_then(|id| self.get(id))
            .map(|a| Picture::new(a, edition))
    }
}

/// Ids of the lead pictures of some cards, for [`MediaMap::fetch`].
pub(crate) fn card_media<'a>(cards: impl IntoIterator<Item = &'a ArticleCard>) -> Vec<i64> {
    cards
        .into_iter()
        .filter_map(|c| c.lead_media.as_ref().map(|m| m.id))
        .collect()
}

/// An article in a listing.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Card {
    pub id: i64,
    pub url: String,
    pub headline: String,
    pub lead: String,
    pub section_title: String,
    pub section_url: String,
    pub published_at: UnixTime,
    pub updated_at: UnixTime,
    pub comment_count: i64,
    pub picture: Option<Picture>,
}

impl Card {
    /// `edition` is the card's own edition (cards may cross editions).
    pub fn new(card: &ArticleCard, edition: &EditionCode, media: &MediaMap) -> Self {
        let urls = Urls::relative();
        Self {
            id: card.id,
            url: urls.article(edition, &card.section_slug, &card.slug),
            headline: card.headline.clone(),
            lead: card.lead.clone(),
            section_title: card.section_title.clone(),
            section_url: urls.section(edition, &card.section_slug),
            published_at: card.published_at,
            updated_at: card.updated_at,
            comment_count: card.comment_count,
            picture: media.picture(card.lead_media.as_ref().map(|m| m.id), edition),
        }
    }

    pub fn list(cards: &[ArticleCard], edition: &EditionCode, media: &MediaMap) -> Vec<Self> {
        cards.iter().map(|c| Self::new(c, edition, media)).collect()
    }
}

/// A name linking to its page (authors, tags).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct NamedLink {
    pub name: String,
    pub url: String,
    pub bio: String,
}

/// `?cursor=` of the listing pages.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct PageQuery {
    pub cursor: Option<String>,
}

impl PageQuery {
    /// The decoded cursor; a forged or stale one is a 400 page.
    pub fn cursor(&self) -> Result<Option<Cursor>, PageError> {
        self.cursor
            .as_deref()
            .filter(|c| !c.is_empty())
            .map(Cursor::decode)
            .transpose()
            .map_err(|e| PageError::new(ErrorCode::InvalidCursor, e.message))
    }
}

/// Links to the next (older) page and back to the first one.
#[derive(Debug, Default, Serialize)]
pub(crate) struct Pager {
    pub next_url: Option<String>,
    pub newest_url: Option<String>,
}

impl Pager {
    /// `path` may already carry a query string (filters).
    pub fn new<T>(path: &str, page: &Page<T>, on_first_page: bool) -> Self {
        let sep = if path.contains('?') { '&' } else { '?' };
        Self {
            next_url: page
                .next
                .map(|c| format!("{path}{sep}cursor={}", c.encode())),
            newest_url: (!on_first_page).then(|| path.to_owned()),
        }
    }
}

/// `301 Moved Permanently` to a path built from domain types (so always a
/// valid header value).
pub(crate) fn moved_permanently(path: &str) -> Response {
    match HeaderValue::from_str(path) {
        Ok(location) => (StatusCode::MOVED_PERMANENTLY, [(LOCATION, location)]).into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Percent-encodes a query-string value (RFC 3986 unreserved and `/` kept).
pub(crate) fn query_escape(value: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            // Writing into a String cannot fail.
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_store::Rendition;

    fn asset(renditions: Vec<Rendition>) -> MediaAsset {
        MediaAsset {
            id: 7,
            storage_key: "originals/ab/ab.jpg".into(),
            format: ImageFormat::Jpeg,
            width: 2400,
            height: 1350,
            byte_size: 1,
            sha256: "ab".into(),
            caption: "Flags".into(),
            alt_text: String::new(),
            credit: "© Photo".into(),
            copyright: String::new(),
            source: String::new(),
            is_file_photo: true,
            created_at: 0,
            edition_id: None,
            section_id: None,
            usage_count: 0,
            public_use_count: 0,
            is_released: false,
            is_public: false,
            renditions,
        }
    }

    fn r(width: u32, format: ImageFormat) -> Rendition {
        Rendition {
            width,
            height: width * 9 / 16,
            format,
            storage_key: format!("renditions/ab/ab-{width}.{}", format.extension()),
            byte_size: 1,
        }
    }

    #[test]
    fn srcsets_per_format_and_a_mid_size_fallback() {
        let widths = [320, 640, 960, 1280, 1920];
        let mut renditions: Vec<_> = widths.iter().map(|w| r(*w, ImageFormat::Jpeg)).collect();
        renditions.extend(widths.iter().map(|w| r(*w, ImageFormat::Webp)));
        let en: EditionCode = "en".parse().unwrap();
        let p = Picture::new(&asset(renditions), &en);
        assert_eq!(p.src, "/media/renditions/ab/ab-1280.jpg");
        assert!(p
            .webp_srcset
            .ends_with("/media/renditions/ab/ab-1920.webp 1920w"));
        assert!(p
            .jpeg_srcset
            .starts_with("/media/renditions/ab/ab-320.jpg 320w, "));
        assert_eq!(
            (p.max_width, p.mediabank_url.as_str()),
            (1920, "/en/mediabank/7")
        );

        let bare = Picture::new(&asset(Vec::new()), &en);
        assert_eq!(
            (bare.src.as_str(), bare.width, bare.max_width),
            ("/media/originals/ab/ab.jpg", 2400, 2400)
        );
        assert!(bare.webp_srcset.is_empty());
    }

    #[test]
    fn query_values_are_escaped() {
        assert_eq!(query_escape("/en/world/a-b"), "/en/world/a-b");
        assert_eq!(query_escape("/x?y=1&z"), "/x%3Fy%3D1%26z");
    }
}
