//! The lists: made with their edition or section, never by hand.

use dateline_domain::UnixTime;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::{ListKind, NewsletterList};
use crate::audit::{record_audit_on, NewAudit};
use crate::{Result, Store, StoreError};

/// Latest minute of the day a digest can be set to go out at.
pub const LAST_SEND_MINUTE: i64 = 24 * 60 - 1;

const LIST_COLUMNS: &str = "l.id, l.edition_id, l.kind, l.section_id, s.title AS section_title, \
     l.send_minute, l.active, l.last_day";

/// Digests first, then sections in their order, then breaking news.
const LIST_ORDER: &str = "CASE l.kind WHEN 'digest' THEN 0 WHEN 'section' THEN 1 ELSE 2 END, \
     s.position, l.id";

fn list_from_row(row: &AnyRow, subscribers: i64) -> Result<NewsletterList> {
    Ok(NewsletterList {
        id: row.try_get("id")?,
        edition_id: row.try_get("edition_id")?,
        kind: ListKind::parse(&row.try_get::<String, _>("kind")?)?,
        section_id: row.try_get("section_id")?,
        section_title: row.try_get("section_title")?,
        send_minute: row.try_get("send_minute")?,
        active: row.try_get::<i64, _>("active")? != 0,
        last_day: row.try_get("last_day")?,
        subscribers,
    })
}

/// The digest and breaking-news lists of a new edition, on its transaction.
pub(crate) async fn add_edition_lists(
    conn: &mut AnyConnection,
    edition_id: i64,
    now: UnixTime,
) -> Result<()> {
    for kind in [ListKind::Digest, ListKind::Breaking] {
        sqlx::query(
            "INSERT INTO newsletter_lists (edition_id, kind, created_at) VALUES ($1, $2, $3)",
        )
        .bind(edition_id)
        .bind(kind.as_str())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The digest of a new section, on its transaction.
pub(crate) async fn add_section_list(
    conn: &mut AnyConnection,
    edition_id: i64,
    section_id: i64,
    now: UnixTime,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO newsletter_lists (edition_id, kind, section_id, created_at) \
         VALUES ($1, 'section', $2, $3)",
    )
    .bind(edition_id)
    .bind(section_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Store {
    /// An edition's lists in the order readers see them, without counts.
    pub async fn newsletter_lists(&self, edition_id: i64) -> Result<Vec<NewsletterList>> {
        let sql = format!(
            "SELECT {LIST_COLUMNS} FROM newsletter_lists l \
             LEFT JOIN sections s ON s.id = l.section_id \
             WHERE l.edition_id = $1 ORDER BY {LIST_ORDER}"
        );
        sqlx::query(&sql)
            .bind(edition_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| list_from_row(row, 0))
            .collect()
    }

    /// Every list with its count of active subscriptions (the newsroom's
    /// overview and the digest scheduler), by edition.
    pub async fn all_newsletter_lists(&self) -> Result<Vec<NewsletterList>> {
        let sql = format!(
            "SELECT {LIST_COLUMNS}, (SELECT COUNT(*) FROM newsletter_subscriptions n \
               JOIN newsletter_subscribers r ON r.id = n.subscriber_id \
               WHERE n.list_id = l.id AND n.state = 'active' AND r.status = 'active') AS subscribers \
             FROM newsletter_lists l LEFT JOIN sections s ON s.id = l.section_id \
             JOIN editions e ON e.id = l.edition_id \
             ORDER BY e.position, e.id, {LIST_ORDER}"
        );
        sqlx::query(&sql)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| list_from_row(row, row.try_get("subscribers")?))
            .collect()
    }

    /// The active digests (scheduler), without counts.
    pub async fn active_digest_lists(&self) -> Result<Vec<NewsletterList>> {
        let sql = format!(
            "SELECT {LIST_COLUMNS} FROM newsletter_lists l \
             LEFT JOIN sections s ON s.id = l.section_id \
             WHERE l.active = 1 AND l.kind <> 'breaking' ORDER BY l.id"
        );
        sqlx::query(&sql)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| list_from_row(row, 0))
            .collect()
    }

    pub async fn newsletter_list(&self, id: i64) -> Result<Option<NewsletterList>> {
        let sql = format!(
            "SELECT {LIST_COLUMNS} FROM newsletter_lists l \
             LEFT JOIN sections s ON s.id = l.section_id WHERE l.id = $1"
        );
        sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(|row| list_from_row(row, 0))
            .transpose()
    }

    /// Sets a list's send time (minutes after local midnight, digests
    /// only) and whether it is offered and sent. Unknown → `NotFound`.
    pub async fn update_newsletter_list(
        &self,
        id: i64,
        send_minute: i64,
        active: bool,
        audit: &NewAudit,
    ) -> Result<()> {
        if !(0..=LAST_SEND_MINUTE).contains(&send_minute) {
            return Err(StoreError::Invalid(dateline_domain::ParseError::new(
                "send_time",
                "invalid_send_time",
                format!("{send_minute} is not a minute of the day"),
            )));
        }
        let mut tx = self.begin_write().await?;
        let done =
            sqlx::query("UPDATE newsletter_lists SET send_minute = $1, active = $2 WHERE id = $3")
                .bind(send_minute)
                .bind(i64::from(active))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let mut entry = audit.clone().on_item(id);
        entry.details = serde_json::json!({ "send_minute": send_minute, "active": active });
        record_audit_on(&mut tx, &entry).await?;
        tx.commit().await?;
        Ok(())
    }
}
