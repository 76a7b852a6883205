//! `/{edition}/search?q=…`: the edition's search page. A form that works
//! without JavaScript; results (stories and pictures readers may see) with
//! the matched words marked, facets that narrow, relevance or newest first,
//! keyset paging; "nothing found" with a corrected query to try and tips.
//!
//! Not stored by the page cache (see `mod.rs`). A search that cannot run
//! (over 1 KiB, no words, a cursor no page gave) answers 400 with the form
//! keeping what was typed and the reason in the edition's language, as the
//! site answers other input it cannot use; an empty query is the form.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use dateline_search::{
    Audience, Filters, QueryProblem, QueryText, SearchCursor, SearchRequest, SearchResults,
};
use dateline_store::{Author, Tag};
use serde::Serialize;

use super::facets::{self, FacetGroup, Names};
use super::params::SearchParams;
use super::results::{self, ResultView};
use super::{no_cache, PAGE_SIZE};
use crate::auth::now;
use crate::site::{respond, EditionCtx, Layout, MediaMap, Meta, PageError};
use crate::urls::Urls;
use crate::AppState;

#[derive(Serialize)]
struct SearchView {
    #[serde(flatten)]
    layout: Layout,
    /// The words as typed, shown back in the form (escaped by the template).
    q: String,
    order: &'static str,
    /// The narrowing filters, kept by the form when it is sent again.
    kept: Vec<Kept>,
    /// Catalog key of why the search could not run.
    problem: Option<&'static str>,
    searched: bool,
    total: usize,
    /// False when more matched than were counted (see `dateline_search::WINDOW`).
    total_exact: bool,
    results: Vec<ResultView>,
    facets: Vec<FacetGroup>,
    orders: Vec<OrderLink>,
    next_url: Option<String>,
    first_url: Option<String>,
    /// "Did you mean": a corrected query that finds something.
    suggestion: Option<Suggestion>,
    /// The same words without any filter, when some narrowed the search.
    clear_url: Option<String>,
}

#[derive(Serialize)]
struct Kept {
    name: &'static str,
    value: String,
}

#[derive(Serialize)]
struct OrderLink {
    key: &'static str,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct Suggestion {
    text: String,
    url: String,
}

pub(in crate::reader) async fn page(
    State(state): State<AppState>,
    Path(edition): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let params = SearchParams::read(raw.as_deref());
    let page = search_page(&state, &edition, params).await;
    no_cache(respond(&state, Some(&edition), page).await)
}

/// The filters a reader chose that exist in this edition; the others are
/// dropped from `params` too, so that no link carries them on.
struct Chosen {
    filters: Filters,
    tag: Option<Tag>,
    author: Option<Author>,
}

async fn choose(
    state: &AppState,
    ctx: &EditionCtx,
    params: &mut SearchParams,
) -> Result<Chosen, PageError> {
    let section = ctx.section_by_slug(&params.section).map(|s| s.id);
    let tag = match params.tag.parse() {
        Ok(slug) => state.store.tag_by_slug(ctx.edition.id, &slug).await?,
        Err(_) => None,
    };
    let author = match params.author.parse() {
        Ok(slug) => state.store.author_by_slug(&slug).await?,
        Err(_) => None,
    };
    let kind = params.kind();
    let now = now();
    let from = params.since().map(|s| s.from(now));
    if section.is_none() {
        params.section.clear();
    }
    if tag.is_none() {
        params.tag.clear();
    }
    if author.is_none() {
        params.author.clear();
    }
    if kind.is_none() {
        params.kind.clear();
    }
    if from.is_none() {
        params.date.clear();
    }
    // The default order is left out of links.
    params.order = match params.order() {
        dateline_search::Order::Relevance => String::new(),
        order => order.as_str().to_owned(),
    };
    let filters = Filters {
        edition_id: Some(ctx.edition.id),
        section_id: section,
        tag_id: tag.as_ref().map(|t| t.id),
        author_id: author.as_ref().map(|a| a.id),
        kinds: kind.into_iter().collect(),
        from,
        ..Filters::default()
    };
    Ok(Chosen {
        filters,
        tag,
        author,
    })
}

/// What was typed, safe to show back: control characters as spaces.
fn shown(raw: &str) -> String {
    raw.chars()
        .map(|c| {
            if dateline_domain::is_forbidden_char(c) || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect()
}

async fn search_page(
    state: &AppState,
    code: &str,
    mut params: SearchParams,
) -> Result<Response, PageError> {
    let ctx = EditionCtx::load(state, code).await?;
    let chosen = choose(state, &ctx, &mut params).await?;
    let mut view = SearchState::new(state, &ctx, &params);
    let text = match QueryText::parse(&params.q) {
        Ok(text) => text,
        Err(QueryProblem::Empty) => return view.finish(StatusCode::OK).await,
        Err(problem) => return view.refuse(problem_key(problem)).await,
    };
    let after = match params.cursor.as_str() {
        "" => None,
        raw => match SearchCursor::decode(raw) {
            Some(cursor) => Some(cursor),
            None => return view.refuse("search-problem-cursor").await,
        },
    };
    let request = SearchRequest {
        text,
        audience: Audience::Public,
        filters: chosen.filters,
        order: params.order(),
        after,
        limit: PAGE_SIZE,
        facets: true,
        now: now(),
    };
    let results = state.search.find(request.clone()).await?;
    let (found, media) = results::load(state, &ctx, &results).await?;
    if results.total == 0 {
        view.suggest(state.search.did_you_mean(&request).await?);
    }
    let (mut tags, mut authors) = match &results.facets {
        Some(facets) => {
            let tag_ids: Vec<i64> = facets.tags.iter().map(|(id, _)| *id).collect();
            let author_ids: Vec<i64> = facets.authors.iter().map(|(id, _)| *id).collect();
            tokio::try_join!(
                state.store.tags_by_ids(&tag_ids),
                state.store.authors_by_ids(&author_ids),
            )?
        }
        None => Default::default(),
    };
    tags.extend(chosen.tag);
    authors.extend(chosen.author);
    view.show(&results, found, &Names::new(&tags, &authors));
    view.media = Some(media);
    view.finish(StatusCode::OK).await
}

fn problem_key(problem: QueryProblem) -> &'static str {
    match problem {
        QueryProblem::Empty => "search-problem-empty",
        QueryProblem::TooLong => "search-problem-too-long",
        QueryProblem::NoWords => "search-problem-no-words",
    }
}

/// The page being put together.
struct SearchState<'a> {
    state: &'a AppState,
    ctx: &'a EditionCtx,
    params: &'a SearchParams,
    view: SearchView,
    media: Option<MediaMap>,
}

impl<'a> SearchState<'a> {
    fn new(state: &'a AppState, ctx: &'a EditionCtx, params: &'a SearchParams) -> Self {
        let link = |p: SearchParams| Urls::relative().search(ctx.code(), &p.encode());
        let kept = [
            ("section", &params.section),
            ("tag", &params.tag),
            ("author", &params.author),
            ("kind", &params.kind),
            ("date", &params.date),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(name, v)| Kept {
            name,
            value: v.clone(),
        })
        .collect();
        let order = params.order();
        let orders = [
            dateline_search::Order::Relevance,
            dateline_search::Order::Newest,
        ]
        .into_iter()
        .map(|o| OrderLink {
            key: match o {
                dateline_search::Order::Relevance => "search-order-relevance",
                dateline_search::Order::Newest => "search-order-newest",
            },
            url: link(params.with(|p| p.order = o.as_str().to_owned())),
            current: o == order,
        })
        .collect();
        let view = SearchView {
            layout: ctx.layout(state, "search", Meta::default(), None),
            q: shown(&params.q),
            order: order.as_str(),
            kept,
            problem: None,
            searched: false,
            total: 0,
            total_exact: true,
            results: Vec::new(),
            facets: Vec::new(),
            orders,
            next_url: None,
            first_url: None,
            suggestion: None,
            clear_url: params.narrowed().then(|| {
                link(SearchParams {
                    q: params.q.clone(),
                    ..SearchParams::default()
                })
            }),
        };
        Self {
            state,
            ctx,
            params,
            view,
            media: None,
        }
    }

    fn link(&self, p: SearchParams) -> String {
        Urls::relative().search(self.ctx.code(), &p.encode())
    }

    async fn refuse(mut self, problem: &'static str) -> Result<Response, PageError> {
        self.view.problem = Some(problem);
        self.finish(StatusCode::BAD_REQUEST).await
    }

    fn suggest(&mut self, suggestion: Option<String>) {
        self.view.suggestion = suggestion.map(|text| Suggestion {
            url: self.link(self.params.with(|p| p.q.clone_from(&text))),
            text,
        });
    }

    fn show(&mut self, results: &SearchResults, found: Vec<ResultView>, names: &Names<'_>) {
        let params = self.params;
        self.view.searched = true;
        self.view.total = results.total;
        self.view.total_exact = results.total_exact;
        self.view.results = found;
        // Nothing to narrow when nothing was found (the tips offer the
        // search without filters).
        if let Some(facets) = results.facets.as_ref().filter(|_| results.total > 0) {
            self.view.facets = facets::groups(self.state, self.ctx, params, facets, names);
        }
        self.view.next_url = results.next.map(|cursor| {
            let mut next = params.with(|_| {});
            next.cursor = cursor.encode();
            self.link(next)
        });
        self.view.first_url = (!params.cursor.is_empty()).then(|| self.link(params.with(|_| {})));
    }

    async fn finish(mut self, status: StatusCode) -> Result<Response, PageError> {
        let state = self.state;
        let ctx = self.ctx;
        let renderer = &state.renderer;
        let words = self.view.q.trim().to_owned();
        let heading = if words.is_empty() {
            renderer.t(&ctx.locale, "search", &[])
        } else {
            renderer.t(
                &ctx.locale,
                "search-results-title",
                &[("query", words.as_str().into())],
            )
        };
        let description = renderer.t(
            &ctx.locale,
            "search-description",
            &[("edition", ctx.edition.name.as_str().into())],
        );
        let mut meta = Meta::new(format!("{heading} - {}", ctx.site_name()), description)
            .canonical(Urls::relative().search(ctx.code(), ""));
        // Result pages are for readers, not for search engines' indexes.
        if !words.is_empty() || self.params.narrowed() {
            meta = meta.noindex();
        }
        let media = match self.media.take() {
            Some(media) => media,
            // The masthead's logo.
            None => MediaMap::fetch(state, ctx.edition.logo_media_id).await?,
        };
        self.view.layout = ctx.layout(state, "search", meta, Some(&media));
        let mut response = ctx.render(state, "search.html", &self.view)?;
        *response.status_mut() = status;
        Ok(response)
    }
}
