//! What full-text search reads from the store (the index itself lives in
//! the `dateline-search` crate, one per node).
//!
//! - `changes.rs`: the change log (`search_changes`, migration 0025). Every
//!   write that changes what an article or picture document holds, or
//!   whether it is public, notes the entities it touched in its own
//!   transaction (`note_search_changes`, just before the commit); each
//!   node's indexer reads the rows after the last `seq` it applied. On
//!   PostgreSQL the insert first takes a transaction-level advisory lock,
//!   so rows commit in `seq` order and a reader that has seen `seq` N can
//!   never later see a smaller one appear; on SQLite `BEGIN IMMEDIATE`
//!   already serialises writers. Rows older than a week are pruned hourly
//!   as a prefix by `seq`, the newest always kept: a node at position `p`
//!   with `p + 1 <` [`crate::Store::search_change_floor`] may have missed
//!   changes and rebuilds.
//! - `articles.rs`: article documents, by id or paging by id.
//! - `media.rs`: picture documents, by id or paging by id.
//! - `affected.rs`: which articles an author, tag or section change touches.

mod affected;
mod articles;
mod changes;
mod counts;
mod media;

pub use articles::{ArticleSearchRow, PictureText, MAX_SEARCH_ARTICLES_PAGE};
pub(crate) use changes::{article_and_pictures, note_search_changes, wall_clock};
pub use changes::{MAX_CHANGES_PAGE, SEARCH_CHANGES_KEPT_SECS, SEARCH_CHANGES_LOCK};
pub use media::{MediaSearchRow, MAX_SEARCH_MEDIA_PAGE};

use std::fmt;

/// What a change-log row names: a document kind, or one of the things
/// articles show (the indexer finds the articles with
/// [`crate::Store::article_ids_for`]), or a request to index everything
/// again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SearchEntity {
    Article,
    Media,
    Author,
    Tag,
    Section,
    /// Everything may have changed (a bulk load): index all again. Its id is 0.
    Rebuild,
}

impl SearchEntity {
    pub const ALL: [SearchEntity; 6] = [
        Self::Article,
        Self::Media,
        Self::Author,
        Self::Tag,
        Self::Section,
        Self::Rebuild,
    ];

    /// The stored name (the table's CHECK lists the same).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Article => "article",
            Self::Media => "media",
            Self::Author => "author",
            Self::Tag => "tag",
            Self::Section => "section",
            Self::Rebuild => "rebuild",
        }
    }

    /// The entity a stored name stands for.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == raw)
    }
}

impl fmt::Display for SearchEntity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of the change log: entity `id` of kind `entity` changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchChange {
    /// Grows with every row, in commit order.
    pub seq: i64,
    pub entity: SearchEntity,
    pub id: i64,
}

/// Ids per `IN (…)` list: few enough that binding stays cheap on SQLite
/// (which finds a `$n` parameter by a linear scan of the names).
const IDS_PER_QUERY: usize = 500;

/// Which rows a loader's queries cover: given ids, or a range of ids
/// (`after < id <= last`), which the join tables' primary keys (article
/// or media id first) answer with one index range scan.
#[derive(Debug, Clone, Copy)]
enum Scope<'a> {
    /// At most [`IDS_PER_QUERY`] ids.
    Ids(&'a [i64]),
    Range {
        after: i64,
        last: i64,
    },
}

impl Scope<'_> {
    /// `column` within the scope, its parameters numbered from `$1`.
    fn condition(&self, column: &str) -> String {
        match self {
            Scope::Ids(ids) => format!(
                "{column} IN ({})",
                crate::articles::placeholders(1, ids.len())
            ),
            Scope::Range { .. } => format!("{column} > $1 AND {column} <= $2"),
        }
    }

    fn bind<'q>(&self, mut query: crate::articles::AnyQuery<'q>) -> crate::articles::AnyQuery<'q> {
        match *self {
            Scope::Ids(ids) => {
                for id in ids {
                    query = query.bind(*id);
                }
                query
            }
            Scope::Range { after, last } => query.bind(after).bind(last),
        }
    }
}

/// `ids` once each, ascending.
fn sorted_ids(ids: &[i64]) -> Vec<i64> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests {
    use super::SearchEntity;

    #[test]
    fn entity_names_round_trip() {
        for entity in SearchEntity::ALL {
            assert_eq!(SearchEntity::parse(entity.as_str()), Some(entity));
        }
        assert_eq!(SearchEntity::parse("Article"), None);
        assert_eq!(SearchEntity::parse(""), None);
    }
}
