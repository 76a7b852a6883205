//! The newsroom's articles on both backends: creating, editing with every
//! block kind, the exact preview, optimistic concurrency, autosave, the
//! workflow (schedule, publish, correct, unpublish) with role checks, the
//! scheduler job, revisions compared and restored, and the audit trail.

use std::time::Duration;

use dateline_domain::{ArticleStatus, Role};
use dateline_store::{AuditQuery, StatusChange};
use reqwest::header::LOCATION;
use reqwest::StatusCode;

use crate::newsroom_auth::{hidden, staff, Browser, PASSWORD};
use crate::test_app::TestApp;

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(LOCATION)
        .map_or(String::new(), |v| v.to_str().unwrap().to_owned())
}

pub(crate) async fn signed_in(app: &TestApp, email: &str, role: Role) -> (Browser, String, i64) {
    let editions = [app.newsroom.fixtures.en.id];
    let account = staff(app.store(), email, role, &editions).await;
    let mut browser = Browser::of(app);
    let response = browser.login(email, PASSWORD).await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "[{}] login",
        app.backend()
    );
    let csrf = browser.csrf().await;
    (browser, csrf, account.id())
}

/// Creates a draft through the form; returns its id.
pub(crate) async fn new_draft(
    app: &TestApp,
    browser: &mut Browser,
    csrf: &str,
    headline: &str,
) -> i64 {
    let section = app.newsroom.fixtures.world.id.to_string();
    let response = browser
        .post(
            "/newsroom/articles",
            &[
                ("csrf_token", csrf),
                ("section_id", &section),
                ("headline", headline),
            ],
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "[{}] create",
        app.backend()
    );
    location(&response)
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// The full editor form with `headline`, a paragraph, a quote and a card.
pub(crate) fn article_form<'a>(
    csrf: &'a str,
    version: &'a str,
    section: &'a str,
    headline: &'a str,
    related: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf_token", csrf),
        ("version", version),
        ("section_id", section),
        ("slug", ""),
        ("headline", headline),
        ("lead", "Engineers signed off the repairs overnight."),
        ("tags", "Bridges, Transport"),
        ("block-0-type", "paragraph"),
        (
            "block-0-text",
            "The river crossing opened to traffic at **six**, said [the council](https://example.org/council).",
        ),
        ("block-1-type", "quote"),
        ("block-1-text", "We kept our promise to the city."),
        ("block-1-attribution", "the mayor said"),
        ("block-2-type", "related"),
        ("block-2-article", related),
        ("action", "save"),
    ]
}

async fn an_editor_writes_previews_and_publishes_an_article(app: TestApp) {
    let backend = app.backend();
    let (mut browser, csrf, editor_id) = signed_in(&app, "desk@example.org", Role::Editor).await;
    let id = new_draft(&app, &mut browser, &csrf, "Harbour bridge reopens").await;
    let editor = browser.get(&format!("/newsroom/articles/{id}")).await;
    assert_eq!(editor.status(), StatusCode::OK, "[{backend}]");
    let html = editor.text().await.unwrap();
    assert_eq!(hidden(&html, "headline"), "Harbour bridge reopens");
    assert_eq!(hidden(&html, "version"), "1");

    // Adding a block without JavaScript: the form comes back with it.
    let section = app.newsroom.fixtures.world.id.to_string();
    let bridge_path = format!("/en/world/{}", app.newsroom.bridge.slug);
    let mut form = article_form(&csrf, "1", &section, "Harbour bridge reopens", &bridge_path);
    form.retain(|(k, _)| *k != "action");
    form.push(("action", "add-heading"));
    let added = browser
        .post(&format!("/newsroom/articles/{id}"), &form)
        .await;
    let added = added.text().await.unwrap();
    assert!(
        added.contains("name=\"block-3-type\" value=\"heading\""),
        "[{backend}] {added}"
    );
    assert_eq!(
        app.store()
            .article_by_id(id)
            .await
            .unwrap()
            .unwrap()
            .version,
        1,
        "not saved yet"
    );

    let form = article_form(&csrf, "1", &section, "Harbour bridge reopens", &bridge_path);
    let saved = browser
        .post(&format!("/newsroom/articles/{id}"), &form)
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER, "[{backend}] save");
    let article = app.store().article_by_id(id).await.unwrap().unwrap();
    assert_eq!(article.version, 2);
    assert_eq!(article.body.len(), 3);
    assert_eq!(article.slug.as_str(), "harbour-bridge-reopens");
    assert_eq!(article.created_by, Some(editor_id));
    // The editor shows the paragraph as it was typed, formatting included.
    let again = browser.get(&format!("/newsroom/articles/{id}")).await;
    let again = again.text().await.unwrap();
    assert!(
        again.contains("at **six**, said [the council](https://example.org/council).</textarea>"),
        "[{backend}] {again}"
    );

    // The preview is the reader page, before anyone can read it.
    let preview = browser
        .get(&format!("/newsroom/articles/{id}/preview"))
        .await;
    assert_eq!(preview.status(), StatusCode::OK, "[{backend}]");
    assert_eq!(preview.headers()["cache-control"], "no-store");
    let page = preview.text().await.unwrap();
    assert!(
        page.contains("We kept our promise to the city."),
        "[{backend}]"
    );
    assert!(page.contains("the mayor said"));
    assert!(page.contains(&app.newsroom.bridge.headline), "related card");
    let formatted = "opened to traffic at <strong>six</strong>, said \
                     <a href=\"https://example.org/council\">the council</a>.";
    assert!(page.contains(formatted), "[{backend}] {page}");
    // Said plainly: a preview, with the status, and no publication date.
    assert!(page.contains("Preview — not published."), "[{backend}]");
    assert!(page.contains("Status: Draft"), "[{backend}]");
    assert!(page.contains("Not published yet"), "[{backend}]");
    assert!(
        !page.contains(">Published "),
        "[{backend}] no publication line"
    );
    let public = format!("/en/world/{}", article.slug);
    assert_eq!(app.get(&public).await.status(), StatusCode::NOT_FOUND);

    let moved = browser
        .post(
            &format!("/newsroom/articles/{id}/status"),
            &[("csrf_token", &csrf), ("status", "published")],
        )
        .await;
    assert_eq!(moved.status(), StatusCode::SEE_OTHER, "[{backend}] publish");
    let reader = app.get(&public).await;
    assert_eq!(reader.status(), StatusCode::OK, "[{backend}]");
    let page = reader.text().await.unwrap();
    assert!(page.contains("We kept our promise to the city."));
    assert!(
        page.contains(formatted),
        "[{backend}] the site shows the formatting"
    );
    assert!(!page.contains("Preview — not published."), "[{backend}]");

    let log = app
        .store()
        .audit_log(&AuditQuery {
            actor_user_id: Some(editor_id),
            limit: 200,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    let actions: Vec<_> = log.items.iter().map(|e| e.action.as_str()).collect();
    for wanted in ["article.create", "article.save", "article.published"] {
        assert!(actions.contains(&wanted), "[{backend}] {actions:?}");
    }
}

async fn a_stale_save_is_refused_and_the_typed_text_kept(app: TestApp) {
    let backend = app.backend();
    let (mut alice, alice_csrf, _) = signed_in(&app, "alice@example.org", Role::Editor).await;
    let (mut bob, bob_csrf, _) = signed_in(&app, "bob@example.org", Role::Admin).await;
    let id = new_draft(&app, &mut alice, &alice_csrf, "Council meets").await;
    let section = app.newsroom.fixtures.world.id.to_string();
    let related = app.newsroom.bridge.id.to_string();
    let first = article_form(
        &alice_csrf,
        "1",
        &section,
        "Council meets tonight",
        &related,
    );
    let saved = alice
        .post(&format!("/newsroom/articles/{id}"), &first)
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER, "[{backend}]");

    // Bob loaded version 1 before Alice saved.
    let stale = article_form(
        &bob_csrf,
        "1",
        &section,
        "Council votes on budget",
        &related,
    );
    let refused = bob.post(&format!("/newsroom/articles/{id}"), &stale).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT, "[{backend}]");
    let page = refused.text().await.unwrap();
    assert_eq!(
        hidden(&page, "headline"),
        "Council votes on budget",
        "typed text kept"
    );
    assert!(
        page.contains("Someone else saved this article"),
        "[{backend}]"
    );
    let article = app.store().article_by_id(id).await.unwrap().unwrap();
    assert_eq!(
        (article.headline.as_str(), article.version),
        ("Council meets tonight", 2)
    );

    // Autosave: JSON, and the same refusal for a stale version.
    let fresh = article_form(
        &alice_csrf,
        "2",
        &section,
        "Council meets at eight",
        &related,
    );
    let autosaved = alice
        .post(&format!("/newsroom/articles/{id}/autosave"), &fresh)
        .await;
    assert_eq!(autosaved.status(), StatusCode::OK, "[{backend}]");
    let body: serde_json::Value = autosaved.json().await.unwrap();
    assert_eq!(body["version"], 3);
    let again = alice
        .post(&format!("/newsroom/articles/{id}/autosave"), &fresh)
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT, "[{backend}]");

    // A block just added, and a related card still searching by headline,
    // wait for a later autosave instead of refusing this one.
    let mut working = article_form(
        &alice_csrf,
        "3",
        &section,
        "Council meets at nine",
        "council budget vote",
    );
    working.extend([("block-3-type", "image"), ("block-3-media", "")]);
    let autosaved = alice
        .post(&format!("/newsroom/articles/{id}/autosave"), &working)
        .await;
    assert_eq!(autosaved.status(), StatusCode::OK, "[{backend}]");
    let article = app.store().article_by_id(id).await.unwrap().unwrap();
    assert_eq!(article.headline.as_str(), "Council meets at nine");
    assert_eq!(
        article.body.len(),
        2,
        "paragraph and quote: {:?}",
        article.body
    );
    // The Save button asks for every block to be complete.
    working.retain(|(name, _)| *name != "version");
    working.push(("version", "4"));
    let refused = alice
        .post(&format!("/newsroom/articles/{id}"), &working)
        .await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let page = refused.text().await.unwrap();
    assert!(page.contains("id=\"err-block-2-article\""), "[{backend}]");
    assert!(page.contains("id=\"err-block-3-media\""), "[{backend}]");
    let body: serde_json::Value = again.json().await.unwrap();
    assert_eq!(body["error"], "desk-conflict");
}

async fn bad_input_is_refused_field_by_field_and_nothing_is_saved(app: TestApp) {
    let backend = app.backend();
    let (mut browser, csrf, _) = signed_in(&app, "desk@example.org", Role::Editor).await;
    let id = new_draft(&app, &mut browser, &csrf, "Storm warning").await;
    let section = app.newsroom.fixtures.world.id.to_string();
    let mut form = article_form(
        &csrf,
        "1",
        &section,
        "<script>alert(1)</script> Storm",
        "no-such-article",
    );
    form.push(("block-3-type", "embed"));
    form.push(("block-3-url", "javascript:alert(1)"));
    let refused = browser
        .post(&format!("/newsroom/articles/{id}"), &form)
        .await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let page = refused.text().await.unwrap();
    assert!(!page.contains("<script>alert(1)</script>"), "escaped");
    assert_eq!(hidden(&page, "headline"), "<script>alert(1)</script> Storm");
    assert!(page.contains("id=\"err-block-2-article\""), "[{backend}]");
    assert!(page.contains("id=\"err-block-3-url\""), "[{backend}]");
    assert_eq!(
        app.store()
            .article_by_id(id)
            .await
            .unwrap()
            .unwrap()
            .version,
        1
    );

    // A form without the session's token changes nothing.
    let mut forged = article_form("forged", "1", &section, "Hijacked", "");
    forged.truncate(6);
    let forbidden = browser
        .post(&format!("/newsroom/articles/{id}"), &forged)
        .await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN, "[{backend}]");
    assert_eq!(
        app.store()
            .article_by_id(id)
            .await
            .unwrap()
            .unwrap()
            .headline,
        "Storm warning"
    );

    // Scheduling needs a time in the future.
    let past = browser
        .post(
            &format!("/newsroom/articles/{id}/status"),
            &[
                ("csrf_token", &csrf),
                ("status", "scheduled"),
                ("scheduled_at", "2020-01-01T10:00"),
            ],
        )
        .await;
    assert_eq!(
        past.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    assert!(past
        .text()
        .await
        .unwrap()
        .contains("Choose a time in the future."));
    assert_eq!(
        app.store().article_by_id(id).await.unwrap().unwrap().status,
        ArticleStatus::Draft
    );
}

async fn roles_limit_what_each_staff_member_may_do(app: TestApp) {
    let backend = app.backend();
    let (mut contributor, c_csrf, _) =
        signed_in(&app, "intern@example.org", Role::Contributor).await;
    let own = new_draft(&app, &mut contributor, &c_csrf, "Intern story").await;
    let publish = contributor
        .post(
            &format!("/newsroom/articles/{own}/status"),
            &[("csrf_token", &c_csrf), ("status", "published")],
        )
        .await;
    assert_eq!(
        publish.status(),
        StatusCode::FORBIDDEN,
        "[{backend}] contributors do not publish"
    );
    let review = contributor
        .post(
            &format!("/newsroom/articles/{own}/status"),
            &[("csrf_token", &c_csrf), ("status", "in_review")],
        )
        .await;
    assert_eq!(
        review.status(),
        StatusCode::SEE_OTHER,
        "[{backend}] but send for review"
    );
    // Someone else's draft does not exist for them.
    let other = app.newsroom.draft.id;
    let hidden_draft = contributor
        .get(&format!("/newsroom/articles/{other}"))
        .await;
    assert_eq!(hidden_draft.status(), StatusCode::NOT_FOUND, "[{backend}]");

    let (mut author, a_csrf, _) = signed_in(&app, "writer@example.org", Role::Author).await;
    let mine = new_draft(&app, &mut author, &a_csrf, "Author story").await;
    let published = author
        .post(
            &format!("/newsroom/articles/{mine}/status"),
            &[("csrf_token", &a_csrf), ("status", "published")],
        )
        .await;
    assert_eq!(
        published.status(),
        StatusCode::SEE_OTHER,
        "[{backend}] authors publish their own"
    );
    let theirs = author.get(&format!("/newsroom/articles/{own}")).await;
    assert_eq!(theirs.status(), StatusCode::NOT_FOUND, "[{backend}]");

    // An editor of another edition sees nothing of this one.
    let ru = app.newsroom.fixtures.ru.id;
    staff(app.store(), "ru-desk@example.org", Role::Editor, &[ru]).await;
    let mut ru_editor = Browser::of(&app);
    ru_editor.login("ru-desk@example.org", PASSWORD).await;
    let foreign = ru_editor.get(&format!("/newsroom/articles/{mine}")).await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND, "[{backend}]");
    let list = ru_editor
        .get("/newsroom/articles")
        .await
        .text()
        .await
        .unwrap();
    assert!(!list.contains("Author story"), "[{backend}]");
}

async fn corrections_show_on_the_site_and_revisions_compare_and_restore(
    app: crate::test_app::TestApp,
) {
    let backend = app.backend();
    let (mut browser, csrf, _) = signed_in(&app, "desk@example.org", Role::Editor).await;
    let id = new_draft(&app, &mut browser, &csrf, "Dam holds").await;
    let section = app.newsroom.fixtures.world.id.to_string();
    let related = app.newsroom.bridge.id.to_string();
    let v1 = article_form(&csrf, "1", &section, "Dam holds after storm", &related);
    browser.post(&format!("/newsroom/articles/{id}"), &v1).await;
    let v2 = article_form(
        &csrf,
        "2",
        &section,
        "Dam holds after record storm",
        &related,
    );
    browser.post(&format!("/newsroom/articles/{id}"), &v2).await;
    browser
        .post(
            &format!("/newsroom/articles/{id}/status"),
            &[("csrf_token", &csrf), ("status", "published")],
        )
        .await;
    let missing_note = browser
        .post(
            &format!("/newsroom/articles/{id}/status"),
            &[
                ("csrf_token", &csrf),
                ("status", "corrected"),
                ("correction", " "),
            ],
        )
        .await;
    assert_eq!(
        missing_note.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let note = "An earlier version named the wrong river.";
    let corrected = browser
        .post(
            &format!("/newsroom/articles/{id}/status"),
            &[
                ("csrf_token", &csrf),
                ("status", "corrected"),
                ("correction", note),
            ],
        )
        .await;
    assert_eq!(corrected.status(), StatusCode::SEE_OTHER, "[{backend}]");
    let article = app.store().article_by_id(id).await.unwrap().unwrap();
    let public = format!("/en/world/{}", article.slug);
    let page = app.get(&public).await.text().await.unwrap();
    assert!(
        page.contains(note),
        "[{backend}] correction note on the site"
    );

    let history = browser
        .get(&format!("/newsroom/articles/{id}/revisions"))
        .await;
    assert_eq!(history.status(), StatusCode::OK);
    let revisions = app.store().revisions(id).await.unwrap();
    let first_save = revisions.iter().find(|r| r.version == 2).unwrap();
    let second_save = revisions.iter().find(|r| r.version == 3).unwrap();
    let compare = browser
        .get(&format!(
            "/newsroom/articles/{id}/compare?a={}&b={}",
            second_save.id, first_save.id
        ))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        compare.contains("<mark>record</mark>"),
        "[{backend}] {compare}"
    );

    let restore = format!(
        "/newsroom/articles/{id}/revisions/{}/restore",
        first_save.id
    );
    let version = article.version.to_string();
    let stale = browser
        .post(&restore, &[("csrf_token", &csrf), ("version", "1")])
        .await;
    assert_eq!(stale.status(), StatusCode::CONFLICT, "[{backend}]");
    let restored = browser
        .post(&restore, &[("csrf_token", &csrf), ("version", &version)])
        .await;
    assert_eq!(restored.status(), StatusCode::SEE_OTHER, "[{backend}]");
    let page = app.get(&public).await.text().await.unwrap();
    assert!(
        page.contains("Dam holds after storm"),
        "[{backend}] restored text is live"
    );
    assert!(page.contains(note), "the correction stays");
}

async fn the_scheduler_job_publishes_what_falls_due(app: TestApp) {
    let backend = app.backend();
    let draft = app.newsroom.draft.clone();
    let now = dateline_web::auth::now();
    app.store()
        .change_status(
            draft.id,
            &StatusChange {
                scheduled_at: Some(now),
                ..StatusChange::to(ArticleStatus::Scheduled)
            },
            now - 60,
        )
        .await
        .unwrap();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let job = dateline_web::scheduler::spawn(app.store().clone(), stopped);
    let mut status = ArticleStatus::Scheduled;
    for _ in 0..50 {
        status = app
            .store()
            .article_by_id(draft.id)
            .await
            .unwrap()
            .unwrap()
            .status;
        if status == ArticleStatus::Published {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, ArticleStatus::Published, "[{backend}]");
    stop.send(true).unwrap();
    job.await.unwrap();
    let page = app.get(&format!("/en/world/{}", draft.slug)).await;
    assert_eq!(page.status(), StatusCode::OK, "[{backend}]");
}

on_both_backends!(
    crate::test_app::TestApp::on;
    an_editor_writes_previews_and_publishes_an_article,
    a_stale_save_is_refused_and_the_typed_text_kept,
    bad_input_is_refused_field_by_field_and_nothing_is_saved,
    roles_limit_what_each_staff_member_may_do,
    corrections_show_on_the_site_and_revisions_compare_and_restore,
    the_scheduler_job_publishes_what_falls_due,
);
