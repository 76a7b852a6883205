//! Deliveries: one message to one hook (or one WebSub ping), queued by the
//! outbox. Every node's sender takes the due ones and claims each alone
//! (`queued` → `sending` with a lease, a guarded `UPDATE` one node wins)
//! just before sending it, then records how it went. Webhooks are sent at
//! least once: a node that stops mid-send leaves its claim to run out, and
//! the delivery is then due again (receivers tell repeats apart by the
//! delivery id). Rows are kept [`WEBHOOK_DELIVERIES_KEPT_SECS`] for the log.

use dateline_domain::UnixTime;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::outbox::enqueue_ping;
use crate::{Result, Store, StoreError};

/// How long delivery rows stay for the newsroom's log: 30 days.
pub const WEBHOOK_DELIVERIES_KEPT_SECS: i64 = 30 * 86_400;

/// Where a delivery goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryKind {
    /// A signed JSON POST to a hook.
    Webhook,
    /// A WebSub `publish` ping to the site's hub.
    Websub,
}

/// How far a delivery has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryState {
    Queued,
    Sending,
    Delivered,
    Failed,
    Skipped,
}

impl DeliveryState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Sending => "sending",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
            Self::Skipped => "skipped",
        }
    }

    pub(crate) fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "queued" => Self::Queued,
            "sending" => Self::Sending,
            "delivered" => Self::Delivered,
            "failed" => Self::Failed,
            "skipped" => Self::Skipped,
            other => {
                return Err(StoreError::Corrupt {
                    table: "webhook_deliveries",
                    detail: format!("state {other:?}"),
                })
            }
        })
    }
}

/// One delivery, as the log shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookDelivery {
    pub id: i64,
    /// `None` for a WebSub ping.
    pub webhook_id: Option<i64>,
    pub kind: DeliveryKind,
    /// The event's name (`article.published`, …, `ping`).
    pub event: String,
    /// The story or comment it is about.
    pub subject_id: Option<i64>,
    /// The event's data as JSON (see the outbox).
    pub payload: String,
    pub state: DeliveryState,
    pub attempts: i64,
    /// When a queued delivery is due.
    pub next_attempt_at: UnixTime,
    /// The last answer's HTTP status, if one came.
    pub last_status: Option<i64>,
    /// Why the last attempt failed; empty after a success.
    pub last_error: String,
    pub last_attempt_at: Option<UnixTime>,
    pub delivered_at: Option<UnixTime>,
    pub created_at: UnixTime,
}

/// A delivery a sender has claimed, with where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueWebhookDelivery {
    pub delivery: WebhookDelivery,
    /// The hook's address and secret (`None` for a WebSub ping).
    pub url: Option<String>,
    pub secret: Option<String>,
    /// Whether the hook is active (a disabled hook gets only pings).
    pub active: bool,
}

const COLUMNS: &str = "d.id, d.webhook_id, d.kind, d.event, d.subject_id, d.payload, d.state, \
     d.attempts, d.next_attempt_at, d.last_status, d.last_error, d.last_attempt_at, \
     d.delivered_at, d.created_at";

/// Claimable at `now` (a placeholder): due, or left `sending` by a node
/// whose claim ran out.
fn claimable(now: &str) -> String {
    format!(
        "((state = 'queued' AND next_attempt_at <= {now}) \
         OR (state = 'sending' AND claimed_until < {now}))"
    )
}

fn delivery_from(row: &AnyRow) -> Result<WebhookDelivery> {
    let kind: String = row.try_get("kind")?;
    let state: String = row.try_get("state")?;
    Ok(WebhookDelivery {
        id: row.try_get("id")?,
        webhook_id: row.try_get("webhook_id")?,
        kind: if kind == "websub" {
            DeliveryKind::Websub
        } else {
            DeliveryKind::Webhook
        },
        event: row.try_get("event")?,
        subject_id: row.try_get("subject_id")?,
        payload: row.try_get("payload")?,
        state: DeliveryState::parse(&state)?,
        attempts: row.try_get("attempts")?,
        next_attempt_at: row.try_get("next_attempt_at")?,
        last_status: row.try_get("last_status")?,
        last_error: row.try_get("last_error")?,
        last_attempt_at: row.try_get("last_attempt_at")?,
        delivered_at: row.try_get("delivered_at")?,
        created_at: row.try_get("created_at")?,
    })
}

impl Store {
    /// Ids of the deliveries a sender may claim at `now`, oldest due first.
    pub async fn due_webhook_deliveries(&self, now: UnixTime, limit: i64) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(&format!(
            "SELECT id FROM webhook_deliveries WHERE {} ORDER BY next_attempt_at, id LIMIT $2",
            claimable("$1")
        ))
        .bind(now)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Claims delivery `id` for `lease_secs` and counts the attempt; `None`
    /// when another sender took it first or it is not due.
    pub async fn claim_webhook_delivery(
        &self,
        id: i64,
        now: UnixTime,
        lease_secs: i64,
    ) -> Result<Option<DueWebhookDelivery>> {
        let done = sqlx::query(&format!(
            "UPDATE webhook_deliveries SET state = 'sending', claimed_until = $3, \
             attempts = attempts + 1, last_attempt_at = $2 WHERE id = $1 AND {}",
            claimable("$2")
        ))
        .bind(id)
        .bind(now)
        .bind(now.saturating_add(lease_secs))
        .execute(&self.pool)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(None);
        }
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS}, w.url, w.secret, COALESCE(w.active, 0) AS active FROM webhook_deliveries d \
             LEFT JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        Ok(Some(DueWebhookDelivery {
            delivery: delivery_from(&row)?,
            url: row.try_get("url")?,
            secret: row.try_get("secret")?,
            active: row.try_get::<i64, _>("active")? != 0,
        }))
    }

    /// The claimed delivery was accepted with HTTP `status`.
    pub async fn webhook_delivered(&self, id: i64, status: i64, now: UnixTime) -> Result<()> {
        self.settle(id, "delivered", Some(status), "", None, Some(now))
            .await
    }

    /// The claimed delivery failed for now (`status` when an answer came):
    /// queued again for `retry_at`.
    pub async fn webhook_delivery_retry(
        &self,
        id: i64,
        status: Option<i64>,
        error: &str,
        retry_at: UnixTime,
    ) -> Result<()> {
        self.settle(id, "queued", status, error, Some(retry_at), None)
            .await
    }

    /// The claimed delivery will not be tried again: `failed` (attempts
    /// used up) or, when `skipped`, nothing to send it to any more.
    pub async fn webhook_delivery_failed(
        &self,
        id: i64,
        status: Option<i64>,
        error: &str,
        skipped: bool,
    ) -> Result<()> {
        let state = if skipped { "skipped" } else { "failed" };
        self.settle(id, state, status, error, None, None).await
    }

    async fn settle(
        &self,
        id: i64,
        state: &str,
        status: Option<i64>,
        error: &str,
        retry_at: Option<UnixTime>,
        delivered_at: Option<UnixTime>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE webhook_deliveries SET state = $2, last_status = $3, last_error = $4, \
             next_attempt_at = COALESCE($5, next_attempt_at), delivered_at = $6, \
             claimed_until = NULL WHERE id = $1 AND state = 'sending'",
        )
        .bind(id)
        .bind(state)
        .bind(status)
        .bind(error)
        .bind(retry_at)
        .bind(delivered_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// When the next queued delivery is due, if any is.
    pub async fn next_webhook_delivery_at(&self) -> Result<Option<UnixTime>> {
        Ok(sqlx::query_scalar(
            "SELECT MIN(next_attempt_at) FROM webhook_deliveries WHERE state = 'queued'",
        )
        .fetch_one(&self.pool)
        .await?)
    }

    /// The deliveries of hook `webhook_id` (`None`: the WebSub pings),
    /// newest first, ids below `before` when given, at most `limit`.
    pub async fn webhook_deliveries(
        &self,
        webhook_id: Option<i64>,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<WebhookDelivery>> {
        // Hook ids start at 1: 0 stands for "no hook" (the pings).
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM webhook_deliveries d WHERE COALESCE(d.webhook_id, 0) = $1 \
             AND d.id < $2 ORDER BY d.id DESC LIMIT $3"
        ))
        .bind(webhook_id.unwrap_or(0))
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(delivery_from).collect()
    }

    /// One delivery of hook `webhook_id`.
    pub async fn webhook_delivery(&self, webhook_id: i64, id: i64) -> Result<WebhookDelivery> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM webhook_deliveries d WHERE d.id = $1 AND d.webhook_id = $2"
        ))
        .bind(id)
        .bind(webhook_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        delivery_from(&row)
    }

    /// "Retry now": a failed delivery of hook `webhook_id` is queued for
    /// `now`, for one more attempt. `NotFound` unless it exists and failed.
    pub async fn retry_webhook_delivery(
        &self,
        webhook_id: i64,
        id: i64,
        now: UnixTime,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE webhook_deliveries SET state = 'queued', next_attempt_at = $3 \
             WHERE id = $1 AND webhook_id = $2 AND state = 'failed'",
        )
        .bind(id)
        .bind(webhook_id)
        .bind(now)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Queues a `ping` to hook `webhook_id` (active or not); its id.
    pub async fn queue_webhook_ping(&self, webhook_id: i64, now: UnixTime) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM webhooks WHERE id = $1")
            .bind(webhook_id)
            .fetch_optional(&mut *tx)
            .await?;
        if found.is_none() {
            return Err(StoreError::NotFound);
        }
        let id = enqueue_ping(&mut tx, webhook_id, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Housekeeping: deliveries settled more than
    /// [`WEBHOOK_DELIVERIES_KEPT_SECS`] ago; returns how many went.
    pub(crate) async fn purge_old_webhook_deliveries(&self, now: UnixTime) -> Result<u64> {
        let done = sqlx::query(
            "DELETE FROM webhook_deliveries WHERE created_at < $1 \
             AND state IN ('delivered', 'failed', 'skipped')",
        )
        .bind(now - WEBHOOK_DELIVERIES_KEPT_SECS)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }
}
