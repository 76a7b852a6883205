//! `GET /newsroom/wires`: the queue. Duplicates (the same copy already
//! queued from another source or under another id) are folded into the
//! first one unless asked for.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use dateline_store::wires::{WireListRow, WireQuery};
use dateline_store::Cursor;
use serde::{Deserialize, Serialize};

use super::When;
use crate::auth::{Permission, Staff};
use crate::error::ApiError;
use crate::newsroom::pages::{render_page, Chrome, NewsroomLocale};
use crate::AppState;

const PAGE_SIZE: u32 = 50;

#[derive(Debug, Default, Deserialize, Serialize)]
pub(super) struct Filters {
    #[serde(default)]
    q: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    urgency: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    duplicates: String,
    #[serde(default, skip_serializing)]
    after: String,
}

#[derive(Serialize)]
struct Row {
    id: i64,
    source: String,
    headline: String,
    lead: String,
    language: String,
    urgency: Option<i64>,
    kind: String,
    pub_status: String,
    version: i64,
    updated: When,
    duplicate_of: Option<i64>,
    drafts: i64,
}

impl From<WireListRow> for Row {
    fn from(r: WireListRow) -> Self {
        Self {
            id: r.id,
            source: r.source_name,
            headline: r.headline,
            lead: r.lead.chars().take(240).collect(),
            language: r.language,
            urgency: r.urgency,
            kind: r.kind,
            pub_status: r.pub_status,
            version: r.version,
            updated: When::of(r.updated_at),
            duplicate_of: r.duplicate_of,
            drafts: r.drafts,
        }
    }
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

#[derive(Serialize)]
struct View {
    #[serde(flatten)]
    chrome: Chrome,
    filters: Filters,
    sources: Vec<Choice>,
    languages: Vec<String>,
    kinds: &'static [&'static str],
    items: Vec<Row>,
    /// The query string of the next page, when there is one.
    next: Option<String>,
    has_sources: bool,
    flagged: i64,
}

const KINDS: &[&str] = &["text", "picture", "graphic", "video", "audio", "composite"];

pub(super) async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Query(filters): Query<Filters>,
) -> Result<Response, ApiError> {
    staff.require(Permission::ReadWires)?;
    let after = match filters.after.trim() {
        "" => None,
        typed => Some(Cursor::decode(typed).map_err(ApiError::invalid_query)?),
    };
    let query = WireQuery {
        text: Some(filters.q.trim().to_owned()).filter(|q| !q.is_empty()),
        source_id: filters.source.parse().ok(),
        language: Some(filters.language.trim().to_owned()).filter(|l| !l.is_empty()),
        max_urgency: filters.urgency.parse().ok().filter(|u| (1..=9).contains(u)),
        kind: KINDS
            .iter()
            .find(|k| **k == filters.kind)
            .map(|k| (*k).to_owned()),
        with_duplicates: filters.duplicates == "1",
        limit: PAGE_SIZE,
        after,
    };
    let (page, sources, languages, flagged) = tokio::try_join!(
        state.store.wire_queue(&query),
        state.store.wire_sources(),
        state.store.wire_languages(),
        state.store.flagged_wire_drafts(),
    )?;
    let next = page.next.map(|cursor| {
        let mut url = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("q", &filters.q),
            ("source", &filters.source),
            ("language", &filters.language),
            ("urgency", &filters.urgency),
            ("kind", &filters.kind),
            ("duplicates", &filters.duplicates),
        ] {
            if !v.is_empty() {
                url.append_pair(k, v);
            }
        }
        url.append_pair("after", &cursor.encode());
        url.finish()
    });
    let view = View {
        chrome: Chrome::new(&staff, "wires"),
        has_sources: !sources.is_empty(),
        sources: sources
            .into_iter()
            .map(|s| Choice {
                value: s.id.to_string(),
                label: s.name,
            })
            .collect(),
        languages,
        kinds: KINDS,
        items: page.items.into_iter().map(Row::from).collect(),
        next,
        filters,
        flagged,
    };
    let locale = NewsroomLocale::from_headers(&state, &headers);
    render_page(
        &state,
        &locale,
        StatusCode::OK,
        "newsroom/wires.html",
        &view,
    )
}
