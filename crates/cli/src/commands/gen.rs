//! `dateline gen`: bulk articles for load tests, in batched inserts.

use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dateline_media::LocalBlobs;
use indicatif::{ProgressBar, ProgressState, ProgressStyle};

use crate::config::Config;

#[derive(Debug, Args)]
pub struct GenArgs {
    /// Articles to add.
    #[arg(long, default_value_t = 10_000)]
    articles: u64,
    /// Comments to add to the newest article of the first edition (a fifth
    /// of them with a reply), for the comments bench.
    #[arg(long, default_value_t = 0)]
    comments: u64,
    /// Comments to add to the second newest article (the quiet story).
    #[arg(long, default_value_t = 10)]
    quiet_comments: u64,
    /// Seed of the generated text: the same seed gives the same articles.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Rows per INSERT transaction.
    #[arg(long, default_value_t = 2_000, value_parser = clap::value_parser!(u64).range(1..=20_000))]
    batch: u64,
}

pub async fn run(config: Config, args: GenArgs) -> anyhow::Result<()> {
    let store = super::open_store(&config, super::Site::MayCreate).await?;
    let started = Instant::now();
    let blobs = LocalBlobs::new(config.data_dir.join("media"));
    let setup = dateline_demo::bulk_setup(&store, &blobs, args.seed, super::now())
        .await
        .context("cannot prepare editions and sections")?;
    let mut generator = dateline_demo::BulkGenerator::new(args.seed, setup, super::now());
    let bar = ProgressBar::new(args.articles);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} articles {bar:40} {pos}/{len} ({rate}, {eta} left)",
        )
        .map(|style| {
            // indicatif's own {per_sec} prints four decimals.
            style.with_key(
                "rate",
                |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{}", per_second(state.per_sec()));
                },
            )
        })
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
    // The bulk insert notes nothing per row: every node's search index
    // reads everything again instead.
    store
        .note_search_rebuild()
        .await
        .context("cannot ask search indexes to rebuild")?;
    if args.comments > 0 {
        bar.println("adding comments…");
        add_comments(&store, &args).await?;
    }
    store
        .refresh_planner_statistics()
        .await
        .context("cannot refresh the query planner's statistics")?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "added {done} articles in {seconds:.1} s ({}, {})",
        per_second(done as f64 / seconds.max(f64::EPSILON)),
        store.backend().name()
    );
    store.close().await;
    Ok(())
}

/// `--comments` on the newest article of the first edition and
/// `--quiet-comments` on the second newest; prints both addresses.
async fn add_comments(store: &dateline_store::Store, args: &GenArgs) -> anyhow::Result<()> {
    use dateline_store::comments::BulkComment;
    use dateline_store::{ArticleFilter, ArticleQuery};

    let now = super::now();
    let edition = store
        .editions()
        .await?
        .into_iter()
        .next()
        .context("no edition")?;
    let newest = store
        .list_articles(&ArticleQuery {
            filter: ArticleFilter::Edition(edition.id),
            limit: 2,
            after: None,
        })
        .await?
        .items;
    let reader = store.bulk_reader(now).await?;
    for (card, count) in newest.iter().zip([args.comments, args.quiet_comments]) {
        let mut batch = Vec::with_capacity(args.batch as usize);
        let mut made = 0u64;
        while made < count {
            let n = args.batch.min(count - made);
            batch.clear();
            for i in made..made + n {
                let text =
                    format!("Reader comment number {i} on this story, with a *little* emphasis.");
                let html = dateline_render::markdown::comment_html(&text);
                let at = now - (count - i) as i64;
                let replies = if i % 5 == 0 {
                    let reply = format!("A reply to comment {i}.");
                    vec![(
                        reply.clone(),
                        dateline_render::markdown::comment_html(&reply),
                        at + 1,
                    )]
                } else {
                    Vec::new()
                };
                batch.push(BulkComment {
                    body_source: text,
                    body_html: html,
                    at,
                    replies,
                });
            }
            store
                .insert_comments_bulk(card.id, reader, &batch)
                .await
                .context("bulk comments failed")?;
            made += n;
        }
        println!(
            "{count} comments on /{}/{}/{}/comments",
            edition.code, card.section_slug, card.slug
        );
    }
    store
        .recount_comment_counters()
        .await
        .context("cannot recompute comment counters")?;
    Ok(())
}

/// A rate as people read it: whole items per second, thousands grouped
/// (`14,182/s`).
fn per_second(rate: f64) -> String {
    let whole = if rate.is_finite() && rate > 0.0 {
        rate.round() as u64
    } else {
        0
    };
    let digits = whole.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 2);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped.push_str("/s");
    grouped
}

#[cfg(test)]
mod tests {
    #[test]
    fn rates_are_whole_and_grouped() {
        assert_eq!(super::per_second(14_181.881_9), "14,182/s");
        assert_eq!(super::per_second(999.4), "999/s");
        assert_eq!(super::per_second(1_234_567.0), "1,234,567/s");
        assert_eq!(super::per_second(0.2), "0/s");
        assert_eq!(super::per_second(f64::NAN), "0/s");
    }
}
