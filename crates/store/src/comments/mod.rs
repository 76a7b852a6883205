//! Reader comments: posting, listing by keyset pages, edits, likes, reports,
//! moderation (statuses, reader sanctions, the moderation log, word lists and
//! per-section and per-article settings).
//!
//! `articles.comment_count` counts published comments and each comment's
//! `reply_count` its published replies; both move in the transaction that
//! changes a status, which also announces the purge of the article's pages.

mod bulk;
mod counters;
mod edit;
mod erase;
#[cfg(any(test, feature = "testing"))]
mod fixture;
mod list;
mod moderate;
mod post;
mod reactions;
mod sanctions;
mod settings;

pub(crate) use counters::{count_visibility, lock_comments_of};
pub(crate) use erase::erase_on;
pub(crate) use post::reply_place;

pub use bulk::BulkComment;
pub use edit::{CommentEdit, EditCheck};
pub use list::{
    CommentPage, CommentQuery, CommentThread, QueueKind, QueuePage, ReplyBranch, REPLIES_SHOWN,
};
pub use moderate::{ModerationAction, ModerationLogEntry, StatusChange};
pub use post::{NewComment, PostFacts};
pub use reactions::{LikeOutcome, NewReport};
pub use sanctions::{CommenterRecord, Sanction, SanctionKind};
pub use settings::{
    ArticleCommentSettings, CommentSettings, ModerationWord, SectionCommentSettings,
};

use dateline_domain::comment::CommentStatus;
use dateline_domain::UnixTime;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::editions::parse_col;
use crate::{Result, StoreError};

/// A comment with its author's name, as pages and queues show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: i64,
    pub article_id: i64,
    pub reader_id: i64,
    pub author_name: String,
    pub parent_id: Option<i64>,
    pub reply_to_id: Option<i64>,
    pub root_id: Option<i64>,
    pub depth: i64,
    pub body_source: String,
    pub body_html: String,
    pub status: CommentStatus,
    pub status_reason: String,
    pub created_at: UnixTime,
    pub edited_at: Option<UnixTime>,
    pub reply_count: i64,
    pub like_count: i64,
    pub report_count: i64,
    /// Set when its author removed it after others had replied: the text
    /// is gone and pages show a placeholder above the replies.
    pub erased_at: Option<UnixTime>,
}

/// What a comment query selects; `c` is the comment, `r` its author.
/// An imported comment shows the name its old site kept (`guest_name`).
pub(crate) const COMMENT_COLUMNS: &str = "c.id, c.article_id, c.reader_id, \
     COALESCE(c.guest_name, r.display_name) AS display_name, \
     c.parent_id, c.reply_to_id, c.root_id, c.depth, c.body_source, c.body_html, c.status, \
     c.status_reason, c.created_at, c.edited_at, c.reply_count, c.like_count, c.report_count, c.erased_at";

/// `FROM` naming the comment `c` and its author `r`.
pub(crate) const COMMENT_FROM: &str = "comments c JOIN readers r ON r.id = c.reader_id";

pub(crate) fn comment_from_row(row: &AnyRow) -> Result<Comment> {
    Ok(Comment {
        id: row.try_get("id")?,
        article_id: row.try_get("article_id")?,
        reader_id: row.try_get("reader_id")?,
        author_name: row.try_get("display_name")?,
        parent_id: row.try_get("parent_id")?,
        reply_to_id: row.try_get("reply_to_id")?,
        root_id: row.try_get("root_id")?,
        depth: row.try_get("depth")?,
        body_source: row.try_get("body_source")?,
        body_html: row.try_get("body_html")?,
        status: parse_col(row, "status", "comments")?,
        status_reason: row.try_get("status_reason")?,
        created_at: row.try_get("created_at")?,
        edited_at: row.try_get("edited_at")?,
        reply_count: row.try_get("reply_count")?,
        like_count: row.try_get("like_count")?,
        report_count: row.try_get("report_count")?,
        erased_at: row.try_get("erased_at")?,
    })
}

/// One comment on `conn` (inside a transaction), or `NotFound`.
pub(crate) async fn comment_on(conn: &mut AnyConnection, id: i64) -> Result<Comment> {
    let sql = format!("SELECT {COMMENT_COLUMNS} FROM {COMMENT_FROM} WHERE c.id = $1");
    let row = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    comment_from_row(&row)
}

impl crate::Store {
    /// One comment whatever its status, or `None`.
    pub async fn comment_by_id(&self, id: i64) -> Result<Option<Comment>> {
        let sql = format!("SELECT {COMMENT_COLUMNS} FROM {COMMENT_FROM} WHERE c.id = $1");
        sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(comment_from_row)
            .transpose()
    }
}
