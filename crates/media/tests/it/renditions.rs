//! Renditions come in every width the original can fill, as JPEG and WebP.

use std::time::Instant;

use dateline_domain::{Crop, Framing, ImageFormat, Shape, ShapeCrops, RENDITION_WIDTHS};
use dateline_media::{make_public_renditions, make_renditions, probe, Credits, MAX_PIXELS};

use crate::sample_jpeg;

#[test]
fn full_hd_gets_every_width_in_both_formats() {
    let bytes = sample_jpeg(1920, 1080);
    let started = Instant::now();
    let all = make_renditions(&bytes).unwrap();
    eprintln!(
        "renditions of one 1920×1080 picture: {:?}",
        started.elapsed()
    );
    let out: Vec<_> = all.iter().filter(|r| r.shape.is_none()).collect();
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
    // Every shape, at its own widths, in its own proportions.
    for shape in Shape::ALL {
        let (rw, rh) = shape.ratio();
        let made: Vec<_> = all.iter().filter(|r| r.shape == Some(shape)).collect();
        assert_eq!(made.len(), shape.widths().len() * 2, "{shape:?}");
        for r in made {
            assert_eq!(r.height, shape.height_for(r.width), "{shape:?} {r:?}");
            let decoded = probe(&r.bytes).unwrap();
            assert_eq!((decoded.width, decoded.height), (r.width, r.height));
            assert_eq!(r.area.height, 1080.min(r.area.width * rh / rw));
        }
    }
}

#[test]
fn smaller_originals_are_never_enlarged() {
    let out = make_renditions(&sample_jpeg(1000, 700)).unwrap();
    let widths = |shape: Option<Shape>| -> Vec<u32> {
        out.iter()
            .filter(|r| r.shape == shape)
            .map(|r| r.width)
            .collect()
    };
    assert_eq!(widths(None), vec![320, 320, 640, 640, 960, 960]);
    // A 4:3 cut of 933 × 700 cannot fill 960.
    assert_eq!(widths(Some(Shape::Standard)), vec![320, 320, 640, 640]);
    assert_eq!(
        widths(Some(Shape::Square)),
        vec![160, 160, 320, 320, 640, 640]
    );
    let tiny = make_renditions(&sample_jpeg(200, 100)).unwrap();
    assert_eq!(tiny.len(), 2 * (1 + Shape::ALL.len()));
    let whole: Vec<_> = tiny.iter().filter(|r| r.shape.is_none()).collect();
    assert_eq!(whole.len(), 2);
    assert!(whole.iter().all(|r| r.width == 200 && r.height == 100));
    // Narrower than any of its widths: one pair at its own size.
    let wide: Vec<_> = tiny
        .iter()
        .filter(|r| r.shape == Some(Shape::Wide))
        .collect();
    assert!(
        wide.iter().all(|r| r.width == 177 && r.height == 100),
        "{wide:?}"
    );
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
        .find(|r| r.shape.is_none() && r.format == ImageFormat::Jpeg && r.width == 640)
        .unwrap();
    let decoded = image::load_from_memory(&jpeg.bytes).unwrap().to_rgb8();
    let left = decoded.get_pixel(10, 80).0;
    assert!(
        left.iter().all(|c| *c > 240),
        "transparent area should be white, got {left:?}"
    );
    let webp = out
        .iter()
        .find(|r| r.shape.is_none() && r.format == ImageFormat::Webp && r.width == 640)
        .unwrap();
    let decoded = image::load_from_memory(&webp.bytes).unwrap();
    assert!(decoded.color().has_alpha());
}

#[test]
fn shapes_of_a_large_picture_are_cut_where_asked() {
    // Red on the left half, blue on the right; wider than the copy shapes
    // are cut from.
    let picture = image::RgbImage::from_fn(3000, 1500, |x, _| {
        if x < 1500 {
            image::Rgb([220, 20, 20])
        } else {
            image::Rgb([20, 20, 220])
        }
    });
    let mut png = Vec::new();
    picture
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let square = Crop {
        left: 1600,
        top: 100,
        width: 1200,
        height: 1200,
    };
    let framing = Framing::default()
        .with_shape_crops(ShapeCrops::from([(Shape::Square, square)]), 3000, 1500)
        .unwrap();
    let out = make_public_renditions(&png, &Credits::default(), &framing, MAX_PIXELS).unwrap();
    let colour = |r: &dateline_media::EncodedRendition, x: u32| {
        let pixels = image::load_from_memory(&r.bytes).unwrap().to_rgb8();
        assert_eq!((pixels.width(), pixels.height()), (r.width, r.height));
        pixels.get_pixel(x.min(r.width - 1), r.height / 2).0
    };
    let squares: Vec<_> = out
        .iter()
        .filter(|r| r.shape == Some(Shape::Square))
        .collect();
    assert_eq!(squares.len(), 6);
    for r in squares {
        assert_eq!((r.width, r.area), (r.height, square));
        for x in [0, r.width / 2, r.width] {
            let [red, _, blue] = colour(r, x);
            assert!(blue > 150 && red < 90, "{r:?}: only blue");
        }
    }
    // 16:9 of the whole, centred: both halves, red on the left.
    for r in out.iter().filter(|r| r.shape == Some(Shape::Wide)) {
        assert_eq!(r.height, Shape::Wide.height_for(r.width));
        let [red, _, _] = colour(r, 0);
        let [_, _, blue] = colour(r, r.width);
        assert!(red > 150 && blue > 150, "{r:?}: both halves");
    }
}
