//! Posting the arrangement form: a button that moves, removes or adds a
//! story comes back with the change made (not saved yet); Save stores the
//! lists, audited, if nobody saved since the page was read. Refusals show
//! the lists and the typed story as posted, with the reason.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use dateline_store::StoreError;

use super::draft::{Draft, Op, Place};
use super::page::{address, arrangeable, Outcome, Page, Typed};
use crate::auth::Staff;
use crate::error::{ApiError, ErrorCode};
use crate::newsroom::articles::resolve_article;
use crate::newsroom::FormData;
use crate::AppState;

pub(super) async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(code): Path<String>,
    form: FormData,
) -> Result<Response, ApiError> {
    let (edition, sections) = arrangeable(&state, &staff, &code).await?;
    let bad_form = || ApiError::new(ErrorCode::InvalidInput, "this form is not one of ours");
    let op = Op::parse(form.get("op")).ok_or_else(bad_form)?;
    let version: i64 = form.get("version").parse().map_err(|_| bad_form())?;
    let mut draft = Draft::from_form(&form, &sections).ok_or_else(bad_form)?;
    let typed = Typed {
        add: form.get("add").to_owned(),
        add_to: form.get("add_to").to_owned(),
    };
    let page = Page {
        edition: &edition,
        sections: &sections,
        version,
    };
    let show = |status, notice, error, error_at| Outcome {
        status,
        notice,
        error,
        error_at,
    };
    let outcome = match op {
        Op::Up(..) | Op::Down(..) | Op::Remove(..) => {
            draft.apply(op);
            show(StatusCode::OK, Some("front-unsaved"), None, None)
        }
        Op::Add => match add(&state, edition.id, &mut draft, &typed).await? {
            Ok(()) => {
                let done = show(StatusCode::OK, Some("front-unsaved"), None, None);
                return page
                    .render(&state, &headers, &staff, &draft, Typed::default(), done)
                    .await;
            }
            Err(error) => show(
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                Some(error),
                Some("add"),
            ),
        },
        Op::Save => {
            let saved = match draft.to_layout() {
                Ok(layout) => {
                    let audit = staff.audit("front.save", "edition", Some(edition.id));
                    state
                        .store
                        .save_front(edition.id, &layout, version, &audit)
                        .await
                }
                Err(refused) => Err(StoreError::Invalid(refused)),
            };
            match saved {
                Ok(_) => return Ok(Redirect::to(&address(&edition, true)).into_response()),
                Err(StoreError::Invalid(refused)) => show(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    None,
                    Some(message(refused.code)),
                    Some("list"),
                ),
                Err(StoreError::Conflict { .. }) => show(
                    StatusCode::CONFLICT,
                    None,
                    Some("front-error-conflict"),
                    Some("list"),
                ),
                Err(other) => return Err(other.into()),
            }
        }
    };
    page.render(&state, &headers, &staff, &draft, typed, outcome)
        .await
}

/// Adds the typed story (a number or an address) to the chosen list, or
/// says why not (a message id); the draft is unchanged then.
async fn add(
    state: &AppState,
    edition_id: i64,
    draft: &mut Draft,
    typed: &Typed,
) -> Result<Result<(), &'static str>, ApiError> {
    let Some(place) = Place::parse(&typed.add_to) else {
        return Ok(Err("front-error-place"));
    };
    if typed.add.is_empty() {
        return Ok(Err("front-error-empty"));
    }
    let Some(id) = resolve_article(state, edition_id, &typed.add).await else {
        return Ok(Err("front-error-unknown_article"));
    };
    let Some(article) = state.store.article_by_id(id).await? else {
        return Ok(Err("front-error-unknown_article"));
    };
    if article.edition_id != edition_id {
        return Ok(Err("front-error-other_edition"));
    }
    if matches!(place, Place::Section(s) if s != article.section_id) {
        return Ok(Err("front-error-wrong_section"));
    }
    let mut grown = draft.clone();
    if !grown.add(place, id) {
        return Ok(Err("front-error-place"));
    }
    if let Err(refused) = grown.to_layout() {
        return Ok(Err(message(refused.code)));
    }
    *draft = grown;
    Ok(Ok(()))
}

/// The message for a refusal code of the domain or the store.
fn message(code: &str) -> &'static str {
    match code {
        "too_many_top" => "front-error-too_many_top",
        "too_many_pins" => "front-error-too_many_pins",
        "duplicate_article" => "front-error-duplicate_article",
        "other_edition" => "front-error-other_edition",
        "wrong_section" => "front-error-wrong_section",
        "unknown_article" => "front-error-unknown_article",
        _ => "front-error-place",
    }
}
