//! The desk: every article this staff member may see, most recently touched
//! first, filtered by edition, section, status, author, text and "lacks a
//! version in edition …", with the editions each story exists in.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use dateline_domain::{ArticleStatus, Role};
use dateline_store::{Account, Cursor, DeskQuery, DeskRow};
use serde::{Deserialize, Serialize};

use super::bulk::BULK_MOVES;
use super::view::{Choice, Desk};
use crate::error::{ApiError, ErrorCode};
use crate::newsroom::media::Thumb;
use crate::newsroom::Chrome;
use crate::AppState;

const PAGE_SIZE: u32 = 50;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub(super) struct Filters {
    #[serde(default)]
    edition: String,
    #[serde(default)]
    section: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    q: String,
    /// An edition code: only stories with no version there.
    #[serde(default)]
    lacks: String,
    #[serde(default)]
    after: String,
}

#[derive(Serialize)]
struct Row {
    #[serde(flatten)]
    row: DeskRow,
    edition_code: String,
    url: String,
    /// The lead picture's smallest rendition, once made.
    thumb: Option<String>,
    /// The editions the story exists in, in edition order.
    versions: Vec<RowVersion>,
    /// Where its translations are started (the editor's panel).
    translations_url: String,
}

/// One edition a listed story exists in.
#[derive(Serialize)]
struct RowVersion {
    edition_code: String,
    status: ArticleStatus,
}

/// What the last bulk action did (`bulk.rs` sends the list these).
#[derive(Debug, Default, Deserialize, Serialize)]
pub(super) struct BulkDone {
    moved: Option<u32>,
    refused: Option<u32>,
    to: Option<ArticleStatus>,
}

/// Editions whose articles an editor's list shows: `None` for all.
pub(crate) fn desk_editions(account: &Account) -> Option<Vec<i64>> {
    match account.role() {
        Role::Editor => Some(account.editions.clone()),
        _ => None,
    }
}

/// Contributors and authors list what they created.
pub(crate) fn desk_owner(account: &Account) -> Option<i64> {
    matches!(account.role(), Role::Contributor | Role::Author).then_some(account.id())
}

#[derive(Serialize)]
struct ListView<'a> {
    #[serde(flatten)]
    chrome: &'a Chrome,
    filters: &'a Filters,
    rows: Vec<Row>,
    next_url: Option<String>,
    editions: Vec<Choice>,
    /// Every edition, for "lacks a version in".
    all_editions: Vec<Choice>,
    sections: Vec<Choice>,
    authors: Vec<Choice>,
    statuses: Vec<ArticleStatus>,
    bulk_moves: [ArticleStatus; 4],
    bulk: BulkDone,
    /// This list's address without its page, for the bulk form to return to.
    back: String,
}

fn id(typed: &str) -> Option<i64> {
    typed.trim().parse().ok()
}

pub(super) async fn page(
    State(state): State<AppState>,
    desk: Desk,
    Query(filters): Query<Filters>,
    Query(bulk): Query<BulkDone>,
) -> Result<Response, ApiError> {
    let store = &state.store;
    let editions = store.editions().await?;
    let allowed = desk_editions(&desk.staff.account);
    let visible: Vec<_> = editions
        .iter()
        .filter(|e| allowed.as_ref().is_none_or(|ids| ids.contains(&e.id)))
        .collect();
    let edition = visible.iter().find(|e| e.code.as_str() == filters.edition);
    let editions_filter = match edition {
        Some(e) => Some(vec![e.id]),
        None => allowed.clone(),
    };
    let after = match filters.after.as_str() {
        "" => None,
        typed => Some(Cursor::decode(typed).map_err(|_| {
            ApiError::new(ErrorCode::InvalidQuery, "this list address is not valid")
        })?),
    };
    let query = DeskQuery {
        editions: editions_filter,
        section_id: id(&filters.section),
        status: filters.status.parse().ok(),
        author_id: id(&filters.author),
        created_by: desk_owner(&desk.staff.account),
        public_only: false,
        text: Some(filters.q.clone()).filter(|q| !q.trim().is_empty()),
        lacks_edition: editions
            .iter()
            .find(|e| e.code.as_str() == filters.lacks.trim())
            .map(|e| e.id),
        limit: PAGE_SIZE,
        after,
    };
    let (page, authors) = tokio::try_join!(store.desk_articles(&query), store.authors())?;
    let mut sections = Vec::new();
    for e in &visible {
        for s in store.sections(e.id).await? {
            sections.push(Choice {
                id: s.id,
                label: format!("{} · {}", e.code.as_str().to_uppercase(), s.title),
            });
        }
    }
    let code_of = |edition_id: i64| {
        editions
            .iter()
            .find(|e| e.id == edition_id)
            .map(|e| e.code.as_str().to_owned())
            .unwrap_or_default()
    };
    let listed: Vec<i64> = page.items.iter().map(|r| r.id).collect();
    let versions = store.versions_of(&listed).await?;
    let versions_of = |id: i64| {
        versions
            .iter()
            .filter(|(listed, _)| *listed == id)
            .map(|(_, v)| RowVersion {
                edition_code: code_of(v.edition_id),
                status: v.status,
            })
            .collect()
    };
    let media_ids: Vec<i64> = page.items.iter().filter_map(|r| r.lead_media_id).collect();
    let pictures = store.media_by_ids(&media_ids).await?;
    let thumb_of = |id: Option<i64>| {
        pictures
            .iter()
            .find(|p| Some(p.id) == id)
            .and_then(|p| Thumb::of(p).src)
    };
    let back = crate::urls::newsroom::articles(
        &serde_urlencoded::to_string(Filters {
            after: String::new(),
            ..filters.clone()
        })
        .unwrap_or_default(),
    );
    let next_url = page.next.map(|cursor| {
        let query = serde_urlencoded::to_string(Filters {
            after: cursor.encode(),
            edition: filters.edition.clone(),
            section: filters.section.clone(),
            status: filters.status.clone(),
            author: filters.author.clone(),
            q: filters.q.clone(),
            lacks: filters.lacks.clone(),
        })
        .unwrap_or_default();
        crate::urls::newsroom::articles(&query)
    });
    let view = ListView {
        chrome: &desk.chrome,
        filters: &filters,
        rows: page
            .items
            .into_iter()
            .map(|row| Row {
                edition_code: code_of(row.edition_id),
                url: crate::urls::newsroom::article(row.id),
                thumb: thumb_of(row.lead_media_id),
                versions: versions_of(row.id),
                translations_url: format!(
                    "{}#translations",
                    crate::urls::newsroom::article(row.id)
                ),
                row,
            })
            .collect(),
        next_url,
        all_editions: editions
            .iter()
            .map(|e| Choice {
                id: e.id,
                label: e.code.as_str().to_owned(),
            })
            .collect(),
        editions: visible
            .iter()
            .map(|e| Choice {
                id: e.id,
                label: e.code.as_str().to_owned(),
            })
            .collect(),
        sections,
        authors: authors
            .iter()
            .map(|a| Choice {
                id: a.id,
                label: a.name.clone(),
            })
            .collect(),
        statuses: ArticleStatus::ALL.to_vec(),
        bulk_moves: BULK_MOVES,
        bulk,
        back,
    };
    desk.render(&state, StatusCode::OK, "newsroom/articles.html", &view)
}
