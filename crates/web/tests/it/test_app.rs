//! The test-app builder: a fresh database with the seeded newsroom, the real
//! router served by the real server loop (`dateline_web::server`) on a
//! loopback port, and an HTTP client pointed at it.

use std::net::SocketAddr;

use dateline_store::testing::TestDb;
use dateline_store::Store;
use dateline_web::server::ServerLimits;
use dateline_web::{AppState, WebConfig};
use reqwest::StatusCode;
use serde_json::Value;
use tokio::task::JoinHandle;

use crate::newsroom::{seed, Newsroom};

/// Public address the app is configured with; fixed so snapshots do not
/// depend on the port.
pub const BASE_URL: &str = "https://news.example";

pub struct TestApp {
    pub newsroom: Newsroom,
    /// The served app's search index (tests apply the change log with
    /// [`TestApp::sync_search`] instead of waiting for a follower).
    search: dateline_search::Search,
    /// The served app's state (tests run its background jobs by hand).
    state: AppState,
    addr: SocketAddr,
    client: reqwest::Client,
    server: JoinHandle<()>,
    // Last: the database and the data folder outlive the server that uses them.
    db: TestDb,
    data_dir: tempfile::TempDir,
}

impl TestApp {
    /// On a fresh SQLite database.
    pub async fn new() -> TestApp {
        TestApp::on(TestDb::sqlite().await).await
    }

    /// On `db` (a fresh SQLite or PostgreSQL database).
    pub async fn on(db: TestDb) -> TestApp {
        TestApp::on_with(db, |state| state).await
    }

    /// Like [`TestApp::on`], with `adjust` applied to the state (a mail
    /// server for the account tests, …).
    pub async fn on_with(db: TestDb, adjust: impl FnOnce(AppState) -> AppState) -> TestApp {
        TestApp::served(db, adjust, ServerLimits::default()).await
    }

    /// On a fresh SQLite database, served under `limits`.
    pub async fn with_limits(limits: ServerLimits) -> TestApp {
        TestApp::served(TestDb::sqlite().await, |state| state, limits).await
    }

    /// On `db`, served under `limits` (trusted proxies, say).
    pub async fn on_with_limits(db: TestDb, limits: ServerLimits) -> TestApp {
        TestApp::served(db, |state| state, limits).await
    }

    async fn served(
        db: TestDb,
        adjust: impl FnOnce(AppState) -> AppState,
        limits: ServerLimits,
    ) -> TestApp {
        let newsroom = seed(db.store()).await;
        let data_dir = fresh_data_dir();
        let state = adjust(AppState::new(db.store().clone(), config(data_dir.path())));
        let search = state.search.clone();
        let (addr, server) = start(state.clone(), limits).await;
        TestApp {
            newsroom,
            search,
            state,
            addr,
            client: reqwest::Client::new(),
            server,
            db,
            data_dir,
        }
    }

    /// Brings the search index up to date with the database now: what a
    /// node's follower does within a moment of every change.
    pub async fn sync_search(&self) {
        self.search.sync().await.unwrap();
    }

    /// The state the app serves with: for a background job a test runs
    /// itself (the newsletter worker's rounds, say).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// This app's own data folder (media, mail), removed with the app.
    pub fn data_dir(&self) -> &std::path::Path {
        self.data_dir.path()
    }

    pub fn store(&self) -> &Store {
        self.db.store()
    }

    /// The SQLite file's URL (`None` on PostgreSQL), for a second connection.
    pub fn sqlite_url(&self) -> Option<String> {
        self.db.sqlite_url()
    }

    /// `sqlite` or `postgres`, for assertion messages.
    pub fn backend(&self) -> &'static str {
        self.store().backend().name()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// Status and parsed JSON body; fails the test when the body is not JSON.
    pub async fn get_json(&self, path: &str) -> (StatusCode, Value) {
        let response = self.get(path).await;
        let status = response.status();
        let text = response.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or_else(|e| {
            panic!(
                "[{}] GET {path}: {status} body is not JSON ({e}): {text}",
                self.backend()
            )
        });
        (status, body)
    }

    /// The body of a GET that must answer 200.
    pub async fn ok_json(&self, path: &str) -> Value {
        let (status, body) = self.get_json(path).await;
        assert_eq!(
            status,
            StatusCode::OK,
            "[{}] GET {path}: {body}",
            self.backend()
        );
        body
    }

    /// Asserts an error answer's status and code; returns the body.
    pub async fn assert_error(&self, path: &str, status: u16, code: &str) -> Value {
        let (got, body) = self.get_json(path).await;
        assert_eq!(
            (got.as_u16(), body["error"]["code"].as_str()),
            (status, Some(code)),
            "[{}] GET {path}: {body}",
            self.backend()
        );
        assert!(body["error"]["message"].is_string(), "{body}");
        body
    }
}

/// Another node serving the same database as a [`TestApp`], with its own
/// connections, memory and data folder, as a second server behind a load
/// balancer would.
pub struct Node {
    addr: SocketAddr,
    server: JoinHandle<()>,
    _data_dir: tempfile::TempDir,
}

impl Node {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl TestApp {
    /// A second node on this app's database.
    pub async fn second_node(&self) -> Node {
        self.second_node_with(ServerLimits::default()).await
    }

    /// A second node on this app's database, served under `limits`.
    pub async fn second_node_with(&self, limits: ServerLimits) -> Node {
        let store = Store::connect(&self.db.url(), 4).await.unwrap();
        let data_dir = fresh_data_dir();
        let state = AppState::new(store, config(data_dir.path()));
        let (addr, server) = start(state, limits).await;
        Node {
            addr,
            server,
            _data_dir: data_dir,
        }
    }
}

/// A data folder of a test's own: no two tests share media or mail files.
pub fn fresh_data_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("dateline-test-")
        .tempdir()
        .expect("a temporary data folder")
}

fn config(data_dir: &std::path::Path) -> WebConfig {
    WebConfig {
        base_url: BASE_URL.into(),
        data_dir: data_dir.to_owned(),
        theme_dir: None,
        cache: dateline_web::CacheConfig::default(),
    }
}

/// Serves the real router over `state` on a loopback port, with the
/// server loop `dateline serve` runs (requests carry the client's address:
/// the per-address limits see 127.0.0.1).
async fn start(state: AppState, limits: ServerLimits) -> (SocketAddr, JoinHandle<()>) {
    let app = dateline_web::router(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        dateline_web::server::serve(listener, app, limits, std::future::pending())
            .await
            .unwrap();
    });
    (addr, server)
}

/// A fresh install: an empty database (no edition, no staff) started as
/// `dateline serve` starts it then, with a setup token issued.
pub struct FreshApp {
    /// The token `serve` would have printed.
    pub setup_token: String,
    addr: SocketAddr,
    server: JoinHandle<()>,
    db: TestDb,
    // Kept for the app's lifetime; removed with it.
    _data_dir: tempfile::TempDir,
}

impl FreshApp {
    /// A fresh install on `db`, with a setup token issued.
    pub async fn on(db: TestDb) -> FreshApp {
        let setup_token = dateline_web::newsroom::issue_setup_token(db.store())
            .await
            .unwrap();
        let data_dir = fresh_data_dir();
        let state = AppState::new(db.store().clone(), config(data_dir.path())).awaiting_setup();
        let (addr, server) = start(state, ServerLimits::default()).await;
        FreshApp {
            setup_token,
            addr,
            server,
            db,
            _data_dir: data_dir,
        }
    }

    pub fn store(&self) -> &Store {
        self.db.store()
    }

    pub fn backend(&self) -> &'static str {
        self.store().backend().name()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for FreshApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}
