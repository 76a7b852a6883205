//! Moving an article through the workflow (publish, correct, unpublish, …).

use dateline_domain::{ArticleStatus, UnixTime};
use sqlx::Row;

use super::relations::{shift_visibility, sync_join_rows};
use super::{flag, load_article, ArticleKey};
use crate::editions::parse_col;
use crate::records::Article;
use crate::{Result, Store, StoreError};

/// How often a status change re-reads the article after losing a race with
/// another save before giving up with `Conflict`.
const ATTEMPTS: usize = 5;

struct Current {
    edition_id: i64,
    section_id: i64,
    status: ArticleStatus,
    published_at: Option<UnixTime>,
    version: i64,
}

impl Store {
    async fn status_state(&self, id: i64) -> Result<Current> {
        let row = sqlx::query(
            "SELECT edition_id, section_id, status, published_at, version FROM articles WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(Current {
            edition_id: row.try_get("edition_id")?,
            section_id: row.try_get("section_id")?,
            status: parse_col(&row, "status", "articles")?,
            published_at: row.try_get("published_at")?,
            version: row.try_get("version")?,
        })
    }

    /// Moves an article to `status`. Entering a public status for the first
    /// time sets `published_at = now`; `updated_at = now` always; version is
    /// bumped. Counters (edition, section, tags, authors) change exactly when
    /// visibility changes.
    ///
    /// "For the first time" means no publication time is stored yet: an
    /// article taken down and republished keeps its original time. There is
    /// no version check for the caller; a concurrent save makes the change
    /// retry on the fresh state. Unknown article → `NotFound`.
    pub async fn set_article_status(
        &self,
        id: i64,
        status: ArticleStatus,
        now: UnixTime,
    ) -> Result<Article> {
        for _ in 0..ATTEMPTS {
            let current = self.status_state(id).await?;
            let was_public = current.status.is_public();
            let public = status.is_public();
            let published_at = match current.published_at {
                None if public => Some(now),
                kept => kept,
            };

            let mut tx = self.pool.begin().await?;
            // The version guard makes `current` the state being replaced.
            let done = sqlx::query(
                "UPDATE articles SET status = $1, is_public = $2, published_at = $3, updated_at = $4, \
                 version = version + 1 WHERE id = $5 AND version = $6",
            )
            .bind(status.as_str())
            .bind(flag(public))
            .bind(published_at)
            .bind(now)
            .bind(id)
            .bind(current.version)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                continue;
            }
            if public != was_public || published_at != current.published_at {
                sync_join_rows(&mut tx, id, published_at, public).await?;
            }
            if public != was_public {
                let delta = if public { 1 } else { -1 };
                shift_visibility(&mut tx, id, current.edition_id, current.section_id, delta)
                    .await?;
            }
            let article = load_article(&mut tx, ArticleKey::Id(id))
                .await?
                .ok_or(StoreError::NotFound)?;
            tx.commit().await?;
            return Ok(article);
        }
        Err(StoreError::Conflict { what: "article" })
    }
}
