//! A small SMTP server for tests: speaks enough SMTP for lettre (EHLO/HELO,
//! MAIL, RCPT, DATA, RSET, NOOP, QUIT) on a loopback port and keeps every
//! message it receives, decoded with `mail-parser`.
//!
//! ```ignore
//! let sink = SmtpSink::start().await;
//! let state = state.with_mail(&MailConfig { smtp_url: Some(sink.url()), from: None })?;
//! let mail = sink.wait_for("ann@example.org", Duration::from_secs(5)).await;
//! assert!(mail.text.contains("…"));
//! ```

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// One received message, decoded.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// Envelope recipients (`RCPT TO`), as sent.
    pub to: Vec<String>,
    pub subject: String,
    /// The text/plain part.
    pub text: String,
    /// The text/html part.
    pub html: String,
    /// The whole message as received.
    pub raw: String,
}

impl ReceivedMail {
    /// The first `https://` or `http://` link in the text part that
    /// contains `needle`.
    pub fn link(&self, needle: &str) -> Option<String> {
        self.text
            .split_whitespace()
            .find(|w| (w.starts_with("https://") || w.starts_with("http://")) && w.contains(needle))
            .map(str::to_owned)
    }
}

#[derive(Default)]
struct Inbox {
    mail: Mutex<Vec<ReceivedMail>>,
    arrived: Notify,
    /// Addresses whose `RCPT` is refused for good (550), as a mail server
    /// refuses a mailbox that does not exist.
    refused: Mutex<Vec<String>>,
}

pub struct SmtpSink {
    port: u16,
    inbox: Arc<Inbox>,
    server: JoinHandle<()>,
}

impl SmtpSink {
    /// Listens on a free loopback port until dropped.
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let inbox = Arc::new(Inbox::default());
        let shared = Arc::clone(&inbox);
        let server = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let inbox = Arc::clone(&shared);
                tokio::spawn(async move {
                    let _ = session(stream, &inbox).await;
                });
            }
        });
        SmtpSink {
            port,
            inbox,
            server,
        }
    }

    /// `smtp://127.0.0.1:{port}` (no TLS), for `smtp_url`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Takes the oldest message addressed to `to` (case-insensitive),
    /// waiting up to `timeout`; panics when none arrives.
    pub async fn wait_for(&self, to: &str, timeout: Duration) -> ReceivedMail {
        match tokio::time::timeout(timeout, self.next_for(to)).await {
            Ok(mail) => mail,
            Err(_) => panic!(
                "no mail to {to} within {timeout:?}; received: {:?}",
                self.received()
                    .iter()
                    .map(|m| (m.to.clone(), m.subject.clone()))
                    .collect::<Vec<_>>()
            ),
        }
    }

    /// Whether a message to `to` arrives within `wait` (and takes it).
    pub async fn try_wait_for(&self, to: &str, wait: Duration) -> Option<ReceivedMail> {
        tokio::time::timeout(wait, self.next_for(to)).await.ok()
    }

    /// From now on refuses `address` with `550 5.1.1` (a permanent failure).
    pub fn refuse(&self, address: &str) {
        self.inbox
            .refused
            .lock()
            .unwrap()
            .push(address.to_lowercase());
    }

    /// Every message not yet taken.
    pub fn received(&self) -> Vec<ReceivedMail> {
        self.inbox.mail.lock().unwrap().clone()
    }

    async fn next_for(&self, to: &str) -> ReceivedMail {
        let to = to.to_lowercase();
        loop {
            let notified = self.inbox.arrived.notified();
            {
                let mut mail = self.inbox.mail.lock().unwrap();
                if let Some(i) = mail
                    .iter()
                    .position(|m| m.to.iter().any(|r| r.to_lowercase() == to))
                {
                    return mail.remove(i);
                }
            }
            notified.await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// One SMTP conversation.
async fn session(stream: TcpStream, inbox: &Inbox) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 sink.test ESMTP ready\r\n").await?;
    let mut recipients = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
            "HELO" | "NOOP" => b"250 OK\r\n",
            "MAIL" => {
                recipients.clear();
                b"250 OK\r\n"
            }
            "RCPT" => {
                let address = command
                    .split_once('<')
                    .and_then(|(_, rest)| rest.split_once('>'))
                    .map(|(address, _)| address.to_owned())
                    .unwrap_or_default();
                let refused = inbox
                    .refused
                    .lock()
                    .unwrap()
                    .contains(&address.to_lowercase());
                if refused {
                    b"550 5.1.1 no such mailbox\r\n"
                } else {
                    recipients.push(address);
                    b"250 OK\r\n"
                }
            }
            "RSET" => {
                recipients.clear();
                b"250 OK\r\n"
            }
            "DATA" => {
                write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
                let raw = read_data(&mut lines).await?;
                inbox.mail.lock().unwrap().push(decode(&recipients, raw));
                inbox.arrived.notify_waiters();
                b"250 OK queued\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 not implemented\r\n",
        };
        write.write_all(reply).await?;
    }
}

/// The message up to the lone `.` line, with dot-stuffing undone.
async fn read_data<R: tokio::io::AsyncBufRead + Unpin>(lines: &mut R) -> std::io::Result<String> {
    let mut raw = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(raw);
        }
        if line == ".\r\n" || line == ".\n" {
            return Ok(raw);
        }
        raw.push_str(line.strip_prefix('.').unwrap_or(&line));
    }
}

fn decode(recipients: &[String], raw: String) -> ReceivedMail {
    let parsed = mail_parser::MessageParser::default()
        .parse(raw.as_bytes())
        .expect("the sink received a message it cannot parse");
    ReceivedMail {
        to: recipients.to_vec(),
        subject: parsed.subject().unwrap_or_default().to_owned(),
        text: parsed.body_text(0).unwrap_or_default().into_owned(),
        html: parsed.body_html(0).unwrap_or_default().into_owned(),
        raw: raw.clone(),
    }
}
