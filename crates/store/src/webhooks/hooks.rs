//! The hooks admins register: an address, the events it wants, a secret
//! that signs what it is sent, and whether it is active. Every change is
//! audited in its own transaction; the secret never goes into the audit.

use std::collections::BTreeSet;

use dateline_domain::UnixTime;
use sqlx::any::AnyRow;
use sqlx::Row;

use super::{events_column, parse_events, DeliveryState, WebhookEvent};
use crate::audit::{record_audit_on, NewAudit};
use crate::{Result, Store, StoreError};

/// A hook as admins see it, with how its latest delivery went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Webhook {
    pub id: i64,
    pub url: String,
    /// Signs every delivery (HMAC-SHA256); shown to admins only.
    pub secret: String,
    pub events: BTreeSet<WebhookEvent>,
    pub active: bool,
    pub description: String,
    pub created_by: Option<i64>,
    pub created_at: UnixTime,
    pub updated_at: UnixTime,
    /// The latest delivery's state, HTTP status and error, if any was made.
    pub last_state: Option<DeliveryState>,
    pub last_status: Option<i64>,
    pub last_error: String,
}

/// What an admin sets on a hook (the address already checked by the caller).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookInput {
    pub url: String,
    pub events: BTreeSet<WebhookEvent>,
    pub active: bool,
    pub description: String,
}

const COLUMNS: &str = "w.id, w.url, w.secret, w.events, w.active, w.description, w.created_by, \
     w.created_at, w.updated_at, d.state AS last_state, d.last_status, \
     COALESCE(d.last_error, '') AS last_error";

/// The hook `w` with its latest delivery `d` (none: NULLs).
const FROM: &str = "webhooks w LEFT JOIN webhook_deliveries d ON d.id = \
     (SELECT MAX(x.id) FROM webhook_deliveries x WHERE x.webhook_id = w.id)";

fn hook_from(row: &AnyRow) -> Result<Webhook> {
    let events: String = row.try_get("events")?;
    let last_state: Option<String> = row.try_get("last_state")?;
    Ok(Webhook {
        id: row.try_get("id")?,
        url: row.try_get("url")?,
        secret: row.try_get("secret")?,
        events: parse_events(&events),
        active: row.try_get::<i64, _>("active")? != 0,
        description: row.try_get("description")?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        last_state: last_state
            .as_deref()
            .map(DeliveryState::parse)
            .transpose()?,
        last_status: row.try_get("last_status")?,
        last_error: row.try_get("last_error")?,
    })
}

/// What the audit keeps of a hook: never its secret.
fn audit_details(input: &WebhookInput) -> serde_json::Value {
    serde_json::json!({
        "url": input.url,
        "events": events_column(&input.events),
        "active": input.active,
    })
}

impl Store {
    /// Every hook, oldest first.
    pub async fn webhooks(&self) -> Result<Vec<Webhook>> {
        let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM {FROM} ORDER BY w.id"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(hook_from).collect()
    }

    pub async fn webhook(&self, id: i64) -> Result<Webhook> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM {FROM} WHERE w.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        hook_from(&row)
    }

    /// Registers a hook signing with `secret` (made by the caller).
    pub async fn create_webhook(
        &self,
        input: &WebhookInput,
        secret: &str,
        audit: &NewAudit,
    ) -> Result<Webhook> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO webhooks (url, secret, events, active, description, created_by, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(&input.url)
        .bind(secret)
        .bind(events_column(&input.events))
        .bind(i64::from(input.active))
        .bind(&input.description)
        .bind(audit.actor_user_id)
        .bind(audit.at)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        let mut audit = audit.clone().on_item(id);
        audit.details = audit_details(input);
        record_audit_on(&mut tx, &audit).await?;
        tx.commit().await?;
        self.webhook(id).await
    }

    /// Changes a hook's address, events, description or activity; the
    /// secret stays. Deliveries already queued keep going to the new address.
    pub async fn update_webhook(
        &self,
        id: i64,
        input: &WebhookInput,
        audit: &NewAudit,
    ) -> Result<Webhook> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE webhooks SET url = $2, events = $3, active = $4, description = $5, \
             updated_at = $6 WHERE id = $1",
        )
        .bind(id)
        .bind(&input.url)
        .bind(events_column(&input.events))
        .bind(i64::from(input.active))
        .bind(&input.description)
        .bind(audit.at)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let mut audit = audit.clone().on_item(id);
        audit.details = audit_details(input);
        record_audit_on(&mut tx, &audit).await?;
        tx.commit().await?;
        self.webhook(id).await
    }

    /// Removes a hook with its deliveries (queued ones are never sent).
    pub async fn delete_webhook(&self, id: i64, audit: &NewAudit) -> Result<()> {
        let mut tx = self.begin_write().await?;
        // Explicit, so that no delivery outlives its hook even where
        // foreign keys are not enforced.
        sqlx::query("DELETE FROM webhook_deliveries WHERE webhook_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query("DELETE FROM webhooks WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        record_audit_on(&mut tx, &audit.clone().on_item(id)).await?;
        tx.commit().await?;
        Ok(())
    }
}
