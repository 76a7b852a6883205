//! The one error type of picture handling, with messages an editor can act on.

/// Why a picture could not be probed, resized or stored.
#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    /// The bytes are not a picture in any format Dateline reads.
    #[error("the file is not a picture Dateline can read (JPEG, PNG, WebP or GIF)")]
    NotAnImage,
    /// A picture format Dateline recognises but does not accept.
    #[error("{0} pictures are not accepted; upload JPEG, PNG, WebP or GIF")]
    UnsupportedFormat(String),
    /// More pixels than the limit: a decompression bomb or an absurd scan.
    #[error("the picture is {width}×{height} pixels, more than the limit of {limit} pixels")]
    TooManyPixels { width: u32, height: u32, limit: u64 },
    /// A picture with no pixels at all.
    #[error("the picture has no pixels ({width}×{height})")]
    Empty { width: u32, height: u32 },
    /// The header was readable but the pixel data was not.
    #[error("the picture is damaged and cannot be decoded: {0}")]
    Decode(String),
    /// Encoding a rendition failed.
    #[error("encoding a {format} rendition failed: {detail}")]
    Encode {
        format: &'static str,
        detail: String,
    },
    /// A storage key that could escape the blob root or is malformed.
    #[error("invalid storage key {0:?}")]
    InvalidKey(String),
    #[error("storage I/O failed: {0}")]
    Io(#[from] std::io::Error),
}
