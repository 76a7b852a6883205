//! Chat sockets per reader: with a cap of 2, a reader's (or, signed out, an
//! address's) third socket gets an `error` frame in the page's language
//! and is closed ("try again later"), others are not affected, and a
//! closed socket gives its place back.

use std::time::Duration;

use dateline_store::chats::ChatRoomInput;
use dateline_store::testing::TestDb;
use dateline_store::NewAudit;
use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::Message;

use crate::account::{AccountApp, Browser};
use crate::chats::{connect, Socket};
use crate::comments::reader;
use crate::smtp_sink::SmtpSink;
use crate::test_app::TestApp;

const WAIT: Duration = Duration::from_secs(10);

async fn capped_app(db: TestDb) -> AccountApp {
    let sink = SmtpSink::start().await;
    let mail = dateline_web::mail::MailConfig {
        smtp_url: Some(sink.url()),
        from: Some("Dateline <news@news.example>".into()),
    };
    let app = TestApp::on_with(db, |state| {
        state.with_mail(&mail).unwrap().with_chat_socket_cap(2)
    })
    .await;
    AccountApp { app, sink }
}

async fn add_room(t: &AccountApp, edition_id: i64, slug: &str) {
    let input = ChatRoomInput {
        edition_id,
        slug: slug.parse().unwrap(),
        title: format!("Room {slug}"),
        description: String::new(),
        slow_mode_seconds: 0,
        is_open: true,
        position: 0,
    };
    let audit = NewAudit::new("chat_room.create", "chat_room", None, 0);
    t.app
        .store()
        .create_chat_room(&input, 0, &audit)
        .await
        .unwrap();
}

/// A socket from this site's pages, signed in as `who` when given.
async fn open(app: &TestApp, path: &str, who: Option<&Browser>) -> Socket {
    let origin = app.url("");
    connect(&origin, path, who, Some(&origin)).await
}

/// The first JSON frame the server sends.
async fn first_frame(socket: &mut Socket) -> Value {
    loop {
        let message = tokio::time::timeout(WAIT, socket.next())
            .await
            .expect("a frame in time")
            .expect("the socket open")
            .unwrap();
        match message {
            Message::Text(text) => return serde_json::from_str(&text).unwrap(),
            Message::Ping(_) | Message::Pong(_) => continue,
            other => panic!("unexpected {other:?}"),
        }
    }
}

/// The refused socket's frames: the error, then a close "try again later".
async fn refused(socket: &mut Socket) -> String {
    let frame = first_frame(socket).await;
    assert_eq!(
        (frame["type"].as_str(), frame["code"].as_str()),
        (Some("error"), Some("too_many_sockets")),
        "{frame}"
    );
    let close = tokio::time::timeout(WAIT, socket.next())
        .await
        .expect("a close in time");
    match close {
        Some(Ok(Message::Close(Some(close)))) => assert_eq!(close.code, CloseCode::Again),
        other => panic!("expected a close, got {other:?}"),
    }
    frame["reason"].as_str().unwrap().to_owned()
}

async fn sockets_are_capped_per_reader_and_per_address(t: AccountApp) {
    let fx = &t.app.newsroom.fixtures;
    add_room(&t, fx.en.id, "town-square").await;
    add_room(&t, fx.ru.id, "ploshchad").await;
    let en = "/en/chats/town-square/ws";
    let ru = "/ru/chats/ploshchad/ws";
    let mut anonymous = Vec::new();
    for _ in 0..2 {
        let mut socket = open(&t.app, en, None).await;
        assert_eq!(first_frame(&mut socket).await["type"], "ready");
        anonymous.push(socket);
    }
    let mut third = open(&t.app, en, None).await;
    let reason = refused(&mut third).await;
    assert!(
        reason.contains("Too many chat windows") && reason.contains('2'),
        "{reason}"
    );
    // In the page's language.
    let mut russian = open(&t.app, ru, None).await;
    let reason = refused(&mut russian).await;
    assert!(reason.contains("слишком много окон чата"), "{reason}");

    // A signed-in reader is counted apart from the address.
    let bob = reader(&t, "Bob").await;
    let mut bobs = Vec::new();
    for _ in 0..2 {
        let mut socket = open(&t.app, en, Some(&bob)).await;
        let ready = first_frame(&mut socket).await;
        assert_eq!(
            (ready["type"].as_str(), ready["can_send"].as_bool()),
            (Some("ready"), Some(true))
        );
        bobs.push(socket);
    }
    let mut bob_third = open(&t.app, ru, Some(&bob)).await;
    refused(&mut bob_third).await;

    // A closed socket gives its place back, once the server has seen it close.
    let mut gone = anonymous.pop().unwrap();
    gone.close(None).await.unwrap();
    while let Ok(Some(Ok(_))) = tokio::time::timeout(WAIT, gone.next()).await {}
    let back = tokio::time::timeout(WAIT, async {
        loop {
            let mut socket = open(&t.app, en, None).await;
            if first_frame(&mut socket).await["type"] == "ready" {
                return socket;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    assert!(back.is_ok(), "the place came back");
    // Bob's sockets were never touched.
    for socket in &mut bobs {
        socket
            .send(Message::Ping(Default::default()))
            .await
            .unwrap();
    }
}

on_both_backends!(crate::chats_caps::capped_app; sockets_are_capped_per_reader_and_per_address);
