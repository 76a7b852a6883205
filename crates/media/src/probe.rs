//! Probing an upload: its format, size and hash, read from the header
//! alone so that a decompression bomb is refused before any pixel is decoded.

use std::io::Cursor;

use dateline_domain::ImageFormat;
use image::ImageReader;
use sha2::{Digest, Sha256};

use crate::budget::{decode_cost, DEFAULT_MAX_DECODE_BYTES};
use crate::{avif, MediaError};

/// The most pixels a picture may have (50 megapixels, e.g. 8660×5773).
pub const MAX_PIXELS: u64 = 50_000_000;

/// Default largest upload (40 MiB: a full-size camera JPEG is 10–25 MB).
pub const DEFAULT_MAX_UPLOAD_BYTES: u64 = 40 << 20;

/// What an upload may weigh, checked before any decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file accepted, in bytes.
    pub max_bytes: u64,
    /// Most pixels (width × height) accepted, read from the header.
    pub max_pixels: u64,
    /// Most memory decoding and resizing one picture may take, estimated
    /// from the header (pixels × bytes per pixel; [`crate::budget`]).
    pub max_decode_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_UPLOAD_BYTES,
            max_pixels: MAX_PIXELS,
            max_decode_bytes: DEFAULT_MAX_DECODE_BYTES,
        }
    }
}

impl Limits {
    /// Default pixel limit and `megabytes` MiB per file.
    pub fn with_max_upload_mb(megabytes: u64) -> Self {
        Self {
            max_bytes: megabytes.saturating_mul(1 << 20),
            ..Self::default()
        }
    }
}

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
/// WebP, AVIF or GIF within the default [`Limits`].
pub fn probe(bytes: &[u8]) -> Result<ProbedImage, MediaError> {
    probe_with(bytes, &Limits::default())
}

/// [`probe`] with explicit limits: the byte size first, then the header's
/// dimensions against the pixel limit.
pub fn probe_with(bytes: &[u8], limits: &Limits) -> Result<ProbedImage, MediaError> {
    let size = bytes.len() as u64;
    if size > limits.max_bytes {
        return Err(MediaError::TooLarge {
            size,
            limit: limits.max_bytes,
        });
    }
    let (format, width, height) = read_header(bytes, limits.max_pixels)?;
    Ok(ProbedImage {
        format,
        width,
        height,
        byte_size: size,
        sha256: hex::encode(Sha256::digest(bytes)),
    })
}

/// The memory decoding `bytes` and making renditions of it will take
/// ([`decode_cost`]), read from the header after the pixel limit is applied.
/// AVIF is counted at 16 bits per channel with alpha, its most costly case.
pub fn memory_needed(bytes: &[u8], max_pixels: u64) -> Result<u64, MediaError> {
    let (format, width, height) = read_header(bytes, max_pixels)?;
    if format == ImageFormat::Avif {
        return Ok(decode_cost(width, height, 8, 4));
    }
    let decoder = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| MediaError::NotAnImage)?
        .into_decoder()
        .map_err(|e| MediaError::Decode(e.to_string()))?;
    let color = image::ImageDecoder::color_type(&decoder);
    let out_channels = if color.has_alpha() { 4 } else { 3 };
    Ok(decode_cost(
        width,
        height,
        color.bytes_per_pixel(),
        out_channels,
    ))
}

/// Refuses a file over the byte limit or a picture whose processing would
/// need more than `limits.max_decode_bytes`; the memory it needs otherwise.
pub(crate) fn check_memory(bytes: &[u8], limits: &Limits) -> Result<u64, MediaError> {
    let size = bytes.len() as u64;
    if size > limits.max_bytes {
        return Err(MediaError::TooLarge {
            size,
            limit: limits.max_bytes,
        });
    }
    let needed = memory_needed(bytes, limits.max_pixels)?;
    if needed > limits.max_decode_bytes {
        return Err(MediaError::TooMuchMemory {
            needed,
            limit: limits.max_decode_bytes,
        });
    }
    Ok(needed)
}

/// Format and dimensions from the header, with the pixel limit applied.
pub(crate) fn read_header(
    bytes: &[u8],
    max_pixels: u64,
) -> Result<(ImageFormat, u32, u32), MediaError> {
    let (format, width, height) = if avif::is_avif(bytes) {
        let (w, h) = avif::dimensions(bytes)?;
        (ImageFormat::Avif, w, h)
    } else {
        header_dimensions(bytes)?
    };
    if width == 0 || height == 0 {
        return Err(MediaError::Empty { width, height });
    }
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(MediaError::TooManyPixels {
            width,
            height,
            limit: max_pixels,
        });
    }
    Ok((format, width, height))
}

/// Refuses a WebP (a RIFF container) with a chunk that claims to run past
/// the end of the file, before any decoder reads it: image-webp allocates
/// what a chunk declares before reading it (an EXIF chunk of 4 GB in a
/// 2 KB file, found by fuzzing `picture_probe`), which no `image::Limits`
/// bounds.
fn riff_chunks_fit(bytes: &[u8]) -> Result<(), MediaError> {
    let refused = || MediaError::Decode("a WebP chunk is larger than the file".into());
    // "RIFF", the file's size, "WEBP"; then chunks: a four-letter name, a
    // little-endian size, the data, a padding byte after odd sizes.
    let mut at = 12usize;
    while at < bytes.len() {
        let header = bytes.get(at..at + 8).ok_or_else(refused)?;
        let size = u32::from_le_bytes([header[4], header[5], header[6], header[7]]) as usize;
        let end = (at + 8).checked_add(size).ok_or_else(refused)?;
        if end > bytes.len() {
            return Err(refused());
        }
        at = end + (size & 1);
    }
    Ok(())
}

fn header_dimensions(bytes: &[u8]) -> Result<(ImageFormat, u32, u32), MediaError> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| MediaError::NotAnImage)?;
    let format = match reader.format() {
        Some(image::ImageFormat::Jpeg) => ImageFormat::Jpeg,
        Some(image::ImageFormat::Png) => ImageFormat::Png,
        Some(image::ImageFormat::WebP) => {
            riff_chunks_fit(bytes)?;
            ImageFormat::Webp
        }
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
    Ok((format, width, height))
}
