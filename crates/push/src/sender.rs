//! Sending one message to one subscription.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderMap, AUTHORIZATION, CONTENT_ENCODING, CONTENT_TYPE, RETRY_AFTER};
use reqwest::StatusCode;
use serde::Serialize;

use crate::{b64, PushError, Subscription, VapidKeys};

/// The largest payload, in bytes, that [`PushSender::send`] accepts.
///
/// Push services take at most 4096 bytes of body; encryption adds 103
/// (86 of header with the key, 1 of padding delimiter, 16 of tag).
pub const MAX_PAYLOAD: usize = 4096 - 103;

/// How long the whole request may take.
const TIMEOUT: Duration = Duration::from_secs(10);
/// How much of a push service's answer is read.
const MAX_ANSWER: usize = 4096;
/// How much of that answer goes into an [`Outcome`]'s reason.
const MAX_REASON_CHARS: usize = 300;
/// A VAPID token is valid for 12 hours...
const JWT_VALIDITY: u64 = 12 * 3600;
/// ...and reused for one of them, then signed again.
const JWT_REUSE: u64 = 3600;
/// Tokens kept: one per push service origin (Windows has many hosts).
const JWT_CACHE_SIZE: usize = 64;

/// How urgent a message is (RFC 8030, section 5.3): devices on low battery
/// may hold back less urgent messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Urgency {
    /// `very-low`: advertisements and the like.
    VeryLow,
    /// `low`: topic updates.
    Low,
    /// `normal`: the default.
    #[default]
    Normal,
    /// `high`: time-sensitive, such as breaking news.
    High,
}

impl Urgency {
    /// The value of the `Urgency` header.
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::VeryLow => "very-low",
            Urgency::Low => "low",
            Urgency::Normal => "normal",
            Urgency::High => "high",
        }
    }
}

/// A topic (RFC 8030, section 5.4): a newer message with the same topic
/// replaces one the push service still holds for the browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Topic(String);

impl Topic {
    /// Checks a topic: 1 to 32 characters of the base64url alphabet
    /// (letters, digits, `-` and `_`).
    pub fn new(topic: &str) -> Result<Self, PushError> {
        let valid = (1..=32).contains(&topic.len())
            && topic
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if valid {
            Ok(Self(topic.to_owned()))
        } else {
            Err(PushError::InvalidTopic(topic.to_owned()))
        }
    }

    /// The topic as sent in the `Topic` header.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How a message is to be delivered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// How many seconds the push service keeps the message for a browser
    /// that is offline (`TTL` header); 0 means deliver now or never.
    pub ttl: u32,
    /// How urgent the message is.
    pub urgency: Urgency,
    /// Replaces an undelivered message with the same topic, if set.
    pub topic: Option<Topic>,
}

impl Default for Options {
    /// Twelve hours, normal urgency, no topic.
    fn default() -> Self {
        Self {
            ttl: 12 * 3600,
            urgency: Urgency::Normal,
            topic: None,
        }
    }
}

/// What became of a message, from the push service's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The push service accepted the message (200, 201 or another 2xx).
    Delivered,
    /// The subscription has expired or was cancelled (404 or 410): delete it.
    Gone {
        /// The HTTP status.
        status: u16,
    },
    /// Try again later: the service is overloaded (429), failing (5xx) or
    /// could not be reached in time.
    RetryLater {
        /// How long the service asked us to wait (`Retry-After`), if it said.
        after: Option<Duration>,
        /// What happened, for a report.
        reason: String,
    },
    /// The service refused the message (another status, such as 400, 403
    /// for a VAPID key that does not match the subscription, or 413).
    Refused {
        /// The HTTP status.
        status: u16,
        /// The start of the service's answer, or the status's name.
        reason: String,
    },
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Delivered => f.write_str("delivered"),
            Outcome::Gone { status } => write!(f, "gone (HTTP {status}): subscription expired"),
            Outcome::RetryLater {
                after: Some(after),
                reason,
            } => write!(f, "retry in {} s: {reason}", after.as_secs()),
            Outcome::RetryLater {
                after: None,
                reason,
            } => write!(f, "retry later: {reason}"),
            Outcome::Refused { status, reason } => write!(f, "refused (HTTP {status}): {reason}"),
        }
    }
}

/// Sends Web Push messages, signed with one VAPID key pair.
///
/// Holds an HTTP client with a connection pool: make one and share it.
pub struct PushSender {
    keys: VapidKeys,
    contact: String,
    client: reqwest::Client,
    /// Signed tokens by audience (push service origin), with their expiry.
    tokens: Mutex<HashMap<String, (String, u64)>>,
}

impl fmt::Debug for PushSender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PushSender")
            .field("keys", &self.keys)
            .field("contact", &self.contact)
            .finish_non_exhaustive()
    }
}

impl PushSender {
    /// Makes a sender. `contact` is how a push service's operators can reach
    /// us (the VAPID `sub` claim): a `mailto:` address or an `https://` URL.
    pub fn new(keys: VapidKeys, contact: String) -> Result<Self, PushError> {
        if !valid_contact(&contact) {
            return Err(PushError::InvalidContact(contact));
        }
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("dateline-push/", env!("CARGO_PKG_VERSION")))
            .pool_idle_timeout(Duration::from_secs(90))
            .build()
            .map_err(|e| PushError::Client(error_chain(&e)))?;
        Ok(Self {
            keys,
            contact,
            client,
            tokens: Mutex::new(HashMap::new()),
        })
    }

    /// The key pair messages are signed with.
    pub fn keys(&self) -> &VapidKeys {
        &self.keys
    }

    /// Encrypts `payload` for the subscription's browser and posts it to the
    /// push service.
    ///
    /// An error means nothing was sent: the payload is empty or longer than
    /// [`MAX_PAYLOAD`], or encryption failed. Otherwise the [`Outcome`] says
    /// what the push service made of it.
    pub async fn send(
        &self,
        sub: &Subscription,
        payload: &[u8],
        options: &Options,
    ) -> Result<Outcome, PushError> {
        if payload.is_empty() {
            return Err(PushError::EmptyPayload);
        }
        if payload.len() > MAX_PAYLOAD {
            return Err(PushError::PayloadTooLarge {
                len: payload.len(),
                max: MAX_PAYLOAD,
            });
        }
        let auth = web_push_native::Auth::clone_from_slice(sub.auth());
        let body = web_push_native::encrypt(payload.to_vec(), sub.p256dh(), &auth)
            .map_err(|e| PushError::Encryption(e.to_string()))?;

        let audience = sub.endpoint().origin().ascii_serialization();
        let token = self.token(&audience);
        let mut request = self
            .client
            .post(sub.endpoint().clone())
            .header(CONTENT_ENCODING, "aes128gcm")
            .header(CONTENT_TYPE, "application/octet-stream")
            .header("TTL", options.ttl)
            .header("Urgency", options.urgency.as_str())
            .header(
                AUTHORIZATION,
                format!("vapid t={token}, k={}", self.keys.public_base64url()),
            );
        if let Some(topic) = &options.topic {
            request = request.header("Topic", topic.as_str());
        }

        let mut response = match request.body(body).send().await {
            Ok(response) => response,
            Err(error) => {
                return Ok(Outcome::RetryLater {
                    after: None,
                    reason: error_chain(&error.without_url()),
                })
            }
        };
        let status = response.status();
        let retry_after = retry_after(response.headers());
        // Read (a little of) the answer even on success, so the connection
        // can go back to the pool.
        let mut answer = Vec::new();
        while answer.len() < MAX_ANSWER {
            match response.chunk().await {
                Ok(Some(chunk)) => answer.extend_from_slice(&chunk),
                Ok(None) | Err(_) => break,
            }
        }
        Ok(outcome(status, retry_after, &answer))
    }

    /// A signed VAPID token for `audience`, reused while it has more than
    /// 11 of its 12 hours left.
    fn token(&self, audience: &str) -> String {
        let now = unix_now();
        let mut tokens = self.tokens.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((token, exp)) = tokens.get(audience) {
            if *exp >= now + JWT_VALIDITY - JWT_REUSE {
                return token.clone();
            }
        }
        let exp = now + JWT_VALIDITY;
        let token = self.sign_jwt(audience, exp);
        if tokens.len() >= JWT_CACHE_SIZE {
            tokens.clear();
        }
        tokens.insert(audience.to_owned(), (token.clone(), exp));
        token
    }

    /// The ES256 JWT of RFC 8292: `aud` the push service's origin, `exp` the
    /// expiry, `sub` our contact.
    fn sign_jwt(&self, audience: &str, exp: u64) -> String {
        #[derive(Serialize)]
        struct Claims<'a> {
            aud: &'a str,
            exp: u64,
            sub: &'a str,
        }
        let claims = Claims {
            aud: audience,
            exp,
            sub: &self.contact,
        };
        // Serialising three plain fields cannot fail.
        let claims = serde_json::to_vec(&claims).unwrap_or_default();
        let signing_input = format!(
            "{}.{}",
            b64::encode(br#"{"typ":"JWT","alg":"ES256"}"#),
            b64::encode(claims)
        );
        let signature = self.keys.sign(signing_input.as_bytes());
        format!("{signing_input}.{}", b64::encode(signature))
    }
}

/// A `mailto:` address or an `https://` URL, without spaces or control characters.
fn valid_contact(contact: &str) -> bool {
    if contact.is_empty() || contact.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    if let Some(address) = contact.strip_prefix("mailto:") {
        return address.contains('@') && !address.starts_with('@') && !address.ends_with('@');
    }
    url::Url::parse(contact).is_ok_and(|url| url.scheme() == "https" && url.host().is_some())
}

/// Sorts a push service's answer into an [`Outcome`].
fn outcome(status: StatusCode, retry_after: Option<Duration>, answer: &[u8]) -> Outcome {
    let code = status.as_u16();
    if status.is_success() {
        Outcome::Delivered
    } else if code == 404 || code == 410 {
        Outcome::Gone { status: code }
    } else if code == 429 || status.is_server_error() {
        Outcome::RetryLater {
            after: retry_after,
            reason: reason(status, answer),
        }
    } else {
        Outcome::Refused {
            status: code,
            reason: reason(status, answer),
        }
    }
}

/// The start of the answer on one line, or else the status's name.
fn reason(status: StatusCode, answer: &[u8]) -> String {
    let text = String::from_utf8_lossy(answer);
    let mut line = String::new();
    for word in text.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        if line.chars().count() > MAX_REASON_CHARS {
            line = line.chars().take(MAX_REASON_CHARS).collect();
            line.push('…');
            break;
        }
    }
    if line.is_empty() {
        let name = status.canonical_reason().unwrap_or("no reason given");
        format!("HTTP {} {name}", status.as_u16())
    } else {
        format!("HTTP {}: {line}", status.as_u16())
    }
}

/// `Retry-After` as seconds or as an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(
        date.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// An error and its causes on one line.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_as_seconds_and_as_date() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, "120".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(120)));

        let later = SystemTime::now() + Duration::from_secs(600);
        headers.insert(RETRY_AFTER, httpdate::fmt_http_date(later).parse().unwrap());
        let after = retry_after(&headers).unwrap();
        assert!(after > Duration::from_secs(590) && after <= Duration::from_secs(600));

        headers.insert(RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn contacts() {
        assert!(valid_contact("mailto:alerts@example.org"));
        assert!(valid_contact("https://example.org/contact"));
        assert!(!valid_contact("alerts@example.org"));
        assert!(!valid_contact("mailto:"));
        assert!(!valid_contact("http://example.org/"));
        assert!(!valid_contact("mailto:a@b.org\r\nX: y"));
    }

    #[test]
    fn topics() {
        assert!(Topic::new("breaking-news_2024").is_ok());
        assert!(Topic::new(&"a".repeat(32)).is_ok());
        assert!(Topic::new(&"a".repeat(33)).is_err());
        assert!(Topic::new("").is_err());
        assert!(Topic::new("with space").is_err());
        assert!(Topic::new("plus+slash/").is_err());
    }

    #[test]
    fn reasons_are_one_short_line() {
        let long = format!("line one\r\n\tline two {}", "x".repeat(1000));
        let reason = reason(StatusCode::BAD_REQUEST, long.as_bytes());
        assert!(reason.starts_with("HTTP 400: line one line two x"));
        assert!(reason.chars().count() < MAX_REASON_CHARS + 20);
        assert_eq!(
            super::reason(StatusCode::PAYLOAD_TOO_LARGE, b""),
            "HTTP 413 Payload Too Large"
        );
    }
}
