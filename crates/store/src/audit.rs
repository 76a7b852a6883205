//! The audit log: who did what, when, to which item.
//!
//! Every state-changing newsroom or Admin API action writes one entry in the
//! same transaction as the change, so that the log never records something
//! that did not happen and nothing happens unrecorded. Store code running
//! its own transaction calls [`record_audit_on`]; code without one calls
//! [`Store::record_audit`].

use dateline_domain::UnixTime;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::{Result, Store, StoreError};

/// One entry to write. `action` is a stable dotted verb (`user.create`,
/// `session.login`, `article.publish`), `item_type` a noun (`user`,
/// `article`, `section`, `token`, `session`, `media`).
#[derive(Debug, Clone, PartialEq)]
pub struct NewAudit {
    pub at: UnixTime,
    pub actor_user_id: Option<i64>,
    /// Set when the actor used an API token rather than a session.
    pub actor_token_id: Option<i64>,
    pub action: String,
    pub item_type: String,
    pub item_id: Option<i64>,
    /// Free-form facts about the change (old and new role, …); never secrets.
    pub details: serde_json::Value,
    pub ip: String,
}

impl NewAudit {
    /// An entry with no details; fill the rest with the builder methods.
    pub fn new(action: &str, item_type: &str, item_id: Option<i64>, at: UnixTime) -> Self {
        Self {
            at,
            actor_user_id: None,
            actor_token_id: None,
            action: action.to_owned(),
            item_type: item_type.to_owned(),
            item_id,
            details: serde_json::Value::Object(serde_json::Map::new()),
            ip: String::new(),
        }
    }

    pub fn by(mut self, user_id: Option<i64>, token_id: Option<i64>) -> Self {
        self.actor_user_id = user_id;
        self.actor_token_id = token_id;
        self
    }

    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }

    pub fn ip(mut self, ip: impl Into<String>) -> Self {
        self.ip = ip.into();
        self
    }

    /// The same entry about another item (for writes that create the item).
    pub fn on_item(mut self, item_id: i64) -> Self {
        self.item_id = Some(item_id);
        self
    }
}

/// An entry read back, with the actor's current display name when known
/// (the newsroom's audit page shows it).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: UnixTime,
    pub actor_user_id: Option<i64>,
    pub actor_name: Option<String>,
    pub actor_token_id: Option<i64>,
    pub action: String,
    pub item_type: String,
    pub item_id: Option<i64>,
    pub details: serde_json::Value,
    pub ip: String,
}

/// Which entries to list, newest first; `before` is the last id of the
/// previous page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AuditQuery {
    pub actor_user_id: Option<i64>,
    pub item_type: Option<String>,
    pub item_id: Option<i64>,
    pub before: Option<i64>,
    /// 1 to 200.
    pub limit: u32,
}

/// A page of entries and the `before` value of the next one.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    pub next_before: Option<i64>,
}

/// Writes `entry` on `conn`: pass the transaction of the change it records.
pub async fn record_audit_on(conn: &mut AnyConnection, entry: &NewAudit) -> Result<i64> {
    let details = serde_json::to_string(&entry.details).map_err(|e| StoreError::Corrupt {
        table: "audit_log",
        detail: format!("details do not serialise: {e}"),
    })?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO audit_log (at, actor_user_id, actor_token_id, action, item_type, item_id, details, ip) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(entry.at)
    .bind(entry.actor_user_id)
    .bind(entry.actor_token_id)
    .bind(entry.action.as_str())
    .bind(entry.item_type.as_str())
    .bind(entry.item_id)
    .bind(details)
    .bind(entry.ip.as_str())
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

fn entry_from_row(row: &AnyRow) -> Result<AuditEntry> {
    let details: String = row.try_get("details")?;
    Ok(AuditEntry {
        id: row.try_get("id")?,
        at: row.try_get("at")?,
        actor_user_id: row.try_get("actor_user_id")?,
        actor_name: row.try_get("actor_name")?,
        actor_token_id: row.try_get("actor_token_id")?,
        action: row.try_get("action")?,
        item_type: row.try_get("item_type")?,
        item_id: row.try_get("item_id")?,
        details: serde_json::from_str(&details).map_err(|e| StoreError::Corrupt {
            table: "audit_log",
            detail: format!("details: {e}"),
        })?,
        ip: row.try_get("ip")?,
    })
}

impl Store {
    /// Writes one entry on its own, for actions with no other write.
    pub async fn record_audit(&self, entry: &NewAudit) -> Result<i64> {
        let mut conn = self.pool.acquire().await?;
        record_audit_on(&mut conn, entry).await
    }

    /// Entries matching every filter given, newest first, keyset-paged by id.
    pub async fn audit_log(&self, query: &AuditQuery) -> Result<AuditPage> {
        let limit = i64::from(query.limit.clamp(1, 200));
        let mut sql = String::from(
            "SELECT l.id, l.at, l.actor_user_id, u.display_name AS actor_name, l.actor_token_id, \
             l.action, l.item_type, l.item_id, l.details, l.ip \
             FROM audit_log l LEFT JOIN users u ON u.id = l.actor_user_id WHERE 1 = 1",
        );
        let mut n = 0;
        let mut next = || {
            n += 1;
            format!("${n}")
        };
        if query.actor_user_id.is_some() {
            sql += &format!(" AND l.actor_user_id = {}", next());
        }
        if query.item_type.is_some() {
            sql += &format!(" AND l.item_type = {}", next());
        }
        if query.item_id.is_some() {
            sql += &format!(" AND l.item_id = {}", next());
        }
        if query.before.is_some() {
            sql += &format!(" AND l.id < {}", next());
        }
        sql += &format!(" ORDER BY l.id DESC LIMIT {}", next());
        let mut q = sqlx::query(&sql);
        if let Some(actor) = query.actor_user_id {
            q = q.bind(actor);
        }
        if let Some(item_type) = &query.item_type {
            q = q.bind(item_type.as_str());
        }
        if let Some(item_id) = query.item_id {
            q = q.bind(item_id);
        }
        if let Some(before) = query.before {
            q = q.bind(before);
        }
        let rows = q.bind(limit + 1).fetch_all(&self.pool).await?;
        let mut items = rows
            .iter()
            .map(entry_from_row)
            .collect::<Result<Vec<_>>>()?;
        let next_before = if items.len() as i64 > limit {
            items.truncate(usize::try_from(limit).unwrap_or_default());
            items.last().map(|e| e.id)
        } else {
            None
        };
        Ok(AuditPage { items, next_before })
    }
}
