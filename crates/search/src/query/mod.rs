//! From what a reader typed to a tantivy query.

mod build;
mod expand;
mod parse;

pub(crate) use build::{text_query, Scope};
pub use parse::{Clause, QueryProblem, QueryText, MAX_BYTES, MAX_CLAUSES};
