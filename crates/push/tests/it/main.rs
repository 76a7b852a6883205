#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Dateline's Web Push sender against a push service on the loopback
//! interface (`dateline_push::testing`), and its checks of keys and subscriptions.

mod keys_and_subscriptions;
mod send;
