//! `probe` identifies pictures and refuses what is not one, or too big.

use dateline_domain::ImageFormat;
use dateline_media::{probe, MediaError};

use crate::sample_jpeg;

#[test]
fn probe_reads_format_size_and_hash() {
    let bytes = sample_jpeg(800, 450);
    let p = probe(&bytes).unwrap();
    assert_eq!((p.format, p.width, p.height), (ImageFormat::Jpeg, 800, 450));
    assert_eq!(p.byte_size, bytes.len() as u64);
    assert_eq!(p.sha256.len(), 64);
    assert!(p
        .sha256
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    assert_eq!(probe(&bytes).unwrap().sha256, p.sha256, "hash is stable");
}

#[test]
fn probe_refuses_garbage() {
    for garbage in [
        &b""[..],
        b"hello, this is text",
        b"%PDF-1.7 not a picture",
        &[0u8; 64],
    ] {
        let err = probe(garbage).unwrap_err();
        assert!(matches!(err, MediaError::NotAnImage), "{err:?}");
        assert!(err.to_string().contains("not a picture"));
    }
    // A real PNG signature with a truncated header is damaged, not a picture we read.
    let mut png = Vec::new();
    image::RgbImage::new(4, 4)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    assert!(probe(&png[..20]).is_err());
}

/// A PNG that declares 100000×100000 pixels but holds almost no data: the
/// header alone must be enough to refuse it.
#[test]
fn probe_refuses_a_decompression_bomb() {
    let bomb = png_claiming(100_000, 100_000);
    let err = probe(&bomb).unwrap_err();
    match &err {
        MediaError::TooManyPixels { width, height, .. } => {
            assert_eq!((*width, *height), (100_000, 100_000))
        }
        other => panic!("expected TooManyPixels, got {other:?}"),
    }
    assert!(err.to_string().contains("100000×100000"));
    assert!(dateline_media::make_renditions(&bomb).is_err());
}

fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = Vec::new();
    image::GrayImage::new(1, 1)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    // IHDR data starts after the 8-byte signature, 4-byte length and 4-byte type.
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
