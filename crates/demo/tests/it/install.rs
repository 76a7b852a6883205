//! The demo installed into a real SQLite store: counts, logos, renditions,
//! related cards pointing at public articles of the same edition, pictures
//! of the article's own edition captioned in its language, blobs.

use std::time::Instant;

use dateline_demo::plan::PICTURES_PER_SECTION;
use dateline_demo::{install, DemoError};
use dateline_domain::{
    BodyBlock, EditionCode, ImageFormat, Shape, TextDirection, RENDITION_WIDTHS,
};
use dateline_media::MemoryBlobs;
use dateline_store::testing::TestDb;
use dateline_store::{ArticleFilter, ArticleQuery, MediaAsset, MediaQuery, Store};

use crate::NOW;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn install_creates_three_editions_that_look_like_a_news_agency() {
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
        (3, 21, 600)
    );
    // Three logos and each edition's bank; every twin is a file of its own
    // (the bank would merge equal bytes, and `media_assets` count only new).
    assert_eq!(
        (summary.media_assets, summary.authors),
        (3 + 3 * 7 * PICTURES_PER_SECTION, 24)
    );

    // The last change noted asks search indexes to read everything again.
    let head = store.search_change_head().await.unwrap();
    let last = store.search_changes_after(head - 1, 1).await.unwrap();
    assert_eq!(
        last.iter().map(|c| (c.entity, c.id)).collect::<Vec<_>>(),
        vec![(dateline_store::SearchEntity::Rebuild, 0)]
    );

    let again = install(store, &blobs, 7, NOW).await.unwrap_err();
    assert!(matches!(again, DemoError::AlreadyInstalled), "{again}");

    let editions = store.editions().await.unwrap();
    let names: Vec<_> = editions
        .iter()
        .map(|e| (e.code.as_str(), e.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("en", "Dateline International"),
            ("ru", "Дейтлайн"),
            ("ar", "ديتلاين بالعربية")
        ]
    );
    let directions: Vec<_> = editions.iter().map(|e| e.direction).collect();
    assert_eq!(
        directions,
        [TextDirection::Ltr, TextDirection::Ltr, TextDirection::Rtl]
    );
    assert_eq!(
        (
            editions[2].language.as_str(),
            editions[2].date_format.as_str()
        ),
        ("ar", "%e %B %Y")
    );
    let settings = store.site_settings().await.unwrap();
    assert_eq!(settings.site_name.as_deref(), Some("Dateline"));
    assert_eq!(settings.default_edition_id, Some(editions[0].id));
    assert!(
        settings.social_links.is_empty(),
        "no invented social accounts"
    );
    assert_eq!(
        settings.contact_email.as_ref().map(|e| e.as_str()),
        Some("newsdesk@example.org")
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
        let bank = edition_bank(store, e.id, true).await;
        assert_eq!(bank.len(), 1 + 7 * PICTURES_PER_SECTION, "{}", e.code);
        for m in &bank {
            assert_language(m, e.code.as_str());
            if m.id != logo.id {
                assert!(sections.iter().any(|s| Some(s.id) == m.section_id));
            }
        }
        assert!(bank.iter().any(|m| m.is_file_photo));
        // Every picture illustrates a published story, so readers see the
        // whole bank; the logo is public as a logo, not as a bank picture.
        let public: Vec<i64> = edition_bank(store, e.id, false)
            .await
            .iter()
            .map(|m| m.id)
            .collect();
        let expected: Vec<i64> = (bank.iter())
            .filter(|m| m.id != logo.id)
            .map(|m| m.id)
            .collect();
        assert_eq!(public, expected, "{}", e.code);
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
            let whole = media.renditions.iter().filter(|r| r.shape.is_none());
            assert_eq!(whole.count(), RENDITION_WIDTHS.len() * 2);
            for shape in Shape::ALL {
                let files = media.renditions.iter().filter(|r| r.shape == Some(shape));
                assert_eq!(files.count(), shape.widths().len() * 2, "{shape:?}");
            }
            for r in &media.renditions {
                let bytes = blobs.get(&r.storage_key).expect("rendition blob written");
                assert_eq!(bytes.len() as u64, r.byte_size);
            }
            assert!(blobs.get(&media.storage_key).is_some());
            assert_eq!(
                (media.edition_id, media.section_id),
                (Some(e.id), Some(article.section_id)),
                "lead picture of {}",
                article.headline
            );
            for block in &article.body {
                if let BodyBlock::Image { media_id, caption } = block {
                    let image = store.media_by_id(*media_id).await.unwrap().unwrap();
                    assert_eq!(image.edition_id, Some(e.id), "{}", article.headline);
                    assert!(caption.is_none());
                }
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

/// Every asset filed under `edition_id` (or only those readers may see).
async fn edition_bank(store: &Store, edition_id: i64, include_hidden: bool) -> Vec<MediaAsset> {
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .list_media(&MediaQuery {
                edition_id: Some(edition_id),
                limit: 100,
                after,
                include_hidden,
                ..MediaQuery::default()
            })
            .await
            .unwrap();
        out.extend(page.items);
        match page.next {
            Some(next) => after = Some(next),
            None => return out,
        }
    }
}

/// An asset's words are in its edition's language, and its caption leaves
/// "file photo" to the `is_file_photo` flag.
fn assert_language(m: &MediaAsset, code: &str) {
    let cyrillic = |t: &str| t.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    let arabic = |t: &str| t.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c));
    for t in [&m.caption, &m.alt_text, &m.credit, &m.copyright, &m.source] {
        assert_eq!(cyrillic(t), code == "ru", "{code}: {t:?}");
        assert_eq!(arabic(t), code == "ar", "{code}: {t:?}");
    }
    for words in ["File photo", "Архивное фото", "صورة أرشيفية"] {
        assert!(!m.caption.ends_with(words), "{code}: {:?}", m.caption);
    }
}
