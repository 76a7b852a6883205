//! The newsroom's article list: every status, filtered, most recently
//! touched first.

use dateline_domain::{ArticleStatus, UnixTime};
use serde::Serialize;
use sqlx::Row;

use crate::editions::parse_col;
use crate::params::Params;
use crate::{Cursor, Page, Result, Store};

const MAX_PAGE: u32 = 100;

/// Filters of the newsroom's list; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeskQuery {
    /// Restricts to these editions (an editor's assigned editions); `None`
    /// for all. An empty list matches nothing.
    pub editions: Option<Vec<i64>>,
    pub section_id: Option<i64>,
    pub status: Option<ArticleStatus>,
    /// Articles bylined to this author.
    pub author_id: Option<i64>,
    /// Articles created by this staff user.
    pub created_by: Option<i64>,
    /// Only articles readers can see (published or corrected).
    pub public_only: bool,
    /// Words that must all appear in the headline or lead, any case.
    pub text: Option<String>,
    /// Only stories with no version (any status) in this edition.
    pub lacks_edition: Option<i64>,
    pub limit: u32,
    pub after: Option<Cursor>,
}

/// One line of the newsroom's list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeskRow {
    pub id: i64,
    pub edition_id: i64,
    pub section_id: i64,
    pub section_title: String,
    pub slug: String,
    pub headline: String,
    pub status: ArticleStatus,
    pub updated_at: UnixTime,
    pub published_at: Option<UnixTime>,
    pub scheduled_at: Option<UnixTime>,
    pub created_by: Option<i64>,
    pub version: i64,
    pub lead_media_id: Option<i64>,
    /// Names on the byline, in byline order.
    pub author_names: Vec<String>,
}

/// `LIKE` pattern for one word: its wildcards are escaped with `\`.
pub(crate) fn like_word(word: &str) -> String {
    let mut out = String::from("%");
    for c in word.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

impl Store {
    /// One page of the newsroom's list, by `updated_at` then id, newest first.
    /// The text filter scans headlines and leads: fine for a desk's working
    /// set, not a reader-facing search.
    pub async fn desk_articles(&self, query: &DeskQuery) -> Result<Page<DeskRow>> {
        let limit = query.limit.clamp(1, MAX_PAGE);
        let mut clauses: Vec<String> = Vec::new();
        let mut params = Params::default();
        if let Some(editions) = &query.editions {
            if editions.is_empty() {
                return Ok(Page {
                    items: Vec::new(),
                    next: None,
                });
            }
            let list: Vec<String> = editions.iter().map(|id| params.int(*id)).collect();
            clauses.push(format!("a.edition_id IN ({})", list.join(", ")));
        }
        if let Some(id) = query.section_id {
            clauses.push(format!("a.section_id = {}", params.int(id)));
        }
        if let Some(status) = query.status {
            clauses.push(format!("a.status = {}", params.text(status.as_str())));
        }
        if query.public_only {
            clauses.push("a.is_public = 1".to_owned());
        }
        if let Some(id) = query.created_by {
            clauses.push(format!("a.created_by = {}", params.int(id)));
        }
        if let Some(id) = query.author_id {
            clauses.push(format!(
                "EXISTS (SELECT 1 FROM article_authors j WHERE j.article_id = a.id AND j.author_id = {})",
                params.int(id)
            ));
        }
        if let Some(id) = query.lacks_edition {
            // `articles_translation` serves the lookup.
            clauses.push(format!(
                "NOT EXISTS (SELECT 1 FROM articles v WHERE v.translation_group = a.translation_group \
                 AND v.edition_id = {})",
                params.int(id)
            ));
        }
        clauses.extend(params.words("a.search_text", query.text.as_deref().unwrap_or(""), 8));
        if let Some(after) = query.after {
            clauses.push(params.before("a.updated_at", "a.id", after));
        }
        let limit_param = params.int(i64::from(limit) + 1);
        let filter = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let sql = format!(
            "SELECT a.id, a.edition_id, a.section_id, s.title AS section_title, a.slug, a.headline, \
             a.status, a.updated_at, a.published_at, a.scheduled_at, a.created_by, a.version, \
             a.lead_media_id FROM articles a JOIN sections s ON s.id = a.section_id {filter} \
             ORDER BY a.updated_at DESC, a.id DESC LIMIT {limit_param}"
        );
        let q = params.bind_to(sqlx::query(&sql));
        let rows = q.fetch_all(&self.pool).await?;
        let mut items = rows
            .iter()
            .map(|row| {
                Ok(DeskRow {
                    id: row.try_get("id")?,
                    edition_id: row.try_get("edition_id")?,
                    section_id: row.try_get("section_id")?,
                    section_title: row.try_get("section_title")?,
                    slug: row.try_get("slug")?,
                    headline: row.try_get("headline")?,
                    status: parse_col(row, "status", "articles")?,
                    updated_at: row.try_get("updated_at")?,
                    published_at: row.try_get("published_at")?,
                    scheduled_at: row.try_get("scheduled_at")?,
                    created_by: row.try_get("created_by")?,
                    version: row.try_get("version")?,
                    lead_media_id: row.try_get("lead_media_id")?,
                    author_names: Vec::new(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let next = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items.last().map(|row| Cursor {
                time: row.updated_at,
                id: row.id,
            })
        } else {
            None
        };
        self.fill_bylines(&mut items).await?;
        Ok(Page { items, next })
    }

    /// The byline names of a page of rows, in one query.
    async fn fill_bylines(&self, rows: &mut [DeskRow]) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "SELECT j.article_id, au.name FROM article_authors j \
             JOIN authors au ON au.id = j.author_id WHERE j.article_id IN ({}) \
             ORDER BY j.article_id, j.position, au.id",
            super::placeholders(1, rows.len())
        );
        let mut q = sqlx::query(&sql);
        for row in rows.iter() {
            q = q.bind(row.id);
        }
        for found in q.fetch_all(&self.pool).await? {
            let id: i64 = found.try_get("article_id")?;
            if let Some(row) = rows.iter_mut().find(|r| r.id == id) {
                row.author_names.push(found.try_get("name")?);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::like_word;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_word("Flood"), "%flood%");
        assert_eq!(like_word("50%_off"), "%50\\%\\_off%");
        assert_eq!(like_word("back\\slash"), "%back\\\\slash%");
    }
}
