//! The editor: `GET` shows the form, `POST` saves it (or adds, removes or
//! moves a block, which works without JavaScript), `POST …/autosave`
//! saves quietly from the script and answers JSON.
//!
//! Saves carry the version the form was loaded at. A stale save (someone
//! else saved in between) is refused with 409: the page comes back with
//! what was typed, a message, and a link to the current text; nothing is
//! overwritten.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use dateline_store::{Article, ArticleUpdate, Save, StoreError};
use serde::Deserialize;
use serde_json::json;

use super::form::{EditorForm, FieldError, Saving};
use super::view::{article_for, Desk, EditorView};
use crate::auth::Permission;
use crate::error::ApiError;
use crate::AppState;

/// Where a save, a status change or a restore redirected to.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Done {
    saved: Option<String>,
    moved: Option<String>,
    restored: Option<String>,
    /// The version shown in the source pane.
    source: Option<i64>,
}

pub(super) async fn form(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    Query(done): Query<Done>,
) -> Result<Response, ApiError> {
    let article = article_for(&state, &desk, id, Permission::ReadArticle).await?;
    let form = EditorForm::of(&article);
    let mut view = EditorView::build_beside(&state, &desk, &article, form, done.source).await?;
    view.notice = match done {
        Done { saved: Some(_), .. } => Some("desk-saved"),
        Done { moved: Some(_), .. } => Some("desk-moved"),
        Done {
            restored: Some(_), ..
        } => Some("desk-restored"),
        _ => None,
    };
    desk.render(&state, StatusCode::OK, "newsroom/article_edit.html", &view)
}

/// What a related card's field (or the front page's "add a story") may
/// hold: an article id, or the address of an article (`/en/world/some-slug`,
/// with or without the host); an address naming no edition is looked up in
/// `edition_id`.
pub(crate) async fn resolve_article(state: &AppState, edition_id: i64, typed: &str) -> Option<i64> {
    if let Ok(id) = typed.parse::<i64>() {
        return Some(id);
    }
    let path = typed
        .split_once("://")
        .map_or(typed, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
    let mut parts = path.trim_matches('/').split('/');
    let (Some(code), Some(_section), Some(slug), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let editions = state.store.editions().await.ok()?;
    let edition = editions
        .iter()
        .find(|e| e.code.as_str() == code)
        .map_or(edition_id, |e| e.id);
    let slug = slug.parse().ok()?;
    let found = state.store.article_by_slug(edition, &slug).await.ok()??;
    Some(found.id)
}

/// Parses the form, resolving related-card addresses to ids first.
async fn parse(
    state: &AppState,
    article: &Article,
    form: &EditorForm,
    saving: Saving,
) -> Result<(i64, ArticleUpdate), Vec<FieldError>> {
    // An emptied address is made from the headline, unless readers may
    // already have the story's link.
    let kept;
    let form = if form.slug.trim().is_empty() && article.published_at.is_some() {
        kept = EditorForm {
            slug: article.slug.as_str().to_owned(),
            ..form.clone()
        };
        &kept
    } else {
        form
    };
    let mut resolved = Vec::new();
    for block in form.blocks.iter().filter(|b| b.kind == "related") {
        let typed = block.article.trim().to_owned();
        let id = resolve_article(state, article.edition_id, &typed).await;
        resolved.push((typed, id));
    }
    form.to_update(
        |typed| {
            resolved
                .iter()
                .find(|(t, _)| t == typed)
                .and_then(|(_, id)| *id)
        },
        saving,
    )
}

/// Why the store refused a save, as a notice and field messages.
struct Refusal {
    status: StatusCode,
    notice: &'static str,
    fields: Vec<FieldError>,
}

fn refusal(err: StoreError) -> Result<Refusal, ApiError> {
    let field = |field: &str, message: &str| {
        vec![FieldError {
            field: field.to_owned(),
            message: message.to_owned(),
        }]
    };
    let invalid = |fields| Refusal {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        notice: "desk-not-saved",
        fields,
    };
    Ok(match err {
        StoreError::Conflict { .. } => Refusal {
            status: StatusCode::CONFLICT,
            notice: "desk-conflict",
            fields: Vec::new(),
        },
        StoreError::Duplicate { .. } => invalid(field("slug", "form-slug-taken")),
        StoreError::MissingReference { what } => invalid(match what {
            "section" => field("section_id", "form-required"),
            "author" => field("author", "form-bad-author"),
            "social picture" => field("social_media", "form-bad-media"),
            _ => field("lead_media", "form-bad-media"),
        }),
        StoreError::Invalid(e) if e.code == "author_not_in_edition" => {
            invalid(field("author", "form-author-not-in-edition"))
        }
        StoreError::Invalid(e) => invalid(field(e.field, "form-invalid")),
        other => return Err(other.into()),
    })
}

/// Parses and saves the form as `save`; the saved article, or why not.
async fn save_form(
    state: &AppState,
    article: &Article,
    form: &EditorForm,
    saving: Saving,
    save: Save,
) -> Result<Result<Article, Refusal>, ApiError> {
    let (version, update) = match parse(state, article, form, saving).await {
        Ok(parsed) => parsed,
        Err(fields) => {
            return Ok(Err(Refusal {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                notice: "desk-not-saved",
                fields,
            }))
        }
    };
    let now = crate::auth::now();
    match state
        .store
        .save_article(article.id, version, &update, save, now)
        .await
    {
        Ok(saved) => Ok(Ok(saved)),
        Err(err) => refusal(err).map(Err),
    }
}

pub(super) async fn submit(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let article = article_for(&state, &desk, id, Permission::EditArticle).await?;
    let (mut form, action) = EditorForm::from_pairs(&pairs);
    if form.apply(&action) {
        // A layout change: the form again, nothing saved yet.
        let view = EditorView::build(&state, &desk, &article, form).await?;
        return desk.render(&state, StatusCode::OK, "newsroom/article_edit.html", &view);
    }
    let save = Save {
        audit: Some(desk.audit("article.save", id)),
        ..Save::by(Some(desk.id()))
    };
    let refused = match save_form(&state, &article, &form, Saving::Explicit, save).await? {
        Ok(_) => {
            return Ok(
                Redirect::to(&format!("{}?saved=1", crate::urls::newsroom::article(id)))
                    .into_response(),
            )
        }
        Err(refused) => refused,
    };
    // Refused: the typed text stays in the form; the side panel shows the
    // article as it now stands.
    let current = state
        .store
        .article_by_id(id)
        .await?
        .ok_or_else(|| ApiError::not_found("article"))?;
    let mut view = EditorView::build(&state, &desk, &current, form).await?;
    view.conflict = refused.status == StatusCode::CONFLICT;
    view.notice = Some(refused.notice);
    view.show_errors(refused.fields);
    desk.render(&state, refused.status, "newsroom/article_edit.html", &view)
}

/// The editor's script posts the whole form every few seconds while it
/// changes; blocks still being filled in wait for a later save.
/// Answers `{"version": n}` or `{"error": …, "fields": […]}`.
pub(super) async fn autosave(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let article = article_for(&state, &desk, id, Permission::EditArticle).await?;
    let (form, _) = EditorForm::from_pairs(&pairs);
    let save = Save {
        audit: Some(desk.audit("article.autosave", id)),
        ..Save::autosave(Some(desk.id()))
    };
    Ok(
        match save_form(&state, &article, &form, Saving::Autosave, save).await? {
            Ok(saved) => Json(json!({
                "version": saved.version,
                "saved_at": saved.updated_at,
            }))
            .into_response(),
            Err(refused) => (
                refused.status,
                Json(json!({ "error": refused.notice, "fields": refused.fields })),
            )
                .into_response(),
        },
    )
}
