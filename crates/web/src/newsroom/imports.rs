//! `/newsroom/imports` (admins): a WordPress or Ghost export uploaded and
//! imported into an edition by the importer `dateline import` runs
//! (`dateline_import::apply`), in the background on the node that took the
//! upload. The file is streamed to `{data_dir}/imports/`; the run's
//! progress is written to the database every second, so any node shows it
//! at `/newsroom/imports/{id}` (which refreshes itself while it runs, no
//! script needed), and the report at the end; the file is removed then.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use dateline_import::apply::{self, Format, Options, Progress, Report};
use dateline_store::imports::{ImportRun, NewImportRun};
use serde::Serialize;
use tokio::io::AsyncWriteExt;

use super::pages::{render_form_page, render_page, Chrome, NewsroomLocale};
use crate::auth::{Permission, Staff};
use crate::error::ApiError;
use crate::AppState;

/// The largest export the newsroom takes; larger ones go through
/// `dateline import` on the command line.
pub const IMPORT_MAX_BYTES: usize = 512 * 1024 * 1024;
/// A running import that has not written its progress for this long died
/// with its node.
const STALLED_AFTER_SECS: i64 = 60;
/// Runs listed on the page.
const RUNS_SHOWN: u32 = 20;

pub(crate) fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(IMPORT_MAX_BYTES + 64 * 1024)
}

/// The form's fields as typed.
#[derive(Debug, Default, Serialize)]
struct Typed {
    format: String,
    edition: String,
    sections: String,
    default_section: String,
    /// The old site's address, which Ghost exports leave out.
    site_url: String,
    dry_run: bool,
}

#[derive(Serialize)]
struct Choice {
    code: String,
    label: String,
}

#[derive(Serialize)]
struct RunView {
    id: i64,
    file_name: String,
    status: String,
    stalled: bool,
    total: i64,
    done: i64,
    started: String,
    started_iso: String,
    report: String,
    error: String,
}

impl RunView {
    fn of(run: ImportRun, now: i64) -> Self {
        let at = chrono::DateTime::from_timestamp(run.created_at, 0).unwrap_or_default();
        Self {
            stalled: run.status == "running" && now - run.updated_at > STALLED_AFTER_SECS,
            id: run.id,
            file_name: run.file_name,
            status: run.status,
            total: run.total,
            done: run.done,
            started: at.format("%Y-%m-%d %H:%M UTC").to_string(),
            started_iso: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            report: run.report,
            error: run.error,
        }
    }
}

#[derive(Serialize)]
struct PageView {
    #[serde(flatten)]
    chrome: Chrome,
    form: Typed,
    editions: Vec<Choice>,
    runs: Vec<RunView>,
    max_mb: usize,
    error: Option<&'static str>,
}

#[derive(Serialize)]
struct RunPageView {
    #[serde(flatten)]
    chrome: Chrome,
    run: RunView,
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

fn unreadable(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        crate::error::ErrorCode::InvalidInput,
        format!("the form could not be read: {e}"),
    )
}

async fn render(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    form: Typed,
    error: Option<&'static str>,
) -> Result<Response, ApiError> {
    let (editions, runs) =
        tokio::try_join!(state.store.editions(), state.store.import_runs(RUNS_SHOWN))?;
    let now = now();
    let view = PageView {
        chrome: Chrome::new(staff, "imports"),
        form,
        editions: editions
            .into_iter()
            .map(|e| Choice {
                label: format!("{} ({})", e.name, e.code),
                code: e.code.to_string(),
            })
            .collect(),
        runs: runs.into_iter().map(|r| RunView::of(r, now)).collect(),
        max_mb: IMPORT_MAX_BYTES / (1024 * 1024),
        error,
    };
    render_form_page(
        state,
        headers,
        error.is_some(),
        "newsroom/imports.html",
        &view,
    )
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageSettings)?;
    render(&state, &headers, &staff, Typed::default(), None).await
}

pub async fn run_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageSettings)?;
    let run = state
        .store
        .import_run(id)
        .await?
        .ok_or_else(|| ApiError::not_found("import"))?;
    let locale = NewsroomLocale::from_headers(&state, &headers);
    let view = RunPageView {
        chrome: Chrome::new(&staff, "imports"),
        run: RunView::of(run, now()),
    };
    render_page(
        &state,
        &locale,
        StatusCode::OK,
        "newsroom/import_run.html",
        &view,
    )
}

/// Where an upload is written while it arrives.
struct Incoming {
    path: std::path::PathBuf,
    name: String,
    file_name: String,
}

impl Incoming {
    async fn discard(self) {
        let _ = tokio::fs::remove_file(&self.path).await;
    }
}

/// Streams the file field to `{data_dir}/imports/`; `Ok(None)` when the
/// field is empty, `Err(key)` when it is too large.
async fn receive(
    state: &AppState,
    field: &mut axum::extract::multipart::Field<'_>,
) -> Result<Result<Option<Incoming>, &'static str>, ApiError> {
    let file_name = field
        .file_name()
        .map(|n| {
            n.chars()
                .filter(|c| !c.is_control())
                .take(200)
                .collect::<String>()
        })
        .unwrap_or_default();
    let dir = state.config.data_dir.join("imports");
    tokio::fs::create_dir_all(&dir).await.map_err(io)?;
    let name = format!(
        "{}-{}.upload",
        now(),
        hex::encode(rand::random::<[u8; 8]>())
    );
    let path = dir.join(&name);
    let mut out = tokio::fs::File::create(&path).await.map_err(io)?;
    let mut size = 0usize;
    let incoming = Incoming {
        path,
        name,
        file_name,
    };
    loop {
        let chunk = match field.chunk().await {
            Ok(Some(chunk)) => chunk,
            Ok(None) => break,
            Err(e) => {
                incoming.discard().await;
                return Err(unreadable(e));
            }
        };
        size += chunk.len();
        if size > IMPORT_MAX_BYTES {
            incoming.discard().await;
            return Ok(Err("import-error-too-large"));
        }
        if let Err(e) = out.write_all(&chunk).await {
            incoming.discard().await;
            return Err(io(e));
        }
    }
    if let Err(e) = out.flush().await {
        incoming.discard().await;
        return Err(io(e));
    }
    if size == 0 {
        incoming.discard().await;
        return Ok(Ok(None));
    }
    Ok(Ok(Some(incoming)))
}

fn io(e: std::io::Error) -> ApiError {
    tracing::error!(error = %e, "cannot store an uploaded export");
    ApiError::internal("cannot store the uploaded file")
}

/// `POST /newsroom/imports`: the form, its file last.
pub async fn start(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    mut multipart: Multipart,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageSettings)?;
    let mut typed = Typed::default();
    let mut file = None;
    let mut refused = None;
    while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            match receive(&state, &mut field).await? {
                Ok(received) => file = received,
                Err(key) => refused = Some(key),
            }
            continue;
        }
        let text = field.text().await.map_err(unreadable)?;
        let text = text.trim().to_owned();
        match name.as_str() {
            "format" => typed.format = text,
            "edition" => typed.edition = text,
            "sections" => typed.sections = text,
            "default_section" => typed.default_section = text,
            "site_url" => typed.site_url = text,
            "dry_run" => typed.dry_run = !text.is_empty(),
            _ => {}
        }
    }
    let options = match check(&state, &typed).await? {
        Ok(options) => options,
        Err(key) => {
            if let Some(file) = file {
                file.discard().await;
            }
            return render(&state, &headers, &staff, typed, Some(key)).await;
        }
    };
    let file = match (file, refused) {
        (Some(file), None) => file,
        (file, refused) => {
            if let Some(file) = file {
                file.discard().await;
            }
            let key = refused.unwrap_or("import-error-file");
            return render(&state, &headers, &staff, typed, Some(key)).await;
        }
    };
    let (format, edition, sections, default_section, site_url) = options;
    let now = now();
    let run = state
        .store
        .start_import_run(
            &NewImportRun {
                format: format.as_str().to_owned(),
                file_name: if file.file_name.is_empty() {
                    file.name.clone()
                } else {
                    file.file_name.clone()
                },
                stored_as: file.name.clone(),
                edition_id: edition.id,
                options: serde_json::json!({
                    "sections": sections,
                    "default_section": default_section.as_ref().map(|s| s.as_str()),
                    "site_url": site_url.as_ref().map(|u| u.as_str()),
                    "dry_run": typed.dry_run,
                })
                .to_string(),
                started_by: Some(staff.id()),
            },
            &staff.audit("import.start", "import", None),
            now,
        )
        .await?;
    let options = Options {
        format,
        file: file.path,
        edition: edition.code,
        section_categories: sections,
        default_section,
        uploads: None,
        fetch: true,
        dry_run: typed.dry_run,
        time_zone: None,
        site_url,
    };
    tokio::spawn(run_in_background(state.clone(), run.id, options));
    Ok(Redirect::to(&format!("/newsroom/imports/{}", run.id)).into_response())
}

type Checked = (
    Format,
    dateline_store::Edition,
    Vec<String>,
    Option<dateline_domain::Slug>,
    Option<url::Url>,
);

/// The form's choices, or the message key of the first refused one.
async fn check(state: &AppState, typed: &Typed) -> Result<Result<Checked, &'static str>, ApiError> {
    let format = match typed.format.as_str() {
        "wordpress" => Format::WordPress,
        "ghost" => Format::Ghost,
        _ => return Ok(Err("import-error-format")),
    };
    let Ok(code) = typed.edition.parse::<dateline_domain::EditionCode>() else {
        return Ok(Err("import-error-edition"));
    };
    let Some(edition) = state.store.edition_by_code(&code).await? else {
        return Ok(Err("import-error-edition"));
    };
    let default_section = if typed.default_section.is_empty() {
        None
    } else {
        match typed.default_section.parse::<dateline_domain::Slug>() {
            Ok(slug)
                if state
                    .store
                    .section_by_slug(edition.id, &slug)
                    .await?
                    .is_some() =>
            {
                Some(slug)
            }
            _ => return Ok(Err("import-error-default_section")),
        }
    };
    let site_url = match typed.site_url.as_str() {
        "" => None,
        typed => match url::Url::parse(typed) {
            Ok(url) if matches!(url.scheme(), "http" | "https") => Some(url),
            _ => return Ok(Err("import-error-site_url")),
        },
    };
    let sections = typed
        .sections
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    Ok(Ok((format, edition, sections, default_section, site_url)))
}

/// Counts a run's posts for the writer below.
#[derive(Default)]
struct Counted {
    total: AtomicU64,
    done: AtomicU64,
}

impl Progress for Counted {
    fn start(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
    }
    fn advance(&self, _: &str) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }
    fn finish(&self, _: &Report) {}
}

async fn run_in_background(state: AppState, id: i64, options: Options) {
    let counted = Arc::new(Counted::default());
    let writer = {
        let (store, counted) = (state.store.clone(), counted.clone());
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            loop {
                tick.tick().await;
                let total =
                    i64::try_from(counted.total.load(Ordering::Relaxed)).unwrap_or(i64::MAX);
                let done = i64::try_from(counted.done.load(Ordering::Relaxed)).unwrap_or(i64::MAX);
                if let Err(e) = store.import_run_progress(id, total, done, now()).await {
                    tracing::warn!(error = %e, import = id, "cannot record an import's progress");
                }
            }
        })
    };
    let (_stop_tx, stop) = tokio::sync::watch::channel(false);
    let result = apply::run(
        &state.store,
        state.media.clone(),
        &options,
        counted.as_ref(),
        stop,
    )
    .await;
    writer.abort();
    let total = i64::try_from(counted.total.load(Ordering::Relaxed)).unwrap_or(i64::MAX);
    let done = i64::try_from(counted.done.load(Ordering::Relaxed)).unwrap_or(i64::MAX);
    let _ = state
        .store
        .import_run_progress(id, total, done, now())
        .await;
    // The report says what came in; the upload is not kept (a run again
    // is a new upload, which changes only what changed). Removed before
    // the run is shown as ended.
    if let Err(e) = tokio::fs::remove_file(&options.file).await {
        tracing::warn!(error = %e, import = id, "cannot remove an imported upload");
    }
    let ended = match &result {
        Ok(report) if report.interrupted => {
            state
                .store
                .end_import_run(id, "interrupted", &report.to_string(), "", now())
                .await
        }
        Ok(report) => {
            state
                .store
                .end_import_run(id, "finished", &report.to_string(), "", now())
                .await
        }
        Err(e) => {
            tracing::info!(error = %e, import = id, "import failed");
            // Where in the uploaded file, not the node's name for it.
            let reason = match e {
                dateline_import::ImportError::Malformed {
                    line,
                    column,
                    reason,
                    ..
                } => format!("line {line}, column {column}: {reason}"),
                other => other.to_string(),
            };
            state
                .store
                .end_import_run(id, "failed", "", &reason, now())
                .await
        }
    };
    if let Err(e) = ended {
        tracing::error!(error = %e, import = id, "cannot record the end of an import");
    }
}
