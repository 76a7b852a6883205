//! Moving an article through the workflow from the editor's side panel:
//! send to review, schedule (a time in the edition's zone), publish now,
//! correct (with a note readers see), unpublish.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use chrono::{NaiveDateTime, TimeZone};
use dateline_domain::ArticleStatus;
use dateline_store::{StatusChange, StoreError};
use serde::Deserialize;
use serde_json::json;

use super::form::{EditorForm, FieldError};
use super::view::{article_for, Desk, EditorView};
use crate::auth::Permission;
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

#[derive(Debug, Deserialize)]
pub(super) struct MoveForm {
    status: String,
    #[serde(default)]
    scheduled_at: String,
    #[serde(default)]
    correction: String,
}

/// `2026-11-28T14:05` in `tz` → Unix seconds. In the hour a clock goes
/// back the earlier instant wins; in the hour it skips there is none.
fn local_time(typed: &str, tz: chrono_tz::Tz) -> Option<i64> {
    let typed = typed.trim();
    let naive = NaiveDateTime::parse_from_str(typed, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(typed, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|at| at.timestamp())
}

fn refused(field: &str, message: &str) -> FieldError {
    FieldError {
        field: field.to_owned(),
        message: message.to_owned(),
    }
}

pub(super) async fn submit(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    Form(form): Form<MoveForm>,
) -> Result<Response, ApiError> {
    let status: ArticleStatus = form
        .status
        .parse()
        .map_err(|_| ApiError::new(ErrorCode::InvalidInput, "this status does not exist"))?;
    let article = article_for(&state, &desk, id, |r| Permission::MoveArticle(r, status)).await?;
    let edition = state
        .store
        .edition_by_id(article.edition_id)
        .await?
        .ok_or_else(|| ApiError::not_found("edition"))?;
    let now = crate::auth::now();
    let scheduled_at = match status {
        ArticleStatus::Scheduled => match local_time(&form.scheduled_at, edition.time_zone.tz()) {
            Some(at) if at > now => Ok(Some(at)),
            Some(_) => Err(refused("scheduled_at", "form-schedule-past")),
            None => Err(refused("scheduled_at", "form-schedule-time")),
        },
        _ => Ok(None),
    };
    let error = match scheduled_at {
        Err(error) => error,
        Ok(scheduled_at) => {
            let action = format!("article.{}", status.as_str());
            let change = StatusChange {
                scheduled_at,
                correction: Some(form.correction.clone()),
                actor: Some(desk.id()),
                audit: Some(desk.audit(&action, id).details(json!({
                    "from": article.status.as_str(),
                    "to": status.as_str(),
                    "scheduled_at": scheduled_at,
                }))),
                ..StatusChange::to(status)
            };
            match state.store.change_status(id, &change, now).await {
                Ok(_) => {
                    let to = format!(
                        "{}?moved={}",
                        crate::urls::newsroom::article(id),
                        status.as_str()
                    );
                    return Ok(Redirect::to(&to).into_response());
                }
                Err(StoreError::Invalid(e)) => refused(
                    e.field,
                    match e.code {
                        "correction_required" => "form-correction-required",
                        "too_long" => "form-correction-long",
                        "invalid_transition" => "form-bad-transition",
                        _ => "form-invalid",
                    },
                ),
                Err(err) => return Err(err.into()),
            }
        }
    };
    // Refused: the editor again, with the typed note and time kept.
    let mut view = EditorView::build(&state, &desk, &article, EditorForm::of(&article)).await?;
    view.notice = Some("desk-not-moved");
    view.errors = vec![error];
    view.article.scheduled_local = form.scheduled_at.clone();
    view.correction = form.correction.clone();
    desk.render(
        &state,
        StatusCode::UNPROCESSABLE_ENTITY,
        "newsroom/article_edit.html",
        &view,
    )
}

#[cfg(test)]
mod tests {
    use super::local_time;

    #[test]
    fn schedule_times_are_read_in_the_edition_zone() {
        let moscow: chrono_tz::Tz = "Europe/Moscow".parse().unwrap();
        // 12:00 in Moscow (UTC+3) is 09:00 UTC.
        assert_eq!(local_time("2026-11-28T12:00", moscow), Some(1_795_856_400));
        let london: chrono_tz::Tz = "Europe/London".parse().unwrap();
        // 01:30 on 29 March 2026 does not exist in London.
        assert_eq!(local_time("2026-03-29T01:30", london), None);
        // 01:30 on 25 October 2026 happens twice; the first (BST) wins.
        assert_eq!(local_time("2026-10-25T01:30", london), Some(1_792_888_200));
        assert_eq!(local_time("tomorrow", london), None);
    }
}
