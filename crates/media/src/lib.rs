//! Dateline's picture handling: what an uploaded file is and says about
//! itself, the responsive renditions made from it, where the bytes are kept
//! (a local folder or an S3-compatible bucket), and the service that ties
//! uploads to the media bank with renditions made in the background.

mod avif;
mod blob;
pub mod budget;
mod embed;
mod error;
mod framing;
mod ingest;
mod keys;
mod metadata;
mod probe;
mod renditions;
mod resample;
mod s3;
mod service;

pub use blob::{BlobSink, LocalBlobs, MemoryBlobs};
pub use budget::DecodeBudget;
pub use error::MediaError;
pub use framing::PREVIEW_WIDTH;
pub use ingest::{ingest, Ingested};
pub use keys::{key_for, original_key, preview_key, rendition_key, rendition_tag};
pub use metadata::{read_metadata, xmp_packet, EmbeddedMetadata};
pub use probe::{
    memory_needed, probe, probe_with, Limits, ProbedImage, DEFAULT_MAX_UPLOAD_BYTES, MAX_PIXELS,
};
pub use renditions::{
    make_public_renditions, make_renditions, Credits, EncodedRendition, JPEG_QUALITY, WEBP_QUALITY,
};
pub use s3::{MediaStoreConfig, ObjectStoreBlobs, S3Settings};
pub use service::{MediaService, Upload, Uploaded, RETIRED_RENDITIONS_KEPT};

/// Entry points for the fuzz targets in `fuzz/`: the metadata parsers on
/// their own and the upload decode. Not an API; nothing here is promised.
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::metadata::parsers::{exif, iim, xmp};

    /// The decode [`crate::ingest`] runs, upright, with the pixel limit.
    pub fn decode_upright(
        bytes: &[u8],
        max_pixels: u64,
    ) -> Result<image::DynamicImage, crate::MediaError> {
        crate::renditions::decode_upright(bytes, max_pixels)
    }
}
