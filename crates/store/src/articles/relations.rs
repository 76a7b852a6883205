//! An article's join rows (byline, tags) and the counters they drive; its
//! pictures are linked in `pictures`.
//!
//! Counters move with the join rows they count, inside the caller's
//! transaction: `shift_*` adds `delta` to every row the article is linked to,
//! so "detach = shift(-1) then delete" and "attach = insert then shift(+1)".

use dateline_domain::{Slug, UnixTime};
use sqlx::AnyConnection;

use super::flag;
use crate::people::upsert_tag_on;
use crate::{Result, StoreError};

/// Inserts `(article_id, id, position, published_at, is_public)` rows into
/// `article_authors` or `article_tags`.
async fn insert_ranked(
    conn: &mut AnyConnection,
    table: &'static str,
    column: &'static str,
    article_id: i64,
    ids: &[i64],
    published_at: Option<UnixTime>,
    is_public: bool,
) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    // Article id, publication time and visibility are shared by every row.
    let values = (0..ids.len())
        .map(|i| format!("($1, ${}, ${}, $2, $3)", 4 + 2 * i, 5 + 2 * i))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!("INSERT INTO {table} (article_id, {column}, position, published_at, is_public) VALUES {values}");
    let mut query = sqlx::query(&sql)
        .bind(article_id)
        .bind(published_at)
        .bind(flag(is_public));
    for (position, id) in (0_i64..).zip(ids) {
        query = query.bind(*id).bind(position);
    }
    let what = if table == "article_authors" {
        "author"
    } else {
        "tag"
    };
    query
        .execute(&mut *conn)
        .await
        .map_err(StoreError::on_constraint(what))?;
    Ok(())
}

pub(super) async fn insert_authors(
    conn: &mut AnyConnection,
    article_id: i64,
    author_ids: &[i64],
    published_at: Option<UnixTime>,
    is_public: bool,
) -> Result<()> {
    insert_ranked(
        conn,
        "article_authors",
        "author_id",
        article_id,
        author_ids,
        published_at,
        is_public,
    )
    .await
}

pub(super) async fn insert_tags(
    conn: &mut AnyConnection,
    article_id: i64,
    tag_ids: &[i64],
    published_at: Option<UnixTime>,
    is_public: bool,
) -> Result<()> {
    insert_ranked(
        conn,
        "article_tags",
        "tag_id",
        article_id,
        tag_ids,
        published_at,
        is_public,
    )
    .await
}

/// Finds or creates the edition's tags for `(slug, name)` pairs, in order.
pub(super) async fn tag_ids_for(
    conn: &mut AnyConnection,
    edition_id: i64,
    tags: &[(Slug, String)],
) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(tags.len());
    for (slug, name) in tags {
        ids.push(upsert_tag_on(conn, edition_id, slug, name).await?.id);
    }
    Ok(ids)
}

/// Adds `delta` to the published-article count of every author on the byline.
pub(super) async fn shift_author_counts(
    conn: &mut AnyConnection,
    article_id: i64,
    delta: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE authors SET article_count = article_count + $1 \
         WHERE id IN (SELECT author_id FROM article_authors WHERE article_id = $2)",
    )
    .bind(delta)
    .bind(article_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Adds `delta` to the published-article count of every tag on the article.
pub(super) async fn shift_tag_counts(
    conn: &mut AnyConnection,
    article_id: i64,
    delta: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE tags SET article_count = article_count + $1 \
         WHERE id IN (SELECT tag_id FROM article_tags WHERE article_id = $2)",
    )
    .bind(delta)
    .bind(article_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) async fn shift_section_count(
    conn: &mut AnyConnection,
    section_id: i64,
    delta: i64,
) -> Result<()> {
    sqlx::query("UPDATE sections SET article_count = article_count + $1 WHERE id = $2")
        .bind(delta)
        .bind(section_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The article became visible (`delta = 1`) or hidden (`delta = -1`): every
/// published-article counter it contributes to moves by `delta`.
pub(super) async fn shift_visibility(
    conn: &mut AnyConnection,
    article_id: i64,
    edition_id: i64,
    section_id: i64,
    delta: i64,
) -> Result<()> {
    sqlx::query("UPDATE editions SET article_count = article_count + $1 WHERE id = $2")
        .bind(delta)
        .bind(edition_id)
        .execute(&mut *conn)
        .await?;
    shift_section_count(conn, section_id, delta).await?;
    shift_author_counts(conn, article_id, delta).await?;
    shift_tag_counts(conn, article_id, delta).await
}

/// Copies the article's publication time and visibility onto its join rows,
/// which tag and author pages read instead of the article.
pub(super) async fn sync_join_rows(
    conn: &mut AnyConnection,
    article_id: i64,
    published_at: Option<UnixTime>,
    is_public: bool,
) -> Result<()> {
    for table in ["article_authors", "article_tags"] {
        let sql =
            format!("UPDATE {table} SET published_at = $1, is_public = $2 WHERE article_id = $3");
        sqlx::query(&sql)
            .bind(published_at)
            .bind(flag(is_public))
            .bind(article_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
