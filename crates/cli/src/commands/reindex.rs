//! `dateline reindex`: build the search index again from the database.
//!
//! The new generation is written beside the one in use; a running server
//! keeps answering from the old one and switches on its next look at the
//! change log (within a second) once the new one is complete.

use std::time::Instant;

use anyhow::Context;
use dateline_search::Progress;
use indicatif::{ProgressBar, ProgressStyle};

use crate::config::Config;

struct Bar(ProgressBar);

impl Progress for Bar {
    fn start(&self, total: u64) {
        self.0.set_length(total);
    }

    fn advance(&self, done: u64) {
        self.0.inc(done);
    }
}

pub async fn run(config: Config) -> anyhow::Result<()> {
    let store = super::open_store(&config, super::Site::MustExist).await?;
    let started = Instant::now();
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{spinner} documents {bar:40} {pos}/{len} ({eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let root = config.data_dir.join("search");
    let generation = dateline_search::build_generation(&root, &store, &Bar(bar.clone()))
        .await
        .with_context(|| format!("cannot build the search index in {}", root.display()))?;
    bar.finish();
    println!(
        "search index rebuilt: {} documents in {:.1} s (generation {generation}, {})",
        bar.position(),
        started.elapsed().as_secs_f64(),
        root.display()
    );
    store.close().await;
    Ok(())
}
