//! Why an import stopped. A refused file names itself, the line and column
//! where reading failed, and the reason; nothing has been written then.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file is not a well-formed export of the kind asked for.
    #[error("{}:{line}:{column}: {reason}", file.display())]
    Malformed {
        file: PathBuf,
        line: u64,
        column: u64,
        reason: String,
    },
    #[error("{}: {source}", file.display())]
    Io {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] dateline_store::StoreError),
    /// A usage mistake: an unknown edition, a section mapping naming no section.
    #[error("{0}")]
    Options(String),
}

impl ImportError {
    pub fn malformed(
        file: impl Into<PathBuf>,
        (line, column): (u64, u64),
        reason: impl Into<String>,
    ) -> Self {
        Self::Malformed {
            file: file.into(),
            line,
            column,
            reason: reason.into(),
        }
    }

    pub fn io(file: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            file: file.into(),
            source,
        }
    }
}

pub type Result<T, E = ImportError> = std::result::Result<T, E>;
