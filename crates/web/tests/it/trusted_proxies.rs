//! Client addresses behind a trusted proxy: per-address lockouts hit the
//! forwarded client, not every reader behind the proxy; from an untrusted
//! peer forwarded headers change nothing; `Forwarded` (IPv6, ports) and
//! chains of trusted hops name the client seen in the session list and the
//! audit log; the connection cap exempts trusted proxies; a lockout reached
//! through one node holds on another sharing the database.

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::routing::get;
use axum::{Extension, Router};
use dateline_domain::Role;
use dateline_store::testing::TestDb;
use dateline_store::AuditQuery;
use dateline_web::server::{PeerAddr, ServerLimits, TrustedProxies};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::newsroom_auth::{staff, Browser, PASSWORD};
use crate::test_app::TestApp;

/// The per-address login limit (30 failures in 15 minutes).
const ADDRESS_LIMIT: usize = 30;

fn behind(trusted: &str) -> ServerLimits {
    ServerLimits {
        trusted_proxies: trusted.parse().unwrap(),
        ..ServerLimits::default()
    }
}

/// A browser whose requests carry `header: value`, as a proxy adds it.
fn forwarded(base: String, header: &'static str, value: &str) -> Browser {
    let mut headers = HeaderMap::new();
    headers.insert(
        HeaderName::from_static(header),
        HeaderValue::from_str(value).unwrap(),
    );
    Browser::with_headers(base, headers)
}

/// `count` failed logins, each naming another unknown account (so only
/// the address's own limit can lock anything).
async fn fail_logins(browsers: &mut [&mut Browser], count: usize, backend: &str) {
    for i in 0..count {
        let n = browsers.len();
        let r = browsers[i % n]
            .login(&format!("ghost{i}@example.org"), "wrong password!")
            .await;
        assert_eq!(
            r.status(),
            StatusCode::UNAUTHORIZED,
            "[{backend}] attempt {i}"
        );
    }
}

async fn assert_locked_out(browser: &mut Browser, backend: &str) {
    let r = browser.login("desk@example.org", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "[{backend}]");
    assert!(r.headers().contains_key("retry-after"));
    let page = r.text().await.unwrap();
    assert!(page.contains("from your network"), "[{backend}] {page}");
}

async fn assert_signs_in(browser: &mut Browser, backend: &str) {
    let r = browser.login("desk@example.org", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "[{backend}]");
    assert_eq!(r.headers()["location"], "/newsroom/");
}

async fn one_client_behind_the_proxy_locks_only_itself_out(db: TestDb) {
    let app = TestApp::on_with_limits(db, behind("127.0.0.1")).await;
    let backend = app.backend();
    staff(app.store(), "desk@example.org", Role::Editor, &[]).await;
    let mut abuser = forwarded(app.url(""), "x-forwarded-for", "203.0.113.66");
    let mut reader = forwarded(app.url(""), "x-forwarded-for", "198.51.100.7");
    fail_logins(&mut [&mut abuser], ADDRESS_LIMIT, backend).await;
    assert_locked_out(&mut abuser, backend).await;
    assert_signs_in(&mut reader, backend).await;
    // The proxy's own requests (no header) are not the abuser's either.
    assert_signs_in(&mut Browser::of(&app), backend).await;
}

async fn without_trusted_proxies_forwarded_headers_escape_nothing(app: TestApp) {
    let backend = app.backend();
    staff(app.store(), "desk@example.org", Role::Editor, &[]).await;
    let mut first = forwarded(app.url(""), "x-forwarded-for", "203.0.113.66");
    fail_logins(&mut [&mut first], ADDRESS_LIMIT, backend).await;
    let mut spoofed = forwarded(app.url(""), "x-forwarded-for", "198.51.100.7");
    assert_locked_out(&mut spoofed, backend).await;
    let mut spoofed = forwarded(app.url(""), "forwarded", "for=198.51.100.8");
    assert_locked_out(&mut spoofed, backend).await;
}

/// The newsroom's session list row of the signed-in browser.
async fn session_addresses(browser: &mut Browser) -> String {
    let r = browser.get("/newsroom/sessions").await;
    assert_eq!(r.status(), StatusCode::OK);
    r.text().await.unwrap()
}

async fn last_login_ip(app: &TestApp) -> String {
    let query = AuditQuery {
        item_type: Some("session".into()),
        limit: 1,
        ..AuditQuery::default()
    };
    let log = app.store().audit_log(&query).await.unwrap();
    assert_eq!(log.items[0].action, "session.login");
    log.items[0].ip.clone()
}

async fn forwarded_ipv6_and_trusted_chains_name_the_client(db: TestDb) {
    let app = TestApp::on_with_limits(db, behind("127.0.0.1, 10.0.0.0/8")).await;
    let backend = app.backend();
    staff(app.store(), "desk@example.org", Role::Editor, &[]).await;

    let mut v6 = forwarded(
        app.url(""),
        "forwarded",
        "for=\"[2001:db8::1]:4711\";proto=https",
    );
    assert_signs_in(&mut v6, backend).await;
    assert_eq!(last_login_ip(&app).await, "2001:db8::1", "[{backend}]");
    let page = session_addresses(&mut v6).await;
    assert!(page.contains("2001:db8::1"), "[{backend}] {page}");

    // The client, then two proxies of ours: the right-most untrusted hop.
    let chain = "198.51.100.1, 203.0.113.50, 10.0.0.2, 10.0.0.3";
    let mut via_chain = forwarded(app.url(""), "x-forwarded-for", chain);
    assert_signs_in(&mut via_chain, backend).await;
    assert_eq!(last_login_ip(&app).await, "203.0.113.50", "[{backend}]");
    let page = session_addresses(&mut via_chain).await;
    assert!(page.contains("203.0.113.50"), "[{backend}]");
    assert!(!page.contains("198.51.100.1"), "[{backend}] a spoofed hop");

    // A header that does not parse leaves the proxy's address.
    let mut garbled = forwarded(app.url(""), "forwarded", "for=\"[2001:db8::1");
    assert_signs_in(&mut garbled, backend).await;
    assert_eq!(last_login_ip(&app).await, "127.0.0.1", "[{backend}]");
}

async fn a_lockout_through_one_node_holds_on_the_other(db: TestDb) {
    let app = TestApp::on_with_limits(db, behind("127.0.0.1")).await;
    let backend = app.backend();
    staff(app.store(), "desk@example.org", Role::Editor, &[]).await;
    let node_b = app.second_node_with(behind("127.0.0.1")).await;
    let client = "203.0.113.66";
    let mut on_a = forwarded(app.url(""), "x-forwarded-for", client);
    let mut on_b = forwarded(node_b.url(""), "x-forwarded-for", client);
    // Each node sees half of the failures.
    fail_logins(&mut [&mut on_a, &mut on_b], ADDRESS_LIMIT, backend).await;
    assert_locked_out(&mut on_a, backend).await;
    assert_locked_out(&mut on_b, backend).await;
    let mut other_on_b = forwarded(node_b.url(""), "x-forwarded-for", "198.51.100.7");
    assert_signs_in(&mut other_on_b, backend).await;
}

on_both_backends!(
    std::future::ready;
    one_client_behind_the_proxy_locks_only_itself_out,
    forwarded_ipv6_and_trusted_chains_name_the_client,
    a_lockout_through_one_node_holds_on_the_other,
);

on_both_backends!(
    crate::test_app::TestApp::on;
    without_trusted_proxies_forwarded_headers_escape_nothing,
);

/// A bare router served by the real loop, answering with what the request
/// carries: `ConnectInfo` (the client) and `PeerAddr` (the TCP peer).
async fn echo_server(limits: ServerLimits) -> (SocketAddr, tokio::task::JoinHandle<()>) {
    let app =
        Router::new().route(
            "/who",
            get(
                |ConnectInfo(client): ConnectInfo<SocketAddr>,
                 Extension(peer): Extension<PeerAddr>| async move {
                    format!(
                        "client={} peer={} trusted={}",
                        client.ip(),
                        peer.addr.ip(),
                        peer.trusted_proxy
                    )
                },
            ),
        );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        dateline_web::server::serve(listener, app, limits, std::future::pending())
            .await
            .unwrap();
    });
    (addr, server)
}

async fn who(addr: SocketAddr, header: Option<(&str, &str)>) -> String {
    let mut request = reqwest::Client::new().get(format!("http://{addr}/who"));
    if let Some((name, value)) = header {
        request = request.header(name, value);
    }
    request.send().await.unwrap().text().await.unwrap()
}

#[tokio::test]
async fn requests_carry_the_client_and_the_peer_apart() {
    let (trusting, a) = echo_server(behind("127.0.0.0/8")).await;
    let xff = Some(("x-forwarded-for", "192.0.2.44"));
    assert_eq!(
        who(trusting, xff).await,
        "client=192.0.2.44 peer=127.0.0.1 trusted=true"
    );
    assert_eq!(
        who(trusting, None).await,
        "client=127.0.0.1 peer=127.0.0.1 trusted=true"
    );
    let (wary, b) = echo_server(ServerLimits::default()).await;
    assert_eq!(
        who(wary, xff).await,
        "client=127.0.0.1 peer=127.0.0.1 trusted=false"
    );
    a.abort();
    b.abort();
}

/// The status line of one `GET /healthz` on a fresh connection held open
/// in `held` (or the refusal's, which closes it).
async fn hold_connection(app: &TestApp, held: &mut Vec<TcpStream>) -> String {
    let addr = app.url("").trim_start_matches("http://").to_owned();
    let mut stream = TcpStream::connect(addr.trim_end_matches('/'))
        .await
        .unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: news.example\r\n\r\n")
        .await
        .unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n") {
        let read = tokio::time::timeout(Duration::from_secs(20), stream.read(&mut byte));
        match read.await.expect("an answer").unwrap() {
            0 => break,
            _ => head.push(byte[0]),
        }
    }
    held.push(stream);
    String::from_utf8_lossy(&head).trim().to_owned()
}

#[tokio::test]
async fn trusted_proxies_are_exempt_from_the_per_address_cap_not_the_total() {
    let capped = |trusted: &str| ServerLimits {
        max_connections: 6,
        max_connections_per_address: 2,
        trusted_proxies: trusted.parse::<TrustedProxies>().unwrap(),
        ..ServerLimits::default()
    };
    let proxied = TestApp::with_limits(capped("127.0.0.1")).await;
    let mut held = Vec::new();
    for n in 0..6 {
        let status = hold_connection(&proxied, &mut held).await;
        assert_eq!(status, "HTTP/1.1 200 OK", "connection {n}");
    }
    let over = hold_connection(&proxied, &mut held).await;
    assert!(
        over.starts_with("HTTP/1.1 503 "),
        "the total cap holds: {over}"
    );

    let direct = TestApp::with_limits(capped("")).await;
    let mut held = Vec::new();
    for _ in 0..2 {
        assert_eq!(hold_connection(&direct, &mut held).await, "HTTP/1.1 200 OK");
    }
    let over = hold_connection(&direct, &mut held).await;
    assert!(over.starts_with("HTTP/1.1 429 "), "per address: {over}");
}
