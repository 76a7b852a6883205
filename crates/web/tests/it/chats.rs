//! Chats end to end: real WebSocket clients against the real router over a
//! real database. Two readers exchange messages, anonymous readers read
//! but cannot write, bad frames and refused messages reach only their
//! sender, a resume gets what it missed once, moderators delete, mute and
//! ban, the page works without JavaScript, and on PostgreSQL a message
//! posted through one node reaches a socket on another.

use std::collections::HashSet;
use std::time::Duration;

use dateline_domain::comment::WordKind;
use dateline_store::chats::{ChatRoom, ChatRoomInput};
use dateline_store::testing::TestDb;
use dateline_store::{NewAudit, Store};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::account::{AccountApp, Browser};
use crate::comments::reader;
use crate::moderation::moderator;
use crate::test_app::{TestApp, BASE_URL};
use dateline_web::{AppState, CacheConfig, WebConfig};

const ROOM: &str = "/en/chats/town-square";
const WAIT: Duration = Duration::from_secs(10);
/// How long a client waits to be sure nothing arrives.
const QUIET: Duration = Duration::from_millis(400);

async fn room(store: &Store, edition_id: i64, slug: &str, slow_mode_seconds: i64) -> ChatRoom {
    let input = ChatRoomInput {
        edition_id,
        slug: slug.parse().unwrap(),
        title: format!("Room {slug}"),
        description: "Talk about the day".into(),
        slow_mode_seconds,
        is_open: true,
        position: 0,
    };
    let audit = NewAudit::new("chat_room.create", "chat_room", None, 0);
    store.create_chat_room(&input, 0, &audit).await.unwrap()
}

async fn en_room(t: &AccountApp) -> ChatRoom {
    room(
        t.app.store(),
        t.app.newsroom.fixtures.en.id,
        "town-square",
        0,
    )
    .await
}

/// A WebSocket client; `who` signs it in with a reader's cookies.
pub(crate) type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// A WebSocket to `path` at the server `base` (`http://host:port/`), sent
/// with `origin` (as a page of that site would) and `who`'s cookies.
pub(crate) async fn connect(
    base: &str,
    path: &str,
    who: Option<&Browser>,
    origin: Option<&str>,
) -> Socket {
    let url = format!("{}{path}", base.trim_end_matches('/')).replacen("http://", "ws://", 1);
    let mut request = url.into_client_request().unwrap();
    if let Some(origin) = origin {
        let origin = origin.trim_end_matches('/');
        request
            .headers_mut()
            .insert("origin", HeaderValue::from_str(origin).unwrap());
    }
    if let Some(browser) = who {
        let cookies = browser
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        request
            .headers_mut()
            .insert("cookie", HeaderValue::from_str(&cookies).unwrap());
    }
    tokio_tungstenite::connect_async(request).await.unwrap().0
}

struct Client {
    ws: Socket,
    /// Frames read while waiting for another, not yet looked at.
    held: std::collections::VecDeque<Value>,
}

impl Client {
    async fn open(app: &TestApp, path: &str, who: Option<&Browser>) -> Client {
        Client::open_from(app, path, who, Some(&app.url(""))).await
    }

    async fn open_from(
        app: &TestApp,
        path: &str,
        who: Option<&Browser>,
        origin: Option<&str>,
    ) -> Client {
        Client::open_at(&app.url(""), path, who, origin).await
    }

    /// At a server by its address (`http://host:port/`).
    async fn open_at(
        base: &str,
        path: &str,
        who: Option<&Browser>,
        origin: Option<&str>,
    ) -> Client {
        let ws = connect(base, path, who, origin).await;
        let mut client = Client {
            ws,
            held: Default::default(),
        };
        let ready = client.next_of("ready").await;
        assert!(ready["label"].is_string(), "{ready}");
        client
    }

    async fn send(&mut self, frame: Value) {
        self.ws
            .send(Message::text(frame.to_string()))
            .await
            .unwrap();
    }

    async fn send_raw(&mut self, message: Message) {
        self.ws.send(message).await.unwrap();
    }

    /// The next JSON frame, or `None` when none comes within `wait`.
    async fn recv(&mut self, wait: Duration) -> Option<Value> {
        if let Some(frame) = self.held.pop_front() {
            return Some(frame);
        }
        loop {
            let next = tokio::time::timeout(wait, self.ws.next()).await.ok()??;
            match next {
                Ok(Message::Text(text)) => return Some(serde_json::from_str(&text).unwrap()),
                Ok(Message::Ping(_) | Message::Pong(_)) => continue,
                Ok(Message::Close(_)) | Err(_) => return None,
                Ok(other) => panic!("unexpected frame {other:?}"),
            }
        }
    }

    /// The next frame of type `kind`, skipping presence updates.
    async fn next_of(&mut self, kind: &str) -> Value {
        loop {
            let frame = self
                .recv(WAIT)
                .await
                .unwrap_or_else(|| panic!("no {kind} frame"));
            if frame["type"] == kind {
                return frame;
            }
            assert_eq!(frame["type"], "presence", "expected {kind}, got {frame}");
        }
    }

    /// Asserts that no message, deletion or error arrives for a moment.
    async fn quiet(&mut self) {
        while let Some(frame) = self.recv(QUIET).await {
            assert_eq!(frame["type"], "presence", "unexpected {frame}");
        }
    }

    /// Sends `body`; returns the `sent` or `error` answer.
    async fn say(&mut self, body: &str, nonce: &str) -> Value {
        self.send(json!({"type": "send", "body": body, "nonce": nonce}))
            .await;
        let mut other = Vec::new();
        let answer = loop {
            let frame = self.recv(WAIT).await.expect("an answer");
            if frame["nonce"] == nonce {
                break frame;
            }
            other.push(frame);
        };
        self.held.extend(other);
        answer
    }

    /// Sends `body`, waits until the sender's socket shows it too (other
    /// frames are kept for later), and returns the new message's id.
    async fn post(&mut self, body: &str) -> i64 {
        let answer = self.say(body, body).await;
        assert_eq!(answer["type"], "sent", "{answer}");
        let id = answer["id"].as_i64().unwrap();
        let mut other = Vec::new();
        loop {
            let frame = self.recv(WAIT).await.expect("the sender's own message");
            if frame["type"] == "message" && frame["id"] == id {
                break;
            }
            other.push(frame);
        }
        let rest: Vec<Value> = self.held.drain(..).collect();
        self.held.extend(other);
        self.held.extend(rest);
        id
    }
}

async fn two_readers_exchange_messages_and_anonymous_readers_only_read(
    t: crate::account::AccountApp,
) {
    en_room(&t).await;
    let ann = reader(&t, "Ann").await;
    let bob = reader(&t, "Bob").await;
    let mut a = Client::open(&t.app, &format!("{ROOM}/ws"), Some(&ann)).await;
    let mut b = Client::open(&t.app, &format!("{ROOM}/ws"), Some(&bob)).await;
    let mut anon = Client::open(&t.app, &format!("{ROOM}/ws"), None).await;

    let id = a.post("Hello, Bob! <b>hi</b>").await;
    let got = b.next_of("message").await;
    assert_eq!(
        (
            got["id"].as_i64(),
            got["author"].as_str(),
            got["body"].as_str()
        ),
        (Some(id), Some("Ann"), Some("Hello, Bob! <b>hi</b>"))
    );
    assert_eq!(anon.next_of("message").await["id"], id);
    let reply = b.post("Hi Ann").await;
    assert_eq!(a.next_of("message").await["id"], reply);
    assert_eq!(anon.next_of("message").await["id"], reply);

    let refused = anon.say("let me in", "x1").await;
    assert_eq!(refused["code"], "sign_in", "{refused}");
    assert_eq!(refused["reason"], "Sign in to write in this chat.");
    a.quiet().await;
    b.quiet().await;

    // Three sockets are here; everyone is told.
    let mut count = 0;
    while count != 3 {
        count = a.next_of("presence").await["count"].as_i64().unwrap();
    }

    // The server-rendered page shows the same, escaped, outside the cache.
    let mut browser = t.browser();
    let page = browser.get(ROOM).await;
    assert_eq!(page.status, 200);
    assert!(page.text(".chat-log").contains("Hello, Bob! <b>hi</b>"));
    assert!(page.body.contains("Hello, Bob! &lt;b&gt;hi&lt;/b&gt;"));
    assert!(page.text(".chat-presence").contains("3 people here"));
    assert!(page.text(".chat-prompt").contains("sign in"));
    assert_eq!(page.cache_control, "no-cache");
    let list = browser.get("/en/chats").await;
    assert!(list.text(".chat-room-list").contains("Room town-square"));
    assert!(list.text(".chat-room-list").contains("3 people here"));
}

async fn bad_input_is_refused_to_that_client_alone(t: AccountApp) {
    en_room(&t).await;
    let store = t.app.store();
    store
        .add_moderation_word("scam", WordKind::Banned, &word_audit())
        .await
        .unwrap();
    let ann = reader(&t, "Ann").await;
    let bob = reader(&t, "Bob").await;
    let mut a = Client::open(&t.app, &format!("{ROOM}/ws"), Some(&ann)).await;
    let mut b = Client::open(&t.app, &format!("{ROOM}/ws"), Some(&bob)).await;

    let first = a.post("first").await;
    a.send_raw(Message::text("this is not json")).await;
    assert_eq!(a.next_of("error").await["code"], "malformed_frame");
    a.send(json!({"type": "dance"})).await;
    assert_eq!(a.next_of("error").await["code"], "malformed_frame");
    a.send_raw(Message::binary(vec![1, 2, 3])).await;
    assert_eq!(a.next_of("error").await["code"], "malformed_frame");
    let huge = "x".repeat(dateline_web::chats::MAX_FRAME + 10);
    a.send(json!({"type": "send", "body": huge, "nonce": "big"}))
        .await;
    let error = a.next_of("error").await;
    assert_eq!(error["code"], "frame_too_large", "{error}");
    assert_eq!(error["reason"], "That message is too large to send.");
    let error = a
        .say(&"y".repeat(dateline_web::chats::MAX_CHARS + 1), "long")
        .await;
    assert_eq!(error["code"], "message_too_long", "{error}");
    let error = a.say("   ", "blank").await;
    assert_eq!(error["code"], "message_empty");
    let error = a.say("What a SCAM this is", "word").await;
    assert_eq!(error["code"], "banned_word");
    assert!(
        error["reason"].as_str().unwrap().contains("“scam”"),
        "{error}"
    );
    let error = a
        .say(
            "https://a.example https://b.example https://c.example",
            "links",
        )
        .await;
    assert_eq!(error["code"], "too_many_links");

    // A flood: the rate limit refuses what goes past it.
    let mut sent = vec![first];
    let mut limited = 0;
    for n in 0..6 {
        let answer = a.say(&format!("flood {n}"), &format!("f{n}")).await;
        match answer["type"].as_str() {
            Some("sent") => sent.push(answer["id"].as_i64().unwrap()),
            _ => {
                assert_eq!(answer["code"], "rate_limited", "{answer}");
                limited += 1;
            }
        }
    }
    // Refused messages spend nothing: the first message and four of the
    // flood fill the window, the last two are refused.
    assert_eq!(
        (sent.len() as i64, limited),
        (
            dateline_web::chats::RATE_COUNT,
            7 - dateline_web::chats::RATE_COUNT
        )
    );

    // Bob saw the accepted messages and nothing else.
    for id in &sent {
        assert_eq!(b.next_of("message").await["id"], *id);
    }
    b.quiet().await;
    // Ann's socket is still open and hears Bob.
    let hello = b.post("still here?").await;
    loop {
        let frame = a.next_of("message").await;
        if frame["id"] == hello {
            break;
        }
    }
    // The page's language: the same refusal in Russian in a Russian room.
    room(store, t.app.newsroom.fixtures.ru.id, "ploshchad", 0).await;
    let mut ru = Client::open(&t.app, "/ru/chats/ploshchad/ws", None).await;
    let error = ru.say("привет", "ru").await;
    assert_eq!(error["reason"], "Войдите, чтобы писать в этом чате.");
}

#[tokio::test]
async fn too_many_frames_close_the_abusive_socket_only() {
    let t = crate::comments::comment_app(TestDb::sqlite().await).await;
    en_room(&t).await;
    let bob = reader(&t, "Bob").await;
    let mut abuser = Client::open(&t.app, &format!("{ROOM}/ws"), None).await;
    let mut b = Client::open(&t.app, &format!("{ROOM}/ws"), Some(&bob)).await;
    for _ in 0..=dateline_web::chats::ABUSE_FRAMES {
        let _ = abuser.ws.send(Message::text("{}")).await;
    }
    let mut errors = 0;
    while let Some(frame) = abuser.recv(WAIT).await {
        if frame["type"] == "error" {
            errors += 1;
        }
    }
    assert_eq!(
        errors,
        dateline_web::chats::ABUSE_FRAMES,
        "then it was closed"
    );
    // Bob's own socket carries his message: the room goes on.
    b.post("the room goes on").await;
    let health = t.app.get("/healthz").await;
    assert!(health.status().is_success());
}

async fn a_resume_gets_what_it_missed_exactly_once(t: AccountApp) {
    en_room(&t).await;
    let ann = reader(&t, "Ann").await;
    let bob = reader(&t, "Bob").await;
    let mut b = Client::open(&t.app, &format!("{ROOM}/ws"), Some(&bob)).await;
    let mut a = Client::open(&t.app, &format!("{ROOM}/ws"), Some(&ann)).await;
    let m1 = b.post("one").await;
    assert_eq!(a.next_of("message").await["id"], m1);
    let mut have: HashSet<i64> = HashSet::from([m1]);
    drop(a);

    let m2 = b.post("two").await;
    let m3 = b.post("three").await;
    let mut a = Client::open(&t.app, &format!("{ROOM}/ws?after={m1}"), Some(&ann)).await;
    let mut new = Vec::new();
    let mut seen_on_socket = HashSet::new();
    while new.len() < 2 {
        let frame = a.next_of("message").await;
        let id = frame["id"].as_i64().unwrap();
        assert!(seen_on_socket.insert(id), "{id} sent twice");
        // The client skips what it has (the overlap before its position).
        if have.insert(id) {
            new.push(id);
        }
    }
    assert_eq!(new, [m2, m3]);
    let m4 = b.post("four").await;
    loop {
        let frame = a.next_of("message").await;
        let id = frame["id"].as_i64().unwrap();
        assert!(seen_on_socket.insert(id), "{id} sent twice");
        if id == m4 {
            break;
        }
        assert!(
            have.contains(&id),
            "only the overlap may come again: {frame}"
        );
    }
    a.quiet().await;

    // Paging back: over the socket and as a plain link.
    let history = {
        a.send(json!({"type": "history", "before": m3})).await;
        a.next_of("history").await
    };
    let ids: Vec<i64> = history["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [m1, m2]);
    assert_eq!(history["more"], false);
    let page = t.browser().get(&format!("{ROOM}?before={m3}")).await;
    assert!(page.text(".chat-log").contains("two"));
    assert!(!page.text(".chat-log").contains("three"));
}

async fn moderators_delete_mute_and_ban_and_every_socket_hears_it(t: AccountApp) {
    en_room(&t).await;
    let ann = reader(&t, "Ann").await;
    let bob = reader(&t, "Bob").await;
    let mut a = Client::open(&t.app, &format!("{ROOM}/ws"), Some(&ann)).await;
    let mut b = Client::open(&t.app, &format!("{ROOM}/ws"), Some(&bob)).await;
    let id = a.post("something rude").await;
    assert_eq!(b.next_of("message").await["id"], id);

    let (mut desk, csrf) = moderator(&t.app).await;
    let page = desk.get("/newsroom/chats").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("something rude"), "{html}");
    let done = desk
        .post(
            &format!("/newsroom/chats/messages/{id}/delete"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(done.status(), 303);
    assert_eq!(a.next_of("deleted").await["id"], id);
    assert_eq!(b.next_of("deleted").await["id"], id);
    let page = t.browser().get(ROOM).await;
    assert!(!page.body.contains("something rude"));

    let ann_id = t
        .app
        .store()
        .reader_by_email(&"ann@readers.example".parse().unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    let muted = desk
        .post(
            &format!("/newsroom/chats/readers/{ann_id}/sanction"),
            &[
                ("csrf_token", &csrf),
                ("kind", "mute"),
                ("minutes", "30"),
                ("reason", "cool off"),
            ],
        )
        .await;
    assert_eq!(muted.status(), 303);
    let error = a.say("am I muted?", "m").await;
    assert_eq!(error["code"], "chat_muted");
    assert!(error["reason"].as_str().unwrap().contains("cool off"));
    let listed = desk.get("/newsroom/chats").await.text().await.unwrap();
    assert!(
        listed.contains("muted until") && listed.contains("cool off"),
        "{listed}"
    );
    let banned = desk
        .post(
            &format!("/newsroom/chats/readers/{ann_id}/sanction"),
            &[("csrf_token", &csrf), ("kind", "ban"), ("reason", "spam")],
        )
        .await;
    assert_eq!(banned.status(), 303);
    assert_eq!(a.say("and now?", "n").await["code"], "chat_banned");
    b.quiet().await;
    let mut ann_page = ann;
    let page = ann_page.get(ROOM).await;
    assert!(page.text(".form-error").contains("banned from chats"));
    let lifted = desk
        .post(
            &format!("/newsroom/chats/readers/{ann_id}/sanction"),
            &[("csrf_token", &csrf), ("kind", "lift")],
        )
        .await;
    assert_eq!(lifted.status(), 303);
    let back = a.post("back again").await;
    assert_eq!(b.next_of("message").await["id"], back);
    let log = desk
        .get("/newsroom/moderation/log")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        log.contains("chat.delete") && log.contains("chat.ban"),
        "{log}"
    );

    // Closing the room and slow mode, from the newsroom.
    let room_id = t
        .app
        .store()
        .chat_rooms(None)
        .await
        .unwrap()
        .first()
        .unwrap()
        .id;
    let saved = desk
        .post(
            &format!("/newsroom/chats/rooms/{room_id}"),
            &[
                ("csrf_token", &csrf),
                ("slug", "town-square"),
                ("title", "Town square"),
                ("slow_mode_seconds", "60"),
                ("is_open", "1"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let first = b.post("slow one").await;
    assert!(first > 0);
    let error = b.say("slow two", "s2").await;
    assert_eq!(error["code"], "slow_mode", "{error}");
    let closed = desk
        .post(
            &format!("/newsroom/chats/rooms/{room_id}"),
            &[
                ("csrf_token", &csrf),
                ("slug", "town-square"),
                ("title", "Town square"),
            ],
        )
        .await;
    assert_eq!(closed.status(), 303);
    assert_eq!(a.say("closed?", "c").await["code"], "room_closed");
}

async fn the_room_page_works_without_javascript(t: AccountApp) {
    en_room(&t).await;
    t.app
        .store()
        .add_moderation_word("scam", WordKind::Banned, &word_audit())
        .await
        .unwrap();
    let mut ann = reader(&t, "Ann").await;
    let page = ann.get(ROOM).await;
    assert_eq!(page.cache_control, "private, no-store");
    assert!(page.text(".chat-signed-in").contains("Ann"));
    let answer = ann.submit(&page, ROOM, &[("body", "From a form")]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert!(answer
        .location
        .as_deref()
        .unwrap()
        .starts_with(&format!("{ROOM}#m")));
    let page = ann.get(ROOM).await;
    assert!(page.text(".chat-log").contains("From a form"));

    let refused = ann.submit(&page, ROOM, &[("body", "pure scam")]).await;
    assert_eq!(refused.status, 422);
    assert!(refused.text(".form-error").contains("not allowed"));
    assert!(
        refused.text("textarea").contains("pure scam"),
        "the text is kept"
    );

    let mut anonymous = t.browser();
    let answer = anonymous
        .post(ROOM, &[("body".to_owned(), "who am I".to_owned())])
        .await;
    assert_eq!(answer.status, 401);
    assert!(answer.text(".form-error").contains("Sign in"));
    assert_eq!(anonymous.get("/en/chats/nowhere").await.status, 404);

    // A page elsewhere cannot write with the reader's cookie.
    let mut hijack = Client::open_from(
        &t.app,
        &format!("{ROOM}/ws"),
        Some(&ann),
        Some("https://evil.example"),
    )
    .await;
    assert_eq!(hijack.say("pwned", "h").await["code"], "sign_in");
}

/// Two nodes on one PostgreSQL database: a message posted through one
/// reaches a socket open on the other, and so does its deletion.
#[tokio::test]
#[ignore = "needs PostgreSQL: set DATELINE_TEST_POSTGRES_URL and pass --include-ignored"]
async fn a_message_posted_on_one_node_reaches_sockets_on_another() {
    let db = TestDb::postgres_required().await;
    let second = db.store().another_node().await.expect("a second node");
    let t = crate::comments::comment_app(db).await;
    en_room(&t).await;
    let data_dir = crate::test_app::fresh_data_dir();
    let config = WebConfig {
        base_url: BASE_URL.into(),
        data_dir: data_dir.path().to_owned(),
        theme_dir: None,
        cache: CacheConfig::default(),
    };
    let other = dateline_web::router(AppState::new(second, config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    let server = tokio::spawn(async move { axum::serve(listener, other).await.unwrap() });

    let ann = reader(&t, "Ann").await;
    let path = format!("{ROOM}/ws");
    let mut on_other = Client::open_at(&base, &path, None, None).await;
    let mut a = Client::open(&t.app, &path, Some(&ann)).await;
    let id = a.post("across nodes").await;
    let got = on_other.next_of("message").await;
    assert_eq!(
        (got["id"].as_i64(), got["body"].as_str()),
        (Some(id), Some("across nodes"))
    );
    // Presence counts both nodes' sockets.
    let mut count = 0;
    while count != 2 {
        count = on_other.next_of("presence").await["count"]
            .as_i64()
            .unwrap();
    }
    // A deletion made on the first node reaches the second.
    let audit = NewAudit::new("chat_message.delete", "chat_message", Some(id), 0);
    let desk = crate::newsroom_auth::staff(
        t.app.store(),
        "desk@example.org",
        dateline_domain::Role::Editor,
        &[],
    )
    .await;
    t.app
        .store()
        .delete_chat_message(id, "", 0, desk.id(), &audit)
        .await
        .unwrap();
    assert_eq!(on_other.next_of("deleted").await["id"], id);
    server.abort();
}

async fn a_deletion_made_while_away_reaches_the_resumed_socket(t: AccountApp) {
    en_room(&t).await;
    let ann = reader(&t, "Ann").await;
    let bob = reader(&t, "Bob").await;
    let mut b = Client::open(&t.app, &format!("{ROOM}/ws"), Some(&bob)).await;
    let mut a = Client::open(&t.app, &format!("{ROOM}/ws"), Some(&ann)).await;
    let m1 = b.post("soon gone").await;
    let m2 = b.post("stays").await;
    assert_eq!(a.next_of("message").await["id"], m1);
    assert_eq!(a.next_of("message").await["id"], m2);
    drop(a);

    let desk = crate::newsroom_auth::staff(
        t.app.store(),
        "desk@example.org",
        dateline_domain::Role::Editor,
        &[],
    )
    .await;
    let now = chrono::Utc::now().timestamp();
    let audit = NewAudit::new("chat_message.delete", "chat_message", Some(m1), now);
    t.app
        .store()
        .delete_chat_message(m1, "", now, desk.id(), &audit)
        .await
        .unwrap();
    let mut a = Client::open(&t.app, &format!("{ROOM}/ws?after={m2}"), Some(&ann)).await;
    assert_eq!(a.next_of("deleted").await["id"], m1);
    a.quiet().await;
}

/// Whether the page has an element matching `selector`.
fn has(page: &crate::account::Page, selector: &str) -> bool {
    let doc = scraper::Html::parse_document(&page.body);
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel).next().is_some()
}

async fn own_messages_are_marked_and_grouped_for_their_reader_only(t: AccountApp) {
    en_room(&t).await;
    let closed = ChatRoomInput {
        edition_id: t.app.newsroom.fixtures.en.id,
        slug: "archive".parse().unwrap(),
        title: "Archive".into(),
        description: String::new(),
        slow_mode_seconds: 0,
        is_open: false,
        position: 1,
    };
    let audit = NewAudit::new("chat_room.create", "chat_room", None, 0);
    t.app
        .store()
        .create_chat_room(&closed, 0, &audit)
        .await
        .unwrap();
    let mut anonymous = t.browser();
    let list = anonymous.get("/en/chats").await;
    assert_eq!(
        list.text(".chat-room-activity"),
        "No messages yet No messages yet"
    );
    assert_eq!(
        list.text(".chat-room-card.is-closed .chat-room-state"),
        "Closed"
    );
    assert_eq!(
        list.text(".chat-room-card:not(.is-closed) .chat-room-state"),
        "Open"
    );

    let mut ann = reader(&t, "Ann").await;
    let mut bob = reader(&t, "Bob").await;
    let mut a = Client::open(&t.app, &format!("{ROOM}/ws"), Some(&ann)).await;
    let mut b = Client::open(&t.app, &format!("{ROOM}/ws"), Some(&bob)).await;
    let mut anon = Client::open(&t.app, &format!("{ROOM}/ws"), None).await;

    // The socket tells each reader which messages are their own.
    let sent = a.say("first from Ann", "f1").await;
    assert_eq!(sent["type"], "sent", "{sent}");
    let first = sent["id"].as_i64().unwrap();
    let own = a.next_of("message").await;
    assert_eq!(
        (own["id"].as_i64(), own["mine"].as_bool()),
        (Some(first), Some(true))
    );
    assert_eq!(own["initial"], "A");
    assert!(!own["day"].as_str().unwrap().is_empty(), "{own}");
    let theirs = b.next_of("message").await;
    assert_eq!(
        (theirs["id"].as_i64(), theirs["mine"].as_bool()),
        (Some(first), Some(false))
    );
    assert_eq!(anon.next_of("message").await["mine"], false);
    let second = a.post("second from Ann").await;
    let reply = b.post("Bob answers").await;
    assert_eq!(a.next_of("message").await["mine"], false);

    // The page marks them the same way, per reader, and groups Ann's two.
    let page = ann.get(ROOM).await;
    assert_eq!(page.cache_control, "private, no-store");
    assert!(has(
        &page,
        &format!("#m{first}.is-mine:not(.is-grouped) .chat-day")
    ));
    assert!(has(&page, &format!("#m{second}.is-mine.is-grouped")));
    assert!(has(
        &page,
        &format!("#m{reply}:not(.is-mine):not(.is-grouped) .chat-avatar")
    ));
    assert!(!has(
        &page,
        &format!("#m{second} .chat-day, #m{reply} .chat-day")
    ));
    // The author's name stays in the page for screen readers.
    assert_eq!(page.text(&format!("#m{second} .chat-author")), "Ann");
    let page = bob.get(ROOM).await;
    assert!(has(&page, &format!("#m{first}:not(.is-mine)")));
    assert!(has(&page, &format!("#m{second}.is-grouped:not(.is-mine)")));
    assert!(has(&page, &format!("#m{reply}.is-mine")));
    let page = anonymous.get(ROOM).await;
    assert_eq!(page.cache_control, "no-cache");
    assert!(
        !has(&page, ".is-mine"),
        "nobody's own on a page anyone may get"
    );
    assert!(has(&page, &format!("#m{second}.is-grouped")));

    // The room's card hints at when it last spoke.
    let list = anonymous.get("/en/chats").await;
    let activity = list.text(".chat-room-card:not(.is-closed) .chat-room-activity");
    assert!(activity.starts_with("Last message today at "), "{activity}");
}

fn word_audit() -> NewAudit {
    NewAudit::new("moderation_word.add", "moderation_word", None, 0)
}

on_both_backends!(
    crate::comments::comment_app;
    two_readers_exchange_messages_and_anonymous_readers_only_read,
    bad_input_is_refused_to_that_client_alone,
    a_resume_gets_what_it_missed_exactly_once,
    moderators_delete_mute_and_ban_and_every_socket_hears_it,
    the_room_page_works_without_javascript,
    a_deletion_made_while_away_reaches_the_resumed_socket,
    own_messages_are_marked_and_grouped_for_their_reader_only,
);
