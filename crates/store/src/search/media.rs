//! Picture documents for the indexer: the media bank's texts and the
//! stories using each picture, two queries per batch.

use std::collections::HashMap;

use dateline_domain::UnixTime;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::{sorted_ids, Scope, IDS_PER_QUERY};
use crate::{Result, Store, StoreError};

/// Largest page [`Store::search_pictures_after`] returns.
pub const MAX_SEARCH_MEDIA_PAGE: u32 = 1_000;

/// Stories named in a picture's document, the newest first.
pub const MAX_STORIES_PER_PICTURE: u32 = 20;

/// What a picture's search document is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaSearchRow {
    pub id: i64,
    pub edition_id: Option<i64>,
    pub section_id: Option<i64>,
    pub caption: String,
    pub alt_text: String,
    pub credit: String,
    pub copyright: String,
    pub source: String,
    pub created_at: UnixTime,
    /// Readers may see it (a public story uses it, or it was released).
    pub is_public: bool,
    pub width: u32,
    pub height: u32,
    /// `(article id, headline, article is public)` of the newest
    /// [`MAX_STORIES_PER_PICTURE`] stories using it (lead, social or body
    /// picture), by article id.
    pub stories: Vec<(i64, String, bool)>,
}

const COLUMNS: &str = "id, edition_id, section_id, caption, alt_text, credit, copyright, source, \
     created_at, is_public, width, height";

fn dimension(row: &AnyRow, col: &str) -> Result<u32> {
    let raw: i64 = row.try_get(col)?;
    u32::try_from(raw).map_err(|_| StoreError::Corrupt {
        table: "media_assets",
        detail: format!("{col}: {raw} is out of range"),
    })
}

fn row_from(row: &AnyRow) -> Result<MediaSearchRow> {
    Ok(MediaSearchRow {
        id: row.try_get("id")?,
        edition_id: row.try_get("edition_id")?,
        section_id: row.try_get("section_id")?,
        caption: row.try_get("caption")?,
        alt_text: row.try_get("alt_text")?,
        credit: row.try_get("credit")?,
        copyright: row.try_get("copyright")?,
        source: row.try_get("source")?,
        created_at: row.try_get("created_at")?,
        is_public: row.try_get::<i64, _>("is_public")? != 0,
        width: dimension(row, "width")?,
        height: dimension(row, "height")?,
        stories: Vec::new(),
    })
}

impl Store {
    /// The documents of the pictures `ids` that exist, by id ascending;
    /// ids that no longer exist are absent. Any number of ids.
    pub async fn search_pictures(&self, ids: &[i64]) -> Result<Vec<MediaSearchRow>> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in sorted_ids(ids).chunks(IDS_PER_QUERY) {
            let scope = Scope::Ids(chunk);
            let sql = format!(
                "SELECT {COLUMNS} FROM media_assets WHERE {} ORDER BY id",
                scope.condition("id")
            );
            let rows = scope.bind(sqlx::query(&sql)).fetch_all(&self.pool).await?;
            let mut found = rows.iter().map(row_from).collect::<Result<Vec<_>>>()?;
            let found_ids: Vec<i64> = found.iter().map(|m| m.id).collect();
            self.fill_stories(&mut found, Scope::Ids(&found_ids))
                .await?;
            out.extend(found);
        }
        Ok(out)
    }

    /// The documents of the pictures after `after_id` by id, at most
    /// `limit` (clamped to 1..=1,000): a full reindex pages with the last
    /// id it got.
    pub async fn search_pictures_after(
        &self,
        after_id: i64,
        limit: u32,
    ) -> Result<Vec<MediaSearchRow>> {
        let limit = limit.clamp(1, MAX_SEARCH_MEDIA_PAGE);
        let sql = format!("SELECT {COLUMNS} FROM media_assets WHERE id > $1 ORDER BY id LIMIT $2");
        let rows = sqlx::query(&sql)
            .bind(after_id)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        let mut found = rows.iter().map(row_from).collect::<Result<Vec<_>>>()?;
        if let Some(last) = found.last().map(|m| m.id) {
            let scope = Scope::Range {
                after: after_id,
                last,
            };
            self.fill_stories(&mut found, scope).await?;
        }
        Ok(found)
    }

    /// Adds the stories using each picture; `rows` are exactly the
    /// pictures in `scope`.
    async fn fill_stories(&self, rows: &mut [MediaSearchRow], scope: Scope<'_>) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let at: HashMap<i64, usize> = rows.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
        // A file photo may illustrate tens of thousands of stories: its
        // document names the newest few.
        let sql = format!(
            "SELECT media_id, id, headline, is_public FROM (\
             SELECT j.media_id, a.id, a.headline, a.is_public, \
             ROW_NUMBER() OVER (PARTITION BY j.media_id ORDER BY a.id DESC) AS n \
             FROM article_media j JOIN articles a ON a.id = j.article_id WHERE {}) s \
             WHERE n <= {MAX_STORIES_PER_PICTURE} ORDER BY media_id, id",
            scope.condition("j.media_id")
        );
        for row in scope.bind(sqlx::query(&sql)).fetch_all(&self.pool).await? {
            if let Some(&i) = at.get(&row.try_get::<i64, _>("media_id")?) {
                rows[i].stories.push((
                    row.try_get("id")?,
                    row.try_get("headline")?,
                    row.try_get::<i64, _>("is_public")? != 0,
                ));
            }
        }
        Ok(())
    }
}
