//! Live coverage: an article whose timestamped entries editors post while a
//! story unfolds, readers see appear in real time, and key ones are pinned.
//!
//! Every change of one article's coverage takes the next number of
//! `live_coverage.seq` in its transaction, by updating that row first: its
//! lock makes the changes commit in the order of their numbers, so a stream
//! that has seen change `n` resumes exactly with what came after
//! ([`Store::live_changes`]). Each write records its audit row, purges the
//! article's pages and announces [`crate::events::Event::LiveCoverage`] to
//! every node in the same transaction.
//!
//! - `coverage.rs`: opening and ending the coverage.
//! - `post.rs`: posting an entry.
//! - `edit.rs`: editing, pinning, unpinning and deleting an entry.
//! - `list.rs`: what pages and streams read.

mod coverage;
mod edit;
mod list;
mod post;

pub use edit::EntryChange;
pub use list::{MAX_LIVE_CHANGES, MAX_LIVE_ENTRIES};
pub use post::NewLiveEntry;

use dateline_domain::{ParseError, UnixTime};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::audit::{record_audit_on, NewAudit};
use crate::search::{note_search_changes, SearchEntity};
use crate::{events, Result, Store, StoreError};

/// Whether readers are told the coverage is still going on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LiveStatus {
    Open,
    Ended,
}

impl LiveStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LiveStatus::Open => "open",
            LiveStatus::Ended => "ended",
        }
    }
}

/// An article's live coverage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveCoverage {
    pub article_id: i64,
    pub status: LiveStatus,
    /// The number of the last change (see the module notes).
    pub seq: i64,
    /// The number of the last status change (opened or ended).
    pub status_seq: i64,
    pub started_at: UnixTime,
    pub ended_at: Option<UnixTime>,
}

/// One entry, as the page and the newsroom show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveEntry {
    pub id: i64,
    pub article_id: i64,
    pub body_source: String,
    /// Sanitised when stored (`dateline_render::markdown`).
    pub body_html: String,
    pub author_user_id: Option<i64>,
    /// The author's display name, when the account still exists.
    pub author_name: Option<String>,
    pub posted_at: UnixTime,
    pub updated_at: UnixTime,
    pub pinned: bool,
    pub deleted_at: Option<UnixTime>,
    /// The change that last touched it.
    pub seq: i64,
}

const ENTRY_COLUMNS: &str = "e.id, e.article_id, e.body_source, e.body_html, e.author_user_id, \
     u.display_name AS author_name, e.posted_at, e.updated_at, e.pinned, e.deleted_at, e.seq";
const ENTRY_FROM: &str = "live_entries e LEFT JOIN users u ON u.id = e.author_user_id";

fn entry_from_row(row: &AnyRow) -> Result<LiveEntry> {
    Ok(LiveEntry {
        id: row.try_get("id")?,
        article_id: row.try_get("article_id")?,
        body_source: row.try_get("body_source")?,
        body_html: row.try_get("body_html")?,
        author_user_id: row.try_get("author_user_id")?,
        author_name: row.try_get("author_name")?,
        posted_at: row.try_get("posted_at")?,
        updated_at: row.try_get("updated_at")?,
        pinned: row.try_get::<i64, _>("pinned")? == 1,
        deleted_at: row.try_get("deleted_at")?,
        seq: row.try_get("seq")?,
    })
}

fn coverage_from_row(row: &AnyRow) -> Result<LiveCoverage> {
    let status: String = row.try_get("status")?;
    Ok(LiveCoverage {
        article_id: row.try_get("article_id")?,
        status: match status.as_str() {
            "open" => LiveStatus::Open,
            "ended" => LiveStatus::Ended,
            other => {
                return Err(StoreError::Corrupt {
                    table: "live_coverage",
                    detail: format!("status {other:?}"),
                })
            }
        },
        seq: row.try_get("seq")?,
        status_seq: row.try_get("status_seq")?,
        started_at: row.try_get("started_at")?,
        ended_at: row.try_get("ended_at")?,
    })
}

const COVERAGE_COLUMNS: &str = "article_id, status, seq, status_seq, started_at, ended_at";

async fn entry_on(conn: &mut AnyConnection, id: i64) -> Result<LiveEntry> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM {ENTRY_FROM} WHERE e.id = $1");
    let row = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    entry_from_row(&row)
}

/// Takes the article's next change number, locking its coverage row until
/// the transaction ends. `open_only` refuses coverage that has ended.
async fn next_seq(conn: &mut AnyConnection, article_id: i64, open_only: bool) -> Result<i64> {
    let sql = if open_only {
        "UPDATE live_coverage SET seq = seq + 1 WHERE article_id = $1 AND status = 'open' RETURNING seq"
    } else {
        "UPDATE live_coverage SET seq = seq + 1 WHERE article_id = $1 RETURNING seq"
    };
    let seq: Option<i64> = sqlx::query_scalar(sql)
        .bind(article_id)
        .fetch_optional(&mut *conn)
        .await?;
    seq.ok_or_else(|| {
        StoreError::Invalid(ParseError::new(
            "coverage",
            "live_not_open",
            "this article has no open live coverage",
        ))
    })
}

/// `audit` naming the entry in its details.
fn with_entry(audit: &NewAudit, entry_id: i64) -> NewAudit {
    let mut audit = audit.clone();
    if let Some(details) = audit.details.as_object_mut() {
        details.insert("entry_id".into(), entry_id.into());
    }
    audit
}

impl Store {
    /// Writes the audit row, notes the article for search (a live-coverage
    /// story), stages the purge and the announcement of change `seq`,
    /// commits, and tells this node's subscribers.
    async fn finish_live_write(
        &self,
        mut tx: sqlx::Transaction<'static, sqlx::Any>,
        article_id: i64,
        seq: i64,
        audit: &NewAudit,
    ) -> Result<()> {
        record_audit_on(&mut tx, audit).await?;
        let changes = [(SearchEntity::Article, article_id)];
        note_search_changes(&mut tx, self.backend, &changes, audit.at).await?;
        let events = events::live_changed(self.node_id(), article_id, seq);
        let staged = self.stage_events(&mut tx, events).await?;
        tx.commit().await?;
        staged.deliver();
        Ok(())
    }
}
