//! `trusted_proxies` as an operator sets it: an entry that is not an
//! address or network stops `dateline serve` with one line naming it, and
//! a trusted proxy's connections are not held to the per-address cap.

use std::net::TcpStream;

use crate::serving::{self, free_port, serve_command, Server};
use crate::{dateline, stderr};

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
    server: Server,
    port: u16,
}

impl Served {
    fn start(dir: &std::path::Path, env: &[(&str, &str)]) -> Served {
        let port = free_port();
        let defaults = [("DATELINE_MAX_CLIENT_CONNECTIONS_PER_ADDRESS", "1")];
        let mut cmd = serve_command(dir, port, &[&defaults[..], env].concat());
        Served {
            server: Server(cmd.spawn().unwrap()),
            port,
        }
    }

    /// A connection, once the server listens.
    fn connect(&mut self) -> TcpStream {
        serving::connect(&mut self.server.0, self.port)
    }

    /// The status line of `GET /healthz` on a second connection while a
    /// first one is held open.
    fn second_connection_status(&mut self) -> String {
        let _held = self.connect();
        let second = self.connect();
        let answer = serving::get(second, "/healthz");
        answer.lines().next().unwrap_or_default().to_owned()
    }
}

#[test]
fn a_trusted_proxy_is_exempt_from_the_per_address_cap() {
    let dir = tempfile::tempdir().unwrap();
    let mut direct = Served::start(dir.path(), &[]);
    let status = direct.second_connection_status();
    assert!(status.starts_with("HTTP/1.1 429 "), "{status}");
    drop(direct);
    let mut proxied = Served::start(dir.path(), &[("DATELINE_TRUSTED_PROXIES", "127.0.0.1")]);
    assert_eq!(proxied.second_connection_status(), "HTTP/1.1 200 OK");
}
