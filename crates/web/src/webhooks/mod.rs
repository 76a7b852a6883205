//! Webhooks and WebSub pings: sending what the store's outbox queued.
//!
//! - `input.rs`: a hook as admins type it, checked (newsroom and Admin API);
//! - `payload.rs`: the JSON a hook receives and the form a WebSub hub does;
//! - `signing.rs`: the `Dateline-Signature` HMAC and new hooks' secrets;
//! - `sender.rs`: the worker every node runs (claims, retries, backoff).

mod input;
mod payload;
mod sender;
mod signing;

pub use input::{parse_input, Refusal, DESCRIPTION_MAX_CHARS, URL_MAX_CHARS};
pub use payload::{feed_urls, webhook_body, websub_form};
pub use sender::{backoff, spawn, Round, SendRules, Sender};
pub use signing::{new_secret, signature, SIGNATURE_VERSION};
