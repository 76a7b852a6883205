//! `/newsroom/media`: the upload form, and the bank searched by words
//! (caption, credit, by-line, keywords…) and by the date a picture was taken.
//! Words alone are searched in the index, which also knows the headlines
//! of the stories using each picture (drafts included), best match first;
//! with a date, the store's search (the index has no capture dates).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use dateline_store::{Cursor, MediaAsset, MediaSearch};
use serde::{Deserialize, Serialize};

use dateline_search::{
    Audience, Filters as SearchFilters, Kind, Order, QueryText, SearchCursor, SearchRequest,
};

use crate::error::{ApiError, ErrorCode};
use crate::newsroom::Chrome;
use crate::newsroom::Desk;
use crate::urls::Urls;
use crate::AppState;

const PAGE_SIZE: u32 = 30;

#[derive(Debug, Default, Deserialize, Serialize)]
pub(super) struct Filters {
    #[serde(default)]
    pub q: String,
    /// `YYYY-MM-DD`, taken on or after.
    #[serde(default)]
    pub from: String,
    /// `YYYY-MM-DD`, taken on or before.
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub after: String,
}

#[derive(Serialize)]
pub(crate) struct Thumb {
    pub id: i64,
    pub caption: String,
    pub credit: String,
    pub width: u32,
    pub height: u32,
    pub created_at: i64,
    /// The narrowest rendition, once made.
    pub src: Option<String>,
    pub url: String,
}

impl Thumb {
    pub fn of(asset: &MediaAsset) -> Self {
        // The narrowest file, a JPEG where one is that narrow.
        let src = asset
            .renditions
            .iter()
            .filter(|r| r.shape.is_none())
            .min_by_key(|r| (r.width, r.format != dateline_domain::ImageFormat::Jpeg))
            .map(|r| Urls::relative().media_file(&r.storage_key));
        Self {
            id: asset.id,
            caption: asset.caption.clone(),
            credit: asset.credit.clone(),
            width: asset.width,
            height: asset.height,
            created_at: asset.created_at,
            src,
            url: crate::urls::newsroom::media_asset(asset.id),
        }
    }
}

#[derive(Serialize)]
struct ListView<'a> {
    #[serde(flatten)]
    chrome: &'a Chrome,
    filters: &'a Filters,
    items: Vec<Thumb>,
    next_url: Option<String>,
    max_upload_mb: u64,
    /// Catalog id of why an upload was refused.
    error: Option<&'static str>,
}

fn day(typed: &str, field: &'static str) -> Result<Option<i64>, ApiError> {
    match typed.trim() {
        "" => Ok(None),
        typed => NaiveDate::parse_from_str(typed, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| Some(d.and_utc().timestamp()))
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::InvalidQuery,
                    format!("{field}: give a date as YYYY-MM-DD"),
                )
            }),
    }
}

/// One page of the bank: its pictures and the cursor of the next page.
struct Found {
    items: Vec<MediaAsset>,
    next: Option<String>,
}

/// The bank searched through the index: every picture (all roles may
/// read the bank), caption, credit, source and the headlines of the
/// stories using it.
async fn index_search(state: &AppState, filters: &Filters) -> Result<Found, ApiError> {
    let text = QueryText::parse(&filters.q)?;
    let after = match filters.after.as_str() {
        "" => None,
        typed => Some(SearchCursor::decode(typed).ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidCursor,
                "after: this page address is not valid",
            )
        })?),
    };
    let request = SearchRequest {
        text,
        audience: Audience::Staff {
            editions: None,
            own_or_public: None,
        },
        filters: SearchFilters {
            kinds: vec![Kind::Picture],
            ..SearchFilters::default()
        },
        order: Order::Relevance,
        after,
        limit: PAGE_SIZE as usize,
        facets: false,
        now: crate::auth::now(),
    };
    let results = state.search.find(request).await?;
    let ids: Vec<i64> = results.hits.iter().map(|h| h.id).collect();
    let mut items = state.store.media_by_ids(&ids).await?;
    items.sort_by_key(|a| ids.iter().position(|id| *id == a.id));
    Ok(Found {
        items,
        next: results.next.map(|c| c.encode()),
    })
}

pub(super) async fn render(
    state: &AppState,
    desk: &Desk,
    filters: &Filters,
    status: StatusCode,
    error: Option<&'static str>,
) -> Result<Response, ApiError> {
    let by_words = !filters.q.trim().is_empty()
        && filters.from.trim().is_empty()
        && filters.to.trim().is_empty();
    let found = if by_words {
        index_search(state, filters).await?
    } else {
        store_search(state, filters).await?
    };
    let next_url = found.next.map(|cursor| {
        let query = serde_urlencoded::to_string(Filters {
            after: cursor,
            q: filters.q.clone(),
            from: filters.from.clone(),
            to: filters.to.clone(),
        })
        .unwrap_or_default();
        crate::urls::newsroom::media(&query)
    });
    let chrome = Chrome {
        page: "media",
        ..desk.chrome.clone()
    };
    let view = ListView {
        chrome: &chrome,
        filters,
        items: found.items.iter().map(Thumb::of).collect(),
        next_url,
        max_upload_mb: state.media.limits().max_bytes >> 20,
        error,
    };
    desk.render(state, status, "newsroom/media.html", &view)
}

/// The store's search: words in the bank's own texts, capture dates.
async fn store_search(state: &AppState, filters: &Filters) -> Result<Found, ApiError> {
    let after = match filters.after.as_str() {
        "" => None,
        typed => Some(Cursor::decode(typed).map_err(ApiError::invalid_query)?),
    };
    let search = MediaSearch {
        text: filters.q.clone(),
        taken_from: day(&filters.from, "from")?,
        taken_until: day(&filters.to, "to")?.map(|t| t + 86_400),
        uploaded_by: None,
        limit: PAGE_SIZE,
        after,
    };
    let page = state.store.search_media(&search).await?;
    Ok(Found {
        items: page.items,
        next: page.next.map(Cursor::encode),
    })
}

pub(super) async fn page(
    State(state): State<AppState>,
    desk: Desk,
    Query(filters): Query<Filters>,
) -> Result<Response, ApiError> {
    desk.staff.require(crate::auth::Permission::ReadMedia)?;
    render(&state, &desk, &filters, StatusCode::OK, None).await
}
