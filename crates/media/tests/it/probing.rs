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

/// An AVIF encoded by `image` (rav1e) is probed from its header and decoded
/// by libdav1d into renditions with the right colours.
#[test]
fn avif_is_probed_and_rendered() {
    use image::ImageEncoder;
    let img = image::RgbImage::from_fn(400, 240, |x, _| {
        if x < 200 {
            image::Rgb([220, 30, 30])
        } else {
            image::Rgb([30, 30, 220])
        }
    });
    let mut avif = Vec::new();
    image::codecs::avif::AvifEncoder::new_with_speed_quality(&mut avif, 10, 90)
        .write_image(img.as_raw(), 400, 240, image::ExtendedColorType::Rgb8)
        .unwrap();
    let p = probe(&avif).unwrap();
    assert_eq!((p.format, p.width, p.height), (ImageFormat::Avif, 400, 240));
    let out = dateline_media::make_renditions(&avif).unwrap();
    let jpeg = out.iter().find(|r| r.format == ImageFormat::Jpeg).unwrap();
    assert_eq!((jpeg.width, jpeg.height), (320, 192));
    let decoded = image::load_from_memory(&jpeg.bytes).unwrap().to_rgb8();
    let left = decoded.get_pixel(40, 96).0;
    let right = decoded.get_pixel(280, 96).0;
    assert!(left[0] > 180 && left[2] < 80, "left is red: {left:?}");
    assert!(right[2] > 180 && right[0] < 80, "right is blue: {right:?}");
    // A header that claims too many pixels is refused before decoding.
    let limits = dateline_media::Limits {
        max_pixels: 400 * 240 - 1,
        ..dateline_media::Limits::default()
    };
    let err = dateline_media::probe_with(&avif, &limits).unwrap_err();
    assert!(matches!(err, MediaError::TooManyPixels { .. }), "{err:?}");
    // A damaged AVIF is refused with a reason.
    let mut broken = avif.clone();
    let len = broken.len();
    broken.truncate(len - len / 3);
    assert!(dateline_media::make_renditions(&broken).is_err());
}

/// A real WebP whose last chunk is followed by an EXIF chunk that declares
/// 4 GB: refused from its chunk sizes, before any decoder reads (and
/// allocates) what the chunk claims. The shape of a `picture_probe` finding.
#[test]
fn a_webp_chunk_larger_than_the_file_is_refused() {
    let mut webp = Vec::new();
    image::RgbImage::from_pixel(8, 8, image::Rgb([10, 120, 200]))
        .write_to(
            &mut std::io::Cursor::new(&mut webp),
            image::ImageFormat::WebP,
        )
        .unwrap();
    let whole = probe(&webp).unwrap();
    assert_eq!(
        (whole.format, whole.width, whole.height),
        (ImageFormat::Webp, 8, 8)
    );
    let mut lying = webp.clone();
    lying.extend_from_slice(b"EXIF");
    lying.extend_from_slice(&0xFF00_0000u32.to_le_bytes());
    lying.extend_from_slice(&[0u8; 32]);
    let riff_size = (lying.len() - 8) as u32;
    lying[4..8].copy_from_slice(&riff_size.to_le_bytes());
    let err = probe(&lying).unwrap_err();
    assert!(
        err.to_string().contains("chunk is larger than the file"),
        "{err}"
    );
    assert!(dateline_media::make_renditions(&lying).is_err());
    // A chunk cut short by a truncated upload is refused the same way.
    assert!(probe(&webp[..webp.len() - 3]).is_err());
}
