//! Reader accounts end to end, through the real router, a real database
//! and a real SMTP conversation: register → mail → verify, password login,
//! passwordless link and code, reset, change of address, export, delete.

use std::collections::HashMap;
use std::time::Duration;

use dateline_store::testing::TestDb;
use dateline_web::mail::MailConfig;
use reqwest::header::{ACCEPT, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use scraper::{Html, Selector};
use serde_json::Value;

use crate::smtp_sink::{ReceivedMail, SmtpSink};
use crate::test_app::{TestApp, BASE_URL};

pub const WAIT: Duration = Duration::from_secs(10);
pub const ARTICLE: &str = "/en/world/bridge-reopens";
pub const PASSWORD: &str = "correct horse battery";

/// The app with its mail going to an SMTP sink.
pub struct AccountApp {
    pub app: TestApp,
    pub sink: SmtpSink,
}

impl AccountApp {
    pub async fn on(db: TestDb) -> AccountApp {
        let sink = SmtpSink::start().await;
        let mail = MailConfig {
            smtp_url: Some(sink.url()),
            from: Some("Dateline <news@news.example>".into()),
        };
        let app = TestApp::on_with(db, |state| state.with_mail(&mail).unwrap()).await;
        AccountApp { app, sink }
    }

    pub fn browser(&self) -> Browser {
        Browser::new(&self.app)
    }

    pub async fn mail(&self, to: &str) -> ReceivedMail {
        self.sink.wait_for(to, WAIT).await
    }

    /// Registers `email` from the article page and follows the mailed link:
    /// the browser ends signed in.
    pub async fn register(&self, browser: &mut Browser, email: &str, password: &str) {
        let form = browser
            .get(&format!("/account/register?edition=en&return={ARTICLE}"))
            .await;
        let sent = browser
            .submit(
                &form,
                "/account/register",
                &[
                    ("email", email),
                    ("display_name", "Ann"),
                    ("password", password),
                ],
            )
            .await;
        assert_eq!(sent.status, 200, "{}", sent.body);
        let mail = self.mail(email).await;
        assert!(mail.raw.contains("multipart/alternative"), "{}", mail.raw);
        assert!(mail.html.contains("/account/verify"), "{}", mail.html);
        let link = mail.link("/account/verify").expect("a verification link");
        let confirm = browser.get(&path_of(&link)).await;
        let done = browser.submit(&confirm, "/account/verify", &[]).await;
        assert_eq!(done.status, 303, "{}", done.body);
        assert_eq!(done.location.as_deref(), Some(ARTICLE));
    }
}

/// The path and query of a link to the site.
pub fn path_of(link: &str) -> String {
    link.strip_prefix(BASE_URL)
        .unwrap_or(link)
        .replace("&amp;", "&")
}

/// An answer, with what tests look at.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub content_type: String,
    pub cache_control: String,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    /// A header's value, if it came.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    }

    /// The fields of the first form whose action starts with `action`:
    /// (action, name → value of every input).
    pub fn form(&self, action: &str) -> (String, Vec<(String, String)>) {
        let doc = Html::parse_document(&self.body);
        let forms = Selector::parse("form").unwrap();
        let inputs = Selector::parse("input").unwrap();
        let form = doc
            .select(&forms)
            .find(|f| {
                f.value()
                    .attr("action")
                    .is_some_and(|a| a.starts_with(action))
            })
            .unwrap_or_else(|| panic!("no form posting to {action} in {}", self.body));
        let fields = form
            .select(&inputs)
            .filter_map(|i| {
                let name = i.value().attr("name")?;
                Some((
                    name.to_owned(),
                    i.value().attr("value").unwrap_or("").to_owned(),
                ))
            })
            .collect();
        (form.value().attr("action").unwrap().to_owned(), fields)
    }

    /// The text of the elements matching `selector`, joined.
    pub fn text(&self, selector: &str) -> String {
        let doc = Html::parse_document(&self.body);
        let sel = Selector::parse(selector).unwrap();
        doc.select(&sel)
            .map(|e| e.text().collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// What browsers ask for when they load a page or send a form.
const BROWSER_ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// A browser: keeps cookies, never follows redirects.
pub struct Browser {
    client: reqwest::Client,
    base: String,
    pub cookies: HashMap<String, String>,
}

impl Browser {
    pub fn new(app: &TestApp) -> Browser {
        Browser {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            base: app.url(""),
            cookies: HashMap::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn read(&mut self, response: reqwest::Response) -> Page {
        for value in response.headers().get_all(SET_COOKIE) {
            let text = value.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() || text.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        let header = |name| {
            response
                .headers()
                .get(name)
                .map(|v: &reqwest::header::HeaderValue| v.to_str().unwrap().to_owned())
        };
        let location = header(LOCATION);
        let content_type = header(CONTENT_TYPE).unwrap_or_default();
        let cache_control = header(reqwest::header::CACHE_CONTROL).unwrap_or_default();
        Page {
            status: response.status().as_u16(),
            location,
            content_type,
            cache_control,
            headers: response.headers().clone(),
            body: response.text().await.unwrap(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .header(ACCEPT, BROWSER_ACCEPT)
            .send()
            .await
            .unwrap();
        self.read(response).await
    }

    pub async fn post(&mut self, path: &str, fields: &[(String, String)]) -> Page {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .header(ACCEPT, BROWSER_ACCEPT)
            .form(fields)
            .send()
            .await
            .unwrap();
        self.read(response).await
    }

    /// Submits the form of `page` posting to `action`, with its hidden
    /// fields and `values` filled in.
    pub async fn submit(&mut self, page: &Page, action: &str, values: &[(&str, &str)]) -> Page {
        let (target, mut fields) = page.form(action);
        for (name, value) in values {
            match fields.iter_mut().find(|(n, _)| n == name) {
                Some(field) => field.1 = (*value).to_owned(),
                None => fields.push(((*name).to_owned(), (*value).to_owned())),
            }
        }
        self.post(&target, &fields).await
    }

    pub async fn me(&mut self) -> Value {
        self.get("/account/me").await.json()
    }
}

async fn register_verify_log_out_and_log_in(t: AccountApp) {
    let mut browser = t.browser();
    // The article's prompt leads to the registration form.
    let article = browser.get(ARTICLE).await;
    assert!(
        article
            .body
            .contains("/account/register?edition=en&amp;return=/en/world/bridge-reopens"),
        "{}",
        article.body
    );
    let me = browser.me().await;
    assert_eq!(me["signed_in"], false);

    t.register(&mut browser, "Ann@Example.org", PASSWORD).await;
    // Scripts learn from this cookie that someone signed in here.
    assert_eq!(
        browser
            .cookies
            .get("dateline_signed_in")
            .map(String::as_str),
        Some("1")
    );
    // The story the reader comes back to says the address is confirmed.
    let notice = |b: &Browser| b.cookies.get("dateline_notice").cloned();
    assert_eq!(notice(&browser).as_deref(), Some("verified"));
    let me = browser.me().await;
    assert_eq!(
        (
            me["signed_in"].clone(),
            me["verified"].clone(),
            me["display_name"].clone()
        ),
        (true.into(), true.into(), "Ann".into())
    );
    assert!(me["csrf"].as_str().is_some_and(|c| c.len() > 20));
    let reader = t
        .app
        .store()
        .reader_by_email(&"ann@example.org".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(reader.is_verified());

    // Log out from the profile page, then log in with the password.
    let profile = browser.get("/account/?edition=en").await;
    assert_eq!(profile.status, 200);
    assert!(profile.text("h1").contains("Your account"));
    let out = browser.submit(&profile, "/account/logout?", &[]).await;
    assert_eq!(out.status, 303);
    assert_eq!(browser.me().await["signed_in"], false);
    assert!(!browser.cookies.contains_key("dateline_signed_in"));
    assert_eq!(notice(&browser).as_deref(), Some("signed-out"));
    let login = browser
        .get(&format!("/account/login?edition=en&return={ARTICLE}"))
        .await;
    let done = browser
        .submit(
            &login,
            "/account/login",
            &[("email", "ann@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        (done.status, done.location.as_deref()),
        (303, Some(ARTICLE)),
        "{}",
        done.body
    );
    assert_eq!(notice(&browser).as_deref(), Some("signed-in"));
    assert_eq!(browser.me().await["signed_in"], true);
    // The session cookie is the reader's own (HTTPS site: `__Host-`),
    // never the staff one.
    assert!(browser.cookies.contains_key("__Host-dateline_reader"));
    assert!(!browser.cookies.contains_key("__Host-dateline_session"));

    // Log out everywhere ends the other browser's session too.
    let mut other = t.browser();
    let login = other.get("/account/login?edition=en").await;
    other
        .submit(
            &login,
            "/account/login",
            &[("email", "ann@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(other.me().await["signed_in"], true);
    let profile = browser.get("/account/?edition=en").await;
    let out = browser
        .submit(&profile, "/account/logout-everywhere", &[])
        .await;
    assert_eq!(out.status, 303);
    assert_eq!(browser.me().await["signed_in"], false);
    assert_eq!(other.me().await["signed_in"], false);
}

async fn profile_changes_name_language_and_password(t: AccountApp) {
    let mut browser = t.browser();
    t.register(&mut browser, "jo@example.org", PASSWORD).await;
    let mut other = t.browser();
    let login = other.get("/account/login?edition=en").await;
    other
        .submit(
            &login,
            "/account/login",
            &[("email", "jo@example.org"), ("password", PASSWORD)],
        )
        .await;

    let profile = browser.get("/account/?edition=en").await;
    let too_long = "x".repeat(61);
    let refused = browser
        .submit(&profile, "/account/profile", &[("display_name", &too_long)])
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused
        .text(".account-alert")
        .contains("1 to 60 characters"));
    assert!(refused.body.contains(&too_long), "the typed name is kept");
    let saved = browser
        .submit(
            &profile,
            "/account/profile",
            &[("display_name", "Jo"), ("language", "ru")],
        )
        .await;
    assert_eq!(saved.status, 303);
    let page = browser.get(saved.location.as_deref().unwrap()).await;
    assert!(page.text(".account-notice").contains("saved"));
    let reader = t
        .app
        .store()
        .reader_by_email(&"jo@example.org".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (reader.display_name.as_str(), reader.language.as_str()),
        ("Jo", "ru")
    );

    let wrong = browser
        .submit(
            &page,
            "/account/password",
            &[
                ("current_password", "not it at all"),
                ("new_password", "another long password"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.text(".account-alert").contains("password is wrong"));
    let changed = browser
        .submit(
            &page,
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "another long password"),
            ],
        )
        .await;
    assert_eq!(changed.status, 303);
    assert_eq!(
        browser.me().await["signed_in"],
        true,
        "this browser stays signed in"
    );
    assert_eq!(
        other.me().await["signed_in"],
        false,
        "other browsers are signed out"
    );
    // Mail now comes in Russian.
    let form = other.get("/account/forgot?edition=en").await;
    other
        .submit(&form, "/account/forgot", &[("email", "jo@example.org")])
        .await;
    assert_eq!(
        t.mail("jo@example.org").await.subject,
        "Выберите новый пароль"
    );
}

async fn sign_in_by_mailed_code_and_by_link(t: AccountApp) {
    let mut first = t.browser();
    t.register(&mut first, "bob@example.org", "").await;

    // By code, in another browser.
    let mut browser = t.browser();
    let form = browser.get("/account/sign-in?edition=en").await;
    let code_page = browser
        .submit(&form, "/account/sign-in", &[("email", "bob@example.org")])
        .await;
    assert_eq!(code_page.status, 200);
    assert!(code_page
        .text(".account-notice")
        .contains("bob@example.org"));
    let mail = t.mail("bob@example.org").await;
    assert!(
        mail.subject.starts_with("Your sign-in code: "),
        "{}",
        mail.subject
    );
    let code = mail.subject.rsplit(' ').next().unwrap().to_owned();
    assert_eq!(code.len(), 6);
    assert!(mail.text.contains(&code) && mail.html.contains(&code));
    let link = mail.link("/account/sign-in/link").expect("a sign-in link");
    let done = browser
        .submit(&code_page, "/account/sign-in/code", &[("code", &code)])
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(browser.me().await["display_name"], "Ann");
    // The link mailed with the code died with it.
    let mut other = t.browser();
    let confirm = other.get(&path_of(&link)).await;
    let used = other.submit(&confirm, "/account/sign-in/link", &[]).await;
    assert_eq!(used.status, 410);
    assert!(used.text("h1").contains("no longer works"));

    // By link: GET shows a button, the POST signs in.
    let form = other.get("/account/sign-in?edition=en").await;
    other
        .submit(&form, "/account/sign-in", &[("email", "bob@example.org")])
        .await;
    let link = t
        .mail("bob@example.org")
        .await
        .link("/account/sign-in/link")
        .unwrap();
    let confirm = other.get(&path_of(&link)).await;
    assert_eq!(confirm.status, 200);
    assert_eq!(other.me().await["signed_in"], false, "a GET never signs in");
    let done = other.submit(&confirm, "/account/sign-in/link", &[]).await;
    assert_eq!(done.status, 303);
    assert_eq!(other.me().await["signed_in"], true);
    // Used once only.
    let mut third = t.browser();
    let confirm = third.get(&path_of(&link)).await;
    assert_eq!(
        third
            .submit(&confirm, "/account/sign-in/link", &[])
            .await
            .status,
        410
    );
}

async fn password_reset_signs_out_everywhere_else(t: AccountApp) {
    let mut old = t.browser();
    t.register(&mut old, "cat@example.org", PASSWORD).await;
    let mut browser = t.browser();
    let form = browser.get("/account/forgot?edition=en").await;
    let sent = browser
        .submit(&form, "/account/forgot", &[("email", "CAT@example.org")])
        .await;
    assert_eq!(sent.status, 200);
    let mail = t.mail("cat@example.org").await;
    assert_eq!(mail.subject, "Choose a new password");
    let link = mail.link("/account/reset").unwrap();
    let reset = browser.get(&path_of(&link)).await;
    let short = browser
        .submit(&reset, "/account/reset", &[("password", "short")])
        .await;
    assert_eq!(short.status, 422);
    assert!(short.text(".account-alert").contains("too short"));
    let done = browser
        .submit(
            &short,
            "/account/reset",
            &[("password", "a brand new password")],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(browser.me().await["signed_in"], true);
    assert_eq!(
        old.me().await["signed_in"],
        false,
        "the other session ended"
    );
    let login = old.get("/account/login?edition=en").await;
    let refused = old
        .submit(
            &login,
            "/account/login",
            &[("email", "cat@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(refused.status, 401);
    let ok = old
        .submit(
            &refused,
            "/account/login",
            &[
                ("email", "cat@example.org"),
                ("password", "a brand new password"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303);
}

async fn change_of_address_is_confirmed_by_the_new_one(t: AccountApp) {
    let mut browser = t.browser();
    t.register(&mut browser, "dan@example.org", PASSWORD).await;
    let profile = browser.get("/account/?edition=en").await;
    let asked = browser
        .submit(
            &profile,
            "/account/email",
            &[("new_email", "Dan.New@Example.org")],
        )
        .await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    assert!(asked.text(".account-notice").contains("new address"));
    let mail = t.mail("dan.new@example.org").await;
    assert_eq!(mail.subject, "Confirm your new address");
    let link = mail.link("/account/email/confirm").unwrap();
    // Nothing changes before the link is used.
    assert!(t
        .app
        .store()
        .reader_by_email(&"dan@example.org".parse().unwrap())
        .await
        .unwrap()
        .is_some());
    let confirm = browser.get(&path_of(&link)).await;
    let done = browser
        .submit(&confirm, "/account/email/confirm", &[])
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(done.text("h1").contains("changed"));
    let notice = t.mail("dan@example.org").await;
    assert_eq!(notice.subject, "Your address was changed");
    assert!(notice.text.contains("dan.new@example.org"));
    let reader = t
        .app
        .store()
        .reader_by_email(&"dan.new@example.org".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(reader.is_verified());
    let profile = browser.get("/account/?edition=en").await;
    assert!(profile.text("main").contains("dan.new@example.org"));
}

async fn export_then_delete_ends_every_session(t: AccountApp) {
    let mut browser = t.browser();
    t.register(&mut browser, "eve@example.org", PASSWORD).await;
    let mut second = t.browser();
    let login = second.get("/account/login?edition=en").await;
    second
        .submit(
            &login,
            "/account/login",
            &[("email", "eve@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(second.me().await["signed_in"], true);

    let export = browser.get("/account/export?edition=en").await;
    assert_eq!(export.status, 200);
    assert!(export.cache_control.contains("no-store"));
    let data = export.json();
    assert_eq!(data["account"]["email"], "eve@example.org");
    assert_eq!(data["account"]["display_name"], "Ann");
    assert_eq!(data["sessions"].as_array().unwrap().len(), 2);
    assert!(!export.body.contains("argon2"));

    let form = browser.get("/account/delete?edition=en").await;
    let wrong = browser
        .submit(&form, "/account/delete", &[("password", "not my password")])
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.text(".account-alert").contains("wrong"));
    assert_eq!(browser.me().await["signed_in"], true);
    let gone = browser
        .submit(&wrong, "/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(gone.status, 200);
    assert!(gone.text("h1").contains("deleted"));
    assert_eq!(browser.me().await["signed_in"], false);
    assert_eq!(second.me().await["signed_in"], false);
    assert!(t
        .app
        .store()
        .reader_by_email(&"eve@example.org".parse().unwrap())
        .await
        .unwrap()
        .is_none());
}

async fn devices_are_listed_and_signed_out_one_by_one(t: AccountApp) {
    let mut laptop = t.browser();
    t.register(&mut laptop, "dev@example.org", PASSWORD).await;
    let mut phone = t.browser();
    let login = phone.get("/account/login?edition=en").await;
    phone
        .submit(
            &login,
            "/account/login",
            &[("email", "dev@example.org"), ("password", PASSWORD)],
        )
        .await;
    let profile = laptop.get("/account/?edition=en").await;
    assert!(
        profile
            .text(".account-profile")
            .contains("You are signed in on 2 devices."),
        "{}",
        profile.text(".account-devices")
    );
    assert_eq!(
        profile.text(".account-devices .account-badge"),
        "this device"
    );
    // The phone's entry is the one without the badge.
    let doc = scraper::Html::parse_document(&profile.body);
    let other = doc
        .select(&scraper::Selector::parse(".account-devices li").unwrap())
        .find(|li| !li.html().contains("account-badge"))
        .and_then(|li| {
            li.select(&scraper::Selector::parse("input[name=session_id]").unwrap())
                .next()
                .and_then(|i| i.value().attr("value").map(str::to_owned))
        })
        .expect("the other device");
    let ended = laptop
        .submit(&profile, "/account/sessions/end", &[("session_id", &other)])
        .await;
    assert_eq!(ended.status, 303, "{}", ended.body);
    let after = laptop.get(ended.location.as_deref().unwrap()).await;
    assert!(after
        .text(".account-notice")
        .contains("That device is signed out."));
    assert_eq!(phone.me().await["signed_in"], false);
    assert_eq!(laptop.me().await["signed_in"], true);
    // Not a session of this reader: nothing happens.
    let again = laptop
        .submit(&after, "/account/sessions/end", &[("session_id", &other)])
        .await;
    assert_eq!(again.status, 404);
    assert!(
        again.content_type.starts_with("text/html"),
        "{}",
        again.content_type
    );
    assert_eq!(laptop.me().await["signed_in"], true);
}

#[tokio::test]
async fn an_unverified_reader_asks_for_a_new_link() {
    let t = AccountApp::on(TestDb::sqlite().await).await;
    let mut browser = t.browser();
    let form = browser.get("/account/register?edition=ru").await;
    browser
        .submit(
            &form,
            "/account/register",
            &[
                ("email", "late@example.org"),
                ("display_name", "Late"),
                ("password", PASSWORD),
            ],
        )
        .await;
    let first = t.mail("late@example.org").await;
    // Signed in with the password, not yet verified.
    let login = browser.get("/account/login?edition=ru").await;
    browser
        .submit(
            &login,
            "/account/login",
            &[("email", "late@example.org"), ("password", PASSWORD)],
        )
        .await;
    let profile = browser.get("/account/?edition=ru").await;
    let sent = browser
        .submit(&profile, "/account/verify/resend", &[])
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let notice = browser.get(sent.location.as_deref().unwrap()).await;
    assert!(notice.text(".account-notice").contains("новую ссылку"));
    let second = t.mail("late@example.org").await;
    let link = second.link("/account/verify").expect("a new link");
    assert_ne!(Some(link.clone()), first.link("/account/verify"));
    let confirm = browser.get(&path_of(&link)).await;
    let done = browser.submit(&confirm, "/account/verify", &[]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    let verified = browser.get("/account/?edition=ru").await;
    assert!(
        !verified.body.contains("/account/verify/resend"),
        "verified now"
    );
}

#[tokio::test]
async fn an_expired_form_answers_a_page_in_the_readers_language() {
    let t = AccountApp::on(TestDb::sqlite().await).await;
    let mut browser = t.browser();
    t.register(&mut browser, "old@example.org", PASSWORD).await;
    let profile = browser.get("/account/?edition=ru").await;
    let (action, mut fields) = profile.form("/account/profile");
    for field in &mut fields {
        if field.0 == "csrf_token" {
            field.1 = "stale".into();
        }
    }
    let refused = browser.post(&action, &fields).await;
    assert_eq!(refused.status, 403);
    assert!(
        refused.content_type.starts_with("text/html"),
        "{}",
        refused.content_type
    );
    assert_eq!(refused.text("h1"), "Форма устарела");
    // Scripts asking for JSON still get the error object.
    let client = reqwest::Client::new();
    let json = client
        .post(t.app.url(&action))
        .header(
            COOKIE,
            browser
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; "),
        )
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(json.status(), 403);
    let body: Value = json.json().await.unwrap();
    assert_eq!(body["error"]["code"], "csrf_failed");
}

/// The masthead of a cached page offers "Log in" to everyone and holds
/// the signed-in menu as a template with nothing personal in it; the
/// addresses readers guess for account pages lead to them.
async fn the_masthead_offers_account_links_and_guessed_addresses_lead_somewhere(t: AccountApp) {
    let mut browser = t.browser();
    let article = browser.get(ARTICLE).await;
    let doc = Html::parse_document(&article.body);
    let login = Selector::parse(".masthead a.account-login").unwrap();
    let login = doc.select(&login).next().expect("a log-in link");
    assert_eq!(
        login.value().attr("href"),
        Some("/account/login?edition=en")
    );
    assert_eq!(login.text().collect::<String>(), "Log in");
    let menu = Selector::parse(".masthead template[data-account-menu]").unwrap();
    let menu = doc
        .select(&menu)
        .next()
        .expect("the menu's template")
        .html();
    assert!(menu.contains("href=\"/account/?edition=en\""), "{menu}");
    assert!(menu.contains("href=\"/en/newsletter\""), "{menu}");
    assert!(menu.contains("action=\"/account/logout\""), "{menu}");
    let token = menu
        .split('<')
        .find(|tag| tag.contains("csrf_token"))
        .expect("the log-out form's token field");
    assert!(
        token.contains("value=\"\""),
        "no token in a cached page: {token}"
    );
    // The logo or the name, not both: this edition has no logo.
    assert_eq!(article.text(".masthead .brand"), "Dateline");
    assert!(!article.body.contains("class=\"brand-logo\""));

    for (asked, expected) in [
        (
            "/account/profile?edition=en",
            "/account/?edition=en#profile",
        ),
        (
            "/account/settings?edition=en",
            "/account/?edition=en#profile",
        ),
        (
            "/account/password?edition=en",
            "/account/?edition=en#password",
        ),
        ("/account/email?edition=en", "/account/?edition=en#email"),
        (
            "/account/notifications?edition=en",
            "/account/?edition=en#notifications",
        ),
        (
            "/account/logout?edition=en",
            "/account/?edition=en#sessions",
        ),
        ("/account/sessions", "/account/?edition=en#sessions"),
        ("/account/signup?edition=ru", "/account/register?edition=ru"),
        (
            "/account/signin?return=/ru/",
            "/account/login?edition=ru&return=/ru/",
        ),
        ("/account/subscriptions?edition=ru", "/ru/newsletter"),
        ("/account/newsletters", "/en/newsletter"),
    ] {
        let answer = browser.get(asked).await;
        assert_eq!(
            (answer.status, answer.location.as_deref()),
            (303, Some(expected)),
            "{asked}"
        );
    }
    // Each leads to a page that answers (signed out: the profile asks to log in).
    let profile = browser.get("/account/?edition=en").await;
    assert!(matches!(profile.status, 200 | 303), "{}", profile.status);
    assert_eq!(browser.get("/en/newsletter").await.status, 200);
    assert_eq!(
        browser.get("/account/register?edition=ru").await.status,
        200
    );
}

on_both_backends!(
    crate::account::AccountApp::on;
    the_masthead_offers_account_links_and_guessed_addresses_lead_somewhere,
    register_verify_log_out_and_log_in,
    profile_changes_name_language_and_password,
    sign_in_by_mailed_code_and_by_link,
    password_reset_signs_out_everywhere_else,
    change_of_address_is_confirmed_by_the_new_one,
    export_then_delete_ends_every_session,
    devices_are_listed_and_signed_out_one_by_one,
);
