//! Newsroom sign-in on both backends: same answer for unknown accounts and
//! wrong passwords, lockout, cookie flags, CSRF, session rotation, idle
//! expiry, logout (everywhere), per-address rate limiting.

use std::collections::HashMap;
use std::net::SocketAddr;

use dateline_domain::{NewUser, Role};
use dateline_store::testing::TestDb;
use dateline_store::{Account, AuditQuery, NewAudit, NewSession, Store};
use dateline_web::auth::{hash_password_blocking, hash_secret, new_secret};
use dateline_web::{AppState, WebConfig};
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Response, StatusCode};

use crate::test_app::{TestApp, BASE_URL};

pub const PASSWORD: &str = "correct horse battery";
/// The test app's base URL is HTTPS, so cookies are `__Host-` prefixed.
pub const SESSION: &str = "__Host-dateline_session";

/// A staff account with [`PASSWORD`].
pub async fn staff(store: &Store, email: &str, role: Role, editions: &[i64]) -> Account {
    let new = NewUser {
        email: email.parse().unwrap(),
        display_name: format!("{role} {email}"),
        role,
        password_hash: Some(hash_password_blocking(PASSWORD).unwrap()),
    };
    let audit = NewAudit::new("user.create", "user", None, 0);
    store.create_account(&new, editions, &audit).await.unwrap()
}

/// A browser: no redirects followed, cookies kept by hand (the test server
/// is plain HTTP while the cookies are `Secure`).
pub struct Browser {
    client: reqwest::Client,
    base: String,
    pub cookies: HashMap<String, String>,
}

impl Browser {
    pub fn new(base: String) -> Self {
        Self::with_headers(base, reqwest::header::HeaderMap::new())
    }

    /// A browser whose every request carries `headers` (as a proxy in
    /// front of the site adds `X-Forwarded-For`).
    pub fn with_headers(base: String, headers: reqwest::header::HeaderMap) -> Self {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .build()
            .unwrap();
        Self {
            client,
            base,
            cookies: HashMap::new(),
        }
    }

    pub fn of(app: &TestApp) -> Self {
        Self::new(app.url(""))
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep_cookies(&mut self, response: &Response) {
        for value in response.headers().get_all(SET_COOKIE) {
            let text = value.to_str().unwrap();
            let (pair, attributes) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attributes.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    pub async fn get(&mut self, path: &str) -> Response {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .send()
            .await
            .unwrap();
        self.keep_cookies(&response);
        response
    }

    /// A POST of `body` as it is, with `content_type` (multipart forms).
    pub async fn post_body(&mut self, path: &str, content_type: &str, body: Vec<u8>) -> Response {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        self.keep_cookies(&response);
        response
    }

    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Response {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .form(form)
            .send()
            .await
            .unwrap();
        self.keep_cookies(&response);
        response
    }

    /// A request builder carrying this browser's cookies (for JSON calls).
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
    }

    /// Opens the login form and submits it.
    pub async fn login(&mut self, email: &str, password: &str) -> Response {
        let form = self.get("/newsroom/login").await.text().await.unwrap();
        let token = hidden(&form, "csrf_token");
        self.post(
            "/newsroom/login",
            &[
                ("csrf_token", &token),
                ("email", email),
                ("password", password),
                ("next", "/newsroom/"),
            ],
        )
        .await
    }

    /// The CSRF token of the signed-in session, read from a page's form.
    pub async fn csrf(&mut self) -> String {
        let page = self.get("/newsroom/").await.text().await.unwrap();
        hidden(&page, "csrf_token")
    }
}

/// The value of the first hidden input named `name`.
pub fn hidden(html: &str, name: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(&format!("input[name=\"{name}\"]")).unwrap();
    doc.select(&selector)
        .next()
        .and_then(|e| e.value().attr("value"))
        .unwrap_or_else(|| panic!("no {name} field in {html}"))
        .to_owned()
}

fn location(response: &Response) -> &str {
    response
        .headers()
        .get(LOCATION)
        .map_or("", |v| v.to_str().unwrap())
}

fn set_cookie(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with(&format!("{name}=")))
}

async fn actions(store: &Store, user_id: i64) -> Vec<String> {
    let query = AuditQuery {
        item_id: Some(user_id),
        item_type: Some("user".into()),
        limit: 50,
        ..AuditQuery::default()
    };
    let mut all: Vec<String> = store
        .audit_log(&query)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|e| e.action)
        .collect();
    let sessions = AuditQuery {
        actor_user_id: Some(user_id),
        item_type: Some("session".into()),
        limit: 50,
        ..AuditQuery::default()
    };
    all.extend(
        store
            .audit_log(&sessions)
            .await
            .unwrap()
            .items
            .into_iter()
            .map(|e| e.action),
    );
    all
}

async fn login_with_right_and_wrong_password(app: TestApp) {
    let me = staff(app.store(), "desk@example.org", Role::Editor, &[]).await;
    let mut browser = Browser::of(&app);
    let wrong = browser.login("desk@example.org", "not the password").await;
    assert_eq!(
        wrong.status(),
        StatusCode::UNAUTHORIZED,
        "[{}]",
        app.backend()
    );
    assert!(set_cookie(&wrong, SESSION).is_none());
    let wrong_text = wrong.text().await.unwrap();
    let unknown = browser.login("nobody@example.org", PASSWORD).await;
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    let unknown_text = unknown.text().await.unwrap();
    let message = |html: &str| {
        let doc = scraper::Html::parse_document(html);
        let sel = scraper::Selector::parse("[role=alert]").unwrap();
        doc.select(&sel)
            .next()
            .unwrap()
            .text()
            .collect::<String>()
            .trim()
            .to_owned()
    };
    assert_eq!(message(&wrong_text), "Wrong e-mail address or password.");
    assert_eq!(
        message(&unknown_text),
        message(&wrong_text),
        "no account enumeration"
    );

    let ok = browser.login("DESK@example.org", PASSWORD).await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&ok), "/newsroom/");
    let cookie = set_cookie(&ok, SESSION).expect("a session cookie");
    for flag in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(cookie.contains(flag), "{flag} missing: {cookie}");
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    let home = browser.get("/newsroom/").await;
    assert_eq!(home.status(), StatusCode::OK);
    assert_eq!(home.headers()["cache-control"], "no-store");
    assert!(home.text().await.unwrap().contains("desk@example.org"));
    let log = actions(app.store(), me.id()).await;
    assert!(
        log.contains(&"session.login_failed".to_owned())
            && log.contains(&"session.login".to_owned()),
        "{log:?}"
    );
}

async fn five_failures_lock_the_account_and_unknown_addresses_alike(app: TestApp) {
    let me = staff(app.store(), "lock@example.org", Role::Author, &[]).await;
    let mut browser = Browser::of(&app);
    for _ in 0..5 {
        let r = browser.login("lock@example.org", "wrong password!").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        browser.login("ghost@example.org", "wrong password!").await;
    }
    for email in ["lock@example.org", "ghost@example.org"] {
        let r = browser.login(email, PASSWORD).await;
        assert_eq!(
            r.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "[{}] {email}",
            app.backend()
        );
        let wait: i64 = r.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=900).contains(&wait), "{wait}");
        assert!(
            set_cookie(&r, SESSION).is_none(),
            "locked even with the right password"
        );
        assert!(r
            .text()
            .await
            .unwrap()
            .contains("Too many failed logins for this account"));
    }
    assert!(actions(app.store(), me.id())
        .await
        .contains(&"session.locked".to_owned()));
    assert!(app
        .store()
        .account_by_id(me.id())
        .await
        .unwrap()
        .unwrap()
        .locked_until
        .is_some());
}

async fn the_login_form_needs_its_own_token(app: TestApp) {
    staff(app.store(), "f@example.org", Role::Editor, &[]).await;
    let mut browser = Browser::of(&app);
    let r = browser
        .post(
            "/newsroom/login",
            &[("email", "f@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(set_cookie(&r, SESSION).is_none());
    browser.get("/newsroom/login").await;
    let r = browser
        .post(
            "/newsroom/login",
            &[
                ("csrf_token", "forged"),
                ("email", "f@example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("This form has expired"));
}

async fn forms_without_the_session_token_change_nothing(app: TestApp) {
    staff(app.store(), "admin@example.org", Role::Admin, &[]).await;
    let mut browser = Browser::of(&app);
    browser.login("admin@example.org", PASSWORD).await;
    let form = [
        ("email", "new@example.org"),
        ("role", "author"),
        ("password", "a long password"),
    ];
    let missing = browser.post("/newsroom/users", &form).await;
    assert_eq!(
        missing.status(),
        StatusCode::FORBIDDEN,
        "[{}]",
        app.backend()
    );
    assert!(missing
        .text()
        .await
        .unwrap()
        .contains("This form has expired"));
    let forged = [("csrf_token", "AAAA"), form[0], form[1], form[2]];
    assert_eq!(
        browser.post("/newsroom/users", &forged).await.status(),
        StatusCode::FORBIDDEN
    );
    let new: dateline_domain::EmailAddress = "new@example.org".parse().unwrap();
    assert!(
        app.store().account_by_email(&new).await.unwrap().is_none(),
        "nothing saved"
    );

    let token = browser.csrf().await;
    let good = [("csrf_token", token.as_str()), form[0], form[1], form[2]];
    let r = browser.post("/newsroom/users", &good).await;
    assert_eq!(
        (r.status(), location(&r)),
        (StatusCode::SEE_OTHER, "/newsroom/users")
    );
    let created = app.store().account_by_email(&new).await.unwrap().unwrap();
    assert_eq!(created.role(), Role::Author);
    assert!(actions(app.store(), created.id())
        .await
        .contains(&"user.create".to_owned()));
}

async fn login_rotates_the_session_and_logout_ends_it(app: TestApp) {
    staff(app.store(), "r@example.org", Role::Editor, &[]).await;
    let mut browser = Browser::of(&app);
    browser.login("r@example.org", PASSWORD).await;
    let first = browser.cookies[SESSION].clone();
    browser.login("r@example.org", PASSWORD).await;
    let second = browser.cookies[SESSION].clone();
    assert_ne!(first, second, "a new session at every login");
    let mut old = Browser::of(&app);
    old.cookies.insert(SESSION.into(), first);
    let r = old.get("/newsroom/sessions").await;
    assert_eq!(
        (r.status(), location(&r)),
        (
            StatusCode::SEE_OTHER,
            "/newsroom/login?next=%2Fnewsroom%2Fsessions"
        )
    );

    let token = browser.csrf().await;
    let r = browser
        .post("/newsroom/logout", &[("csrf_token", &token)])
        .await;
    assert_eq!(location(&r), "/newsroom/login");
    assert!(
        !browser.cookies.contains_key(SESSION),
        "the cookie is removed"
    );
    let mut replay = Browser::of(&app);
    replay.cookies.insert(SESSION.into(), second);
    assert_eq!(
        replay.get("/newsroom/").await.status(),
        StatusCode::SEE_OTHER,
        "the session ended on the server"
    );
}

async fn logout_everywhere_ends_every_session(app: TestApp) {
    let me = staff(app.store(), "e@example.org", Role::Author, &[]).await;
    let (mut laptop, mut phone) = (Browser::of(&app), Browser::of(&app));
    laptop.login("e@example.org", PASSWORD).await;
    phone.login("e@example.org", PASSWORD).await;
    let page = laptop.get("/newsroom/sessions").await.text().await.unwrap();
    assert_eq!(
        page.matches("<tr").count(),
        3,
        "two sessions listed: {page}"
    );
    let token = laptop.csrf().await;
    let r = laptop
        .post(
            "/newsroom/sessions/logout-everywhere",
            &[("csrf_token", &token)],
        )
        .await;
    assert_eq!(location(&r), "/newsroom/login");
    for browser in [&mut laptop, &mut phone] {
        assert_eq!(
            browser.get("/newsroom/").await.status(),
            StatusCode::SEE_OTHER
        );
    }
    assert!(actions(app.store(), me.id())
        .await
        .contains(&"session.logout_everywhere".to_owned()));
}

async fn staff_change_their_own_password(app: TestApp) {
    let me = staff(app.store(), "p@example.org", Role::Author, &[]).await;
    let (mut laptop, mut phone) = (Browser::of(&app), Browser::of(&app));
    laptop.login("p@example.org", PASSWORD).await;
    phone.login("p@example.org", PASSWORD).await;
    let page = laptop.get("/newsroom/sessions").await.text().await.unwrap();
    assert!(page.contains("Change your password"), "{page}");
    let token = laptop.csrf().await;
    let change = |current: &'static str, new: &'static str, again: &'static str| {
        [
            ("csrf_token", token.clone()),
            ("current_password", current.to_owned()),
            ("new_password", new.to_owned()),
            ("confirm_password", again.to_owned()),
        ]
    };
    let send = |form: [(&'static str, String); 4]| {
        let form: Vec<(&str, String)> = form.into_iter().collect();
        laptop
            .request(reqwest::Method::POST, "/newsroom/sessions/password")
            .header("accept-language", "ru")
            .form(&form)
            .send()
    };
    // Refusals keep the session and say why, in the browser's language.
    let cases = [
        (
            change(
                "wrong password!",
                "a brand new secret",
                "a brand new secret",
            ),
            "Текущий пароль введён неверно",
        ),
        (
            change(PASSWORD, "a brand new secret", "another new secret"),
            "Новые пароли не совпадают",
        ),
        (change(PASSWORD, "short", "short"), "слишком короткий"),
    ];
    for (form, reason) in cases {
        let r = send(form).await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        assert!(body.contains(reason), "{reason}: {body}");
    }
    assert_eq!(phone.get("/newsroom/").await.status(), StatusCode::OK);

    let r = send(change(PASSWORD, "a brand new secret", "a brand new secret"))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers()[reqwest::header::LOCATION],
        "/newsroom/login?changed=password"
    );
    let notice = laptop
        .get("/newsroom/login?changed=password")
        .await
        .text()
        .await
        .unwrap();
    assert!(notice.contains("Your password was changed"), "{notice}");
    // Every session ended; only the new password opens the newsroom.
    assert_eq!(
        phone.get("/newsroom/").await.status(),
        StatusCode::SEE_OTHER
    );
    let old = laptop.login("p@example.org", PASSWORD).await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
    let new = laptop.login("p@example.org", "a brand new secret").await;
    assert_eq!(location(&new), "/newsroom/");
    assert!(actions(app.store(), me.id())
        .await
        .contains(&"user.password_changed".to_owned()));
}

async fn idle_sessions_end_and_pages_need_the_right_role(app: TestApp) {
    let me = staff(app.store(), "i@example.org", Role::Editor, &[]).await;
    let secret = new_secret();
    let now = dateline_web::auth::now();
    let long_ago = now - 9 * 3600;
    let session = NewSession {
        token_hash: hash_secret(&secret),
        user_id: me.id(),
        created_at: long_ago,
        expires_at: now + 86_400,
        user_agent: String::new(),
        ip: String::new(),
    };
    app.store()
        .start_session(
            &session,
            None,
            &NewAudit::new("session.login", "session", None, long_ago),
        )
        .await
        .unwrap();
    let mut browser = Browser::of(&app);
    browser.cookies.insert(SESSION.into(), secret);
    let r = browser.get("/newsroom/").await;
    assert_eq!(
        (r.status(), location(&r)),
        (StatusCode::SEE_OTHER, "/newsroom/login?next=%2Fnewsroom%2F"),
        "idle for 9 h"
    );

    browser.login("i@example.org", PASSWORD).await;
    for page in ["/newsroom/users", "/newsroom/audit"] {
        let r = browser.get(page).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{page}");
        assert!(r
            .text()
            .await
            .unwrap()
            .contains("You are not allowed to do this"));
    }
    let login = browser.get("/newsroom/login").await;
    assert_eq!(login.headers()["cache-control"], "no-store");
    assert_eq!(login.headers()["x-frame-options"], "DENY");
}

async fn tokens_are_shown_once(app: TestApp) {
    staff(app.store(), "t@example.org", Role::Author, &[]).await;
    let mut browser = Browser::of(&app);
    browser.login("t@example.org", PASSWORD).await;
    let token = browser.csrf().await;
    let r = browser
        .post(
            "/newsroom/tokens",
            &[
                ("csrf_token", &token),
                ("name", "ci"),
                ("scopes", "articles:read"),
                ("expires_in_days", "30"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let page = r.text().await.unwrap();
    let doc = scraper::Html::parse_document(&page);
    let secret: String = doc
        .select(&scraper::Selector::parse("#new-token").unwrap())
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(secret.starts_with("dl_"), "{secret}");
    let list = browser.get("/newsroom/tokens").await.text().await.unwrap();
    assert!(!list.contains(&secret) && list.contains("articles:read"));
    // An author cannot grant what it does not hold.
    let r = browser
        .post(
            "/newsroom/tokens",
            &[
                ("csrf_token", &token),
                ("name", "x"),
                ("scopes", "users:admin"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

/// Per-address limits need the client address: a server with connection info.
async fn one_address_is_locked_out_after_thirty_failures(db: TestDb) {
    crate::newsroom::seed(db.store()).await;
    let data_dir = crate::test_app::fresh_data_dir();
    let config = WebConfig {
        base_url: BASE_URL.into(),
        data_dir: data_dir.path().to_owned(),
        theme_dir: None,
        cache: dateline_web::CacheConfig::default(),
    };
    let app = dateline_web::router(AppState::new(db.store().clone(), config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    let mut browser = Browser::new(format!("http://{addr}"));
    for n in 0..30 {
        let r = browser
            .login(&format!("guess{n}@example.org"), "password guess")
            .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "attempt {n}");
    }
    let r = browser
        .login("guess-last@example.org", "password guess")
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    assert!(r.text().await.unwrap().contains("from your network"));
    server.abort();
}

on_both_backends!(
    crate::test_app::TestApp::on;
    login_with_right_and_wrong_password,
    five_failures_lock_the_account_and_unknown_addresses_alike,
    the_login_form_needs_its_own_token,
    forms_without_the_session_token_change_nothing,
    login_rotates_the_session_and_logout_ends_it,
    logout_everywhere_ends_every_session,
    staff_change_their_own_password,
    idle_sessions_end_and_pages_need_the_right_role,
    tokens_are_shown_once,
);

on_both_backends!(
    std::future::ready;
    one_address_is_locked_out_after_thirty_failures,
);
