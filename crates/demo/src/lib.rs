//! Dateline's demo content: three editions (English, Russian and Arabic,
//! right to left) of a news agency, with generated articles and procedural
//! pictures, reproducible from a seed; and bulk article generation for load
//! tests.
//!
//! How it fits together:
//! - `words`: the word lists and sentence templates, one file per language
//!   and section, aligned entry by entry across languages;
//! - `text`: the template engine (cases, agreement, plurals) and the
//!   language-neutral `Facts` of a story;
//! - `story`: one story planned once and written in any language;
//! - `plan`: the whole demo decided from the seed (editions, bylines,
//!   pictures, 600 articles with related cards and translations);
//! - `pictures`: procedural scenes and logos;
//! - `install`: the plan written into a `Store` and a `BlobSink`;
//! - `bulk`: `BulkGenerator` and `bulk_setup` for `dateline gen`.

mod bulk;
mod install;
pub mod pictures;
pub mod plan;
pub mod story;
pub mod text;
mod words;

use dateline_domain::ParseError;
use dateline_media::MediaError;
use dateline_store::StoreError;

pub use bulk::{bulk_setup, BulkEdition, BulkGenerator, BulkTargets};
pub use install::{install, render_bank, RenderedPicture};

/// What `install` created.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub editions: usize,
    pub sections: usize,
    pub articles: usize,
    /// Pictures and logos created (the media bank stores equal bytes once).
    pub media_assets: usize,
    pub authors: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The store already has an edition `en`: the demo (or a real site) is there.
    #[error("the demo is already installed: an edition with the code \"en\" exists")]
    AlreadyInstalled,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Media(#[from] MediaError),
    #[error(transparent)]
    Invalid(#[from] ParseError),
    #[error("encoding a picture failed: {0}")]
    Image(#[from] image::ImageError),
    #[error("encoding a JPEG failed: {0}")]
    Jpeg(#[from] jpeg_encoder::EncodingError),
    #[error("picture generation stopped: {0}")]
    Task(String),
}
