//! Newsletters, breaking-news alerts and web push behind the masthead's
//! "Subscribe" (the store's `newsletters` module keeps the lists,
//! subscribers, consent record, sends and deliveries).
//!
//! | path                                             | what                                       |
//! |--------------------------------------------------|--------------------------------------------|
//! | `/{edition}/newsletter`                          | subscribe page (`subscribe.rs`)            |
//! | `/{edition}/newsletter/confirm`                  | double opt-in: link and code (`confirm.rs`)|
//! | `/{edition}/newsletter/preferences?s=…`          | the signed link of every mail (`preferences.rs`) |
//! | `/{edition}/newsletter/unsubscribe?s=…&list=…`   | one list, RFC 8058 one-click (`unsubscribe.rs`) |
//! | `/{edition}/newsletter/push`                     | web push sign-up, JSON (`push.rs`)         |
//!
//! `mails.rs` is what a send says, `worker.rs` the background worker that
//! claims digests and delivers (started by `serve`), `links.rs` the
//! secrets in mail. The newsroom's side (lists, reports, alerts) is
//! `newsroom/newsletters/`.

mod confirm;
mod links;
mod mails;
mod page;
mod preferences;
mod push;
mod subscribe;
mod unsubscribe;
mod worker;

use axum::routing::{get, post};
use axum::Router;
use dateline_store::{Store, StoreError};
use tokio::sync::{Notify, OnceCell};

pub use worker::{claim_digests, run_once, spawn, SendRules};

use crate::auth::{now, FailureLimiter};
use crate::AppState;

/// The subscribe pages' routes (outside the page cache: every answer is
/// personal).
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/{edition}/newsletter",
            get(subscribe::form).post(subscribe::submit),
        )
        .route(
            "/{edition}/newsletter/confirm",
            get(confirm::page).post(confirm::submit),
        )
        .route(
            "/{edition}/newsletter/preferences",
            get(preferences::page).post(preferences::save),
        )
        .route(
            "/{edition}/newsletter/unsubscribe",
            get(unsubscribe::page).post(unsubscribe::submit),
        )
        .route(
            "/{edition}/newsletter/push",
            post(push::subscribe).delete(push::unsubscribe),
        )
}

/// What the newsletter features share on a node (`AppState::newsletters`).
#[derive(Debug)]
pub struct Newsletters {
    /// Wakes the worker: a send was just queued.
    pub wake: Notify,
    /// Which push services the server sends to.
    pub push_policy: dateline_push::EndpointPolicy,
    /// Sign-ups per address…
    pub per_address: FailureLimiter,
    /// …and per client address (sign-ups, wrong codes, push sign-ups).
    pub per_ip: FailureLimiter,
    pub rules: SendRules,
    /// Made on first use from the site's stored VAPID key.
    push: OnceCell<dateline_push::PushSender>,
    /// The VAPID contact (`mailto:` or `https:`).
    contact: String,
}

impl Newsletters {
    pub fn new(base_url: &str) -> Self {
        let host = crate::urls::site_host(base_url);
        let contact = if base_url.starts_with("https://") {
            base_url.trim_end_matches('/').to_owned()
        } else {
            format!(
                "mailto:webmaster@{}",
                if host.is_empty() { "localhost" } else { host }
            )
        };
        Self {
            wake: Notify::new(),
            push_policy: dateline_push::EndpointPolicy::default(),
            per_address: FailureLimiter::new("newsletter_address", 5, 3600, 3600),
            per_ip: FailureLimiter::new("newsletter_ip", 30, 3600, 3600),
            rules: SendRules::default(),
            push: OnceCell::new(),
            contact,
        }
    }

    /// The same with other push services allowed (tests: a loopback one).
    pub fn with_push_policy(mut self, policy: dateline_push::EndpointPolicy) -> Self {
        self.push_policy = policy;
        self
    }

    pub fn with_rules(mut self, rules: SendRules) -> Self {
        self.rules = rules;
        self
    }

    /// Counts one sign-up from `ip` for `address`; `Some(seconds)` to wait
    /// when either has asked too often.
    pub async fn count_sign_up(
        &self,
        store: &Store,
        address: &str,
        ip: &str,
        now: dateline_domain::UnixTime,
    ) -> Result<Option<i64>, StoreError> {
        let key = address.trim().to_lowercase();
        if let Some(wait) = self.per_address.wait(store, &key, now).await? {
            return Ok(Some(wait));
        }
        if !ip.is_empty() {
            if let Some(wait) = self.per_ip.wait(store, ip, now).await? {
                return Ok(Some(wait));
            }
            self.per_ip.fail(store, ip, now).await?;
        }
        self.per_address.fail(store, &key, now).await?;
        Ok(None)
    }

    /// The push sender, with the site's VAPID key (made and stored by the
    /// first node that needs it).
    pub async fn push_sender(&self, store: &Store) -> Result<&dateline_push::PushSender, String> {
        self.push
            .get_or_try_init(|| async {
                let generated = dateline_push::VapidKeys::generate();
                let stored = store
                    .push_private_key(&generated.private_base64url(), now())
                    .await
                    .map_err(|e| e.to_string())?;
                let keys =
                    dateline_push::VapidKeys::from_private(&stored).map_err(|e| e.to_string())?;
                dateline_push::PushSender::new(keys, self.contact.clone())
                    .map_err(|e| e.to_string())
            })
            .await
    }

    /// The public VAPID key browsers subscribe with; empty (push not
    /// offered) when it cannot be had.
    pub async fn push_public_key(&self, store: &Store) -> String {
        match self.push_sender(store).await {
            Ok(sender) => sender.keys().public_base64url().to_owned(),
            Err(error) => {
                tracing::warn!(%error, "web push keys unavailable");
                String::new()
            }
        }
    }
}
