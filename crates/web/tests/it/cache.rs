//! The page cache and HTTP caching, through the real router on both
//! backends: hits and ETags, 304s, exact purges on publish and comment
//! counts, compressed bodies, caching headers, and the CDN purge hook.

use std::io::Read;
use std::time::Duration;

use dateline_domain::ArticleStatus;
use dateline_store::testing::TestDb;
use dateline_web::{AppState, CacheConfig, WebConfig};
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

use crate::newsroom::{seed, NOW};
use crate::test_app::{TestApp, BASE_URL};

/// One GET with extra request headers, following no redirects.
async fn get(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Answer {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut request = client.get(app.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    Answer {
        status: response.status(),
        headers: response.headers().clone(),
        body: response.bytes().await.unwrap().to_vec(),
    }
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }

    /// The page cache's verdict: `hit`, `miss`, or "" when it did not take part.
    fn cache(&self) -> &str {
        self.header("x-cache")
    }
}

/// A page that must answer 200; returns it after checking it is `cache`.
async fn page(app: &TestApp, path: &str, cache: &str) -> Answer {
    let answer = get(app, path, &[]).await;
    assert_eq!(
        (answer.status, answer.cache()),
        (StatusCode::OK, cache),
        "[{}] GET {path}",
        app.backend()
    );
    answer
}

async fn a_second_request_is_a_hit_with_the_same_etag_and_caching_headers(
    app: crate::test_app::TestApp,
) {
    let first = page(&app, "/en/", "miss").await;
    let second = page(&app, "/en/", "hit").await;
    let etag = first.header("etag");
    assert!(etag.starts_with('"') && etag.len() > 20, "{etag}");
    assert_eq!(second.header("etag"), etag);
    assert_eq!(second.body, first.body);
    assert_eq!(
        second.header("cache-control"),
        "public, max-age=60, s-maxage=600, stale-while-revalidate=30"
    );
    assert_eq!(second.header("vary"), "Accept-Encoding");
    assert!(second.header("content-type").starts_with("text/html"));

    let n = &app.newsroom;
    let fx = &n.fixtures;
    let surrogate: Vec<&str> = second.header("surrogate-key").split(' ').collect();
    for key in [
        "site".to_owned(),
        format!("e{}", fx.en.id),
        format!("s{}", fx.world.id),
        format!("s{}", fx.business.id),
        format!("a{}", n.bridge.id),
        format!("m{}", fx.media.id),
    ] {
        assert!(surrogate.contains(&key.as_str()), "{key} in {surrogate:?}");
    }
    assert!(!surrogate.contains(&format!("a{}", n.draft.id).as_str()));
    assert_eq!(second.header("cache-tag"), surrogate.join(","));

    // A reader with a session cookie gets the same cached page, and
    // nothing personal is set on it.
    let with_cookie = get(&app, "/en/", &[("cookie", "dateline_session=abc")]).await;
    assert_eq!(with_cookie.cache(), "hit");
    assert_eq!(with_cookie.header("etag"), etag);
    assert!(with_cookie.headers.get("set-cookie").is_none());

    // HEAD is answered from the same entry.
    let client = reqwest::Client::new();
    let head = client.head(app.url("/en/")).send().await.unwrap();
    assert_eq!(head.headers()["x-cache"], "hit");
    assert_eq!(head.headers()["etag"], etag);
}

async fn if_none_match_answers_304_without_a_body(app: TestApp) {
    let path = "/en/world/bridge-reopens";
    let first = page(&app, path, "miss").await;
    let etag = first.header("etag").to_owned();
    for validator in [etag.clone(), format!("W/{etag}"), format!("\"x\", {etag}")] {
        let again = get(&app, path, &[("if-none-match", &validator)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{validator}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), etag);
        assert!(again.header("cache-control").contains("s-maxage"));
    }
    let stale = get(&app, path, &[("if-none-match", "\"0123\"")]).await;
    assert_eq!(stale.status, StatusCode::OK);
    assert_eq!(stale.body, first.body);
}

async fn publishing_refreshes_exactly_the_pages_that_show_the_article(
    app: crate::test_app::TestApp,
) {
    let n = &app.newsroom;
    let affected = [
        "/en/",
        "/en/world/",
        "/en/newsfeed",
        "/en/rss.xml",
        "/en/world/bridge-reopens",
    ];
    // Pages that cannot show the new story: another edition, another
    // section, a tag it does not carry.
    let unaffected = ["/ru/", "/en/business/", "/en/tag/transport"];
    for path in affected.iter().chain(&unaffected) {
        page(&app, path, "miss").await;
        page(&app, path, "hit").await;
    }
    let headline = &n.draft.headline;
    app.store()
        .set_article_status(n.draft.id, ArticleStatus::Published, NOW + 60)
        .await
        .unwrap();
    for path in affected {
        let fresh = page(&app, path, "miss").await;
        assert!(
            fresh.text().contains(headline.as_str()),
            "[{}] {path} does not show the new story",
            app.backend()
        );
    }
    for path in unaffected {
        page(&app, path, "hit").await;
    }
    // The new story's own page is cacheable at once.
    let url = "/en/world/secret-plan";
    page(&app, url, "miss").await;
    page(&app, url, "hit").await;

    // Taking it down removes it from the same pages.
    app.store()
        .set_article_status(n.draft.id, ArticleStatus::Unpublished, NOW + 120)
        .await
        .unwrap();
    let front = page(&app, "/en/", "miss").await;
    assert!(!front.text().contains(headline.as_str()));
    assert_eq!(get(&app, url, &[]).await.status, StatusCode::GONE);
    page(&app, "/ru/", "hit").await;
}

async fn a_comment_count_change_purges_the_pages_showing_the_counter(
    app: crate::test_app::TestApp,
) {
    let n = &app.newsroom;
    let article = "/en/world/bridge-reopens";
    let before = page(&app, article, "miss").await;
    page(&app, "/en/tag/city", "miss").await;
    page(&app, "/ru/", "miss").await;
    assert!(before.text().contains("0 comments"), "{}", before.text());
    app.store().add_comment_count(n.bridge.id, 3).await.unwrap();

    let after = page(&app, article, "miss").await;
    assert!(after.text().contains("3 comments"));
    assert_ne!(after.header("etag"), before.header("etag"));
    // The tag page shows the bridge's card, with its counter.
    assert!(page(&app, "/en/tag/city", "miss")
        .await
        .text()
        .contains("3 comments"));
    page(&app, "/ru/", "hit").await;
}

async fn a_like_leaves_the_cached_article_page_which_shows_no_like_count(
    app: crate::test_app::TestApp,
) {
    use dateline_domain::comment::CommentStatus;
    use dateline_store::comments::NewComment;
    let store = app.store();
    let bridge = app.newsroom.bridge.id;
    let ann = store.insert_test_reader("Ann", NOW - 86_400, true).await;
    let bob = store.insert_test_reader("Bob", NOW - 86_400, true).await;
    let comment = store
        .post_comment(&NewComment {
            article_id: bridge,
            reader_id: ann,
            reply_to: None,
            body_source: "Well built".into(),
            body_html: "<p>Well built</p>".into(),
            status: CommentStatus::Published,
            status_reason: String::new(),
            ip: "192.0.2.1".into(),
            at: NOW + 1,
        })
        .await
        .unwrap();
    let article = "/en/world/bridge-reopens";
    let before = page(&app, article, "miss").await;
    assert!(before.text().contains("Well built"));
    store.like_comment(comment.id, bob, NOW + 2).await.unwrap();
    let after = page(&app, article, "hit").await;
    assert_eq!(after.body, before.body);
    // The cached page shows no count a like would make stale; the
    // comments page, rendered per request, shows it.
    assert!(!after.text().contains("comment-likes"), "{}", after.text());
    let comments = get(&app, &format!("{article}/comments"), &[]).await;
    assert!(
        comments
            .text()
            .contains("<span class=\"comment-likes\">1 like</span>"),
        "{}",
        comments.text()
    );
}

fn brotli_decode(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(body, 4096)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn gzip_decode(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(body)
        .read_to_end(&mut out)
        .unwrap();
    out
}

async fn brotli_and_gzip_bodies_decode_to_the_identity_body(app: TestApp) {
    let path = "/en/world/bridge-reopens";
    let browser = [("accept-encoding", "gzip, deflate, br")];
    let first = get(&app, path, &browser).await;
    // A miss is served as rendered: nothing is compressed per request.
    assert_eq!(
        (first.cache(), first.header("content-encoding")),
        ("miss", "")
    );
    let identity = first.body.clone();

    // The page is compressed once, in the background, after it is asked
    // for again; until then identity is served.
    let mut brotli = None;
    for _ in 0..200 {
        let again = get(&app, path, &browser).await;
        assert_eq!(again.cache(), "hit");
        if again.header("content-encoding") == "br" {
            brotli = Some(again);
            break;
        }
        assert_eq!(again.body, identity);
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let brotli = brotli.expect("a Brotli body within five seconds");
    assert!(brotli.body.len() * 3 < identity.len());
    assert_eq!(brotli_decode(&brotli.body), identity);
    let hash = first.header("etag").trim_matches('"');
    assert_eq!(brotli.header("etag"), format!("\"{hash}-br\""));
    assert_eq!(
        brotli.header("content-length"),
        brotli.body.len().to_string()
    );

    for (accept, coding) in [
        ("gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("br;q=0.5, gzip;q=0.9", "gzip"),
        ("gzip;q=0", ""),
        ("identity", ""),
        ("*", "br"),
    ] {
        let answer = get(&app, path, &[("accept-encoding", accept)]).await;
        assert_eq!(answer.header("content-encoding"), coding, "{accept}");
        let decoded = match coding {
            "br" => brotli_decode(&answer.body),
            "gzip" => gzip_decode(&answer.body),
            _ => answer.body.clone(),
        };
        assert_eq!(decoded, identity, "{accept}");
    }
    // A compressed representation validates too.
    let validated = get(
        &app,
        path,
        &[
            ("accept-encoding", "br"),
            ("if-none-match", brotli.header("etag")),
        ],
    )
    .await;
    assert_eq!(validated.status, StatusCode::NOT_MODIFIED);
}

async fn only_reader_pages_with_keys_are_cached(app: TestApp) {
    for path in [
        "/api/v1/editions",
        "/healthz",
        "/en/no-such-section/",
        "/en/mediabank/",
        "/robots.txt",
    ] {
        for _ in 0..2 {
            let answer = get(&app, path, &[]).await;
            assert_eq!(answer.cache(), "", "[{}] {path}", app.backend());
            assert!(answer.headers.get("surrogate-key").is_none(), "{path}");
        }
    }
    let missing = get(&app, "/en/no-such-section/", &[]).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.header("cache-control"), "no-store");

    // A redirect that depends on content is cached with its keys.
    let n = &app.newsroom;
    let wrong = "/en/business/bridge-reopens";
    for cache in ["miss", "hit"] {
        let moved = get(&app, wrong, &[]).await;
        assert_eq!(moved.status, StatusCode::MOVED_PERMANENTLY);
        assert_eq!(moved.cache(), cache);
        assert_eq!(moved.header("location"), "/en/world/bridge-reopens");
        assert!(moved
            .header("surrogate-key")
            .split(' ')
            .any(|k| k == format!("a{}", n.bridge.id)));
    }
}

/// A one-connection-at-a-time HTTP server that records each request's head
/// and answers 200, standing in for Varnish or a CDN's purge endpoint.
async fn purge_endpoint() -> (String, mpsc::UnboundedReceiver<String>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/purge", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut head = Vec::new();
            let mut buf = [0u8; 1024];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match socket.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            let _ = tx.send(String::from_utf8_lossy(&head).into_owned());
            let reply = b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
            let _ = socket.write_all(reply).await;
        }
    });
    (url, rx)
}

async fn the_purge_hook_receives_the_keys_of_this_nodes_writes(db: TestDb) {
    let (url, mut received) = purge_endpoint().await;
    let newsroom = seed(db.store()).await;
    let data_dir = crate::test_app::fresh_data_dir();
    let config = WebConfig {
        base_url: BASE_URL.into(),
        data_dir: data_dir.path().to_owned(),
        theme_dir: None,
        cache: CacheConfig {
            cdn_purge_url: Some(url),
            ..CacheConfig::default()
        },
    };
    let state = AppState::new(db.store().clone(), config);
    let backend = db.store().backend().name();
    let store = db.store();
    store
        .set_article_status(newsroom.draft.id, ArticleStatus::Published, NOW + 60)
        .await
        .unwrap();
    let request = tokio::time::timeout(Duration::from_secs(10), received.recv())
        .await
        .unwrap_or_else(|_| panic!("[{backend}] no purge request"))
        .unwrap();
    let lines: Vec<&str> = request.lines().collect();
    assert_eq!(lines[0], "PURGE /purge HTTP/1.1", "{request}");
    let header = |name: &str| {
        lines
            .iter()
            .find_map(|l| l.strip_prefix(name))
            .unwrap_or_else(|| panic!("no {name} in {request}"))
            .trim()
            .to_owned()
    };
    let keys = header("surrogate-key:");
    assert_eq!(header("xkey:"), keys);
    let fx = &newsroom.fixtures;
    let want = [
        format!("a{}", newsroom.draft.id),
        format!("e{}", fx.en.id),
        format!("s{}", fx.world.id),
        format!("p{}", fx.author.id),
    ];
    for key in &want {
        assert!(
            keys.split(' ').any(|k| k == key),
            "[{backend}] {key} in {keys}"
        );
    }
    // Nothing else was purged for this one write: purges are sent in order,
    // so the next request the CDN receives is a sentinel announced now.
    store
        .emit_purge([dateline_store::events::CacheKey::Article(-1)])
        .await
        .unwrap();
    let next = tokio::time::timeout(Duration::from_secs(10), received.recv())
        .await
        .unwrap_or_else(|_| panic!("[{backend}] no sentinel purge"))
        .unwrap();
    assert!(
        next.lines().any(|l| l == "surrogate-key: a-1"),
        "[{backend}] the next purge is the sentinel alone: {next}"
    );
    // Then every key once more, coalesced into one request: a proxy that
    // refetched from a node the change had not reached yet is purged again.
    let repeat = tokio::time::timeout(Duration::from_secs(10), received.recv())
        .await
        .unwrap_or_else(|_| panic!("[{backend}] no repeated purge"))
        .unwrap();
    let repeated = repeat
        .lines()
        .find_map(|l| l.strip_prefix("surrogate-key:"))
        .unwrap_or_else(|| panic!("no surrogate-key in {repeat}"))
        .trim()
        .to_owned();
    for key in want.iter().map(String::as_str).chain(["a-1"]) {
        assert!(
            repeated.split(' ').any(|k| k == key),
            "[{backend}] {key} purged again: {repeated}"
        );
    }
    drop(state);
}

async fn share_links_with_tracking_parameters_hit_the_cached_page(app: TestApp) {
    let article = "/en/world/bridge-reopens";
    let first = page(&app, article, "miss").await;
    for shared in [
        "?utm_source=x",
        "?utm_source=newsletter&utm_medium=email&utm_campaign=monday",
        "?fbclid=IwAR0abc",
        "?gclid=Cj0KCQ&utm_term=bridge",
    ] {
        let answer = page(&app, &format!("{article}{shared}"), "hit").await;
        assert_eq!(answer.body, first.body, "{shared}");
    }
    // The other parameters still make pages of their own, in any order.
    page(&app, "/en/?page=2&x=1", "miss").await;
    page(&app, "/en/?x=1&page=2&utm_source=x", "hit").await;
    page(&app, "/en/", "miss").await;
}

async fn simultaneous_misses_of_one_page_render_it_once(app: TestApp) {
    for path in ["/en/", "/en/world/bridge-reopens"] {
        let answers = futures_util::future::join_all((0..16).map(|_| get(&app, path, &[]))).await;
        let mut verdicts: Vec<&str> = answers.iter().map(Answer::cache).collect();
        verdicts.sort_unstable();
        let mut expected = vec!["hit"; 15];
        expected.push("miss");
        assert_eq!(verdicts, expected, "[{}] {path}", app.backend());
        assert!(answers.iter().all(|a| a.status == StatusCode::OK));
        assert!(answers.iter().all(|a| a.body == answers[0].body));
    }
}

on_both_backends!(
    crate::test_app::TestApp::on;
    a_like_leaves_the_cached_article_page_which_shows_no_like_count,
    a_second_request_is_a_hit_with_the_same_etag_and_caching_headers,
    if_none_match_answers_304_without_a_body,
    publishing_refreshes_exactly_the_pages_that_show_the_article,
    a_comment_count_change_purges_the_pages_showing_the_counter,
    brotli_and_gzip_bodies_decode_to_the_identity_body,
    only_reader_pages_with_keys_are_cached,
    share_links_with_tracking_parameters_hit_the_cached_page,
    simultaneous_misses_of_one_page_render_it_once,
);

on_both_backends!(
    std::future::ready;
    the_purge_hook_receives_the_keys_of_this_nodes_writes,
);
