//! The change log: noting what a write changed, reading it back in order,
//! and pruning what every node has had a week to read.

use dateline_domain::UnixTime;
use sqlx::{AnyConnection, Row};

use super::{SearchChange, SearchEntity};
use crate::articles::dedup_keep_order;
use crate::{Backend, Result, Store, StoreError};

/// The PostgreSQL advisory lock (transaction level) every writer of
/// `search_changes` takes just before inserting: held until its commit, it
/// makes the rows commit in `seq` order. Nothing else may use this key.
pub const SEARCH_CHANGES_LOCK: i64 = 0x6474_6c6e_7365_6172; // "dtlnsear"

/// How long change rows are kept: a node that falls further behind rebuilds.
pub const SEARCH_CHANGES_KEPT_SECS: i64 = 7 * 86_400;

/// Largest page [`Store::search_changes_after`] returns.
pub const MAX_CHANGES_PAGE: u32 = 10_000;

/// Rows per `INSERT` (two binds each, under either backend's limit).
const ROWS_PER_INSERT: usize = 1_000;

/// Notes that `changes` happened, in the caller's transaction, each
/// `(entity, id)` once. Call it as late as practical, just before the
/// events are staged and the transaction commits: on PostgreSQL it takes
/// [`SEARCH_CHANGES_LOCK`] first, which every other noting transaction then
/// waits for until this one ends, so that rows commit in `seq` order (a
/// reader that has seen `seq` N can never later see a row below N appear).
/// SQLite needs no lock: `BEGIN IMMEDIATE` already serialises writers.
pub(crate) async fn note_search_changes(
    conn: &mut AnyConnection,
    backend: Backend,
    changes: &[(SearchEntity, i64)],
    now: UnixTime,
) -> Result<()> {
    let changes = dedup_keep_order(changes);
    if changes.is_empty() {
        return Ok(());
    }
    if backend == Backend::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(SEARCH_CHANGES_LOCK)
            .execute(&mut *conn)
            .await?;
    }
    for chunk in changes.chunks(ROWS_PER_INSERT) {
        let values = (0..chunk.len())
            .map(|i| format!("(${}, ${}, $1)", 2 * i + 2, 2 * i + 3))
            .collect::<Vec<_>>()
            .join(", ");
        let sql =
            format!("INSERT INTO search_changes (entity, entity_id, changed_at) VALUES {values}");
        let mut query = sqlx::query(&sql).bind(now);
        for (entity, id) in chunk {
            query = query.bind(entity.as_str()).bind(*id);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// An article and the pictures `media` (whose "stories using it" list,
/// and maybe visibility, changed with it), for [`note_search_changes`].
pub(crate) fn article_and_pictures(article_id: i64, media: &[i64]) -> Vec<(SearchEntity, i64)> {
    std::iter::once((SearchEntity::Article, article_id))
        .chain(media.iter().map(|id| (SearchEntity::Media, *id)))
        .collect()
}

/// The system clock in Unix seconds, for the few writes whose callers give
/// no time (a change row's time only decides when it is pruned).
pub(crate) fn wall_clock() -> UnixTime {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

impl Store {
    /// The changes after `after_seq`, oldest first, at most `limit`
    /// (clamped to 1..=[`MAX_CHANGES_PAGE`]). An indexer applies them and
    /// remembers the last `seq`; 0 reads from the start.
    pub async fn search_changes_after(
        &self,
        after_seq: i64,
        limit: u32,
    ) -> Result<Vec<SearchChange>> {
        let rows = sqlx::query(
            "SELECT seq, entity, entity_id FROM search_changes WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after_seq)
        .bind(i64::from(limit.clamp(1, MAX_CHANGES_PAGE)))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let raw: String = row.try_get("entity")?;
                Ok(SearchChange {
                    seq: row.try_get("seq")?,
                    entity: SearchEntity::parse(&raw).ok_or_else(|| StoreError::Corrupt {
                        table: "search_changes",
                        detail: format!("entity: {raw:?}"),
                    })?,
                    id: row.try_get("entity_id")?,
                })
            })
            .collect()
    }

    /// The newest change's `seq`, 0 when there is none: a node that built
    /// its index from scratch starts reading after the head it read first.
    pub async fn search_change_head(&self) -> Result<i64> {
        let head: Option<i64> = sqlx::query_scalar("SELECT MAX(seq) FROM search_changes")
            .fetch_one(&self.pool)
            .await?;
        Ok(head.unwrap_or(0))
    }

    /// The oldest change still kept, 0 when there is none. Pruning removes
    /// a prefix of the log, so a node at position `p` has missed nothing
    /// while `p + 1 >= floor`; a node further behind (read the floor after
    /// reading a page, since a prune may run in between) rebuilds.
    pub async fn search_change_floor(&self) -> Result<i64> {
        let floor: Option<i64> = sqlx::query_scalar("SELECT MIN(seq) FROM search_changes")
            .fetch_one(&self.pool)
            .await?;
        Ok(floor.unwrap_or(0))
    }

    /// Deletes the oldest changes, up to the first one made at or after
    /// `older_than` (a prefix by `seq`, whatever the clocks of the nodes
    /// that wrote them said), and never the newest, so the head and the
    /// floor stay known. Returns how many rows went.
    pub async fn prune_search_changes(&self, older_than: UnixTime) -> Result<u64> {
        let done = sqlx::query(
            "DELETE FROM search_changes WHERE seq < COALESCE(\
             (SELECT MIN(seq) FROM search_changes WHERE changed_at >= $1), \
             (SELECT MAX(seq) FROM search_changes))",
        )
        .bind(older_than)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Notes one `rebuild` change in a transaction of its own: bulk loaders
    /// (`dateline gen`, the demo's installer) write rows without noting
    /// each, then call this once, and every node indexes everything again.
    pub async fn note_search_rebuild(&self) -> Result<()> {
        let mut tx = self.begin_write().await?;
        note_search_changes(
            &mut tx,
            self.backend,
            &[(SearchEntity::Rebuild, 0)],
            wall_clock(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
