//! What a feed carries of a listing's newest public stories: each card with
//! its body, byline and tags, in four queries whatever the number of items.

use std::collections::HashMap;

use dateline_domain::BodyBlock;
use sqlx::Row;

use super::{body_from_row, placeholders, prefixed};
use crate::people::{author_from_row, tag_from_row, AUTHOR_COLUMNS, TAG_COLUMNS};
use crate::records::{ArticleCard, ArticleQuery, Author, Tag};
use crate::{Result, Store};

/// One public story as a feed shows it in full.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedStory {
    pub card: ArticleCard,
    pub body: Vec<BodyBlock>,
    /// In byline order.
    pub authors: Vec<Author>,
    /// In the order the editor gave.
    pub tags: Vec<Tag>,
}

impl Store {
    /// The first page of a listing (`query.after` is honoured; `limit` is
    /// clamped as for [`Store::list_articles`]), each story with its body,
    /// byline and tags: the listing, then bodies, bylines and tags of all
    /// its stories at once.
    pub async fn feed_stories(&self, query: &ArticleQuery) -> Result<Vec<FeedStory>> {
        let cards = self.list_articles(query).await?.items;
        if cards.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = cards.iter().map(|c| c.id).collect();
        let mut bodies = self.bodies(&ids).await?;
        let author_cols = prefixed(AUTHOR_COLUMNS, "au");
        let mut authors = self
            .grouped(
                &format!(
                    "SELECT j.article_id AS j_article_id, {author_cols} FROM article_authors j \
                     JOIN authors au ON au.id = j.author_id WHERE j.article_id IN ({}) \
                     ORDER BY j.article_id, j.position, au.id",
                    placeholders(1, ids.len())
                ),
                &ids,
                author_from_row,
            )
            .await?;
        let tag_cols = prefixed(TAG_COLUMNS, "t");
        let mut tags = self
            .grouped(
                &format!(
                    "SELECT j.article_id AS j_article_id, {tag_cols} FROM article_tags j \
                     JOIN tags t ON t.id = j.tag_id WHERE j.article_id IN ({}) \
                     ORDER BY j.article_id, j.position, t.id",
                    placeholders(1, ids.len())
                ),
                &ids,
                tag_from_row,
            )
            .await?;
        // A story whose body row went between the two reads (withdrawn
        // and deleted) is left out rather than shown empty.
        Ok(cards
            .into_iter()
            .filter_map(|card| {
                let body = bodies.remove(&card.id)?;
                Some(FeedStory {
                    body,
                    authors: authors.remove(&card.id).unwrap_or_default(),
                    tags: tags.remove(&card.id).unwrap_or_default(),
                    card,
                })
            })
            .collect())
    }

    /// The bodies of the public articles `ids`.
    async fn bodies(&self, ids: &[i64]) -> Result<HashMap<i64, Vec<BodyBlock>>> {
        let sql = format!(
            "SELECT id, body FROM articles WHERE is_public = 1 AND id IN ({})",
            placeholders(1, ids.len())
        );
        let mut q = sqlx::query(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        q.fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| Ok((row.try_get("id")?, body_from_row(row)?)))
            .collect()
    }

    /// Rows of `sql` (binding `ids`, selecting `j_article_id`) parsed by
    /// `parse` and grouped by article, in the order read.
    async fn grouped<T>(
        &self,
        sql: &str,
        ids: &[i64],
        parse: fn(&sqlx::any::AnyRow) -> Result<T>,
    ) -> Result<HashMap<i64, Vec<T>>> {
        let mut q = sqlx::query(sql);
        for id in ids {
            q = q.bind(*id);
        }
        let mut out: HashMap<i64, Vec<T>> = HashMap::new();
        for row in q.fetch_all(&self.pool).await? {
            let id: i64 = row.try_get("j_article_id")?;
            out.entry(id).or_default().push(parse(&row)?);
        }
        Ok(out)
    }
}
