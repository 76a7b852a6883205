//! Listings of public articles: keyset pages, cards by id, media usage.
//!
//! Every page query reads one of the partial `… WHERE is_public = 1`
//! indexes in order and stops after `limit + 1` rows; nothing is counted.

use dateline_domain::UnixTime;
use sqlx::any::AnyRow;

use super::{body_from_row, card_from_row, placeholders, CARD_COLUMNS, CARD_JOINS};
use crate::records::{ArticleCard, ArticleFilter, ArticleQuery, Page, SearchCard};
use crate::{Cursor, Result, Store};

/// Largest page a listing returns.
const MAX_PAGE: u32 = 100;

/// The SQL of one listing page. Binds: the filter's id(s), then the cursor's
/// time and id when `with_cursor`, then the row limit.
pub(crate) fn listing_sql(filter: &ArticleFilter, with_cursor: bool) -> String {
    // (FROM clause, filter, time column, id column) — tag and author pages
    // walk their join table's copy of the publication time.
    let (from, filter_sql, time, id, next) = match filter {
        ArticleFilter::Edition(_) => (
            "articles a",
            "a.edition_id = $1 AND a.is_public = 1",
            "a.published_at",
            "a.id",
            2,
        ),
        ArticleFilter::Section(_) => (
            "articles a",
            "a.section_id = $1 AND a.is_public = 1",
            "a.published_at",
            "a.id",
            2,
        ),
        ArticleFilter::Tag(_) => (
            "article_tags j JOIN articles a ON a.id = j.article_id",
            "j.tag_id = $1 AND j.is_public = 1 AND a.is_public = 1",
            "j.published_at",
            "j.article_id",
            2,
        ),
        ArticleFilter::Author { .. } => (
            "article_authors j JOIN articles a ON a.id = j.article_id",
            "j.author_id = $1 AND j.is_public = 1 AND a.is_public = 1 AND a.edition_id = $2",
            "j.published_at",
            "j.article_id",
            3,
        ),
    };
    // The redundant `time <= $t` bounds the index range scan; the OR alone
    // would be a filter applied to every row from the newest down.
    let (keyset, limit) = if with_cursor {
        let (t, i) = (next, next + 1);
        (
            format!(" AND {time} <= ${t} AND ({time} < ${t} OR ({time} = ${t} AND {id} < ${i}))"),
            next + 2,
        )
    } else {
        (String::new(), next)
    };
    format!(
        "SELECT {CARD_COLUMNS} FROM {from} {CARD_JOINS} WHERE {filter_sql}{keyset} \
         ORDER BY {time} DESC, {id} DESC LIMIT ${limit}"
    )
}

impl Store {
    /// Public articles, newest first, one keyset page.
    ///
    /// `limit` is clamped to 1..=100; unknown filter ids give an empty page.
    pub async fn list_articles(&self, query: &ArticleQuery) -> Result<Page<ArticleCard>> {
        let limit = query.limit.clamp(1, MAX_PAGE);
        let sql = listing_sql(&query.filter, query.after.is_some());
        let mut q = match query.filter {
            ArticleFilter::Edition(id) | ArticleFilter::Section(id) | ArticleFilter::Tag(id) => {
                sqlx::query(&sql).bind(id)
            }
            ArticleFilter::Author {
                author_id,
                edition_id,
            } => sqlx::query(&sql).bind(author_id).bind(edition_id),
        };
        if let Some(after) = query.after {
            q = q.bind(after.time).bind(after.id);
        }
        let rows = q.bind(i64::from(limit) + 1).fetch_all(&self.pool).await?;
        let mut items = rows.iter().map(card_from_row).collect::<Result<Vec<_>>>()?;
        let next = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items.last().map(|card| Cursor {
                time: card.published_at,
                id: card.id,
            })
        } else {
            None
        };
        Ok(Page { items, next })
    }

    /// Cards for the given ids that are public, in the order of `ids`
    /// (missing or non-public ids are skipped). For related-article cards.
    pub async fn article_cards(&self, ids: &[i64]) -> Result<Vec<ArticleCard>> {
        self.public_by_ids(CARD_COLUMNS, ids, |row| {
            let card = card_from_row(row)?;
            Ok((card.id, card))
        })
        .await
    }

    /// [`Store::article_cards`] with each article's body, in one query: a
    /// page of search results. Non-public ids are skipped.
    pub async fn search_cards(&self, ids: &[i64]) -> Result<Vec<SearchCard>> {
        let columns = format!("{CARD_COLUMNS}, a.body");
        self.public_by_ids(&columns, ids, |row| {
            let card = card_from_row(row)?;
            let body = body_from_row(row)?;
            Ok((card.id, SearchCard { card, body }))
        })
        .await
    }

    /// `columns` of the public articles `ids` (with their cards' joins),
    /// each parsed by `parse` into its id and value, in the order of `ids`.
    async fn public_by_ids<T>(
        &self,
        columns: &str,
        ids: &[i64],
        parse: fn(&AnyRow) -> Result<(i64, T)>,
    ) -> Result<Vec<T>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {columns} FROM articles a {CARD_JOINS} WHERE a.is_public = 1 AND a.id IN ({})",
            placeholders(1, ids.len())
        );
        let mut q = sqlx::query(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        let mut found = q
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(parse)
            .collect::<Result<std::collections::HashMap<_, _>>>()?;
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }

    /// The public article published just before `(published_at, id)` in the
    /// same edition: what infinite scroll loads next.
    pub async fn next_article(
        &self,
        edition_id: i64,
        published_at: UnixTime,
        id: i64,
    ) -> Result<Option<ArticleCard>> {
        let page = self
            .list_articles(&ArticleQuery {
                filter: ArticleFilter::Edition(edition_id),
                limit: 1,
                after: Some(Cursor {
                    time: published_at,
                    id,
                }),
            })
            .await?;
        Ok(page.items.into_iter().next())
    }

    /// Public articles using the media asset (lead picture or body image),
    /// newest first; `limit` is clamped to 1..=100.
    pub async fn media_usage(&self, media_id: i64, limit: u32) -> Result<Vec<ArticleCard>> {
        let sql = format!(
            "SELECT {CARD_COLUMNS} FROM article_media u JOIN articles a ON a.id = u.article_id {CARD_JOINS} \
             WHERE u.media_id = $1 AND a.is_public = 1 ORDER BY a.published_at DESC, a.id DESC LIMIT $2"
        );
        sqlx::query(&sql)
            .bind(media_id)
            .bind(i64::from(limit.clamp(1, MAX_PAGE)))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(card_from_row)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use sqlx::Row;

    use super::*;

    #[test]
    fn listing_sql_numbers_binds_in_order() {
        let sql = listing_sql(
            &ArticleFilter::Author {
                author_id: 1,
                edition_id: 2,
            },
            true,
        );
        assert!(sql.contains("a.edition_id = $2"), "{sql}");
        assert!(
            sql.contains("j.published_at <= $3") && sql.contains("j.article_id < $4"),
            "{sql}"
        );
        assert!(sql.ends_with("LIMIT $5"), "{sql}");
        let sql = listing_sql(&ArticleFilter::Section(1), false);
        assert!(
            sql.contains("a.section_id = $1 AND a.is_public = 1"),
            "{sql}"
        );
        assert!(
            sql.ends_with("ORDER BY a.published_at DESC, a.id DESC LIMIT $2"),
            "{sql}"
        );
    }

    /// Every listing, with and without a cursor, with its index and binds.
    fn listings() -> Vec<(String, &'static str, usize)> {
        let filters = [
            (ArticleFilter::Edition(1), "articles_edition_feed", 1),
            (ArticleFilter::Section(1), "articles_section_feed", 1),
            (ArticleFilter::Tag(1), "article_tags_feed", 1),
            (
                ArticleFilter::Author {
                    author_id: 1,
                    edition_id: 1,
                },
                "article_authors_feed",
                2,
            ),
        ];
        let mut out = Vec::new();
        for (filter, index, ids) in filters {
            out.push((listing_sql(&filter, false), index, ids + 1));
            out.push((listing_sql(&filter, true), index, ids + 3));
        }
        out
    }

    async fn plan(
        conn: &mut sqlx::AnyConnection,
        explain: &str,
        sql: &str,
        binds: usize,
    ) -> String {
        let sql = format!("{explain} {sql}");
        let mut query = sqlx::query(&sql);
        for _ in 0..binds {
            query = query.bind(1_i64);
        }
        let rows = query.fetch_all(&mut *conn).await.unwrap();
        let column = if explain == "EXPLAIN" {
            "QUERY PLAN"
        } else {
            "detail"
        };
        rows.iter()
            .map(|r| r.try_get::<String, _>(column).unwrap())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[tokio::test]
    async fn sqlite_listings_read_partial_indexes_in_order() {
        let db = crate::testing::TestDb::sqlite().await;
        let mut conn = db.store().pool.acquire().await.unwrap();
        for (sql, index, binds) in listings() {
            let plan = plan(&mut conn, "EXPLAIN QUERY PLAN", &sql, binds).await;
            assert!(plan.contains(index), "{sql}\n{plan}");
            assert!(
                !plan.contains("TEMP B-TREE"),
                "sorts instead of reading in order:\n{sql}\n{plan}"
            );
        }
    }

    #[tokio::test]
    #[ignore = "needs PostgreSQL: set DATELINE_TEST_POSTGRES_URL and pass --include-ignored"]
    async fn postgres_listings_can_read_partial_indexes_in_order() {
        let db = crate::testing::TestDb::postgres_required().await;
        let mut conn = db.store().pool.acquire().await.unwrap();
        // Empty tables make any plan cheap; rule out the alternatives so the
        // test shows that the index answers the query in order.
        sqlx::query("SET enable_seqscan = off")
            .execute(&mut *conn)
            .await
            .unwrap();
        sqlx::query("SET enable_sort = off")
            .execute(&mut *conn)
            .await
            .unwrap();
        for (sql, index, binds) in listings() {
            let plan = plan(&mut conn, "EXPLAIN", &sql, binds).await;
            assert!(plan.contains(index), "{sql}\n{plan}");
            assert!(!plan.contains("Sort"), "{sql}\n{plan}");
        }
    }
}
