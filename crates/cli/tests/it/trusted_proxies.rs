//! `trusted_proxies` as an operator sets it: an entry that is not an
//! address or network stops `dateline serve` with one line naming it, and
//! a trusted proxy's connections are not held to the per-address cap.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::{command, dateline, stderr};

const PATIENCE: Duration = Duration::from_secs(30);

#[test]
fn an_invalid_entry_stops_the_start_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dateline(
        dir.path(),
        &["serve"],
        &[("DATELINE_TRUSTED_PROXIES", "127.0.0.1,cdn.example")],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("DATELINE_TRUSTED_PROXIES") && err.contains("\"cdn.example\""),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

/// `dateline serve` on a port of its own, killed when dropped.
struct Served {
    child: Child,
    port: u16,
}

impl Served {
    fn start(dir: &std::path::Path, env: &[(&str, &str)]) -> Served {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut cmd = command(dir);
        cmd.arg("serve")
            .env("DATELINE_LISTEN", format!("127.0.0.1:{port}"))
            .env("DATELINE_MAX_CLIENT_CONNECTIONS_PER_ADDRESS", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        Served {
            child: cmd.spawn().unwrap(),
            port,
        }
    }

    /// A connection, once the server listens.
    fn connect(&self) -> TcpStream {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(stream) = TcpStream::connect(("127.0.0.1", self.port)) {
                stream.set_read_timeout(Some(PATIENCE)).unwrap();
                return stream;
            }
            assert!(Instant::now() < deadline, "the server never listened");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The status line of `GET /healthz` on a second connection while a
    /// first one is held open.
    fn second_connection_status(&self) -> String {
        let _held = self.connect();
        let mut second = self.connect();
        second
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut answer = String::new();
        second.read_to_string(&mut answer).unwrap();
        answer.lines().next().unwrap_or_default().to_owned()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_trusted_proxy_is_exempt_from_the_per_address_cap() {
    let dir = tempfile::tempdir().unwrap();
    let direct = Served::start(dir.path(), &[]);
    let status = direct.second_connection_status();
    assert!(status.starts_with("HTTP/1.1 429 "), "{status}");
    drop(direct);
    let proxied = Served::start(dir.path(), &[("DATELINE_TRUSTED_PROXIES", "127.0.0.1")]);
    assert_eq!(proxied.second_connection_status(), "HTTP/1.1 200 OK");
}
