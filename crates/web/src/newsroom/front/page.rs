//! The front-page arrangement page: the saved arrangement, or a draft the
//! form came back with (moved, added to, or refused, with the reason).

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use dateline_domain::{FRONT_MAX_PINS, FRONT_MAX_TOP};
use dateline_store::{Edition, Section};
use futures_util::future::try_join_all;
use serde::{Deserialize, Serialize};

use super::draft::Draft;
use crate::auth::{Permission, Staff};
use crate::editions::edition_by_code;
use crate::error::ApiError;
use crate::newsroom::{render_page, Chrome, NewsroomLocale};
use crate::urls::{self, Urls};
use crate::AppState;

/// The edition and its sections, once the staff member may arrange its
/// front page.
pub(super) async fn arrangeable(
    state: &AppState,
    staff: &Staff,
    code: &str,
) -> Result<(Edition, Vec<Section>), ApiError> {
    let edition = edition_by_code(state, code).await?;
    staff.require(Permission::ArrangeFront {
        edition_id: edition.id,
    })?;
    let sections = state.store.sections(edition.id).await?;
    Ok((edition, sections))
}

/// What the form sends back to the page besides the lists.
#[derive(Debug, Default)]
pub(super) struct Typed {
    pub add: String,
    pub add_to: String,
}

/// How the page is shown: its status, and why (message ids of the
/// catalogs).
#[derive(Debug, Clone, Copy)]
pub(super) struct Outcome {
    pub status: StatusCode,
    pub notice: Option<&'static str>,
    pub error: Option<&'static str>,
    /// `add` when the refusal is about the typed story, else `list`.
    pub error_at: Option<&'static str>,
}

#[derive(Serialize)]
struct Row {
    id: i64,
    headline: String,
    section: String,
    /// `draft`, `scheduled`, …: readers see only `published` and `corrected`.
    status: &'static str,
    public: bool,
    url: Option<String>,
    first: bool,
    last: bool,
}

#[derive(Serialize)]
struct SectionRows {
    id: i64,
    title: String,
    pins: Vec<Row>,
}

#[derive(Serialize)]
struct FrontView {
    #[serde(flatten)]
    chrome: Chrome,
    edition_code: String,
    edition_name: String,
    public_url: String,
    version: i64,
    top: Vec<Row>,
    sections: Vec<SectionRows>,
    add: String,
    add_to: String,
    max_top: usize,
    max_pins: usize,
    notice: Option<&'static str>,
    error: Option<&'static str>,
    error_at: Option<&'static str>,
}

#[derive(Debug, Deserialize)]
pub(super) struct Shown {
    #[serde(default)]
    saved: Option<String>,
}

pub(super) async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(code): Path<String>,
    Query(shown): Query<Shown>,
) -> Result<Response, ApiError> {
    let (edition, sections) = arrangeable(&state, &staff, &code).await?;
    let saved = state.store.front_arrangement(edition.id).await?;
    let draft = Draft::from_layout(&saved.layout, &sections);
    let outcome = Outcome {
        status: StatusCode::OK,
        notice: shown.saved.is_some().then_some("front-saved"),
        error: None,
        error_at: None,
    };
    let page = Page {
        edition: &edition,
        sections: &sections,
        version: saved.version,
    };
    page.render(&state, &headers, &staff, &draft, Typed::default(), outcome)
        .await
}

/// One rendering of the page.
pub(super) struct Page<'a> {
    pub edition: &'a Edition,
    pub sections: &'a [Section],
    pub version: i64,
}

impl Page<'_> {
    pub async fn render(
        &self,
        state: &AppState,
        headers: &HeaderMap,
        staff: &Staff,
        draft: &Draft,
        typed: Typed,
        outcome: Outcome,
    ) -> Result<Response, ApiError> {
        let locale = NewsroomLocale::from_headers(state, headers);
        let ids: Vec<i64> = draft.ids().collect();
        let articles = try_join_all(ids.iter().map(|id| state.store.article_by_id(*id))).await?;
        let row = |id: i64, index: usize, len: usize| {
            let article = ids
                .iter()
                .position(|i| *i == id)
                .and_then(|at| articles.get(at))
                .and_then(Option::as_ref);
            let rel = Urls::relative();
            match article {
                Some(a) => {
                    let section = self.sections.iter().find(|s| s.id == a.section_id);
                    let public = a.status.is_public() && a.edition_id == self.edition.id;
                    Row {
                        id,
                        headline: a.headline.clone(),
                        section: section.map(|s| s.title.clone()).unwrap_or_default(),
                        status: a.status.as_str(),
                        public,
                        url: section
                            .filter(|_| public)
                            .map(|s| rel.article(&self.edition.code, &s.slug, &a.slug)),
                        first: index == 0,
                        last: index + 1 == len,
                    }
                }
                None => Row {
                    id,
                    headline: String::new(),
                    section: String::new(),
                    status: "missing",
                    public: false,
                    url: None,
                    first: index == 0,
                    last: index + 1 == len,
                },
            }
        };
        let rows = |list: &[i64]| -> Vec<Row> {
            list.iter()
                .enumerate()
                .map(|(i, id)| row(*id, i, list.len()))
                .collect()
        };
        let view = FrontView {
            chrome: Chrome::new(staff, "front"),
            edition_code: self.edition.code.to_string(),
            edition_name: self.edition.name.clone(),
            public_url: Urls::relative().front(&self.edition.code),
            version: self.version,
            top: rows(&draft.top),
            sections: self
                .sections
                .iter()
                .map(|s| SectionRows {
                    id: s.id,
                    title: s.title.clone(),
                    pins: draft
                        .pins
                        .iter()
                        .find(|(id, _)| *id == s.id)
                        .map(|(_, list)| rows(list))
                        .unwrap_or_default(),
                })
                .collect(),
            add: typed.add,
            add_to: typed.add_to,
            max_top: FRONT_MAX_TOP,
            max_pins: FRONT_MAX_PINS,
            notice: outcome.notice,
            error: outcome.error,
            error_at: outcome.error_at,
        };
        render_page(state, &locale, outcome.status, "newsroom/front.html", &view)
    }
}

/// Where the page is, for redirects after a save.
pub(super) fn address(edition: &Edition, saved: bool) -> String {
    let path = urls::newsroom::front(&edition.code);
    if saved {
        format!("{path}?saved=1")
    } else {
        path
    }
}
