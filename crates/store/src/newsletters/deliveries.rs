//! Deliveries: one message of a send to one recipient. The send worker
//! takes due rows a page at a time and claims each one alone just before
//! sending it (`queued` → `sending`, with a lease), then records how it
//! went. A node that stops mid-message leaves at most the row it was
//! sending in `sending`; when the lease has run out it becomes `failed`
//! ("interrupted"), never sent again, since the message may have gone out.

use dateline_domain::UnixTime;
use serde::Serialize;
use sqlx::Row;

use super::sends::RECEIVERS;
use super::subscribers::record_event;
use super::ChangeSource;
use crate::{Result, Store};

/// How a delivery travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// Mail to a subscriber (`recipient_id` is a subscriber).
    Mail,
    /// Web push to a browser (`recipient_id` is a push subscription).
    Push,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mail => "mail",
            Self::Push => "push",
        }
    }
}

/// Names one delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DeliveryKey {
    pub send_id: i64,
    pub channel: Channel,
    pub recipient_id: i64,
}

/// A delivery whose turn has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueDelivery {
    pub key: DeliveryKey,
    pub list_id: i64,
    /// Attempts before this one.
    pub attempts: i64,
}

const KEY_MATCH: &str = "send_id = $1 AND channel = $2 AND recipient_id = $3";

impl Store {
    /// Queued deliveries due at `now`, oldest first, at most `limit`.
    pub async fn due_deliveries(&self, now: UnixTime, limit: i64) -> Result<Vec<DueDelivery>> {
        sqlx::query(
            "SELECT d.send_id, d.channel, d.recipient_id, d.attempts, s.list_id \
             FROM newsletter_deliveries d JOIN newsletter_sends s ON s.id = d.send_id \
             WHERE d.state = 'queued' AND d.next_attempt_at <= $1 \
             ORDER BY d.next_attempt_at, d.send_id, d.channel, d.recipient_id LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| -> Result<DueDelivery> {
            let channel: String = row.try_get("channel")?;
            Ok(DueDelivery {
                key: DeliveryKey {
                    send_id: row.try_get("send_id")?,
                    channel: if channel == "push" {
                        Channel::Push
                    } else {
                        Channel::Mail
                    },
                    recipient_id: row.try_get("recipient_id")?,
                },
                list_id: row.try_get("list_id")?,
                attempts: row.try_get("attempts")?,
            })
        })
        .collect()
    }

    /// When the next queued delivery is due, if any is.
    pub async fn next_delivery_at(&self) -> Result<Option<UnixTime>> {
        Ok(sqlx::query_scalar(
            "SELECT MIN(next_attempt_at) FROM newsletter_deliveries WHERE state = 'queued'",
        )
        .fetch_one(&self.pool)
        .await?)
    }

    /// Claims one queued delivery for `lease_secs`; `false` when another
    /// worker took it first (or it is no longer queued).
    pub async fn claim_delivery(
        &self,
        key: &DeliveryKey,
        now: UnixTime,
        lease_secs: i64,
    ) -> Result<bool> {
        let done = sqlx::query(&format!(
            "UPDATE newsletter_deliveries SET state = 'sending', claimed_until = $4, \
             attempts = attempts + 1 WHERE {KEY_MATCH} AND state = 'queued'"
        ))
        .bind(key.send_id)
        .bind(key.channel.as_str())
        .bind(key.recipient_id)
        .bind(now + lease_secs)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The claimed delivery went out. A mail resets its address's count of
    /// permanent failures.
    pub async fn delivery_sent(&self, key: &DeliveryKey, now: UnixTime) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(&format!(
            "UPDATE newsletter_deliveries SET state = 'sent', sent_at = $4, error = '', \
             claimed_until = NULL WHERE {KEY_MATCH}"
        ))
        .bind(key.send_id)
        .bind(key.channel.as_str())
        .bind(key.recipient_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if key.channel == Channel::Mail {
            sqlx::query(
                "UPDATE newsletter_subscribers SET bounces = 0 WHERE id = $1 AND bounces <> 0",
            )
            .bind(key.recipient_id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The claimed delivery failed for now: queued again for `retry_at`.
    pub async fn delivery_retry(
        &self,
        key: &DeliveryKey,
        error: &str,
        retry_at: UnixTime,
    ) -> Result<()> {
        sqlx::query(&format!(
            "UPDATE newsletter_deliveries SET state = 'queued', next_attempt_at = $4, \
             error = $5, claimed_until = NULL WHERE {KEY_MATCH}"
        ))
        .bind(key.send_id)
        .bind(key.channel.as_str())
        .bind(key.recipient_id)
        .bind(retry_at)
        .bind(error)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The delivery will not be made: `failed` with `error`, or `skipped`
    /// (the recipient left before their turn). When `bounce` (the mail
    /// server refused the address for good), the address's failures in a
    /// row are counted and reaching `suspend_after` suspends it (recorded
    /// in its consent record). Returns whether the address was suspended.
    pub async fn delivery_failed(
        &self,
        key: &DeliveryKey,
        error: &str,
        skipped: bool,
        bounce: bool,
        suspend_after: i64,
        now: UnixTime,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        sqlx::query(&format!(
            "UPDATE newsletter_deliveries SET state = $4, error = $5, claimed_until = NULL \
             WHERE {KEY_MATCH}"
        ))
        .bind(key.send_id)
        .bind(key.channel.as_str())
        .bind(key.recipient_id)
        .bind(if skipped { "skipped" } else { "failed" })
        .bind(error)
        .execute(&mut *tx)
        .await?;
        let mut suspended = false;
        if bounce && key.channel == Channel::Mail {
            let bounces: Option<i64> = sqlx::query_scalar(
                "UPDATE newsletter_subscribers SET bounces = bounces + 1 WHERE id = $1 \
                 RETURNING bounces",
            )
            .bind(key.recipient_id)
            .fetch_optional(&mut *tx)
            .await?;
            if bounces.is_some_and(|n| n >= suspend_after) {
                let done = sqlx::query(
                    "UPDATE newsletter_subscribers SET status = 'suspended' \
                     WHERE id = $1 AND status = 'active'",
                )
                .bind(key.recipient_id)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 1 {
                    record_event(
                        &mut tx,
                        key.recipient_id,
                        None,
                        "suspended",
                        ChangeSource::Bounce,
                        "",
                        now,
                    )
                    .await?;
                    suspended = true;
                }
            }
        }
        tx.commit().await?;
        Ok(suspended)
    }

    /// Deliveries left `sending` by a worker that stopped (lease over)
    /// become `failed`: the message may have gone out, and nobody is to
    /// get it twice. Returns how many.
    pub async fn fail_interrupted_deliveries(&self, now: UnixTime) -> Result<u64> {
        let done = sqlx::query(
            "UPDATE newsletter_deliveries SET state = 'failed', claimed_until = NULL, \
             error = 'interrupted while sending; not sent again, as it may have gone out' \
             WHERE state = 'sending' AND claimed_until < $1",
        )
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Whether the subscriber still receives the list (confirmed and not
    /// suspended).
    pub async fn newsletter_receives(&self, subscriber_id: i64, list_id: i64) -> Result<bool> {
        let found: Option<i64> = sqlx::query_scalar(&format!(
            "SELECT n.subscriber_id FROM {RECEIVERS} AND n.subscriber_id = $2"
        ))
        .bind(list_id)
        .bind(subscriber_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }
}
