//! Sign-in limits hold across nodes: failures from one client address on
//! two servers sharing the database add up to one lockout, which both
//! servers enforce.

use dateline_domain::Role;
use reqwest::StatusCode;

use crate::newsroom_auth::{staff, Browser, PASSWORD};
use crate::test_app::TestApp;

async fn failed_logins_on_two_nodes_lock_the_address_on_both(app: TestApp) {
    let backend = app.backend();
    staff(app.store(), "desk@example.org", Role::Editor, &[]).await;
    let node_b = app.second_node().await;
    let mut on_a = Browser::of(&app);
    let mut on_b = Browser::new(node_b.url(""));
    // The address's limit is 30 in 15 minutes; each node sees half. Every
    // attempt names another unknown address, so no account locks first.
    for i in 0..30 {
        let browser = if i % 2 == 0 { &mut on_a } else { &mut on_b };
        let r = browser
            .login(&format!("ghost{i}@example.org"), "wrong password!")
            .await;
        assert_eq!(
            r.status(),
            StatusCode::UNAUTHORIZED,
            "[{backend}] attempt {i}"
        );
    }
    for browser in [&mut on_a, &mut on_b] {
        let r = browser.login("desk@example.org", PASSWORD).await;
        assert_eq!(
            r.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "[{backend}] the right password waits too"
        );
        assert!(r.headers().contains_key("retry-after"));
    }
}

on_both_backends!(
    crate::test_app::TestApp::on;
    failed_logins_on_two_nodes_lock_the_address_on_both,
);
