//! A breaking alert being mailed when `dateline serve` is killed (SIGKILL,
//! no chance to clean up) resumes when the server starts again, and mails
//! nobody twice: the one message that was on the wire when the process
//! died is never sent again, every other address gets exactly one.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dateline_domain::EmailAddress;
use dateline_store::newsletters::{ChangeSource, ListKind, SignUp};
use dateline_store::{ArticleFilter, ArticleQuery, Store};

use crate::{command, dateline, stderr};

/// Subscribers of the alert.
const READERS: usize = 40;
/// How long the sink takes over each message: slow enough that the kill
/// lands mid-send.
const PER_MESSAGE: Duration = Duration::from_millis(60);
const WITHIN: Duration = Duration::from_secs(60);

/// Messages the sink accepted, by recipient. A message counts once its
/// data ended (the final `.`), whether or not the sender lived to read
/// the answer: a real server would deliver it.
#[derive(Default)]
struct Sink {
    got: Mutex<HashMap<String, usize>>,
}

impl Sink {
    fn start() -> (Arc<Sink>, u16) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let sink = Arc::new(Sink::default());
        let shared = Arc::clone(&sink);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let sink = Arc::clone(&shared);
                std::thread::spawn(move || {
                    let _ = sink.session(stream);
                });
            }
        });
        (sink, port)
    }

    fn session(&self, stream: TcpStream) -> std::io::Result<()> {
        let mut write = stream.try_clone()?;
        let mut lines = BufReader::new(stream);
        write.write_all(b"220 sink.test ESMTP\r\n")?;
        let mut recipients = Vec::new();
        let mut line = String::new();
        loop {
            line.clear();
            if lines.read_line(&mut line)? == 0 {
                return Ok(());
            }
            let verb = line
                .split([' ', ':', '\r', '\n'])
                .next()
                .unwrap_or_default()
                .to_ascii_uppercase();
            let reply: &[u8] = match verb.as_str() {
                "EHLO" => b"250-sink.test\r\n250 8BITMIME\r\n",
                "MAIL" => {
                    recipients.clear();
                    b"250 OK\r\n"
                }
                "RCPT" => {
                    let address = line
                        .split_once('<')
                        .and_then(|(_, rest)| rest.split_once('>'))
                        .map(|(a, _)| a.to_lowercase())
                        .unwrap_or_default();
                    recipients.push(address);
                    b"250 OK\r\n"
                }
                "DATA" => {
                    write.write_all(b"354 go on\r\n")?;
                    loop {
                        line.clear();
                        if lines.read_line(&mut line)? == 0 {
                            return Ok(());
                        }
                        if line == ".\r\n" {
                            break;
                        }
                    }
                    {
                        let mut got = self.got.lock().unwrap();
                        for r in recipients.drain(..) {
                            *got.entry(r).or_default() += 1;
                        }
                    }
                    std::thread::sleep(PER_MESSAGE);
                    b"250 queued\r\n"
                }
                "QUIT" => {
                    write.write_all(b"221 bye\r\n")?;
                    return Ok(());
                }
                _ => b"250 OK\r\n",
            };
            write.write_all(reply)?;
        }
    }

    fn counts(&self) -> HashMap<String, usize> {
        self.got.lock().unwrap().clone()
    }

    fn total(&self) -> usize {
        self.counts().values().sum()
    }
}

fn serve(dir: &std::path::Path, database: &str, smtp_port: u16) -> Child {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    command(dir)
        .args(["serve"])
        .env("DATELINE_DATABASE_URL", database)
        .env("DATELINE_LISTEN", format!("127.0.0.1:{port}"))
        .env("DATELINE_SMTP_URL", format!("smtp://127.0.0.1:{smtp_port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + WITHIN;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `READERS` confirmed subscribers of `en`'s breaking news and an alert of
/// one published story, queued as an editor's click would queue it.
async fn queue_alert(url: &str) -> Vec<String> {
    let store = Store::open(url, 2).await.unwrap();
    let en = store
        .editions()
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.code.as_str() == "en")
        .unwrap();
    let breaking = store
        .newsletter_lists(en.id)
        .await
        .unwrap()
        .into_iter()
        .find(|l| l.kind == ListKind::Breaking)
        .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .try_into()
        .unwrap();
    let mut readers = Vec::new();
    for i in 0..READERS {
        let address = format!("reader{i}@readers.example");
        let email: EmailAddress = address.parse().unwrap();
        store
            .subscribe_newsletter(&SignUp {
                email: &email,
                edition_id: en.id,
                list_ids: &[breaking.id],
                reader_id: None,
                address_proved: true,
                source: ChangeSource::Form,
                ip: "",
                now,
                new_link_key: &format!("key{i}"),
                confirmation: None,
            })
            .await
            .unwrap();
        readers.push(address);
    }
    let story = store
        .list_articles(&ArticleQuery {
            filter: ArticleFilter::Edition(en.id),
            limit: 1,
            after: None,
        })
        .await
        .unwrap()
        .items[0]
        .id;
    store.create_alert(story, None, None, now).await.unwrap();
    store.close().await;
    readers
}

/// Generates a small site on `database`, queues the alert, and kills the
/// server that sends it midway.
fn killed_send_resumes(database: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = dateline(
        dir.path(),
        &["gen", "--articles", "5"],
        &[("DATELINE_DATABASE_URL", database)],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let readers = runtime.block_on(queue_alert(database));

    let (sink, smtp_port) = Sink::start();
    let mut first = serve(dir.path(), database, smtp_port);
    wait_until("the first mails", || sink.total() >= 5);
    first.kill().unwrap();
    first.wait().unwrap();
    let before = sink.total();
    assert!(before < READERS, "the kill came too late to test anything");

    let mut second = serve(dir.path(), database, smtp_port);
    // Everyone but, at most, the one message on the wire at the kill.
    wait_until("the rest of the mails", || sink.total() >= READERS - 1);
    std::thread::sleep(PER_MESSAGE * 10);
    second.kill().unwrap();
    second.wait().unwrap();

    let counts = sink.counts();
    let twice: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "mailed twice: {twice:?}");
    let missing: Vec<_> = readers
        .iter()
        .filter(|r| !counts.contains_key(*r))
        .collect();
    assert!(missing.len() <= 1, "never mailed: {missing:?}");
}

#[test]
fn a_killed_send_resumes_and_mails_nobody_twice_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite:{}", dir.path().join("dateline.db").display());
    killed_send_resumes(&database);
}

#[test]
#[ignore = "needs PostgreSQL: set DATELINE_TEST_POSTGRES_URL and pass --include-ignored"]
fn a_killed_send_resumes_and_mails_nobody_twice_on_postgres() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // A fresh database, dropped with `db` at the end.
    let db = runtime.block_on(dateline_store::testing::TestDb::postgres_required());
    killed_send_resumes(&db.url());
    drop(db);
}
