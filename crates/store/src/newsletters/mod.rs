//! Newsletters, breaking-news alerts and web push (migration 0026).
//!
//! - `lists.rs`: every edition's daily digest and breaking-news list and
//!   every section's digest, made in the transaction that makes the
//!   edition or section; their send time and whether they are on.
//! - `subscribers.rs`: sign-up with double opt-in (a link and a code),
//!   confirmation, the signed preferences link's changes, unsubscribing,
//!   and the consent record (`newsletter_events`).
//! - `sends.rs`: a digest claimed once per list and local day, an alert
//!   once per story; each queues one delivery per recipient in the same
//!   transaction. The reports the newsroom shows.
//! - `deliveries.rs`: what the send worker claims, one row at a time with a
//!   lease, and how each attempt ends.
//! - `push.rs`: browsers' push subscriptions and the site's VAPID key.

mod deliveries;
mod lists;
mod push;
mod sends;
mod subscribers;

use serde::Serialize;

use crate::StoreError;

pub use deliveries::{Channel, DeliveryKey, DueDelivery};
pub(crate) use lists::{add_edition_lists, add_section_list};
pub use push::PushSubscriptionRow;
pub use sends::{AlertRecipients, Delivery, SendKind, SendReport, SendSummary};
pub use subscribers::{
    NewConfirmation, SignUp, Subscriber, SubscriberEvent, SubscriberStatus, Subscription,
    SubscriptionState,
};

/// What a list sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ListKind {
    /// The edition's daily digest.
    Digest,
    /// One section's daily digest.
    Section,
    /// Breaking-news alerts, sent by an editor.
    Breaking,
}

impl ListKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Digest => "digest",
            Self::Section => "section",
            Self::Breaking => "breaking",
        }
    }

    fn parse(s: &str) -> crate::Result<Self> {
        match s {
            "digest" => Ok(Self::Digest),
            "section" => Ok(Self::Section),
            "breaking" => Ok(Self::Breaking),
            other => Err(StoreError::Corrupt {
                table: "newsletter_lists",
                detail: format!("unknown kind {other:?}"),
            }),
        }
    }

    /// Whether the list is a daily digest (sent at its time of day).
    pub fn is_digest(self) -> bool {
        !matches!(self, Self::Breaking)
    }
}

/// One list, with what a page needs to name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewsletterList {
    pub id: i64,
    pub edition_id: i64,
    pub kind: ListKind,
    /// The section of a section digest.
    pub section_id: Option<i64>,
    /// The section's title (section digests).
    pub section_title: Option<String>,
    /// Minutes after local midnight the digest goes out.
    pub send_minute: i64,
    pub active: bool,
    /// The local day (YYYY-MM-DD) of the last digest claimed.
    pub last_day: String,
    /// Active (confirmed) subscriptions.
    pub subscribers: i64,
}

impl NewsletterList {
    /// The digest's send time as `HH:MM`.
    pub fn send_time(&self) -> String {
        format!("{:02}:{:02}", self.send_minute / 60, self.send_minute % 60)
    }
}

/// Where a subscription change came from, for the consent record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeSource {
    /// The subscribe page's form.
    Form,
    /// A signed-in reader's profile.
    Profile,
    /// The confirmation mail's link.
    Link,
    /// The confirmation mail's code, typed on the site.
    Code,
    /// The preferences page a mail links to.
    Preferences,
    /// RFC 8058 one-click unsubscribe from a mail client.
    OneClick,
    /// Repeated permanent delivery failures.
    Bounce,
}

impl ChangeSource {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Form => "form",
            Self::Profile => "profile",
            Self::Link => "link",
            Self::Code => "code",
            Self::Preferences => "preferences",
            Self::OneClick => "one_click",
            Self::Bounce => "bounce",
        }
    }
}
