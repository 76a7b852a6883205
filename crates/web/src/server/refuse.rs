//! Short answers written straight to a socket, then closed: a connection
//! over a cap gets one before its request is even read (`429` for its
//! address, `503` for the server), a request whose headers are too slow
//! gets `408`.

use std::net::Shutdown;
use std::time::Duration;

use tokio::net::TcpStream;
use tokio::sync::OwnedSemaphorePermit;

use super::caps::Refusal;
use crate::error::ErrorCode;

/// Longest a socket is kept to answer: to write the answer, then to read
/// what the client sent, so that closing does not reset the connection
/// before the client has read the answer.
pub const LINGER: Duration = Duration::from_secs(2);

/// Seconds a refused client is asked to wait.
const RETRY_AFTER_ADDRESS: u32 = 10;
const RETRY_AFTER_SERVER: u32 = 5;

/// A whole HTTP/1.1 answer, status line to JSON body, closing the connection.
pub(super) fn answer_bytes(code: ErrorCode, message: &str, retry_after: Option<u32>) -> Vec<u8> {
    let body =
        serde_json::json!({ "error": { "code": code.as_str(), "message": message } }).to_string();
    let status = code.status();
    let retry_after = retry_after
        .map(|s| format!("retry-after: {s}\r\n"))
        .unwrap_or_default();
    format!(
        "HTTP/1.1 {} {}\r\ncontent-type: application/json\r\ncache-control: no-store\r\n\
         x-content-type-options: nosniff\r\n{retry_after}connection: close\r\n\
         content-length: {}\r\n\r\n{body}",
        status.as_u16(),
        status.canonical_reason().unwrap_or_default(),
        body.len(),
    )
    .into_bytes()
}

fn refusal_bytes(refusal: Refusal) -> Vec<u8> {
    match refusal {
        Refusal::PerAddress => answer_bytes(
            ErrorCode::TooManyConnections,
            "too many open connections from your address; close some and try again",
            Some(RETRY_AFTER_ADDRESS),
        ),
        Refusal::Total => answer_bytes(
            ErrorCode::Unavailable,
            "the server has too many open connections; try again shortly",
            Some(RETRY_AFTER_SERVER),
        ),
    }
}

/// Ends the sending side (FIN) and leaves reading open.
pub(super) fn half_close(stream: &TcpStream) -> std::io::Result<()> {
    match socket2::SockRef::from(stream).shutdown(Shutdown::Write) {
        Err(e) if e.kind() == std::io::ErrorKind::NotConnected => Ok(()),
        other => other,
    }
}

/// Writes `answer`, half-closes, and reads what the client still sends,
/// for [`LINGER`] at most; the caller then drops the socket.
pub(super) async fn answer_and_close(stream: &TcpStream, answer: &[u8]) {
    let _ = tokio::time::timeout(LINGER, async {
        let mut rest = answer;
        while !rest.is_empty() {
            stream.writable().await?;
            match stream.try_write(rest) {
                Ok(n) => rest = &rest[n..],
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(e),
            }
        }
        half_close(stream)?;
        let mut sink = [0u8; 2048];
        loop {
            stream.readable().await?;
            match stream.try_read(&mut sink) {
                Ok(0) => return Ok(()),
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(e),
            }
        }
    })
    .await;
}

/// Answers a connection over a cap and closes it; `slot` bounds how many
/// refusals are written at once.
pub(super) async fn answer(stream: TcpStream, refusal: Refusal, slot: OwnedSemaphorePermit) {
    answer_and_close(&stream, &refusal_bytes(refusal)).await;
    drop(stream);
    drop(slot);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_complete_http_answers() {
        let text = String::from_utf8(refusal_bytes(Refusal::PerAddress)).unwrap_or_default();
        assert!(
            text.starts_with("HTTP/1.1 429 Too Many Requests\r\n"),
            "{text}"
        );
        assert!(text.contains("retry-after: 10\r\n"));
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or_default();
        assert!(head.contains(&format!("content-length: {}", body.len())));
        assert!(body.contains("\"too_many_connections\""));
        let text = String::from_utf8(refusal_bytes(Refusal::Total)).unwrap_or_default();
        assert!(
            text.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
            "{text}"
        );
    }
}
