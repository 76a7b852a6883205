//! The demo site as `dateline demo` installs it: a story translated into both
//! editions shows every element of the reference page, no picture on it is
//! broken, and the sitemaps list every published article.

use axum::http::StatusCode;
use chrono::{DateTime, Datelike};
use dateline_domain::BodyBlock;
use dateline_store::testing::TestDb;
use dateline_store::{Article, ArticleFilter, ArticleQuery, Edition, Store};
use scraper::Html;

use super::article::{check_article, Expect};
use super::{all, assert_well_formed, attr};
use crate::demo_site::DemoSite;
use crate::test_app::BASE_URL;

struct Demo {
    site: DemoSite,
    store: Store,
}

impl Demo {
    async fn install() -> Demo {
        let site = crate::demo_site::install(TestDb::sqlite().await).await;
        Demo {
            store: site.store.clone(),
            site,
        }
    }

    async fn get(&self, path: &str) -> (StatusCode, String) {
        let (status, _, body) = self.site.get(path).await;
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    async fn page(&self, path: &str) -> Html {
        let (status, body) = self.get(path).await;
        assert_eq!(status, StatusCode::OK, "GET {path}");
        Html::parse_document(&body)
    }
}

/// An English story with a quote, a related card with a picture and a lead
/// picture, whose Russian translation has the same; both articles.
async fn translated_story(store: &Store, en: &Edition) -> (Article, Article) {
    let query = ArticleQuery {
        filter: ArticleFilter::Edition(en.id),
        limit: 100,
        after: None,
    };
    for card in store.list_articles(&query).await.unwrap().items {
        let article = store.article_by_id(card.id).await.unwrap().unwrap();
        let translations = store.translations(article.translation_group).await.unwrap();
        let Some(ru) = translations
            .iter()
            .find(|t| t.edition_code.as_str() == "ru")
        else {
            continue;
        };
        let ru = store.article_by_id(ru.article_id).await.unwrap().unwrap();
        if rich(store, &article).await && rich(store, &ru).await {
            return (article, ru);
        }
    }
    panic!("the demo has no fully illustrated story in both editions");
}

async fn rich(store: &Store, a: &Article) -> bool {
    let quote = a.body.iter().any(|b| matches!(b, BodyBlock::Quote { .. }));
    let related = related_card(store, a).await;
    quote && a.lead_media_id.is_some() && related.is_some_and(|c| c.lead_media.is_some())
}

async fn related_card(store: &Store, a: &Article) -> Option<dateline_store::ArticleCard> {
    let id = a.body.iter().find_map(|b| match b {
        BodyBlock::Related { article_id } => Some(*article_id),
        _ => None,
    })?;
    store.article_cards(&[id]).await.unwrap().into_iter().next()
}

async fn article_path(
    store: &Store,
    e: &Edition,
    a: &Article,
) -> (String, dateline_store::Section) {
    let section = store.section_by_id(a.section_id).await.unwrap().unwrap();
    (format!("/{}/{}/{}", e.code, section.slug, a.slug), section)
}

async fn expect(
    store: &Store,
    edition: &Edition,
    article: &Article,
    other: (&'static str, &Article),
) -> Expect {
    let (own_path, section) = article_path(store, edition, article).await;
    let other_edition = store
        .edition_by_code(&other.0.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let (other_path, _) = article_path(store, &other_edition, other.1).await;
    let card = related_card(store, article).await.unwrap();
    let picture = store
        .media_by_id(card.lead_media.unwrap().id)
        .await
        .unwrap()
        .unwrap();
    let day = DateTime::from_timestamp(picture.created_at, 0)
        .unwrap()
        .with_timezone(&edition.time_zone.tz());
    let width = picture.renditions.iter().map(|r| r.width).max().unwrap();
    let lang = if edition.code.as_str() == "ru" {
        "ru"
    } else {
        "en"
    };
    let comments = match (lang, article.comment_count) {
        ("ru", 1) => "1 комментарий".to_owned(),
        ("ru", n) if (2..=4).contains(&n) => format!("{n} комментария"),
        ("ru", n) => format!("{n} комментариев"),
        (_, 1) => "1 comment".to_owned(),
        (_, n) => format!("{n} comments"),
    };
    let lead = store
        .media_by_id(article.lead_media_id.unwrap())
        .await
        .unwrap()
        .unwrap();
    Expect {
        credit: lead.credit,
        path: own_path,
        lang,
        edition_name: edition.name.clone(),
        logo: edition.logo_media_id.is_some(),
        site_name: store
            .site_settings()
            .await
            .unwrap()
            .site_name
            .expect("the demo names its site"),
        section: section.title,
        headline: article.headline.clone(),
        comments,
        related_alt: format!(
            "{} - {}, {width}, {:02}.{:02}.{}",
            if picture.alt_text.is_empty() {
                &picture.caption
            } else {
                &picture.alt_text
            },
            edition.name,
            day.day(),
            day.month(),
            day.year()
        ),
        translation: (other.0, other_path),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_site_shows_every_element_in_both_editions() {
    let started = std::time::Instant::now();
    let demo = Demo::install().await;
    eprintln!("demo installed in {:?}", started.elapsed());
    let store = &demo.store;
    let editions = store.editions().await.unwrap();
    let (en, ru) = (&editions[0], &editions[1]);
    let (en_story, ru_story) = translated_story(store, en).await;
    for (edition, article, other) in [
        (en, &en_story, ("ru", &ru_story)),
        (ru, &ru_story, ("en", &en_story)),
    ] {
        let e = expect(store, edition, article, other).await;
        let doc = demo.page(&e.path).await;
        // The camera's original, with whatever private tags it carries, is
        // not for readers.
        if let Some(lead) = article.lead_media_id {
            let asset = store.media_by_id(lead).await.unwrap().unwrap();
            let (status, _) = demo.get(&format!("/media/{}", asset.storage_key)).await;
            assert_eq!(
                status,
                StatusCode::NOT_FOUND,
                "original {}",
                asset.storage_key
            );
        }
        check_article(&doc, &e);
        assert!(
            !all(&doc, ".article-tags a[rel='tag']").is_empty(),
            "{}: tags",
            e.path
        );
        // No broken pictures: every file the page points at is served.
        let mut files: Vec<String> = all(&doc, "img[src]")
            .into_iter()
            .map(|i| attr(i, "src").to_owned())
            .collect();
        for source in all(&doc, "source[srcset]") {
            files.extend(
                attr(source, "srcset")
                    .split(", ")
                    .filter_map(|c| c.split(' ').next())
                    .map(str::to_owned),
            );
        }
        files.sort();
        files.dedup();
        assert!(files.iter().any(|f| f.ends_with("-1920.webp")), "{files:?}");
        for file in files {
            assert_eq!(
                demo.get(&file).await.0,
                StatusCode::OK,
                "{} links {file}",
                e.path
            );
        }
    }
    for path in ["/en/", "/ru/", "/en/newsfeed", "/ru/mediabank/"] {
        assert_well_formed(&demo.page(path).await, path);
    }

    // The story sitemaps list every published article of both editions.
    let (_, index) = demo.get("/sitemap.xml").await;
    let mut listed = 0;
    for loc in index
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split_once("</loc>").map(|(l, _)| l))
        .filter(|l| !l.ends_with("-news.xml") && !l.ends_with("-pages.xml"))
    {
        let (status, xml) = demo.get(loc.trim_start_matches(BASE_URL)).await;
        assert_eq!(status, StatusCode::OK, "{loc}");
        listed += xml.matches("<url>").count();
    }
    let public: i64 = store
        .editions()
        .await
        .unwrap()
        .iter()
        .map(|e| e.article_count)
        .sum();
    assert_eq!(listed, usize::try_from(public).unwrap());
}

/// Every address a page links to on this site (`<a>` and `<link>`), as a
/// root-relative path without its fragment.
fn internal_links(doc: &Html) -> Vec<String> {
    let mut links: Vec<String> = all(doc, "a[href], link[href]")
        .into_iter()
        .map(|el| attr(el, "href"))
        .filter_map(|href| {
            let path = href.strip_prefix(BASE_URL).unwrap_or(href);
            (path.starts_with('/') && !path.starts_with("//"))
                .then(|| path.split('#').next().unwrap_or_default().to_owned())
        })
        .filter(|path| !path.is_empty())
        .collect();
    links.sort();
    links.dedup();
    links
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_link_on_the_demo_front_and_article_pages_leads_to_a_missing_page() {
    let demo = Demo::install().await;
    let store = &demo.store;
    let editions = store.editions().await.unwrap();
    let (en_story, ru_story) = translated_story(store, &editions[0]).await;
    let mut pages = vec!["/en/".to_owned(), "/ru/".to_owned()];
    pages.push(article_path(store, &editions[0], &en_story).await.0);
    pages.push(article_path(store, &editions[1], &ru_story).await.0);
    for page in &pages {
        let links = internal_links(&demo.page(page).await);
        // The crawl sees the masthead, the footer and the stories.
        assert!(
            links.iter().any(|l| l.ends_with("/rss.xml"))
                && links.contains(&"/sitemap.xml".to_owned()),
            "{page}: {links:?}"
        );
        for link in links {
            let (status, _) = demo.get(&link).await;
            assert_ne!(status, StatusCode::NOT_FOUND, "{page} links {link}");
            assert!(!status.is_server_error(), "{page} links {link}: {status}");
        }
    }
}
