//! Loading many articles at once, for `dateline gen` and imports.

use std::collections::HashMap;

use dateline_domain::{NewArticle, ParseError};
use sqlx::{AnyConnection, Row};

use super::{bind_seo, body_to_json, dedup_keep_order, flag, media_ids, search_text, AnyQuery};
use crate::{Backend, Result, Store, StoreError};

/// Bind parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_BINDS: usize = 30_000;
const ARTICLE_BINDS: usize = 20;
const _: () = assert!(MAX_BINDS <= 32_766);

/// `($1, …, $cols), ($cols+1, …)` for `rows` rows, bound in that order.
///
/// SQLite gets anonymous `?` instead: sqlx asks SQLite for each parameter's
/// name while binding, and SQLite finds a `$N` (or `?N`) name by a linear
/// scan, which makes binding a 30,000-parameter statement quadratic.
fn values_list(backend: Backend, rows: usize, cols: usize) -> String {
    let mut out = String::with_capacity(rows * cols * 8);
    for r in 0..rows {
        out.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..cols {
            if c > 0 {
                out.push_str(", ");
            }
            match backend {
                Backend::Sqlite => out.push('?'),
                Backend::Postgres => {
                    out.push('$');
                    out.push_str(&(r * cols + c + 1).to_string());
                }
            }
        }
        out.push(')');
    }
    out
}

/// Inserts rows of i64/Option<i64> columns in as few statements as the bind
/// limit allows.
async fn insert_int_rows<const N: usize>(
    conn: &mut AnyConnection,
    backend: Backend,
    head: &str,
    rows: &[[Option<i64>; N]],
    what: &'static str,
) -> Result<()> {
    for chunk in rows.chunks(MAX_BINDS / N) {
        let sql = format!("{head} VALUES {}", values_list(backend, chunk.len(), N));
        let mut query = sqlx::query(&sql);
        for row in chunk {
            for value in row {
                query = query.bind(*value);
            }
        }
        query
            .execute(&mut *conn)
            .await
            .map_err(StoreError::on_constraint(what))?;
    }
    Ok(())
}

/// The columns written, the SEO columns (`super::SEO_COLUMNS`) included.
const ARTICLE_INSERT: &str =
    "INSERT INTO articles (edition_id, section_id, slug, headline, lead, body, \
     status, is_public, published_at, updated_at, created_at, lead_media_id, search_text, \
     seo_title, seo_description, social_title, social_description, social_media_id, \
     canonical_url, translation_group";

/// Binds an article's columns in `ARTICLE_INSERT` order, group excluded.
/// (A test checks that the SEO columns there are `super::SEO_COLUMNS`.)
fn bind_article<'q>(query: AnyQuery<'q>, new: &'q NewArticle) -> Result<AnyQuery<'q>> {
    Ok(query
        .bind(new.edition_id)
        .bind(new.section_id)
        .bind(new.slug.as_str())
        .bind(new.headline.trim())
        .bind(new.lead.trim())
        .bind(body_to_json(&new.body)?)
        .bind(new.status.as_str())
        .bind(flag(new.status.is_public()))
        .bind(new.published_at)
        .bind(new.updated_at)
        .bind(new.updated_at)
        .bind(new.lead_media_id)
        .bind(search_text(&new.headline, &new.lead)))
    .map(|query| bind_seo(query, &new.seo))
}

fn on_bulk_write(err: sqlx::Error) -> StoreError {
    match &err {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Duplicate {
            what: "article slug",
        },
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
            StoreError::MissingReference {
                what: "edition, section or media asset",
            }
        }
        _ => StoreError::Database(err),
    }
}

/// PostgreSQL: takes `n` ids from the identity sequence, so that rows can be
/// written once with their id and group (an UPDATE afterwards would rewrite
/// every row and, `translation_group` being indexed, every index entry).
async fn reserve_ids(conn: &mut AnyConnection, n: usize) -> Result<Vec<i64>> {
    let mut ids: Vec<i64> = sqlx::query_scalar(
        "SELECT nextval(pg_get_serial_sequence('articles', 'id')) FROM generate_series(1, $1)",
    )
    .bind(n as i64)
    .fetch_all(&mut *conn)
    .await?;
    ids.sort_unstable();
    Ok(ids)
}

/// PostgreSQL: inserts a chunk under ids reserved by [`reserve_ids`].
async fn insert_chunk_with_ids(
    conn: &mut AnyConnection,
    chunk: &[NewArticle],
    ids: &[i64],
) -> Result<()> {
    let sql = format!(
        "{ARTICLE_INSERT}, id) VALUES {}",
        values_list(Backend::Postgres, chunk.len(), ARTICLE_BINDS + 1)
    );
    let mut query = sqlx::query(&sql);
    for (new, id) in chunk.iter().zip(ids) {
        query = bind_article(query, new)?
            .bind(new.translation_group.unwrap_or(*id))
            .bind(*id);
    }
    query.execute(&mut *conn).await.map_err(on_bulk_write)?;
    Ok(())
}

/// SQLite: inserts a chunk and returns the ids given, in input order. Rows
/// that start their own group get group 0 for now; see `fill_own_groups`.
async fn insert_chunk_returning(
    conn: &mut AnyConnection,
    chunk: &[NewArticle],
) -> Result<Vec<i64>> {
    let sql = format!(
        "{ARTICLE_INSERT}) VALUES {} RETURNING id, edition_id, slug",
        values_list(Backend::Sqlite, chunk.len(), ARTICLE_BINDS)
    );
    let mut query = sqlx::query(&sql);
    for new in chunk {
        query = bind_article(query, new)?.bind(new.translation_group.unwrap_or(0));
    }
    let rows = query.fetch_all(&mut *conn).await.map_err(on_bulk_write)?;
    // RETURNING promises no order, so rows are matched on their unique key.
    let mut ids = HashMap::with_capacity(rows.len());
    for row in &rows {
        let slug: String = row.try_get("slug")?;
        ids.insert(
            (row.try_get::<i64, _>("edition_id")?, slug),
            row.try_get::<i64, _>("id")?,
        );
    }
    chunk
        .iter()
        .map(|new| {
            ids.get(&(new.edition_id, new.slug.as_str().to_owned()))
                .copied()
                .ok_or_else(|| StoreError::Corrupt {
                    table: "articles",
                    detail: format!("bulk insert returned no id for {}", new.slug),
                })
        })
        .collect()
}

/// SQLite: sets group = id on the rows just inserted with group 0 (a value
/// that exists only inside an uncommitted create or bulk insert).
async fn fill_own_groups(conn: &mut AnyConnection, ids: &[i64]) -> Result<()> {
    let (min, max) = ids.iter().fold((i64::MAX, i64::MIN), |(lo, hi), id| {
        (lo.min(*id), hi.max(*id))
    });
    sqlx::query("UPDATE articles SET translation_group = id WHERE id BETWEEN $1 AND $2 AND translation_group = 0")
        .bind(min)
        .bind(max)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

impl Store {
    /// Inserts many articles fast (multi-row INSERTs in one transaction per
    /// call, for `dateline gen`). Authors and tags must already exist: tags
    /// are given by id in `tag_ids` per article, parallel to `articles`.
    /// Counters are NOT maintained here; call `recount_counters` afterwards.
    ///
    /// Media usage (`article_media`, `usage_count`, and `public_use_count`
    /// with the `is_public` it decides) is the exception and is kept current. `new.tags` is ignored; sections are not checked
    /// against the edition. Returns the number of articles inserted.
    ///
    /// Nothing is noted in the search change log: call
    /// [`Store::note_search_rebuild`] once the whole load is in.
    pub async fn insert_articles_bulk(
        &self,
        articles: &[NewArticle],
        tag_ids: &[Vec<i64>],
    ) -> Result<u64> {
        if tag_ids.len() != articles.len() {
            return Err(ParseError::new(
                "tag_ids",
                "tag_ids_not_parallel",
                "give one tag list per article",
            )
            .into());
        }
        for new in articles {
            new.validate()?;
        }
        if articles.is_empty() {
            return Ok(0);
        }
        let mut tx = self.begin_write().await?;
        // One more bind per row on PostgreSQL, where the id is given.
        let rows_per_insert = MAX_BINDS / (ARTICLE_BINDS + 1);
        let ids = match self.backend {
            Backend::Postgres => {
                let ids = reserve_ids(&mut tx, articles.len()).await?;
                for (chunk, chunk_ids) in articles
                    .chunks(rows_per_insert)
                    .zip(ids.chunks(rows_per_insert))
                {
                    insert_chunk_with_ids(&mut tx, chunk, chunk_ids).await?;
                }
                ids
            }
            Backend::Sqlite => {
                let mut ids = Vec::with_capacity(articles.len());
                for chunk in articles.chunks(rows_per_insert) {
                    ids.extend(insert_chunk_returning(&mut tx, chunk).await?);
                }
                fill_own_groups(&mut tx, &ids).await?;
                ids
            }
        };

        let mut authors = Vec::new();
        let mut tags = Vec::new();
        let mut media = Vec::new();
        // Media id → (uses, public uses).
        let mut usage: HashMap<i64, (i64, i64)> = HashMap::new();
        for ((new, id), tag_list) in articles.iter().zip(&ids).zip(tag_ids) {
            let (id, published_at, public) = (
                Some(*id),
                new.published_at,
                Some(flag(new.status.is_public())),
            );
            for (position, author) in (0_i64..).zip(dedup_keep_order(&new.author_ids)) {
                authors.push([id, Some(author), Some(position), published_at, public]);
            }
            for (position, tag) in (0_i64..).zip(dedup_keep_order(tag_list)) {
                tags.push([id, Some(tag), Some(position), published_at, public]);
            }
            for media_id in media_ids(new.lead_media_id, new.seo.social_media_id, &new.body) {
                media.push([id, Some(media_id)]);
                let counts = usage.entry(media_id).or_default();
                counts.0 += 1;
                counts.1 += i64::from(new.status.is_public());
            }
        }
        let head = "INSERT INTO article_authors (article_id, author_id, position, published_at, is_public)";
        insert_int_rows(&mut tx, self.backend, head, &authors, "author").await?;
        let head =
            "INSERT INTO article_tags (article_id, tag_id, position, published_at, is_public)";
        insert_int_rows(&mut tx, self.backend, head, &tags, "tag").await?;
        insert_int_rows(
            &mut tx,
            self.backend,
            "INSERT INTO article_media (article_id, media_id)",
            &media,
            "media asset",
        )
        .await?;

        let usage: Vec<(i64, (i64, i64))> = usage.into_iter().collect();
        for chunk in usage.chunks(MAX_BINDS / 3) {
            // VALUES columns are named column1, column2… on both backends.
            let sql = format!(
                "UPDATE media_assets SET usage_count = usage_count + d.column2, \
                 public_use_count = public_use_count + d.column3, \
                 is_public = CASE WHEN public_use_count + d.column3 > 0 OR is_released = 1 THEN 1 ELSE 0 END \
                 FROM (VALUES {}) AS d WHERE media_assets.id = d.column1",
                values_list(self.backend, chunk.len(), 3)
            );
            let mut query = sqlx::query(&sql);
            for (media_id, (uses, public_uses)) in chunk {
                query = query.bind(*media_id).bind(*uses).bind(*public_uses);
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(ids.len() as u64)
    }
}

impl Store {
    /// Refreshes the query planner's statistics (`ANALYZE`, on either
    /// backend), after a bulk load changed the tables' sizes by orders of
    /// magnitude; until then PostgreSQL plans with guesses.
    pub async fn refresh_planner_statistics(&self) -> Result<()> {
        sqlx::query("ANALYZE").execute(&self.pool).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_lists_number_binds_row_by_row() {
        assert_eq!(
            values_list(Backend::Postgres, 2, 3),
            "($1, $2, $3), ($4, $5, $6)"
        );
        assert_eq!(values_list(Backend::Sqlite, 2, 2), "(?, ?), (?, ?)");
    }

    #[test]
    fn the_insert_names_the_seo_columns_in_binding_order() {
        let columns = super::super::SEO_COLUMNS.join(", ");
        let insert = ARTICLE_INSERT.split_whitespace().collect::<Vec<_>>();
        let insert = insert.join(" ");
        assert!(insert.contains(&format!("search_text, {columns}, translation_group")));
        // One bind per column: the commas between ARTICLE_BINDS columns.
        assert_eq!(insert.matches(',').count(), ARTICLE_BINDS - 1);
    }
}
