//! `dateline serve` with `metrics_listen`: `/metrics` answers on that
//! address (with request counts and the database's statement latency as
//! sqlx reported it through the log pipeline) and is a 404 on the main one.

use crate::serving::{self, free_port, serve_command, Server};
use crate::{dateline, stderr};

/// One GET over a fresh connection, once something listens on `port`:
/// the status code and the body.
fn get(server: &mut Server, port: u16, path: &str) -> (u16, String) {
    let answer = serving::get(serving::connect(&mut server.0, port), path);
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    (serving::status(&answer), body)
}

/// The value of the sample `series` (name and labels as written).
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .and_then(|value| value.trim().parse().ok())
}

#[test]
fn metrics_listen_serves_metrics_there_and_hides_them_on_the_main_address() {
    let dir = tempfile::tempdir().unwrap();
    let (main, metrics) = (free_port(), free_port());
    let metrics_listen = format!("127.0.0.1:{metrics}");
    let env = [("DATELINE_METRICS_LISTEN", metrics_listen.as_str())];
    let mut server = Server(serve_command(dir.path(), main, &env).spawn().unwrap());

    assert_eq!(get(&mut server, main, "/healthz").0, 200);
    assert_eq!(get(&mut server, main, "/readyz").0, 200);
    // A loopback client, but metrics live on their own address now.
    let (status, body) = get(&mut server, main, "/metrics");
    assert_eq!(status, 404);
    assert!(!body.contains("dateline_"), "{body}");

    let (status, text) = get(&mut server, metrics, "/metrics");
    assert_eq!(status, 200, "{text}");
    assert!(text.trim_end().ends_with("# EOF"), "{text}");
    let count = |route: &str, status: u16| {
        sample(
            &text,
            &format!(
                r#"dateline_http_requests_total{{route="{route}",method="GET",status="{status}"}}"#
            ),
        )
    };
    assert_eq!(count("/healthz", 200), Some(1.0), "{text}");
    assert_eq!(count("/readyz", 200), Some(1.0), "{text}");
    assert_eq!(count("/metrics", 404), Some(1.0), "{text}");
    // `/readyz` asked the database: sqlx's statement event reached the
    // query-latency layer while the log (RUST_LOG=error) printed nothing.
    let statements = sample(&text, "dateline_db_query_duration_seconds_count").unwrap();
    assert!(statements >= 1.0, "{text}");
    assert!(sample(&text, "dateline_db_pool_connections_open").unwrap() >= 1.0);
    assert_eq!(
        sample(&text, "dateline_scheduled_articles"),
        Some(0.0),
        "{text}"
    );

    // Only /metrics is served there.
    assert_eq!(get(&mut server, metrics, "/healthz").0, 404);
}

#[test]
fn metrics_settings_are_checked_at_start_up() {
    let dir = tempfile::tempdir().unwrap();
    for (key, value) in [
        ("DATELINE_METRICS_TOKEN", "short"),
        ("DATELINE_METRICS_TOKEN", "has spaces in the middle of it"),
        ("DATELINE_METRICS_LISTEN", "127.0.0.1:8080"),
        ("DATELINE_METRICS_LISTEN", "nowhere"),
    ] {
        let out = dateline(dir.path(), &["migrate"], &[(key, value)]);
        assert_eq!(out.status.code(), Some(2), "{key}={value}");
        let err = stderr(&out);
        assert!(err.contains(key), "{key}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
}
