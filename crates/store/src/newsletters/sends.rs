//! Sends: a list's digest of one local day, or one story's breaking
//! alert. Making a send queues its deliveries in the same transaction, so
//! a send exists with all its recipients or not at all.

use dateline_domain::UnixTime;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::ListKind;
use crate::audit::{record_audit_on, NewAudit};
use crate::{Result, Store, StoreError};

/// How far back the first digest of a list (or one after a pause) looks.
pub const DIGEST_LOOKBACK_SECS: i64 = 24 * 3600;

/// Failed or waiting deliveries a report lists, at most.
const REPORT_PROBLEMS: i64 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SendKind {
    Digest,
    Alert,
}

/// One send, with its delivery counts by state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SendSummary {
    pub id: i64,
    pub list_id: i64,
    pub edition_id: i64,
    pub list_kind: ListKind,
    pub section_title: Option<String>,
    pub kind: SendKind,
    /// The digest's local day.
    pub day: String,
    /// The alert's story, and its headline.
    pub article_id: Option<i64>,
    pub headline: Option<String>,
    /// The digest's stories, in order.
    pub article_ids: Vec<i64>,
    pub created_by: Option<i64>,
    pub created_at: UnixTime,
    pub queued: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
    pub skipped: i64,
}

impl SendSummary {
    /// Whether every delivery has ended.
    pub fn finished(&self) -> bool {
        self.queued == 0 && self.sending == 0
    }
}

/// One delivery of a report: who (an address, or a push service's host)
/// and how it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delivery {
    pub channel: String,
    pub recipient: String,
    pub state: String,
    pub attempts: i64,
    pub error: String,
    pub sent_at: Option<UnixTime>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SendReport {
    pub summary: SendSummary,
    /// Failed, skipped and retried deliveries (at most 500), newest change first.
    pub problems: Vec<Delivery>,
}

/// Who a breaking alert of a story would reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AlertRecipients {
    pub list_id: i64,
    pub mail: i64,
    pub push: i64,
    /// The alert already sent for the story.
    pub sent: Option<i64>,
}

const SEND_COLUMNS: &str = "s.id, s.list_id, l.edition_id, l.kind AS list_kind, \
     sec.title AS section_title, s.kind, s.day, s.article_id, a.headline, s.article_ids, \
     s.created_by, s.created_at";

const SEND_FROM: &str = "newsletter_sends s JOIN newsletter_lists l ON l.id = s.list_id \
     LEFT JOIN sections sec ON sec.id = l.section_id LEFT JOIN articles a ON a.id = s.article_id";

fn summary_from_row(row: &AnyRow) -> Result<SendSummary> {
    let ids: String = row.try_get("article_ids")?;
    let kind: String = row.try_get("kind")?;
    Ok(SendSummary {
        id: row.try_get("id")?,
        list_id: row.try_get("list_id")?,
        edition_id: row.try_get("edition_id")?,
        list_kind: ListKind::parse(&row.try_get::<String, _>("list_kind")?)?,
        section_title: row.try_get("section_title")?,
        kind: if kind == "alert" {
            SendKind::Alert
        } else {
            SendKind::Digest
        },
        day: row.try_get("day")?,
        article_id: row.try_get("article_id")?,
        headline: row.try_get("headline")?,
        article_ids: serde_json::from_str(&ids).map_err(|e| StoreError::Corrupt {
            table: "newsletter_sends",
            detail: format!("article_ids: {e}"),
        })?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        queued: 0,
        sending: 0,
        sent: 0,
        failed: 0,
        skipped: 0,
    })
}

/// Fills in the delivery counts of `sends`.
async fn count_deliveries(conn: &mut AnyConnection, sends: &mut [SendSummary]) -> Result<()> {
    for send in sends.iter_mut() {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT state, COUNT(*) FROM newsletter_deliveries WHERE send_id = $1 GROUP BY state",
        )
        .bind(send.id)
        .fetch_all(&mut *conn)
        .await?;
        for (state, n) in rows {
            match state.as_str() {
                "queued" => send.queued = n,
                "sending" => send.sending = n,
                "sent" => send.sent = n,
                "failed" => send.failed = n,
                _ => send.skipped = n,
            }
        }
    }
    Ok(())
}

/// The subscriptions of list `$1` that receive mail: confirmed, and the
/// address not suspended.
pub(super) const RECEIVERS: &str = "newsletter_subscriptions n \
     JOIN newsletter_subscribers r ON r.id = n.subscriber_id \
     WHERE n.list_id = $1 AND n.state = 'active' AND r.status = 'active'";

/// How many addresses receive `list_id`.
async fn count_receivers(conn: &mut AnyConnection, list_id: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {RECEIVERS}"))
            .bind(list_id)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// Queues a mail to every address that receives `list_id`.
async fn queue_mail(
    conn: &mut AnyConnection,
    send_id: i64,
    list_id: i64,
    now: UnixTime,
) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO newsletter_deliveries (send_id, channel, recipient_id, next_attempt_at) \
         SELECT $2, 'mail', n.subscriber_id, $3 FROM {RECEIVERS}"
    ))
    .bind(list_id)
    .bind(send_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Store {
    /// Claims `list`'s digest for the local `day`, once across every node:
    /// the list's `last_day` moves to `day` in a guarded update, and the
    /// stories published since the last digest (at most a day back, newest
    /// first, at most `max_stories`) become the send, queued to every
    /// active subscriber. `None` when the day was already claimed, the list
    /// is off, or nothing was published or nobody subscribed (the day is
    /// then used up too).
    pub async fn claim_digest(
        &self,
        list_id: i64,
        day: &str,
        now: UnixTime,
        max_stories: i64,
    ) -> Result<Option<SendSummary>> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "SELECT edition_id, kind, section_id, active, last_day, last_until \
             FROM newsletter_lists WHERE id = $1",
        )
        .bind(list_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let kind = ListKind::parse(&row.try_get::<String, _>("kind")?)?;
        let last_day: String = row.try_get("last_day")?;
        if !kind.is_digest() || row.try_get::<i64, _>("active")? == 0 || last_day.as_str() >= day {
            return Ok(None);
        }
        let claimed = sqlx::query(
            "UPDATE newsletter_lists SET last_day = $1, last_until = $2 \
             WHERE id = $3 AND last_day = $4",
        )
        .bind(day)
        .bind(now)
        .bind(list_id)
        .bind(&last_day)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() == 0 {
            return Ok(None);
        }
        let since = row
            .try_get::<i64, _>("last_until")?
            .max(now - DIGEST_LOOKBACK_SECS);
        let (column, scope) = match row.try_get::<Option<i64>, _>("section_id")? {
            Some(section) => ("section_id", section),
            None => ("edition_id", row.try_get("edition_id")?),
        };
        // The period is [since, now): a story of the very second `now` is
        // the next digest's, so that none is in two.
        let stories: Vec<i64> = sqlx::query_scalar(&format!(
            "SELECT id FROM articles WHERE is_public = 1 AND {column} = $1 \
             AND published_at >= $2 AND published_at < $3 \
             ORDER BY published_at DESC, id DESC LIMIT $4"
        ))
        .bind(scope)
        .bind(since)
        .bind(now)
        .bind(max_stories)
        .fetch_all(&mut *tx)
        .await?;
        let recipients = count_receivers(&mut tx, list_id).await?;
        // Nothing to send, or nobody to send it to: the day is used up all the same.
        if stories.is_empty() || recipients == 0 {
            tx.commit().await?;
            return Ok(None);
        }
        let ids = serde_json::to_string(&stories).unwrap_or_else(|_| "[]".to_owned());
        let send_id: i64 = sqlx::query_scalar(
            "INSERT INTO newsletter_sends (list_id, kind, day, article_ids, created_at) \
             VALUES ($1, 'digest', $2, $3, $4) RETURNING id",
        )
        .bind(list_id)
        .bind(day)
        .bind(&ids)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(StoreError::on_constraint("digest"))?;
        queue_mail(&mut tx, send_id, list_id, now).await?;
        tx.commit().await?;
        self.newsletter_send(send_id).await
    }

    /// Who a breaking alert of `article_id` would reach now, and the alert
    /// already sent for it. Unknown story → `NotFound`.
    pub async fn alert_recipients(&self, article_id: i64) -> Result<AlertRecipients> {
        let edition_id: i64 = sqlx::query_scalar("SELECT edition_id FROM articles WHERE id = $1")
            .bind(article_id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)?;
        let list_id: i64 = sqlx::query_scalar(
            "SELECT id FROM newsletter_lists WHERE edition_id = $1 AND kind = 'breaking'",
        )
        .bind(edition_id)
        .fetch_one(&self.pool)
        .await?;
        let mail = {
            let mut conn = self.pool.acquire().await?;
            count_receivers(&mut conn, list_id).await?
        };
        let push: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM push_subscriptions WHERE edition_id = $1")
                .bind(edition_id)
                .fetch_one(&self.pool)
                .await?;
        let sent: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM newsletter_sends WHERE kind = 'alert' AND list_id = $1 AND article_id = $2",
        )
        .bind(list_id)
        .bind(article_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(AlertRecipients {
            list_id,
            mail,
            push,
            sent,
        })
    }

    /// Sends `article_id` as a breaking alert of its edition: to the
    /// breaking list's subscribers by mail and to the edition's browsers
    /// by push, queued in one transaction. A story that is not public →
    /// `Conflict { what: "story" }`; the list switched off →
    /// `Conflict { what: "breaking list" }`; sent before →
    /// `Duplicate { what: "alert" }`.
    pub async fn create_alert(
        &self,
        article_id: i64,
        created_by: Option<i64>,
        audit: Option<&NewAudit>,
        now: UnixTime,
    ) -> Result<SendSummary> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query("SELECT edition_id, is_public FROM articles WHERE id = $1")
            .bind(article_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        if row.try_get::<i64, _>("is_public")? == 0 {
            return Err(StoreError::Conflict { what: "story" });
        }
        let edition_id: i64 = row.try_get("edition_id")?;
        let (list_id, active): (i64, i64) = sqlx::query_as(
            "SELECT id, active FROM newsletter_lists WHERE edition_id = $1 AND kind = 'breaking'",
        )
        .bind(edition_id)
        .fetch_one(&mut *tx)
        .await?;
        if active == 0 {
            return Err(StoreError::Conflict {
                what: "breaking list",
            });
        }
        let send_id: i64 = sqlx::query_scalar(
            "INSERT INTO newsletter_sends (list_id, kind, article_id, article_ids, created_by, created_at) \
             VALUES ($1, 'alert', $2, $3, $4, $5) RETURNING id",
        )
        .bind(list_id)
        .bind(article_id)
        .bind(format!("[{article_id}]"))
        .bind(created_by)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(StoreError::on_constraint("alert"))?;
        queue_mail(&mut tx, send_id, list_id, now).await?;
        sqlx::query(
            "INSERT INTO newsletter_deliveries (send_id, channel, recipient_id, next_attempt_at) \
             SELECT $1, 'push', id, $2 FROM push_subscriptions WHERE edition_id = $3",
        )
        .bind(send_id)
        .bind(now)
        .bind(edition_id)
        .execute(&mut *tx)
        .await?;
        if let Some(audit) = audit {
            let mut entry = audit.clone();
            entry.details = serde_json::json!({ "send_id": send_id, "list_id": list_id });
            record_audit_on(&mut tx, &entry).await?;
        }
        tx.commit().await?;
        self.newsletter_send(send_id)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// One send with its counts.
    pub async fn newsletter_send(&self, id: i64) -> Result<Option<SendSummary>> {
        let mut conn = self.pool.acquire().await?;
        let sql = format!("SELECT {SEND_COLUMNS} FROM {SEND_FROM} WHERE s.id = $1");
        let Some(row) = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
        else {
            return Ok(None);
        };
        let mut sends = vec![summary_from_row(&row)?];
        count_deliveries(&mut conn, &mut sends).await?;
        Ok(sends.pop())
    }

    /// The newest sends (before `before`, an id, when paging), with counts.
    pub async fn newsletter_sends(
        &self,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<SendSummary>> {
        let mut conn = self.pool.acquire().await?;
        let sql = format!(
            "SELECT {SEND_COLUMNS} FROM {SEND_FROM} WHERE s.id < $1 ORDER BY s.id DESC LIMIT $2"
        );
        let mut sends = sqlx::query(&sql)
            .bind(before.unwrap_or(i64::MAX))
            .bind(limit)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(summary_from_row)
            .collect::<Result<Vec<_>>>()?;
        count_deliveries(&mut conn, &mut sends).await?;
        Ok(sends)
    }

    /// A send's counts and the deliveries that did not simply go out.
    pub async fn newsletter_send_report(&self, id: i64) -> Result<Option<SendReport>> {
        let Some(summary) = self.newsletter_send(id).await? else {
            return Ok(None);
        };
        let problems = sqlx::query(
            "SELECT d.channel, COALESCE(r.email, p.endpoint, '') AS recipient, d.state, \
             d.attempts, d.error, d.sent_at FROM newsletter_deliveries d \
             LEFT JOIN newsletter_subscribers r ON d.channel = 'mail' AND r.id = d.recipient_id \
             LEFT JOIN push_subscriptions p ON d.channel = 'push' AND p.id = d.recipient_id \
             WHERE d.send_id = $1 AND (d.state IN ('failed', 'skipped') OR d.error <> '') \
             ORDER BY d.channel, d.recipient_id LIMIT $2",
        )
        .bind(id)
        .bind(REPORT_PROBLEMS)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| -> Result<Delivery> {
            let channel: String = row.try_get("channel")?;
            let recipient: String = row.try_get("recipient")?;
            Ok(Delivery {
                // A push endpoint is a secret of the browser: its host is enough.
                recipient: if channel == "push" {
                    push_host(&recipient)
                } else {
                    recipient
                },
                channel,
                state: row.try_get("state")?,
                attempts: row.try_get("attempts")?,
                error: row.try_get("error")?,
                sent_at: row.try_get("sent_at")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
        Ok(Some(SendReport { summary, problems }))
    }
}

/// The host of a push endpoint (`https://host/path` → `host`).
fn push_host(endpoint: &str) -> String {
    endpoint
        .split_once("://")
        .map_or(endpoint, |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or_default()
        .to_owned()
}
