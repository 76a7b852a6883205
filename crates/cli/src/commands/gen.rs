//! `dateline gen`: bulk articles for load tests, in batched inserts.

use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dateline_media::LocalBlobs;
use indicatif::{ProgressBar, ProgressStyle};

use crate::config::Config;

#[derive(Debug, Args)]
pub struct GenArgs {
    /// Articles to add.
    #[arg(long, default_value_t = 10_000)]
    articles: u64,
    /// Comments to add (spread over the new articles).
    #[arg(long, default_value_t = 0)]
    comments: u64,
    /// Seed of the generated text: the same seed gives the same articles.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Rows per INSERT transaction.
    #[arg(long, default_value_t = 2_000, value_parser = clap::value_parser!(u64).range(1..=20_000))]
    batch: u64,
}

pub async fn run(config: Config, args: GenArgs) -> anyhow::Result<()> {
    if args.comments > 0 {
        anyhow::bail!("--comments: this version has no comments yet; run with --comments 0");
    }
    let store = super::open_store(&config).await?;
    let started = Instant::now();
    let blobs = LocalBlobs::new(config.data_dir.join("media"));
    let setup = dateline_demo::bulk_setup(&store, &blobs, args.seed, super::now())
        .await
        .context("cannot prepare editions and sections")?;
    let mut generator = dateline_demo::BulkGenerator::new(args.seed, setup, super::now());
    let bar = ProgressBar::new(args.articles);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} articles {bar:40} {pos}/{len} ({per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut done = 0u64;
    while done < args.articles {
        let n = args.batch.min(args.articles - done);
        let (articles, tags) = generator.next_batch(n as usize);
        store
            .insert_articles_bulk(&articles, &tags)
            .await
            .context("bulk insert failed")?;
        done += n;
        bar.set_position(done);
    }
    bar.finish();
    bar.println("recomputing counters…");
    store
        .recount_counters()
        .await
        .context("cannot recompute counters")?;
    println!(
        "added {done} articles in {:.1} s ({})",
        started.elapsed().as_secs_f64(),
        store.backend().name()
    );
    store.close().await;
    Ok(())
}
