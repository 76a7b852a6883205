//! Revisions: a snapshot of the article after every save, listed, compared
//! and restored from the newsroom.

use dateline_domain::UnixTime;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::update::Save;
use crate::editions::parse_col;
use crate::records::{Article, ArticleSnapshot, Revision, RevisionKind, RevisionSummary};
use crate::{Result, Store, StoreError};

/// Autosaves by one person within this many seconds of the previous one
/// update that revision instead of adding another.
const AUTOSAVE_COALESCE_SECS: i64 = 600;

const SUMMARY_COLUMNS: &str = "r.id, r.article_id, r.version, r.status, r.kind, r.saved_by, \
     r.saved_at, u.display_name AS saved_by_name";

/// Records `article` as it now stands; called inside the transaction that
/// saved it, so history and article never disagree.
pub(super) async fn record_revision(
    conn: &mut AnyConnection,
    article: &Article,
    kind: RevisionKind,
    actor: Option<i64>,
    now: UnixTime,
) -> Result<()> {
    let content =
        serde_json::to_string(&ArticleSnapshot::of(article)).map_err(|e| StoreError::Corrupt {
            table: "article_revisions",
            detail: format!("snapshot does not serialise: {e}"),
        })?;
    if kind == RevisionKind::Autosaved && actor.is_some() {
        let last = sqlx::query(
            "SELECT id, kind, saved_by, saved_at FROM article_revisions WHERE article_id = $1 \
             ORDER BY id DESC LIMIT 1",
        )
        .bind(article.id)
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(last) = last {
            let last_kind: String = last.try_get("kind")?;
            let saved_by: Option<i64> = last.try_get("saved_by")?;
            let saved_at: i64 = last.try_get("saved_at")?;
            if last_kind == RevisionKind::Autosaved.as_str()
                && saved_by == actor
                && now - saved_at < AUTOSAVE_COALESCE_SECS
            {
                let id: i64 = last.try_get("id")?;
                sqlx::query(
                    "UPDATE article_revisions SET version = $1, status = $2, content = $3, \
                     saved_at = $4 WHERE id = $5",
                )
                .bind(article.version)
                .bind(article.status.as_str())
                .bind(content)
                .bind(now)
                .bind(id)
                .execute(&mut *conn)
                .await?;
                return Ok(());
            }
        }
    }
    sqlx::query(
        "INSERT INTO article_revisions (article_id, version, status, kind, content, saved_by, saved_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(article.id)
    .bind(article.version)
    .bind(article.status.as_str())
    .bind(kind.as_str())
    .bind(content)
    .bind(actor)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn summary_from_row(row: &AnyRow) -> Result<RevisionSummary> {
    let kind: String = row.try_get("kind")?;
    Ok(RevisionSummary {
        id: row.try_get("id")?,
        article_id: row.try_get("article_id")?,
        version: row.try_get("version")?,
        status: parse_col(row, "status", "article_revisions")?,
        kind: RevisionKind::parse(&kind).ok_or_else(|| StoreError::Corrupt {
            table: "article_revisions",
            detail: format!("unknown kind {kind:?}"),
        })?,
        saved_by: row.try_get("saved_by")?,
        saved_by_name: row.try_get("saved_by_name")?,
        saved_at: row.try_get("saved_at")?,
    })
}

impl Store {
    /// An article's history, newest first.
    pub async fn revisions(&self, article_id: i64) -> Result<Vec<RevisionSummary>> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM article_revisions r LEFT JOIN users u ON u.id = r.saved_by \
             WHERE r.article_id = $1 ORDER BY r.id DESC"
        );
        sqlx::query(&sql)
            .bind(article_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(summary_from_row)
            .collect()
    }

    /// One revision of one article, with its content. A revision of another
    /// article → `NotFound`.
    pub async fn revision(&self, article_id: i64, revision_id: i64) -> Result<Revision> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, r.content FROM article_revisions r \
             LEFT JOIN users u ON u.id = r.saved_by WHERE r.id = $1 AND r.article_id = $2"
        );
        let row = sqlx::query(&sql)
            .bind(revision_id)
            .bind(article_id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        let content: String = row.try_get("content")?;
        Ok(Revision {
            summary: summary_from_row(&row)?,
            content: serde_json::from_str(&content).map_err(|e| StoreError::Corrupt {
                table: "article_revisions",
                detail: format!("content: {e}"),
            })?,
        })
    }

    /// Brings the article's fields back to a revision's, as a new save (the
    /// history only grows). The status is not touched: restoring an old text
    /// of a published story republishes that text, under the address it
    /// has (a story once published keeps its slug). Stale `expected_version`
    /// → `Conflict`. `save.kind` is ignored: the revision says "restored".
    pub async fn restore_revision(
        &self,
        article_id: i64,
        revision_id: i64,
        expected_version: i64,
        save: Save,
        now: UnixTime,
    ) -> Result<Article> {
        let revision = self.revision(article_id, revision_id).await?;
        let current = self
            .article_by_id(article_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut update = revision.content.to_update();
        if current.published_at.is_some() {
            // Readers' links keep working: a story that has been out keeps
            // its address whatever revision comes back.
            update.slug = None;
        }
        let save = Save {
            kind: RevisionKind::Restored,
            ..save
        };
        self.save_article(article_id, expected_version, &update, save, now)
            .await
    }
}
