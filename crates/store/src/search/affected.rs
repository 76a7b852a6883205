//! Which documents a change reaches: the articles an author, tag, section
//! or picture appears on, and the pictures articles use.

use std::collections::BTreeSet;

use sqlx::Row;

use super::{sorted_ids, Scope, SearchEntity, IDS_PER_QUERY};
use crate::{Result, Store};

impl Store {
    /// The ids (ascending) of the articles, in every status, whose
    /// documents show `entity` `id`: an author's bylined stories, a tag's,
    /// a section's; the stories using a picture (whose texts article
    /// documents carry); an article itself when it exists. `Rebuild`
    /// names no article: the indexer reads everything instead.
    pub async fn article_ids_for(&self, entity: SearchEntity, id: i64) -> Result<Vec<i64>> {
        let sql = match entity {
            SearchEntity::Article => "SELECT id FROM articles WHERE id = $1",
            SearchEntity::Section => "SELECT id FROM articles WHERE section_id = $1 ORDER BY id",
            SearchEntity::Author => {
                "SELECT article_id FROM article_authors WHERE author_id = $1 ORDER BY article_id"
            }
            SearchEntity::Tag => {
                "SELECT article_id FROM article_tags WHERE tag_id = $1 ORDER BY article_id"
            }
            SearchEntity::Media => {
                "SELECT article_id FROM article_media WHERE media_id = $1 ORDER BY article_id"
            }
            SearchEntity::Rebuild => return Ok(Vec::new()),
        };
        Ok(sqlx::query_scalar(sql)
            .bind(id)
            .fetch_all(&self.pool)
            .await?)
    }

    /// The pictures (ascending, each once) the articles `ids` use: lead,
    /// social and body pictures. Unknown ids add nothing.
    pub async fn media_ids_of_articles(&self, ids: &[i64]) -> Result<Vec<i64>> {
        let mut found = BTreeSet::new();
        for chunk in sorted_ids(ids).chunks(IDS_PER_QUERY) {
            let scope = Scope::Ids(chunk);
            let sql = format!(
                "SELECT media_id FROM article_media WHERE {}",
                scope.condition("article_id")
            );
            for row in scope.bind(sqlx::query(&sql)).fetch_all(&self.pool).await? {
                found.insert(row.try_get::<i64, _>("media_id")?);
            }
        }
        Ok(found.into_iter().collect())
    }
}
