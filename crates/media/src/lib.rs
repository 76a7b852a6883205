//! Dateline's picture handling: what an uploaded file is, the responsive
//! renditions made from it, and where the bytes are kept.

mod blob;
mod error;
mod keys;
mod probe;
mod renditions;
mod resample;

pub use blob::{BlobSink, LocalBlobs, MemoryBlobs};
pub use error::MediaError;
pub use keys::{original_key, rendition_key};
pub use probe::{probe, ProbedImage, MAX_PIXELS};
pub use renditions::{make_renditions, EncodedRendition, JPEG_QUALITY, WEBP_QUALITY};
