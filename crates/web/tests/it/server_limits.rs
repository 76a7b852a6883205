//! The server loop's limits over real sockets: slow headers get 408 and
//! are closed, silent and idle keep-alive connections are closed, a slow
//! body gets 408, connections over the per-address and total caps are
//! answered 429 / 503 and closed, and an open live stream and a chat
//! socket outlive the idle and header timeouts (and count against the caps). Timeouts are short here; no test asserts how
//! long anything took, only what happened and in which order. The loop has
//! no backend-specific part, so these run on SQLite only.

use std::time::Duration;

use dateline_store::chats::ChatRoomInput;
use dateline_store::testing::Fixtures;
use dateline_store::NewAudit;
use dateline_web::server::ServerLimits;
use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;

use crate::test_app::TestApp;

/// Generous bound for anything the server must do by itself.
const PATIENCE: Duration = Duration::from_secs(20);
/// Timeouts under test.
const SHORT: Duration = Duration::from_millis(500);
/// Timeouts not under test.
const LONG: Duration = Duration::from_secs(600);

fn limits() -> ServerLimits {
    ServerLimits {
        header_read_timeout: LONG,
        keep_alive_timeout: LONG,
        body_read_timeout: LONG,
        max_connections: 1000,
        max_connections_per_address: 1000,
        ..ServerLimits::default()
    }
}

async fn connect(app: &TestApp) -> TcpStream {
    let addr = app.url("").trim_start_matches("http://").to_owned();
    TcpStream::connect(addr.trim_end_matches('/'))
        .await
        .unwrap()
}

/// Everything the server sends until it closes the connection; fails when
/// it stays open past [`PATIENCE`].
async fn until_closed(stream: &mut TcpStream) -> String {
    let mut all = Vec::new();
    tokio::time::timeout(PATIENCE, stream.read_to_end(&mut all))
        .await
        .expect("the server closes the connection")
        .unwrap();
    String::from_utf8_lossy(&all).into_owned()
}

/// One whole answer on a keep-alive connection (headers and a
/// `content-length` body); the connection stays open.
async fn one_answer(stream: &mut TcpStream) -> String {
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    while !seen.ends_with(b"\r\n\r\n") {
        let n = tokio::time::timeout(PATIENCE, stream.read(&mut byte))
            .await
            .expect("an answer")
            .unwrap();
        assert_eq!(
            n,
            1,
            "closed mid-answer: {}",
            String::from_utf8_lossy(&seen)
        );
        seen.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&seen).into_owned();
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length: ")
                .map(str::to_owned)
        })
        .and_then(|v| v.trim().parse().ok())
        .expect("a content-length");
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).await.unwrap();
    head + &String::from_utf8_lossy(&body)
}

const HEALTH: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: news.example\r\n\r\n";

#[tokio::test]
async fn slow_headers_get_408_and_the_connection_closes() {
    let app = TestApp::with_limits(ServerLimits {
        header_read_timeout: SHORT,
        ..limits()
    })
    .await;
    let mut stream = connect(&app).await;
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: news.example\r\nX-Slow: 1")
        .await
        .unwrap();
    let answer = until_closed(&mut stream).await;
    assert!(answer.starts_with("HTTP/1.1 408 "), "{answer}");
    assert!(answer.contains("\"request_timeout\""), "{answer}");
    assert!(answer.contains("connection: close"), "{answer}");
}

#[tokio::test]
async fn silent_and_idle_keep_alive_connections_are_closed() {
    let app = TestApp::with_limits(ServerLimits {
        keep_alive_timeout: SHORT,
        ..limits()
    })
    .await;
    // Nothing sent: closed without a word.
    let mut silent = connect(&app).await;
    assert_eq!(until_closed(&mut silent).await, "");
    // Two requests on one connection (it is kept alive between answers),
    // then silence: closed with nothing more sent.
    let mut idle = connect(&app).await;
    for _ in 0..2 {
        idle.write_all(HEALTH).await.unwrap();
        let answer = one_answer(&mut idle).await;
        assert!(answer.starts_with("HTTP/1.1 200 "), "{answer}");
    }
    assert_eq!(until_closed(&mut idle).await, "");
}

#[tokio::test]
async fn a_slow_body_gets_408_and_the_connection_closes() {
    let app = TestApp::with_limits(ServerLimits {
        body_read_timeout: SHORT,
        ..limits()
    })
    .await;
    let mut stream = connect(&app).await;
    stream
        .write_all(
            b"POST /newsroom/login HTTP/1.1\r\nHost: news.example\r\n\
              Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=a",
        )
        .await
        .unwrap();
    let answer = until_closed(&mut stream).await;
    assert!(answer.starts_with("HTTP/1.1 408 "), "{answer}");
    assert!(answer.contains("\"request_timeout\""), "{answer}");
}

#[tokio::test]
async fn the_per_address_cap_answers_429_and_frees_with_a_close() {
    let app = TestApp::with_limits(ServerLimits {
        max_connections_per_address: 3,
        ..limits()
    })
    .await;
    let mut open = Vec::new();
    for _ in 0..3 {
        let mut stream = connect(&app).await;
        stream.write_all(HEALTH).await.unwrap();
        assert!(one_answer(&mut stream).await.starts_with("HTTP/1.1 200 "));
        open.push(stream);
    }
    let mut fourth = connect(&app).await;
    let answer = until_closed(&mut fourth).await;
    assert!(answer.starts_with("HTTP/1.1 429 "), "{answer}");
    assert!(answer.contains("retry-after: "), "{answer}");
    assert!(answer.contains("\"too_many_connections\""), "{answer}");
    // The three are still served.
    for stream in &mut open {
        stream.write_all(HEALTH).await.unwrap();
        assert!(one_answer(stream).await.starts_with("HTTP/1.1 200 "));
    }
    // Closing one gives its place back (once the server has seen the close).
    drop(open.pop());
    let served = tokio::time::timeout(PATIENCE, async {
        loop {
            let mut stream = connect(&app).await;
            stream.write_all(HEALTH).await.unwrap();
            let mut first = [0u8; 12];
            if stream.read_exact(&mut first).await.is_ok() && &first == b"HTTP/1.1 200" {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    assert!(served.is_ok(), "a closed connection's place is given back");
}

#[tokio::test]
async fn the_total_cap_answers_503() {
    let app = TestApp::with_limits(ServerLimits {
        max_connections: 2,
        ..limits()
    })
    .await;
    let mut open = Vec::new();
    for _ in 0..2 {
        let mut stream = connect(&app).await;
        stream.write_all(HEALTH).await.unwrap();
        assert!(one_answer(&mut stream).await.starts_with("HTTP/1.1 200 "));
        open.push(stream);
    }
    let mut third = connect(&app).await;
    let answer = until_closed(&mut third).await;
    assert!(answer.starts_with("HTTP/1.1 503 "), "{answer}");
    assert!(answer.contains("\"unavailable\""), "{answer}");
}

#[tokio::test]
async fn an_open_live_stream_outlives_the_idle_and_header_timeouts() {
    let app = TestApp::with_limits(ServerLimits {
        keep_alive_timeout: SHORT,
        header_read_timeout: SHORT,
        ..limits()
    })
    .await;
    let mut stream = connect(&app).await;
    stream
        .write_all(b"GET /en/newsfeed/live HTTP/1.1\r\nHost: news.example\r\nAccept: text/event-stream\r\n\r\n")
        .await
        .unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    while !seen.contains(": newsfeed") {
        let n = tokio::time::timeout(PATIENCE, stream.read(&mut buf))
            .await
            .expect("the stream opens")
            .unwrap();
        assert!(n > 0, "closed: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(seen.starts_with("HTTP/1.1 200 "), "{seen}");
    // A connection opened after the stream, left silent, is closed: the
    // idle timeout has passed for the stream too.
    let mut sentinel = connect(&app).await;
    assert_eq!(until_closed(&mut sentinel).await, "");
    // The stream is still open and carries a story published now.
    let fx = &app.newsroom.fixtures;
    let article = app
        .store()
        .create_article(&fx.article("outlives", Fixtures::NOW + 30))
        .await
        .unwrap();
    let mut events = String::new();
    while !events.contains("event: article") {
        let n = tokio::time::timeout(PATIENCE, stream.read(&mut buf))
            .await
            .expect("the story in time")
            .unwrap();
        assert!(n > 0, "the stream was cut: {events}");
        events.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(events.contains(&format!(".{}", article.id)), "{events}");
}

/// The next JSON frame of a chat socket.
async fn next_text<S>(socket: &mut tokio_tungstenite::WebSocketStream<S>) -> serde_json::Value
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    loop {
        let message = tokio::time::timeout(PATIENCE, socket.next())
            .await
            .expect("a frame in time")
            .expect("the socket open")
            .unwrap();
        if let Message::Text(text) = message {
            return serde_json::from_str(&text).unwrap();
        }
    }
}

#[tokio::test]
async fn a_chat_socket_outlives_the_timeouts_and_counts_against_the_caps() {
    let app = TestApp::with_limits(ServerLimits {
        keep_alive_timeout: SHORT,
        header_read_timeout: SHORT,
        max_connections_per_address: 2,
        ..limits()
    })
    .await;
    let input = ChatRoomInput {
        edition_id: app.newsroom.fixtures.en.id,
        slug: "town-square".parse().unwrap(),
        title: "Town square".into(),
        description: String::new(),
        slow_mode_seconds: 0,
        is_open: true,
        position: 0,
    };
    let audit = NewAudit::new("chat_room.create", "chat_room", None, 0);
    app.store()
        .create_chat_room(&input, 0, &audit)
        .await
        .unwrap();
    let url = app
        .url("/en/chats/town-square/ws")
        .replacen("http://", "ws://", 1);
    let (mut socket, _) = tokio_tungstenite::connect_async(url).await.unwrap();
    assert_eq!(next_text(&mut socket).await["type"], "ready");
    // The socket holds one of the address's two places: a silent second
    // connection is served (and closed when idle), a third is refused.
    let mut sentinel = connect(&app).await;
    let mut third = connect(&app).await;
    let refused = until_closed(&mut third).await;
    assert!(refused.starts_with("HTTP/1.1 429 "), "{refused}");
    assert_eq!(until_closed(&mut sentinel).await, "", "closed when idle");
    // The idle and header timeouts have passed: the socket still answers.
    socket
        .send(Message::text(r#"{"type":"history","before":1}"#))
        .await
        .unwrap();
    loop {
        let frame = next_text(&mut socket).await;
        if frame["type"] == "history" {
            break;
        }
        assert_eq!(frame["type"], "presence", "{frame}");
    }
}
