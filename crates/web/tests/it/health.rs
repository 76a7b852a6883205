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

on_both_backends!(
    crate::test_app::TestApp::on;
    readyz_follows_the_database,
);
