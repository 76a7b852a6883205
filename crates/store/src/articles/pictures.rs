//! An article's pictures: its `article_media` links, each asset's usage
//! counter, and the public-use counter that decides which pictures readers
//! may see (`media::visibility`). Every function runs in the caller's
//! transaction, after the article's row was written (and so locked), and
//! returns the pictures whose visibility changed, for the purge.

use sqlx::AnyConnection;

use crate::media::shift_uses;
use crate::{Result, StoreError};

fn public_uses(public: bool) -> i64 {
    i64::from(public)
}

/// Links the article to `media_ids` (none linked yet) and counts the uses;
/// a public article gives each a public use.
pub(super) async fn link_media(
    conn: &mut AnyConnection,
    article_id: i64,
    media_ids: &[i64],
    public: bool,
) -> Result<Vec<i64>> {
    if media_ids.is_empty() {
        return Ok(Vec::new());
    }
    let values = (0..media_ids.len())
        .map(|i| format!("($1, ${})", i + 2))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!("INSERT INTO article_media (article_id, media_id) VALUES {values}");
    let mut query = sqlx::query(&sql).bind(article_id);
    for id in media_ids {
        query = query.bind(*id);
    }
    query
        .execute(&mut *conn)
        .await
        .map_err(StoreError::on_constraint("media asset"))?;
    shift_uses(conn, media_ids, 1, public_uses(public)).await
}

/// Unlinks `media_ids` from the article, uncounting their uses (and their
/// public uses when the article is public).
pub(super) async fn unlink_media(
    conn: &mut AnyConnection,
    article_id: i64,
    media_ids: &[i64],
    public: bool,
) -> Result<Vec<i64>> {
    if media_ids.is_empty() {
        return Ok(Vec::new());
    }
    let flipped = shift_uses(conn, media_ids, -1, -public_uses(public)).await?;
    let sql = format!(
        "DELETE FROM article_media WHERE article_id = $1 AND media_id IN ({})",
        super::placeholders(2, media_ids.len())
    );
    let mut query = sqlx::query(&sql).bind(article_id);
    for id in media_ids {
        query = query.bind(*id);
    }
    query.execute(&mut *conn).await?;
    Ok(flipped)
}

/// Makes the article's links match `wanted` (sorted, distinct): only the
/// pictures added or removed are touched.
pub(super) async fn relink_media(
    conn: &mut AnyConnection,
    article_id: i64,
    wanted: &[i64],
    public: bool,
) -> Result<Vec<i64>> {
    let linked = linked_media(conn, article_id).await?;
    let removed: Vec<i64> = linked
        .iter()
        .filter(|id| wanted.binary_search(id).is_err())
        .copied()
        .collect();
    let added: Vec<i64> = wanted
        .iter()
        .filter(|id| linked.binary_search(id).is_err())
        .copied()
        .collect();
    let mut flipped = unlink_media(conn, article_id, &removed, public).await?;
    flipped.extend(link_media(conn, article_id, &added, public).await?);
    Ok(flipped)
}

/// The article became public (`delta = 1`) or hidden (`delta = -1`): each of
/// its pictures gains or loses a public use.
pub(super) async fn shift_public_uses(
    conn: &mut AnyConnection,
    article_id: i64,
    delta: i64,
) -> Result<Vec<i64>> {
    let linked = linked_media(conn, article_id).await?;
    shift_uses(conn, &linked, 0, delta).await
}

/// The media assets the article is linked to now, ascending.
pub(super) async fn linked_media(conn: &mut AnyConnection, article_id: i64) -> Result<Vec<i64>> {
    let ids = sqlx::query_scalar(
        "SELECT media_id FROM article_media WHERE article_id = $1 ORDER BY media_id",
    )
    .bind(article_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids)
}
