//! Reader accounts under attack and in other languages: no account
//! enumeration, CSRF, lockout, limited code guesses, failed mail, the
//! extractor's redirect, the personal fragment's caching, Russian mail.

use std::time::Duration;

use dateline_store::testing::TestDb;
use dateline_web::mail::MailConfig;

use crate::account::{AccountApp, Browser, Page, ARTICLE, PASSWORD};
use crate::test_app::TestApp;

/// The body with the typed address replaced, to compare two answers.
fn masked(page: &Page, email: &str) -> String {
    page.body.replace(email, "EMAIL")
}

async fn known_and_unknown_addresses_get_the_same_answers(t: AccountApp) {
    let mut owner = t.browser();
    t.register(&mut owner, "known@example.org", PASSWORD).await;
    let mut browser = t.browser();
    for (i, (path, action, extra)) in [
        (
            "/account/register?edition=en",
            "/account/register",
            vec![("display_name", "Mallory"), ("password", "")],
        ),
        ("/account/forgot?edition=en", "/account/forgot", vec![]),
        ("/account/sign-in?edition=en", "/account/sign-in", vec![]),
        (
            "/account/login?edition=en",
            "/account/login",
            vec![("password", "wrong password!")],
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let unknown = format!("nobody{i}@example.org");
        let mut answers = Vec::new();
        for email in ["known@example.org", unknown.as_str()] {
            let form = browser.get(path).await;
            let mut values = extra.clone();
            values.push(("email", email));
            let page = browser.submit(&form, action, &values).await;
            answers.push((page.status, masked(&page, email)));
        }
        assert_eq!(
            answers[0], answers[1],
            "{action} tells known from unknown addresses"
        );
    }
    // Registering a known address mails its owner instead; the forgot
    // and sign-in requests mail it too. Mail goes out in the background,
    // so the three may arrive in any order.
    let mut to_owner = Vec::new();
    for _ in 0..3 {
        to_owner.push(t.mail("known@example.org").await);
    }
    to_owner.sort_by(|a, b| a.subject.cmp(&b.subject));
    let subjects: Vec<&str> = to_owner.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(subjects[0], "Choose a new password", "{subjects:?}");
    assert_eq!(subjects[1], "You already have an account", "{subjects:?}");
    assert!(subjects[2].starts_with("Your sign-in code"), "{subjects:?}");
    assert!(to_owner[1].link("/account/forgot").is_some());
    // A new address gets its verification mail; forgot and sign-in
    // requests for addresses without an account send nothing.
    let mail = t.mail("nobody0@example.org").await;
    assert_eq!(mail.subject, "Confirm your address");
    for unknown in ["nobody1@example.org", "nobody2@example.org"] {
        assert!(t
            .sink
            .try_wait_for(unknown, Duration::from_millis(500))
            .await
            .is_none());
    }
}

async fn forged_forms_are_refused(t: AccountApp) {
    let mut browser = t.browser();
    // No double-submit cookie: a cross-site login attempt.
    let fields = vec![
        ("email".to_owned(), "x@example.org".to_owned()),
        ("password".to_owned(), PASSWORD.to_owned()),
        ("csrf_token".to_owned(), "forged".to_owned()),
    ];
    let page = browser.post("/account/login", &fields).await;
    assert_eq!(page.status, 403);
    assert!(page.text(".account-alert").contains("expired"));
    assert_eq!(
        page.form("/account/login")
            .1
            .iter()
            .find(|(n, _)| n == "email")
            .unwrap()
            .1,
        "x@example.org",
        "the typed address is kept"
    );

    t.register(&mut browser, "fay@example.org", PASSWORD).await;
    let profile = browser.get("/account/?edition=en").await;
    let (action, mut fields) = profile.form("/account/profile");
    for field in &mut fields {
        match field.0.as_str() {
            "csrf_token" => field.1 = "forged".into(),
            "display_name" => field.1 = "Hacked".into(),
            _ => {}
        }
    }
    let refused = browser.post(&action, &fields).await;
    assert_eq!(refused.status, 403);
    assert_eq!(browser.me().await["display_name"], "Ann");
    // With the right token the save works.
    let saved = browser
        .submit(&profile, "/account/profile", &[("display_name", "Fay")])
        .await;
    assert_eq!(saved.status, 303);
    assert_eq!(browser.me().await["display_name"], "Fay");
    // Logging out needs the token too.
    let (action, _) = profile.form("/account/logout?");
    assert_eq!(browser.post(&action, &[]).await.status, 403);
    assert_eq!(browser.me().await["signed_in"], true);
}

async fn wrong_passwords_lock_the_account(t: AccountApp) {
    let mut browser = t.browser();
    t.register(&mut browser, "gus@example.org", PASSWORD).await;
    let mut attacker = t.browser();
    let mut page = attacker.get("/account/login?edition=en").await;
    for _ in 0..4 {
        page = attacker
            .submit(
                &page,
                "/account/login",
                &[("email", "gus@example.org"), ("password", "guess guess")],
            )
            .await;
        assert_eq!(page.status, 401);
        assert!(page
            .text(".account-alert")
            .contains("Wrong e-mail address or password"));
    }
    page = attacker
        .submit(
            &page,
            "/account/login",
            &[("email", "gus@example.org"), ("password", "guess guess")],
        )
        .await;
    assert_eq!(page.status, 429);
    assert!(
        page.text(".account-alert").contains("15 minutes"),
        "{}",
        page.text(".account-alert")
    );
    // Even the right password waits now.
    let locked = attacker
        .submit(
            &page,
            "/account/login",
            &[("email", "gus@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(locked.status, 429);
    assert_eq!(attacker.me().await["signed_in"], false);
    // Unknown addresses lock alike.
    let mut page = attacker.get("/account/login?edition=en").await;
    for _ in 0..5 {
        page = attacker
            .submit(
                &page,
                "/account/login",
                &[("email", "ghost@example.org"), ("password", "guess guess")],
            )
            .await;
    }
    assert_eq!(page.status, 429);
}

async fn a_sign_in_code_dies_after_five_wrong_guesses(t: AccountApp) {
    let mut owner = t.browser();
    t.register(&mut owner, "hal@example.org", "").await;
    let mut browser = t.browser();
    let form = browser.get("/account/sign-in?edition=en").await;
    let mut page = browser
        .submit(&form, "/account/sign-in", &[("email", "hal@example.org")])
        .await;
    let mail = t.mail("hal@example.org").await;
    let code = mail.subject.rsplit(' ').next().unwrap().to_owned();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        page = browser
            .submit(&page, "/account/sign-in/code", &[("code", wrong)])
            .await;
        assert_eq!(page.status, 401);
        assert!(page
            .text(".account-alert")
            .contains("wrong or no longer valid"));
    }
    page = browser
        .submit(&page, "/account/sign-in/code", &[("code", &code)])
        .await;
    assert_eq!(page.status, 401, "the right code no longer works");
    assert_eq!(browser.me().await["signed_in"], false);
}

#[tokio::test]
async fn a_failed_mail_is_reported_and_the_form_kept() {
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let mail = MailConfig {
        smtp_url: Some(format!("smtp://127.0.0.1:{port}")),
        from: None,
    };
    let app = TestApp::on_with(TestDb::sqlite().await, |s| s.with_mail(&mail).unwrap()).await;
    let mut browser = Browser::new(&app);
    let form = browser.get("/account/register?edition=en").await;
    let page = browser
        .submit(
            &form,
            "/account/register",
            &[
                ("email", "ivy@example.org"),
                ("display_name", "Ivy"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, 503);
    assert!(page
        .text(".account-alert")
        .contains("could not send the mail"));
    let (_, fields) = page.form("/account/register");
    let value = |name: &str| fields.iter().find(|(n, _)| n == name).unwrap().1.clone();
    assert_eq!(
        (value("email"), value("display_name"), value("password")),
        ("ivy@example.org".into(), "Ivy".into(), String::new())
    );
}

#[tokio::test]
async fn signed_out_readers_are_sent_to_the_login_page() {
    let t = AccountApp::on(TestDb::sqlite().await).await;
    let mut browser = t.browser();
    let page = browser.get("/account/?edition=en").await;
    assert_eq!(page.status, 303);
    assert_eq!(
        page.location.as_deref(),
        Some("/account/login?return=%2Faccount%2F%3Fedition%3Den")
    );
    let me = browser.get("/account/me").await;
    assert_eq!(me.status, 200);
    assert_eq!(me.cache_control, "private, no-store");
    assert!(me.content_type.starts_with("application/json"));
    let login = browser
        .get(&format!("/account/login?return={ARTICLE}"))
        .await;
    assert_eq!(login.cache_control, "no-store");
    // Only paths of this site are kept as return addresses.
    let evil = browser
        .get("/account/login?edition=en&return=//evil.example/")
        .await;
    assert!(!evil.body.contains("evil.example"));
}

async fn russian_readers_get_russian_pages_and_mail(t: AccountApp) {
    let mut browser = t.browser();
    let form = browser.get("/account/register?return=/ru/").await;
    assert!(
        form.text("h1").contains("Регистрация"),
        "{}",
        form.text("h1")
    );
    let sent = browser
        .submit(
            &form,
            "/account/register",
            &[
                ("email", "ivan@example.org"),
                ("display_name", "Иван"),
                ("password", ""),
            ],
        )
        .await;
    assert!(sent.text("h1").contains("Проверьте почту"));
    let mail = t.mail("ivan@example.org").await;
    assert_eq!(mail.subject, "Подтвердите адрес");
    assert!(mail.text.contains("Здравствуйте, Иван!"), "{}", mail.text);
    assert!(
        mail.text.contains("Ссылка действует 7 дней."),
        "{}",
        mail.text
    );
    assert!(mail.html.contains("Подтвердить адрес"));
    // An error in Russian, with plural forms.
    let login = browser.get("/account/login?edition=ru").await;
    let refused = browser
        .submit(
            &login,
            "/account/login",
            &[("email", "ivan@example.org"), ("password", "nope nope")],
        )
        .await;
    assert!(refused.text(".account-alert").contains("Неверный адрес"));
}

on_both_backends!(
    crate::account::AccountApp::on;
    known_and_unknown_addresses_get_the_same_answers,
    forged_forms_are_refused,
    wrong_passwords_lock_the_account,
    a_sign_in_code_dies_after_five_wrong_guesses,
    russian_readers_get_russian_pages_and_mail,
);
