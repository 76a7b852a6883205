//! The send worker every node runs: it claims the digests whose time has
//! come (each list and local day once across the nodes), then works
//! through due deliveries one at a time: claim, send, record. Mail goes
//! through the configured relay (a pooled connection); push messages to
//! each browser's push service.
//!
//! Failures: a refusal for good (5xx) fails the delivery and counts
//! against the address, which is suspended after
//! [`SendRules::suspend_after`] in a row; anything else is tried again
//! after 1, 5, 30 minutes, 2 and 6 hours, and fails after
//! [`SendRules::max_attempts`]. A push service answering 404 or 410 means
//! the browser's subscription is gone: it is deleted. A node that stops
//! mid-message leaves that one delivery `sending`; when its lease runs out
//! it is failed as interrupted, never sent twice (see the store's
//! `deliveries.rs`).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Timelike};
use dateline_domain::UnixTime;
use dateline_store::newsletters::{Channel, DueDelivery};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::mails::SendContent;
use crate::auth::now;
use crate::error::ApiError;
use crate::AppState;

/// How often a node looks for due deliveries when nothing woke it.
const POLL: Duration = Duration::from_secs(2);

/// How often a node looks for digests whose time has come.
const DIGEST_CHECK_SECS: i64 = 30;

/// Waits before the second, third… attempt of a delivery (seconds).
const BACKOFF: [i64; 5] = [60, 300, 1800, 7200, 21_600];

/// The worker's rules; tests shorten them.
#[derive(Debug, Clone, Copy)]
pub struct SendRules {
    /// Stories a digest carries at most.
    pub max_stories: i64,
    /// Permanent failures in a row that suspend an address.
    pub suspend_after: i64,
    /// Attempts before a delivery that keeps failing for now fails.
    pub max_attempts: i64,
    /// How long a claimed delivery may take before it counts as interrupted.
    pub lease_secs: i64,
    /// Deliveries taken per round.
    pub batch: i64,
}

impl Default for SendRules {
    fn default() -> Self {
        Self {
            max_stories: 20,
            suspend_after: 3,
            max_attempts: 5,
            lease_secs: 120,
            batch: 200,
        }
    }
}

/// The wait before attempt `attempts + 1`.
fn backoff(attempts: i64) -> i64 {
    let i = usize::try_from(attempts.max(1) - 1).unwrap_or(0);
    BACKOFF[i.min(BACKOFF.len() - 1)]
}

/// Starts the worker; it stops between two deliveries when `stop` changes.
pub fn spawn(state: AppState, stop: watch::Receiver<bool>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut stop = stop;
        let mut digests_checked: UnixTime = 0;
        loop {
            let now = now();
            if now - digests_checked >= DIGEST_CHECK_SECS {
                digests_checked = now;
                if let Err(error) = claim_digests(&state, now).await {
                    tracing::warn!(%error, "digests not claimed; retrying");
                }
            }
            let stopping = stop.clone();
            let full = match run_once(&state, now, &|| *stopping.borrow()).await {
                Ok(handled) => i64::try_from(handled).unwrap_or(0) >= state.newsletters.rules.batch,
                Err(error) => {
                    tracing::warn!(%error, "newsletter deliveries failed; retrying");
                    false
                }
            };
            if *stop.borrow() {
                return;
            }
            if full {
                continue;
            }
            tokio::select! {
                _ = tokio::time::sleep(POLL) => {}
                _ = state.newsletters.wake.notified() => {}
                _ = stop.changed() => return,
            }
        }
    })
}

/// Claims every digest whose local send time has passed today and that
/// has not gone out today; returns how many sends were made.
pub async fn claim_digests(state: &AppState, now: UnixTime) -> Result<usize, ApiError> {
    let site = state.cache.site(&state.store).await?;
    let lists = state.store.active_digest_lists().await?;
    let Some(instant) = chrono::Utc.timestamp_opt(now, 0).single() else {
        return Ok(0);
    };
    let mut made = 0;
    for list in lists {
        let Some(edition) = site.editions.iter().find(|e| e.id == list.edition_id) else {
            continue;
        };
        let local = instant.with_timezone(&edition.time_zone.tz());
        let minute = i64::from(local.hour() * 60 + local.minute());
        let day = local.format("%Y-%m-%d").to_string();
        if minute < list.send_minute || list.last_day.as_str() >= day.as_str() {
            continue;
        }
        let rules = state.newsletters.rules;
        if let Some(send) = state
            .store
            .claim_digest(list.id, &day, now, rules.max_stories)
            .await?
        {
            tracing::info!(send_id = send.id, list_id = list.id, %day, recipients = send.queued, "digest queued");
            made += 1;
        }
    }
    if made > 0 {
        state.newsletters.wake.notify_one();
    }
    Ok(made)
}

/// One round: fails the deliveries of nodes that stopped mid-message, then
/// sends the due ones (until `stopping` says so). Returns how many were
/// taken.
pub async fn run_once(
    state: &AppState,
    now: UnixTime,
    stopping: &(dyn Fn() -> bool + Sync),
) -> Result<usize, ApiError> {
    let interrupted = state.store.fail_interrupted_deliveries(now).await?;
    if interrupted > 0 {
        tracing::warn!(
            interrupted,
            "deliveries interrupted by a stop were failed, not sent again"
        );
    }
    let due = state
        .store
        .due_deliveries(now, state.newsletters.rules.batch)
        .await?;
    let mut contents: HashMap<i64, Option<Arc<SendContent>>> = HashMap::new();
    let taken = due.len();
    for delivery in due {
        if stopping() {
            break;
        }
        let content = match contents.get(&delivery.key.send_id) {
            Some(content) => content.clone(),
            None => {
                let content = match state.store.newsletter_send(delivery.key.send_id).await? {
                    Some(send) => SendContent::load(state, &send).await?.map(Arc::new),
                    None => None,
                };
                contents.insert(delivery.key.send_id, content.clone());
                content
            }
        };
        deliver(state, &delivery, content.as_deref()).await?;
    }
    Ok(taken)
}

/// How one delivery ended.
enum Ending {
    Sent,
    Skipped(&'static str),
    Failed { error: String, bounce: bool },
    Retry { error: String, after: i64 },
}

async fn deliver(
    state: &AppState,
    due: &DueDelivery,
    content: Option<&SendContent>,
) -> Result<(), ApiError> {
    let rules = state.newsletters.rules;
    if !state
        .store
        .claim_delivery(&due.key, now(), rules.lease_secs)
        .await?
    {
        return Ok(());
    }
    let ending = match content {
        None => Ending::Skipped("the list or the send no longer exists"),
        Some(content) if content.stories.is_empty() => {
            Ending::Skipped("its stories were taken down before it went out")
        }
        Some(content) => match due.key.channel {
            Channel::Mail => mail(state, due, content).await?,
            Channel::Push => push(state, due, content).await?,
        },
    };
    let attempts = due.attempts + 1;
    let outcome = match &ending {
        Ending::Sent => "sent",
        Ending::Skipped(_) => "skipped",
        Ending::Retry { .. } if attempts < rules.max_attempts => "retry",
        Ending::Failed { .. } | Ending::Retry { .. } => "failed",
    };
    match ending {
        Ending::Sent => state.store.delivery_sent(&due.key, now()).await?,
        Ending::Skipped(why) => {
            state
                .store
                .delivery_failed(&due.key, why, true, false, rules.suspend_after, now())
                .await?;
        }
        Ending::Failed { error, bounce } => {
            let suspended = state
                .store
                .delivery_failed(&due.key, &error, false, bounce, rules.suspend_after, now())
                .await?;
            if suspended {
                tracing::info!(
                    subscriber = due.key.recipient_id,
                    "address suspended after repeated refusals"
                );
            }
        }
        Ending::Retry { error, .. } if attempts >= rules.max_attempts => {
            let error = format!("{error} (gave up after {attempts} attempts)");
            state
                .store
                .delivery_failed(&due.key, &error, false, false, rules.suspend_after, now())
                .await?;
        }
        Ending::Retry { error, after } => {
            state
                .store
                .delivery_retry(&due.key, &error, now() + after)
                .await?;
        }
    }
    state
        .metrics
        .delivery_ended(due.key.channel.as_str(), outcome);
    Ok(())
}

async fn mail(
    state: &AppState,
    due: &DueDelivery,
    content: &SendContent,
) -> Result<Ending, ApiError> {
    let Some(subscriber) = state
        .store
        .newsletter_subscriber(due.key.recipient_id)
        .await?
    else {
        return Ok(Ending::Skipped("the address left the lists"));
    };
    if !state
        .store
        .newsletter_receives(subscriber.id, content.list.id)
        .await?
    {
        return Ok(Ending::Skipped(
            "unsubscribed or suspended before it went out",
        ));
    }
    Ok(
        match state.mailer.send(content.mail(state, &subscriber)).await {
            Ok(()) => Ending::Sent,
            Err(err) if err.is_permanent() => Ending::Failed {
                bounce: err.is_bounce(),
                error: err.to_string(),
            },
            Err(err) => Ending::Retry {
                error: err.to_string(),
                after: backoff(due.attempts + 1),
            },
        },
    )
}

async fn push(
    state: &AppState,
    due: &DueDelivery,
    content: &SendContent,
) -> Result<Ending, ApiError> {
    let Some(row) = state.store.push_subscription(due.key.recipient_id).await? else {
        return Ok(Ending::Skipped("the browser left"));
    };
    let newsletters = &state.newsletters;
    let subscription = match dateline_push::Subscription::parse(
        &row.endpoint,
        &row.p256dh,
        &row.auth,
        &newsletters.push_policy,
    ) {
        Ok(subscription) => subscription,
        Err(err) => {
            // Stored before a policy change, say: it can never be sent to.
            state.store.remove_push_subscription_id(row.id).await?;
            return Ok(Ending::Failed {
                error: format!("subscription refused: {err}"),
                bounce: false,
            });
        }
    };
    let sender = match newsletters.push_sender(&state.store).await {
        Ok(sender) => sender,
        Err(err) => {
            return Ok(Ending::Retry {
                error: format!("push keys unavailable: {err}"),
                after: backoff(due.attempts + 1),
            })
        }
    };
    let payload = content.push_payload(state);
    // Breaking news is worth waking a phone for, and stale after a few hours.
    let options = dateline_push::Options {
        ttl: 4 * 3600,
        urgency: dateline_push::Urgency::High,
        topic: None,
    };
    Ok(match sender.send(&subscription, &payload, &options).await {
        Ok(dateline_push::Outcome::Delivered) => Ending::Sent,
        Ok(dateline_push::Outcome::Gone { .. }) => {
            state.store.remove_push_subscription_id(row.id).await?;
            Ending::Failed {
                error: "the browser's subscription has expired; removed".to_owned(),
                bounce: false,
            }
        }
        Ok(dateline_push::Outcome::RetryLater { after, reason }) => Ending::Retry {
            error: reason,
            after: after
                .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
                .unwrap_or_else(|| backoff(due.attempts + 1))
                .max(1),
        },
        Ok(refused) => Ending::Failed {
            error: refused.to_string(),
            bounce: false,
        },
        // The payload cannot be sent at all (too long): no retry helps.
        Err(err) => Ending::Failed {
            error: err.to_string(),
            bounce: false,
        },
    })
}
