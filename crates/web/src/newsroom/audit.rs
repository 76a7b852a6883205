//! `/newsroom/audit` (admins): the audit log, newest first, filtered by
//! actor or item, a page at a time.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use dateline_store::{AuditEntry, AuditQuery};
use serde::{Deserialize, Serialize};

use super::pages::{render_page, Chrome, NewsroomLocale};
use crate::auth::{Permission, Staff};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

const PAGE_SIZE: u32 = 50;

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct AuditFilter {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    item_type: String,
    #[serde(default)]
    item_id: String,
    #[serde(default)]
    before: String,
}

#[derive(Serialize)]
struct AuditView {
    #[serde(flatten)]
    chrome: Chrome,
    filter: AuditFilter,
    entries: Vec<AuditEntry>,
    /// Query string of the next (older) page.
    next_page: Option<String>,
}

fn id(field: &'static str, raw: &str) -> Result<Option<i64>, ApiError> {
    match raw.trim() {
        "" => Ok(None),
        raw => raw.parse().map(Some).map_err(|_| {
            ApiError::new(
                ErrorCode::InvalidQuery,
                format!("{field}: not a whole number"),
            )
            .with_field(field)
        }),
    }
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Query(filter): Query<AuditFilter>,
) -> Result<Response, ApiError> {
    staff.require(Permission::ReadAudit)?;
    let query = AuditQuery {
        actor_user_id: id("actor", &filter.actor)?,
        item_type: Some(filter.item_type.trim().to_owned()).filter(|t| !t.is_empty()),
        item_id: id("item_id", &filter.item_id)?,
        before: id("before", &filter.before)?,
        limit: PAGE_SIZE,
    };
    let page = state.store.audit_log(&query).await?;
    let next_page = page.next_before.map(|before| {
        form_urlencoded::Serializer::new(String::new())
            .append_pair("actor", &filter.actor)
            .append_pair("item_type", &filter.item_type)
            .append_pair("item_id", &filter.item_id)
            .append_pair("before", &before.to_string())
            .finish()
    });
    let locale = NewsroomLocale::from_headers(&state, &headers);
    let view = AuditView {
        chrome: Chrome::new(&staff, "audit"),
        filter,
        entries: page.items,
        next_page,
    };
    render_page(
        &state,
        &locale,
        StatusCode::OK,
        "newsroom/audit.html",
        &view,
    )
}
