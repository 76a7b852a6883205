//! Text no page, feed or database can carry (control characters other than
//! tab and line breaks, Unicode noncharacters) is refused with 422 before
//! anything is stored: through the Admin API (naming where in the body),
//! the newsroom's forms and a reader's forms (as pages), on both backends;
//! tabs and line breaks stay. Before, SQLite stored NUL (the RSS feed was
//! then not well-formed XML) and PostgreSQL answered it 503, "try again".

use dateline_domain::Role;
use dateline_web::auth::role_scopes;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::account::AccountApp;
use crate::api_admin::{call, token};
use crate::comments::{post, reader, COMMENTS};
use crate::newsroom_articles::signed_in;
use crate::newsroom_auth::staff;
use crate::test_app::TestApp;

/// Headlines of every article the Admin API lists in the English edition.
async fn headlines(app: &TestApp, secret: &str) -> Vec<String> {
    let (status, page) = call(
        app,
        secret,
        Method::GET,
        "/api/v1/admin/articles?edition=en&limit=100",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["headline"].as_str().unwrap().to_owned())
        .collect()
}

async fn the_admin_api_refuses_control_characters_where_they_are(app: TestApp) {
    let backend = app.backend();
    let store = app.store();
    let admin = staff(store, "admin@example.org", Role::Admin, &[]).await;
    let secret = token(store, admin.id(), role_scopes(Role::Admin), None)
        .await
        .1;
    let before = headlines(&app, &secret).await;
    let refused: [(Value, &str, &str); 4] = [
        (
            json!({"headline": "Weir\u{0}opens"}),
            "headline: ",
            "U+0000",
        ),
        (
            json!({"headline": "Weir opens", "body": [
                {"type": "paragraph", "text": "Fine."},
                {"type": "quote", "text": "It holds.", "attribution": "the engineer\u{b}said"}
            ]}),
            "body[1].attribution: ",
            "U+000B",
        ),
        (
            json!({"headline": "Weir opens", "tags": ["Dams\u{fffe}"]}),
            "tags[0]: ",
            "U+FFFE",
        ),
        (
            json!({"headline": "Weir opens", "lead": "Late\u{85}"}),
            "lead: ",
            "U+0085",
        ),
    ];
    for (fields, place, character) in refused {
        let mut body = json!({"edition": "en", "section": "world"});
        body.as_object_mut()
            .unwrap()
            .extend(fields.as_object().unwrap().clone());
        let (status, answer) = call(
            &app,
            &secret,
            Method::POST,
            "/api/v1/admin/articles",
            Some(body),
        )
        .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{backend}] {answer}"
        );
        assert_eq!(
            answer["error"]["code"], "invalid_input",
            "[{backend}] {answer}"
        );
        let message = answer["error"]["message"].as_str().unwrap();
        assert!(message.starts_with(place), "[{backend}] {message}");
        assert!(message.contains(character), "[{backend}] {message}");
    }
    assert_eq!(
        headlines(&app, &secret).await,
        before,
        "[{backend}] nothing stored"
    );

    let typed = "Two lines\nand\ta tab";
    let (status, created) = call(
        &app,
        &secret,
        Method::POST,
        "/api/v1/admin/articles",
        Some(json!({"edition": "en", "section": "world", "headline": "Weir opens at dawn", "lead": typed})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}] {created}");
    assert_eq!(created["lead"], typed, "[{backend}] kept as typed");
}

async fn newsroom_forms_refuse_control_characters_with_a_page(app: TestApp) {
    let backend = app.backend();
    let (mut browser, csrf, _) = signed_in(&app, "editor@example.org", Role::Editor).await;
    let admin = staff(app.store(), "admin@example.org", Role::Admin, &[]).await;
    let secret = token(app.store(), admin.id(), role_scopes(Role::Admin), None)
        .await
        .1;
    let before = headlines(&app, &secret).await;
    let section = app.newsroom.fixtures.world.id.to_string();
    let response = browser
        .post(
            "/newsroom/articles",
            &[
                ("csrf_token", &csrf),
                ("section_id", &section),
                ("headline", "Weir\u{1}opens"),
            ],
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let page = response.text().await.unwrap();
    assert!(
        page.contains("headline: holds the character U+0001"),
        "[{backend}] {page}"
    );
    assert_eq!(
        headlines(&app, &secret).await,
        before,
        "[{backend}] no draft made"
    );

    let response = browser
        .post(
            "/newsroom/tokens",
            &[("csrf_token", &csrf), ("name", "feed\u{7f}reader")],
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let tokens = browser.get("/newsroom/tokens").await.text().await.unwrap();
    assert!(!tokens.contains("feed"), "[{backend}] no token made");
}

async fn reader_forms_refuse_control_characters_with_a_page(t: AccountApp) {
    let backend = t.app.backend();
    let mut ada = reader(&t, "Ada").await;
    let refused = post(&mut ada, COMMENTS, "Refused\u{0} from the quay").await;
    assert_eq!(refused.status, 422, "[{backend}] {}", refused.body);
    assert!(
        refused.content_type.starts_with("text/html"),
        "[{backend}] {}",
        refused.content_type
    );
    assert!(
        refused.body.contains("This form could not be accepted"),
        "[{backend}] {}",
        refused.body
    );
    let kept = post(&mut ada, COMMENTS, "Kept from the quay,\nwith\ttabs").await;
    assert_eq!(kept.status, 303, "[{backend}] {}", kept.body);
    let page = ada.get(COMMENTS).await;
    assert!(
        page.body.contains("Kept from the quay"),
        "[{backend}] the clean one is shown"
    );
    assert!(
        !page.body.contains("Refused"),
        "[{backend}] the refused one is not"
    );

    let profile = ada.get("/account/?edition=en").await;
    let refused = ada
        .submit(
            &profile,
            "/account/profile",
            &[("display_name", "Ada\u{b}Lovelace")],
        )
        .await;
    assert_eq!(refused.status, 422, "[{backend}] {}", refused.body);
    assert_eq!(
        ada.me().await["display_name"],
        "Ada",
        "[{backend}] the name stays"
    );
}

on_both_backends!(
    crate::test_app::TestApp::on;
    the_admin_api_refuses_control_characters_where_they_are,
    newsroom_forms_refuse_control_characters_with_a_page,
);

on_both_backends!(
    crate::comments::comment_app;
    reader_forms_refuse_control_characters_with_a_page,
);
