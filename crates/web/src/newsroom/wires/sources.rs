//! `/newsroom/wires/sources` (admins): the sources the ingest worker
//! polls. A folder must exist and be readable by the server; an address
//! must be http(s). A changed location is polled at once.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use dateline_store::wires::{WireSource, WireSourceInput, WireSourceKind};
use dateline_store::StoreError;
use serde::Serialize;

use super::When;
use crate::auth::{Permission, Staff};
use crate::error::ApiError;
use crate::newsroom::form::FormData;
use crate::newsroom::pages::{render_form_page, Chrome};
use crate::AppState;

const SOURCES: &str = "/newsroom/wires/sources";
/// Shortest and longest time between two polls.
pub const MIN_POLL_SECONDS: i64 = 30;
pub const MAX_POLL_SECONDS: i64 = 86_400;
const NAME_MAX_CHARS: usize = 80;
const LOCATION_MAX_CHARS: usize = 2000;

/// The form as typed, shown again when refused.
#[derive(Debug, Clone, Serialize)]
struct Typed {
    name: String,
    kind: String,
    location: String,
    poll_seconds: String,
    enabled: bool,
}

impl Default for Typed {
    fn default() -> Self {
        Self {
            name: String::new(),
            kind: "url".to_owned(),
            location: String::new(),
            poll_seconds: "300".to_owned(),
            enabled: true,
        }
    }
}

impl Typed {
    fn of_form(form: &FormData) -> Self {
        Self {
            name: form.get("name").to_owned(),
            kind: form.get("kind").to_owned(),
            location: form.get("location").to_owned(),
            poll_seconds: form.get("poll_seconds").to_owned(),
            enabled: form.get("enabled") == "1",
        }
    }

    fn of_source(source: &WireSource) -> Self {
        Self {
            name: source.name.clone(),
            kind: source.kind.as_str().to_owned(),
            location: source.location.clone(),
            poll_seconds: source.poll_seconds.to_string(),
            enabled: source.enabled,
        }
    }

    /// The input, or the catalog id of what is wrong.
    async fn parse(&self) -> Result<WireSourceInput, &'static str> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > NAME_MAX_CHARS {
            return Err("wire-source-error-name");
        }
        let kind = WireSourceKind::parse(&self.kind).ok_or("wire-source-error-kind")?;
        let location = self.location.trim();
        if location.is_empty() || location.chars().count() > LOCATION_MAX_CHARS {
            return Err("wire-source-error-location");
        }
        match kind {
            WireSourceKind::Url => {
                let url = url::Url::parse(location).map_err(|_| "wire-source-error-url")?;
                if !matches!(url.scheme(), "http" | "https") {
                    return Err("wire-source-error-url");
                }
            }
            WireSourceKind::Folder => {
                let path = std::path::Path::new(location);
                let is_dir = tokio::fs::metadata(path)
                    .await
                    .map(|m| m.is_dir())
                    .unwrap_or(false);
                if !path.is_absolute() || !is_dir {
                    return Err("wire-source-error-folder");
                }
            }
        }
        let poll_seconds = self
            .poll_seconds
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|s| (MIN_POLL_SECONDS..=MAX_POLL_SECONDS).contains(s))
            .ok_or("wire-source-error-interval")?;
        Ok(WireSourceInput {
            name: name.to_owned(),
            kind,
            location: location.to_owned(),
            poll_seconds,
            enabled: self.enabled,
        })
    }
}

#[derive(Serialize)]
struct SourceRow {
    id: i64,
    name: String,
    kind: String,
    location: String,
    poll_seconds: i64,
    enabled: bool,
    items: i64,
    last_polled: Option<When>,
    last_ok: Option<When>,
    last_error: String,
}

impl From<WireSource> for SourceRow {
    fn from(s: WireSource) -> Self {
        Self {
            id: s.id,
            name: s.name,
            kind: s.kind.as_str().to_owned(),
            location: dateline_import::ingest::shown_address(&s.location),
            poll_seconds: s.poll_seconds,
            enabled: s.enabled,
            items: s.items,
            last_polled: When::maybe(s.last_polled_at),
            last_ok: When::maybe(s.last_ok_at),
            last_error: s.last_error,
        }
    }
}

#[derive(Serialize)]
struct View {
    #[serde(flatten)]
    chrome: Chrome,
    sources: Vec<SourceRow>,
    form: Typed,
    /// The source being edited (its own page), else the list with the
    /// form to add one.
    editing: Option<SourceRow>,
    error: Option<&'static str>,
    min_poll: i64,
    max_poll: i64,
}

async fn render(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    form: Typed,
    editing: Option<WireSource>,
    error: Option<&'static str>,
) -> Result<Response, ApiError> {
    let sources = if editing.is_some() {
        Vec::new()
    } else {
        state.store.wire_sources().await?
    };
    let view = View {
        chrome: Chrome::new(staff, "wires"),
        sources: sources.into_iter().map(SourceRow::from).collect(),
        form,
        editing: editing.map(SourceRow::from),
        error,
        min_poll: MIN_POLL_SECONDS,
        max_poll: MAX_POLL_SECONDS,
    };
    render_form_page(
        state,
        headers,
        error.is_some(),
        "newsroom/wire_sources.html",
        &view,
    )
}

async fn source(state: &AppState, id: i64) -> Result<WireSource, ApiError> {
    match state.store.wire_source(id).await {
        Ok(s) => Ok(s),
        Err(StoreError::NotFound) => Err(ApiError::not_found("wire source")),
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageSettings)?;
    render(&state, &headers, &staff, Typed::default(), None, None).await
}

pub(super) async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    form: FormData,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageSettings)?;
    let typed = Typed::of_form(&form);
    let input = match typed.parse().await {
        Ok(input) => input,
        Err(error) => return render(&state, &headers, &staff, typed, None, Some(error)).await,
    };
    let audit = staff.audit("wire_source.create", "wire_source", None);
    match state.store.create_wire_source(&input, &audit).await {
        Ok(_) => Ok(Redirect::to(SOURCES).into_response()),
        Err(StoreError::Duplicate { .. }) => {
            render(
                &state,
                &headers,
                &staff,
                typed,
                None,
                Some("wire-source-error-taken"),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn edit(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageSettings)?;
    let source = source(&state, id).await?;
    render(
        &state,
        &headers,
        &staff,
        Typed::of_source(&source),
        Some(source),
        None,
    )
    .await
}

pub(super) async fn update(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageSettings)?;
    let current = source(&state, id).await?;
    let typed = Typed::of_form(&form);
    let input = match typed.parse().await {
        Ok(input) => input,
        Err(error) => {
            return render(&state, &headers, &staff, typed, Some(current), Some(error)).await
        }
    };
    let audit = staff.audit("wire_source.update", "wire_source", Some(id));
    match state.store.update_wire_source(id, &input, &audit).await {
        Ok(_) => Ok(Redirect::to(SOURCES).into_response()),
        Err(StoreError::Duplicate { .. }) => {
            let error = Some("wire-source-error-taken");
            render(&state, &headers, &staff, typed, Some(current), error).await
        }
        Err(StoreError::NotFound) => Err(ApiError::not_found("wire source")),
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn delete(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageSettings)?;
    let audit = staff.audit("wire_source.delete", "wire_source", Some(id));
    match state.store.delete_wire_source(id, &audit).await {
        Ok(()) => Ok(Redirect::to(SOURCES).into_response()),
        Err(StoreError::NotFound) => Err(ApiError::not_found("wire source")),
        Err(e) => Err(e.into()),
    }
}

/// "Poll now": the source is due at once; the worker takes it within
/// seconds.
pub(super) async fn poll_now(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageSettings)?;
    match state.store.poll_wire_source_soon(id).await {
        Ok(()) => Ok(Redirect::to(SOURCES).into_response()),
        Err(StoreError::NotFound) => Err(ApiError::not_found("wire source")),
        Err(e) => Err(e.into()),
    }
}
