//! Web Push for Dateline's breaking-news alerts.
//!
//! A reader's browser subscribes with `pushManager.subscribe` and hands us a
//! [`Subscription`]: the push service's endpoint URL and the browser's keys.
//! [`PushSender::send`] encrypts an alert for that browser (RFC 8291,
//! `aes128gcm`), signs a VAPID token that identifies us to the push service
//! (RFC 8292) and posts the message to the endpoint (RFC 8030). The
//! [`Outcome`] tells the caller whether the message was accepted, whether the
//! subscription is gone for good, or whether to try again later.
//!
//! The endpoint is chosen by the browser, so a hostile client could name an
//! internal address: every endpoint is checked against an [`EndpointPolicy`]
//! that admits only the known push services over HTTPS.
//!
//! ```no_run
//! use dateline_push::{EndpointPolicy, Options, Outcome, PushSender, Subscription, Urgency, VapidKeys};
//!
//! # async fn alert(private_key: &str, browser_json: &str) -> Result<(), dateline_push::PushError> {
//! let sender = PushSender::new(
//!     VapidKeys::from_private(private_key)?,
//!     "mailto:alerts@example.org".to_owned(),
//! )?;
//! let subscription = Subscription::from_json_str(browser_json, &EndpointPolicy::default())?;
//! let options = Options { urgency: Urgency::High, ..Options::default() };
//! match sender.send(&subscription, br#"{"title":"Breaking"}"#, &options).await? {
//!     Outcome::Gone { .. } => { /* delete the subscription */ }
//!     outcome => println!("{outcome}"),
//! }
//! # Ok(())
//! # }
//! ```

mod b64;
mod error;
mod keys;
mod sender;
mod subscription;
#[cfg(feature = "testing")]
pub mod testing;

pub use error::PushError;
pub use keys::VapidKeys;
pub use sender::{Options, Outcome, PushSender, Topic, Urgency, MAX_PAYLOAD};
pub use subscription::{EndpointPolicy, Subscription, SubscriptionJson, SubscriptionKeys};
