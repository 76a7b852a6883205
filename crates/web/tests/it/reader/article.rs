//! Every element of the reference article page, in English and Russian, and
//! the article's redirects and error answers.

use reqwest::redirect::Policy;
use reqwest::StatusCode;
use scraper::Html;

use super::fixture::{RU_OTHER, RU_WITHDRAWN};
use super::{all, assert_well_formed, attr, fetch, one, page, text};
use crate::test_app::{TestApp, BASE_URL};

/// What differs between two editions' pages of one story.
pub struct Expect {
    pub path: String,
    pub lang: &'static str,
    pub edition_name: String,
    /// The edition has a logo (the masthead shows it instead of the name).
    pub logo: bool,
    /// The site's name (the edition's own while none is set): the title's
    /// suffix, `og:site_name` and the JSON-LD publisher.
    pub site_name: String,
    pub section: String,
    pub headline: String,
    pub comments: String,
    /// The lead picture's credit line.
    pub credit: String,
    /// The related card's alt: "<alt text> - <edition name>, <width>, <date>".
    pub related_alt: String,
    /// Language and path of the other edition's translation.
    pub translation: (&'static str, String),
}

/// UI labels of an edition's language.
struct Labels {
    subscribe: &'static str,
    mediabank: &'static str,
    newsfeed: &'static str,
    chats: &'static str,
}

fn labels(lang: &str) -> Labels {
    match lang {
        "ru" => Labels {
            subscribe: "Подписаться",
            mediabank: "Перейти в фотобанк",
            newsfeed: "Лента новостей",
            chats: "Чаты",
        },
        _ => Labels {
            subscribe: "Subscribe",
            mediabank: "Go to the media bank",
            newsfeed: "Newsfeed",
            chats: "Chats",
        },
    }
}

fn en() -> Expect {
    Expect {
        path: "/en/world/bridge-reopens".into(),
        lang: "en",
        edition_name: "Dateline".into(),
        logo: true,
        site_name: "Dateline".into(),
        section: "World".into(),
        headline: "Headline of bridge-reopens".into(),
        comments: "2 comments".into(),
        credit: "© Photo: Test Agency".into(),
        related_alt: "Alt 1 - Dateline, 1920, 14.11.2023".into(),
        translation: ("ru", "/ru/world/most-otkryt".into()),
    }
}

fn ru() -> Expect {
    Expect {
        path: "/ru/world/most-otkryt".into(),
        lang: "ru",
        edition_name: "Дейтлайн".into(),
        logo: false,
        site_name: "Дейтлайн".into(),
        section: "В мире".into(),
        headline: "Мост открыт".into(),
        comments: "21 комментарий".into(),
        credit: "© Photo: Test Agency".into(),
        related_alt: "Alt 3 - Дейтлайн, 1920, 14.11.2023".into(),
        translation: ("en", "/en/world/bridge-reopens".into()),
    }
}

async fn every_reference_element_in_both_editions(app: TestApp) {
    for expect in [en(), ru()] {
        let doc = page(&app, &expect.path).await;
        check_article(&doc, &expect);
    }
}

pub fn check_article(doc: &Html, e: &Expect) {
    let path = e.path.as_str();
    let l = labels(e.lang);
    assert_well_formed(doc, path);
    let html = one(doc, "html");
    assert_eq!((attr(html, "lang"), attr(html, "dir")), (e.lang, "ltr"));
    // 1. Brand: the edition's logo, named by its alt text, else its name
    // (never both).
    let logos = all(doc, "header .brand .brand-logo img[src]");
    let names = all(doc, "header .brand .brand-name");
    if e.logo {
        assert_eq!(logos.len(), 1, "{path}: logo");
        assert_eq!(attr(logos[0], "alt"), e.edition_name, "{path}");
        assert!(names.is_empty(), "{path}: the name is the logo's alt text");
    } else {
        assert!(logos.is_empty(), "{path}: no stand-in logo");
        assert_eq!(text(one(doc, "header .brand .brand-name")), e.edition_name);
    }
    // 2. Section name and blurb.
    assert_eq!(text(one(doc, ".article-header .kicker a")), e.section);
    assert!(
        !text(one(doc, ".article-header .section-blurb")).is_empty(),
        "{path}: blurb"
    );
    // 3. Headline.
    assert_eq!(text(one(doc, "h1")), e.headline);
    // 4–5. Lead figure: responsive sources up to 1920, caption, credit, media-bank link.
    let figure = "figure.lead-figure";
    for format in ["webp", "jpeg"] {
        let srcset = attr(
            one(
                doc,
                &format!("{figure} picture source[type='image/{format}']"),
            ),
            "srcset",
        );
        assert!(
            srcset.contains(" 1920w") && srcset.contains(" 320w"),
            "{path}: {format} srcset {srcset}"
        );
    }
    let img = one(doc, &format!("{figure} picture img"));
    assert!(
        attr(img, "alt").contains(&format!(" - {}, 1920, ", e.edition_name)),
        "{path}: lead alt"
    );
    assert_eq!(
        text(one(doc, &format!("{figure} figcaption .credit"))),
        e.credit
    );
    assert!(!text(one(doc, &format!("{figure} figcaption .caption"))).is_empty());
    let bank = one(doc, &format!("{figure} figcaption a.mediabank-link"));
    assert_eq!(text(bank), l.mediabank);
    assert!(attr(bank, "href").starts_with(&format!("/{}/mediabank/", e.lang)));
    // Dates: publication and update, machine-readable.
    let published = attr(one(doc, ".article-dates .published time"), "datetime");
    assert!(published.len() >= 20, "{path}: {published}");
    if let Some(updated) = all(doc, ".article-dates .updated time").first() {
        assert!(
            attr(*updated, "datetime") > published,
            "{path}: updated before published"
        );
    }
    // 6. Subscribe: newsletters and alerts, and the feed.
    assert_eq!(text(one(doc, "details.subscribe summary")), l.subscribe);
    let subscribe: Vec<_> = all(doc, "details.subscribe a")
        .into_iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(
        subscribe,
        [
            format!("/{}/newsletter", e.lang),
            format!("/{}/rss.xml", e.lang)
        ]
    );
    // 7–8. Lead and body, with a quote and its attribution.
    assert!(!text(one(doc, "p.lead")).is_empty());
    assert!(!text(one(doc, ".article-body figure.quote blockquote")).is_empty());
    assert!(!text(one(doc, ".article-body figure.quote figcaption cite")).is_empty());
    // 9. Inline related card: picture alt, section, date, headline.
    let card = ".article-body aside.related";
    assert_eq!(attr(one(doc, &format!("{card} img")), "alt"), e.related_alt);
    assert_eq!(text(one(doc, &format!("{card} .card-section"))), e.section);
    assert!(!all(doc, &format!("{card} time[datetime]")).is_empty());
    assert!(!text(one(doc, &format!("{card} .card-title a"))).is_empty());
    // Tags and authors.
    assert!(
        !all(doc, ".article-authors a[href^='/']").is_empty(),
        "{path}: authors"
    );
    // 10. Newsfeed column.
    assert_eq!(text(one(doc, "aside.newsfeed h2")), l.newsfeed);
    assert!(!all(doc, "aside.newsfeed li a.stream-title").is_empty());
    // 11–12. Comment counter in the right plural; log in or register,
    // coming back to the discussion.
    assert_eq!(text(one(doc, ".discussion .comment-counter")), e.comments);
    let next = format!("return={path}%23discussion");
    let login = attr(
        one(doc, ".discussion-prompt a[href^='/account/login']"),
        "href",
    );
    let register = attr(
        one(doc, ".discussion-prompt a[href^='/account/register']"),
        "href",
    );
    assert!(
        login.ends_with(&next) && register.ends_with(&next),
        "{login} {register}"
    );
    // 13. The next article, the hook for infinite scroll.
    let next_link = attr(one(doc, ".next-article a[rel='next']"), "href");
    assert!(next_link.starts_with(&format!("/{}/", e.lang)) && next_link != path);
    // 14. Chats.
    assert_eq!(
        text(one(
            doc,
            &format!(".discussion a[href='/{}/chats']", e.lang)
        )),
        l.chats
    );
    // SEO: canonical, hreflang pair plus x-default, social cards, JSON-LD.
    let canonical = format!("{BASE_URL}{path}");
    assert_eq!(attr(one(doc, "link[rel='canonical']"), "href"), canonical);
    assert_eq!(
        attr(one(doc, &format!("link[hreflang='{}']", e.lang)), "href"),
        canonical
    );
    let (other_lang, other_path) = &e.translation;
    let other = attr(one(doc, &format!("link[hreflang='{other_lang}']")), "href");
    assert_eq!(other, format!("{BASE_URL}{other_path}"));
    // The edition switcher leads to the translation, not the other front page.
    let switcher = |lang: &str| {
        attr(
            one(doc, &format!("nav.editions a[hreflang='{lang}']")),
            "href",
        )
    };
    assert_eq!(switcher(other_lang), other_path);
    assert_eq!(switcher(e.lang), path);
    assert!(!all(doc, "link[hreflang='x-default']").is_empty());
    assert_eq!(
        attr(one(doc, "meta[property='og:type']"), "content"),
        "article"
    );
    assert!(attr(one(doc, "meta[property='og:image']"), "content").starts_with(BASE_URL));
    assert_eq!(
        attr(one(doc, "meta[name='twitter:card']"), "content"),
        "summary_large_image"
    );
    let ld: serde_json::Value =
        serde_json::from_str(&one(doc, "script[type='application/ld+json']").inner_html()).unwrap();
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], e.headline);
    assert!(
        ld["image"][0].as_str().unwrap().ends_with("-1920.jpg"),
        "{ld}"
    );
    assert!(ld["datePublished"].is_string() && ld["dateModified"].is_string());
    assert!(ld["author"][0]["name"].is_string());
    assert_eq!(ld["publisher"]["name"], e.site_name);
    assert_eq!(
        attr(one(doc, "meta[property='og:site_name']"), "content"),
        e.site_name
    );
    assert!(text(one(doc, "title")).ends_with(&format!(" - {}", e.site_name)));
    assert!(ld["publisher"]["logo"]["url"]
        .as_str()
        .unwrap()
        .starts_with(BASE_URL));
    assert_eq!(ld["mainEntityOfPage"]["@id"], canonical);
}

async fn the_english_page_has_tags_embeds_and_body_images(app: TestApp) {
    let doc = page(&app, "/en/world/bridge-reopens").await;
    assert!(!all(&doc, ".article-dates .updated time").is_empty());
    let tags: Vec<_> = all(&doc, ".article-tags a[rel='tag']")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(tags, ["Transport", "City"]);
    assert_eq!(
        attr(one(&doc, ".article-tags a[rel='tag']"), "href"),
        "/en/tag/transport"
    );
    assert_eq!(text(one(&doc, ".article-body h2")), "Traffic");
    assert_eq!(
        text(one(&doc, ".article-body figure.body-figure .caption")),
        "The bridge at dawn. File photo"
    );
    let embed = one(&doc, ".article-body aside.embed a.embed-card");
    assert_eq!(attr(embed, "href"), "https://video.example/bridge");
    assert!(text(embed).contains("video.example"));
}

/// A client that reports redirects instead of following them.
async fn no_follow(app: &TestApp, path: &str) -> reqwest::Response {
    let client = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap();
    client.get(app.url(path)).send().await.unwrap()
}

async fn a_wrong_section_redirects_to_the_canonical_url(app: TestApp) {
    let response = no_follow(&app, "/en/business/bridge-reopens").await;
    assert_eq!(response.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(response.headers()["location"], "/en/world/bridge-reopens");
    let response = no_follow(&app, "/en/world").await;
    assert_eq!(response.headers()["location"], "/en/world/");
}

async fn hidden_and_withdrawn_articles_in_the_editions_language(app: TestApp) {
    let (status, body) = fetch(&app, "/en/world/secret-plan").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "drafts are not found");
    assert!(body.contains("Page not found"));
    let (status, _) = fetch(&app, "/en/world/withdrawn-story").await;
    assert_eq!(status, StatusCode::GONE);

    let (status, body) = fetch(&app, RU_WITHDRAWN).await;
    assert_eq!(status, StatusCode::GONE);
    let doc = Html::parse_document(&body);
    assert_eq!(attr(one(&doc, "html"), "lang"), "ru");
    assert_eq!(text(one(&doc, "h1")), "Материал снят с публикации");
    assert_eq!(attr(one(&doc, "meta[name='robots']"), "content"), "noindex");

    for missing in [
        "/ru/world/net-takogo",
        "/ru/net-razdela/",
        "/ru/a/b/c/d",
        "/ru/tag/net",
    ] {
        let (status, body) = fetch(&app, missing).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
        let doc = Html::parse_document(&body);
        assert_eq!(attr(one(&doc, "html"), "lang"), "ru", "{missing}");
        assert_eq!(text(one(&doc, "h1")), "Страница не найдена", "{missing}");
        assert_well_formed(&doc, missing);
    }
    let (status, body) = fetch(&app, "/xx/world/anything").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("<html lang=\"en\"") && body.contains("Page not found"));
    // The second Russian story exists, so the related card above is real.
    assert_eq!(fetch(&app, RU_OTHER).await.0, StatusCode::OK);
}

on_both_backends!(
    crate::reader::fixture::reader_app_on;
    every_reference_element_in_both_editions,
    the_english_page_has_tags_embeds_and_body_images,
    a_wrong_section_redirects_to_the_canonical_url,
    hidden_and_withdrawn_articles_in_the_editions_language,
);
