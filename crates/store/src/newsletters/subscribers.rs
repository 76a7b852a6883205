//! Subscribers, their subscriptions and the consent record.
//!
//! A sign-up adds the lists asked for as `pending` and stores a
//! confirmation (the SHA-256 of a link secret and of a six-digit code);
//! the link or the code makes every pending subscription `active`. A
//! reader signed in with a verified address, and a preferences page
//! opened from a mail, have proved the address: their changes apply at
//! once. Every change is one row of `newsletter_events`, in the same
//! transaction.

use dateline_domain::{EmailAddress, UnixTime};
use serde::Serialize;
use serde_json::{json, Value};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::ChangeSource;
use crate::{CodeRefusal, Result, Store, StoreError};

const SUBSCRIBER_COLUMNS: &str =
    "id, email, edition_id, reader_id, status, link_key, bounces, created_at";

/// Whether mail goes to the address at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SubscriberStatus {
    Active,
    /// Suspended after repeated permanent delivery failures; a new
    /// confirmation makes the address active again.
    Suspended,
}

/// An address on the lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subscriber {
    pub id: i64,
    pub email: String,
    /// The edition whose language mail outside any list is written in.
    pub edition_id: i64,
    pub reader_id: Option<i64>,
    pub status: SubscriberStatus,
    /// The secret of the links in every mail (`{id}.{link_key}`).
    #[serde(skip)]
    pub link_key: String,
    /// Permanent delivery failures in a row.
    pub bounces: i64,
    pub created_at: UnixTime,
}

/// `pending` until the address is confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SubscriptionState {
    Pending,
    Active,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subscription {
    pub list_id: i64,
    pub state: SubscriptionState,
    pub created_at: UnixTime,
    pub confirmed_at: Option<UnixTime>,
}

/// One line of the consent record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubscriberEvent {
    pub list_id: Option<i64>,
    /// subscribed, confirmed, unsubscribed, suspended, reactivated.
    pub event: String,
    pub source: String,
    pub ip: String,
    pub at: UnixTime,
}

/// The secrets of a double opt-in mail, hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConfirmation {
    pub token_hash: String,
    /// Hashed with the subscriber's address, so that codes never collide.
    pub code_hash: String,
    pub expires_at: UnixTime,
}

/// A sign-up: from the subscribe page, or a reader's profile.
#[derive(Debug, Clone)]
pub struct SignUp<'a> {
    pub email: &'a EmailAddress,
    pub edition_id: i64,
    /// Lists to add; each must belong to `edition_id` and be active.
    pub list_ids: &'a [i64],
    pub reader_id: Option<i64>,
    /// The address is known to be the person's (a verified reader): the
    /// lists are active at once and no confirmation is stored.
    pub address_proved: bool,
    pub source: ChangeSource,
    pub ip: &'a str,
    pub now: UnixTime,
    /// The secret of a new subscriber's links.
    pub new_link_key: &'a str,
    /// Stored (replacing an open one) unless the address is proved.
    pub confirmation: Option<&'a NewConfirmation>,
}

fn subscriber_from_row(row: &AnyRow) -> Result<Subscriber> {
    let status: String = row.try_get("status")?;
    Ok(Subscriber {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        edition_id: row.try_get("edition_id")?,
        reader_id: row.try_get("reader_id")?,
        status: match status.as_str() {
            "active" => SubscriberStatus::Active,
            "suspended" => SubscriberStatus::Suspended,
            other => {
                return Err(StoreError::Corrupt {
                    table: "newsletter_subscribers",
                    detail: format!("unknown status {other:?}"),
                })
            }
        },
        link_key: row.try_get("link_key")?,
        bounces: row.try_get("bounces")?,
        created_at: row.try_get("created_at")?,
    })
}

/// Adds one line to the consent record.
pub(super) async fn record_event(
    conn: &mut AnyConnection,
    subscriber_id: i64,
    list_id: Option<i64>,
    event: &str,
    source: ChangeSource,
    ip: &str,
    now: UnixTime,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO newsletter_events (subscriber_id, list_id, event, source, ip, at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(subscriber_id)
    .bind(list_id)
    .bind(event)
    .bind(source.as_str())
    .bind(ip)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn subscriber_on(conn: &mut AnyConnection, id: i64) -> Result<Option<Subscriber>> {
    let sql = format!("SELECT {SUBSCRIBER_COLUMNS} FROM newsletter_subscribers WHERE id = $1");
    sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .as_ref()
        .map(subscriber_from_row)
        .transpose()
}

/// Makes every pending subscription active and a suspended address active
/// again: what a confirmation proves.
async fn activate_on(
    conn: &mut AnyConnection,
    subscriber: &Subscriber,
    source: ChangeSource,
    ip: &str,
    now: UnixTime,
) -> Result<Subscriber> {
    let pending: Vec<i64> = sqlx::query_scalar(
        "SELECT list_id FROM newsletter_subscriptions \
         WHERE subscriber_id = $1 AND state = 'pending' ORDER BY list_id",
    )
    .bind(subscriber.id)
    .fetch_all(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE newsletter_subscriptions SET state = 'active', confirmed_at = $1 \
         WHERE subscriber_id = $2 AND state = 'pending'",
    )
    .bind(now)
    .bind(subscriber.id)
    .execute(&mut *conn)
    .await?;
    for list_id in pending {
        record_event(
            conn,
            subscriber.id,
            Some(list_id),
            "confirmed",
            source,
            ip,
            now,
        )
        .await?;
    }
    if subscriber.status == SubscriberStatus::Suspended {
        sqlx::query(
            "UPDATE newsletter_subscribers SET status = 'active', bounces = 0 WHERE id = $1",
        )
        .bind(subscriber.id)
        .execute(&mut *conn)
        .await?;
        record_event(conn, subscriber.id, None, "reactivated", source, ip, now).await?;
    }
    subscriber_on(conn, subscriber.id)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Lists of `edition_id` among `list_ids` that exist and are active;
/// any other → `MissingReference { what: "newsletter list" }`.
async fn check_lists(conn: &mut AnyConnection, edition_id: i64, list_ids: &[i64]) -> Result<()> {
    for &list_id in list_ids {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM newsletter_lists WHERE id = $1 AND edition_id = $2 AND active = 1",
        )
        .bind(list_id)
        .bind(edition_id)
        .fetch_optional(&mut *conn)
        .await?;
        if found.is_none() {
            return Err(StoreError::MissingReference {
                what: "newsletter list",
            });
        }
    }
    Ok(())
}

/// How long a sign-up waits for its confirmation before it is forgotten.
pub const UNCONFIRMED_KEPT_SECS: i64 = 30 * 24 * 3600;

impl Store {
    /// Forgets what was never confirmed: spent or expired confirmations,
    /// pending subscriptions older than [`UNCONFIRMED_KEPT_SECS`], and
    /// addresses that never confirmed any list after that long (with their
    /// records). Returns how many rows went.
    pub(crate) async fn purge_unconfirmed_newsletters(&self, now: UnixTime) -> Result<u64> {
        let before = now - UNCONFIRMED_KEPT_SECS;
        let mut removed = sqlx::query(
            "DELETE FROM newsletter_confirmations WHERE used_at IS NOT NULL OR expires_at <= $1",
        )
        .bind(now)
        .execute(&self.pool)
        .await?
        .rows_affected();
        removed += sqlx::query(
            "DELETE FROM newsletter_subscriptions WHERE state = 'pending' AND created_at < $1",
        )
        .bind(before)
        .execute(&self.pool)
        .await?
        .rows_affected();
        removed += sqlx::query(
            "DELETE FROM newsletter_subscribers WHERE created_at < $1 AND NOT EXISTS \
             (SELECT 1 FROM newsletter_events e WHERE e.subscriber_id = newsletter_subscribers.id \
              AND e.event = 'confirmed') AND NOT EXISTS (SELECT 1 FROM newsletter_subscriptions n \
              WHERE n.subscriber_id = newsletter_subscribers.id)",
        )
        .bind(before)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(removed)
    }

    /// Signs `sign_up.email` up for its lists: the subscriber is made if
    /// new (else its reader link is filled in), each list not yet active
    /// is added as pending, or active when the address is proved, and the
    /// confirmation replaces any open one. Returns the subscriber.
    pub async fn subscribe_newsletter(&self, sign_up: &SignUp<'_>) -> Result<Subscriber> {
        let mut tx = self.begin_write().await?;
        check_lists(&mut tx, sign_up.edition_id, sign_up.list_ids).await?;
        let sql =
            format!("SELECT {SUBSCRIBER_COLUMNS} FROM newsletter_subscribers WHERE email = $1");
        let email = sign_up.email.as_str().to_lowercase();
        let existing = sqlx::query(&sql)
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await?
            .as_ref()
            .map(subscriber_from_row)
            .transpose()?;
        let subscriber = match existing {
            Some(subscriber) => {
                if subscriber.reader_id.is_none() && sign_up.reader_id.is_some() {
                    sqlx::query("UPDATE newsletter_subscribers SET reader_id = $1 WHERE id = $2")
                        .bind(sign_up.reader_id)
                        .bind(subscriber.id)
                        .execute(&mut *tx)
                        .await?;
                }
                subscriber
            }
            None => {
                let sql = format!(
                    "INSERT INTO newsletter_subscribers \
                     (email, edition_id, reader_id, link_key, created_at) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING {SUBSCRIBER_COLUMNS}"
                );
                let row = sqlx::query(&sql)
                    .bind(&email)
                    .bind(sign_up.edition_id)
                    .bind(sign_up.reader_id)
                    .bind(sign_up.new_link_key)
                    .bind(sign_up.now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(StoreError::on_constraint("subscriber"))?;
                subscriber_from_row(&row)?
            }
        };
        for &list_id in sign_up.list_ids {
            let state: Option<String> = sqlx::query_scalar(
                "SELECT state FROM newsletter_subscriptions WHERE subscriber_id = $1 AND list_id = $2",
            )
            .bind(subscriber.id)
            .bind(list_id)
            .fetch_optional(&mut *tx)
            .await?;
            match state.as_deref() {
                Some("active") => continue,
                Some(_) => {
                    // Asked again: the new mail's confirmation covers it.
                    sqlx::query(
                        "UPDATE newsletter_subscriptions SET created_at = $1 \
                         WHERE subscriber_id = $2 AND list_id = $3",
                    )
                    .bind(sign_up.now)
                    .bind(subscriber.id)
                    .bind(list_id)
                    .execute(&mut *tx)
                    .await?;
                }
                None => {
                    sqlx::query(
                        "INSERT INTO newsletter_subscriptions \
                         (subscriber_id, list_id, state, created_at) VALUES ($1, $2, 'pending', $3)",
                    )
                    .bind(subscriber.id)
                    .bind(list_id)
                    .bind(sign_up.now)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            record_event(
                &mut tx,
                subscriber.id,
                Some(list_id),
                "subscribed",
                sign_up.source,
                sign_up.ip,
                sign_up.now,
            )
            .await?;
        }
        let subscriber = if sign_up.address_proved {
            activate_on(
                &mut tx,
                &subscriber,
                sign_up.source,
                sign_up.ip,
                sign_up.now,
            )
            .await?
        } else {
            if let Some(confirmation) = sign_up.confirmation {
                sqlx::query(
                    "DELETE FROM newsletter_confirmations WHERE subscriber_id = $1 AND used_at IS NULL",
                )
                .bind(subscriber.id)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO newsletter_confirmations \
                     (subscriber_id, token_hash, code_hash, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(subscriber.id)
                .bind(&confirmation.token_hash)
                .bind(&confirmation.code_hash)
                .bind(sign_up.now)
                .bind(confirmation.expires_at)
                .execute(&mut *tx)
                .await
                .map_err(StoreError::on_constraint("confirmation"))?;
            }
            subscriber
        };
        tx.commit().await?;
        Ok(subscriber)
    }

    /// Uses up the confirmation whose link secret hashes to `token_hash`
    /// (open and not expired) and activates the subscriber's pending lists.
    /// `None` when there is no such confirmation.
    pub async fn confirm_newsletter_link(
        &self,
        token_hash: &str,
        ip: &str,
        now: UnixTime,
    ) -> Result<Option<Subscriber>> {
        let mut tx = self.begin_write().await?;
        let subscriber_id: Option<i64> = sqlx::query_scalar(
            "UPDATE newsletter_confirmations SET used_at = $1 \
             WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 \
             RETURNING subscriber_id",
        )
        .bind(now)
        .bind(token_hash)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(subscriber_id) = subscriber_id else {
            return Ok(None);
        };
        let subscriber = subscriber_on(&mut tx, subscriber_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let subscriber = activate_on(&mut tx, &subscriber, ChangeSource::Link, ip, now).await?;
        tx.commit().await?;
        Ok(Some(subscriber))
    }

    /// The six-digit code of `email`'s open confirmation: right → the
    /// lists are activated; wrong → one more guess counted, and after
    /// `max_attempts` wrong guesses the code stops working.
    pub async fn confirm_newsletter_code(
        &self,
        email: &EmailAddress,
        code_hash: &str,
        max_attempts: i64,
        ip: &str,
        now: UnixTime,
    ) -> Result<Result<Subscriber, CodeRefusal>> {
        let mut tx = self.begin_write().await?;
        let subscriber_id: Option<i64> =
            sqlx::query_scalar("SELECT id FROM newsletter_subscribers WHERE email = $1")
                .bind(email.as_str().to_lowercase())
                .fetch_optional(&mut *tx)
                .await?;
        let Some(subscriber_id) = subscriber_id else {
            return Ok(Err(CodeRefusal::Wrong));
        };
        let used: Option<i64> = sqlx::query_scalar(
            "UPDATE newsletter_confirmations SET used_at = $1 \
             WHERE subscriber_id = $2 AND code_hash = $3 AND used_at IS NULL \
             AND expires_at > $1 AND attempts < $4 RETURNING id",
        )
        .bind(now)
        .bind(subscriber_id)
        .bind(code_hash)
        .bind(max_attempts)
        .fetch_optional(&mut *tx)
        .await?;
        if used.is_none() {
            let attempts: Option<i64> = sqlx::query_scalar(
                "UPDATE newsletter_confirmations SET attempts = attempts + 1 \
                 WHERE subscriber_id = $1 AND used_at IS NULL AND expires_at > $2 \
                 RETURNING attempts",
            )
            .bind(subscriber_id)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            tx.commit().await?;
            return Ok(Err(match attempts {
                Some(n) if n >= max_attempts => CodeRefusal::Exhausted,
                _ => CodeRefusal::Wrong,
            }));
        }
        let subscriber = subscriber_on(&mut tx, subscriber_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let subscriber = activate_on(&mut tx, &subscriber, ChangeSource::Code, ip, now).await?;
        tx.commit().await?;
        Ok(Ok(subscriber))
    }

    pub async fn newsletter_subscriber(&self, id: i64) -> Result<Option<Subscriber>> {
        let mut conn = self.pool.acquire().await?;
        subscriber_on(&mut conn, id).await
    }

    pub async fn newsletter_subscriber_by_email(&self, email: &str) -> Result<Option<Subscriber>> {
        let sql =
            format!("SELECT {SUBSCRIBER_COLUMNS} FROM newsletter_subscribers WHERE email = $1");
        sqlx::query(&sql)
            .bind(email.to_lowercase())
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(subscriber_from_row)
            .transpose()
    }

    /// The subscriber's lists, pending ones included.
    pub async fn newsletter_subscriptions(&self, subscriber_id: i64) -> Result<Vec<Subscription>> {
        sqlx::query(
            "SELECT list_id, state, created_at, confirmed_at FROM newsletter_subscriptions \
             WHERE subscriber_id = $1 ORDER BY list_id",
        )
        .bind(subscriber_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| -> Result<Subscription> {
            let state: String = row.try_get("state")?;
            Ok(Subscription {
                list_id: row.try_get("list_id")?,
                state: if state == "active" {
                    SubscriptionState::Active
                } else {
                    SubscriptionState::Pending
                },
                created_at: row.try_get("created_at")?,
                confirmed_at: row.try_get("confirmed_at")?,
            })
        })
        .collect()
    }

    /// The lists the subscriber receives (confirmed), by id.
    pub async fn newsletter_active_lists(&self, subscriber_id: i64) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT list_id FROM newsletter_subscriptions \
             WHERE subscriber_id = $1 AND state = 'active' ORDER BY list_id",
        )
        .bind(subscriber_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Sets which of `edition_id`'s lists the subscriber receives, from a
    /// page where the address is proved (preferences link, a verified
    /// reader's profile): lists wanted are added active (a pending one
    /// becomes active), lists not wanted are left. Other editions' lists,
    /// and lists switched off (which no page offers), are untouched.
    /// Returns whether anything changed.
    pub async fn set_newsletter_subscriptions(
        &self,
        subscriber_id: i64,
        edition_id: i64,
        wanted: &[i64],
        source: ChangeSource,
        ip: &str,
        now: UnixTime,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let lists: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT l.id, CAST(CASE WHEN n.state = 'active' THEN 2 WHEN n.state = 'pending' \
             THEN 1 ELSE 0 END AS BIGINT) FROM newsletter_lists l LEFT JOIN newsletter_subscriptions n \
             ON n.list_id = l.id AND n.subscriber_id = $1 \
             WHERE l.edition_id = $2 AND l.active = 1 ORDER BY l.id",
        )
        .bind(subscriber_id)
        .bind(edition_id)
        .fetch_all(&mut *tx)
        .await?;
        if wanted
            .iter()
            .any(|id| !lists.iter().any(|(list, _)| list == id))
        {
            return Err(StoreError::MissingReference {
                what: "newsletter list",
            });
        }
        let mut changed = false;
        for (list_id, state) in lists {
            let want = wanted.contains(&list_id);
            if want && state != 2 {
                // A new list, or a pending one: active from now on.
                sqlx::query(
                    "INSERT INTO newsletter_subscriptions \
                     (subscriber_id, list_id, state, created_at, confirmed_at) \
                     VALUES ($1, $2, 'active', $3, $3) ON CONFLICT (subscriber_id, list_id) \
                     DO UPDATE SET state = 'active', confirmed_at = excluded.confirmed_at",
                )
                .bind(subscriber_id)
                .bind(list_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                if state == 0 {
                    record_event(
                        &mut tx,
                        subscriber_id,
                        Some(list_id),
                        "subscribed",
                        source,
                        ip,
                        now,
                    )
                    .await?;
                }
                record_event(
                    &mut tx,
                    subscriber_id,
                    Some(list_id),
                    "confirmed",
                    source,
                    ip,
                    now,
                )
                .await?;
                changed = true;
            } else if !want && state != 0 {
                unsubscribe_on(&mut tx, subscriber_id, list_id, source, ip, now).await?;
                changed = true;
            }
        }
        tx.commit().await?;
        Ok(changed)
    }

    /// Takes the subscriber off one list, or off every list (`None`).
    /// Idempotent; returns whether a subscription ended.
    pub async fn unsubscribe_newsletter(
        &self,
        subscriber_id: i64,
        list_id: Option<i64>,
        source: ChangeSource,
        ip: &str,
        now: UnixTime,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let lists: Vec<i64> = match list_id {
            Some(id) => vec![id],
            None => {
                sqlx::query_scalar(
                    "SELECT list_id FROM newsletter_subscriptions WHERE subscriber_id = $1 \
                     ORDER BY list_id",
                )
                .bind(subscriber_id)
                .fetch_all(&mut *tx)
                .await?
            }
        };
        let mut ended = false;
        for list_id in lists {
            ended |= unsubscribe_on(&mut tx, subscriber_id, list_id, source, ip, now).await?;
        }
        tx.commit().await?;
        Ok(ended)
    }

    /// The consent record of one subscriber, oldest first.
    pub async fn newsletter_history(&self, subscriber_id: i64) -> Result<Vec<SubscriberEvent>> {
        sqlx::query(
            "SELECT list_id, event, source, ip, at FROM newsletter_events \
             WHERE subscriber_id = $1 ORDER BY id",
        )
        .bind(subscriber_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| -> Result<SubscriberEvent> {
            Ok(SubscriberEvent {
                list_id: row.try_get("list_id")?,
                event: row.try_get("event")?,
                source: row.try_get("source")?,
                ip: row.try_get("ip")?,
                at: row.try_get("at")?,
            })
        })
        .collect()
    }

    /// What the newsletters keep about `email`, for the reader's data
    /// export: the subscriber, its lists and its consent record.
    pub async fn newsletter_export(&self, email: &str) -> Result<Option<Value>> {
        let Some(subscriber) = self.newsletter_subscriber_by_email(email).await? else {
            return Ok(None);
        };
        let subscriptions = self.newsletter_subscriptions(subscriber.id).await?;
        let history = self.newsletter_history(subscriber.id).await?;
        Ok(Some(json!({
            "subscriber": subscriber,
            "subscriptions": subscriptions,
            "history": history,
        })))
    }
}

async fn unsubscribe_on(
    conn: &mut AnyConnection,
    subscriber_id: i64,
    list_id: i64,
    source: ChangeSource,
    ip: &str,
    now: UnixTime,
) -> Result<bool> {
    let done = sqlx::query(
        "DELETE FROM newsletter_subscriptions WHERE subscriber_id = $1 AND list_id = $2",
    )
    .bind(subscriber_id)
    .bind(list_id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    record_event(
        conn,
        subscriber_id,
        Some(list_id),
        "unsubscribed",
        source,
        ip,
        now,
    )
    .await?;
    Ok(true)
}
