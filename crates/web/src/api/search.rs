//! `GET /api/v1/search`: full-text search of published articles and public
//! pictures, best match (blended with recency) or newest first, with
//! facets, keyset-paginated. The parameters are shared with the Admin API's
//! search (`admin/search.rs`), which adds `status` and every status.

use std::collections::HashMap;

use axum::extract::State;
use axum::Json;
use dateline_search::{
    card_text, media_text, Audience, Facets, Filters, Kind, Order, QueryText, SearchCursor,
    SearchRequest, SearchResults,
};
use dateline_store as store;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{IntoParams, ToSchema};

use super::articles::{lead_media, ArticleCard};
use super::context::ApiContext;
use super::extract::{self, ApiQuery, QueryEditionCode, QueryLimit, QuerySlug};
use super::media::Media;
use super::sections::unknown_section;
use super::timestamps::{parse_time, DateBound, TimeSchema};
use crate::auth::now;
use crate::error::{ApiError, ErrorBody, ErrorCode};
use crate::visibility::public_picture;
use crate::AppState;

/// A search page's cursor in the document (`SearchCursor`): exactly the
/// texts a page of results gives as `next_cursor`.
pub struct SearchCursorSchema;

/// Base64url of a tag byte (`r` or `n`) and two 64-bit numbers, unpadded.
pub const SEARCH_CURSOR_PATTERN: &str = "^[bc][g-v][A-Za-z0-9_-]{20}[AEIMQUYcgkosw048]$";

impl utoipa::PartialSchema for SearchCursorSchema {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(SEARCH_CURSOR_PATTERN))
            .min_length(Some(23))
            .max_length(Some(23))
            .description(Some(
                "An opaque cursor, as the previous page of the same search gave it \
                 (`next_cursor`); any other value is refused with `invalid_cursor`.",
            ))
            .into()
    }
}

impl ToSchema for SearchCursorSchema {
    fn name() -> std::borrow::Cow<'static, str> {
        "SearchCursor".into()
    }
}

/// What a document is: an article, an article covered live, a picture.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    Article,
    Live,
    Picture,
}

impl From<Kind> for SearchKind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Article => Self::Article,
            Kind::Live => Self::Live,
            Kind::Picture => Self::Picture,
        }
    }
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SearchOrder {
    /// Best match, blended with recency (this week's story first).
    #[default]
    Relevance,
    Newest,
}

/// The search and its filters. Times are an RFC 3339 date-time, a UTC
/// date (`2024-01-31`) or Unix seconds.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
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
    /// Only this kind of document.
    #[param(inline)]
    pub kind: Option<SearchKind>,
    /// Dated at or after (articles: publication; pictures: upload).
    #[param(value_type = Option<TimeSchema>)]
    pub from: Option<String>,
    /// Dated before (later than `from`); a date includes that whole day (UTC).
    #[param(value_type = Option<TimeSchema>)]
    pub until: Option<String>,
    #[param(inline)]
    pub order: Option<SearchOrder>,
    /// `next_cursor` of the previous page of the same search.
    #[param(value_type = Option<SearchCursorSchema>)]
    pub cursor: Option<String>,
    /// Page size, 1 to 100.
    #[param(value_type = Option<QueryLimit>)]
    pub limit: Option<String>,
}

/// One value of a facet and how many matches have it.
#[derive(Debug, Serialize, ToSchema)]
pub struct FacetValue {
    /// What to pass as the parameter to narrow to it (a code, slug or kind).
    pub value: String,
    pub label: String,
    /// The edition a section or tag belongs to.
    pub edition: Option<String>,
    pub count: u64,
}

/// Matches per value, most first, over every page of results.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct SearchFacets {
    pub editions: Vec<FacetValue>,
    pub sections: Vec<FacetValue>,
    pub tags: Vec<FacetValue>,
    pub authors: Vec<FacetValue>,
    pub kinds: Vec<FacetValue>,
}

/// One match.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHit {
    pub kind: SearchKind,
    /// The passage that matches best, as HTML: escaped, the matched words
    /// in `<mark>`; empty when only a headline or a name matched.
    pub snippet: String,
    /// The article (kinds `article` and `live`).
    pub article: Option<ArticleCard>,
    /// The picture (kind `picture`).
    pub media: Option<Media>,
}

/// One page of matches.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchPage {
    /// Matches on every page when `total_exact`; otherwise the matches
    /// counted (the newest 10,000), and more matched.
    pub total: u64,
    /// False when counting stopped at the newest 10,000 matches: `total`,
    /// the facets and relevance order then cover those, and `order=newest`
    /// pages on through every match.
    pub total_exact: bool,
    pub items: Vec<SearchHit>,
    /// Pass as `cursor` (with the same search) for the next page; `null`
    /// on the last page.
    pub next_cursor: Option<String>,
    pub facets: SearchFacets,
}

/// A search as parsed from the query, before it is run.
pub(crate) struct Parsed {
    pub request: SearchRequest,
}

/// Parses the shared parameters into a request for `audience`. Unknown
/// edition, section, tag or author → 404; malformed → 400.
pub(crate) async fn parse(
    state: &AppState,
    ctx: &ApiContext,
    params: &SearchParams,
    audience: Audience,
) -> Result<Parsed, ApiError> {
    let text = QueryText::parse(&params.q)?;
    let limit = extract::limit(params.limit.as_deref())?;
    let after = match params.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(raw) => Some(SearchCursor::decode(raw).ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidCursor,
                "cursor: not a cursor a search gave",
            )
            .with_field("cursor")
        })?),
    };
    let from = time("from", params.from.as_deref(), DateBound::StartOfDay)?;
    let until = time("until", params.until.as_deref(), DateBound::EndOfDay)?;
    if let (Some(from), Some(until)) = (from, until) {
        if from >= until {
            let message = "until: must be later than from";
            return Err(ApiError::new(ErrorCode::InvalidQuery, message).with_field("until"));
        }
    }
    let section = extract::optional_slug("section", params.section.as_deref())?;
    let tag = extract::optional_slug("tag", params.tag.as_deref())?;
    let author = extract::optional_slug("author", params.author.as_deref())?;
    let mut filters = Filters {
        kinds: params.kind.map(kind_of).into_iter().collect(),
        from,
        until,
        ..Filters::default()
    };
    match params.edition.as_deref().filter(|s| !s.is_empty()) {
        Some(code) => {
            let edition = ctx.edition(&extract::edition_code(code)?)?;
            filters.edition_id = Some(edition.id);
            if let Some(slug) = section {
                let found = state.store.section_by_slug(edition.id, &slug).await?;
                filters.section_id = Some(found.ok_or_else(|| unknown_section(&slug))?.id);
            }
            if let Some(slug) = tag {
                let found = state.store.tag_by_slug(edition.id, &slug).await?;
                let tag = found.ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::UnknownTag,
                        format!("there is no tag \"{slug}\" in this edition"),
                    )
                })?;
                filters.tag_id = Some(tag.id);
            }
        }
        None if section.is_some() || tag.is_some() => {
            let field = if section.is_some() { "section" } else { "tag" };
            let message = format!("{field}: filtering by {field} needs an edition");
            return Err(ApiError::new(ErrorCode::InvalidQuery, message).with_field(field));
        }
        None => {}
    }
    if let Some(slug) = author {
        let found = state.store.author_by_slug(&slug).await?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::UnknownAuthor,
                format!("there is no author \"{slug}\""),
            )
        })?;
        filters.author_id = Some(found.id);
    }
    let request = SearchRequest {
        text,
        audience,
        filters,
        order: match params.order.unwrap_or_default() {
            SearchOrder::Relevance => Order::Relevance,
            SearchOrder::Newest => Order::Newest,
        },
        after,
        limit: usize::try_from(limit).unwrap_or(dateline_search::DEFAULT_LIMIT),
        facets: true,
        now: now(),
    };
    Ok(Parsed { request })
}

fn kind_of(kind: SearchKind) -> Kind {
    match kind {
        SearchKind::Article => Kind::Article,
        SearchKind::Live => Kind::Live,
        SearchKind::Picture => Kind::Picture,
    }
}

fn time(field: &'static str, raw: Option<&str>, bound: DateBound) -> Result<Option<i64>, ApiError> {
    raw.filter(|s| !s.is_empty())
        .map(|s| parse_time(field, s, bound))
        .transpose()
}

/// Full-text search of what readers may see.
///
/// Published (and corrected) articles and public pictures only, in one
/// edition or all; facets count every match.
#[utoipa::path(get, path = "/v1/search", tag = "search", params(SearchParams),
    responses(
        (status = 200, description = "One page of matches", body = SearchPage),
        (status = 400, description = "`query_empty`, `query_too_long`, `query_no_words`, `invalid_cursor`, `invalid_limit`, `invalid_query`", body = ErrorBody),
        (status = 404, description = "Unknown filter value (`unknown_edition`, `unknown_section`, `unknown_tag`, `unknown_author`)", body = ErrorBody),
    ))]
pub async fn search(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Result<Json<SearchPage>, ApiError> {
    let ctx = ApiContext::cached(&state).await?;
    let parsed = parse(&state, &ctx, &params, Audience::Public).await?;
    let results = state.search.find(parsed.request).await?;
    let items = public_hits(&state, &ctx, &results).await?;
    let facets = facets(&state, &ctx, results.facets.as_ref()).await?;
    Ok(Json(SearchPage {
        total: u64::try_from(results.total).unwrap_or(u64::MAX),
        total_exact: results.total_exact,
        items,
        next_cursor: results.next.map(|c| c.encode()),
        facets,
    }))
}

/// The hits readers may see, in rank order: public cards (a story withdrawn
/// since the index saw it drops out) and public pictures.
async fn public_hits(
    state: &AppState,
    ctx: &ApiContext,
    results: &SearchResults,
) -> Result<Vec<SearchHit>, ApiError> {
    let story_ids: Vec<i64> = results
        .hits
        .iter()
        .filter(|h| h.kind != Kind::Picture)
        .map(|h| h.id)
        .collect();
    let picture_ids: Vec<i64> = results
        .hits
        .iter()
        .filter(|h| h.kind == Kind::Picture)
        .map(|h| h.id)
        .collect();
    let store = &state.store;
    let (cards, assets, picture_rows) = tokio::try_join!(
        store.search_cards(&story_ids),
        store.media_by_ids(&picture_ids),
        store.search_pictures(&picture_ids),
    )?;
    let card_list: Vec<store::ArticleCard> = cards.iter().map(|c| c.card.clone()).collect();
    let lead = lead_media(store, &card_list).await?;
    let snippets: HashMap<(bool, i64), String> = cards
        .iter()
        .map(|c| {
            let analysis = state.search.analysis_of(c.card.edition_id);
            let text = card_text(&c.card.lead, &c.body);
            ((false, c.card.id), results.snippet(analysis, &text))
        })
        .chain(picture_rows.iter().map(|r| {
            let analysis = state.search.analysis_of(r.edition_id.unwrap_or_default());
            (
                (true, r.id),
                results.snippet(analysis, &media_text(r, true)),
            )
        }))
        .collect();
    let mut cards: HashMap<i64, store::ArticleCard> =
        card_list.into_iter().map(|c| (c.id, c)).collect();
    let mut assets: HashMap<i64, store::MediaAsset> =
        assets.into_iter().map(|a| (a.id, a)).collect();
    let mut items = Vec::with_capacity(results.hits.len());
    for hit in &results.hits {
        let picture = hit.kind == Kind::Picture;
        let snippet = snippets
            .get(&(picture, hit.id))
            .cloned()
            .unwrap_or_default();
        if picture {
            let Some(asset) = assets
                .remove(&hit.id)
                .filter(|a| public_picture(a.id, a.is_public, ctx.editions()))
            else {
                continue;
            };
            items.push(SearchHit {
                kind: hit.kind.into(),
                snippet,
                article: None,
                media: Some(Media::build(&asset, ctx)),
            });
        } else {
            let Some(card) = cards.remove(&hit.id) else {
                continue;
            };
            let Some(edition) = ctx.edition_by_id(card.edition_id) else {
                continue;
            };
            let code = edition.code.clone();
            items.push(SearchHit {
                kind: hit.kind.into(),
                snippet,
                article: Some(ArticleCard::build(&card, &code, &lead, ctx)),
                media: None,
            });
        }
    }
    Ok(items)
}

/// The index's facet counts, named: editions from the context, sections,
/// tags and authors looked up by the ids counted.
pub(crate) async fn facets(
    state: &AppState,
    ctx: &ApiContext,
    facets: Option<&Facets>,
) -> Result<SearchFacets, ApiError> {
    let Some(facets) = facets else {
        return Ok(SearchFacets::default());
    };
    let store = &state.store;
    let tag_ids: Vec<i64> = facets.tags.iter().map(|(id, _)| *id).collect();
    let author_ids: Vec<i64> = facets.authors.iter().map(|(id, _)| *id).collect();
    let (tag_rows, authors) = tokio::try_join!(
        store.tags_by_ids(&tag_ids),
        store.authors_by_ids(&author_ids)
    )?;
    let site = state.cache.site(store).await?;
    let mut sections = HashMap::new();
    for (edition_id, _) in &facets.editions {
        let Some(edition) = ctx.edition_by_id(*edition_id) else {
            continue;
        };
        for s in site.sections(edition.id) {
            sections.insert(s.id, (edition.code.to_string(), s));
        }
    }
    let tags: HashMap<i64, (String, store::Tag)> = tag_rows
        .into_iter()
        .filter_map(|t| Some((t.id, (ctx.edition_by_id(t.edition_id)?.code.to_string(), t))))
        .collect();
    let value = |value: String, label: String, edition: Option<String>, count: u64| FacetValue {
        value,
        label,
        edition,
        count,
    };
    Ok(SearchFacets {
        editions: facets
            .editions
            .iter()
            .filter_map(|(id, n)| {
                let e = ctx.edition_by_id(*id)?;
                Some(value(e.code.to_string(), e.name.clone(), None, *n))
            })
            .collect(),
        sections: facets
            .sections
            .iter()
            .filter_map(|(id, n)| {
                let (code, s) = sections.get(id)?;
                Some(value(
                    s.slug.to_string(),
                    s.title.clone(),
                    Some(code.clone()),
                    *n,
                ))
            })
            .collect(),
        tags: facets
            .tags
            .iter()
            .filter_map(|(id, n)| {
                let (code, t) = tags.get(id)?;
                Some(value(
                    t.slug.to_string(),
                    t.name.clone(),
                    Some(code.clone()),
                    *n,
                ))
            })
            .collect(),
        authors: facets
            .authors
            .iter()
            .filter_map(|(id, n)| {
                let a = authors.iter().find(|a| a.id == *id)?;
                Some(value(a.slug.to_string(), a.name.clone(), None, *n))
            })
            .collect(),
        kinds: facets
            .kinds
            .iter()
            .map(|(kind, n)| value(kind.as_str().to_owned(), kind.as_str().to_owned(), None, *n))
            .collect(),
    })
}
