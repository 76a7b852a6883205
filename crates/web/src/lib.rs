//! Dateline's HTTP application: the reader site, the Content API and the
//! health probes, assembled in `router.rs` over one shared [`AppState`].

pub mod api;
mod error;
mod health;
pub mod reader;
mod router;
mod state;
pub mod urls;

pub use error::{log_errors, ApiError, ErrorBody, ErrorCode, ErrorReport};
pub use router::router;
pub use state::{AppState, WebConfig};
