//! Live coverage and live comments on article pages, through the real
//! router: the newsroom posts, pins, edits and deletes entries; an open
//! article stream receives each change as the server-rendered entry; the
//! cached page shows the same on reload; a returning browser gets what it
//! missed, once; a reader's comment reaches an open page's stream; and on
//! PostgreSQL an entry posted through one node reaches a stream on another.

use std::time::Duration;

use dateline_domain::Role;
use dateline_store::live::NewLiveEntry;
use dateline_store::testing::TestDb;
use dateline_store::NewAudit;
use dateline_web::{AppState, CacheConfig, WebConfig};
use reqwest::StatusCode;
use serde_json::Value;

use crate::comments::{self, posted_id, reader, STORY};
use crate::newsroom_auth::{staff, Browser, PASSWORD};
use crate::test_app::{TestApp, BASE_URL};

const PATIENCE: Duration = Duration::from_secs(10);
const STREAM: &str = "/en/world/bridge-reopens/live";

/// One event of a stream.
#[derive(Debug, Default, Clone)]
struct Message {
    id: String,
    event: String,
    data: Value,
}

/// Reads a `text/event-stream` answer event by event.
struct Stream {
    response: reqwest::Response,
    buffer: String,
    /// The id of the first (comment-only) event: where the stream started.
    start: String,
}

impl Stream {
    async fn open(url: &str, last_event_id: Option<&str>) -> Stream {
        let mut request = reqwest::Client::new().get(url);
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 200, "{url}");
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        assert_eq!(response.headers()["cache-control"], "no-store");
        let mut stream = Stream {
            response,
            buffer: String::new(),
            start: String::new(),
        };
        let (first, _) = stream.block().await;
        stream.start = first.id;
        stream
    }

    /// The next block, parsed, and whether it had data.
    async fn block(&mut self) -> (Message, bool) {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut message = Message::default();
                let mut data = String::new();
                for line in block.lines() {
                    if let Some((field, value)) = line.split_once(':') {
                        let value = value.strip_prefix(' ').unwrap_or(value);
                        match field {
                            "id" => message.id = value.to_owned(),
                            "event" => message.event = value.to_owned(),
                            "data" => data.push_str(value),
                            _ => {}
                        }
                    }
                }
                let had = !data.is_empty();
                if had {
                    message.data = serde_json::from_str(&data).unwrap();
                }
                return (message, had);
            }
            let chunk = tokio::time::timeout(PATIENCE, self.response.chunk())
                .await
                .expect("an event in time")
                .unwrap()
                .expect("the stream stays open");
            self.buffer.push_str(std::str::from_utf8(&chunk).unwrap());
        }
    }

    /// The next event with data (skipping keep-alives).
    async fn next(&mut self) -> Message {
        loop {
            if let (message, true) = self.block().await {
                return message;
            }
        }
    }

    /// Nothing more arrives for a moment.
    async fn quiet(&mut self) {
        let wait = tokio::time::timeout(Duration::from_millis(700), self.next()).await;
        assert!(wait.is_err(), "unexpected event: {wait:?}");
    }
}

/// A signed-in editor of the English edition, with the session's token.
async fn editor(app: &TestApp) -> (Browser, String) {
    let editions = [app.newsroom.fixtures.en.id];
    staff(app.store(), "live@desk.example", Role::Editor, &editions).await;
    let mut browser = Browser::of(app);
    let response = browser.login("live@desk.example", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let csrf = browser.csrf().await;
    (browser, csrf)
}

/// Posts a live-desk form; asserts the redirect back to the desk.
async fn desk(browser: &mut Browser, path: &str, form: &[(&str, &str)]) {
    let response = browser.post(path, form).await;
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, StatusCode::SEE_OTHER, "{path}: {body}");
}

fn select(html: &str, css: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(css).unwrap();
    doc.select(&selector).map(|e| e.html()).collect()
}

async fn newsroom_entries_reach_open_streams_and_the_cached_page(app: TestApp) {
    let backend = app.backend();
    let id = app.newsroom.bridge.id;
    let live = format!("/newsroom/articles/{id}/live");
    let (mut browser, csrf) = editor(&app).await;

    // Cached before: not live.
    let before = app.get(STORY).await.text().await.unwrap();
    assert!(select(&before, ".live-coverage").is_empty());

    // Posting before the coverage is open is refused, text kept.
    let refused = browser
        .post(
            &live,
            &[
                ("csrf_token", &csrf),
                ("action", "post"),
                ("body", "Too early"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("Start the live coverage before posting entries."),
        "{page}"
    );

    desk(
        &mut browser,
        &live,
        &[("csrf_token", &csrf), ("action", "open")],
    )
    .await;
    let mut stream = Stream::open(&app.url(STREAM), None).await;

    // An empty entry is refused; a too long one keeps what was typed.
    let empty = browser
        .post(
            &live,
            &[("csrf_token", &csrf), ("action", "post"), ("body", "   ")],
        )
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty
        .text()
        .await
        .unwrap()
        .contains("Write the entry first."));
    let long = format!("Storm {}", "x".repeat(4000));
    let too_long = browser
        .post(
            &live,
            &[("csrf_token", &csrf), ("action", "post"), ("body", &long)],
        )
        .await;
    assert_eq!(too_long.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = too_long.text().await.unwrap();
    assert!(page.contains("An entry is at most 4,000 characters."));
    assert!(page.contains(&long), "the typed text is kept");

    desk(
        &mut browser,
        &live,
        &[
            ("csrf_token", &csrf),
            ("action", "post"),
            ("body", "**Winds** reach 120 km/h"),
        ],
    )
    .await;
    let posted = stream.next().await;
    assert_eq!(posted.event, "entry", "[{backend}] {posted:?}");
    let entry_id = posted.data["id"].as_i64().unwrap();
    let html = posted.data["html"].as_str().unwrap();
    assert!(
        html.contains("<strong>Winds</strong> reach 120 km/h"),
        "{html}"
    );
    assert!(
        html.contains(&format!("data-entry=\"{entry_id}\"")),
        "{html}"
    );
    assert!(html.contains("<time datetime=\""), "{html}");
    assert_eq!(posted.data["pinned"], false);
    assert!(posted.data["key_html"].is_null());

    // The cached page was purged: a reload shows the entry, and the
    // stream's markup is exactly the page's.
    let page = app.get(STORY).await.text().await.unwrap();
    assert_eq!(
        select(&page, ".live-mark .live-badge").len(),
        1,
        "[{backend}]"
    );
    let entries = select(&page, ".live-entries > li");
    assert_eq!(entries.len(), 1, "[{backend}]");
    assert_eq!(
        page.matches(html.trim()).count(),
        1,
        "[{backend}] the page shows what the stream sent: {page}"
    );
    assert!(select(&page, ".live-key").concat().contains("hidden"));

    // Pinned: into the key events, on the stream and on the page.
    let entry_path = format!("{live}/{entry_id}");
    desk(
        &mut browser,
        &entry_path,
        &[("csrf_token", &csrf), ("action", "pin")],
    )
    .await;
    let pinned = stream.next().await;
    assert_eq!(
        (pinned.data["id"].as_i64(), &pinned.data["pinned"]),
        (Some(entry_id), &Value::Bool(true))
    );
    assert!(pinned.data["key_html"]
        .as_str()
        .unwrap()
        .contains(&format!("id=\"live-key-{entry_id}\"")));
    let page = app.get(STORY).await.text().await.unwrap();
    let key = select(&page, ".live-key-list > li");
    assert_eq!(key.len(), 1, "[{backend}]");
    assert!(key[0].contains("Winds"));
    assert!(!select(&page, ".live-key").concat().contains("hidden"));

    // Edited: the new text everywhere.
    desk(
        &mut browser,
        &entry_path,
        &[
            ("csrf_token", &csrf),
            ("action", "edit"),
            ("body", "Winds ease to 80 km/h"),
        ],
    )
    .await;
    let edited = stream.next().await;
    assert!(edited.data["html"]
        .as_str()
        .unwrap()
        .contains("Winds ease to 80 km/h"));
    let after_edit = edited.id.clone();

    // Deleted: gone from the stream's view and from the page.
    desk(
        &mut browser,
        &entry_path,
        &[("csrf_token", &csrf), ("action", "delete")],
    )
    .await;
    let deleted = stream.next().await;
    assert_eq!(deleted.data["deleted"], true);
    assert!(deleted.data["html"].is_null());
    let page = app.get(STORY).await.text().await.unwrap();
    assert!(
        select(&page, ".live-entries > li").is_empty(),
        "[{backend}]"
    );
    assert!(select(&page, ".live-key-list > li").is_empty());
    assert!(!page.contains("Winds ease"));

    // Away after the edit: a returning browser gets the deletion and
    // two new entries, once each, in order; then live ones again.
    drop(stream);
    for text in ["Trains stopped", "Trains running again"] {
        desk(
            &mut browser,
            &live,
            &[("csrf_token", &csrf), ("action", "post"), ("body", text)],
        )
        .await;
    }
    let mut back = Stream::open(&app.url(STREAM), Some(&after_edit)).await;
    let missed = [back.next().await, back.next().await, back.next().await];
    assert_eq!(missed[0].data["deleted"], true, "[{backend}] {missed:?}");
    assert!(missed[1].data["html"]
        .as_str()
        .unwrap()
        .contains("Trains stopped"));
    assert!(missed[2].data["html"]
        .as_str()
        .unwrap()
        .contains("Trains running again"));
    back.quiet().await;
    desk(
        &mut browser,
        &live,
        &[("csrf_token", &csrf), ("action", "post"), ("body", "Calm")],
    )
    .await;
    assert!(back.next().await.data["html"]
        .as_str()
        .unwrap()
        .contains("Calm"));

    // Ending the coverage: streams hear it, the badge goes, entries stay.
    desk(
        &mut browser,
        &live,
        &[("csrf_token", &csrf), ("action", "end")],
    )
    .await;
    let ended = back.next().await;
    assert_eq!(
        (ended.event.as_str(), &ended.data["status"]),
        ("coverage", &Value::from("ended"))
    );
    let page = app.get(STORY).await.text().await.unwrap();
    assert!(select(&page, ".live-mark").is_empty());
    assert!(page.contains("Live coverage has ended"));
    assert_eq!(select(&page, ".live-entries > li").len(), 3);

    // The desk page lists the entries with their forms.
    let desk_page = browser.get(&live).await.text().await.unwrap();
    assert!(
        desk_page.contains("Trains running again") && desk_page.contains("Resume live coverage")
    );
    // Junk positions and unknown stories are refused.
    assert_eq!(app.get(&format!("{STREAM}?after=soon")).await.status(), 400);
    assert_eq!(app.get("/en/world/no-such-story/live").await.status(), 404);
}

#[tokio::test]
async fn russian_pages_show_live_coverage_in_russian_and_moscow_time() {
    let app = TestApp::new().await;
    let store = app.store();
    let article = &app.newsroom.ru_bridge;
    let audit = NewAudit::new("article.live.open", "article", Some(article.id), 0);
    store
        .open_live_coverage(article.id, 0, &audit)
        .await
        .unwrap();
    // 1_700_000_000 is 22:13:20 UTC, 01:13 in Moscow.
    let new = NewLiveEntry {
        article_id: article.id,
        body_source: "Мост открыт".into(),
        body_html: "<p>Мост открыт</p>".into(),
        author_user_id: None,
        at: 1_700_000_000,
        audit,
    };
    store.post_live_entry(&new).await.unwrap();
    let page = app.get("/ru/world/most-otkryt").await.text().await.unwrap();
    assert!(
        page.contains(">Онлайн<") && page.contains("Прямой репортаж"),
        "{page}"
    );
    let entry = select(&page, ".live-entries > li").concat();
    assert!(
        entry.contains("datetime=\"2023-11-15T01:13:20+03:00\""),
        "{entry}"
    );
    assert!(entry.contains("01:13"), "{entry}");
}

async fn a_comment_posted_by_a_reader_reaches_an_open_article_stream(
    t: crate::account::AccountApp,
) {
    let backend = t.app.backend();
    let mut ann = reader(&t, "Ann").await;
    let mut stream = Stream::open(&t.app.url(STREAM), None).await;
    let answer = comments::post(&mut ann, comments::COMMENTS, "Glad it is **open**").await;
    let top = posted_id(&answer);
    let message = stream.next().await;
    assert_eq!(message.event, "comment", "[{backend}] {message:?}");
    assert_eq!(message.data["id"], top);
    assert!(message.data["parent_id"].is_null());
    let html = message.data["html"].as_str().unwrap();
    assert!(
        html.contains(&format!("id=\"c{top}\"")) && html.contains("Ann"),
        "{html}"
    );
    assert!(html.contains("Glad it is <strong>open</strong>"), "{html}");
    // Readers can answer it at once, as on the page after a reload.
    assert!(
        html.contains(&format!("name=\"reply_to\" value=\"{top}\"")),
        "a Reply form: {html}"
    );
    assert_eq!(message.data["count"], "1");
    assert_eq!(message.data["counter"], "1 comment");
    // The cached page shows the same card.
    let page = t.app.get(STORY).await.text().await.unwrap();
    let card = select(&page, &format!("#c{top}")).concat();
    assert!(card.contains("Glad it is <strong>open</strong>"), "{card}");

    // A reply goes under its parent; a comment held for review does not
    // go out at all.
    let mut bob = reader(&t, "Bob").await;
    let page = bob.get(comments::COMMENTS).await;
    let reply = bob
        .submit(
            &page,
            comments::COMMENTS,
            &[("body", "Me too"), ("reply_to", &top.to_string())],
        )
        .await;
    let reply_id = posted_id(&reply);
    let message = stream.next().await;
    assert_eq!(
        (
            message.data["id"].as_i64(),
            message.data["parent_id"].as_i64()
        ),
        (Some(reply_id), Some(top))
    );
    assert_eq!(message.data["counter"], "2 comments", "[{backend}]");

    // A returning browser that saw the first gets the reply again (the
    // page skips it) and nothing from before its position's minute.
    let mut back = Stream::open(&t.app.url(STREAM), Some(&stream.start)).await;
    let again = back.next().await;
    assert_eq!(again.event, "comment");
    assert!([top, reply_id].contains(&again.data["id"].as_i64().unwrap()));

    // A moderator rejects the top comment: open pages drop it (and the
    // reply beneath it) and show the count readers now see.
    let desk = crate::newsroom_auth::staff(
        t.app.store(),
        "desk@example.org",
        dateline_domain::Role::Editor,
        &[],
    )
    .await;
    let audit = dateline_store::NewAudit::new("comment.reject", "comment", Some(top), 0);
    t.app
        .store()
        .moderate_comment(&dateline_store::comments::StatusChange {
            comment_id: top,
            action: dateline_store::comments::ModerationAction::Reject,
            reason: "off topic".into(),
            at: 0,
            actor_user_id: desk.id(),
            audit,
        })
        .await
        .unwrap();
    let removed = stream.next().await;
    assert_eq!(removed.event, "comment-removed", "[{backend}] {removed:?}");
    assert_eq!(removed.data["id"], top);
    assert_eq!(removed.data["counter"], "0 comments", "[{backend}]");
}

/// Two nodes on one PostgreSQL database: an entry posted through one
/// reaches an article stream open on the other.
#[tokio::test]
#[ignore = "needs PostgreSQL: set DATELINE_TEST_POSTGRES_URL and pass --include-ignored"]
async fn an_entry_posted_on_one_node_reaches_streams_on_another() {
    let db = TestDb::postgres_required().await;
    let second = db.store().another_node().await.expect("a second node");
    let app = TestApp::on(db).await;
    let data_dir = crate::test_app::fresh_data_dir();
    let config = WebConfig {
        base_url: BASE_URL.into(),
        data_dir: data_dir.path().to_owned(),
        theme_dir: None,
        cache: CacheConfig::default(),
    };
    let other = dateline_web::router(AppState::new(second.clone(), config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, other).await.unwrap() });

    let id = app.newsroom.bridge.id;
    let live = format!("/newsroom/articles/{id}/live");
    let (mut browser, csrf) = editor(&app).await;
    desk(
        &mut browser,
        &live,
        &[("csrf_token", &csrf), ("action", "open")],
    )
    .await;
    let mut on_other = Stream::open(&format!("http://{addr}{STREAM}"), None).await;
    // The other node's cached page is purged too.
    let other_page = format!("http://{addr}{STORY}");
    let before = reqwest::get(&other_page)
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!before.contains("Across nodes"));
    desk(
        &mut browser,
        &live,
        &[
            ("csrf_token", &csrf),
            ("action", "post"),
            ("body", "Across nodes"),
        ],
    )
    .await;
    let message = on_other.next().await;
    assert_eq!(message.event, "entry");
    assert!(message.data["html"]
        .as_str()
        .unwrap()
        .contains("Across nodes"));
    let after = reqwest::get(&other_page)
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(after.contains("Across nodes"));
    server.abort();
}

/// The cards of the story `STORY` on a page, as HTML.
fn story_cards(html: &str) -> Vec<String> {
    select(html, ".card, .stream-item")
        .into_iter()
        .filter(|card| card.contains(&format!("href=\"{STORY}\"")))
        .collect()
}

/// While its coverage runs, a story is marked live wherever it is listed
/// (front page, section, newsfeed, RSS) and its page leads with the
/// updates; ending the coverage takes the marks away again.
async fn live_stories_are_marked_where_listed_and_lead_with_their_updates(app: TestApp) {
    let backend = app.backend();
    let id = app.newsroom.bridge.id;
    let headline = app.newsroom.bridge.headline.clone();
    let live = format!("/newsroom/articles/{id}/live");
    let (mut browser, csrf) = editor(&app).await;
    let listings = ["/en/", "/en/world/", "/en/newsfeed"];
    for path in listings {
        let page = app.get(path).await.text().await.unwrap();
        let cards = story_cards(&page);
        assert!(!cards.is_empty(), "[{backend}] {path} lists the story");
        assert!(
            cards.iter().all(|c| !c.contains("live-badge")),
            "[{backend}] {path}"
        );
    }

    desk(
        &mut browser,
        &live,
        &[("csrf_token", &csrf), ("action", "open")],
    )
    .await;
    desk(
        &mut browser,
        &live,
        &[
            ("csrf_token", &csrf),
            ("action", "post"),
            ("body", "Divers reach the pier"),
        ],
    )
    .await;
    for path in listings {
        let page = app.get(path).await.text().await.unwrap();
        let cards = story_cards(&page);
        assert!(
            !cards.is_empty() && cards.iter().all(|c| c.contains(">Live</span>")),
            "[{backend}] {path} marks the story live: {cards:?}"
        );
    }
    let feed = app.get("/en/rss.xml").await.text().await.unwrap();
    assert!(
        feed.contains(&format!("<title>Live: {headline}</title>")),
        "[{backend}] {feed}"
    );
    assert!(feed.contains("<category>Live</category>"));

    // The updates come first, the article body after them.
    let page = app.get(STORY).await.text().await.unwrap();
    let updates = page.find("class=\"live-coverage").expect("the live block");
    let background = page
        .find("class=\"article-background\"")
        .expect("the heading");
    let body = page.find("The bridge reopened at dawn.").expect("the body");
    assert!(updates < background && background < body, "[{backend}]");

    desk(
        &mut browser,
        &live,
        &[("csrf_token", &csrf), ("action", "end")],
    )
    .await;
    for path in listings {
        let page = app.get(path).await.text().await.unwrap();
        let cards = story_cards(&page);
        assert!(
            !cards.is_empty() && cards.iter().all(|c| !c.contains("live-badge")),
            "[{backend}] {path} no longer marks it: {cards:?}"
        );
    }
    let feed = app.get("/en/rss.xml").await.text().await.unwrap();
    assert!(
        feed.contains(&format!("<title>{headline}</title>")),
        "[{backend}]"
    );
    assert!(!feed.contains("<category>Live</category>"));
}

on_both_backends!(
    crate::test_app::TestApp::on;
    newsroom_entries_reach_open_streams_and_the_cached_page,
    live_stories_are_marked_where_listed_and_lead_with_their_updates,
);

on_both_backends!(
    crate::comments::comment_app;
    a_comment_posted_by_a_reader_reaches_an_open_article_stream,
);
