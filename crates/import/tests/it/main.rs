#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Imports into a fresh database, on SQLite and on PostgreSQL.

use std::sync::Arc;

use dateline_import::apply::{self, Format, Options, Progress, Quiet, Report};
use dateline_media::{Limits, MediaService, MemoryBlobs};
use dateline_store::testing::Fixtures;
use dateline_store::Store;

macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let db = dateline_store::testing::TestDb::sqlite().await;
                    super::$name(db.store()).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test]
                #[ignore = "needs PostgreSQL: set DATELINE_TEST_POSTGRES_URL and pass --include-ignored"]
                async fn $name() {
                    let db = dateline_store::testing::TestDb::postgres_required().await;
                    super::$name(db.store()).await;
                }
            )+
        }
    };
}

mod ghost;
mod wires;
mod wordpress;

/// An edition `en` with sections `world` and `business`, and the media
/// service imports upload pictures through.
pub struct Site {
    pub store: Store,
    pub fixtures: Fixtures,
    pub media: Arc<MediaService>,
}

impl Site {
    pub async fn new(store: &Store) -> Site {
        let fixtures = Fixtures::new(store).await;
        let media = Arc::new(MediaService::new(
            store.clone(),
            Arc::new(MemoryBlobs::default()),
            Limits::default(),
        ));
        Site {
            store: store.clone(),
            fixtures,
            media,
        }
    }

    pub fn options(&self, format: Format, file: &std::path::Path) -> Options {
        Options {
            format,
            file: file.to_owned(),
            edition: "en".parse().unwrap(),
            section_categories: Vec::new(),
            default_section: None,
            uploads: None,
            fetch: false,
            dry_run: false,
            time_zone: None,
            site_url: None,
        }
    }

    pub async fn import(&self, options: &Options) -> Result<Report, dateline_import::ImportError> {
        self.import_with(options, &Quiet).await
    }

    pub async fn import_with(
        &self,
        options: &Options,
        progress: &dyn Progress,
    ) -> Result<Report, dateline_import::ImportError> {
        let (_tx, stop) = tokio::sync::watch::channel(false);
        apply::run(&self.store, self.media.clone(), options, progress, stop).await
    }

    /// Every article, every status (the newsroom's desk list).
    pub async fn articles(&self) -> Vec<dateline_store::DeskRow> {
        let page = self
            .store
            .desk_articles(&dateline_store::DeskQuery {
                limit: 100,
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(page.next.is_none(), "more than a test's worth of articles");
        page.items
    }
}
