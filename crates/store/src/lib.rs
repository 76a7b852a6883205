//! Dateline's storage: one `Store` with the same behaviour on an embedded
//! SQLite file and on PostgreSQL, picked at run time from the database URL.
//!
//! Queries go through sqlx's `Any` driver with `$n` placeholders, which both
//! backends accept; each backend keeps its own migrations tree. Where the SQL
//! dialects differ the store branches on [`Backend`].
//!
//! Counters (`article_count`, `usage_count`, `public_use_count`) are kept by
//! the writes that change them, so that pages never count rows;
//! `counter_drift` checks them and `recount_counters` repairs them. Listings
//! are keyset pages over partial `WHERE is_public = 1` indexes (articles,
//! and pictures readers may see).
//!
//! The `testing` feature adds [`testing::TestDb`] and [`testing::Fixtures`];
//! the conformance suite in `tests/it` runs every test on both backends.

mod accounts;
mod articles;
mod audit;
mod author_admin;
// Schema versions and snapshots for `dateline backup` and `restore`.
mod backup;
// Chat rooms, messages and chat sanctions.
pub mod chats;
// Reader comments and their moderation.
pub mod comments;
// The database server's clock, for `dateline doctor`.
mod clock;
mod connect;
mod cursor;
mod edition_admin;
mod editions;
mod error;
pub mod events;
mod failure_counts;
mod folding;
// Front-page curation: top slots and section pins per edition.
mod front;
mod housekeeping;
// What imports wrote, by the source's ids; old addresses of imported stories.
pub mod imports;
mod invitations;
mod legacy;
// Live coverage: entries posted while a story unfolds.
pub mod live;
mod media;
pub mod newsletters;
mod params;
mod people;
// Queue depths for metrics: rendition jobs, newsletter deliveries, schedule.
mod queue_depths;
mod readers;
mod records;
mod section_admin;
// Full-text search: the change log indexers follow, document loaders.
mod search;
mod sessions;
// Site-wide settings (one row): name, default edition, links, contact.
mod site_settings;
mod site_setup;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod tokens;
// Rolling upgrades: the migrator every node runs, applied versus known.
pub mod upgrade;
// Webhooks: registered addresses and the outbox of their deliveries.
pub mod webhooks;
pub mod wires;

pub use accounts::{Account, AccountUpdate};
pub use articles::{
    DeskQuery, DeskRow, FeedStory, GroupVersion, NewTranslation, Save, MAX_SINCE, TRANSLATE_ACTION,
};
pub use audit::{record_audit_on, AuditEntry, AuditPage, AuditQuery, NewAudit};
pub use author_admin::AuthorUpdate;
pub use connect::{Backend, SqliteSync, Store};
pub use cursor::Cursor;
pub use edition_admin::{EditionUpdate, Move};
pub use error::StoreError;
pub use failure_counts::FailureRule;
pub use front::FrontArrangement;
pub use invitations::{Invitation, NewInvitation};
pub use media::{
    FileOwner, JobOutcome, MediaSearch, MediaTextUpdate, NewUpload, RenditionJob, RenditionsState,
    UploadInfo, MAX_RENDITION_ATTEMPTS,
};
pub use queue_depths::QueueDepths;
pub use readers::{
    CodeRefusal, MailedSecret, NewReader, NewReaderSession, NewReaderToken, Reader, ReaderSession,
    ReaderStatus, ReaderToken, ReplyMail, TokenPurpose, MAX_DISPLAY_NAME_CHARS,
};
pub use records::*;
pub use search::{
    ArticleSearchRow, MediaSearchRow, PictureText, SearchChange, SearchEntity, MAX_CHANGES_PAGE,
    MAX_SEARCH_ARTICLES_PAGE, MAX_SEARCH_MEDIA_PAGE, SEARCH_CHANGES_KEPT_SECS, SEARCH_CHANGES_LOCK,
};
pub use section_admin::SectionUpdate;
pub use sessions::{NewSession, Session};
pub use site_setup::{SetUpSite, SetupError, SiteSetup};
pub use tokens::{ApiToken, NewApiToken};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
