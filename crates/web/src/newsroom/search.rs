//! `/newsroom/search`: the index across every status, drafts included,
//! narrowed to what the staff member may read (`crate::staff_search`), with
//! filters for edition, section, status, kind and author; stories open in
//! the editor, pictures on their media-bank page.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use dateline_domain::{ArticleStatus, UnixTime};
use dateline_search::{Filters, Kind, Order, QueryProblem, QueryText, SearchCursor, SearchRequest};
use serde::{Deserialize, Serialize};

use super::media::Thumb;
use super::Desk;
use crate::auth::now;
use crate::error::ApiError;
use crate::staff_search::{self, StaffHit};
use crate::AppState;

const PAGE_SIZE: usize = 30;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub(super) struct SearchForm {
    #[serde(default)]
    q: String,
    /// Edition code.
    #[serde(default)]
    edition: String,
    /// Section id.
    #[serde(default)]
    section: String,
    #[serde(default)]
    status: String,
    /// `article`, `live` or `picture`.
    #[serde(default)]
    kind: String,
    /// Author id.
    #[serde(default)]
    author: String,
    #[serde(default)]
    order: String,
    #[serde(default)]
    after: String,
}

#[derive(Serialize)]
struct Row {
    id: i64,
    kind: &'static str,
    title: String,
    url: String,
    edition_code: String,
    section_title: String,
    /// Articles only.
    status: Option<ArticleStatus>,
    date: UnixTime,
    snippet: String,
    thumb: Option<String>,
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

#[derive(Serialize)]
struct SearchView<'a> {
    #[serde(flatten)]
    chrome: &'a super::Chrome,
    form: &'a SearchForm,
    searched: bool,
    total: usize,
    /// False when more matched than were counted (see `dateline_search::WINDOW`).
    total_exact: bool,
    rows: Vec<Row>,
    next_url: Option<String>,
    suggestion: Option<(String, String)>,
    /// Catalog key of why the search could not run.
    problem: Option<&'static str>,
    editions: Vec<Choice>,
    sections: Vec<Choice>,
    statuses: Vec<ArticleStatus>,
    kinds: [&'static str; 3],
    authors: Vec<Choice>,
}

fn id(typed: &str) -> Option<i64> {
    typed.trim().parse().ok()
}

pub(super) async fn page(
    State(state): State<AppState>,
    desk: Desk,
    Query(form): Query<SearchForm>,
) -> Result<Response, ApiError> {
    let store = &state.store;
    let editions = store.editions().await?;
    let allowed = crate::newsroom::desk_editions(&desk.staff.account);
    let visible: Vec<_> = editions
        .iter()
        .filter(|e| allowed.as_ref().is_none_or(|ids| ids.contains(&e.id)))
        .collect();
    let mut sections = Vec::new();
    for e in &visible {
        for s in store.sections(e.id).await? {
            sections.push(Choice {
                value: s.id.to_string(),
                label: format!("{} · {}", e.code.as_str().to_uppercase(), s.title),
            });
        }
    }
    let authors = store.authors().await?;
    let chrome = super::Chrome {
        page: "search",
        ..desk.chrome.clone()
    };
    let mut view = SearchView {
        chrome: &chrome,
        form: &form,
        searched: false,
        total: 0,
        total_exact: true,
        rows: Vec::new(),
        next_url: None,
        suggestion: None,
        problem: None,
        editions: visible
            .iter()
            .map(|e| Choice {
                value: e.code.to_string(),
                label: e.code.as_str().to_uppercase(),
            })
            .collect(),
        sections,
        statuses: ArticleStatus::ALL.to_vec(),
        kinds: Kind::ALL.map(Kind::as_str),
        authors: authors
            .iter()
            .map(|a| Choice {
                value: a.id.to_string(),
                label: a.name.clone(),
            })
            .collect(),
    };
    let refuse = |problem| (StatusCode::BAD_REQUEST, Some(problem));
    let (status, problem) = match QueryText::parse(&form.q) {
        Err(QueryProblem::Empty) => (StatusCode::OK, None),
        Err(QueryProblem::TooLong) => refuse("search-problem-too-long"),
        Err(QueryProblem::NoWords) => refuse("search-problem-no-words"),
        Ok(text) => {
            let after = match form.after.as_str() {
                "" => Ok(None),
                raw => SearchCursor::decode(raw)
                    .map(Some)
                    .ok_or("search-problem-cursor"),
            };
            match after {
                Err(problem) => refuse(problem),
                Ok(after) => {
                    let edition = visible.iter().find(|e| e.code.as_str() == form.edition);
                    let request = SearchRequest {
                        text,
                        audience: staff_search::audience(&desk.staff.account),
                        filters: Filters {
                            edition_id: edition.map(|e| e.id),
                            section_id: id(&form.section),
                            author_id: id(&form.author),
                            kinds: Kind::parse(&form.kind).into_iter().collect(),
                            status: form
                                .status
                                .parse::<ArticleStatus>()
                                .ok()
                                .map(|s| s.as_str().to_owned()),
                            ..Filters::default()
                        },
                        order: Order::parse(&form.order).unwrap_or_default(),
                        after,
                        limit: PAGE_SIZE,
                        facets: false,
                        now: now(),
                    };
                    show(&state, &desk, &form, &request, &editions, &mut view).await?;
                    (StatusCode::OK, None)
                }
            }
        }
    };
    view.problem = problem;
    desk.render(&state, status, "newsroom/search.html", &view)
}

async fn show(
    state: &AppState,
    desk: &Desk,
    form: &SearchForm,
    request: &SearchRequest,
    editions: &[dateline_store::Edition],
    view: &mut SearchView<'_>,
) -> Result<(), ApiError> {
    let results = state.search.find(request.clone()).await?;
    let hits = staff_search::load(state, &desk.staff, &results).await?;
    let code_of = |edition_id: Option<i64>| {
        editions
            .iter()
            .find(|e| Some(e.id) == edition_id)
            .map(|e| e.code.to_string())
            .unwrap_or_default()
    };
    view.searched = true;
    view.total = results.total;
    view.total_exact = results.total_exact;
    view.rows = hits
        .into_iter()
        .map(|hit| match hit {
            StaffHit::Article { row, snippet } => Row {
                id: row.id,
                kind: if row.live { "live" } else { "article" },
                title: row.headline.clone(),
                url: crate::urls::newsroom::article(row.id),
                edition_code: code_of(Some(row.edition_id)),
                section_title: row.section_title.clone(),
                status: Some(row.status),
                date: row.published_at.unwrap_or(row.updated_at),
                snippet,
                thumb: None,
            },
            StaffHit::Picture { asset, snippet } => {
                let thumb = Thumb::of(&asset);
                Row {
                    id: asset.id,
                    kind: "picture",
                    title: asset.caption.clone(),
                    url: thumb.url,
                    edition_code: code_of(asset.edition_id),
                    section_title: String::new(),
                    status: None,
                    date: asset.created_at,
                    snippet,
                    thumb: thumb.src,
                }
            }
        })
        .collect();
    view.next_url = results.next.map(|cursor| {
        let next = SearchForm {
            after: cursor.encode(),
            ..form.clone()
        };
        crate::urls::newsroom::search(&serde_urlencoded::to_string(next).unwrap_or_default())
    });
    if results.total == 0 {
        if let Some(words) = state.search.did_you_mean(request).await? {
            let again = SearchForm {
                q: words.clone(),
                after: String::new(),
                ..form.clone()
            };
            let url = crate::urls::newsroom::search(
                &serde_urlencoded::to_string(again).unwrap_or_default(),
            );
            view.suggestion = Some((words, url));
        }
    }
    Ok(())
}
