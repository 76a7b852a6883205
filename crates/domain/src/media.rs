//! Media-bank assets: pictures with their caption, credit and copyright, and
//! their renditions by width.

use serde::{Deserialize, Serialize};

use crate::UnixTime;

/// Widths of the responsive renditions made for every picture (px).
pub const RENDITION_WIDTHS: [u32; 5] = [320, 640, 960, 1280, 1920];

/// The widest rendition pages offer (in `srcset`, social cards). A picture
/// wider than this as published also gets one JPEG at its full width: what
/// "Open the original" opens.
pub const MAX_OFFERED_WIDTH: u32 = RENDITION_WIDTHS[RENDITION_WIDTHS.len() - 1];

/// Encodings Dateline stores and serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    Jpeg,
    Png,
    Webp,
    Gif,
    Avif,
}

impl ImageFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Jpeg => "jpeg",
            Self::Png => "png",
            Self::Webp => "webp",
            Self::Gif => "gif",
            Self::Avif => "avif",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Webp => "image/webp",
            Self::Gif => "image/gif",
            Self::Avif => "image/avif",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            other => other.as_str(),
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "jpeg" | "jpg" => Some(Self::Jpeg),
            "png" => Some(Self::Png),
            "webp" => Some(Self::Webp),
            "gif" => Some(Self::Gif),
            "avif" => Some(Self::Avif),
            _ => None,
        }
    }
}

/// A picture entering the media bank. `storage_key` locates the original in
/// the blob store; `sha256` (hex) deduplicates identical files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewMediaAsset {
    pub storage_key: String,
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    pub byte_size: u64,
    pub sha256: String,
    pub caption: String,
    pub alt_text: String,
    /// As printed under the picture: "© Photo: Jane Roe / Northwind Agency".
    pub credit: String,
    pub copyright: String,
    pub source: String,
    /// An archive picture, not taken for this story ("File photo").
    pub is_file_photo: bool,
    pub created_at: UnixTime,
    /// Edition and section it was filed under, for browsing the archive.
    pub edition_id: Option<i64>,
    pub section_id: Option<i64>,
}

/// One resized encoding of an asset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewRendition {
    pub media_id: i64,
    /// The fixed shape it shows (`None`: the crop, in its own proportions).
    pub shape: Option<crate::Shape>,
    pub width: u32,
    pub height: u32,
    pub format: ImageFormat,
    pub storage_key: String,
    pub byte_size: u64,
}
