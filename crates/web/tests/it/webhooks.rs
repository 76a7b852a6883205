//! Webhooks and WebSub pings, end to end: an admin registers a hook in the
//! newsroom; publishing a story queues a delivery in the same transaction;
//! the sender POSTs it, signed, to a listener on loopback, which refuses
//! it once (500) and takes it after the backoff; the log shows both
//! attempts. Corrections, take-downs and comments are sent too; a queued
//! delivery survives a restart, and a claim left by a node that died is
//! taken over once its lease ran out. Only admins manage hooks (newsroom
//! and Admin API). With a hub set, a publication pings it with every feed
//! the story appears in. Time is driven by the `now` each round is given.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode as AxumStatus};
use dateline_domain::comment::CommentStatus;
use dateline_domain::{ArticleStatus, Role};
use dateline_store::comments::NewComment;
use dateline_store::webhooks::{DeliveryState, WebhookEvent, WebhookInput};
use dateline_store::{NewAudit, StatusChange, Store};
use dateline_web::auth::Scopes;
use dateline_web::webhooks::{SendRules, Sender};
use reqwest::header::LOCATION;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::api_admin::{call, token};
use crate::newsroom::NOW;
use crate::newsroom_auth::{staff, Browser, PASSWORD};
use crate::test_app::{TestApp, BASE_URL};

/// One request the listener received.
#[derive(Debug, Clone)]
struct Received {
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Default)]
struct Script {
    /// Statuses to answer with, in turn; then 200.
    answers: VecDeque<u16>,
    received: Vec<Received>,
}

/// A receiver on 127.0.0.1 that records what it is sent.
#[derive(Clone)]
struct Listener {
    url: String,
    script: Arc<Mutex<Script>>,
}

impl Listener {
    async fn start(answers: &[u16]) -> Listener {
        let script = Arc::new(Mutex::new(Script {
            answers: answers.iter().copied().collect(),
            received: Vec::new(),
        }));
        async fn receive(
            State(script): State<Arc<Mutex<Script>>>,
            headers: HeaderMap,
            body: Bytes,
        ) -> (AxumStatus, &'static str) {
            let mut script = script.lock().unwrap();
            script.received.push(Received { headers, body });
            let status = script.answers.pop_front().unwrap_or(200);
            (
                AxumStatus::from_u16(status).unwrap(),
                "refused for the test",
            )
        }
        let app = axum::Router::new()
            .route("/hook", axum::routing::post(receive))
            .with_state(script.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Listener {
            url: format!("http://{addr}/hook"),
            script,
        }
    }

    fn received(&self) -> Vec<Received> {
        self.script.lock().unwrap().received.clone()
    }
}

fn sender(store: &Store) -> Sender {
    Sender::new(store.clone(), BASE_URL, SendRules::default()).unwrap()
}

async fn hook(store: &Store, url: &str, events: &[WebhookEvent]) -> i64 {
    let input = WebhookInput {
        url: url.to_owned(),
        events: events.iter().copied().collect(),
        active: true,
        description: String::new(),
    };
    let audit = NewAudit::new("webhook.create", "webhook", None, NOW);
    store
        .create_webhook(&input, "whsec_test", &audit)
        .await
        .unwrap()
        .id
}

fn header<'a>(r: &'a Received, name: &str) -> &'a str {
    r.headers[name].to_str().unwrap()
}

/// Checks the signature as a receiver would; returns the parsed body.
fn verified(r: &Received, secret: &str) -> Value {
    let timestamp: i64 = header(r, "dateline-timestamp").parse().unwrap();
    let expected = dateline_web::webhooks::signature(secret, timestamp, &r.body).unwrap();
    assert_eq!(header(r, "dateline-signature"), expected);
    assert_eq!(header(r, "content-type"), "application/json");
    serde_json::from_slice(&r.body).unwrap()
}

async fn signed_in(app: &TestApp, email: &str, role: Role) -> (Browser, String) {
    signed_in_as(app, email, role).await.0
}

async fn signed_in_as(app: &TestApp, email: &str, role: Role) -> ((Browser, String), i64) {
    let account = staff(app.store(), email, role, &[app.newsroom.fixtures.en.id]).await;
    let mut browser = Browser::of(app);
    assert_eq!(
        browser.login(email, PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    let csrf = browser.csrf().await;
    ((browser, csrf), account.id())
}

async fn a_publication_is_signed_retried_and_logged(app: TestApp) {
    let listener = Listener::start(&[500]).await;
    let (mut admin, csrf) = signed_in(&app, "boss@example.org", Role::Admin).await;

    // A bad address is refused with what was typed.
    let refused = admin
        .post(
            "/newsroom/webhooks",
            &[
                ("csrf_token", &csrf),
                ("url", "ftp://hooks.example/in"),
                ("events", "article.published"),
                ("active", "1"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = refused.text().await.unwrap();
    assert!(page.contains("value=\"ftp://hooks.example/in\""), "{page}");
    assert!(page.contains("id=\"webhook-error\""), "{page}");

    let added = admin
        .post(
            "/newsroom/webhooks",
            &[
                ("csrf_token", &csrf),
                ("url", &listener.url),
                ("events", "article.published"),
                ("description", "Loopback"),
                ("active", "1"),
            ],
        )
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    let at = added.headers()[LOCATION].to_str().unwrap().to_owned();
    assert!(at.ends_with("?created=1"), "{at}");
    let page = admin.get(&at).await.text().await.unwrap();
    assert!(page.contains("Copy its secret"), "{page}");
    let at = at.trim_end_matches("?created=1").to_owned();
    let secret = scraper::Html::parse_document(&page)
        .select(&scraper::Selector::parse("#webhook-secret").unwrap())
        .next()
        .map(|e| e.text().collect::<String>())
        .unwrap();
    assert!(secret.starts_with("whsec_"), "{page}");
    let hook_id: i64 = app.store().webhooks().await.unwrap()[0].id;

    let t0 = NOW + 1_000;
    let draft = &app.newsroom.draft;
    let article = app
        .store()
        .set_article_status(draft.id, ArticleStatus::Published, t0)
        .await
        .unwrap();
    let sender = sender(app.store());

    // First attempt: the listener answers 500.
    let round = sender.deliver_due(t0).await.unwrap();
    assert_eq!((round.delivered, round.retried), (0, 1), "{round:?}");
    let first = listener.received();
    assert_eq!(first.len(), 1);
    let body = verified(&first[0], &secret);
    assert_eq!(header(&first[0], "dateline-timestamp"), t0.to_string());
    assert_eq!(header(&first[0], "dateline-event"), "article.published");
    assert_eq!(
        header(&first[0], "dateline-webhook-id"),
        hook_id.to_string()
    );
    assert_eq!(
        header(&first[0], "dateline-delivery"),
        body["id"].to_string()
    );
    assert_eq!(body["event"], "article.published");
    assert_eq!(body["created_at"], t0);
    let story = &body["data"]["article"];
    assert_eq!(story["id"], article.id);
    assert_eq!(story["edition"], "en");
    assert_eq!(story["slug"], "secret-plan");
    assert_eq!(story["headline"], article.headline.as_str());
    assert_eq!(story["status"], "published");
    assert_eq!(story["version"], article.version);
    assert_eq!(
        story["url"],
        format!(
            "{BASE_URL}/en/{}/secret-plan",
            story["section"].as_str().unwrap()
        )
    );

    // The body is what the API document's `webhooks` section promises.
    let doc = app.ok_json("/api/openapi.json").await;
    for event in [
        "article.published",
        "article.corrected",
        "article.unpublished",
        "comment.posted",
        "ping",
    ] {
        assert_eq!(
            doc["webhooks"][event]["post"]["requestBody"]["content"]["application/json"]["schema"]
                ["$ref"],
            "#/components/schemas/WebhookPayload",
            "{event}"
        );
    }
    let schemas = &doc["components"]["schemas"];
    for (schema, value) in [("WebhookPayload", &body), ("WebhookArticle", story)] {
        let properties = schemas[schema]["properties"].as_object().unwrap();
        for field in schemas[schema]["required"].as_array().unwrap() {
            assert!(
                !value[field.as_str().unwrap()].is_null(),
                "{schema}.{field}: {value}"
            );
        }
        for key in value.as_object().unwrap().keys() {
            assert!(
                properties.contains_key(key),
                "{schema} does not document {key}"
            );
        }
    }

    // Not due before its backoff; due after it (1 minute, plus jitter).
    let log = app
        .store()
        .webhook_deliveries(Some(hook_id), None, 10)
        .await
        .unwrap();
    assert_eq!(log[0].state, DeliveryState::Queued);
    assert_eq!(log[0].last_status, Some(500));
    let next = log[0].next_attempt_at;
    assert!((t0 + 60..=t0 + 66).contains(&next), "{next}");
    assert_eq!(sender.deliver_due(next - 1).await.unwrap().retried, 0);
    assert_eq!(listener.received().len(), 1);
    let round = sender.deliver_due(next).await.unwrap();
    assert_eq!(round.delivered, 1, "{round:?}");
    let second = listener.received();
    assert_eq!(second.len(), 2);
    // The same body, signed again for its own timestamp.
    assert_eq!(second[1].body, first[0].body);
    assert_eq!(header(&second[1], "dateline-timestamp"), next.to_string());
    verified(&second[1], &secret);

    let log = app
        .store()
        .webhook_deliveries(Some(hook_id), None, 10)
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].state, DeliveryState::Delivered);
    assert_eq!(log[0].attempts, 2);

    // The newsroom shows the log; the list shows the last delivery.
    let page = admin.get(&at).await.text().await.unwrap();
    let doc = scraper::Html::parse_document(&page);
    let row = doc
        .select(&scraper::Selector::parse("#webhook-deliveries tbody tr").unwrap())
        .next()
        .map(|r| r.text().collect::<String>())
        .unwrap();
    assert!(row.contains("article.published"), "{row}");
    assert!(
        row.contains("Delivered") && row.contains("HTTP 200"),
        "{row}"
    );
    assert!(row.contains('2'), "{row}");
    let list = admin.get("/newsroom/webhooks").await.text().await.unwrap();
    assert!(
        list.contains(&listener.url) && list.contains("Delivered"),
        "{list}"
    );

    // "Send a test event" queues a ping, sent on the next round.
    let pinged = admin
        .post(&format!("{at}/ping"), &[("csrf_token", &csrf)])
        .await;
    assert_eq!(pinged.status(), StatusCode::SEE_OTHER);
    assert!(
        sender
            .deliver_due(dateline_web::auth::now())
            .await
            .unwrap()
            .delivered
            >= 1
    );
    let ping = listener.received().pop().unwrap();
    assert_eq!(header(&ping, "dateline-event"), "ping");
    assert_eq!(verified(&ping, &secret)["data"]["webhook_id"], hook_id);

    // Disabled: nothing more is queued for it.
    let saved = admin
        .post(
            &at,
            &[
                ("csrf_token", &csrf),
                ("url", &listener.url),
                ("events", "article.published"),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    app.store()
        .set_article_status(draft.id, ArticleStatus::Unpublished, t0 + 5_000)
        .await
        .unwrap();
    app.store()
        .set_article_status(draft.id, ArticleStatus::Published, t0 + 5_001)
        .await
        .unwrap();
    let log = app
        .store()
        .webhook_deliveries(Some(hook_id), None, 10)
        .await
        .unwrap();
    assert_eq!(log.len(), 2, "the first delivery and the ping only");

    // Removal takes the log with it.
    let removed = admin
        .post(&format!("{at}/delete"), &[("csrf_token", &csrf)])
        .await;
    assert_eq!(removed.status(), StatusCode::SEE_OTHER);
    assert!(app.store().webhooks().await.unwrap().is_empty());
    assert_eq!(admin.get(&at).await.status(), StatusCode::NOT_FOUND);
}

async fn corrections_takedowns_and_comments_are_sent(app: TestApp) {
    let listener = Listener::start(&[]).await;
    let store = app.store();
    let all = WebhookEvent::SUBSCRIBABLE;
    hook(store, &listener.url, &all).await;
    // A hook that wants comments only is sent nothing else.
    let comments_only = Listener::start(&[]).await;
    hook(store, &comments_only.url, &[WebhookEvent::CommentPosted]).await;
    let bridge = app.newsroom.bridge.id;
    let t0 = NOW + 2_000;

    let mut change = StatusChange::to(ArticleStatus::Corrected);
    change.correction = Some("The bridge is 40 m long, not 400 m.".into());
    store.change_status(bridge, &change, t0).await.unwrap();
    store
        .set_article_status(bridge, ArticleStatus::Unpublished, t0 + 1)
        .await
        .unwrap();
    store
        .set_article_status(bridge, ArticleStatus::Published, t0 + 2)
        .await
        .unwrap();
    let reader = store.insert_test_reader("Ann", NOW - 86_400, true).await;
    let held = store
        .post_comment(&NewComment {
            article_id: bridge,
            reader_id: reader,
            reply_to: None,
            body_source: "Held first".into(),
            body_html: "<p>Held first</p>".into(),
            status: CommentStatus::Pending,
            status_reason: String::new(),
            ip: "192.0.2.1".into(),
            at: t0 + 3,
        })
        .await
        .unwrap();
    store
        .post_comment(&NewComment {
            article_id: bridge,
            reader_id: reader,
            reply_to: None,
            body_source: "Well built".into(),
            body_html: "<p>Well built</p>".into(),
            status: CommentStatus::Published,
            status_reason: String::new(),
            ip: "192.0.2.1".into(),
            at: t0 + 4,
        })
        .await
        .unwrap();
    let moderator = staff(store, "mod@example.org", Role::Editor, &[]).await;
    let approve = dateline_store::comments::StatusChange {
        comment_id: held.id,
        action: dateline_store::comments::ModerationAction::Approve,
        reason: String::new(),
        at: t0 + 5,
        actor_user_id: moderator.id(),
        audit: NewAudit::new("comment.approve", "comment", Some(held.id), t0 + 5),
    };
    store.moderate_comment(&approve).await.unwrap();

    let round = sender(store).deliver_due(t0 + 10).await.unwrap();
    assert_eq!(round.delivered, 5 + 2, "{round:?}");
    let bodies: Vec<Value> = listener
        .received()
        .iter()
        .map(|r| verified(r, "whsec_test"))
        .collect();
    let mut events: Vec<(String, i64)> = bodies
        .iter()
        .map(|b| {
            (
                b["event"].as_str().unwrap().to_owned(),
                b["created_at"].as_i64().unwrap(),
            )
        })
        .collect();
    events.sort_by_key(|e| e.1);
    assert_eq!(
        events,
        [
            ("article.corrected".to_owned(), t0),
            ("article.unpublished".to_owned(), t0 + 1),
            ("article.published".to_owned(), t0 + 2),
            ("comment.posted".to_owned(), t0 + 4),
            ("comment.posted".to_owned(), t0 + 5),
        ]
    );
    let corrected = bodies
        .iter()
        .find(|b| b["event"] == "article.corrected")
        .unwrap();
    assert_eq!(
        corrected["data"]["correction"]["note"],
        "The bridge is 40 m long, not 400 m."
    );
    assert_eq!(corrected["data"]["article"]["status"], "corrected");
    let unpublished = bodies
        .iter()
        .find(|b| b["event"] == "article.unpublished")
        .unwrap();
    assert_eq!(unpublished["data"]["article"]["status"], "unpublished");
    let approved = bodies
        .iter()
        .find(|b| b["event"] == "comment.posted" && b["created_at"] == t0 + 5)
        .unwrap();
    let comment = &approved["data"]["comment"];
    assert_eq!(comment["id"], held.id);
    assert_eq!(comment["author_name"], "Ann");
    assert_eq!(comment["body"], "Held first");
    let story_url = approved["data"]["article"]["url"].as_str().unwrap();
    assert_eq!(comment["url"], format!("{story_url}/comments#c{}", held.id));
    let others: Vec<String> = comments_only
        .received()
        .iter()
        .map(|r| header(r, "dateline-event").to_owned())
        .collect();
    assert_eq!(others, ["comment.posted", "comment.posted"]);
}

async fn a_queued_delivery_survives_a_restart(app: TestApp) {
    let listener = Listener::start(&[]).await;
    let hook_id = hook(
        app.store(),
        &listener.url,
        &[WebhookEvent::ArticlePublished],
    )
    .await;
    let t0 = NOW + 3_000;
    app.store()
        .set_article_status(app.newsroom.draft.id, ArticleStatus::Published, t0)
        .await
        .unwrap();
    // A node claims it and dies before sending.
    let id = app.store().due_webhook_deliveries(t0, 10).await.unwrap()[0];
    assert!(app
        .store()
        .claim_webhook_delivery(id, t0, 60)
        .await
        .unwrap()
        .is_some());
    assert!(app
        .store()
        .claim_webhook_delivery(id, t0, 60)
        .await
        .unwrap()
        .is_none());

    // "Restart": a new connection to the same database and a new sender.
    let reopened = match app.sqlite_url() {
        Some(url) => Store::connect(&url, 2).await.unwrap(),
        None => app.store().another_node().await.unwrap(),
    };
    let sender = sender(&reopened);
    assert_eq!(
        sender.deliver_due(t0 + 30).await.unwrap(),
        Default::default()
    );
    assert!(listener.received().is_empty(), "the claim still holds");
    let round = sender.deliver_due(t0 + 61).await.unwrap();
    assert_eq!(round.delivered, 1, "{round:?}");
    assert_eq!(listener.received().len(), 1);
    let log = reopened
        .webhook_deliveries(Some(hook_id), None, 10)
        .await
        .unwrap();
    assert_eq!(
        (log[0].state, log[0].attempts),
        (DeliveryState::Delivered, 2)
    );
    // Delivered once: nothing is due any more.
    assert!(reopened
        .due_webhook_deliveries(t0 + 100_000, 10)
        .await
        .unwrap()
        .is_empty());
}

async fn a_delivery_that_keeps_failing_fails_and_can_be_retried(app: TestApp) {
    let listener = Listener::start(&[503; 8]).await;
    let hook_id = hook(
        app.store(),
        &listener.url,
        &[WebhookEvent::ArticlePublished],
    )
    .await;
    let t0 = NOW + 4_000;
    app.store()
        .set_article_status(app.newsroom.draft.id, ArticleStatus::Published, t0)
        .await
        .unwrap();
    let sender = sender(app.store());
    let mut at = t0;
    for attempt in 1..=8 {
        let round = sender.deliver_due(at).await.unwrap();
        let log = &app
            .store()
            .webhook_deliveries(Some(hook_id), None, 1)
            .await
            .unwrap()[0];
        assert_eq!(log.attempts, attempt);
        if attempt < 8 {
            assert_eq!(round.retried, 1, "attempt {attempt}");
            assert!(log.next_attempt_at >= at + dateline_web::webhooks::backoff(attempt));
            at = log.next_attempt_at;
        } else {
            assert_eq!(round.failed, 1);
            assert_eq!(log.state, DeliveryState::Failed);
            assert!(log.last_error.contains("503"), "{}", log.last_error);
        }
    }
    assert!(at - t0 < 86_400 + 86_400 / 10, "about a day: {}", at - t0);

    // "Retry now" in the newsroom: one more attempt, which succeeds.
    let (mut admin, csrf) = signed_in(&app, "boss@example.org", Role::Admin).await;
    let page = admin
        .get(&format!("/newsroom/webhooks/{hook_id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Failed") && page.contains("HTTP 503"),
        "{page}"
    );
    let delivery = app
        .store()
        .webhook_deliveries(Some(hook_id), None, 1)
        .await
        .unwrap()[0]
        .id;
    let retry = admin
        .post(
            &format!("/newsroom/webhooks/{hook_id}/deliveries/{delivery}/retry"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(retry.status(), StatusCode::SEE_OTHER);
    let round = sender.deliver_due(dateline_web::auth::now()).await.unwrap();
    assert_eq!(round.delivered, 1, "{round:?}");
    assert_eq!(listener.received().len(), 9);
}

async fn only_admins_manage_webhooks(app: TestApp) {
    let ((mut editor, csrf), ed) = signed_in_as(&app, "ed@example.org", Role::Editor).await;
    assert_eq!(
        editor.get("/newsroom/webhooks").await.status(),
        StatusCode::FORBIDDEN
    );
    let refused = editor
        .post(
            "/newsroom/webhooks",
            &[
                ("csrf_token", &csrf),
                ("url", "https://hooks.example/in"),
                ("events", "article.published"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let nav = editor.get("/newsroom/").await.text().await.unwrap();
    assert!(!nav.contains("/newsroom/webhooks"));

    let (_, ed_token) = token(app.store(), ed, Scopes::all(), None).await;
    let (status, body) = call(&app, &ed_token, Method::GET, "/api/v1/admin/webhooks", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(app.store().webhooks().await.unwrap().is_empty());
}

async fn the_admin_api_manages_webhooks(app: TestApp) {
    let boss = staff(app.store(), "boss@example.org", Role::Admin, &[]).await;
    let (_, secret) = token(app.store(), boss.id(), Scopes::all(), None).await;
    let path = "/api/v1/admin/webhooks";
    let (status, body) = call(
        &app,
        &secret,
        Method::POST,
        path,
        Some(json!({ "url": "https://hooks.example/in", "events": ["article.deleted"] })),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "invalid_input");
    let (status, created) = call(
        &app,
        &secret,
        Method::POST,
        path,
        Some(json!({
            "url": "https://hooks.example/in",
            "events": ["comment.posted", "article.published"],
            "description": "Chat room",
        })),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert!(created["secret"].as_str().unwrap().starts_with("whsec_"));
    assert_eq!(
        created["events"],
        json!(["article.published", "comment.posted"])
    );
    assert_eq!(created["active"], true);
    let id = created["id"].as_i64().unwrap();
    let (status, list) = call(&app, &secret, Method::GET, path, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["items"][0]["url"], "https://hooks.example/in");
    assert!(list["items"][0].get("secret").is_none(), "{list}");
    app.store()
        .set_article_status(app.newsroom.draft.id, ArticleStatus::Published, NOW + 10)
        .await
        .unwrap();
    let (status, log) = call(
        &app,
        &secret,
        Method::GET,
        &format!("{path}/{id}/deliveries"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{log}");
    assert_eq!(log["items"][0]["event"], "article.published");
    assert_eq!(log["items"][0]["state"], "queued");
    assert_eq!(log["items"][0]["attempts"], 0);
    let response = reqwest::Client::new()
        .delete(app.url(&format!("{path}/{id}")))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let (status, _) = call(
        &app,
        &secret,
        Method::GET,
        &format!("{path}/{id}/deliveries"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn websub_pings_name_every_feed_of_the_story(app: TestApp) {
    let hub = Listener::start(&[]).await;
    let store = app.store();
    let t0 = NOW + 5_000;
    // Without a hub nothing is queued.
    store
        .set_article_status(app.newsroom.draft.id, ArticleStatus::Published, t0)
        .await
        .unwrap();
    assert!(store
        .webhook_deliveries(None, None, 10)
        .await
        .unwrap()
        .is_empty());
    let mut settings = store.site_settings().await.unwrap();
    settings.websub_hub = Some(hub.url.clone());
    store
        .update_site_settings(&settings, &NewAudit::new("site.settings", "site", None, t0))
        .await
        .unwrap();
    let bridge = app.newsroom.bridge.id;
    let mut change = StatusChange::to(ArticleStatus::Corrected);
    change.correction = Some("A name was misspelt.".into());
    let article = store.change_status(bridge, &change, t0 + 1).await.unwrap();
    // A take-down pings nobody.
    store
        .set_article_status(app.newsroom.draft.id, ArticleStatus::Unpublished, t0 + 2)
        .await
        .unwrap();
    let round = sender(store).deliver_due(t0 + 3).await.unwrap();
    assert_eq!(round.delivered, 1, "{round:?}");
    let pings = hub.received();
    assert_eq!(pings.len(), 1);
    assert_eq!(
        header(&pings[0], "content-type"),
        "application/x-www-form-urlencoded"
    );
    assert!(pings[0].headers.get("dateline-signature").is_none());
    let form: Vec<(String, String)> = form_urlencoded::parse(&pings[0].body)
        .into_owned()
        .collect();
    assert_eq!(form[0], ("hub.mode".to_owned(), "publish".to_owned()));
    let urls: Vec<&str> = form[1..]
        .iter()
        .map(|(k, v)| {
            assert_eq!(k, "hub.url");
            v.as_str()
        })
        .collect();
    let section = app.newsroom.fixtures.world.slug.as_str();
    let mut expected = vec!["/en/".to_owned(), format!("/en/{section}/")];
    expected.extend(
        article
            .tags
            .iter()
            .map(|t| format!("/en/tag/{}/", t.slug.as_str())),
    );
    expected.extend(
        article
            .authors
            .iter()
            .map(|a| format!("/en/author/{}/", a.slug.as_str())),
    );
    assert!(!article.tags.is_empty() || !article.authors.is_empty());
    let mut wanted = Vec::new();
    for listing in &expected {
        for file in ["rss.xml", "atom.xml", "feed.json"] {
            wanted.push(format!("{BASE_URL}{listing}{file}"));
        }
    }
    assert_eq!(urls, wanted);
}

on_both_backends!(crate::test_app::TestApp::on;
    a_publication_is_signed_retried_and_logged,
    corrections_takedowns_and_comments_are_sent,
    a_queued_delivery_survives_a_restart,
    a_delivery_that_keeps_failing_fails_and_can_be_retried,
    only_admins_manage_webhooks,
    the_admin_api_manages_webhooks,
    websub_pings_name_every_feed_of_the_story,
);
