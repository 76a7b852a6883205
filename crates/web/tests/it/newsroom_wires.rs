//! The newsroom's wires: an admin sets up a watched folder (bad input is
//! refused with what was typed kept), the worker's poll queues what is
//! dropped there, the desk searches the queue, previews an item and makes
//! a draft of it that keeps where it came from; a newer version flags the
//! draft until it is marked seen. Only admins manage sources.

use std::path::Path;
use std::time::{Duration, SystemTime};

use dateline_domain::Role;
use reqwest::header::LOCATION;
use reqwest::StatusCode;

use crate::newsroom_auth::{staff, Browser, PASSWORD};
use crate::test_app::TestApp;

fn drop_item(dir: &Path, name: &str, version: u32, headline: &str, status: &str) {
    let item = serde_json::json!({
        "uri": "urn:example:wire:quay",
        "version": version.to_string(),
        "type": "text",
        "pubstatus": status,
        "language": "en",
        "urgency": 2,
        "headlines": [{ "value": headline }],
        "bodies": [{ "role": "main", "contenttype": "text/html",
            "value": "<p>Cranes return to the quay.</p><script>alert(1)</script>" }],
        "copyrightholder": "Quay Wire",
        "altids": [{ "role": "desk", "value": "QW-17" }],
    });
    let path = dir.join(name);
    std::fs::write(&path, item.to_string()).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(30))
        .unwrap();
}

async fn poll(app: &TestApp) {
    let client = dateline_import::ingest::client();
    let now = chrono::Utc::now().timestamp() + 3_600;
    while dateline_import::ingest::poll_due(app.store(), &client, now)
        .await
        .unwrap()
        .is_some()
    {}
}

async fn signed_in(app: &TestApp, email: &str, role: Role) -> (Browser, String) {
    staff(app.store(), email, role, &[app.newsroom.fixtures.en.id]).await;
    let mut browser = Browser::of(app);
    assert_eq!(
        browser.login(email, PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    let csrf = browser.csrf().await;
    (browser, csrf)
}

async fn a_desk_takes_a_wire_item_into_a_draft(app: TestApp) {
    let inbox = tempfile::tempdir().unwrap();
    let folder = inbox.path().display().to_string();
    let (mut admin, csrf) = signed_in(&app, "boss@example.org", Role::Admin).await;

    // Refused: a relative folder, kept as typed, with the reason.
    let refused = admin
        .post(
            "/newsroom/wires/sources",
            &[
                ("csrf_token", &csrf),
                ("name", "Quay Wire"),
                ("kind", "folder"),
                ("location", "wires/in"),
                ("poll_seconds", "60"),
                ("enabled", "1"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = refused.text().await.unwrap();
    assert!(page.contains("absolute path"), "{page}");
    assert!(page.contains("value=\"wires/in\""), "{page}");
    let refused = admin
        .post(
            "/newsroom/wires/sources",
            &[
                ("csrf_token", &csrf),
                ("name", "Feed"),
                ("kind", "url"),
                ("location", "ftp://feeds.example/x"),
                ("poll_seconds", "60"),
                ("enabled", "1"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("http://"));

    let added = admin
        .post(
            "/newsroom/wires/sources",
            &[
                ("csrf_token", &csrf),
                ("name", "Quay Wire"),
                ("kind", "folder"),
                ("location", &folder),
                ("poll_seconds", "60"),
                ("enabled", "1"),
            ],
        )
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    let list = admin
        .get("/newsroom/wires/sources")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        list.contains("Quay Wire") && list.contains(&folder),
        "{list}"
    );

    drop_item(
        inbox.path(),
        "quay-1.json",
        1,
        "Quay cranes return",
        "usable",
    );
    poll(&app).await;
    assert!(inbox.path().join("processed/quay-1.json").is_file());

    // A reporter finds it, reads it and makes a draft of it.
    let (mut desk, csrf) = signed_in(&app, "kit@example.org", Role::Author).await;
    let queue = desk.get("/newsroom/wires").await.text().await.unwrap();
    assert!(queue.contains("Quay cranes return"), "{queue}");
    assert!(queue.contains("urgency-flash"), "{queue}");
    let none = desk
        .get("/newsroom/wires?q=volcano")
        .await
        .text()
        .await
        .unwrap();
    assert!(!none.contains("Quay cranes return"));
    let found = desk
        .get("/newsroom/wires?q=CRANES&language=en&urgency=2")
        .await
        .text()
        .await
        .unwrap();
    assert!(found.contains("Quay cranes return"), "{found}");
    let item_id = app
        .store()
        .wire_queue(&Default::default())
        .await
        .unwrap()
        .items[0]
        .id;
    let preview = desk
        .get(&format!("/newsroom/wires/{item_id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        preview.contains("<p>Cranes return to the quay.</p>"),
        "{preview}"
    );
    assert!(
        !preview.contains("alert(1)"),
        "wire markup is sanitised: {preview}"
    );
    assert!(
        preview.contains("Quay Wire")
            && preview.contains("urn:example:wire:quay")
            && preview.contains("QW-17"),
        "{preview}"
    );

    let place = format!(
        "{}:{}",
        app.newsroom.fixtures.en.id, app.newsroom.fixtures.world.id
    );
    let made = desk
        .post(
            &format!("/newsroom/wires/{item_id}/draft"),
            &[("csrf_token", &csrf), ("place", &place)],
        )
        .await;
    assert_eq!(made.status(), StatusCode::SEE_OTHER);
    let at = made.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(at.starts_with("/newsroom/articles/"), "{at}");
    let editor = desk.get(&at).await.text().await.unwrap();
    assert!(editor.contains("value=\"Quay cranes return\""), "{editor}");
    assert!(
        editor.contains("From the wires") && editor.contains("Quay Wire, version 1"),
        "{editor}"
    );
    assert!(editor.contains("QW-17"), "{editor}");
    // A second draft of the same item gets its own address.
    let again = desk
        .post(
            &format!("/newsroom/wires/{item_id}/draft"),
            &[("csrf_token", &csrf), ("place", &place)],
        )
        .await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    assert_ne!(again.headers()[LOCATION].to_str().unwrap(), at);

    // Version 2 arrives: the item is replaced and the drafts flagged.
    drop_item(
        inbox.path(),
        "quay-2.json",
        2,
        "Quay cranes return after repairs",
        "usable",
    );
    app.store()
        .poll_wire_source_soon(app.store().wire_sources().await.unwrap()[0].id)
        .await
        .unwrap();
    poll(&app).await;
    let queue = desk.get("/newsroom/wires").await.text().await.unwrap();
    assert!(
        queue.contains("Quay cranes return after repairs") && queue.contains("version 2"),
        "{queue}"
    );
    assert!(
        queue.contains("2 stories made from wire items have newer versions waiting."),
        "{queue}"
    );
    let editor = desk.get(&at).await.text().await.unwrap();
    assert!(
        editor.contains("The wire item has a newer version (2)."),
        "{editor}"
    );
    let seen = desk
        .post(&format!("{at}/wire-seen"), &[("csrf_token", &csrf)])
        .await;
    assert_eq!(seen.status(), StatusCode::SEE_OTHER);
    let editor = desk.get(&at).await.text().await.unwrap();
    assert!(!editor.contains("newer version"), "{editor}");
    assert!(editor.contains("Quay Wire, version 2"), "{editor}");

    // Canceled by the provider: no draft, and the page says why.
    drop_item(
        inbox.path(),
        "quay-3.json",
        3,
        "Quay cranes return after repairs",
        "canceled",
    );
    app.store()
        .poll_wire_source_soon(app.store().wire_sources().await.unwrap()[0].id)
        .await
        .unwrap();
    poll(&app).await;
    let refused = desk
        .post(
            &format!("/newsroom/wires/{item_id}/draft"),
            &[("csrf_token", &csrf), ("place", &place)],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("no draft can be made of it"));

    // A wire file that does not read goes to failed/, and the sources page
    // says why; a file not named as wire copy is left alone.
    for name in ["notes.xml", "notes.txt"] {
        std::fs::write(inbox.path().join(name), "shopping list").unwrap();
        std::fs::File::options()
            .write(true)
            .open(inbox.path().join(name))
            .unwrap()
            .set_modified(SystemTime::now() - Duration::from_secs(30))
            .unwrap();
    }
    app.store()
        .poll_wire_source_soon(app.store().wire_sources().await.unwrap()[0].id)
        .await
        .unwrap();
    poll(&app).await;
    assert!(inbox.path().join("failed/notes.xml").is_file());
    assert!(inbox.path().join("failed/notes.xml.error.txt").is_file());
    assert!(
        inbox.path().join("notes.txt").is_file(),
        "only wire files are taken"
    );
    let list = admin
        .get("/newsroom/wires/sources")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        list.contains("The last poll failed") && list.contains("notes.xml"),
        "{list}"
    );
}

async fn only_admins_manage_sources(app: TestApp) {
    let (mut editor, csrf) = signed_in(&app, "ed@example.org", Role::Editor).await;
    assert_eq!(editor.get("/newsroom/wires").await.status(), StatusCode::OK);
    assert_eq!(
        editor.get("/newsroom/wires/sources").await.status(),
        StatusCode::FORBIDDEN
    );
    let response = editor
        .post(
            "/newsroom/wires/sources",
            &[
                ("csrf_token", &csrf),
                ("name", "X"),
                ("kind", "url"),
                ("location", "https://x.example/"),
                ("poll_seconds", "60"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(app.store().wire_sources().await.unwrap().is_empty());
    let queue = editor.get("/newsroom/wires").await.text().await.unwrap();
    assert!(queue.contains("No wire source is set up yet"), "{queue}");
    assert_eq!(
        editor.get("/newsroom/wires/999").await.status(),
        StatusCode::NOT_FOUND
    );
}

on_both_backends!(
    crate::test_app::TestApp::on;
    a_desk_takes_a_wire_item_into_a_draft,
    only_admins_manage_sources,
);
