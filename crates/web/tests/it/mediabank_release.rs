//! An editor releases a picture no published story uses to the public media
//! bank, and withdraws it: from the newsroom's asset page and the Admin API,
//! audited; staff see hidden pictures and their files all along (the
//! newsroom, the preview), readers only once released.

use dateline_domain::{ArticleStatus, Role};
use dateline_store::AuditQuery;
use dateline_web::auth::role_scopes;
use reqwest::header::LOCATION;
use reqwest::{Method, StatusCode};

use crate::api_admin::{call, token};
use crate::mediabank_visibility::{assert_hidden, assert_shown, picture, story};
use crate::newsroom_auth::{staff, Browser, PASSWORD};
use crate::test_app::TestApp;

async fn audit_actions(app: &TestApp, media_id: i64) -> Vec<String> {
    let log = app
        .store()
        .audit_log(&AuditQuery {
            item_type: Some("media".into()),
            item_id: Some(media_id),
            limit: 20,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    log.items.into_iter().map(|e| e.action).collect()
}

async fn an_editor_releases_and_withdraws_from_the_newsroom(app: TestApp) {
    let backend = app.backend();
    let (asset, file) = picture(&app, 21, "Lighthouse in winter fog").await;
    let draft = story(&app, "lighthouse", asset.id, ArticleStatus::Draft).await;
    let en = app.newsroom.fixtures.en.id;
    staff(app.store(), "desk@example.org", Role::Editor, &[en]).await;
    let mut browser = Browser::of(&app);
    browser.login("desk@example.org", PASSWORD).await;
    let csrf = browser.csrf().await;

    // Staff see the hidden picture, its file (never cached) and the preview.
    let page_path = format!("/newsroom/media/{}", asset.id);
    let page = browser.get(&page_path).await.text().await.unwrap();
    assert!(page.contains("Lighthouse in winter fog"), "[{backend}]");
    assert!(
        page.contains("Readers cannot see this picture"),
        "[{backend}]"
    );
    assert!(page.contains("Release to the media bank"), "[{backend}]");
    let served = browser.get(&file).await;
    assert_eq!(served.status(), StatusCode::OK, "[{backend}] {file}");
    assert_eq!(served.headers()["cache-control"], "private, no-store");
    let preview = browser
        .get(&format!("/newsroom/articles/{}/preview", draft.id))
        .await;
    assert_eq!(preview.status(), StatusCode::OK, "[{backend}]");
    assert!(preview.text().await.unwrap().contains(&file), "[{backend}]");
    assert_hidden(&app, &asset, &file).await;

    let action = format!("{page_path}/release");
    let released = browser
        .post(&action, &[("csrf_token", &csrf), ("release", "1")])
        .await;
    assert_eq!(released.status(), StatusCode::SEE_OTHER, "[{backend}]");
    assert_eq!(
        released.headers()[LOCATION],
        format!("{page_path}?released=1").as_str()
    );
    assert_shown(&app, &asset, &file).await;
    let page = browser.get(&format!("{page_path}?released=1")).await;
    let page = page.text().await.unwrap();
    assert!(page.contains("Released to the media bank: readers can see it now."));
    assert!(page.contains("Withdraw from the media bank"), "[{backend}]");

    let withdrawn = browser
        .post(&action, &[("csrf_token", &csrf), ("release", "0")])
        .await;
    assert_eq!(withdrawn.status(), StatusCode::SEE_OTHER, "[{backend}]");
    assert_hidden(&app, &asset, &file).await;
    assert_eq!(
        audit_actions(&app, asset.id).await,
        ["media.withdraw", "media.release"],
        "[{backend}]"
    );

    // Without the form's token nothing changes.
    let forged = browser.post(&action, &[("release", "1")]).await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN, "[{backend}]");
    assert_hidden(&app, &asset, &file).await;
}

async fn the_admin_api_releases_for_editors_only(app: TestApp) {
    let backend = app.backend();
    let (asset, file) = picture(&app, 22, "Night ferry crossing").await;
    let en = app.newsroom.fixtures.en.id;
    let editor = staff(app.store(), "ed@example.org", Role::Editor, &[en]).await;
    let author = staff(app.store(), "au@example.org", Role::Author, &[en]).await;
    let editor = token(app.store(), editor.id(), role_scopes(Role::Editor), None)
        .await
        .1;
    let author = token(app.store(), author.id(), role_scopes(Role::Author), None)
        .await
        .1;
    let path = format!("/api/v1/admin/media/{}/release", asset.id);

    let (status, body) = call(&app, &author, Method::PUT, &path, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "[{backend}] {body}");
    let (status, body) = call(&app, &editor, Method::PUT, &path, None).await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {body}");
    assert_eq!(
        (&body["released"], &body["public"]),
        (&true.into(), &true.into())
    );
    assert_shown(&app, &asset, &file).await;

    let (status, body) = call(&app, &editor, Method::DELETE, &path, None).await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {body}");
    assert_eq!(
        (&body["released"], &body["public"]),
        (&false.into(), &false.into())
    );
    assert_hidden(&app, &asset, &file).await;
    // Staff still read it, and a bearer token fetches its file.
    let one = format!("/api/v1/admin/media/{}", asset.id);
    let (status, body) = call(&app, &editor, Method::GET, &one, None).await;
    assert_eq!((status, &body["public"]), (StatusCode::OK, &false.into()));
    let served = reqwest::Client::new()
        .get(app.url(&file))
        .bearer_auth(&editor)
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), StatusCode::OK, "[{backend}] {file}");
    assert_eq!(served.headers()["cache-control"], "private, no-store");

    let missing = "/api/v1/admin/media/999999/release";
    let (status, _) = call(&app, &editor, Method::PUT, missing, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "[{backend}]");
    assert_eq!(
        audit_actions(&app, asset.id).await,
        ["media.withdraw", "media.release"],
        "[{backend}]"
    );
}

on_both_backends!(
    crate::test_app::TestApp::on;
    an_editor_releases_and_withdraws_from_the_newsroom,
    the_admin_api_releases_for_editors_only,
);
