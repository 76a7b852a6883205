//! Wire ingest: sources polled in the background, their items parsed
//! ([`crate::wire`]) and queued in the store's "Wires" queue.
//!
//! - `record.rs`: a parsed item as the store keeps it (sanitised body,
//!   folded text, the key that recognises the same copy under another id);
//! - `folder.rs`: a watched folder, files moved aside once taken;
//! - `http.rs`: an address polled with conditional GET.
//!
//! Every node runs [`poll_due`] in a loop; the store's claim makes one node
//! at a time poll a given source.

mod draft;
mod folder;
mod http;
mod record;

use std::fmt;

use dateline_domain::UnixTime;
use dateline_store::wires::{PollResult, WireOutcome, WireSource, WireSourceKind};
use dateline_store::Store;

use crate::error::Result;
use crate::wire;

pub use draft::draft_of;
pub use http::{client, shown_address};
pub use record::{alt_ids_of, body_html, content_key, incoming, pictures_of, subjects_of};

/// How long a node may hold a source it polls before another may take it.
pub const CLAIM_SECONDS: i64 = 300;

/// What one poll (or one file) brought.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// New items that are the same copy as one already queued.
    pub duplicates: u64,
    /// Items a file held that could not be taken (no headline…).
    pub skipped: u64,
    /// Drafts that now have a newer version of their item waiting.
    pub flagged: u64,
    /// Files (or answers) refused as a whole.
    pub refused: u64,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.new += other.new;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
        self.duplicates += other.duplicates;
        self.skipped += other.skipped;
        self.flagged += other.flagged;
        self.refused += other.refused;
    }
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} new ({} duplicates), {} updated, {} unchanged, {} skipped, {} refused",
            self.new, self.duplicates, self.updated, self.unchanged, self.skipped, self.refused
        )
    }
}

/// Parses `bytes` (a file or an answer named `name`) and queues its items
/// under `source_id`. A malformed file is an error and queues nothing.
pub async fn ingest_bytes(
    store: &Store,
    source_id: i64,
    bytes: Vec<u8>,
    name: &str,
    charset: Option<&str>,
    now: UnixTime,
) -> Result<Tally> {
    let name_owned = name.to_owned();
    let charset = charset.map(str::to_owned);
    // Parsing is CPU work on up to `MAX_WIRE_BYTES`: off the async threads.
    let parsed =
        tokio::task::spawn_blocking(move || wire::parse(&bytes, &name_owned, charset.as_deref()))
            .await
            .map_err(|e| {
                crate::ImportError::Options(format!("{name}: the parser stopped: {e}"))
            })??;
    let mut tally = Tally {
        skipped: parsed.skipped.len() as u64,
        ..Tally::default()
    };
    for reason in &parsed.skipped {
        tracing::info!(file = name, %reason, "wire item skipped");
    }
    for item in &parsed.items {
        match store
            .ingest_wire_item(source_id, &incoming(item), now)
            .await?
        {
            WireOutcome::New { duplicate_of, .. } => {
                tally.new += 1;
                if duplicate_of.is_some() {
                    tally.duplicates += 1;
                }
            }
            WireOutcome::Updated { flagged, .. } => {
                tally.updated += 1;
                tally.flagged += u64::try_from(flagged).unwrap_or(0);
            }
            WireOutcome::Unchanged { .. } => tally.unchanged += 1,
        }
    }
    Ok(tally)
}

/// Polls `source` once: every waiting file of a folder, or the address.
/// Returns what was queued and how the poll went (for the store).
pub async fn poll(
    store: &Store,
    client: &reqwest::Client,
    source: &WireSource,
    now: UnixTime,
) -> (Tally, PollResult) {
    match source.kind {
        WireSourceKind::Folder => folder::poll(store, source, now).await,
        WireSourceKind::Url => http::poll(store, client, source, now).await,
    }
}

/// Claims the source due longest, polls it and records the result.
/// `Ok(None)` when no source is due.
pub async fn poll_due(
    store: &Store,
    client: &reqwest::Client,
    now: UnixTime,
) -> Result<Option<(WireSource, Tally, PollResult)>> {
    let Some(source) = store.claim_due_wire_source(now, CLAIM_SECONDS).await? else {
        return Ok(None);
    };
    let (tally, result) = poll(store, client, &source, now).await;
    store.finish_wire_poll(source.id, &result, now).await?;
    if result.error.is_empty() {
        tracing::info!(source = %source.name, %tally, "wire source polled");
    } else {
        tracing::warn!(source = %source.name, %tally, error = %result.error, "wire source polled with errors");
    }
    Ok(Some((source, tally, result)))
}
