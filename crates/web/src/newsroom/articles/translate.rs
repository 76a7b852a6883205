//! Starting a translation: a story's version in another edition begins as
//! a draft carrying the source's text, pictures and structure (the store's
//! `translate_article`). One use case for the newsroom's form (`POST
//! /newsroom/articles/{id}/translations`) and the Admin API.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use dateline_domain::{EditionCode, Slug};
use dateline_store::{Article, Edition, NewTranslation, Section, TRANSLATE_ACTION};
use serde::Deserialize;

use super::view::Desk;
use crate::auth::{ArticleRef, Permission, Staff};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

/// The section a translation starts in: the one with the source section's
/// slug when the edition has it, else the edition's first.
pub(crate) fn default_section<'a>(
    sections: &'a [Section],
    source_slug: &Slug,
) -> Option<&'a Section> {
    sections
        .iter()
        .find(|s| &s.slug == source_slug)
        .or_else(|| sections.first())
}

/// Starts the version of story `source_id` in `edition` (in `section`, or
/// the default one) for `staff`, who must be able to read the story and to
/// create stories in the edition. An edition that has a version already is
/// refused with 409 `duplicate`.
pub(crate) async fn start_translation(
    state: &AppState,
    staff: &Staff,
    source_id: i64,
    edition: &EditionCode,
    section: Option<&Slug>,
) -> Result<Article, ApiError> {
    let store = &state.store;
    let source = store
        .article_by_id(source_id)
        .await?
        .ok_or_else(|| ApiError::not_found("article"))?;
    if !staff.can(Permission::ReadArticle(ArticleRef::from(&source))) {
        return Err(ApiError::not_found("article"));
    }
    let editions = store.editions().await?;
    let target: &Edition = editions
        .iter()
        .find(|e| &e.code == edition)
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::UnknownEdition,
                format!("there is no edition \"{edition}\""),
            )
            .with_field("edition")
        })?;
    staff.require(Permission::CreateArticle {
        edition_id: target.id,
    })?;
    if !target.is_active() {
        return Err(ApiError::new(
            ErrorCode::EditionRetired,
            format!("the edition \"{edition}\" is retired: it takes no new stories"),
        )
        .with_field("edition"));
    }
    let sections = store.sections(target.id).await?;
    let source_section = store
        .sections(source.edition_id)
        .await?
        .into_iter()
        .find(|s| s.id == source.section_id)
        .map(|s| s.slug);
    let chosen = match (section, &source_section) {
        (Some(slug), _) => sections.iter().find(|s| &s.slug == slug),
        (None, Some(slug)) => default_section(&sections, slug),
        (None, None) => sections.first(),
    };
    let section = chosen.ok_or_else(|| {
        ApiError::new(
            ErrorCode::UnknownSection,
            format!("the edition \"{edition}\" has no such section"),
        )
        .with_field("section")
    })?;
    let translation = NewTranslation {
        source_id,
        edition_id: target.id,
        section_id: section.id,
        actor: Some(staff.id()),
        audit: staff.audit(TRANSLATE_ACTION, "article", None),
        now: crate::auth::now(),
    };
    store
        .translate_article(&translation)
        .await
        .map_err(|err| match err {
            dateline_store::StoreError::Duplicate {
                what: "translation",
            } => ApiError::new(
                ErrorCode::Duplicate,
                format!("the story already has a version in the edition \"{edition}\""),
            )
            .with_field("edition"),
            other => other.into(),
        })
}

/// The "Translate" form of the editor's panel and of the desk list.
#[derive(Debug, Deserialize)]
pub(super) struct TranslateForm {
    edition: String,
    #[serde(default)]
    section: String,
}

/// Starts the translation and opens the new draft in the editor.
pub(super) async fn submit(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    Form(form): Form<TranslateForm>,
) -> Result<Response, ApiError> {
    let edition: EditionCode = form.edition.trim().parse().map_err(ApiError::from)?;
    let section: Option<Slug> = match form.section.trim() {
        "" => None,
        typed => Some(typed.parse().map_err(ApiError::from)?),
    };
    let draft = start_translation(&state, &desk.staff, id, &edition, section.as_ref()).await?;
    Ok(Redirect::to(&crate::urls::newsroom::article(draft.id)).into_response())
}
