//! The secrets in newsletter mail: a subscriber's link key (`{id}.{secret}`,
//! in every mail's preferences and unsubscribe links) and the double
//! opt-in mail's code. Only the confirmation's hashes are stored; the link
//! key is kept as is, since every mail must carry it.

use dateline_store::newsletters::Subscriber;
use rand::Rng;

use crate::auth::{hash_secret, same_token};
use crate::error::ApiError;
use crate::AppState;

/// How long the confirmation mail's link and code work (days).
pub(super) const CONFIRMATION_DAYS: i64 = 7;

/// Wrong guesses the mailed code allows.
pub(super) const CODE_ATTEMPTS: i64 = 5;

/// The key of `subscriber`'s links.
pub(crate) fn link_key(subscriber: &Subscriber) -> String {
    format!("{}.{}", subscriber.id, subscriber.link_key)
}

/// The subscriber whose links carry `key`, if the key is right.
pub(super) async fn subscriber_by_key(
    state: &AppState,
    key: &str,
) -> Result<Option<Subscriber>, ApiError> {
    let Some((id, secret)) = key.trim().split_once('.') else {
        return Ok(None);
    };
    let Ok(id) = id.parse::<i64>() else {
        return Ok(None);
    };
    Ok(state
        .store
        .newsletter_subscriber(id)
        .await?
        .filter(|s| !secret.is_empty() && same_token(secret, &s.link_key)))
}

/// The stored hash of a code: with the address, so that codes of
/// different addresses never collide.
pub(super) fn code_hash(email: &str, code: &str) -> String {
    hash_secret(&format!(
        "newsletter-code\0{}\0{}",
        email.to_lowercase(),
        code.trim()
    ))
}

/// A new six-digit code.
pub(super) fn new_code() -> String {
    format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32))
}
