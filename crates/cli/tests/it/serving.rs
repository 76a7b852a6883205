//! Driving a `dateline serve` process from the tests: a free port, the
//! command that serves on it, a connection once it listens, a raw GET,
//! signals, the exit, and a guard that kills it however a test ends.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::command;

/// Generous: the bound only catches a server that never listens, answers
/// or stops.
pub const WITHIN: Duration = Duration::from_secs(30);

/// A loopback port nothing listens on (yet).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `dateline serve` on `127.0.0.1:port` with `env` (set last), its output
/// discarded (set `stderr` again to read it).
pub fn serve_command(dir: &Path, port: u16, env: &[(&str, &str)]) -> Command {
    let mut cmd = command(dir);
    cmd.arg("serve")
        .env("DATELINE_LISTEN", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// A connection to `port` once something listens there, reads bounded by
/// [`WITHIN`]; `Err` with the exit status if `child` exited first. Fails
/// if nothing listens within [`WITHIN`].
pub fn try_connect(child: &mut Child, port: u16) -> Result<TcpStream, ExitStatus> {
    let deadline = Instant::now() + WITHIN;
    loop {
        if let Ok(stream) = TcpStream::connect(("127.0.0.1", port)) {
            stream.set_read_timeout(Some(WITHIN)).unwrap();
            return Ok(stream);
        }
        if let Some(status) = child.try_wait().unwrap() {
            return Err(status);
        }
        assert!(Instant::now() < deadline, "dateline serve never listened");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// [`try_connect`], failing if `child` exited early.
pub fn connect(child: &mut Child, port: u16) -> TcpStream {
    try_connect(child, port)
        .unwrap_or_else(|status| panic!("dateline serve exited early: {status}"))
}

/// `GET path` over `stream` (`Connection: close`): the whole answer, as
/// text.
pub fn get(mut stream: TcpStream, path: &str) -> String {
    stream.set_read_timeout(Some(WITHIN)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

/// The status code of an HTTP/1.1 answer.
pub fn status(answer: &str) -> u16 {
    answer
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not HTTP: {answer}"))
}

/// Sends `child` the signal `name` (`TERM`, `INT`).
pub fn signal(child: &Child, name: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
}

/// Waits for `child` to exit; `None`, and killed, if it does not within
/// [`WITHIN`].
pub fn wait_for_exit(child: &mut Child) -> Option<ExitStatus> {
    let deadline = Instant::now() + WITHIN;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// Kills the server when the test ends, however it ends.
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
