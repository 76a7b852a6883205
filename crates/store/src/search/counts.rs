//! How many documents a full build of the search index writes.

use crate::{Result, Store};

impl Store {
    /// `(articles, pictures)` in the database, every status: the length of
    /// a rebuild's progress bar.
    pub async fn search_document_counts(&self) -> Result<(u64, u64)> {
        let (articles, pictures): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM media_assets)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok((
            u64::try_from(articles).unwrap_or_default(),
            u64::try_from(pictures).unwrap_or_default(),
        ))
    }
}
