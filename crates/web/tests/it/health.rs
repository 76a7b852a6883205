//! Liveness and readiness probes.

use crate::test_app::TestApp;

#[tokio::test]
async fn healthz_answers_while_the_process_lives() {
    let app = TestApp::new().await;
    assert_eq!(
        app.ok_json("/healthz").await,
        serde_json::json!({"status": "ok"})
    );
    app.store().close().await;
    assert_eq!(
        app.ok_json("/healthz").await,
        serde_json::json!({"status": "ok"})
    );
}

async fn readyz_follows_the_database(app: TestApp) {
    assert_eq!(
        app.ok_json("/readyz").await,
        serde_json::json!({"status": "ok"})
    );
    app.store().close().await;
    app.assert_error("/readyz", 503, "unavailable").await;
}

/// After SIGTERM (`AppState::shutdown`), a proxy's health check on a
/// connection opened before takes the node out while it drains.
#[tokio::test]
async fn readyz_answers_draining_once_the_node_shuts_down() {
    let app = TestApp::new().await;
    assert_eq!(
        app.ok_json("/readyz").await,
        serde_json::json!({"status": "ok"})
    );
    app.state().shutdown.cancel();
    let body = app.assert_error("/readyz", 503, "unavailable").await;
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.starts_with("draining"), "{body}");
    assert_eq!(
        app.ok_json("/healthz").await,
        serde_json::json!({"status": "ok"}),
        "the process is still alive"
    );
}

on_both_backends!(
    crate::test_app::TestApp::on;
    readyz_follows_the_database,
);
