//! `GET /api/v1/admin/search`: full-text search across every status, for
//! API tokens with `articles:read`, within what the token's owner may read
//! (`crate::staff_search`: the same role rules as the desk list, and each
//! hit checked again). The Content API's parameters, plus `status`.

use axum::extract::State;
use axum::Json;
use dateline_domain::{ArticleStatus, UnixTime};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::responses::AdminMedia;
use crate::api::context::ApiContext;
use crate::api::extract::{ApiQuery, QueryEditionCode, QueryLimit, QuerySlug};
use crate::api::search::{
    self as content, SearchCursorSchema, SearchFacets, SearchKind, SearchOrder,
};
use crate::api::timestamps::TimeSchema;
use crate::auth::{Scope, Staff};
use crate::error::{ApiError, ErrorBody, ErrorCode};
use crate::staff_search::{self, StaffHit};
use crate::AppState;

/// The Content API's search parameters and an article status.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AdminSearchParams {
    /// The words: all must match; `"a phrase"` in quotes, `-word` to leave
    /// one out; the last word also matches as a prefix. At most 1,024
    /// bytes (`query_too_long`); empty is `query_empty`, only signs is
    /// `query_no_words`.
    #[serde(default)]
    #[param(required = true, min_length = 1, max_length = 1024)]
    pub q: String,
    /// Only this edition (code).
    #[param(value_type = Option<QueryEditionCode>)]
    pub edition: Option<String>,
    /// Only this section (slug); needs `edition`.
    #[param(value_type = Option<QuerySlug>)]
    pub section: Option<String>,
    /// Only articles carrying this tag (slug); needs `edition`.
    #[param(value_type = Option<QuerySlug>)]
    pub tag: Option<String>,
    /// Only articles bylined by this author (slug).
    #[param(value_type = Option<QuerySlug>)]
    pub author: Option<String>,
    #[param(inline)]
    pub kind: Option<SearchKind>,
    /// Only articles in this status.
    #[param(inline)]
    pub status: Option<ArticleStatus>,
    /// Dated at or after (articles: publication, else last change; pictures: upload).
    #[param(value_type = Option<TimeSchema>)]
    pub from: Option<String>,
    /// Dated before (later than `from`); a date includes that whole day (UTC).
    #[param(value_type = Option<TimeSchema>)]
    pub until: Option<String>,
    #[param(inline)]
    pub order: Option<SearchOrder>,
    /// `next` of the previous page of the same search.
    #[param(value_type = Option<SearchCursorSchema>)]
    pub cursor: Option<String>,
    /// Page size, 1 to 100.
    #[param(value_type = Option<QueryLimit>)]
    pub limit: Option<String>,
}

/// An article as a search shows it to staff.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminSearchArticle {
    pub id: i64,
    /// Code of the article's edition.
    pub edition: String,
    /// Slug of its section.
    pub section: String,
    pub slug: String,
    pub headline: String,
    pub lead: String,
    pub status: ArticleStatus,
    /// Covered live.
    pub live: bool,
    pub published_at: Option<UnixTime>,
    pub updated_at: UnixTime,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AdminSearchHit {
    pub kind: SearchKind,
    /// The passage that matches best, as HTML: escaped, the matched words
    /// in `<mark>`; empty when only a headline or a name matched.
    pub snippet: String,
    /// The article (kinds `article` and `live`).
    pub article: Option<AdminSearchArticle>,
    /// The picture (kind `picture`).
    pub media: Option<AdminMedia>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AdminSearchPage {
    /// Matches on every page, before the per-hit permission check, when
    /// `total_exact`; otherwise the newest 10,000 counted, and more matched.
    pub total: u64,
    /// False when counting stopped at the newest 10,000 matches (as in the
    /// Content API's search).
    pub total_exact: bool,
    pub items: Vec<AdminSearchHit>,
    pub next: Option<String>,
    pub facets: SearchFacets,
}

/// Searches articles in every status and every picture that the caller
/// may read.
#[utoipa::path(get, path = "/api/v1/admin/search", operation_id = "admin_search", tag = "admin",
    security(("bearer" = [])), params(AdminSearchParams),
    responses(
        (status = 200, description = "One page of matches", body = AdminSearchPage),
        (status = 400, description = "`query_empty`, `query_too_long`, `query_no_words`, `invalid_cursor`, `invalid_limit`, `invalid_query`", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (scope `articles:read`)", body = ErrorBody),
        (status = 404, description = "Unknown filter value (`unknown_edition`, `unknown_section`, `unknown_tag`, `unknown_author`)", body = ErrorBody),
    ))]
pub async fn search(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(params): ApiQuery<AdminSearchParams>,
) -> Result<Json<AdminSearchPage>, ApiError> {
    if !staff.scopes().contains(Scope::ArticlesRead) {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "the articles:read scope is needed",
        ));
    }
    let ctx = ApiContext::cached(&state).await?;
    let shared = content::SearchParams {
        q: params.q,
        edition: params.edition,
        section: params.section,
        tag: params.tag,
        author: params.author,
        kind: params.kind,
        from: params.from,
        until: params.until,
        order: params.order,
        cursor: params.cursor,
        limit: params.limit,
    };
    let audience = staff_search::audience(&staff.account);
    let mut parsed = content::parse(&state, &ctx, &shared, audience).await?;
    parsed.request.filters.status = params.status.map(|s| s.as_str().to_owned());
    let results = state.search.find(parsed.request).await?;
    let hits = staff_search::load(&state, &staff, &results).await?;
    let facets = content::facets(&state, &ctx, results.facets.as_ref()).await?;
    let code = |id: i64| {
        ctx.edition_by_id(id)
            .map(|e| e.code.to_string())
            .unwrap_or_default()
    };
    let items = hits
        .into_iter()
        .map(|hit| match hit {
            StaffHit::Article { row, snippet } => AdminSearchHit {
                kind: if row.live {
                    SearchKind::Live
                } else {
                    SearchKind::Article
                },
                snippet,
                article: Some(AdminSearchArticle {
                    id: row.id,
                    edition: code(row.edition_id),
                    section: row.section_slug.to_string(),
                    slug: row.slug.to_string(),
                    headline: row.headline.clone(),
                    lead: row.lead.clone(),
                    status: row.status,
                    live: row.live,
                    published_at: row.published_at,
                    updated_at: row.updated_at,
                }),
                media: None,
            },
            StaffHit::Picture { asset, snippet } => AdminSearchHit {
                kind: SearchKind::Picture,
                snippet,
                article: None,
                media: Some(AdminMedia::build(&asset, &ctx)),
            },
        })
        .collect();
    Ok(Json(AdminSearchPage {
        total: u64::try_from(results.total).unwrap_or(u64::MAX),
        total_exact: results.total_exact,
        items,
        next: results.next.map(|c| c.encode()),
        facets,
    }))
}
