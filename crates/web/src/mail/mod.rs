//! Mail to readers: each mail has a text and an HTML part in the reader's
//! language, rendered from `templates/mail/{kind}.txt` and `{kind}.html`
//! through the site's renderer and catalogs, with the subject from catalog
//! message `mail-{kind}-subject`. Sent over SMTP (`smtp_url`, lettre with
//! rustls), or, when no SMTP server is configured (`dateline demo`),
//! written as `.eml` files under `{data_dir}/mail/` (lettre's file transport).
//!
//! ```text
//! state.mailer.send(Mail { to, language, kind: "comment_reply", context: json!({…}) }).await?;
//! ```

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use dateline_render::{FluentValue, Renderer};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde_json::Value;

/// How long one send may take before it counts as failed.
const SEND_TIMEOUT: Duration = Duration::from_secs(15);

/// Where mail goes, from the configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailConfig {
    /// `smtp://host:port` (plain), `smtp://host:port?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host` (TLS); `None` writes `.eml`
    /// files under `{data_dir}/mail/` instead.
    pub smtp_url: Option<String>,
    /// The sender, `Name <address>`; `None` is `Dateline <no-reply@{site host}>`.
    pub from: Option<String>,
}

/// One mail to send.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    /// A language tag (`en`, `ru-RU`); its catalog, or English, is used.
    pub language: String,
    /// Names the templates `mail/{kind}.txt` / `.html` and the subject
    /// message `mail-{kind}-subject`.
    pub kind: &'static str,
    /// The templates' variables; its top-level strings and numbers are
    /// also the subject's Fluent arguments. `site_url` and `subject` are
    /// added. An `unsubscribe_url` also becomes the `List-Unsubscribe`
    /// header, with one-click unsubscribe (RFC 8058); a `list_id`
    /// (`name.host`) the `List-Id` header (RFC 2919); a `message_id`
    /// (`local@host`) the `Message-ID`, so that a message sent again after
    /// a crash carries the same one.
    pub context: Value,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid address {0:?}")]
    Address(String),
    #[error("cannot render the mail: {0}")]
    Render(String),
    #[error("cannot build the mail: {0}")]
    Build(String),
    #[error("cannot send the mail: {0}")]
    Send(String),
    /// The mail server answered with a refusal: `permanent` (5xx: the
    /// address or the message will never be taken) or not (4xx: try later).
    #[error("the mail server refused the mail: {text}")]
    Refused { permanent: bool, text: String },
    #[error("sending the mail took longer than {0:?}")]
    Timeout(Duration),
}

impl MailError {
    /// Whether sending the same mail again can never work: the server
    /// refused it for good (5xx), or it cannot be built at all.
    pub fn is_permanent(&self) -> bool {
        match self {
            Self::Address(_) | Self::Render(_) | Self::Build(_) => true,
            Self::Refused { permanent, .. } => *permanent,
            Self::Send(_) | Self::Timeout(_) => false,
        }
    }

    /// Whether the mail server refused the recipient or message for good
    /// (what counts towards suspending an address).
    pub fn is_bounce(&self) -> bool {
        matches!(
            self,
            Self::Refused {
                permanent: true,
                ..
            }
        )
    }
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files {
        transport: AsyncFileTransport<Tokio1Executor>,
        dir: PathBuf,
    },
}

/// Renders and sends mail; shared by every request (`AppState::mailer`).
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    renderer: Arc<Renderer>,
    site_url: String,
}

impl fmt::Debug for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let transport = match &self.transport {
            Transport::Smtp(_) => "smtp".to_owned(),
            Transport::Files { dir, .. } => format!("files in {}", dir.display()),
        };
        f.debug_struct("Mailer")
            .field("transport", &transport)
            .field("from", &self.from.to_string())
            .finish()
    }
}

impl Mailer {
    /// Writes every mail as an `.eml` file under `{data_dir}/mail/`, from
    /// the default sender (what a site without `smtp_url` does).
    pub fn to_files(data_dir: &Path, site_url: &str, renderer: Arc<Renderer>) -> Self {
        let dir = data_dir.join("mail");
        Self {
            transport: Transport::Files {
                transport: AsyncFileTransport::new(&dir),
                dir,
            },
            from: default_from(site_url),
            renderer,
            site_url: site_url.trim_end_matches('/').to_owned(),
        }
    }

    /// A mailer for `config`; without `smtp_url`, files go to `{data_dir}/mail/`.
    pub fn new(
        config: &MailConfig,
        data_dir: &Path,
        site_url: &str,
        renderer: Arc<Renderer>,
    ) -> Result<Self, MailError> {
        let from = match &config.from {
            Some(from) => from
                .parse::<Mailbox>()
                .map_err(|_| MailError::Address(from.clone()))?,
            None => default_from(site_url),
        };
        let transport = match &config.smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| MailError::Build(format!("smtp_url: {e}")))?
                    .timeout(Some(SEND_TIMEOUT))
                    .build(),
            ),
            None => {
                let dir = data_dir.join("mail");
                Transport::Files {
                    transport: AsyncFileTransport::new(&dir),
                    dir,
                }
            }
        };
        Ok(Self {
            transport,
            from,
            renderer,
            site_url: site_url.trim_end_matches('/').to_owned(),
        })
    }

    /// Renders and sends `mail`, within a short timeout. Failures are
    /// logged here and returned, for the caller to tell the user.
    pub async fn send(&self, mail: Mail) -> Result<(), MailError> {
        let (to, kind) = (mail.to.clone(), mail.kind);
        let result = match tokio::time::timeout(SEND_TIMEOUT, self.deliver(mail)).await {
            Ok(result) => result,
            Err(_) => Err(MailError::Timeout(SEND_TIMEOUT)),
        };
        if let Err(err) = &result {
            tracing::error!(kind, to = %to, error = %err, "mail not sent");
        }
        result
    }

    /// Sends `mail` off the request path (failures are logged): for
    /// answers that must not depend on whether a mail went out.
    pub fn send_later(self: &Arc<Self>, mail: Mail) {
        let mailer = Arc::clone(self);
        tokio::spawn(async move {
            let _ = mailer.send(mail).await;
        });
    }

    /// The message `mail` becomes: multipart/alternative, text then HTML.
    pub fn build(&self, mail: &Mail) -> Result<Message, MailError> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|_| MailError::Address(mail.to.clone()))?;
        let locale = self.renderer.locale(&mail.language, "UTC", "%d.%m.%Y");
        let mut context = mail.context.clone();
        if let Value::Object(map) = &mut context {
            map.entry("site_url")
                .or_insert_with(|| Value::String(self.site_url.clone()));
        }
        let subject = {
            let args = subject_args(&context);
            self.renderer
                .t(&locale, &format!("mail-{}-subject", mail.kind), &args)
        };
        // The HTML part's <title> is the subject, with its arguments filled.
        if let Value::Object(map) = &mut context {
            map.insert("subject".to_owned(), Value::String(subject.clone()));
        }
        let render = |ext: &str| {
            self.renderer
                .render(&format!("mail/{}.{ext}", mail.kind), &locale, &context)
                .map_err(|e| MailError::Render(e.to_string()))
        };
        let (text, html) = (render("txt")?, render("html")?);
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject);
        if let Some(list) = context.get("list_id").and_then(Value::as_str) {
            builder = builder.raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Id"),
                format!("<{list}>"),
            ));
        }
        if let Some(id) = context.get("message_id").and_then(Value::as_str) {
            builder = builder.message_id(Some(format!("<{id}>")));
        }
        if let Some(url) = context.get("unsubscribe_url").and_then(Value::as_str) {
            // RFC 8058 one-click: mail clients POST to the address themselves.
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        builder
            .multipart(MultiPart::alternative_plain_html(text, html))
            .map_err(|e| MailError::Build(e.to_string()))
    }

    async fn deliver(&self, mail: Mail) -> Result<(), MailError> {
        let message = self.build(&mail)?;
        match &self.transport {
            Transport::Smtp(smtp) => {
                smtp.send(message).await.map_err(|e| {
                    if e.is_permanent() || e.is_transient() {
                        MailError::Refused {
                            permanent: e.is_permanent(),
                            text: e.to_string(),
                        }
                    } else {
                        MailError::Send(e.to_string())
                    }
                })?;
            }
            Transport::Files { transport, dir } => {
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|e| MailError::Send(format!("{}: {e}", dir.display())))?;
                let id = transport
                    .send(message)
                    .await
                    .map_err(|e| MailError::Send(e.to_string()))?;
                let path = dir.join(format!("{id}.eml"));
                tracing::info!(kind = mail.kind, to = %mail.to, path = %path.display(), "mail written to a file");
            }
        }
        Ok(())
    }
}

/// `Dateline <no-reply@{host}>` for the site's host (`localhost` when it
/// is an IP address or has none).
fn default_from(site_url: &str) -> Mailbox {
    let host = crate::urls::site_host(site_url);
    let address = Some(host)
        .filter(|h| h.contains('.') && h.parse::<std::net::IpAddr>().is_err())
        .and_then(|h| lettre::Address::new("no-reply", h).ok())
        // A constant that is a valid address.
        .unwrap_or_else(|| lettre::Address::new_dangerous("no-reply", "localhost"));
    Mailbox::new(Some("Dateline".to_owned()), address)
}

fn subject_args(context: &Value) -> Vec<(&str, FluentValue<'_>)> {
    let Value::Object(map) = context else {
        return Vec::new();
    };
    map.iter()
        .filter_map(|(k, v)| match v {
            Value::String(s) => Some((k.as_str(), FluentValue::from(s.as_str()))),
            Value::Number(n) => n.as_i64().map(|n| (k.as_str(), FluentValue::from(n))),
            _ => None,
        })
        .collect()
}
