//! Webhooks' outbox and deliveries: a change queues a delivery only for
//! active hooks that want its event, in its own transaction; one sender at
//! a time holds a delivery, a lapsed claim is taken over, a retry waits
//! for its time, and housekeeping drops settled deliveries after 30 days.

use dateline_domain::ArticleStatus;
use dateline_store::testing::Fixtures;
use dateline_store::webhooks::{
    DeliveryState, WebhookEvent, WebhookInput, WEBHOOK_DELIVERIES_KEPT_SECS,
};
use dateline_store::{NewAudit, Store};

const T: i64 = Fixtures::NOW;

async fn hook(store: &Store, events: &[WebhookEvent], active: bool) -> i64 {
    let input = WebhookInput {
        url: "https://hooks.example/in".into(),
        events: events.iter().copied().collect(),
        active,
        description: String::new(),
    };
    let audit = NewAudit::new("webhook.create", "webhook", None, T);
    store
        .create_webhook(&input, "whsec_x", &audit)
        .await
        .unwrap()
        .id
}

/// A draft made public at `at`; its id.
async fn publish(store: &Store, slug: &str, at: i64) -> i64 {
    let fx = Fixtures::new(store).await;
    let draft = store.create_article(&fx.draft(slug)).await.unwrap();
    store
        .set_article_status(draft.id, ArticleStatus::Published, at)
        .await
        .unwrap();
    draft.id
}

async fn only_active_hooks_wanting_the_event_get_a_delivery(store: &Store) {
    let wanted = hook(store, &[WebhookEvent::ArticlePublished], true).await;
    let comments = hook(store, &[WebhookEvent::CommentPosted], true).await;
    let off = hook(store, &[WebhookEvent::ArticlePublished], false).await;
    let id = publish(store, "bridge", T).await;
    let log = store
        .webhook_deliveries(Some(wanted), None, 10)
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].event, "article.published");
    assert_eq!(log[0].subject_id, Some(id));
    assert_eq!(log[0].state, DeliveryState::Queued);
    let payload: serde_json::Value = serde_json::from_str(&log[0].payload).unwrap();
    assert_eq!(payload["article"]["id"], id);
    assert_eq!(payload["article"]["slug"], "bridge");
    assert_eq!(payload["article"]["edition"], "en");
    for other in [comments, off] {
        assert!(store
            .webhook_deliveries(Some(other), None, 10)
            .await
            .unwrap()
            .is_empty());
    }
    // No WebSub hub is set: no ping.
    assert!(store
        .webhook_deliveries(None, None, 10)
        .await
        .unwrap()
        .is_empty());
}

async fn one_sender_holds_a_delivery_at_a_time(store: &Store) {
    let hook_id = hook(store, &[WebhookEvent::ArticlePublished], true).await;
    publish(store, "bridge", T).await;
    let ids = store.due_webhook_deliveries(T, 10).await.unwrap();
    assert_eq!(ids.len(), 1);
    let id = ids[0];
    // Two nodes race for it: exactly one wins.
    let other = store.another_node().await;
    let second = other.as_ref().unwrap_or(store);
    let (a, b) = tokio::join!(
        store.claim_webhook_delivery(id, T, 60),
        second.claim_webhook_delivery(id, T, 60)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert!(a.is_some() != b.is_some(), "one claim wins: {a:?} {b:?}");
    let claimed = a.or(b).unwrap();
    assert_eq!(claimed.url.as_deref(), Some("https://hooks.example/in"));
    assert_eq!(claimed.secret.as_deref(), Some("whsec_x"));
    assert_eq!(claimed.delivery.attempts, 1);
    assert!(store
        .due_webhook_deliveries(T + 59, 10)
        .await
        .unwrap()
        .is_empty());

    // The claim lapsed (its node died): another sender takes it over.
    let again = store
        .claim_webhook_delivery(id, T + 61, 60)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again.delivery.attempts, 2);
    store
        .webhook_delivery_retry(id, Some(500), "HTTP 500", T + 400)
        .await
        .unwrap();
    assert!(store
        .claim_webhook_delivery(id, T + 399, 60)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .claim_webhook_delivery(id, T + 400, 60)
        .await
        .unwrap()
        .is_some());
    store.webhook_delivered(id, 204, T + 401).await.unwrap();
    let log = store
        .webhook_deliveries(Some(hook_id), None, 10)
        .await
        .unwrap();
    assert_eq!(log[0].state, DeliveryState::Delivered);
    assert_eq!((log[0].attempts, log[0].last_status), (3, Some(204)));
    assert_eq!(log[0].delivered_at, Some(T + 401));
    assert!(store
        .due_webhook_deliveries(T + 100_000, 10)
        .await
        .unwrap()
        .is_empty());
    if let Some(other) = other {
        other.close().await;
    }
}

async fn housekeeping_drops_settled_deliveries_after_30_days(store: &Store) {
    let hook_id = hook(store, &[WebhookEvent::ArticlePublished], true).await;
    publish(store, "first", T).await;
    let first = store.due_webhook_deliveries(T, 10).await.unwrap()[0];
    store
        .claim_webhook_delivery(first, T, 60)
        .await
        .unwrap()
        .unwrap();
    store.webhook_delivered(first, 200, T).await.unwrap();
    // A queued one is kept, however old: it has not been sent yet.
    let ping = store.queue_webhook_ping(hook_id, T).await.unwrap();
    store
        .purge_expired(T + WEBHOOK_DELIVERIES_KEPT_SECS)
        .await
        .unwrap();
    assert_eq!(
        store
            .webhook_deliveries(Some(hook_id), None, 10)
            .await
            .unwrap()
            .len(),
        2
    );
    store
        .purge_expired(T + WEBHOOK_DELIVERIES_KEPT_SECS + 1)
        .await
        .unwrap();
    let left = store
        .webhook_deliveries(Some(hook_id), None, 10)
        .await
        .unwrap();
    assert_eq!(left.iter().map(|d| d.id).collect::<Vec<_>>(), [ping]);
}

on_both_backends!(
    only_active_hooks_wanting_the_event_get_a_delivery,
    one_sender_holds_a_delivery_at_a_time,
    housekeeping_drops_settled_deliveries_after_30_days,
);
