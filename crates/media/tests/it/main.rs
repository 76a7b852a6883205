//! Integration tests of dateline-media: probing, metadata, renditions, blob
//! storage (local, memory, S3) and the upload service on both backends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

/// For each `async fn name(store: &Store)` of the calling module, generates
/// `sqlite::name` and `postgres::name` tests, each on a fresh database
/// (PostgreSQL when `DATELINE_TEST_POSTGRES_URL` is set).
macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let db = dateline_store::testing::TestDb::sqlite().await;
                    super::$name(db.store()).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test]
                #[ignore = "needs PostgreSQL: set DATELINE_TEST_POSTGRES_URL and pass --include-ignored"]
                async fn $name() {
                    let db = dateline_store::testing::TestDb::postgres_required().await;
                    super::$name(db.store()).await;
                }
            )+
        }
    };
}

mod blobs;
mod fixtures;
mod framing;
mod memory;
mod metadata;
mod probing;
mod renditions;
mod s3;
mod service;

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
