//! `/newsroom/`: the desk's dashboard. What needs someone now: stories
//! waiting for review, stories going out next, one's own drafts, comments
//! held or reported, pictures whose renditions failed, and the front pages
//! one may arrange. Each part shows only what the signed-in person may act
//! on.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use dateline_domain::{ArticleStatus, UnixTime};
use dateline_store::comments::QueueKind;
use dateline_store::{DeskQuery, DeskRow};
use serde::Serialize;

use super::articles::{desk_editions, desk_owner};
use super::pages::{render_page, Chrome, NewsroomLocale};
use crate::auth::{Permission, Staff};
use crate::error::ApiError;
use crate::urls::newsroom;
use crate::AppState;

/// Most stories listed in one part of the dashboard.
const LISTED: u32 = 10;
/// Queues are counted up to this; more shows as "100+".
const COUNTED: u32 = 100;

#[derive(Serialize)]
struct HomeView {
    #[serde(flatten)]
    chrome: Chrome,
    in_review: Part,
    scheduled: Part,
    drafts: Part,
    /// `None` when the person does not moderate.
    comments: Option<Comments>,
    /// `None` without the right to see the media bank.
    failed_pictures: Option<Vec<FailedPicture>>,
    /// The front pages this person may arrange, one per edition.
    fronts: Vec<FrontLink>,
}

#[derive(Serialize)]
struct FrontLink {
    name: String,
    url: String,
}

#[derive(Serialize)]
struct Part {
    items: Vec<Story>,
    /// The article list filtered to this part, for "all of them".
    list_url: String,
    more: bool,
}

#[derive(Serialize)]
struct Story {
    headline: String,
    url: String,
    updated_at: UnixTime,
    scheduled_at: Option<UnixTime>,
}

#[derive(Serialize)]
struct Comments {
    held: String,
    held_url: String,
    reported: String,
    reported_url: String,
    any: bool,
}

#[derive(Serialize)]
struct FailedPicture {
    name: String,
    error: String,
    url: String,
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
) -> Result<Response, ApiError> {
    let locale = NewsroomLocale::from_headers(&state, &headers);
    let account = &staff.account;
    let desk = |status: ArticleStatus, created_by: Option<i64>, limit: u32| DeskQuery {
        editions: desk_editions(account),
        created_by: created_by.or(desk_owner(account)),
        status: Some(status),
        limit,
        ..DeskQuery::default()
    };
    let store = &state.store;
    let review_query = desk(ArticleStatus::InReview, None, LISTED);
    // All scheduled stories fit a desk's day; sorted by time below.
    let scheduled_query = desk(ArticleStatus::Scheduled, None, 100);
    let drafts_query = desk(ArticleStatus::Draft, Some(staff.id()), LISTED);
    let (in_review, scheduled, drafts) = tokio::try_join!(
        store.desk_articles(&review_query),
        store.desk_articles(&scheduled_query),
        store.desk_articles(&drafts_query),
    )?;
    let mut scheduled_rows = scheduled.items;
    scheduled_rows.sort_by_key(|row| (row.scheduled_at, row.id));
    let scheduled_more = scheduled_rows.len() > LISTED as usize || scheduled.next.is_some();
    scheduled_rows.truncate(LISTED as usize);

    let comments = if staff.can(Permission::Moderate) {
        let (held, reported) = tokio::try_join!(
            store.comment_queue(QueueKind::Pending, None, COUNTED),
            store.comment_queue(QueueKind::Reported, None, COUNTED),
        )?;
        let shown = |page: &dateline_store::comments::QueuePage| match page.next_before {
            Some(_) => format!("{COUNTED}+"),
            None => page.items.len().to_string(),
        };
        Some(Comments {
            held: shown(&held),
            held_url: newsroom::moderation_queue("pending"),
            reported: shown(&reported),
            reported_url: newsroom::moderation_queue("reported"),
            any: !held.items.is_empty() || !reported.items.is_empty(),
        })
    } else {
        None
    };
    let failed_pictures = if staff.can(Permission::ReadMedia) {
        let failed = store.failed_renditions(LISTED).await?;
        Some(
            failed
                .into_iter()
                .map(|info| FailedPicture {
                    name: info.original_name,
                    error: info.renditions_error,
                    url: newsroom::media_asset(info.media_id),
                })
                .collect(),
        )
    } else {
        None
    };

    let fronts = store
        .editions()
        .await?
        .into_iter()
        .filter(|e| staff.can(Permission::ArrangeFront { edition_id: e.id }))
        .map(|e| FrontLink {
            url: newsroom::front(&e.code),
            name: e.name,
        })
        .collect();

    let view = HomeView {
        in_review: part(
            in_review.items,
            in_review.next.is_some(),
            "status=in_review",
        ),
        scheduled: part(scheduled_rows, scheduled_more, "status=scheduled"),
        drafts: part(drafts.items, drafts.next.is_some(), "status=draft"),
        comments,
        failed_pictures,
        fronts,
        chrome: Chrome::new(&staff, "home"),
    };
    render_page(&state, &locale, StatusCode::OK, "newsroom/home.html", &view)
}

fn part(rows: Vec<DeskRow>, more: bool, filter: &str) -> Part {
    Part {
        items: rows
            .into_iter()
            .map(|row| Story {
                url: newsroom::article(row.id),
                headline: row.headline,
                updated_at: row.updated_at,
                scheduled_at: row.scheduled_at,
            })
            .collect(),
        list_url: newsroom::articles(filter),
        more,
    }
}
