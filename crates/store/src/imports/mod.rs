//! What imports write (migration 0027): the map from a source's own ids to
//! the rows they became (`import_items`), which makes a second run find its
//! first run's work; a story with its comments and old addresses in one
//! transaction (`story.rs`); the old addresses readers and search engines
//! still use (`redirects`); the runs the newsroom starts (`runs.rs`).

mod comments;
mod redirects;
mod runs;
mod story;

use std::collections::HashMap;

use dateline_domain::UnixTime;
use sqlx::Row;

use crate::{Result, Store};

pub use comments::ImportedComment;
pub use redirects::REDIRECT_PATH_MAX_BYTES;
pub use runs::{ImportRun, NewImportRun};
pub use story::{ImportedStory, StoryOutcome};

/// What an `import_items` row maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImportKind {
    Article,
    Author,
    Comment,
    Picture,
    Section,
    Tag,
}

impl ImportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Article => "article",
            Self::Author => "author",
            Self::Comment => "comment",
            Self::Picture => "picture",
            Self::Section => "section",
            Self::Tag => "tag",
        }
    }
}

/// A record an earlier run wrote: the row it became and the fingerprint of
/// what the source said then (empty when that run did not finish it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub target_id: i64,
    pub fingerprint: String,
}

impl Imported {
    fn from_row(row: &sqlx::any::AnyRow) -> Result<Self> {
        Ok(Self {
            target_id: row.try_get("target_id")?,
            fingerprint: row.try_get("fingerprint")?,
        })
    }
}

impl Store {
    /// Every record of `kind` imported from `source`, by the source's key.
    pub async fn imported(
        &self,
        source: &str,
        kind: ImportKind,
    ) -> Result<HashMap<String, Imported>> {
        let rows = sqlx::query(
            "SELECT source_key, target_id, fingerprint FROM import_items \
             WHERE source = $1 AND kind = $2",
        )
        .bind(source)
        .bind(kind.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("source_key")?, Imported::from_row(row)?)))
            .collect()
    }

    /// One record imported from `source`, if any.
    pub async fn imported_one(
        &self,
        source: &str,
        kind: ImportKind,
        key: &str,
    ) -> Result<Option<Imported>> {
        let row = sqlx::query(
            "SELECT target_id, fingerprint FROM import_items \
             WHERE source = $1 AND kind = $2 AND source_key = $3",
        )
        .bind(source)
        .bind(kind.as_str())
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(Imported::from_row).transpose()
    }

    /// Notes that `key` of `source` became row `target_id` (authors,
    /// sections, pictures: written through their own paths first, each of
    /// which is idempotent or checked against this map beforehand).
    pub async fn record_imported(
        &self,
        source: &str,
        kind: ImportKind,
        key: &str,
        target_id: i64,
        fingerprint: &str,
        now: UnixTime,
    ) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        record_on(&mut conn, source, kind, key, target_id, fingerprint, now).await
    }
}

pub(crate) async fn record_on(
    conn: &mut sqlx::AnyConnection,
    source: &str,
    kind: ImportKind,
    key: &str,
    target_id: i64,
    fingerprint: &str,
    now: UnixTime,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO import_items (source, kind, source_key, target_id, fingerprint, imported_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (source, kind, source_key) \
         DO UPDATE SET target_id = excluded.target_id, fingerprint = excluded.fingerprint, \
         imported_at = excluded.imported_at",
    )
    .bind(source)
    .bind(kind.as_str())
    .bind(key)
    .bind(target_id)
    .bind(fingerprint)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
