//! `/{edition}/search/suggest?q=…`: up to six public stories of the edition
//! for what is being typed (the last word as a prefix), as JSON
//! `[{"headline", "url"}]`, for the masthead box (`static/search.js`). A
//! query that cannot run suggests nothing; it is not an error here.

use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dateline_search::{Audience, Filters, Kind, Order, QueryText, SearchRequest};
use serde::Serialize;

use super::no_cache;
use super::params::SearchParams;
use crate::auth::now;
use crate::error::ApiError;
use crate::site::EditionCtx;
use crate::urls::Urls;
use crate::AppState;

/// Suggestions shown at most.
const SUGGESTIONS: usize = 6;

#[derive(Debug, Serialize)]
pub(crate) struct Suggestion {
    pub headline: String,
    pub url: String,
}

pub(in crate::reader) async fn suggest(
    State(state): State<AppState>,
    Path(edition): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let params = SearchParams::read(raw.as_deref());
    no_cache(match suggestions(&state, &edition, &params.q).await {
        Ok(list) => Json(list).into_response(),
        Err(err) => err.into_response(),
    })
}

async fn suggestions(
    state: &AppState,
    code: &str,
    typed: &str,
) -> Result<Vec<Suggestion>, ApiError> {
    let ctx = EditionCtx::load(state, code).await.map_err(|e| {
        ApiError::new(e.code, "no suggestions for this edition").with_detail(e.detail)
    })?;
    let Ok(text) = QueryText::parse(typed) else {
        return Ok(Vec::new());
    };
    let request = SearchRequest {
        text,
        audience: Audience::Public,
        filters: Filters {
            edition_id: Some(ctx.edition.id),
            kinds: vec![Kind::Article, Kind::Live],
            ..Filters::default()
        },
        order: Order::Relevance,
        after: None,
        limit: SUGGESTIONS,
        facets: false,
        now: now(),
    };
    let results = state.search.find(request).await?;
    let ids: Vec<i64> = results.hits.iter().map(|h| h.id).collect();
    // Public cards only, in rank order.
    let cards = state.store.article_cards(&ids).await?;
    let urls = Urls::relative();
    Ok(cards
        .iter()
        .map(|c| Suggestion {
            headline: c.headline.clone(),
            url: urls.article(ctx.edition_code(c.edition_id), &c.section_slug, &c.slug),
        })
        .collect())
}
