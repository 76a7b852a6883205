//! Probing an upload: its format, size and hash, read from the header
//! alone so that a decompression bomb is refused before any pixel is decoded.

use std::io::Cursor;

use dateline_domain::ImageFormat;
use image::ImageReader;
use sha2::{Digest, Sha256};

use crate::MediaError;

/// The most pixels a picture may have (50 megapixels, e.g. 8660×5773).
pub const MAX_PIXELS: u64 = 50_000_000;

/// What [`probe`] learns about a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbedImage {
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    pub byte_size: u64,
    /// Lowercase hex of the file's SHA-256.
    pub sha256: String,
}

/// Identifies a picture and checks it is one Dateline accepts: a JPEG, PNG,
/// WebP or GIF of at most [`MAX_PIXELS`] pixels.
pub fn probe(bytes: &[u8]) -> Result<ProbedImage, MediaError> {
    let (format, width, height) = read_header(bytes)?;
    Ok(ProbedImage {
        format,
        width,
        height,
        byte_size: bytes.len() as u64,
        sha256: hex::encode(Sha256::digest(bytes)),
    })
}

/// Format and dimensions from the header, with the pixel limit applied.
pub(crate) fn read_header(bytes: &[u8]) -> Result<(ImageFormat, u32, u32), MediaError> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| MediaError::NotAnImage)?;
    let format = match reader.format() {
        Some(image::ImageFormat::Jpeg) => ImageFormat::Jpeg,
        Some(image::ImageFormat::Png) => ImageFormat::Png,
        Some(image::ImageFormat::WebP) => ImageFormat::Webp,
        Some(image::ImageFormat::Gif) => ImageFormat::Gif,
        Some(other) => {
            return Err(MediaError::UnsupportedFormat(
                format!("{other:?}").to_uppercase(),
            ))
        }
        None => return Err(MediaError::NotAnImage),
    };
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| MediaError::Decode(e.to_string()))?;
    if width == 0 || height == 0 {
        return Err(MediaError::Empty { width, height });
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(MediaError::TooManyPixels {
            width,
            height,
            limit: MAX_PIXELS,
        });
    }
    Ok((format, width, height))
}
