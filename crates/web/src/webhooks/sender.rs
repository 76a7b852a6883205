//! The sender every node runs: it takes the due deliveries, claims each
//! (one node wins a claim; see the store's `webhooks/deliveries.rs`), sends
//! it and records how it went. 2xx is delivered; anything else (another
//! status, a redirect, a refused connection, a timeout) is tried again
//! after 1, 5 and 30 minutes, 1, 2, 6 and 12 hours (plus up to a tenth
//! more, so that hooks failing together do not retry together), and fails
//! after [`SendRules::max_attempts`] attempts, about a day. Tests drive
//! rounds themselves with [`Sender::deliver_due`] and the time they choose.

use std::time::Duration;

use dateline_domain::UnixTime;
use dateline_store::webhooks::{DeliveryKind, DueWebhookDelivery};
use dateline_store::{Store, StoreError};
use futures_util::StreamExt;
use rand::Rng;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::payload::{feed_urls, webhook_body, websub_form};
use super::signing::signature;
use crate::AppState;

/// Waits before the second, third… attempt (seconds, before jitter).
const BACKOFF: [i64; 7] = [60, 300, 1_800, 3_600, 7_200, 21_600, 43_200];

/// How much of an answer's body is read (for the log), at most.
const BODY_CAP: usize = 1_024;

/// How often a node looks for due deliveries.
const POLL: Duration = Duration::from_secs(2);

/// The sender's rules; tests may shorten them.
#[derive(Debug, Clone, Copy)]
pub struct SendRules {
    /// Attempts before a delivery that keeps failing is `failed`.
    pub max_attempts: i64,
    /// How long a claimed delivery may take before another node may send it.
    pub lease_secs: i64,
    /// Deliveries taken per round.
    pub batch: i64,
    /// Deliveries in flight at once.
    pub concurrency: usize,
    /// For the whole request, connecting included.
    pub timeout: Duration,
}

impl Default for SendRules {
    fn default() -> Self {
        Self {
            max_attempts: 8,
            lease_secs: 60,
            batch: 100,
            concurrency: 4,
            timeout: Duration::from_secs(10),
        }
    }
}

/// The wait before attempt `attempts + 1`, without jitter.
pub fn backoff(attempts: i64) -> i64 {
    let i = usize::try_from(attempts.max(1) - 1).unwrap_or(0);
    BACKOFF[i.min(BACKOFF.len() - 1)]
}

/// What a round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    pub delivered: usize,
    pub retried: usize,
    pub failed: usize,
    pub skipped: usize,
}

enum Outcome {
    Delivered,
    Retried,
    Failed,
    Skipped,
}

/// How an attempt ended: the status if an answer came, else why not.
struct Attempt {
    status: Option<u16>,
    error: String,
}

#[derive(Clone)]
pub struct Sender {
    store: Store,
    base_url: String,
    client: reqwest::Client,
    rules: SendRules,
}

impl Sender {
    /// A sender over `store` for the site at `base_url` (payload addresses).
    pub fn new(store: Store, base_url: &str, rules: SendRules) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder()
            .user_agent(concat!(
                "Dateline/",
                env!("CARGO_PKG_VERSION"),
                " (webhooks)"
            ))
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(rules.timeout)
            .timeout(rules.timeout)
            .build()?;
        Ok(Self {
            store,
            base_url: base_url.to_owned(),
            client,
            rules,
        })
    }

    /// The sender of the app `state` serves, with the default rules.
    pub fn of(state: &AppState) -> Result<Self, reqwest::Error> {
        Self::new(
            state.store.clone(),
            &state.config.base_url,
            SendRules::default(),
        )
    }

    /// Sends every delivery due at `now` (a batch), several at a time.
    pub async fn deliver_due(&self, now: UnixTime) -> Result<Round, StoreError> {
        let due = self
            .store
            .due_webhook_deliveries(now, self.rules.batch)
            .await?;
        let outcomes: Vec<Result<Option<Outcome>, StoreError>> = futures_util::stream::iter(due)
            .map(|id| self.deliver(id, now))
            .buffer_unordered(self.rules.concurrency.max(1))
            .collect()
            .await;
        let mut round = Round::default();
        for outcome in outcomes {
            match outcome? {
                Some(Outcome::Delivered) => round.delivered += 1,
                Some(Outcome::Retried) => round.retried += 1,
                Some(Outcome::Failed) => round.failed += 1,
                Some(Outcome::Skipped) => round.skipped += 1,
                None => {}
            }
        }
        Ok(round)
    }

    /// Claims, sends and records delivery `id`; `None` when another node
    /// claimed it first.
    async fn deliver(&self, id: i64, now: UnixTime) -> Result<Option<Outcome>, StoreError> {
        let Some(due) = self
            .store
            .claim_webhook_delivery(id, now, self.rules.lease_secs)
            .await?
        else {
            return Ok(None);
        };
        let attempt = match due.delivery.kind {
            DeliveryKind::Webhook => self.post_webhook(&due, now).await,
            DeliveryKind::Websub => self.ping_hub(&due).await,
        };
        let attempt = match attempt {
            Ok(attempt) => attempt,
            Err(reason) => {
                self.store
                    .webhook_delivery_failed(id, None, &reason, true)
                    .await?;
                return Ok(Some(Outcome::Skipped));
            }
        };
        let status = attempt.status.map(i64::from);
        if attempt.status.is_some_and(|s| (200..300).contains(&s)) {
            self.store
                .webhook_delivered(id, status.unwrap_or(200), now)
                .await?;
            return Ok(Some(Outcome::Delivered));
        }
        let attempts = due.delivery.attempts;
        if attempts >= self.rules.max_attempts {
            self.store
                .webhook_delivery_failed(id, status, &attempt.error, false)
                .await?;
            return Ok(Some(Outcome::Failed));
        }
        let wait = backoff(attempts);
        let jitter = rand::thread_rng().gen_range(0..=wait / 10);
        self.store
            .webhook_delivery_retry(id, status, &attempt.error, now + wait + jitter)
            .await?;
        Ok(Some(Outcome::Retried))
    }

    /// POSTs the signed JSON to the hook. `Err`: nothing to send it to.
    async fn post_webhook(
        &self,
        due: &DueWebhookDelivery,
        now: UnixTime,
    ) -> Result<Attempt, String> {
        let delivery = &due.delivery;
        let (Some(url), Some(secret)) = (&due.url, &due.secret) else {
            return Err("the webhook was removed".into());
        };
        if !due.active && delivery.event != "ping" {
            return Err("the webhook is disabled".into());
        }
        let body = webhook_body(&self.base_url, delivery);
        let signature =
            signature(secret, now, &body).map_err(|_| "cannot sign with this secret".to_owned())?;
        let request = self
            .client
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(
                "Dateline-Webhook-Id",
                delivery.webhook_id.unwrap_or_default(),
            )
            .header("Dateline-Event", &delivery.event)
            .header("Dateline-Delivery", delivery.id)
            .header("Dateline-Timestamp", now)
            .header("Dateline-Signature", signature)
            .body(body);
        Ok(send(request).await)
    }

    /// POSTs a WebSub `publish` ping to the hub the site names now.
    async fn ping_hub(&self, due: &DueWebhookDelivery) -> Result<Attempt, String> {
        let settings = self
            .store
            .site_settings()
            .await
            .map_err(|e| format!("cannot read the site settings: {e}"))?;
        let Some(hub) = settings.websub_hub.filter(|h| !h.trim().is_empty()) else {
            return Err("no WebSub hub is set".into());
        };
        let feeds = feed_urls(&self.base_url, &due.delivery);
        if feeds.is_empty() {
            return Err("the story's feeds are unknown".into());
        }
        let request = self
            .client
            .post(hub)
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(websub_form(&feeds));
        Ok(send(request).await)
    }
}

/// Sends `request`; reads at most [`BODY_CAP`] bytes of the answer.
async fn send(request: reqwest::RequestBuilder) -> Attempt {
    let mut response = match request.send().await {
        Ok(response) => response,
        Err(error) => {
            return Attempt {
                status: None,
                error: error.without_url().to_string(),
            }
        }
    };
    let status = response.status();
    if status.is_success() {
        return Attempt {
            status: Some(status.as_u16()),
            error: String::new(),
        };
    }
    let mut body = Vec::new();
    while body.len() < BODY_CAP {
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            _ => break,
        }
    }
    body.truncate(BODY_CAP);
    let text = String::from_utf8_lossy(&body);
    let text: String = text.chars().filter(|c| !c.is_control()).take(200).collect();
    let error = if text.trim().is_empty() {
        format!("HTTP {status}")
    } else {
        format!("HTTP {status}: {}", text.trim())
    };
    Attempt {
        status: Some(status.as_u16()),
        error,
    }
}

/// Starts the sender; it stops between two rounds when `stop` changes.
pub fn spawn(sender: Sender, mut stop: watch::Receiver<bool>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(POLL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = stop.changed() => return,
            }
            let round = tokio::select! {
                round = sender.deliver_due(crate::auth::now()) => round,
                _ = stop.changed() => return,
            };
            if let Err(error) = round {
                tracing::warn!(%error, "webhook deliveries failed; retrying");
            }
        }
    })
}
