//! The article page's head with the editors' search and social overrides
//! and without them, and a syndicated copy: canonical link to the original,
//! no hreflang claim, left out of the sitemap, its own link in the feed.

use dateline_domain::{ArticleSeo, ArticleSeoPatch};
use dateline_store::testing::Fixtures;
use dateline_store::{Article, ArticleUpdate};
use reqwest::StatusCode;
use scraper::Html;

use super::fixture::full_renditions;
use super::{all, attr, fetch, one, page};
use crate::newsroom::NOW;
use crate::test_app::{TestApp, BASE_URL};

const BRIDGE: &str = "/en/world/bridge-reopens";
const RU_BRIDGE: &str = "/ru/world/most-otkryt";
const ORIGINAL: &str = "https://wire.example/2024/11/bridge?from=rss";

fn meta<'a>(doc: &'a Html, css: &str) -> &'a str {
    attr(one(doc, css), "content")
}

fn json_ld(doc: &Html) -> serde_json::Value {
    serde_json::from_str(&one(doc, "script[type='application/ld+json']").inner_html()).unwrap()
}

/// Saves `seo` whole on a story, as the newsroom does.
async fn set_seo(app: &TestApp, article: &Article, seo: ArticleSeo) {
    let store = app.store();
    let current = store.article_by_id(article.id).await.unwrap().unwrap();
    let update = ArticleUpdate {
        seo: ArticleSeoPatch::all(seo),
        ..ArticleUpdate::default()
    };
    store
        .update_article(article.id, current.version, &update, NOW + 7200)
        .await
        .unwrap();
}

async fn the_head_shows_the_overrides_and_falls_back_without_them(app: TestApp) {
    let backend = app.backend();
    let nr = &app.newsroom;
    let fx = &nr.fixtures;
    // Without overrides: headline, lead and lead picture.
    let doc = page(&app, BRIDGE).await;
    let headline = "Headline of bridge-reopens";
    let title = one(&doc, "title").inner_html();
    assert_eq!(title, format!("{headline} - Dateline"), "[{backend}]");
    let lead = meta(&doc, "meta[name='description']").to_owned();
    assert_eq!(lead, "Lead of bridge-reopens");
    assert_eq!(meta(&doc, "meta[property='og:title']"), headline);
    assert_eq!(meta(&doc, "meta[name='twitter:title']"), headline);
    assert_eq!(meta(&doc, "meta[property='og:description']"), lead);
    assert_eq!(meta(&doc, "meta[name='twitter:description']"), lead);
    let lead_image = meta(&doc, "meta[property='og:image']").to_owned();
    assert!(
        lead_image.contains(&fx.media.sha256),
        "[{backend}] {lead_image}"
    );
    assert_eq!(json_ld(&doc)["description"], lead.as_str());

    // A picture no story uses yet: readers cannot see it.
    let mut new = Fixtures::media_asset(20, NOW);
    new.edition_id = Some(fx.en.id);
    let social = app.store().create_media(&new).await.unwrap().0;
    full_renditions(app.store(), &social).await;
    let bank = format!("/en/mediabank/{}", social.id);
    assert_eq!(
        fetch(&app, &bank).await.0,
        StatusCode::NOT_FOUND,
        "[{backend}]"
    );

    set_seo(
        &app,
        &nr.bridge,
        ArticleSeo {
            seo_title: Some("Harbour bridge reopens after two years | Dateline".into()),
            seo_description: Some("Traffic returns to the harbour bridge.".into()),
            social_title: Some("The bridge is open!".into()),
            social_description: Some("Two years of repairs are over.".into()),
            social_media_id: Some(social.id),
            canonical_url: None,
        },
    )
    .await;
    let doc = page(&app, BRIDGE).await;
    assert_eq!(
        one(&doc, "title").inner_html(),
        "Harbour bridge reopens after two years | Dateline",
        "[{backend}] the whole title, nothing added"
    );
    assert_eq!(
        meta(&doc, "meta[name='description']"),
        "Traffic returns to the harbour bridge."
    );
    assert_eq!(
        meta(&doc, "meta[property='og:title']"),
        "The bridge is open!"
    );
    assert_eq!(
        meta(&doc, "meta[name='twitter:title']"),
        "The bridge is open!"
    );
    let social_text = "Two years of repairs are over.";
    assert_eq!(meta(&doc, "meta[property='og:description']"), social_text);
    assert_eq!(meta(&doc, "meta[name='twitter:description']"), social_text);
    let image = meta(&doc, "meta[property='og:image']");
    let largest = format!("{}-1920.jpg", social.sha256);
    assert!(
        image.starts_with(BASE_URL) && image.ends_with(&largest),
        "[{backend}] {image}"
    );
    assert_eq!(meta(&doc, "meta[name='twitter:image']"), image);
    assert_eq!(meta(&doc, "meta[property='og:image:width']"), "1920");
    assert_eq!(meta(&doc, "meta[property='og:image:height']"), "1080");
    assert_eq!(meta(&doc, "meta[property='og:image:alt']"), "Alt 20");
    // The page itself is unchanged: headline and the lead picture.
    assert_eq!(one(&doc, "h1").text().collect::<String>().trim(), headline);
    let ld = json_ld(&doc);
    assert_eq!(ld["headline"], headline);
    assert_eq!(ld["description"], "Traffic returns to the harbour bridge.");
    let images: Vec<&str> = ld["image"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i.as_str())
        .collect();
    assert_eq!(
        images.len(),
        2,
        "[{backend}] lead and social picture: {images:?}"
    );
    assert!(images[0].contains(&fx.media.sha256) && images[1] == image);
    // The social picture is shown by a public story: readers may see it.
    assert_eq!(fetch(&app, &bank).await.0, StatusCode::OK, "[{backend}]");

    // A search description alone also describes the social card.
    set_seo(
        &app,
        &nr.bridge,
        ArticleSeo {
            seo_description: Some("Traffic returns.".into()),
            ..ArticleSeo::default()
        },
    )
    .await;
    let doc = page(&app, BRIDGE).await;
    assert_eq!(
        meta(&doc, "meta[property='og:description']"),
        "Traffic returns."
    );
    assert_eq!(meta(&doc, "meta[property='og:title']"), headline);
    assert_eq!(meta(&doc, "meta[property='og:image']"), lead_image);
    assert_eq!(
        fetch(&app, &bank).await.0,
        StatusCode::NOT_FOUND,
        "[{backend}] no longer used by any story"
    );
}

async fn a_syndicated_copy_points_to_its_original(app: TestApp) {
    let backend = app.backend();
    let nr = &app.newsroom;
    set_seo(
        &app,
        &nr.ru_bridge,
        ArticleSeo {
            canonical_url: Some(ORIGINAL.parse().unwrap()),
            ..ArticleSeo::default()
        },
    )
    .await;

    let copy = page(&app, RU_BRIDGE).await;
    assert_eq!(
        attr(one(&copy, "link[rel='canonical']"), "href"),
        ORIGINAL,
        "[{backend}]"
    );
    assert_eq!(meta(&copy, "meta[property='og:url']"), ORIGINAL);
    let ld = json_ld(&copy);
    assert_eq!(ld["url"], ORIGINAL);
    assert_eq!(ld["mainEntityOfPage"]["@id"], ORIGINAL);
    assert!(
        all(&copy, "link[hreflang]").is_empty(),
        "[{backend}] a copy claims no language version"
    );
    // Readers still switch editions to the translation.
    assert_eq!(
        attr(one(&copy, "nav.editions a[hreflang='en']"), "href"),
        BRIDGE
    );

    // The English original lists itself, and not the copy.
    let original = page(&app, BRIDGE).await;
    let own = format!("{BASE_URL}{BRIDGE}");
    assert_eq!(attr(one(&original, "link[rel='canonical']"), "href"), own);
    let alternates: Vec<(&str, &str)> = all(&original, "link[hreflang]")
        .into_iter()
        .map(|l| (attr(l, "hreflang"), attr(l, "href")))
        .collect();
    assert_eq!(
        alternates,
        [("en", own.as_str()), ("x-default", own.as_str())],
        "[{backend}]"
    );
    assert_eq!(json_ld(&original)["url"], own);

    // Sitemaps list canonical pages only; the feed links the copy itself.
    let (status, sitemap) = fetch(&app, "/ru/sitemap-1.xml").await;
    assert_eq!(status, StatusCode::OK, "[{backend}]");
    assert!(!sitemap.contains("most-otkryt"), "[{backend}] {sitemap}");
    assert!(
        sitemap.contains("/ru/world/rynki-rastut"),
        "[{backend}] {sitemap}"
    );
    let (_, feed) = fetch(&app, "/ru/rss.xml").await;
    assert!(
        feed.contains(&format!("<link>{BASE_URL}{RU_BRIDGE}</link>")),
        "[{backend}] {feed}"
    );
    // The Content API names the canonical page too.
    let api = app
        .ok_json("/api/v1/editions/ru/articles/most-otkryt")
        .await;
    assert_eq!(api["canonical_url"], ORIGINAL);
    assert_eq!(api["url"], format!("{BASE_URL}{RU_BRIDGE}"));
    let api = app
        .ok_json("/api/v1/editions/en/articles/bridge-reopens")
        .await;
    assert!(api["canonical_url"].is_null());
}

on_both_backends!(
    crate::reader::fixture::reader_app_on;
    the_head_shows_the_overrides_and_falls_back_without_them,
    a_syndicated_copy_points_to_its_original,
);
