//! Webhooks (migration 0031): the addresses admins register for events
//! (`hooks.rs`), the outbox that queues a delivery in the same transaction
//! as the change causing it (`outbox.rs`), and the deliveries the sending
//! worker claims, records and retries (`deliveries.rs`).

mod deliveries;
mod hooks;
mod outbox;

pub use deliveries::{
    DeliveryKind, DeliveryState, DueWebhookDelivery, WebhookDelivery, WEBHOOK_DELIVERIES_KEPT_SECS,
};
pub use hooks::{Webhook, WebhookInput};
pub(crate) use outbox::{enqueue_article_event, enqueue_comment_posted};

/// What a hook can be told about. `Ping` is only ever sent on an admin's
/// request ("send a test event"), to one hook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WebhookEvent {
    /// A story became public: first publication or republication.
    ArticlePublished,
    /// A correction note was added to a public story.
    ArticleCorrected,
    /// A public story was taken down.
    ArticleUnpublished,
    /// A comment became visible to readers: posted, or approved.
    CommentPosted,
    /// A test event.
    Ping,
}

impl WebhookEvent {
    /// Every event a hook may subscribe to (not `Ping`, which every hook gets
    /// when asked).
    pub const SUBSCRIBABLE: [WebhookEvent; 4] = [
        Self::ArticlePublished,
        Self::ArticleCorrected,
        Self::ArticleUnpublished,
        Self::CommentPosted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ArticlePublished => "article.published",
            Self::ArticleCorrected => "article.corrected",
            Self::ArticleUnpublished => "article.unpublished",
            Self::CommentPosted => "comment.posted",
            Self::Ping => "ping",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::SUBSCRIBABLE
            .into_iter()
            .chain([Self::Ping])
            .find(|e| e.as_str() == name)
    }
}

impl std::fmt::Display for WebhookEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The stored form of a set of events: names separated by spaces, in order.
pub(crate) fn events_column(events: &std::collections::BTreeSet<WebhookEvent>) -> String {
    events
        .iter()
        .map(|e| e.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The events named in a stored column; unknown names (from a newer
/// version) are left out.
pub(crate) fn parse_events(column: &str) -> std::collections::BTreeSet<WebhookEvent> {
    column
        .split_whitespace()
        .filter_map(WebhookEvent::parse)
        .collect()
}
