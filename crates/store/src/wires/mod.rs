//! Wire ingest (migration 0028): the sources a desk takes copy from
//! (`sources.rs`), the items they delivered, kept at their latest version
//! and searchable (`items.rs`), and the drafts begun from items, which keep
//! where they came from and are flagged when the item moves on
//! (`drafts.rs`).

mod drafts;
mod items;
mod sources;

pub use drafts::{WireDraft, WireOrigin};
pub use items::{
    IncomingWireItem, WireContent, WireItemRecord, WireListRow, WireOutcome, WireQuery,
    WIRE_ITEMS_KEPT_SECS,
};
pub use sources::{PollResult, WireSource, WireSourceInput, WireSourceKind};
