//! Finding pictures in the media bank by words of their caption, credit,
//! by-line and keywords, and by when they were taken; editing those words.
//!
//! Words match as substrings of `search_text`, a lower-cased copy of the
//! asset's text fields kept by the store (`LIKE '%word%'`). That cannot use
//! a B-tree index, so it reads every row the other conditions leave — a
//! few milliseconds per ten thousand assets on both backends, which is the
//! media bank's scale. The date range and the keyset order use indexes. A
//! much larger archive would want PostgreSQL trigram (pg_trgm) and SQLite
//! FTS5 indexes, which would make the two backends' matching rules differ.

use dateline_domain::UnixTime;
use sqlx::Row;

use super::uploads::keywords_text;
use super::{media_from_row, search_text, MAX_PAGE, MEDIA_COLUMNS};
use crate::audit::{record_audit_on, NewAudit};
use crate::events::{CacheKey, Event};
use crate::params::Params;
use crate::records::{MediaAsset, Page};
use crate::search::{note_search_changes, SearchEntity};
use crate::{Cursor, Result, Store, StoreError};

/// A media-bank search, newest upload first (`created_at DESC, id DESC`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MediaSearch {
    /// Every word must occur (case-insensitively) in the caption, alt text,
    /// credit, copyright, source, by-line or keywords.
    pub text: String,
    /// Inclusive lower bound on `taken_at`; assets without one never match.
    pub taken_from: Option<UnixTime>,
    /// Exclusive upper bound on `taken_at`.
    pub taken_until: Option<UnixTime>,
    pub uploaded_by: Option<i64>,
    pub limit: u32,
    pub after: Option<Cursor>,
}

/// Text fields an editor may change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MediaTextUpdate {
    pub caption: Option<String>,
    pub alt_text: Option<String>,
    pub credit: Option<String>,
    pub copyright: Option<String>,
    pub source: Option<String>,
    pub creator: Option<String>,
    pub keywords: Option<Vec<String>>,
}

impl Store {
    /// Searches the media bank; `limit` is clamped to 1..=100.
    pub async fn search_media(&self, search: &MediaSearch) -> Result<Page<MediaAsset>> {
        let limit = search.limit.clamp(1, MAX_PAGE);
        let mut conditions: Vec<String> = Vec::new();
        let mut params = Params::default();
        conditions.extend(params.words("search_text", &search.text, usize::MAX));
        if let Some(from) = search.taken_from {
            conditions.push(format!("taken_at >= {}", params.int(from)));
        }
        if let Some(until) = search.taken_until {
            conditions.push(format!("taken_at < {}", params.int(until)));
        }
        if let Some(user) = search.uploaded_by {
            conditions.push(format!("uploaded_by = {}", params.int(user)));
        }
        if let Some(after) = search.after {
            // The plain bound lets the planner range-scan `created_at`.
            conditions.push(format!("created_at <= {}", params.int(after.time)));
            conditions.push(params.before("created_at", "id", after));
        }
        let limit_param = params.int(i64::from(limit) + 1);
        let filter = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        let sql = format!(
            "SELECT {MEDIA_COLUMNS} FROM media_assets {filter} \
             ORDER BY created_at DESC, id DESC LIMIT {limit_param}"
        );
        let rows = params
            .bind_to(sqlx::query(&sql))
            .fetch_all(&self.pool)
            .await?;
        let mut items = rows
            .iter()
            .map(media_from_row)
            .collect::<Result<Vec<_>>>()?;
        let next = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items.last().map(|m| Cursor {
                time: m.created_at,
                id: m.id,
            })
        } else {
            None
        };
        self.fill_renditions(items.iter_mut()).await?;
        Ok(Page { items, next })
    }

    /// Changes an asset's text fields and announces `m{id}` to page caches
    /// in the same transaction; when credit, copyright or creator change,
    /// queues its renditions again. Records `audit` and notes the picture
    /// for search (and, when its caption or credit changed, the stories
    /// using it, whose documents carry them) in the same transaction.
    /// Returns the asset as stored now.
    pub async fn update_media_text(
        &self,
        media_id: i64,
        update: &MediaTextUpdate,
        audit: &NewAudit,
    ) -> Result<MediaAsset> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "SELECT caption, alt_text, credit, copyright, source, creator, keywords \
             FROM media_assets WHERE id = $1",
        )
        .bind(media_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let pick = |new: &Option<String>, column: &str| -> Result<String> {
            Ok(match new {
                Some(value) => value.trim().to_owned(),
                None => row.try_get(column)?,
            })
        };
        let caption = pick(&update.caption, "caption")?;
        let alt_text = pick(&update.alt_text, "alt_text")?;
        let credit = pick(&update.credit, "credit")?;
        let copyright = pick(&update.copyright, "copyright")?;
        let source = pick(&update.source, "source")?;
        let creator = pick(&update.creator, "creator")?;
        let keywords = match &update.keywords {
            Some(list) => keywords_text(list),
            None => row.try_get("keywords")?,
        };
        let search = search_text(&[
            &caption, &alt_text, &credit, &copyright, &source, &creator, &keywords,
        ]);
        // Renditions carry credit, copyright and creator in their XMP: when
        // one changes they are made again (under new keys). The old files
        // keep serving until the new ones are recorded.
        let rights_changed = credit != row.try_get::<String, _>("credit")?
            || copyright != row.try_get::<String, _>("copyright")?
            || creator != row.try_get::<String, _>("creator")?;
        // Article documents carry their pictures' captions and credits.
        let shown_changed = caption != row.try_get::<String, _>("caption")?
            || credit != row.try_get::<String, _>("credit")?;
        sqlx::query(
            "UPDATE media_assets SET caption = $1, alt_text = $2, credit = $3, copyright = $4, \
             source = $5, creator = $6, keywords = $7, search_text = $8, \
             renditions_state = CASE WHEN $10 = 1 THEN 'pending' ELSE renditions_state END, \
             renditions_attempts = CASE WHEN $10 = 1 THEN 0 ELSE renditions_attempts END, \
             renditions_error = CASE WHEN $10 = 1 THEN '' ELSE renditions_error END, \
             renditions_lease_until = CASE WHEN $10 = 1 THEN NULL ELSE renditions_lease_until END \
             WHERE id = $9",
        )
        .bind(caption.as_str())
        .bind(alt_text.as_str())
        .bind(credit.as_str())
        .bind(copyright.as_str())
        .bind(source.as_str())
        .bind(creator.as_str())
        .bind(keywords.as_str())
        .bind(search.as_str())
        .bind(media_id)
        .bind(i64::from(rights_changed))
        .execute(&mut *tx)
        .await?;
        record_audit_on(&mut tx, audit).await?;
        let mut changes = vec![(SearchEntity::Media, media_id)];
        if shown_changed {
            let stories: Vec<i64> = sqlx::query_scalar(
                "SELECT article_id FROM article_media WHERE media_id = $1 ORDER BY article_id",
            )
            .bind(media_id)
            .fetch_all(&mut *tx)
            .await?;
            changes.extend(stories.into_iter().map(|id| (SearchEntity::Article, id)));
        }
        note_search_changes(&mut tx, self.backend, &changes, audit.at).await?;
        let events = vec![Event::purge(self.node_id(), [CacheKey::Media(media_id)])];
        let staged = self.stage_events(&mut tx, events).await?;
        tx.commit().await?;
        staged.deliver();
        self.media_by_id(media_id)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Computes `search_text` for up to `limit` assets that have none (rows
    /// from before migration 0004); returns how many it filled. Call until 0.
    pub async fn backfill_media_search(&self, limit: u32) -> Result<u64> {
        let rows = sqlx::query(
            "SELECT id, caption, alt_text, credit, copyright, source, creator, keywords \
             FROM media_assets WHERE search_text IS NULL ORDER BY id LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let mut filled = 0;
        for row in &rows {
            let text = |c: &str| row.try_get::<String, _>(c);
            let search = search_text(&[
                &text("caption")?,
                &text("alt_text")?,
                &text("credit")?,
                &text("copyright")?,
                &text("source")?,
                &text("creator")?,
                &text("keywords")?,
            ]);
            filled += sqlx::query(
                "UPDATE media_assets SET search_text = $1 WHERE id = $2 AND search_text IS NULL",
            )
            .bind(search.as_str())
            .bind(row.try_get::<i64, _>("id")?)
            .execute(&self.pool)
            .await?
            .rows_affected();
        }
        Ok(filled)
    }
}
