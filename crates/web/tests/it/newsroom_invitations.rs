//! Staff invitations on both backends, through a real SMTP conversation:
//! an admin invites by e-mail, the person invited follows the link,
//! chooses a password and is signed in; a link works once, a new one
//! replaces the old, and the Admin API does the same.

use dateline_domain::Role;
use dateline_web::auth::role_scopes;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::account::AccountApp;
use crate::api_admin::{call, token};
use crate::newsroom_articles::signed_in;
use crate::newsroom_auth::{hidden, staff, Browser};
use crate::test_app::BASE_URL;

const NEW_PASSWORD: &str = "lighthouse keeper 42";

/// The path of the invitation link in the mail to `to`.
async fn invitation_path(app: &AccountApp, to: &str) -> String {
    let mail = app.mail(to).await;
    let link = mail
        .link("/newsroom/invitation")
        .expect("a link in the mail");
    link.strip_prefix(BASE_URL).unwrap_or(&link).to_owned()
}

async fn an_invited_colleague_chooses_a_password_and_is_signed_in(a: AccountApp) {
    let app = &a.app;
    let backend = app.backend();
    let (mut admin, csrf, _) = signed_in(app, "chief@example.org", Role::Admin).await;
    let en = app.newsroom.fixtures.en.id.to_string();
    let invited = admin
        .post(
            "/newsroom/users",
            &[
                ("csrf_token", csrf.as_str()),
                ("email", "ola@example.org"),
                ("display_name", "Ola Berg"),
                ("role", "author"),
                ("editions", en.as_str()),
                ("password", ""),
            ],
        )
        .await;
    assert_eq!(invited.status(), StatusCode::SEE_OTHER, "[{backend}]");
    let back = invited.headers()["location"].to_str().unwrap().to_owned();
    let list = admin.get(&back).await.text().await.unwrap();
    assert!(
        list.contains("An invitation was sent to ola@example.org."),
        "[{backend}] {back}"
    );
    assert!(
        list.contains("invitation sent, not accepted yet"),
        "[{backend}]"
    );

    let mail = a.mail("ola@example.org").await;
    assert!(
        mail.text.contains("Hello Ola Berg"),
        "[{backend}] {}",
        mail.text
    );
    assert!(mail.text.contains("chief"), "[{backend}] who invited");
    assert!(mail.text.contains("7 days"), "[{backend}]");
    let link = mail.link("/newsroom/invitation").expect("a link");
    let path = link.strip_prefix(BASE_URL).unwrap_or(&link).to_owned();

    // No password yet: nothing signs in.
    let mut stranger = Browser::of(app);
    let refused = stranger.login("ola@example.org", "").await;
    assert_ne!(refused.status(), StatusCode::SEE_OTHER, "[{backend}]");

    let mut ola = Browser::of(app);
    let form = ola.get(&path).await;
    assert_eq!(form.status(), StatusCode::OK, "[{backend}]");
    let page = form.text().await.unwrap();
    assert!(page.contains("ola@example.org"), "[{backend}]");
    let token = hidden(&page, "token");
    let mut fields = vec![
        ("csrf_token", hidden(&page, "csrf_token")),
        ("token", token.clone()),
        ("password", "short".to_owned()),
        ("confirm", "short".to_owned()),
    ];
    let short = ola.post("/newsroom/invitation", &as_pairs(&fields)).await;
    assert_eq!(
        short.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let page = short.text().await.unwrap();
    assert!(page.contains("at least 10 characters"), "[{backend}]");
    fields[0].1 = hidden(&page, "csrf_token");
    fields[2].1 = NEW_PASSWORD.to_owned();
    fields[3].1 = "something else entirely".to_owned();
    let mismatch = ola.post("/newsroom/invitation", &as_pairs(&fields)).await;
    assert_eq!(
        mismatch.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "[{backend}]"
    );
    let page = mismatch.text().await.unwrap();
    assert!(
        page.contains("The two passwords are not the same."),
        "[{backend}]"
    );

    fields[0].1 = hidden(&page, "csrf_token");
    fields[3].1 = NEW_PASSWORD.to_owned();
    let accepted = ola.post("/newsroom/invitation", &as_pairs(&fields)).await;
    assert_eq!(accepted.status(), StatusCode::SEE_OTHER, "[{backend}]");
    assert_eq!(accepted.headers()["location"], "/newsroom/", "[{backend}]");
    let home = ola.get("/newsroom/").await;
    assert_eq!(home.status(), StatusCode::OK, "[{backend}] signed in");
    assert!(
        home.text().await.unwrap().contains("Ola Berg"),
        "[{backend}]"
    );

    // The link worked once.
    let used = Browser::of(app).get(&path).await;
    assert_eq!(used.status(), StatusCode::GONE, "[{backend}]");
    assert!(
        used.text().await.unwrap().contains("Ask an administrator"),
        "[{backend}]"
    );
    let mut later = Browser::of(app);
    let login = later.login("ola@example.org", NEW_PASSWORD).await;
    assert_eq!(
        login.status(),
        StatusCode::SEE_OTHER,
        "[{backend}] the password works"
    );
    let list = admin.get("/newsroom/users").await.text().await.unwrap();
    assert!(
        !list.contains("invitation sent, not accepted yet"),
        "[{backend}]"
    );
}

fn as_pairs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

async fn a_new_invitation_replaces_the_old_link(a: AccountApp) {
    let app = &a.app;
    let backend = app.backend();
    let (mut admin, csrf, _) = signed_in(app, "chief@example.org", Role::Admin).await;
    let invited = admin
        .post(
            "/newsroom/users",
            &[
                ("csrf_token", csrf.as_str()),
                ("email", "ola@example.org"),
                ("display_name", ""),
                ("role", "contributor"),
                ("password", ""),
            ],
        )
        .await;
    assert_eq!(invited.status(), StatusCode::SEE_OTHER, "[{backend}]");
    let first = invitation_path(&a, "ola@example.org").await;
    let account = app
        .store()
        .account_by_email(&"ola@example.org".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let again = admin
        .post(
            &format!("/newsroom/users/{}/invite", account.id()),
            &[("csrf_token", csrf.as_str())],
        )
        .await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER, "[{backend}]");
    let second = invitation_path(&a, "ola@example.org").await;
    assert_ne!(first, second, "[{backend}] a new link");

    let old = Browser::of(app)
        .request(Method::GET, &first)
        .header("accept-language", "ru")
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), StatusCode::GONE, "[{backend}]");
    assert!(
        old.text()
            .await
            .unwrap()
            .contains("Попросите администратора"),
        "[{backend}] in the reader's language"
    );
    let new = Browser::of(app).get(&second).await;
    assert_eq!(new.status(), StatusCode::OK, "[{backend}]");
}

async fn the_admin_api_invites_too(a: AccountApp) {
    let app = &a.app;
    let backend = app.backend();
    let store = app.store();
    let admin = staff(store, "chief@example.org", Role::Admin, &[]).await;
    let (_, secret) = token(store, admin.id(), role_scopes(Role::Admin), None).await;
    let body = json!({"email": "ola@example.org", "role": "author", "editions": []});
    let (status, created) = call(
        app,
        &secret,
        Method::POST,
        "/api/v1/admin/users",
        Some(body),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "[{backend}] {created}");
    assert_eq!(created["invited"], true);
    assert_eq!(created["invitation_mailed"], true);
    let first = invitation_path(&a, "ola@example.org").await;
    let path = format!("/api/v1/admin/users/{}/invitation", created["id"]);
    let (status, again) = call(app, &secret, Method::POST, &path, None).await;
    assert_eq!(status, StatusCode::OK, "[{backend}] {again}");
    let second = invitation_path(&a, "ola@example.org").await;
    assert_ne!(first, second);

    // Accepted: there is nothing left to send.
    let mut ola = Browser::of(app);
    let page = ola.get(&second).await.text().await.unwrap();
    let accepted = ola
        .post(
            "/newsroom/invitation",
            &[
                ("csrf_token", hidden(&page, "csrf_token").as_str()),
                ("token", hidden(&page, "token").as_str()),
                ("password", NEW_PASSWORD),
                ("confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(accepted.status(), StatusCode::SEE_OTHER, "[{backend}]");
    let (status, refused) = call(app, &secret, Method::POST, &path, None).await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("conflict")),
        "[{backend}] {refused}"
    );
    let (_, user) = call(
        app,
        &secret,
        Method::GET,
        &format!("/api/v1/admin/users/{}", created["id"]),
        None,
    )
    .await;
    assert_eq!(user["invited"], false, "[{backend}]");
}

on_both_backends!(
    crate::account::AccountApp::on;
    an_invited_colleague_chooses_a_password_and_is_signed_in,
    a_new_invitation_replaces_the_old_link,
    the_admin_api_invites_too,
);
