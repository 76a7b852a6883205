//! Live coverage from the newsroom (`/newsroom/articles/{id}/live`): mark
//! the article as covered live or end it, post timestamped entries, edit,
//! pin, unpin and delete them. Plain forms (POST-redirect-GET) that work
//! without JavaScript; a refused entry comes back with its text kept.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use dateline_store::live::{EntryChange, LiveEntry, LiveStatus, NewLiveEntry};
use dateline_store::{Article, StoreError};
use serde::{Deserialize, Serialize};

use super::view::{article_for, info, ArticleInfo, Desk};
use crate::auth::{ArticleRef, Permission};
use crate::error::{ApiError, ErrorCode};
use crate::newsroom::Chrome;
use crate::AppState;

/// The longest entry, in characters (as a comment).
const MAX_CHARS: usize = 4000;

#[derive(Debug, Default, Deserialize)]
pub(super) struct Done {
    done: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct LiveForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    body: String,
}

#[derive(Serialize)]
struct DeskEntry {
    id: i64,
    source: String,
    html: String,
    /// `DD.MM.YYYY HH:MM` in the edition's zone.
    posted_local: String,
    posted_at: i64,
    pinned: bool,
    author: Option<String>,
}

#[derive(Serialize)]
struct LiveDeskView<'a> {
    #[serde(flatten)]
    chrome: &'a Chrome,
    article: ArticleInfo,
    headline: String,
    /// `open`, `ended`, or none before the first opening.
    status: Option<LiveStatus>,
    entries: Vec<DeskEntry>,
    can_edit: bool,
    notice: Option<String>,
    /// A refusal: which form (`new` or an entry id) and the catalog id.
    error_form: String,
    error: Option<&'static str>,
    /// What was typed in the refused form.
    typed: String,
}

/// Entry text as typed: trimmed, not empty, not too long.
fn entry_text(typed: &str) -> Result<(String, String), &'static str> {
    let text = typed.trim();
    if text.is_empty() {
        return Err("live-error-empty");
    }
    if text.chars().count() > MAX_CHARS {
        return Err("live-error-long");
    }
    Ok((
        text.to_owned(),
        dateline_render::markdown::comment_html(text),
    ))
}

fn store_refusal(err: StoreError) -> Result<&'static str, ApiError> {
    match err {
        StoreError::Invalid(e) if e.code == "live_not_open" => Ok("live-error-not-open"),
        StoreError::NotFound => Ok("live-error-gone"),
        other => Err(other.into()),
    }
}

async fn view<'a>(
    state: &AppState,
    desk: &'a Desk,
    article: &Article,
) -> Result<LiveDeskView<'a>, ApiError> {
    let store = &state.store;
    let (edition, sections, coverage, entries) = tokio::try_join!(
        store.edition_by_id(article.edition_id),
        store.sections(article.edition_id),
        store.live_coverage(article.id),
        store.live_entries(article.id),
    )?;
    let edition = edition.ok_or_else(|| ApiError::not_found("edition"))?;
    let tz = edition.time_zone.tz();
    let local = |at: i64| {
        chrono::DateTime::from_timestamp(at, 0)
            .map(|t| t.with_timezone(&tz).format("%d.%m.%Y %H:%M").to_string())
            .unwrap_or_default()
    };
    Ok(LiveDeskView {
        chrome: &desk.chrome,
        article: info(&edition, &sections, article),
        headline: article.headline.clone(),
        status: coverage.map(|c| c.status),
        entries: entries
            .iter()
            .map(|e: &LiveEntry| DeskEntry {
                id: e.id,
                source: e.body_source.clone(),
                html: e.body_html.clone(),
                posted_local: local(e.posted_at),
                posted_at: e.posted_at,
                pinned: e.pinned,
                author: e.author_name.clone(),
            })
            .collect(),
        can_edit: desk.can(Permission::EditArticle(ArticleRef::from(article))),
        notice: None,
        error_form: String::new(),
        error: None,
        typed: String::new(),
    })
}

pub(super) async fn page(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    Query(done): Query<Done>,
) -> Result<Response, ApiError> {
    let article = article_for(&state, &desk, id, Permission::ReadArticle).await?;
    let mut page = view(&state, &desk, &article).await?;
    page.notice = done
        .done
        .filter(|d| {
            [
                "opened", "ended", "posted", "edited", "pinned", "unpinned", "deleted",
            ]
            .contains(&d.as_str())
        })
        .map(|d| format!("live-done-{d}"));
    desk.render(&state, StatusCode::OK, "newsroom/article_live.html", &page)
}

fn done(id: i64, what: &str) -> Response {
    Redirect::to(&format!(
        "{}?done={what}",
        crate::urls::newsroom::article_live(id)
    ))
    .into_response()
}

/// The page again (422) with `error` on form `form` and its text kept.
async fn refused(
    state: &AppState,
    desk: &Desk,
    article: &Article,
    form: String,
    error: &'static str,
    typed: String,
) -> Result<Response, ApiError> {
    let mut page = view(state, desk, article).await?;
    page.error_form = form;
    page.error = Some(error);
    page.typed = typed;
    desk.render(
        state,
        StatusCode::UNPROCESSABLE_ENTITY,
        "newsroom/article_live.html",
        &page,
    )
}

/// `POST /newsroom/articles/{id}/live`: `open`, `end` or `post` (with `body`).
pub(super) async fn coverage(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    Form(form): Form<LiveForm>,
) -> Result<Response, ApiError> {
    let article = article_for(&state, &desk, id, Permission::EditArticle).await?;
    let now = crate::auth::now();
    let outcome = match form.action.as_str() {
        "open" => {
            let audit = desk.audit("article.live.open", id);
            state
                .store
                .open_live_coverage(id, now, &audit)
                .await
                .map(|_| "opened")
        }
        "end" => {
            let audit = desk.audit("article.live.end", id);
            state
                .store
                .end_live_coverage(id, now, &audit)
                .await
                .map(|_| "ended")
        }
        "post" => {
            let (source, html) = match entry_text(&form.body) {
                Ok(text) => text,
                Err(error) => {
                    return refused(&state, &desk, &article, "new".into(), error, form.body).await
                }
            };
            let new = NewLiveEntry {
                article_id: id,
                body_source: source,
                body_html: html,
                author_user_id: Some(desk.id()),
                at: now,
                audit: desk.audit("article.live.post", id),
            };
            state.store.post_live_entry(&new).await.map(|_| "posted")
        }
        _ => return Err(ApiError::new(ErrorCode::InvalidInput, "unknown action")),
    };
    match outcome {
        Ok(what) => Ok(done(id, what)),
        Err(err) => {
            let error = store_refusal(err)?;
            refused(&state, &desk, &article, "new".into(), error, form.body).await
        }
    }
}

/// `POST /newsroom/articles/{id}/live/{entry}`: `edit` (with `body`),
/// `pin`, `unpin` or `delete`.
pub(super) async fn entry(
    State(state): State<AppState>,
    desk: Desk,
    Path((id, entry_id)): Path<(i64, i64)>,
    Form(form): Form<LiveForm>,
) -> Result<Response, ApiError> {
    let article = article_for(&state, &desk, id, Permission::EditArticle).await?;
    let (change, what) = match form.action.as_str() {
        "edit" => match entry_text(&form.body) {
            Ok((body_source, body_html)) => (
                EntryChange::Edit {
                    body_source,
                    body_html,
                },
                "edited",
            ),
            Err(error) => {
                let form_id = entry_id.to_string();
                return refused(&state, &desk, &article, form_id, error, form.body).await;
            }
        },
        "pin" => (EntryChange::Pin, "pinned"),
        "unpin" => (EntryChange::Unpin, "unpinned"),
        "delete" => (EntryChange::Delete, "deleted"),
        _ => return Err(ApiError::new(ErrorCode::InvalidInput, "unknown action")),
    };
    let audit = desk
        .audit(&format!("article.live.{}", form.action), id)
        .details(serde_json::json!({ "entry_id": entry_id }));
    let now = crate::auth::now();
    match state
        .store
        .change_live_entry(id, entry_id, &change, now, &audit)
        .await
    {
        Ok(_) => Ok(done(id, what)),
        Err(err) => {
            let error = store_refusal(err)?;
            refused(
                &state,
                &desk,
                &article,
                entry_id.to_string(),
                error,
                form.body,
            )
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::entry_text;

    #[test]
    fn entry_text_is_trimmed_checked_and_rendered_safely() {
        assert_eq!(entry_text("  \n "), Err("live-error-empty"));
        assert_eq!(entry_text(&"я".repeat(4001)), Err("live-error-long"));
        let (source, html) = entry_text(" **Wind** <script>x</script> ").unwrap();
        assert_eq!(source, "**Wind** <script>x</script>");
        assert!(html.contains("<strong>Wind</strong>"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
    }
}
