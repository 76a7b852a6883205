//! The reader's search through the real router and a real index, on both
//! backends: what a reader sees on `/{edition}/search` (stemming in each
//! language, typos, phrases, prefixes, facets that narrow, paging, "did you
//! mean", bad input), suggestions as one types, the media bank's search
//! box, related stories and the masthead's search box on every page.

use dateline_domain::{ArticleStatus, BodyBlock, NewArticle, NewMediaAsset};
use dateline_store::testing::{slug, Fixtures};
use dateline_store::{Article, MediaAsset, NewAudit};
use reqwest::StatusCode;
use scraper::Html;

use crate::newsroom::NOW;
use crate::reader::{all, attr, fetch, one, page, text};
use crate::test_app::TestApp;

/// A published story in `en/world` with these words as headline and body.
pub async fn story(app: &TestApp, slug_text: &str, headline: &str, body: &str) -> Article {
    publish(
        app,
        NewArticle {
            headline: headline.into(),
            lead: String::new(),
            body: vec![BodyBlock::paragraph(body)],
            lead_media_id: None,
            ..app.newsroom.fixtures.article(slug_text, NOW)
        },
    )
    .await
}

pub async fn publish(app: &TestApp, new: NewArticle) -> Article {
    app.store()
        .create_article(&new)
        .await
        .unwrap_or_else(|e| panic!("[{}] {}: {e}", app.backend(), new.slug))
}

/// A picture released to the public bank (public) or not, filed under `en`.
pub async fn picture(app: &TestApp, n: u32, caption: &str, released: bool) -> MediaAsset {
    let new = NewMediaAsset {
        caption: caption.into(),
        edition_id: Some(app.newsroom.fixtures.en.id),
        ..Fixtures::media_asset(n, NOW)
    };
    let (asset, _) = app.store().create_media(&new).await.unwrap();
    if released {
        let audit = NewAudit::new("media.release", "media", Some(asset.id), NOW);
        app.store()
            .release_media(asset.id, true, &audit)
            .await
            .unwrap();
    }
    asset
}

/// The search page for `query` (an encoded query string), which must be 200.
async fn results(app: &TestApp, edition: &str, query: &str) -> Html {
    page(app, &format!("/{edition}/search?{query}")).await
}

/// The result links' addresses, in order.
fn hits(doc: &Html) -> Vec<String> {
    all(doc, ".search-hit-title a")
        .into_iter()
        .map(|a| attr(a, "href").to_owned())
        .collect()
}

fn q(words: &str) -> String {
    format!("q={}", form_escape(words))
}

pub fn form_escape(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

async fn russian_cases_find_each_other(app: TestApp) {
    let fx = &app.newsroom.fixtures;
    publish(
        &app,
        NewArticle {
            edition_id: fx.ru.id,
            section_id: fx.ru_world.id,
            headline: "Итоги голосования".into(),
            lead: String::new(),
            body: vec![BodyBlock::paragraph(
                "Наблюдатели на выборах не нашли нарушений.",
            )],
            lead_media_id: None,
            ..fx.article("itogi", NOW)
        },
    )
    .await;
    app.sync_search().await;
    let doc = results(&app, "ru", &q("выборы")).await;
    assert_eq!(hits(&doc), ["/ru/world/itogi"], "[{}]", app.backend());
    assert_eq!(text(one(&doc, ".search-count")), "Найден 1 результат");
    let snippet = one(&doc, ".search-snippet").inner_html();
    assert!(snippet.contains("<mark>выборах</mark>"), "{snippet}");
    // The English edition has no such story.
    let en = results(&app, "en", &q("выборы")).await;
    assert!(hits(&en).is_empty());
    assert_eq!(text(one(&en, ".search-count")), "Nothing found");
}

async fn english_forms_find_each_other(app: TestApp) {
    story(
        &app,
        "polls",
        "Polls close",
        "The elections were calm across the country.",
    )
    .await;
    app.sync_search().await;
    let doc = results(&app, "en", &q("election")).await;
    assert_eq!(hits(&doc), ["/en/world/polls"], "[{}]", app.backend());
    assert!(one(&doc, ".search-snippet")
        .inner_html()
        .contains("<mark>elections</mark>"));
    assert_eq!(text(one(&doc, ".search-count")), "1 result");
    // Section and date are shown with the headline.
    assert_eq!(text(one(&doc, ".search-hit .card-section")), "World");
    assert!(!all(&doc, ".search-hit time[datetime]").is_empty());
}

async fn a_typo_phrases_and_prefixes(app: TestApp) {
    story(
        &app,
        "budget",
        "Parliament approves the budget",
        "A long debate ended.",
    )
    .await;
    story(
        &app,
        "crane",
        "Port news",
        "The red harbour crane was repaired.",
    )
    .await;
    story(
        &app,
        "colours",
        "Port colours",
        "The harbour was painted red overnight.",
    )
    .await;
    app.sync_search().await;
    // One wrong letter in a longer word.
    let doc = results(&app, "en", &q("parliamint")).await;
    assert_eq!(hits(&doc), ["/en/world/budget"], "[{}]", app.backend());
    // A phrase matches the words together and in order only.
    let doc = results(&app, "en", &q("\"red harbour\"")).await;
    assert_eq!(hits(&doc), ["/en/world/crane"]);
    let mut both = hits(&results(&app, "en", &q("red harbour")).await);
    both.sort();
    assert_eq!(both, ["/en/world/colours", "/en/world/crane"]);
    // The last word, still being typed, is a prefix.
    let mut typed = hits(&results(&app, "en", &q("harbo")).await);
    typed.sort();
    assert_eq!(typed, ["/en/world/colours", "/en/world/crane"]);
    assert!(hits(&results(&app, "en", &q("harbo ")).await).is_empty());
}

async fn facets_and_filters_narrow(app: TestApp) {
    let fx = &app.newsroom.fixtures;
    let john = app
        .store()
        .author_by_slug(&slug("john-doe"))
        .await
        .unwrap()
        .unwrap();
    story(
        &app,
        "zep-world",
        "Zeppelin returns",
        "An airship over the city.",
    )
    .await;
    publish(
        &app,
        NewArticle {
            headline: "Zeppelin shares climb".into(),
            section_id: fx.business.id,
            author_ids: vec![john.id],
            tags: vec![(slug("airships"), "Airships".into())],
            lead_media_id: None,
            ..fx.article("zep-business", NOW - 3600)
        },
    )
    .await;
    publish(
        &app,
        NewArticle {
            headline: "Zeppelin museum opens".into(),
            published_at: Some(dateline_web::auth::now()),
            updated_at: dateline_web::auth::now(),
            lead_media_id: None,
            ..fx.article("zep-today", NOW)
        },
    )
    .await;
    let shown = picture(&app, 51, "A zeppelin over the harbour", true).await;
    picture(&app, 52, "A zeppelin nobody released", false).await;
    app.sync_search().await;

    let doc = results(&app, "en", &q("zeppelin")).await;
    assert_eq!(hits(&doc).len(), 4, "[{}] {:?}", app.backend(), hits(&doc));
    assert_eq!(text(one(&doc, ".search-count")), "4 results");
    let picture_link = format!("/en/mediabank/{}", shown.id);
    assert!(
        hits(&doc).contains(&picture_link),
        "pictures link to their media-bank page"
    );
    // Each facet value links to the narrowed search, with its count.
    let facet = |doc: &Html, group: &str, label: &str| -> (String, String) {
        let item = all(doc, &format!(".facet-{group} li"))
            .into_iter()
            .find(|li| text(one_in(*li, "a")) == label)
            .unwrap_or_else(|| panic!("no {label} in the {group} facet"));
        let count = item
            .select(&crate::reader::sel(".facet-count"))
            .next()
            .map(text)
            .unwrap_or_default();
        (attr(one_in(item, "a"), "href").to_owned(), count)
    };
    let (business, n) = facet(&doc, "section", "Business");
    assert_eq!(n, "1");
    let narrowed = page(&app, &business).await;
    assert_eq!(hits(&narrowed), ["/en/business/zep-business"]);
    assert_eq!(
        attr(one(&narrowed, ".facet-section a[aria-current]"), "href"),
        "/en/search?q=zeppelin"
    );
    let (tag, _) = facet(&doc, "tag", "Airships");
    assert_eq!(hits(&page(&app, &tag).await), ["/en/business/zep-business"]);
    let (author, _) = facet(&doc, "author", "John Doe");
    assert_eq!(
        hits(&page(&app, &author).await),
        ["/en/business/zep-business"]
    );
    let (pictures, n) = facet(&doc, "kind", "Pictures");
    assert_eq!(n, "1");
    let only = page(&app, &pictures).await;
    assert_eq!(hits(&only), std::slice::from_ref(&picture_link));
    assert!(!all(&only, ".search-hit-picture img[alt]").is_empty());
    let (week, _) = facet(&doc, "date", "Last week");
    assert_eq!(hits(&page(&app, &week).await), ["/en/world/zep-today"]);
    // Filters combine, and a value the edition does not have is ignored.
    let both = results(
        &app,
        "en",
        "q=zeppelin&section=world&kind=article&tag=nope&author=nobody",
    )
    .await;
    let mut world = hits(&both);
    world.sort();
    assert_eq!(world, ["/en/world/zep-today", "/en/world/zep-world"]);
    // Newest first puts today's story on top.
    let newest = results(&app, "en", "q=zeppelin&order=newest").await;
    assert_eq!(hits(&newest)[0], "/en/world/zep-today");
}

fn one_in<'a>(el: scraper::ElementRef<'a>, css: &str) -> scraper::ElementRef<'a> {
    el.select(&crate::reader::sel(css))
        .next()
        .unwrap_or_else(|| panic!("no {css} inside"))
}

async fn drafts_and_withdrawn_stories_stay_out(app: TestApp) {
    let fx = &app.newsroom.fixtures;
    publish(
        &app,
        NewArticle {
            headline: "Clandestine plan".into(),
            ..fx.draft("clandestine")
        },
    )
    .await;
    let shown = story(
        &app,
        "quokka",
        "Quokka census",
        "Counting quokkas on the island.",
    )
    .await;
    app.sync_search().await;
    assert!(
        hits(&results(&app, "en", &q("clandestine")).await).is_empty(),
        "[{}]",
        app.backend()
    );
    assert_eq!(
        hits(&results(&app, "en", &q("quokka")).await),
        ["/en/world/quokka"]
    );
    app.store()
        .set_article_status(shown.id, ArticleStatus::Unpublished, NOW + 60)
        .await
        .unwrap();
    app.sync_search().await;
    let doc = results(&app, "en", &q("quokka")).await;
    assert!(hits(&doc).is_empty());
    assert_eq!(text(one(&doc, ".search-count")), "Nothing found");
}

async fn the_cursor_pages_through_each_hit_once(app: TestApp) {
    for i in 0..25 {
        story(
            &app,
            &format!("lighthouse-{i:02}"),
            &format!("Lighthouse number {i}"),
            "A lighthouse.",
        )
        .await;
    }
    app.sync_search().await;
    for order in ["relevance", "newest"] {
        let mut path = format!("/en/search?q=lighthouse&order={order}");
        let mut seen = Vec::new();
        for _ in 0..5 {
            let doc = page(&app, &path).await;
            assert_eq!(text(one(&doc, ".search-count")), "25 results");
            seen.extend(hits(&doc));
            match all(&doc, ".pager a[rel='next']").first() {
                Some(more) => {
                    assert_eq!(text(*more), "More results");
                    path = attr(*more, "href").to_owned();
                    assert!(path.contains("cursor="), "{path}");
                }
                None => break,
            }
        }
        let count = seen.len();
        seen.sort();
        seen.dedup();
        assert_eq!((count, seen.len()), (25, 25), "[{}] {order}", app.backend());
    }
}

async fn nothing_found_offers_a_correction_and_tips(app: TestApp) {
    story(
        &app,
        "budget",
        "Parliament approves the budget",
        "A long debate ended.",
    )
    .await;
    app.sync_search().await;
    let doc = results(&app, "en", &q("parlement")).await;
    assert!(hits(&doc).is_empty(), "[{}]", app.backend());
    assert_eq!(
        text(one(&doc, ".search-nothing")),
        // The query is isolated from the sentence around it.
        "Nothing matches “\u{2068}parlement\u{2069}”."
    );
    let fix = one(&doc, ".search-suggestion a");
    assert_eq!(text(fix), "parliament");
    assert_eq!(
        hits(&page(&app, attr(fix, "href")).await),
        ["/en/world/budget"]
    );
    assert_eq!(all(&doc, ".search-tips li").len(), 3);
    let ru = results(&app, "ru", &q("ничегонет")).await;
    assert_eq!(
        text(one(&ru, ".search-nothing")),
        "По запросу «\u{2068}ничегонет\u{2069}» ничего не найдено."
    );
    assert_eq!(
        text(one(&ru, ".search-tips li")),
        "Проверьте написание слов."
    );
}

async fn bad_input_is_answered_never_a_server_error(app: TestApp) {
    story(&app, "quagga-news", "Quagga news", "The quagga.").await;
    app.sync_search().await;
    let long = "a".repeat(1025);
    let cases: [(&str, u16, Option<&str>); 8] = [
        ("", 200, None),
        (&long, 400, Some("This search is too long")),
        ("\"\"\"", 400, Some("no word to look for")),
        ("AND OR", 200, None),
        ("\u{1}\u{7}quagga\u{0}", 200, None),
        ("<script>alert(1)</script>", 200, None),
        ("' OR 1=1 --", 200, None),
        ("-quagga", 400, Some("no word to look for")),
    ];
    for (typed, status, message) in cases {
        let path = format!("/en/search?{}", q(typed));
        let response = app.get(&path).await;
        let got = response.status().as_u16();
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        assert_eq!(response.headers()["cache-control"], "no-cache", "{typed:?}");
        let body = response.text().await.unwrap();
        assert_eq!(got, status, "[{}] {typed:?}: {body}", app.backend());
        assert!(!body.contains("<script>alert"), "{typed:?} shown unescaped");
        let doc = Html::parse_document(&body);
        let shown = attr(one(&doc, "#search-q"), "value");
        let expected: String = typed
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        assert_eq!(shown, expected, "the form keeps what was typed");
        match message {
            Some(m) => assert!(text(one(&doc, "#search-problem")).contains(m), "{typed:?}"),
            None => assert!(all(&doc, "#search-problem").is_empty(), "{typed:?}"),
        }
    }
    // The escaped query in the heading and the "nothing found" line.
    let doc = results(&app, "en", &q("<b>x</b>")).await;
    assert!(one(&doc, "title")
        .inner_html()
        .contains("&lt;b&gt;x&lt;/b&gt;"));
    // A cursor no page gave, and filter values that do not exist.
    let (status, body) = fetch(&app, "/en/search?q=quagga&cursor=%3Cnope%3E").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("no longer valid"));
    let doc = results(
        &app,
        "en",
        "q=quagga&section=%3Cx%3E&kind=x&date=x&order=x&tag=&author=x%00",
    )
    .await;
    assert_eq!(hits(&doc), ["/en/world/quagga-news"]);
    // Only the first of repeated parameters counts.
    let doc = results(&app, "en", "q=quagga&q=nothing").await;
    assert_eq!(hits(&doc), ["/en/world/quagga-news"]);
    // Result pages stay out of search engines' indexes.
    assert_eq!(attr(one(&doc, "meta[name='robots']"), "content"), "noindex");
    let (status, _) = fetch(&app, "/nope/search?q=x").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn suggestions_as_one_types(app: TestApp) {
    for i in 0..8 {
        story(
            &app,
            &format!("festival-{i}"),
            &format!("Harbour festival day {i}"),
            "Music.",
        )
        .await;
    }
    publish(
        &app,
        NewArticle {
            headline: "Harbour secret".into(),
            ..app.newsroom.fixtures.draft("harbour-secret")
        },
    )
    .await;
    app.sync_search().await;
    let list = app.ok_json("/en/search/suggest?q=harb").await;
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 6, "[{}] {list:?}", app.backend());
    for s in list {
        assert!(
            s["headline"]
                .as_str()
                .unwrap()
                .starts_with("Harbour festival"),
            "{s}"
        );
        assert!(
            s["url"]
                .as_str()
                .unwrap()
                .starts_with("/en/world/festival-"),
            "{s}"
        );
    }
    for bad in ["", "%22%22", "a%00"] {
        let list = app.ok_json(&format!("/en/search/suggest?q={bad}")).await;
        assert!(
            list.as_array().unwrap().is_empty() || bad == "a%00",
            "{bad}: {list}"
        );
    }
    let too_long = app
        .ok_json(&format!("/en/search/suggest?q={}", "a".repeat(2000)))
        .await;
    assert_eq!(too_long, serde_json::json!([]));
}

async fn the_media_bank_searches_public_pictures(app: TestApp) {
    let shown = picture(&app, 53, "Albatross over the cliffs", true).await;
    picture(&app, 54, "Albatross kept back", false).await;
    app.sync_search().await;
    let doc = page(&app, "/en/mediabank/?q=albatross").await;
    let links: Vec<&str> = all(&doc, ".media-tile a")
        .into_iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(
        links,
        [format!("/en/mediabank/{}", shown.id)],
        "[{}]",
        app.backend()
    );
    assert_eq!(
        text(one(&doc, ".search-count")),
        "1 picture matches “albatross”."
    );
    assert_eq!(attr(one(&doc, "#filter-q"), "value"), "albatross");
    let (status, body) = fetch(&app, "/en/mediabank/?q=%22%22").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("no word to look for"));
}

async fn related_stories_come_from_the_index(app: TestApp) {
    let words = "volcano eruption ash cloud grounds flights across region";
    story(&app, "volcano-one", "Volcano erupts", words).await;
    story(&app, "volcano-two", "Ash cloud spreads", words).await;
    story(&app, "volcano-three", "Flights grounded by volcano", words).await;
    let cricket = story(
        &app,
        "cricket",
        "Cricket final",
        "A close match decided in the last over.",
    )
    .await;
    publish(
        &app,
        NewArticle {
            headline: "Volcano and cricket".into(),
            body: vec![
                BodyBlock::paragraph(words),
                BodyBlock::Related {
                    article_id: cricket.id,
                },
            ],
            lead_media_id: None,
            ..app.newsroom.fixtures.article("volcano-placed", NOW)
        },
    )
    .await;
    app.sync_search().await;
    let doc = page(&app, "/en/world/volcano-one").await;
    let related: Vec<&str> = all(&doc, ".related-stories .card-title a")
        .into_iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert!(
        !related.is_empty() && related.len() <= 4,
        "[{}] {related:?}",
        app.backend()
    );
    assert!(related.contains(&"/en/world/volcano-two"), "{related:?}");
    assert!(!related.contains(&"/en/world/volcano-one"), "never itself");
    assert!(!related.contains(&"/en/world/cricket"), "{related:?}");
    assert_eq!(text(one(&doc, "#related-heading")), "Related stories");
    // A story whose editors placed a related story shows theirs only.
    let placed = page(&app, "/en/world/volcano-placed").await;
    assert!(all(&placed, ".related-stories").is_empty());
    assert_eq!(
        attr(one(&placed, "aside.related .card-title a"), "href"),
        "/en/world/cricket"
    );
}

async fn every_page_has_the_search_box(app: TestApp) {
    let pages = [
        ("/en/", "Search"),
        ("/en/world/", "Search"),
        ("/en/world/bridge-reopens", "Search"),
        ("/en/newsfeed", "Search"),
        ("/en/tag/transport", "Search"),
        ("/en/mediabank/", "Search"),
        ("/en/search", "Search"),
        ("/ru/", "Поиск"),
        ("/ru/world/most-otkryt", "Поиск"),
        ("/ru/search?q=мост", "Поиск"),
        ("/ru/chats", "Поиск"),
        ("/ru/nope/nothing", "Поиск"),
    ];
    for (path, label) in pages {
        let (status, body) = fetch(&app, path).await;
        assert!(
            status == StatusCode::OK || status == StatusCode::NOT_FOUND,
            "{path}: {status}"
        );
        let doc = Html::parse_document(&body);
        let edition = &path[1..3];
        let action = format!("/{edition}/search");
        let form = one(&doc, "header.masthead form[role='search']");
        assert_eq!(attr(form, "action"), action, "{path}");
        assert_eq!(attr(one_in(form, "input[name='q']"), "type"), "search");
        let link = one(&doc, "header.masthead a.search-link");
        assert_eq!(
            (attr(link, "href"), text(link).as_str()),
            (action.as_str(), label),
            "{path}"
        );
        assert_eq!(
            text(one_in(form, "label")),
            if label == "Search" {
                "Search the site"
            } else {
                "Поиск по сайту"
            }
        );
    }
}

on_both_backends!(crate::test_app::TestApp::on;
    russian_cases_find_each_other,
    english_forms_find_each_other,
    a_typo_phrases_and_prefixes,
    facets_and_filters_narrow,
    drafts_and_withdrawn_stories_stay_out,
    the_cursor_pages_through_each_hit_once,
    nothing_found_offers_a_correction_and_tips,
    bad_input_is_answered_never_a_server_error,
    suggestions_as_one_types,
    the_media_bank_searches_public_pictures,
    related_stories_come_from_the_index,
    every_page_has_the_search_box,
);
