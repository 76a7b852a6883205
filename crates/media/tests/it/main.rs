//! Integration tests of dateline-media: probing, renditions, blob storage.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod blobs;
mod probing;
mod renditions;

use image::{Rgb, RgbImage};

/// A 1920×1080-style test picture with detail everywhere, as JPEG bytes.
pub fn sample_jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| {
        let r = (x * 255 / width) as u8;
        let g = (y * 255 / height) as u8;
        let b = if (x / 40 + y / 40) % 2 == 0 { 200 } else { 40 };
        Rgb([r, g, b])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .unwrap();
    out
}
