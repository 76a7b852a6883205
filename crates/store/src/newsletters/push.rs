//! Browsers' push subscriptions (per edition, breaking news) and the
//! site's VAPID key, which every node must share.

use dateline_domain::UnixTime;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::{Result, Store};

/// A browser's subscription, as its push service gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushSubscriptionRow {
    pub id: i64,
    pub edition_id: i64,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
    pub created_at: UnixTime,
}

fn push_from_row(row: &AnyRow) -> Result<PushSubscriptionRow> {
    Ok(PushSubscriptionRow {
        id: row.try_get("id")?,
        edition_id: row.try_get("edition_id")?,
        endpoint: row.try_get("endpoint")?,
        p256dh: row.try_get("p256dh")?,
        auth: row.try_get("auth")?,
        created_at: row.try_get("created_at")?,
    })
}

impl Store {
    /// The site's VAPID private key: the stored one, or `generated` stored
    /// first if none is (of two nodes racing, the first insert wins and
    /// both return it).
    pub async fn push_private_key(&self, generated: &str, now: UnixTime) -> Result<String> {
        sqlx::query(
            "INSERT INTO push_keys (id, private_key, created_at) VALUES (1, $1, $2) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(generated)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(
            sqlx::query_scalar("SELECT private_key FROM push_keys WHERE id = 1")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Adds a browser's subscription for `edition_id`'s breaking news, or
    /// moves an endpoint already known (its keys may be new).
    pub async fn add_push_subscription(
        &self,
        edition_id: i64,
        endpoint: &str,
        p256dh: &str,
        auth: &str,
        now: UnixTime,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO push_subscriptions (edition_id, endpoint, p256dh, auth, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (endpoint) DO UPDATE SET \
             edition_id = excluded.edition_id, p256dh = excluded.p256dh, auth = excluded.auth",
        )
        .bind(edition_id)
        .bind(endpoint)
        .bind(p256dh)
        .bind(auth)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Forgets a browser's subscription; `false` if it was not known.
    pub async fn remove_push_subscription(&self, endpoint: &str) -> Result<bool> {
        let done = sqlx::query("DELETE FROM push_subscriptions WHERE endpoint = $1")
            .bind(endpoint)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Forgets a subscription its push service said is gone (404, 410).
    pub async fn remove_push_subscription_id(&self, id: i64) -> Result<()> {
        sqlx::query("DELETE FROM push_subscriptions WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn push_subscription(&self, id: i64) -> Result<Option<PushSubscriptionRow>> {
        sqlx::query(
            "SELECT id, edition_id, endpoint, p256dh, auth, created_at \
             FROM push_subscriptions WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .as_ref()
        .map(push_from_row)
        .transpose()
    }
}
