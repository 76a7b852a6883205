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

#[tokio::test]
async fn readyz_follows_the_database() {
    for app in TestApp::each_backend().await {
        assert_eq!(
            app.ok_json("/readyz").await,
            serde_json::json!({"status": "ok"})
        );
        app.store().close().await;
        app.assert_error("/readyz", 503, "unavailable").await;
    }
}
