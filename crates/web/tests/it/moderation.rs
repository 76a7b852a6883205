//! Newsroom moderation pages: who may use them, word lists and section rules.

use dateline_domain::Role;
use reqwest::StatusCode;

use crate::comments::{comment_app, post, reader, COMMENTS, STORY};
use crate::newsroom_auth::{staff, Browser, PASSWORD};
use crate::test_app::TestApp;
use dateline_store::testing::TestDb;
use dateline_store::AuditQuery;

/// An editor signed in to the newsroom, with the session's CSRF token.
pub async fn moderator(app: &TestApp) -> (Browser, String) {
    let editions = [app.newsroom.fixtures.en.id];
    staff(app.store(), "desk@example.org", Role::Editor, &editions).await;
    let mut browser = Browser::of(app);
    let response = browser.login("desk@example.org", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let csrf = browser.csrf().await;
    (browser, csrf)
}

#[tokio::test]
async fn authors_cannot_moderate() {
    let app = TestApp::new().await;
    staff(app.store(), "writer@example.org", Role::Author, &[]).await;
    let mut browser = Browser::of(&app);
    browser.login("writer@example.org", PASSWORD).await;
    let page = browser.get("/newsroom/moderation").await;
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn word_lists_and_section_rules_are_edited_in_the_newsroom() {
    let t = comment_app(TestDb::sqlite().await).await;
    let (mut desk, csrf) = moderator(&t.app).await;
    let added = desk
        .post(
            "/newsroom/moderation/words",
            &[
                ("csrf_token", &csrf),
                ("word", "  Спам "),
                ("kind", "suspect"),
            ],
        )
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    let world = t.app.newsroom.fixtures.world.id;
    let saved = desk
        .post(
            &format!("/newsroom/moderation/sections/{world}"),
            &[
                ("csrf_token", &csrf),
                ("mode", "post"),
                ("close_after_days", ""),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    // One story closed from the newsroom.
    let storm = t
        .app
        .store()
        .article_by_slug(
            t.app.newsroom.fixtures.en.id,
            &"storm-warning".parse().unwrap(),
        )
        .await
        .unwrap()
        .unwrap();
    let storm_id = storm.id.to_string();
    let closed = desk
        .post(
            "/newsroom/moderation/articles",
            &[
                ("csrf_token", &csrf),
                ("article_id", &storm_id),
                ("mode", ""),
                ("closed", "1"),
            ],
        )
        .await;
    assert_eq!(closed.status(), StatusCode::SEE_OTHER);
    assert!(!t
        .app
        .store()
        .comment_settings(storm.id)
        .await
        .unwrap()
        .open_at(0));
    let settings = desk
        .get("/newsroom/moderation/settings")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        settings.contains("спам") && settings.contains("Suspect (holds for review)"),
        "{settings}"
    );
    // The tab (and history) shows a title, not a form with the session's token.
    let title = settings
        .split_once("<title>")
        .and_then(|(_, rest)| rest.split_once("</title>"))
        .map(|(title, _)| title)
        .unwrap();
    assert_eq!(title, "Word lists · Dateline newsroom");

    // A suspect word holds the comment for review.
    let mut ann = reader(&t, "Ann").await;
    let answer = post(&mut ann, COMMENTS, "Cheap СПАМ here").await;
    assert!(answer.location.as_deref().unwrap().contains("done=pending"));
    let queue = desk.get("/newsroom/moderation").await.text().await.unwrap();
    assert!(queue.contains("it contains a suspect word"), "{queue}");

    // Suspending the author: they are told why when they try again.
    let id = crate::comments::posted_id(&answer);
    let done = desk
        .post(
            &format!("/newsroom/moderation/{id}/sanction"),
            &[
                ("csrf_token", &csrf),
                ("kind", "suspend"),
                ("days", "3"),
                ("reason", "Advertising"),
            ],
        )
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    let page = ann.get(COMMENTS).await;
    assert!(
        page.text(".form-error").contains("suspended until")
            && page.text(".form-error").contains("Advertising")
    );
    let story = ann.get(STORY).await;
    assert_eq!(story.status, 200);
    // Both logs recorded it.
    let audit = t
        .app
        .store()
        .audit_log(&AuditQuery {
            item_type: Some("reader".into()),
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(audit.items[0].action, "reader.suspend");
    let log = desk
        .get("/newsroom/moderation/log")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        log.contains("reader.suspend") && log.contains("Advertising"),
        "{log}"
    );
}
