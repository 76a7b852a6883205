//! Full-text search over articles and pictures.
//!
//! Each node keeps its own index (tantivy, in `{data_dir}/search/`) and
//! keeps it in step with the database by applying the store's search change
//! log ([`Search::sync`], run by [`Search::follow`] whenever the store
//! announces a change and twice a second otherwise). The index's commit
//! records how far into the log it got, so a crash loses nothing and a node
//! that was down catches up on start. A rebuild (`dateline reindex`, a
//! rebuild row in the log, a schema change, or a node that fell behind the
//! kept log) writes a new generation beside the one in use, which keeps
//! answering until the new one is complete.

mod build;
mod document;
mod error;
mod facets;
mod find;
mod index;
pub mod languages;
pub mod query;
mod related;
mod scan;
mod schema;
mod spelling;

pub use build::{build_generation, Progress};
pub use document::{article_text, card_text, media_text};
pub use error::Error;
pub use facets::{Facets, FACET_VALUES};
pub use find::{
    Audience, Filters, Hit, Order, SearchCursor, SearchRequest, SearchResults, DEFAULT_LIMIT,
    MAX_LIMIT, WINDOW,
};
pub use index::Search;
pub use languages::Analysis;
pub use query::{QueryProblem, QueryText};

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Article,
    /// An article with live coverage.
    Live,
    Picture,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Article, Kind::Live, Kind::Picture];

    /// As stored in the index (never 0, which counts as "none").
    pub(crate) fn number(self) -> u64 {
        match self {
            Kind::Article => 1,
            Kind::Live => 2,
            Kind::Picture => 3,
        }
    }

    pub(crate) fn from_number(n: u64) -> Option<Kind> {
        match n {
            1 => Some(Kind::Article),
            2 => Some(Kind::Live),
            3 => Some(Kind::Picture),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Live => "live",
            Kind::Picture => "picture",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}
