//! `/metrics`: what a Prometheus server scraping a node sees (families,
//! labels by route template, exact counts), and who may scrape it
//! (loopback clients that came straight, holders of the token; a remote
//! client, or one a proxy forwarded, gets the site's 404).

use std::collections::BTreeMap;
use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use dateline_web::metrics::MetricsAccess;
use tower::ServiceExt;

use crate::test_app::TestApp;

const TOKEN: &str = "scrape-secret-0123456789";

/// One parsed exposition: samples by `name{labels}` as written, with each
/// line checked against the OpenMetrics text syntax.
struct Exposition {
    samples: BTreeMap<String, f64>,
    types: BTreeMap<String, String>,
}

impl Exposition {
    fn parse(text: &str) -> Exposition {
        let mut samples = BTreeMap::new();
        let mut types = BTreeMap::new();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.last(), Some(&"# EOF"), "ends with # EOF");
        for line in &lines[..lines.len() - 1] {
            if let Some(rest) = line.strip_prefix("# TYPE ") {
                let (name, kind) = rest.split_once(' ').unwrap();
                assert!(valid_name(name), "{line}");
                let known = ["counter", "gauge", "histogram", "info", "unknown"];
                assert!(known.contains(&kind), "{line}");
                assert!(
                    types.insert(name.to_owned(), kind.to_owned()).is_none(),
                    "{line}"
                );
            } else if let Some(rest) = line
                .strip_prefix("# HELP ")
                .or_else(|| line.strip_prefix("# UNIT "))
            {
                let (name, text) = rest.split_once(' ').unwrap();
                assert!(valid_name(name) && !text.is_empty(), "{line}");
            } else {
                let (series, value) = line.rsplit_once(' ').unwrap();
                let value: f64 = value.parse().unwrap_or_else(|_| panic!("{line}"));
                let name = series.split('{').next().unwrap();
                assert!(valid_name(name), "{line}");
                if let Some(labels) = series.strip_prefix(name) {
                    if !labels.is_empty() {
                        check_labels(labels, line);
                    }
                }
                assert!(samples.insert(series.to_owned(), value).is_none(), "{line}");
            }
        }
        Exposition { samples, types }
    }

    fn value(&self, series: &str) -> f64 {
        *self
            .samples
            .get(series)
            .unwrap_or_else(|| panic!("no {series} among {:#?}", self.samples.keys()))
    }
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
}

/// `{key="value",…}` with escaped quotes and backslashes only.
fn check_labels(labels: &str, line: &str) {
    let inner = labels
        .strip_prefix('{')
        .and_then(|l| l.strip_suffix('}'))
        .unwrap_or_else(|| panic!("{line}"));
    let mut rest = inner;
    while !rest.is_empty() {
        let (key, after) = rest.split_once("=\"").unwrap_or_else(|| panic!("{line}"));
        assert!(valid_name(key), "{line}");
        let mut end = None;
        let mut escaped = false;
        for (i, c) in after.char_indices() {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let end = end.unwrap_or_else(|| panic!("{line}"));
        rest = after[end + 1..]
            .strip_prefix(',')
            .unwrap_or(&after[end + 1..]);
    }
}

/// A loopback scrape of the app's main address: headers and samples.
async fn scrape(app: &TestApp) -> (reqwest::header::HeaderMap, Exposition) {
    let response = app.get("/metrics").await;
    assert_eq!(response.status(), 200, "[{}] /metrics", app.backend());
    let headers = response.headers().clone();
    (headers, Exposition::parse(&response.text().await.unwrap()))
}

async fn requests_are_counted_by_route_method_and_status(app: TestApp) {
    // A reader page twice (rendered, then from the page cache), a page
    // that does not exist, an API call.
    assert_eq!(app.get("/en/").await.headers()["x-cache"], "miss");
    assert_eq!(app.get("/en/").await.headers()["x-cache"], "hit");
    assert_eq!(app.get("/no/such/page/at/all/here").await.status(), 404);
    assert_eq!(app.get("/api/v1/editions/en").await.status(), 200);

    let (headers, metrics) = scrape(&app).await;
    assert_eq!(
        headers["content-type"],
        "application/openmetrics-text; version=1.0.0; charset=utf-8"
    );
    assert_eq!(headers["cache-control"], "no-store");

    let front = r#"{route="/{edition}/",method="GET",status="200"}"#;
    assert_eq!(
        metrics.value(&format!("dateline_http_requests_total{front}")),
        2.0
    );
    let unmatched = r#"{route="unmatched",method="GET",status="404"}"#;
    assert_eq!(
        metrics.value(&format!("dateline_http_requests_total{unmatched}")),
        1.0
    );
    let api = r#"{route="/api/v1/editions/{edition}",method="GET",status="200"}"#;
    assert_eq!(
        metrics.value(&format!("dateline_http_requests_total{api}")),
        1.0
    );
    // Nothing else was asked (the scrape counts itself once it answered).
    let total: f64 = metrics
        .samples
        .iter()
        .filter(|(k, _)| k.starts_with("dateline_http_requests_total{"))
        .map(|(_, v)| v)
        .sum();
    assert_eq!(total, 4.0);
    assert!(!metrics.samples.keys().any(|k| k.contains("such/page")));

    let front_le = |le: &str| {
        format!(
            r#"dateline_http_request_duration_seconds_bucket{{le="{le}",route="/{{edition}}/",method="GET",status="200"}}"#
        )
    };
    assert_eq!(
        metrics.value(&format!(
            "dateline_http_request_duration_seconds_count{front}"
        )),
        2.0
    );
    assert_eq!(metrics.value(&front_le("+Inf")), 2.0);
    assert!(metrics.value(&front_le("0.0005")) <= metrics.value(&front_le("10.0")));
    assert_eq!(
        metrics.types["dateline_http_request_duration_seconds"],
        "histogram"
    );

    assert_eq!(metrics.value("dateline_page_cache_hits_total"), 1.0);
    assert_eq!(metrics.value("dateline_page_cache_misses_total"), 1.0);
    assert_eq!(metrics.value("dateline_page_cache_entries"), 1.0);
    assert!(metrics.value("dateline_page_cache_memory_bytes") > 1000.0);

    let open = metrics.value("dateline_db_pool_connections_open");
    let idle = metrics.value("dateline_db_pool_connections_idle");
    let in_use = metrics.value("dateline_db_pool_connections_in_use");
    assert!(
        open >= 1.0 && open == idle + in_use,
        "{open} {idle} {in_use}"
    );

    assert_eq!(metrics.value("dateline_live_newsfeed_streams"), 0.0);
    assert_eq!(metrics.value("dateline_chat_sockets"), 0.0);
    // The seeded newsroom schedules one story and renders its pictures.
    let scheduled = app.store().queue_depths().await.unwrap().scheduled_articles;
    assert_eq!(
        metrics.value("dateline_scheduled_articles"),
        scheduled as f64
    );
    assert_eq!(metrics.value("dateline_renditions_queued"), 0.0);
    assert_eq!(metrics.value("dateline_newsletter_deliveries_queued"), 0.0);

    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        metrics.value(&format!(r#"dateline_build_info{{version="{version}"}}"#)),
        1.0
    );
    assert!(metrics.value("process_start_time_seconds") > 1.7e9);
    if cfg!(target_os = "linux") {
        assert!(metrics.value("process_resident_memory_bytes") > 1e6);
        assert!(metrics.value("process_open_fds") >= 3.0);
    }
    assert_eq!(
        metrics.types["dateline_db_query_duration_seconds"],
        "histogram"
    );

    // The first scrape is counted by the second, under its own route.
    let (_, again) = scrape(&app).await;
    let scrapes = r#"{route="/metrics",method="GET",status="200"}"#;
    assert_eq!(
        again.value(&format!("dateline_http_requests_total{scrapes}")),
        1.0
    );
}

on_both_backends!(
    crate::test_app::TestApp::on;
    requests_are_counted_by_route_method_and_status,
);

/// `/metrics` through the router as the server hands it a request from `peer`.
async fn ask(app: &TestApp, peer: [u8; 4], headers: &[(&str, &str)]) -> (StatusCode, String) {
    let mut request = Request::get("/metrics");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut request = request.body(Body::empty()).unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((peer, 40_000))));
    let response = dateline_web::router(app.state().clone())
        .oneshot(request)
        .await
        .unwrap();
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), 1 << 22)
        .await
        .unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn remote_clients_get_the_sites_404_unless_they_hold_the_token() {
    let db = dateline_store::testing::TestDb::sqlite().await;
    let app = TestApp::on_with(db, |state| {
        state.with_metrics_access(MetricsAccess {
            token: Some(TOKEN.into()),
            elsewhere: false,
        })
    })
    .await;
    let remote = [203, 0, 113, 7];
    let (status, body) = ask(&app, remote, &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The site's own 404 page, as for any unknown address.
    assert!(
        body.contains("<html") && !body.contains("dateline_"),
        "{body}"
    );

    let wrong = format!("Bearer {TOKEN}x");
    assert_eq!(ask(&app, remote, &[("authorization", &wrong)]).await.0, 404);
    let right = format!("Bearer {TOKEN}");
    let (status, body) = ask(&app, remote, &[("authorization", &right)]).await;
    assert_eq!(status, StatusCode::OK);
    Exposition::parse(&body);

    // Loopback, but a proxy on this machine forwarding someone else.
    let forwarded = [("x-forwarded-for", "198.51.100.4")];
    assert_eq!(ask(&app, [127, 0, 0, 1], &forwarded).await.0, 404);
    let forwarded = [("forwarded", "for=198.51.100.4")];
    assert_eq!(ask(&app, [127, 0, 0, 1], &forwarded).await.0, 404);
    assert_eq!(ask(&app, [127, 0, 0, 1], &[]).await.0, 200);
}

#[tokio::test]
async fn served_elsewhere_the_main_address_answers_404() {
    let db = dateline_store::testing::TestDb::sqlite().await;
    let app = TestApp::on_with(db, |state| {
        state.with_metrics_access(MetricsAccess {
            token: Some(TOKEN.into()),
            elsewhere: true,
        })
    })
    .await;
    assert_eq!(app.get("/metrics").await.status(), 404);
    let right = format!("Bearer {TOKEN}");
    assert_eq!(
        ask(&app, [127, 0, 0, 1], &[("authorization", &right)])
            .await
            .0,
        404
    );

    // Its own listener answers anyone who reaches it.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let at = listener.local_addr().unwrap();
    let server = tokio::spawn(dateline_web::metrics::serve_alone(
        listener,
        app.state().clone(),
    ));
    let response = reqwest::get(format!("http://{at}/metrics")).await.unwrap();
    assert_eq!(response.status(), 200);
    let metrics = Exposition::parse(&response.text().await.unwrap());
    // The main address's refusals were counted, under the route they hit.
    let refused = r#"{route="/metrics",method="GET",status="404"}"#;
    assert_eq!(
        metrics.value(&format!("dateline_http_requests_total{refused}")),
        2.0
    );
    let other = reqwest::get(format!("http://{at}/en/")).await.unwrap();
    assert_eq!(other.status(), 404);
    server.abort();
}
