//! The live newsfeed stream (`/{edition}/newsfeed/live`, Server-Sent
//! Events): new stories reach open streams, a reconnecting browser gets
//! what it missed, and on PostgreSQL a publish on one node reaches a stream
//! open on another.

use std::time::Duration;

use dateline_store::testing::{slug, Fixtures, TestDb};
use dateline_store::Store;
use dateline_web::{AppState, CacheConfig, WebConfig};
use serde_json::Value;

use crate::test_app::{TestApp, BASE_URL};

/// Time for anything the tests wait on.
const PATIENCE: Duration = Duration::from_secs(10);

/// One event of a stream.
#[derive(Debug, Default, Clone)]
struct SseMessage {
    id: String,
    event: String,
    data: String,
    /// The `retry:` hint, in milliseconds.
    retry: Option<u64>,
    /// Comment lines, without their colon.
    comments: Vec<String>,
}

impl SseMessage {
    fn parse(block: &str) -> SseMessage {
        let mut message = SseMessage::default();
        for line in block.lines() {
            if let Some(comment) = line.strip_prefix(':') {
                message.comments.push(comment.trim().to_owned());
            } else if let Some((field, value)) = line.split_once(':') {
                let value = value.strip_prefix(' ').unwrap_or(value);
                match field {
                    "id" => message.id = value.to_owned(),
                    "event" => message.event = value.to_owned(),
                    "data" => message.data.push_str(value),
                    "retry" => message.retry = value.parse().ok(),
                    _ => {}
                }
            }
        }
        message
    }
}

/// Reads a `text/event-stream` answer event by event.
struct SseReader {
    response: reqwest::Response,
    buffer: String,
}

impl SseReader {
    async fn open(url: &str, last_event_id: Option<&str>) -> SseReader {
        let mut request = reqwest::Client::new().get(url);
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 200, "{url}");
        assert_eq!(
            response.headers()["content-type"],
            "text/event-stream",
            "{url}"
        );
        assert_eq!(response.headers()["cache-control"], "no-store");
        SseReader {
            response,
            buffer: String::new(),
        }
    }

    /// The next event, comments and keep-alives included; `None` once the
    /// stream has ended.
    async fn next_message(&mut self) -> Option<SseMessage> {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                return Some(SseMessage::parse(&block));
            }
            let chunk = tokio::time::timeout(PATIENCE, self.response.chunk())
                .await
                .expect("an event in time")
                .unwrap()?;
            self.buffer.push_str(std::str::from_utf8(&chunk).unwrap());
        }
    }

    /// The next event named `article`, skipping comments and keep-alives.
    async fn next_article(&mut self) -> (SseMessage, Value) {
        loop {
            let message = self.next_message().await.expect("the stream stays open");
            if message.event == "article" {
                let data = serde_json::from_str(&message.data).unwrap();
                return (message, data);
            }
        }
    }
}

async fn publish(store: &Store, fx: &Fixtures, name: &str, at: i64) -> i64 {
    store
        .create_article(&fx.article(name, at))
        .await
        .unwrap()
        .id
}

async fn publish_ru(store: &Store, fx: &Fixtures, name: &str, at: i64) -> i64 {
    let mut new = fx.article(name, at);
    new.edition_id = fx.ru.id;
    new.section_id = fx.ru_world.id;
    store.create_article(&new).await.unwrap().id
}

async fn stories_published_reach_open_newsfeed_streams(app: TestApp) {
    let backend = app.backend();
    let fx = &app.newsroom.fixtures;
    let mut stream = SseReader::open(&app.url("/en/newsfeed/live"), None).await;
    // Another edition's story is not this stream's business.
    publish_ru(app.store(), fx, "ru-only", Fixtures::NOW + 10).await;
    let id = publish(app.store(), fx, "live-one", Fixtures::NOW + 20).await;
    let (message, item) = stream.next_article().await;
    assert_eq!(item["id"], id, "[{backend}] {item}");
    assert_eq!(message.id, format!("{}.{id}", Fixtures::NOW + 20));
    assert_eq!(item["headline"], "Headline of live-one");
    assert_eq!(item["url"], "/en/world/live-one");
    assert_eq!(item["section_url"], "/en/world/");
    assert_eq!(item["section_title"], "World");
    // 1_700_000_020 is 22:13:40 UTC, 22:13 in London in November.
    assert_eq!(item["time"], "22:13", "[{backend}]");
    assert_eq!(item["published_at"], "2023-11-14T22:13:40Z");
}

async fn a_returning_browser_gets_what_it_missed_in_order(app: TestApp) {
    let backend = app.backend();
    let fx = &app.newsroom.fixtures;
    let store = app.store();
    let t = Fixtures::NOW + 86_400;
    let old = publish(store, fx, "long-ago", t - 7200).await;
    let seen = publish(store, fx, "seen", t).await;
    // Published while the browser was away.
    let missed_a = publish(store, fx, "missed-a", t + 300).await;
    let missed_b = publish(store, fx, "missed-b", t + 600).await;
    let position = format!("{t}.{seen}");
    let mut stream = SseReader::open(&app.url("/en/newsfeed/live"), Some(&position)).await;
    let mut ids = Vec::new();
    while ids.last() != Some(&missed_b) {
        let (_, item) = stream.next_article().await;
        ids.push(item["id"].as_i64().unwrap());
    }
    // The position itself may come again (the page skips what it shows);
    // nothing from before the overlap does, and the missed ones come in
    // publication order.
    ids.retain(|id| *id != seen);
    assert_eq!(ids, [missed_a, missed_b], "[{backend}]");
    assert!(!ids.contains(&old));
    // Then it is live again.
    let live = publish(store, fx, "after-return", t + 900).await;
    assert_eq!(stream.next_article().await.1["id"], live, "[{backend}]");

    // `?after=` from the page works like the header; junk is refused.
    let query = format!("/en/newsfeed/live?after={t}.{seen}");
    let mut from_page = SseReader::open(&app.url(&query), None).await;
    let first = from_page.next_article().await.1["id"].as_i64().unwrap();
    assert!([seen, missed_a].contains(&first), "[{backend}] {first}");
    let bad = app.get("/en/newsfeed/live?after=yesterday").await;
    assert_eq!(bad.status(), 400);
    let missing = app.get("/xx/newsfeed/live").await;
    assert_eq!(missing.status(), 404);
}

/// The newsfeed pages tell the script where to listen and from where.
#[tokio::test]
async fn newsfeed_lists_name_their_live_stream() {
    let app = TestApp::new().await;
    let html = app.get("/en/newsfeed").await.text().await.unwrap();
    let doc = scraper::Html::parse_document(&html);
    let sel = scraper::Selector::parse("ol[data-live-feed]").unwrap();
    let lists: Vec<_> = doc.select(&sel).collect();
    assert_eq!(lists.len(), 1, "only the newest day of the first page");
    let list = lists[0].value();
    assert_eq!(list.attr("data-live-feed"), Some("/en/newsfeed/live"));
    let newest = app.newsroom.en_public_slugs[0];
    let top = app
        .store()
        .article_by_slug(app.newsroom.fixtures.en.id, &slug(newest))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        list.attr("data-after").unwrap(),
        format!("{}.{}", top.published_at.unwrap(), top.id)
    );
    let article = app
        .get(&format!("/en/world/{newest}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(article.contains("data-live-feed=\"/en/newsfeed/live\""));
}

/// Two nodes on one PostgreSQL database: a story published through one
/// reaches a newsfeed stream open on the other.
#[tokio::test]
#[ignore = "needs PostgreSQL: set DATELINE_TEST_POSTGRES_URL and pass --include-ignored"]
async fn a_publish_on_one_node_reaches_streams_on_another() {
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

    let url = format!("http://{addr}/en/newsfeed/live");
    let mut on_other = SseReader::open(&url, None).await;
    let id = publish(
        app.store(),
        &app.newsroom.fixtures,
        "cross-node",
        Fixtures::NOW + 5,
    )
    .await;
    let (_, item) = on_other.next_article().await;
    assert_eq!(item["id"], id);
    assert_eq!(item["url"], "/en/world/cross-node");
    server.abort();
}

/// A graceful shutdown ends open streams (`AppState::shutdown`), so that it
/// completes instead of waiting for browsers that never leave.
#[tokio::test]
async fn shutting_down_ends_open_streams_and_the_server_finishes() {
    let db = TestDb::sqlite().await;
    let dir = tempfile::tempdir().unwrap();
    Fixtures::new(db.store()).await;
    let config = WebConfig {
        base_url: BASE_URL.into(),
        data_dir: dir.path().to_owned(),
        theme_dir: None,
        cache: CacheConfig::default(),
    };
    let state = AppState::new(db.store().clone(), config);
    let shutdown = state.shutdown.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let signal = shutdown.clone();
    let server = tokio::spawn(async move {
        axum::serve(listener, dateline_web::router(state))
            .with_graceful_shutdown(signal.cancelled_owned())
            .await
            .unwrap();
    });
    let mut stream = SseReader::open(&format!("http://{addr}/en/newsfeed/live"), None).await;
    // The opening comment: the stream is under way.
    let opening = stream.next_message().await.expect("the opening comment");
    assert_eq!(opening.comments, ["newsfeed"]);

    shutdown.cancel();
    tokio::time::timeout(PATIENCE, server)
        .await
        .expect("the server finishes once its streams end")
        .unwrap();
    // Its last event tells the browser to come back after a short random
    // wait (to another node), then the stream comes to its end rather
    // than being cut.
    let farewell = stream.next_message().await.expect("a last event");
    assert_eq!(farewell.comments, ["reconnect"], "{farewell:?}");
    let wait = farewell.retry.expect("a retry hint");
    assert!(
        dateline_web::live::SHUTDOWN_RETRY_MS.contains(&wait),
        "{wait}"
    );
    assert!(stream.next_message().await.is_none(), "the stream ended");
}

/// A stream that ends before any story came (its node shut down) still
/// tells the browser where it was: the opening event's id is the moment it
/// opened, and a browser reconnecting with it gets the stories published
/// in between.
#[tokio::test]
async fn a_stream_ended_before_any_story_resumes_from_its_opening() {
    let app = TestApp::new().await;
    let fx = &app.newsroom.fixtures;
    let mut stream = SseReader::open(&app.url("/en/newsfeed/live"), None).await;
    let opening = stream.next_message().await.expect("the opening event");
    let (opened_at, zero) = opening.id.split_once('.').expect("a position id");
    assert_eq!(zero, "0", "{opening:?}");
    let opened_at: i64 = opened_at.parse().unwrap();
    drop(stream);
    // Published while the browser was away (after the stream opened).
    let missed = publish(app.store(), fx, "in-the-gap", opened_at + 1).await;
    let mut again = SseReader::open(&app.url("/en/newsfeed/live"), Some(&opening.id)).await;
    let (message, item) = again.next_article().await;
    assert_eq!(item["id"], missed);
    assert_eq!(message.id, format!("{}.{missed}", opened_at + 1));
}

on_both_backends!(
    crate::test_app::TestApp::on;
    stories_published_reach_open_newsfeed_streams,
    a_returning_browser_gets_what_it_missed_in_order,
);
