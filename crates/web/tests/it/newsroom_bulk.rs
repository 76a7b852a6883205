//! The desk list: lead pictures and bylines on every row, and moving
//! several stories at once, each checked as if moved from its editor.

use dateline_domain::{ArticleStatus, Role};
use dateline_store::AuditQuery;
use reqwest::header::LOCATION;
use reqwest::StatusCode;

use crate::newsroom_articles::{new_draft, signed_in};
use crate::test_app::TestApp;

async fn status_of(app: &TestApp, id: i64) -> ArticleStatus {
    app.store().article_by_id(id).await.unwrap().unwrap().status
}

async fn the_desk_moves_ticked_stories_one_by_one(app: TestApp) {
    let backend = app.backend();
    let (mut browser, csrf, editor) = signed_in(&app, "desk@example.org", Role::Editor).await;
    let one = new_draft(&app, &mut browser, &csrf, "Bulk one").await;
    let two = new_draft(&app, &mut browser, &csrf, "Bulk two").await;
    let published = app.newsroom.bridge.id;
    let other_edition = app.newsroom.ru_bridge.id;

    let list = browser
        .get("/newsroom/articles")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        list.contains("action=\"/newsroom/articles/bulk\""),
        "[{backend}] {list}"
    );
    assert!(
        list.contains(&format!("name=\"ids\" value=\"{one}\"")),
        "[{backend}]"
    );
    assert!(list.contains("John Doe"), "[{backend}] bylines on the rows");
    assert!(
        list.contains("class=\"desk-thumb\"><img src=\"/media/"),
        "[{backend}] the lead picture's thumbnail"
    );

    let one_s = one.to_string();
    let two_s = two.to_string();
    let published_s = published.to_string();
    let other_s = other_edition.to_string();
    let moved = browser
        .post(
            "/newsroom/articles/bulk",
            &[
                ("csrf_token", csrf.as_str()),
                ("back", "/newsroom/articles?status=draft"),
                ("action", "in_review"),
                ("ids", &one_s),
                ("ids", &two_s),
                ("ids", &published_s),
                ("ids", &other_s),
            ],
        )
        .await;
    assert_eq!(moved.status(), StatusCode::SEE_OTHER, "[{backend}]");
    let to = moved.headers()[LOCATION].to_str().unwrap().to_owned();
    assert_eq!(
        to, "/newsroom/articles?status=draft&moved=2&refused=2&to=in_review",
        "[{backend}] back to the filtered list"
    );
    let page = browser.get(&to).await.text().await.unwrap();
    assert!(page.contains("2 stories moved to"), "[{backend}] {page}");
    assert!(page.contains("2 could not be moved"), "[{backend}]");
    assert_eq!(status_of(&app, one).await, ArticleStatus::InReview);
    assert_eq!(status_of(&app, two).await, ArticleStatus::InReview);
    assert_eq!(
        status_of(&app, published).await,
        ArticleStatus::Published,
        "not a move it allows"
    );
    assert_eq!(
        status_of(&app, other_edition).await,
        ArticleStatus::Published,
        "not the editor's edition"
    );
    let log = app
        .store()
        .audit_log(&AuditQuery {
            actor_user_id: Some(editor),
            limit: 100,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    let bulk: Vec<_> = log
        .items
        .iter()
        .filter(|e| e.action == "article.in_review" && e.details["bulk"] == true)
        .collect();
    assert_eq!(bulk.len(), 2, "[{backend}] one entry per story");

    // No move that needs more than the move, and no more than a page.
    let refused = browser
        .post(
            "/newsroom/articles/bulk",
            &[
                ("csrf_token", csrf.as_str()),
                ("action", "scheduled"),
                ("ids", &one_s),
            ],
        )
        .await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let many: Vec<String> = (1..=51).map(|n| n.to_string()).collect();
    let mut fields = vec![("csrf_token", csrf.as_str()), ("action", "draft")];
    fields.extend(many.iter().map(|n| ("ids", n.as_str())));
    let refused = browser.post("/newsroom/articles/bulk", &fields).await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    assert_eq!(
        status_of(&app, one).await,
        ArticleStatus::InReview,
        "nothing moved"
    );

    // A contributor may send to review but not publish, in bulk as alone.
    let (mut writer, writer_csrf, _) =
        signed_in(&app, "writer@example.org", Role::Contributor).await;
    let own = new_draft(&app, &mut writer, &writer_csrf, "Own story").await;
    let own_s = own.to_string();
    let refused = writer
        .post(
            "/newsroom/articles/bulk",
            &[
                ("csrf_token", writer_csrf.as_str()),
                ("action", "published"),
                ("ids", &own_s),
            ],
        )
        .await;
    let to = refused.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(
        to.ends_with("moved=0&refused=1&to=published"),
        "[{backend}] {to}"
    );
    assert_eq!(status_of(&app, own).await, ArticleStatus::Draft);
    // Without the form's token nothing moves.
    let forged = writer
        .post(
            "/newsroom/articles/bulk",
            &[("action", "in_review"), ("ids", &own_s)],
        )
        .await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN, "[{backend}]");
    assert_eq!(status_of(&app, own).await, ArticleStatus::Draft);
}

on_both_backends!(
    crate::test_app::TestApp::on;
    the_desk_moves_ticked_stories_one_by_one,
);
