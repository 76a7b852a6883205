//! Dateline's HTTP application: the reader site, the Content API and the
//! health probes, assembled in `router.rs` over one shared [`AppState`].

pub mod account;
pub mod api;
pub mod auth;
pub mod cache;
// Real-time chat rooms per edition.
pub mod chats;
// Reader comments on the public site.
pub mod comments;
// IPTC ninjs and NewsML-G2 documents of public stories and pictures.
mod distribution;
// Edition use cases shared by the newsroom, the Admin API and setup.
pub mod editions;
mod error;
mod health;
// Control characters and noncharacters refused in every form and JSON body.
mod input_text;
pub mod live;
pub mod mail;
mod media_access;
// Prometheus metrics: families, request recording, `/metrics`, query latency.
pub mod metrics;
pub mod newsletter;
pub mod newsroom;
pub mod reader;
// `X-Request-Id` on every answer, and the request's span for the logs.
pub mod request_id;
mod router;
pub mod scheduler;
// Webhooks and WebSub pings: the sender of the store's outbox.
pub mod webhooks;
pub mod wire_ingest;
// The accept loop: connection caps, header, idle and body timeouts.
pub mod server;
// Content-Security-Policy and the other confining headers on every answer.
mod security_headers;
mod site;
// Site-wide settings shared by the newsroom and the Admin API.
mod site_settings;
// What a staff member may find: shared by the newsroom's and the Admin API's search.
mod staff_search;
mod state;
pub mod urls;
mod visibility;

pub use cache::CacheConfig;
pub use error::{log_errors, ApiError, ErrorBody, ErrorCode, ErrorReport};
pub use router::router;
pub use state::{AppState, WebConfig};
