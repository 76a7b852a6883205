//! `dateline serve` stops on SIGTERM even while a browser holds a live
//! stream open: the stream ends and the graceful shutdown completes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::{command, dateline, stderr};

/// Generous: the bound only catches a server that never stops.
const STOP_WITHIN: Duration = Duration::from_secs(30);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Connects once the server listens.
fn connect(child: &mut Child, port: u16) -> TcpStream {
    let deadline = Instant::now() + STOP_WITHIN;
    loop {
        if let Ok(stream) = TcpStream::connect(("127.0.0.1", port)) {
            return stream;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("dateline serve exited early: {status}");
        }
        assert!(Instant::now() < deadline, "dateline serve never listened");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits for the process to exit, killing it if it does not in time.
fn wait_for_exit(child: &mut Child) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + STOP_WITHIN;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[test]
fn sigterm_ends_open_newsfeed_streams_and_the_server_exits() {
    let dir = tempfile::tempdir().unwrap();
    let out = dateline(dir.path(), &["gen", "--articles", "5"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let port = free_port();
    let mut child = command(dir.path())
        .args(["serve"])
        .env("DATELINE_LISTEN", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stream = connect(&mut child, port);
    stream
        .write_all(
            b"GET /en/newsfeed/live HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n",
        )
        .unwrap();
    stream.set_read_timeout(Some(STOP_WITHIN)).unwrap();
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    // The headers, then the stream's opening comment: it is open.
    let mut line = String::new();
    while !line.contains(": newsfeed") {
        line.clear();
        assert!(reader.read_line(&mut line).unwrap() > 0, "stream ended");
    }

    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = wait_for_exit(&mut child);
    assert!(
        status.is_some_and(|s| s.success()),
        "dateline serve did not stop within {STOP_WITHIN:?} of SIGTERM: {status:?}"
    );
    // The stream was ended, not cut: its last chunk came.
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest).unwrap();
    let rest = String::from_utf8_lossy(&rest);
    assert!(rest.ends_with("0\r\n\r\n"), "{rest:?}");
}
