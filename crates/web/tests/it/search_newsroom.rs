//! The newsroom's search on both backends: drafts for those who may read
//! them (an editor of the edition, the writer who owns it) and not for
//! others; the navigation's link; the media library searched through the
//! index (captions and the stories using each picture, drafts included).

use dateline_domain::{NewArticle, Role};
use scraper::Html;

use crate::newsroom_auth::{staff, Browser, PASSWORD};
use crate::reader::{all, attr, one, text};
use crate::search::{picture, story};
use crate::test_app::TestApp;

async fn signed_in(app: &TestApp, email: &str, role: Role, editions: &[i64]) -> Browser {
    staff(app.store(), email, role, editions).await;
    let mut browser = Browser::of(app);
    browser.login(email, PASSWORD).await;
    browser
}

async fn page(browser: &mut Browser, path: &str) -> Html {
    let response = browser.get(path).await;
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, 200, "GET {path}: {body}");
    Html::parse_document(&body)
}

fn links(doc: &Html) -> Vec<String> {
    all(doc, ".hit a")
        .into_iter()
        .map(|a| attr(a, "href").to_owned())
        .collect()
}

async fn drafts_for_those_who_may_read_them(app: TestApp) {
    let fx = &app.newsroom.fixtures;
    let store = app.store();
    let owner = staff(store, "owner@example.org", Role::Contributor, &[]).await;
    let draft = store
        .create_article_by(
            &NewArticle {
                headline: "Clandestine plan".into(),
                ..fx.draft("clandestine")
            },
            Some(owner.id()),
            None,
        )
        .await
        .unwrap();
    let public = story(
        &app,
        "clandestine-public",
        "Clandestine meeting reported",
        "Public.",
    )
    .await;
    app.sync_search().await;
    let draft_link = format!("/newsroom/articles/{}", draft.id);
    let public_link = format!("/newsroom/articles/{}", public.id);

    let mut editor = signed_in(&app, "ed@example.org", Role::Editor, &[fx.en.id]).await;
    let doc = page(&mut editor, "/newsroom/search?q=clandestine").await;
    let mut found = links(&doc);
    found.sort();
    let mut both = vec![draft_link.clone(), public_link.clone()];
    both.sort();
    assert_eq!(found, both, "[{}]", app.backend());
    assert_eq!(
        attr(one(&doc, "nav a[aria-current='page']"), "href"),
        "/newsroom/search"
    );
    assert_eq!(
        all(&doc, ".hit .status-draft").len(),
        1,
        "the draft's status is shown"
    );
    // Narrowed by status.
    let doc = page(&mut editor, "/newsroom/search?q=clandestine&status=draft").await;
    assert_eq!(links(&doc), std::slice::from_ref(&draft_link));
    // The owner finds it; another writer and another edition's editor do not.
    let mut owner_browser = Browser::of(&app);
    owner_browser.login("owner@example.org", PASSWORD).await;
    let doc = page(&mut owner_browser, "/newsroom/search?q=clandestine").await;
    assert!(links(&doc).contains(&draft_link));
    let mut writer = signed_in(&app, "writer@example.org", Role::Contributor, &[]).await;
    let doc = page(&mut writer, "/newsroom/search?q=clandestine").await;
    assert_eq!(links(&doc), std::slice::from_ref(&public_link));
    let mut ru = signed_in(&app, "ru@example.org", Role::Editor, &[fx.ru.id]).await;
    let doc = page(&mut ru, "/newsroom/search?q=clandestine").await;
    assert!(links(&doc).is_empty());
    // Every newsroom page links to the search.
    let home = page(&mut writer, "/newsroom/").await;
    assert!(!all(&home, "nav a[href='/newsroom/search']").is_empty());
    // A search that cannot run says why, keeping the words.
    let response = editor.get("/newsroom/search?q=%22%22").await;
    assert_eq!(response.status(), 400);
    let doc = Html::parse_document(&response.text().await.unwrap());
    assert!(text(one(&doc, "#search-problem")).contains("no word to look for"));
    assert_eq!(attr(one(&doc, "input[name='q']"), "value"), "\"\"");
}

async fn the_media_library_searches_the_stories_using_each_picture(app: TestApp) {
    let fx = &app.newsroom.fixtures;
    let hidden = picture(&app, 71, "Quayside at night", false).await;
    app.store()
        .create_article(&NewArticle {
            headline: "Walrus sighting".into(),
            lead_media_id: Some(hidden.id),
            ..fx.draft("walrus")
        })
        .await
        .unwrap();
    app.sync_search().await;
    let mut editor = signed_in(&app, "ed@example.org", Role::Editor, &[fx.en.id]).await;
    let doc = page(&mut editor, "/newsroom/media?q=walrus").await;
    let found: Vec<&str> = all(&doc, "a[href^='/newsroom/media/']")
        .into_iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert!(
        found.contains(&format!("/newsroom/media/{}", hidden.id).as_str()),
        "[{}] {found:?}",
        app.backend()
    );
    // Readers never find it: neither the picture nor the draft is public.
    let reader = app
        .get("/en/mediabank/?q=walrus")
        .await
        .text()
        .await
        .unwrap();
    assert!(!reader.contains(&format!("/en/mediabank/{}", hidden.id)));
}

on_both_backends!(crate::test_app::TestApp::on;
    drafts_for_those_who_may_read_them,
    the_media_library_searches_the_stories_using_each_picture,
);
