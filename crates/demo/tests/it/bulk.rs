//! Bulk generation for load tests: plausible articles, fast, insertable.

use std::collections::HashSet;
use std::time::Instant;

use dateline_demo::text::Lang;
use dateline_demo::{bulk_setup, BulkEdition, BulkGenerator, BulkTargets};
use dateline_domain::{Shape, Slug, RENDITION_WIDTHS};
use dateline_media::MemoryBlobs;
use dateline_store::testing::TestDb;

use crate::NOW;

fn targets() -> BulkTargets {
    let slugs = [
        "world", "politics", "economy", "science", "culture", "sport", "society",
    ];
    let sections = |base: i64| -> Vec<(i64, Slug)> {
        slugs
            .iter()
            .enumerate()
            .map(|(i, s)| (base + i as i64, s.parse().unwrap()))
            .collect()
    };
    BulkTargets {
        editions: vec![
            BulkEdition {
                edition_id: 1,
                lang: Lang::En,
                sections: sections(10),
                tag_ids: (100..140).collect(),
                author_ids: vec![1, 2],
            },
            BulkEdition {
                edition_id: 2,
                lang: Lang::Ru,
                sections: sections(20),
                tag_ids: (200..240).collect(),
                author_ids: vec![3, 4],
            },
            BulkEdition {
                edition_id: 3,
                lang: Lang::Ar,
                sections: sections(30),
                tag_ids: (300..340).collect(),
                author_ids: vec![5, 6],
            },
        ],
        media_ids: vec![7, 8, 9],
    }
}

#[test]
fn batches_are_valid_varied_and_reproducible() {
    let mut g = BulkGenerator::new(5, targets(), NOW);
    let (articles, tags) = g.next_batch(2_000);
    assert_eq!((articles.len(), tags.len()), (2_000, 2_000));
    let slugs: HashSet<_> = articles
        .iter()
        .map(|a| (a.edition_id, a.slug.clone()))
        .collect();
    assert_eq!(slugs.len(), articles.len(), "slugs repeat");
    let headlines: HashSet<_> = articles.iter().map(|a| a.headline.as_str()).collect();
    assert!(
        headlines.len() > 1_000,
        "only {} distinct headlines",
        headlines.len()
    );
    for (a, t) in articles.iter().zip(&tags) {
        a.validate().unwrap();
        assert!((5..=8).contains(&a.body.len()));
        assert!((2..=4).contains(&t.len()));
        let base = 100 * a.edition_id;
        assert!(t.iter().all(|id| (base..base + 40).contains(id)));
        assert!(a.published_at.is_none_or(|p| p <= NOW));
        if a.edition_id == 2 {
            assert!(
                a.headline.chars().any(|c| ('а'..='я').contains(&c)),
                "{}",
                a.headline
            );
        }
        if a.edition_id == 3 {
            assert!(
                a.headline
                    .chars()
                    .any(|c| ('\u{621}'..='\u{64a}').contains(&c)),
                "{}",
                a.headline
            );
            // Spelled in Latin letters, not the fallback "article".
            assert!(!a.slug.as_str().starts_with("article"), "{}", a.slug);
        }
        assert!(!a.headline.contains('{') && !a.lead.contains('{'));
    }
    let again = BulkGenerator::new(5, targets(), NOW).next_batch(2_000).0;
    assert_eq!(again, articles);
    let other = BulkGenerator::new(6, targets(), NOW).next_batch(2_000).0;
    assert_ne!(other, articles);
}

#[test]
fn a_hundred_thousand_articles_take_little_time() {
    let started = Instant::now();
    let mut g = BulkGenerator::new(1, targets(), NOW);
    let setup = started.elapsed();
    let mut total = 0;
    for _ in 0..20 {
        total += g.next_batch(5_000).0.len();
    }
    eprintln!(
        "bulk: generator set up in {setup:?}, {total} articles in {:?}",
        started.elapsed() - setup
    );
    assert_eq!(total, 100_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_setup_prepares_an_empty_store_and_articles_go_in() {
    let db = TestDb::sqlite().await;
    let store = db.store();
    let blobs = MemoryBlobs::new();
    let targets = bulk_setup(store, &blobs, 3, NOW).await.unwrap();
    assert_eq!(targets.editions.len(), 1);
    assert_eq!(targets.editions[0].sections.len(), 7);
    assert!(targets.editions[0].tag_ids.len() >= 40);
    assert!(!targets.editions[0].author_ids.is_empty());
    assert_eq!(targets.media_ids.len(), 7);
    let shape_files: usize = Shape::ALL.iter().map(|s| s.widths().len()).sum();
    assert_eq!(
        blobs.len(),
        7 * (1 + 2 * (RENDITION_WIDTHS.len() + shape_files)),
        "originals and renditions written"
    );

    let again = bulk_setup(store, &blobs, 3, NOW).await.unwrap();
    assert_eq!(again, targets, "a second run creates nothing new");

    let mut g = BulkGenerator::new(3, targets, NOW);
    let mut inserted = 0;
    for _ in 0..3 {
        let (articles, tags) = g.next_batch(700);
        inserted += store.insert_articles_bulk(&articles, &tags).await.unwrap();
    }
    assert_eq!(inserted, 2_100);
    store.recount_counters().await.unwrap();
    let edition = &store.editions().await.unwrap()[0];
    assert!(edition.article_count > 1_900, "{}", edition.article_count);
}
