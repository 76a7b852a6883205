//! Renditions come in every width the original can fill, as JPEG and WebP.

use std::time::Instant;

use dateline_domain::{ImageFormat, RENDITION_WIDTHS};
use dateline_media::{make_renditions, probe};

use crate::sample_jpeg;

#[test]
fn full_hd_gets_every_width_in_both_formats() {
    let bytes = sample_jpeg(1920, 1080);
    let started = Instant::now();
    let out = make_renditions(&bytes).unwrap();
    eprintln!(
        "renditions of one 1920×1080 picture: {:?}",
        started.elapsed()
    );
    assert_eq!(out.len(), RENDITION_WIDTHS.len() * 2);
    for width in RENDITION_WIDTHS {
        for format in [ImageFormat::Jpeg, ImageFormat::Webp] {
            let r = out
                .iter()
                .find(|r| r.width == width && r.format == format)
                .unwrap_or_else(|| panic!("missing {format:?} at {width}"));
            assert_eq!(r.height, (1080 * width + 960) / 1920);
            let decoded = probe(&r.bytes).unwrap();
            assert_eq!(
                (decoded.format, decoded.width, decoded.height),
                (format, r.width, r.height)
            );
        }
    }
    let webp = out
        .iter()
        .find(|r| r.format == ImageFormat::Webp && r.width == 1920)
        .unwrap();
    // Lossy WebP (VP8), not the lossless VP8L that `image` alone would write.
    assert_eq!(&webp.bytes[12..16], b"VP8 ");
}

#[test]
fn smaller_originals_are_never_enlarged() {
    let out = make_renditions(&sample_jpeg(1000, 700)).unwrap();
    let widths: Vec<u32> = out.iter().map(|r| r.width).collect();
    assert_eq!(widths, vec![320, 320, 640, 640, 960, 960]);
    let tiny = make_renditions(&sample_jpeg(200, 100)).unwrap();
    assert_eq!(tiny.len(), 2);
    assert!(tiny.iter().all(|r| r.width == 200 && r.height == 100));
}

#[test]
fn transparent_pictures_keep_alpha_in_webp_and_turn_white_in_jpeg() {
    let img = image::RgbaImage::from_fn(640, 160, |x, _| {
        image::Rgba([200, 0, 0, if x < 320 { 0 } else { 255 }])
    });
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let out = make_renditions(&png).unwrap();
    let jpeg = out
        .iter()
        .find(|r| r.format == ImageFormat::Jpeg && r.width == 640)
        .unwrap();
    let decoded = image::load_from_memory(&jpeg.bytes).unwrap().to_rgb8();
    let left = decoded.get_pixel(10, 80).0;
    assert!(
        left.iter().all(|c| *c > 240),
        "transparent area should be white, got {left:?}"
    );
    let webp = out
        .iter()
        .find(|r| r.format == ImageFormat::Webp && r.width == 640)
        .unwrap();
    let decoded = image::load_from_memory(&webp.bytes).unwrap();
    assert!(decoded.color().has_alpha());
}
