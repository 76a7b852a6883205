//! Bringing a newsroom's archive in: WordPress eXtended RSS (WXR 1.0–1.2)
//! and Ghost JSON exports, read as a stream into [`model`] records, their
//! HTML turned into typed body blocks ([`html`]), and written by [`apply`]
//! idempotently, one transaction per story.

pub mod apply;
pub mod decode;
pub mod error;
pub mod ghost;
pub mod html;
pub mod ingest;
pub mod model;
pub mod wire;
pub mod wxr;

#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use error::{ImportError, Result};
