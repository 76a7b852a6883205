//! The demo installed into a real SQLite store: counts, logos, renditions,
//! related cards pointing at public articles of the same edition, blobs.

use std::time::Instant;

use dateline_demo::{install, DemoError};
use dateline_domain::{BodyBlock, EditionCode, ImageFormat, RENDITION_WIDTHS};
use dateline_media::MemoryBlobs;
use dateline_store::testing::TestDb;
use dateline_store::{ArticleFilter, ArticleQuery};

use crate::NOW;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn install_creates_two_editions_that_look_like_a_news_agency() {
    let db = TestDb::sqlite().await;
    let store = db.store();
    let blobs = MemoryBlobs::new();
    let started = Instant::now();
    let summary = install(store, &blobs, 7, NOW).await.unwrap();
    eprintln!(
        "install: {:?}, {summary:?}, {} blobs",
        started.elapsed(),
        blobs.len()
    );
    assert_eq!(
        (summary.editions, summary.sections, summary.articles),
        (2, 14, 400)
    );
    assert_eq!((summary.media_assets, summary.authors), (65, 16));

    let again = install(store, &blobs, 7, NOW).await.unwrap_err();
    assert!(matches!(again, DemoError::AlreadyInstalled), "{again}");

    let editions = store.editions().await.unwrap();
    let names: Vec<_> = editions
        .iter()
        .map(|e| (e.code.as_str(), e.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [("en", "Dateline International"), ("ru", "Дейтлайн")]
    );
    let ru = store
        .edition_by_code(&"ru".parse::<EditionCode>().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (ru.time_zone.as_str(), ru.date_format.as_str()),
        ("Europe/Moscow", "%d.%m.%Y")
    );
    for e in &editions {
        let logo = store
            .media_by_id(e.logo_media_id.unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!((logo.format, logo.width), (ImageFormat::Png, 1920));
        let sections = store.sections(e.id).await.unwrap();
        assert_eq!(sections.len(), 7);
        assert!(sections.iter().all(|s| s.description.ends_with('.')));
        assert!(
            e.article_count >= 180,
            "{} public articles in {}",
            e.article_count,
            e.code
        );

        let page = store
            .list_articles(&ArticleQuery {
                filter: ArticleFilter::Edition(e.id),
                limit: 40,
                after: None,
            })
            .await
            .unwrap();
        for card in &page.items {
            let article = store.article_by_id(card.id).await.unwrap().unwrap();
            assert!(!article.authors.is_empty() && (2..=5).contains(&article.tags.len()));
            let media = store
                .media_by_id(article.lead_media_id.unwrap())
                .await
                .unwrap()
                .unwrap();
            assert_eq!(media.renditions.len(), RENDITION_WIDTHS.len() * 2);
            for r in &media.renditions {
                let bytes = blobs.get(&r.storage_key).expect("rendition blob written");
                assert_eq!(bytes.len() as u64, r.byte_size);
            }
            assert!(blobs.get(&media.storage_key).is_some());
            for block in &article.body {
                if let BodyBlock::Related { article_id } = block {
                    let target = store.article_by_id(*article_id).await.unwrap().unwrap();
                    assert_eq!(target.edition_id, e.id);
                    assert!(target.status.is_public());
                    assert_ne!(target.id, article.id);
                }
            }
        }
    }
    let groups = store
        .article_by_id(1)
        .await
        .unwrap()
        .map(|a| a.translation_group);
    assert!(groups.is_some());
}
