//! `/newsroom/newsletters`: every edition's lists with their confirmed
//! subscribers and send time (admins change the time and switch a list on
//! or off), and the latest sends with their counts; `…/sends/{id}` one
//! send's report (queued, sent, failed, skipped, and each failure with its
//! reason). Editors and admins (`Permission::ReadNewsletters`).
//!
//! `/newsroom/articles/{id}/alert`: sends a published story as a breaking
//! alert of its edition (mail to the breaking-news list, web push to the
//! edition's browsers). The GET is the confirmation (who it would reach);
//! the POST sends, once per story (`Permission::SendAlert`).

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use dateline_store::newsletters::{ListKind, NewsletterList, SendReport, SendSummary};
use dateline_store::StoreError;
use serde::{Deserialize, Serialize};

use super::articles::Desk;
use super::form::FormData;
use super::pages::{render_form_page, render_page, Chrome, NewsroomLocale};
use crate::auth::{Permission, Staff};
use crate::error::ApiError;
use crate::urls::newsroom as urls;
use crate::AppState;

/// Sends shown on the overview.
const RECENT_SENDS: i64 = 50;

#[derive(Debug, Default, Deserialize)]
pub(super) struct OverviewQuery {
    #[serde(default)]
    saved: Option<String>,
    #[serde(default)]
    before: Option<i64>,
}

#[derive(Serialize)]
struct ListRow {
    id: i64,
    kind: ListKind,
    section: Option<String>,
    time: String,
    active: bool,
    subscribers: i64,
}

#[derive(Serialize)]
struct EditionLists {
    name: String,
    code: String,
    lists: Vec<ListRow>,
}

#[derive(Serialize)]
struct OverviewView {
    #[serde(flatten)]
    chrome: Chrome,
    editions: Vec<EditionLists>,
    sends: Vec<SendRow>,
    can_manage: bool,
    saved: bool,
    error: Option<&'static str>,
    older_url: Option<String>,
}

#[derive(Serialize)]
struct SendRow {
    #[serde(flatten)]
    send: SendSummary,
    edition: String,
    url: String,
    finished: bool,
}

/// `HH:MM` → minutes after midnight.
fn minute_of(typed: &str) -> Option<i64> {
    let (h, m) = typed.trim().split_once(':')?;
    let (h, m) = (h.parse::<i64>().ok()?, m.parse::<i64>().ok()?);
    ((0..24).contains(&h) && (0..60).contains(&m)).then_some(h * 60 + m)
}

async fn send_rows(state: &AppState, sends: Vec<SendSummary>) -> Result<Vec<SendRow>, ApiError> {
    let editions = state.store.editions().await?;
    Ok(sends
        .into_iter()
        .map(|send| SendRow {
            edition: editions
                .iter()
                .find(|e| e.id == send.edition_id)
                .map(|e| e.name.clone())
                .unwrap_or_default(),
            url: urls::newsletter_send(send.id),
            finished: send.finished(),
            send,
        })
        .collect())
}

async fn overview(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    query: &OverviewQuery,
    error: Option<&'static str>,
) -> Result<Response, ApiError> {
    let lists = state.store.all_newsletter_lists().await?;
    let editions = state.store.editions().await?;
    let by_edition = editions
        .iter()
        .map(|e| EditionLists {
            name: e.name.clone(),
            code: e.code.to_string(),
            lists: lists
                .iter()
                .filter(|l| l.edition_id == e.id)
                .map(|l: &NewsletterList| ListRow {
                    id: l.id,
                    kind: l.kind,
                    section: l.section_title.clone(),
                    time: l.send_time(),
                    active: l.active,
                    subscribers: l.subscribers,
                })
                .collect(),
        })
        .collect();
    let sends = state
        .store
        .newsletter_sends(query.before, RECENT_SENDS)
        .await?;
    let older_url = (i64::try_from(sends.len()).unwrap_or(0) == RECENT_SENDS)
        .then(|| {
            sends
                .last()
                .map(|s| format!("{}?before={}", urls::NEWSLETTERS, s.id))
        })
        .flatten();
    let view = OverviewView {
        chrome: Chrome::new(staff, "newsletters"),
        editions: by_edition,
        sends: send_rows(state, sends).await?,
        can_manage: staff.can(Permission::ManageNewsletters),
        saved: query.saved.is_some(),
        error,
        older_url,
    };
    render_form_page(
        state,
        headers,
        error.is_some(),
        "newsroom/newsletters.html",
        &view,
    )
}

pub(super) async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Query(query): Query<OverviewQuery>,
) -> Result<Response, ApiError> {
    staff.require(Permission::ReadNewsletters)?;
    overview(&state, &headers, &staff, &query, None).await
}

/// `POST /newsroom/newsletters/lists/{id}`: a list's send time and whether
/// it is on (admins).
pub(super) async fn update_list(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageNewsletters)?;
    let list = state
        .store
        .newsletter_list(id)
        .await?
        .ok_or_else(|| ApiError::not_found("newsletter list"))?;
    let minute = if list.kind.is_digest() {
        match minute_of(form.get("send_time")) {
            Some(minute) => minute,
            None => {
                let query = OverviewQuery::default();
                return overview(&state, &headers, &staff, &query, Some("nl-error-time")).await;
            }
        }
    } else {
        list.send_minute
    };
    let active = form.get("active") == "1";
    let audit = staff.audit("newsletter_list.update", "newsletter_list", Some(id));
    state
        .store
        .update_newsletter_list(id, minute, active, &audit)
        .await?;
    Ok(Redirect::to(&format!("{}?saved=1", urls::NEWSLETTERS)).into_response())
}

#[derive(Serialize)]
struct ReportView {
    #[serde(flatten)]
    chrome: Chrome,
    #[serde(flatten)]
    report: SendReport,
    edition: String,
    finished: bool,
}

/// `GET /newsroom/newsletters/sends/{id}`: one send's report.
pub(super) async fn report(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    staff.require(Permission::ReadNewsletters)?;
    let report = state
        .store
        .newsletter_send_report(id)
        .await?
        .ok_or_else(|| ApiError::not_found("send"))?;
    let edition = state
        .store
        .edition_by_id(report.summary.edition_id)
        .await?
        .map(|e| e.name)
        .unwrap_or_default();
    let view = ReportView {
        chrome: Chrome::new(&staff, "newsletters"),
        finished: report.summary.finished(),
        report,
        edition,
    };
    let locale = NewsroomLocale::from_headers(&state, &headers);
    render_page(
        &state,
        &locale,
        StatusCode::OK,
        "newsroom/newsletter_send.html",
        &view,
    )
}

#[derive(Serialize)]
struct AlertView {
    #[serde(flatten)]
    chrome: Chrome,
    article_id: i64,
    headline: String,
    article_url: String,
    edition: String,
    mail: i64,
    push: i64,
    /// The report of the alert already sent for this story.
    sent_url: Option<String>,
    /// Why the story cannot be sent (not published).
    refusal: Option<&'static str>,
}

async fn alert_page(
    state: &AppState,
    desk: &Desk,
    id: i64,
    status: StatusCode,
    refusal: Option<&'static str>,
) -> Result<Response, ApiError> {
    let article = super::articles::article_for(state, desk, id, |r| Permission::SendAlert {
        edition_id: r.edition_id,
    })
    .await?;
    let recipients = state.store.alert_recipients(id).await?;
    let edition = state
        .store
        .edition_by_id(article.edition_id)
        .await?
        .map(|e| e.name)
        .unwrap_or_default();
    let refusal = refusal.or((!article.status.is_public()).then_some("nl-alert-not-public"));
    let view = AlertView {
        chrome: Chrome::new(&desk.staff, "articles"),
        article_id: id,
        headline: article.headline.clone(),
        article_url: urls::article(id),
        edition,
        mail: recipients.mail,
        push: recipients.push,
        sent_url: recipients.sent.map(urls::newsletter_send),
        refusal,
    };
    desk.render(state, status, "newsroom/article_alert.html", &view)
}

/// `GET /newsroom/articles/{id}/alert`: the confirmation.
pub(super) async fn alert_form(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    alert_page(&state, &desk, id, StatusCode::OK, None).await
}

/// `POST /newsroom/articles/{id}/alert`: sends, then shows the report.
pub(super) async fn alert_send(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let article = super::articles::article_for(&state, &desk, id, |r| Permission::SendAlert {
        edition_id: r.edition_id,
    })
    .await?;
    let audit = desk
        .staff
        .audit("article.alert", "article", Some(article.id));
    match state
        .store
        .create_alert(id, Some(desk.id()), Some(&audit), crate::auth::now())
        .await
    {
        Ok(send) => {
            state.newsletters.wake.notify_one();
            Ok(Redirect::to(&urls::newsletter_send(send.id)).into_response())
        }
        Err(StoreError::Duplicate { .. }) => {
            alert_page(
                &state,
                &desk,
                id,
                StatusCode::CONFLICT,
                Some("nl-alert-sent-before"),
            )
            .await
        }
        Err(StoreError::Conflict { what: "story" }) => {
            alert_page(
                &state,
                &desk,
                id,
                StatusCode::CONFLICT,
                Some("nl-alert-not-public"),
            )
            .await
        }
        Err(StoreError::Conflict { .. }) => {
            alert_page(
                &state,
                &desk,
                id,
                StatusCode::CONFLICT,
                Some("nl-alert-list-off"),
            )
            .await
        }
        Err(err) => Err(err.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::minute_of;

    #[test]
    fn reads_a_time_of_day() {
        assert_eq!(minute_of("07:30"), Some(450));
        assert_eq!(minute_of(" 0:00 "), Some(0));
        assert_eq!(minute_of("23:59"), Some(1439));
        assert_eq!(minute_of("24:00"), None);
        assert_eq!(minute_of("7"), None);
        assert_eq!(minute_of("-1:10"), None);
    }
}
