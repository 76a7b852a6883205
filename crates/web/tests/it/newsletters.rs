//! Newsletters end to end against an SMTP listener and a push service on
//! loopback: the subscribe page in both editions, double opt-in by link
//! and by code, refusals that keep what was typed, a digest of the day's
//! stories, one-click unsubscribe (RFC 8058), a breaking alert sent from
//! the newsroom by mail and by web push (decrypted by the push service),
//! suspension after repeated refusals, a gone browser removed, and a send
//! interrupted mid-message that resumes without mailing anyone twice.

use std::time::Duration;

use dateline_push::testing::{Answer, PushService};
use dateline_push::EndpointPolicy;
use dateline_store::newsletters::{ListKind, NewsletterList, SubscriptionState};
use dateline_store::testing::TestDb;
use dateline_web::mail::MailConfig;
use dateline_web::newsletter::{claim_digests, run_once, Newsletters, SendRules};
use reqwest::header::CONTENT_TYPE;

use crate::account::{path_of, Browser, Page, WAIT};
use crate::newsroom::NOW;
use crate::newsroom_auth::{self, staff, PASSWORD};
use crate::smtp_sink::{ReceivedMail, SmtpSink};
use crate::test_app::{TestApp, BASE_URL};

const HOUR: i64 = 3600;

pub struct NewsletterApp {
    pub app: TestApp,
    pub sink: SmtpSink,
}

/// Mail to an SMTP sink, push to loopback services, and addresses
/// suspended after two refusals in a row.
pub async fn newsletter_app(db: TestDb) -> NewsletterApp {
    let sink = SmtpSink::start().await;
    let mail = MailConfig {
        smtp_url: Some(sink.url()),
        from: Some("Dateline <news@news.example>".into()),
    };
    let rules = SendRules {
        suspend_after: 2,
        ..SendRules::default()
    };
    let app = TestApp::on_with(db, |state| {
        state.with_mail(&mail).unwrap().with_newsletters(
            Newsletters::new(BASE_URL)
                .with_push_policy(EndpointPolicy::loopback_for_tests())
                .with_rules(rules),
        )
    })
    .await;
    NewsletterApp { app, sink }
}

impl NewsletterApp {
    async fn lists(&self, edition_id: i64) -> Vec<NewsletterList> {
        self.app.store().newsletter_lists(edition_id).await.unwrap()
    }

    async fn list(&self, edition_id: i64, kind: ListKind) -> i64 {
        self.lists(edition_id)
            .await
            .into_iter()
            .find(|l| l.kind == kind)
            .unwrap()
            .id
    }

    /// A public story of `en` by its slug.
    async fn story(&self, slug: &str) -> i64 {
        self.app
            .store()
            .article_by_slug(self.en(), &slug.parse().unwrap())
            .await
            .unwrap()
            .unwrap()
            .id
    }

    fn en(&self) -> i64 {
        self.app.newsroom.fixtures.en.id
    }

    /// Every delivery due at `now`, as a node's worker would send them.
    async fn send_due(&self, now: i64) -> usize {
        run_once(self.app.state(), now, &|| false).await.unwrap()
    }

    /// `email`'s active lists.
    async fn active(&self, email: &str) -> Vec<i64> {
        let Some(subscriber) = self
            .app
            .store()
            .newsletter_subscriber_by_email(email)
            .await
            .unwrap()
        else {
            return Vec::new();
        };
        self.app
            .store()
            .newsletter_subscriptions(subscriber.id)
            .await
            .unwrap()
            .into_iter()
            .filter(|s| s.state == SubscriptionState::Active)
            .map(|s| s.list_id)
            .collect()
    }

    /// Signs `email` up from `/{edition}/newsletter` for `lists`.
    async fn sign_up(
        &self,
        browser: &mut Browser,
        edition: &str,
        email: &str,
        lists: &[i64],
    ) -> Page {
        let path = format!("/{edition}/newsletter");
        let form = browser.get(&path).await;
        assert_eq!(form.status, 200, "{}", form.body);
        let (_, fields) = form.form(&path);
        let mut sent: Vec<(String, String)> = fields
            .into_iter()
            .filter(|(name, _)| name == "csrf_token")
            .collect();
        sent.push(("email".into(), email.into()));
        sent.extend(lists.iter().map(|id| ("list".to_owned(), id.to_string())));
        browser.post(&path, &sent).await
    }

    /// Signs `email` up and confirms by the mailed link.
    async fn subscribed(&self, edition: &str, email: &str, lists: &[i64]) -> ReceivedMail {
        let mut browser = Browser::new(&self.app);
        let sent = self.sign_up(&mut browser, edition, email, lists).await;
        assert_eq!(sent.status, 200, "{}", sent.body);
        let mail = self.sink.wait_for(email, WAIT).await;
        let link = mail.link("/newsletter/confirm?token=").unwrap();
        let page = browser.get(&path_of(&link)).await;
        let done = browser
            .submit(&page, &format!("/{edition}/newsletter/confirm"), &[])
            .await;
        assert_eq!(done.status, 200, "{}", done.body);
        mail
    }
}

fn header(raw: &str, name: &str) -> String {
    let parsed = mail_parser::MessageParser::default()
        .parse(raw.as_bytes())
        .unwrap();
    parsed
        .header_raw(name)
        .unwrap_or_else(|| panic!("no {name} header in {raw}"))
        .split_whitespace()
        .collect()
}

/// The six-digit code in a confirmation mail.
fn code_in(mail: &ReceivedMail) -> String {
    mail.text
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .unwrap_or_else(|| panic!("no code in {}", mail.text))
        .to_owned()
}

async fn the_subscribe_page_speaks_each_editions_language(t: NewsletterApp) {
    let mut browser = Browser::new(&t.app);
    let front = browser.get("/en/").await;
    assert!(
        front.body.contains("href=\"/en/newsletter\""),
        "{}",
        front.body
    );
    let en = browser.get("/en/newsletter").await;
    assert_eq!(en.status, 200, "{}", en.body);
    assert_eq!(en.cache_control, "no-store");
    assert!(en.body.contains("<html lang=\"en\""), "{}", en.body);
    let lists = en.text(".newsletter-list label");
    assert!(lists.contains("Dateline: the daily digest"), "{lists}");
    assert!(lists.contains("World"), "{lists}");
    assert!(lists.contains("Breaking news"), "{lists}");
    // Nothing is ticked for a reader who has not chosen.
    assert!(!en.body.contains(" checked"), "{}", en.body);
    let ru = browser.get("/ru/newsletter").await;
    assert_eq!(ru.status, 200, "{}", ru.body);
    assert!(ru.body.contains("<html lang=\"ru\""), "{}", ru.body);
    let lists = ru.text(".newsletter-list label");
    assert!(lists.contains("ежедневный дайджест"), "{lists}");
    assert!(lists.contains("Срочные новости"), "{lists}");
    // Web push is offered with the site's public key (65 bytes, base64url).
    let key = t
        .app
        .state()
        .newsletters
        .push_public_key(t.app.store())
        .await;
    assert_eq!(key.len(), 87, "{key}");
    assert!(ru.body.contains(&format!("data-push-key=\"{key}\"")));
    assert_eq!(browser.get("/xx/newsletter").await.status, 404);
}

async fn a_sign_up_waits_for_the_mailed_link(t: NewsletterApp) {
    let digest = t.list(t.en(), ListKind::Digest).await;
    let breaking = t.list(t.en(), ListKind::Breaking).await;
    let mut browser = Browser::new(&t.app);
    let sent = t
        .sign_up(
            &mut browser,
            "en",
            "Ann@Readers.example",
            &[digest, breaking],
        )
        .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert!(sent.text("h1").contains("Check your mail"), "{}", sent.body);
    let mail = t.sink.wait_for("ann@readers.example", WAIT).await;
    assert_eq!(mail.subject, "Confirm your subscription");
    assert!(
        mail.text.contains("Dateline: the daily digest"),
        "{}",
        mail.text
    );
    assert!(mail.html.contains("Breaking news"), "{}", mail.html);
    // Nothing is sent to an address before it is confirmed.
    assert!(t.active("ann@readers.example").await.is_empty());
    let link = mail.link("/en/newsletter/confirm?token=").unwrap();
    assert!(link.starts_with(BASE_URL), "{link}");

    // A mail scanner fetching the link finds a button, nothing more.
    let page = Browser::new(&t.app).get(&path_of(&link)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(t.active("ann@readers.example").await.is_empty());

    let done = browser.submit(&page, "/en/newsletter/confirm", &[]).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(
        done.text("h1").contains("You are subscribed"),
        "{}",
        done.body
    );
    let mut active = t.active("ann@readers.example").await;
    active.sort_unstable();
    assert_eq!(active, vec![digest, breaking]);
    let subscriber = t
        .app
        .store()
        .newsletter_subscriber_by_email("ann@readers.example")
        .await
        .unwrap()
        .unwrap();
    let history = t
        .app
        .store()
        .newsletter_history(subscriber.id)
        .await
        .unwrap();
    let events: Vec<(&str, &str)> = history
        .iter()
        .map(|e| (e.event.as_str(), e.source.as_str()))
        .collect();
    assert_eq!(
        events,
        [
            ("subscribed", "form"),
            ("subscribed", "form"),
            ("confirmed", "link"),
            ("confirmed", "link")
        ]
    );
    // The link works once.
    let again = browser.submit(&page, "/en/newsletter/confirm", &[]).await;
    assert_eq!(again.status, 404, "{}", again.body);
}

async fn the_mailed_code_confirms_and_wrong_guesses_run_out(t: NewsletterApp) {
    let breaking = t.list(t.en(), ListKind::Breaking).await;
    let mut browser = Browser::new(&t.app);
    let sent = t
        .sign_up(&mut browser, "en", "bob@readers.example", &[breaking])
        .await;
    let code = code_in(&t.sink.wait_for("bob@readers.example", WAIT).await);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let refused = browser
        .submit(&sent, "/en/newsletter/confirm", &[("code", wrong)])
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.text("[role=alert]").contains("not right"),
        "{}",
        refused.body
    );
    // The address stays in the form.
    let (_, fields) = refused.form("/en/newsletter/confirm");
    assert!(fields.contains(&("email".into(), "bob@readers.example".into())));
    let done = browser
        .submit(&refused, "/en/newsletter/confirm", &[("code", &code)])
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(t.active("bob@readers.example").await, vec![breaking]);

    // Five wrong guesses and the right code no longer works.
    let sent = t
        .sign_up(&mut browser, "en", "cyd@readers.example", &[breaking])
        .await;
    let code = code_in(&t.sink.wait_for("cyd@readers.example", WAIT).await);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        browser
            .submit(&sent, "/en/newsletter/confirm", &[("code", wrong)])
            .await;
    }
    let late = browser
        .submit(&sent, "/en/newsletter/confirm", &[("code", &code)])
        .await;
    assert_eq!(late.status, 422, "{}", late.body);
    assert!(
        late.text("[role=alert]").contains("Too many wrong codes"),
        "{}",
        late.body
    );
    assert!(t.active("cyd@readers.example").await.is_empty());
}

async fn a_refused_sign_up_keeps_what_was_typed(t: NewsletterApp) {
    let digest = t.list(t.en(), ListKind::Digest).await;
    let mut browser = Browser::new(&t.app);
    // No list chosen.
    let page = t
        .sign_up(&mut browser, "en", "dee@readers.example", &[])
        .await;
    assert_eq!(page.status, 422, "{}", page.body);
    assert!(
        page.text("[role=alert]").contains("at least one"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("value=\"dee@readers.example\""),
        "{}",
        page.body
    );
    // Not an address: shown back as typed, escaped.
    let page = t.sign_up(&mut browser, "en", "<b>dee</b>", &[digest]).await;
    assert_eq!(page.status, 422, "{}", page.body);
    assert!(
        page.body.contains("value=\"&lt;b&gt;dee&lt;&#x2f;b&gt;\"")
            || page.body.contains("value=\"&lt;b&gt;dee&lt;/b&gt;\""),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(&format!("value=\"{digest}\" checked")),
        "{}",
        page.body
    );
    // A list of another edition is refused.
    let ru_digest = t
        .list(t.app.newsroom.fixtures.ru.id, ListKind::Digest)
        .await;
    let page = t
        .sign_up(&mut browser, "en", "dee@readers.example", &[ru_digest])
        .await;
    assert_eq!(page.status, 422, "{}", page.body);
    // A form without its token (another site's form, an expired one).
    let fields = vec![
        ("email".to_owned(), "dee@readers.example".to_owned()),
        ("list".to_owned(), digest.to_string()),
    ];
    let page = Browser::new(&t.app).post("/en/newsletter", &fields).await;
    assert_eq!(page.status, 403, "{}", page.body);
    assert!(
        page.body.contains("value=\"dee@readers.example\""),
        "{}",
        page.body
    );
    // Sign-ups for one address are limited.
    let mut last = None;
    for _ in 0..6 {
        last = Some(
            t.sign_up(&mut browser, "en", "eve@readers.example", &[digest])
                .await,
        );
    }
    let page = last.unwrap();
    assert_eq!(page.status, 429, "{}", page.body);
    assert!(
        page.text("[role=alert]").contains("Too many sign-ups"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("value=\"eve@readers.example\""),
        "{}",
        page.body
    );
    assert!(t
        .sink
        .received()
        .iter()
        .all(|m| !m.to.contains(&"dee@readers.example".to_owned())));
}

async fn the_daily_digest_carries_the_days_stories_and_unsubscribes_in_one_click(t: NewsletterApp) {
    let digest = t.list(t.en(), ListKind::Digest).await;
    t.subscribed("en", "fay@readers.example", &[digest]).await;
    // London at NOW + 1 h is past the 07:00 send time.
    let state = t.app.state();
    assert_eq!(claim_digests(state, NOW + HOUR).await.unwrap(), 1);
    assert_eq!(t.send_due(NOW + HOUR).await, 1);
    let mail = t.sink.wait_for("fay@readers.example", WAIT).await;
    assert!(
        mail.subject
            .starts_with("Dateline: the daily digest: Headline of bridge-reopens"),
        "{}",
        mail.subject
    );
    assert!(
        mail.text.contains("Headline of markets-rally"),
        "{}",
        mail.text
    );
    assert!(!mail.text.contains("withdrawn-story"), "{}", mail.text);
    assert!(mail
        .text
        .contains("https://news.example/en/world/bridge-reopens"));
    assert!(
        mail.html.contains("<img src=\"https://news.example/media/"),
        "{}",
        mail.html
    );
    assert!(
        mail.html.contains("Photo: © Photo: Test Agency"),
        "{}",
        mail.html
    );
    assert!(header(&mail.raw, "Message-ID").starts_with("<send-"));
    assert!(header(&mail.raw, "List-Id").contains("digest-"));
    assert_eq!(
        header(&mail.raw, "List-Unsubscribe-Post"),
        "List-Unsubscribe=One-Click"
    );
    let list = header(&mail.raw, "List-Unsubscribe");
    let url = list
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_owned();
    assert!(
        url.starts_with(&format!("{BASE_URL}/en/newsletter/unsubscribe?s=")),
        "{url}"
    );
    // The same day is not sent twice, by this node or another.
    assert_eq!(claim_digests(state, NOW + 2 * HOUR).await.unwrap(), 0);

    // A link scanner's GET unsubscribes nobody.
    let page = Browser::new(&t.app).get(&path_of(&url)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(t.active("fay@readers.example").await, vec![digest]);
    // A forged key changes nothing.
    let client = reqwest::Client::new();
    let one_click = |address: String| {
        client
            .post(t.app.url(&path_of(&address)))
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
    };
    let forged = url.replacen("s=", "s=9", 1);
    assert_eq!(one_click(forged).await.unwrap().status(), 404);
    // The mail client's POST: no cookie, no form token, no confirmation.
    let done = one_click(url.clone()).await.unwrap();
    assert_eq!(done.status(), 200);
    assert!(done.text().await.unwrap().contains("You are unsubscribed"));
    assert!(t.active("fay@readers.example").await.is_empty());
    let subscriber = t
        .app
        .store()
        .newsletter_subscriber_by_email("fay@readers.example")
        .await
        .unwrap()
        .unwrap();
    let history = t
        .app
        .store()
        .newsletter_history(subscriber.id)
        .await
        .unwrap();
    let last = history.last().unwrap();
    assert_eq!(
        (last.event.as_str(), last.source.as_str()),
        ("unsubscribed", "one_click")
    );
    // Tomorrow's digest has nobody to go to.
    assert_eq!(claim_digests(state, NOW + 25 * HOUR).await.unwrap(), 0);
}

async fn the_preferences_link_changes_lists_of_every_edition(t: NewsletterApp) {
    let digest = t.list(t.en(), ListKind::Digest).await;
    let breaking = t.list(t.en(), ListKind::Breaking).await;
    let ru_breaking = t
        .list(t.app.newsroom.fixtures.ru.id, ListKind::Breaking)
        .await;
    t.subscribed("en", "gus@readers.example", &[digest, breaking])
        .await;
    t.subscribed("ru", "gus@readers.example", &[ru_breaking])
        .await;
    let subscriber = t
        .app
        .store()
        .newsletter_subscriber_by_email("gus@readers.example")
        .await
        .unwrap()
        .unwrap();
    let path = format!(
        "/en/newsletter/preferences?s={}.{}",
        subscriber.id, subscriber.link_key
    );
    let mut browser = Browser::new(&t.app);
    let page = browser.get(&path).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body
            .contains(&format!("value=\"{ru_breaking}\" checked")),
        "{}",
        page.body
    );
    // Each edition's lists are named in its own language, and say so.
    assert!(
        page.body
            .contains("<fieldset class=\"newsletter-lists\" lang=\"ru\">"),
        "{}",
        page.body
    );
    // Keep the English digest and the Russian alerts; drop English alerts.
    let fields = vec![
        ("list".to_owned(), digest.to_string()),
        ("list".to_owned(), ru_breaking.to_string()),
    ];
    let saved = browser.post(&path, &fields).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert!(
        saved.body.contains("Your choices are saved"),
        "{}",
        saved.body
    );
    let mut active = t.active("gus@readers.example").await;
    active.sort_unstable();
    let mut expected = vec![digest, ru_breaking];
    expected.sort_unstable();
    assert_eq!(active, expected);
    let all = browser
        .post(&path, &[("unsubscribe_all".to_owned(), "1".to_owned())])
        .await;
    assert_eq!(all.status, 200, "{}", all.body);
    assert!(t.active("gus@readers.example").await.is_empty());
    // A wrong key shows nobody's lists.
    let wrong = format!("/en/newsletter/preferences?s={}.nope", subscriber.id);
    let page = browser.get(&wrong).await;
    assert_eq!(page.status, 404, "{}", page.body);
    assert!(!page.body.contains("gus@readers.example"));
}

async fn a_verified_reader_chooses_lists_without_a_mail(t: NewsletterApp) {
    let mut browser = Browser::new(&t.app);
    let register = browser.get("/account/register?edition=en").await;
    browser
        .submit(
            &register,
            "/account/register",
            &[
                ("email", "hal@readers.example"),
                ("display_name", "Hal"),
                ("password", crate::account::PASSWORD),
            ],
        )
        .await;
    let mail = t.sink.wait_for("hal@readers.example", WAIT).await;
    let verify = browser
        .get(&path_of(&mail.link("/account/verify").unwrap()))
        .await;
    browser.submit(&verify, "/account/verify", &[]).await;
    // The profile leads to the lists.
    let profile = browser.get("/account/?edition=en").await;
    let link = profile.text("main a[href=\"/en/newsletter\"]");
    assert!(
        link.contains("choose what we e-mail you"),
        "{}",
        profile.body
    );
    let page = browser.get("/en/newsletter").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("the address of your account"),
        "{}",
        page.body
    );
    let breaking = t.list(t.en(), ListKind::Breaking).await;
    let (_, fields) = page.form("/en/newsletter");
    let mut fields: Vec<(String, String)> = fields
        .into_iter()
        .filter(|(n, _)| n == "csrf_token")
        .collect();
    fields.push(("list".into(), breaking.to_string()));
    let saved = browser.post("/en/newsletter", &fields).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert!(
        saved.body.contains("Your choices are saved"),
        "{}",
        saved.body
    );
    assert_eq!(t.active("hal@readers.example").await, vec![breaking]);
    assert!(
        t.sink
            .try_wait_for("hal@readers.example", Duration::from_millis(300))
            .await
            .is_none(),
        "no confirmation mail for a proved address"
    );
}

async fn a_breaking_alert_goes_out_by_mail_and_by_web_push(t: NewsletterApp) {
    let breaking = t.list(t.en(), ListKind::Breaking).await;
    t.subscribed("en", "ida@readers.example", &[breaking]).await;
    let state = t.app.state();
    let sender = state.newsletters.push_sender(t.app.store()).await.unwrap();
    let mut service = PushService::start(sender.keys(), BASE_URL, Answer::status(201)).await;
    // The browser signs up with the JSON of PushSubscription.toJSON().
    let client = reqwest::Client::new();
    let json = serde_json::to_string(&service.subscription.to_json()).unwrap();
    let answer = client
        .post(t.app.url("/en/newsletter/push"))
        .header(CONTENT_TYPE, "application/json")
        .body(json.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 201, "{}", answer.text().await.unwrap());
    // A form post (another site's page could send one) is refused.
    let forged = client
        .post(t.app.url("/en/newsletter/push"))
        .header(CONTENT_TYPE, "text/plain")
        .body(json)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 415);
    // An endpoint that is not a push service's is refused.
    let internal = serde_json::json!({
        "endpoint": "https://10.0.0.1/admin",
        "keys": service.subscription.to_json().keys,
    });
    let refused = client
        .post(t.app.url("/en/newsletter/push"))
        .json(&internal)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);

    let fx = &t.app.newsroom.fixtures;
    staff(
        t.app.store(),
        "ed@desk.example",
        dateline_domain::Role::Editor,
        &[fx.en.id],
    )
    .await;
    let mut desk = newsroom_auth::Browser::new(t.app.url(""));
    desk.login("ed@desk.example", PASSWORD).await;
    let bridge = t.app.newsroom.bridge.id;
    let confirm = desk
        .get(&format!("/newsroom/articles/{bridge}/alert"))
        .await
        .text()
        .await
        .unwrap();
    assert!(confirm.contains("one subscriber"), "{confirm}");
    assert!(confirm.contains("one browser"), "{confirm}");
    let csrf = desk.csrf().await;
    let sent = desk
        .post(
            &format!("/newsroom/articles/{bridge}/alert"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(sent.status(), 303);
    let report = sent.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        report.starts_with("/newsroom/newsletters/sends/"),
        "{report}"
    );
    assert_eq!(t.send_due(dateline_web::auth::now()).await, 2);

    let mail = t.sink.wait_for("ida@readers.example", WAIT).await;
    assert_eq!(mail.subject, "Breaking: Headline of bridge-reopens");
    assert!(mail.html.contains("Read the story"), "{}", mail.html);
    let pushed = service.next().await;
    let alert: serde_json::Value = serde_json::from_slice(&pushed.plaintext).unwrap();
    assert_eq!(alert["title"], "Breaking news · Dateline");
    assert_eq!(alert["body"], "Headline of bridge-reopens");
    assert_eq!(alert["url"], "https://news.example/en/world/bridge-reopens");
    assert_eq!(pushed.urgency.as_deref(), Some("high"));

    let page = desk.get(&report).await.text().await.unwrap();
    assert!(page.contains("data-count=\"sent\">2<"), "{page}");
    assert!(page.contains("Finished"), "{page}");
    // Once per story.
    let again = desk
        .post(
            &format!("/newsroom/articles/{bridge}/alert"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(again.status(), 409);
    // A draft cannot be sent; a writer cannot send at all.
    let draft = t.app.newsroom.draft.id;
    let page = desk
        .get(&format!("/newsroom/articles/{draft}/alert"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Only a published story"), "{page}");
    staff(
        t.app.store(),
        "au@desk.example",
        dateline_domain::Role::Author,
        &[fx.en.id],
    )
    .await;
    let mut author = newsroom_auth::Browser::new(t.app.url(""));
    author.login("au@desk.example", PASSWORD).await;
    let status = author
        .get(&format!("/newsroom/articles/{bridge}/alert"))
        .await
        .status();
    assert_eq!(status, 403);
}

async fn refusals_suspend_an_address_and_a_gone_browser_is_removed(t: NewsletterApp) {
    let breaking = t.list(t.en(), ListKind::Breaking).await;
    t.subscribed("en", "jo@readers.example", &[breaking]).await;
    t.subscribed("en", "kim@readers.example", &[breaking]).await;
    t.sink.refuse("jo@readers.example");
    let state = t.app.state();
    let sender = state.newsletters.push_sender(t.app.store()).await.unwrap();
    let service = PushService::start(sender.keys(), BASE_URL, Answer::status(410)).await;
    let subscription = service.subscription.to_json();
    t.app
        .store()
        .add_push_subscription(
            t.en(),
            &subscription.endpoint,
            &subscription.keys.p256dh,
            &subscription.keys.auth,
            NOW,
        )
        .await
        .unwrap();
    let store = t.app.store();
    let markets = t.story("markets-rally").await;
    let first = store
        .create_alert(t.app.newsroom.bridge.id, None, None, NOW)
        .await
        .unwrap();
    t.send_due(NOW).await;
    let report = store
        .newsletter_send_report(first.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (report.summary.sent, report.summary.failed),
        (1, 2),
        "{report:?}"
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.recipient == "jo@readers.example" && p.error.contains("550")),
        "{report:?}"
    );
    // The push service's host only: the endpoint is the browser's secret.
    assert!(
        report.problems.iter().any(|p| p.channel == "push"
            && p.error.contains("expired")
            && !p.recipient.contains('/')),
        "{report:?}"
    );
    // The gone browser is forgotten.
    assert!(!store
        .remove_push_subscription(&subscription.endpoint)
        .await
        .unwrap());
    t.sink.wait_for("kim@readers.example", WAIT).await;
    assert_eq!(t.active("jo@readers.example").await, vec![breaking]);

    // A second refusal in a row suspends the address: the next alert
    // skips it, and its consent record says why.
    let second = store.create_alert(markets, None, None, NOW).await.unwrap();
    t.send_due(NOW).await;
    t.sink.wait_for("kim@readers.example", WAIT).await;
    let jo = store
        .newsletter_subscriber_by_email("jo@readers.example")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        jo.status,
        dateline_store::newsletters::SubscriberStatus::Suspended
    );
    let history = store.newsletter_history(jo.id).await.unwrap();
    let last = history.last().unwrap();
    assert_eq!(
        (last.event.as_str(), last.source.as_str()),
        ("suspended", "bounce")
    );
    let report = store
        .newsletter_send_report(second.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (report.summary.sent, report.summary.failed),
        (1, 1),
        "{report:?}"
    );
    let third = store
        .create_alert(t.story("storm-warning").await, None, None, NOW)
        .await
        .unwrap();
    t.send_due(NOW).await;
    let report = store
        .newsletter_send_report(third.id)
        .await
        .unwrap()
        .unwrap();
    // Suspended addresses are not even queued.
    assert_eq!(
        (
            report.summary.sent,
            report.summary.failed,
            report.summary.skipped
        ),
        (1, 0, 0),
        "{report:?}"
    );
}

async fn a_send_stopped_mid_message_resumes_without_mailing_anyone_twice(t: NewsletterApp) {
    let breaking = t.list(t.en(), ListKind::Breaking).await;
    let readers: Vec<String> = (0..5).map(|i| format!("r{i}@readers.example")).collect();
    for reader in &readers {
        t.subscribed("en", reader, &[breaking]).await;
    }
    let store = t.app.store();
    let send = store
        .create_alert(t.app.newsroom.bridge.id, None, None, NOW)
        .await
        .unwrap();
    // A node claims the first delivery and stops before recording it.
    let due = store.due_deliveries(NOW, 10).await.unwrap();
    assert_eq!(due.len(), 5);
    let lease = t.app.state().newsletters.rules.lease_secs;
    let wall = dateline_web::auth::now();
    assert!(store
        .claim_delivery(&due[0].key, wall, lease)
        .await
        .unwrap());
    // Another node carries on with the rest.
    assert_eq!(t.send_due(NOW).await, 4);
    // Once the stopped node's lease has run out, its delivery is failed,
    // not sent again: it may have gone out.
    assert_eq!(
        run_once(t.app.state(), wall + lease + 1, &|| false)
            .await
            .unwrap(),
        0
    );
    let report = store
        .newsletter_send_report(send.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (report.summary.sent, report.summary.failed),
        (4, 1),
        "{report:?}"
    );
    assert!(
        report.problems[0].error.contains("interrupted"),
        "{report:?}"
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut got: Vec<String> = t
        .sink
        .received()
        .iter()
        .flat_map(|m| m.to.clone())
        .collect();
    got.sort();
    let mut want: Vec<String> = readers
        .iter()
        .filter(|r| !report.problems.iter().any(|p| &&p.recipient == r))
        .cloned()
        .collect();
    want.sort();
    assert_eq!(got, want, "each address at most once");
}

on_both_backends!(
    crate::newsletters::newsletter_app;
    the_subscribe_page_speaks_each_editions_language,
    a_sign_up_waits_for_the_mailed_link,
    the_mailed_code_confirms_and_wrong_guesses_run_out,
    a_refused_sign_up_keeps_what_was_typed,
    the_daily_digest_carries_the_days_stories_and_unsubscribes_in_one_click,
    the_preferences_link_changes_lists_of_every_edition,
    a_verified_reader_chooses_lists_without_a_mail,
    a_breaking_alert_goes_out_by_mail_and_by_web_push,
    refusals_suspend_an_address_and_a_gone_browser_is_removed,
    a_send_stopped_mid_message_resumes_without_mailing_anyone_twice,
);
