//! The newsroom's dashboard on both backends: what needs attention (stories
//! in review, going out next, one's drafts, held and reported comments,
//! pictures whose renditions failed), each part for those who may act.

use dateline_domain::comment::CommentStatus;
use dateline_domain::{ArticleStatus, Role};
use dateline_store::comments::NewComment;
use dateline_store::{JobOutcome, StatusChange};
use reqwest::StatusCode;

use crate::newsroom_articles::{new_draft, signed_in};
use crate::test_app::TestApp;

async fn dashboard(browser: &mut crate::newsroom_auth::Browser) -> String {
    let page = browser.get("/newsroom/").await;
    assert_eq!(page.status(), StatusCode::OK);
    page.text().await.unwrap()
}

async fn the_dashboard_lists_what_needs_attention(app: TestApp) {
    let backend = app.backend();
    let store = app.store();
    let now = dateline_web::auth::now();
    let (mut editor, csrf, _) = signed_in(&app, "desk@example.org", Role::Editor).await;

    let page = dashboard(&mut editor).await;
    for calm in [
        "Nothing is waiting for review.",
        "You have no drafts.",
        "Every picture has its renditions.",
    ] {
        assert!(page.contains(calm), "[{backend}] {calm}");
    }
    assert!(!page.contains("<code>"), "[{backend}] no list of scopes");

    let review = new_draft(&app, &mut editor, &csrf, "Council budget needs a check").await;
    store
        .change_status(review, &StatusChange::to(ArticleStatus::InReview), now)
        .await
        .unwrap();
    let later = new_draft(&app, &mut editor, &csrf, "Storm season outlook").await;
    let sooner = new_draft(&app, &mut editor, &csrf, "Ferry timetable changes").await;
    for (id, at) in [(later, now + 7200), (sooner, now + 3600)] {
        store
            .change_status(
                id,
                &StatusChange {
                    scheduled_at: Some(at),
                    ..StatusChange::to(ArticleStatus::Scheduled)
                },
                now,
            )
            .await
            .unwrap();
    }
    new_draft(&app, &mut editor, &csrf, "Harbour notes in progress").await;

    let reader = store.insert_test_reader("Nadia", now - 86_400, true).await;
    store
        .post_comment(&NewComment {
            article_id: app.newsroom.bridge.id,
            reader_id: reader,
            reply_to: None,
            body_source: "Held for a look.".into(),
            body_html: "<p>Held for a look.</p>".into(),
            status: CommentStatus::Pending,
            status_reason: "new account".into(),
            ip: "192.0.2.7".into(),
            at: now,
        })
        .await
        .unwrap();

    let picture = app.newsroom.world_picture.id;
    assert!(store.requeue_renditions(picture).await.unwrap());
    let job = store
        .claim_rendition_job(now, now + 300)
        .await
        .unwrap()
        .expect("the requeued picture");
    assert_eq!(job.media_id, picture);
    store
        .finish_rendition_job(picture, &JobOutcome::Failed("cannot decode".into()))
        .await
        .unwrap();

    let page = dashboard(&mut editor).await;
    assert!(page.contains("Council budget needs a check"), "[{backend}]");
    assert!(
        page.contains(&format!("href=\"/newsroom/articles/{review}\"")),
        "[{backend}] links to the editor"
    );
    let (sooner_at, later_at) = (
        page.find("Ferry timetable changes")
            .expect("scheduled story"),
        page.find("Storm season outlook").expect("scheduled story"),
    );
    assert!(sooner_at < later_at, "[{backend}] next to go out first");
    assert!(
        page.contains("Harbour notes in progress"),
        "[{backend}] own draft"
    );
    assert!(
        page.contains("Held for review</a>: <strong>1</strong>"),
        "[{backend}] {page}"
    );
    assert!(page.contains("Reported by readers</a>: <strong>0</strong>"));
    assert!(page.contains("cannot decode"), "[{backend}] the failure");
    assert!(page.contains(&format!("href=\"/newsroom/media/{picture}\"")));

    // A contributor sees their own stories only, and no moderation queues.
    let (mut contributor, _, _) = signed_in(&app, "stringer@example.org", Role::Contributor).await;
    let page = dashboard(&mut contributor).await;
    assert!(
        !page.contains("Council budget needs a check"),
        "[{backend}]"
    );
    assert!(!page.contains("Held for review"), "[{backend}]");

    // The dashboard in the newsroom's other language.
    let page = editor
        .request(reqwest::Method::GET, "/newsroom/")
        .header("accept-language", "ru")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Ждут проверки"), "[{backend}]");
}

on_both_backends!(
    crate::test_app::TestApp::on;
    the_dashboard_lists_what_needs_attention,
);
