//! View models of the reader's listing pages: one page of cards with their
//! pictures, cursor pagination links, and redirects to canonical paths.

use axum::http::header::LOCATION;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use dateline_store::{ArticleCard, ArticleFilter, ArticleQuery, Cursor, Page};
use serde::{Deserialize, Serialize};

use crate::error::ErrorCode;
use crate::site::{card_media, EditionCtx, MediaMap, PageError};
use crate::AppState;

/// Cards per page of a section, tag or author listing.
pub(super) const LISTING_PAGE_SIZE: u32 = 24;

/// Reader-site listings of public cards with their pictures.
impl MediaMap {
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
