/// What can go wrong inside search (never the reader's query: see
/// [`crate::QueryProblem`]).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index files: {0}")]
    Io(#[from] std::io::Error),
    #[error("search index: unreadable folder {0}")]
    OpenDirectory(String),
    #[error("search index: its fields are not the ones this version writes")]
    Schema,
    #[error(transparent)]
    Store(#[from] dateline_store::StoreError),
    #[error("search: a background task stopped: {0}")]
    Task(String),
}

impl From<tantivy::directory::error::OpenDirectoryError> for Error {
    fn from(e: tantivy::directory::error::OpenDirectoryError) -> Self {
        Error::OpenDirectory(e.to_string())
    }
}

impl From<tokio::task::JoinError> for Error {
    fn from(e: tokio::task::JoinError) -> Self {
        Error::Task(e.to_string())
    }
}
