//! The one error type of picture handling, with messages an editor can act on
//! and a stable snake_case code per kind for APIs and translations.

/// Why a picture could not be probed, resized or stored.
#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    /// The bytes are not a picture in any format Dateline reads.
    #[error("the file is not a picture Dateline can read (JPEG, PNG, WebP, AVIF or GIF)")]
    NotAnImage,
    /// A picture format Dateline recognises but does not accept.
    #[error("{0} pictures are not accepted; upload JPEG, PNG, WebP, AVIF or GIF")]
    UnsupportedFormat(String),
    /// A larger file than the configured upload limit.
    #[error("the file is {size} bytes, more than the upload limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    /// More pixels than the limit: a decompression bomb or an absurd scan.
    #[error("the picture is {width}×{height} pixels, more than the limit of {limit} pixels")]
    TooManyPixels { width: u32, height: u32, limit: u64 },
    /// Decoding would need more memory than one picture may take.
    #[error(
        "the picture needs {} MB of memory to be processed, more than the limit of {} MB; \
         save it at 8 bits per channel or with fewer pixels",
        needed.div_ceil(1_000_000),
        limit / 1_000_000
    )]
    TooMuchMemory { needed: u64, limit: u64 },
    /// Other pictures being processed hold the memory this one needs.
    #[error("the server is busy processing other pictures; try again in a minute")]
    Busy,
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
    /// A stored file that should be there is not (an original removed by hand).
    #[error("the stored file {0} is missing")]
    MissingBlob(String),
    /// The object store (S3 or compatible) refused or failed a request.
    #[error("the media store failed: {0}")]
    Storage(String),
    /// The media-store configuration cannot be used.
    #[error("media store configuration: {0}")]
    Config(String),
    /// Recording the upload in the database failed. Kept whole, so that the
    /// web layer can tell "database away or busy" (503) from a fault (500).
    #[error("saving the picture's record failed: {0}")]
    Database(#[source] dateline_store::StoreError),
}

impl MediaError {
    /// A stable snake_case code, one per kind, for API bodies and catalogs.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotAnImage => "not_an_image",
            Self::UnsupportedFormat(_) => "unsupported_image_format",
            Self::TooLarge { .. } => "file_too_large",
            Self::TooManyPixels { .. } => "too_many_pixels",
            Self::Empty { .. } => "empty_image",
            Self::TooMuchMemory { .. } => "image_needs_too_much_memory",
            Self::Busy => "media_busy",
            Self::Decode(_) => "corrupt_image",
            Self::Encode { .. } => "rendition_failed",
            Self::InvalidKey(_) => "invalid_storage_key",
            Self::MissingBlob(_) => "media_file_missing",
            Self::Io(_) | Self::Storage(_) => "media_storage_failed",
            Self::Config(_) => "media_store_config",
            Self::Database(_) => "media_database_failed",
        }
    }

    /// Whether retrying the same work cannot help (bad or missing input, an
    /// encoder refusing the pixels), as opposed to storage or database trouble.
    pub fn is_permanent(&self) -> bool {
        self.is_bad_input() || matches!(self, Self::Encode { .. } | Self::MissingBlob(_))
    }

    /// Whether the uploader can fix it by sending another file (a 4xx),
    /// as opposed to a server-side failure (a 5xx).
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            Self::NotAnImage
                | Self::UnsupportedFormat(_)
                | Self::TooLarge { .. }
                | Self::TooManyPixels { .. }
                | Self::TooMuchMemory { .. }
                | Self::Empty { .. }
                | Self::Decode(_)
        )
    }
}

impl From<dateline_store::StoreError> for MediaError {
    fn from(e: dateline_store::StoreError) -> Self {
        Self::Database(e)
    }
}
