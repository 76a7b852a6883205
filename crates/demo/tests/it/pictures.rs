//! Every picture decodes as a 1920×1080 JPEG with real detail, the same
//! seed gives the same bytes, and a different seed a different picture.

use std::time::Instant;

use dateline_demo::pictures::{logo, render_jpeg, Scene, HEIGHT, WIDTH};
use dateline_domain::ImageFormat;
use dateline_media::probe;

/// Variance of the luma, on a 0–255 scale: a flat colour is 0; these
/// scenes are in the hundreds or more.
fn luma_variance(jpeg: &[u8]) -> f64 {
    let img = image::load_from_memory(jpeg).unwrap().to_luma8();
    let n = f64::from(img.width() * img.height());
    let mean = img.pixels().map(|p| f64::from(p.0[0])).sum::<f64>() / n;
    img.pixels()
        .map(|p| (f64::from(p.0[0]) - mean).powi(2))
        .sum::<f64>()
        / n
}

#[test]
fn every_scene_is_a_detailed_full_hd_jpeg() {
    for scene in Scene::ALL {
        let started = Instant::now();
        let jpeg = render_jpeg(scene, 99).unwrap();
        let elapsed = started.elapsed();
        let p = probe(&jpeg).unwrap();
        assert_eq!(
            (p.format, p.width, p.height),
            (ImageFormat::Jpeg, WIDTH, HEIGHT),
            "{scene:?}"
        );
        let variance = luma_variance(&jpeg);
        assert!(
            variance > 150.0,
            "{scene:?} is nearly flat (variance {variance:.1})"
        );
        // Not a single colour anywhere: distinct colours in a coarse grid.
        let img = image::load_from_memory(&jpeg).unwrap().to_rgb8();
        let mut colours = std::collections::HashSet::new();
        for y in (0..HEIGHT).step_by(40) {
            for x in (0..WIDTH).step_by(40) {
                let c = img.get_pixel(x, y).0;
                colours.insert([c[0] / 16, c[1] / 16, c[2] / 16]);
            }
        }
        assert!(
            colours.len() > 12,
            "{scene:?}: only {} colours",
            colours.len()
        );
        eprintln!(
            "{scene:?}: {elapsed:?}, {} KiB, luma variance {variance:.0}",
            jpeg.len() / 1024
        );
    }
}

#[test]
fn same_seed_same_bytes_other_seed_other_picture() {
    for scene in [Scene::Skyline, Scene::Stadium, Scene::Fields] {
        let a = render_jpeg(scene, 5).unwrap();
        assert_eq!(
            a,
            render_jpeg(scene, 5).unwrap(),
            "{scene:?} is not reproducible"
        );
        assert_ne!(
            a,
            render_jpeg(scene, 6).unwrap(),
            "{scene:?} ignores the seed"
        );
    }
}

#[test]
fn logos_are_1920_wide_transparent_pngs() {
    for (word, sub) in [("DATELINE", Some("INTERNATIONAL")), ("ДЕЙТЛАЙН", None)] {
        let png = logo::render_png(word, sub, 0xe4572e).unwrap();
        let p = probe(&png).unwrap();
        assert_eq!((p.format, p.width), (ImageFormat::Png, 1920));
        let img = image::load_from_memory(&png).unwrap().to_rgba8();
        let opaque = img.pixels().filter(|px| px.0[3] == 255).count();
        let clear = img.pixels().filter(|px| px.0[3] == 0).count();
        assert!(
            opaque > 50_000 && clear > 200_000,
            "{word}: {opaque} opaque, {clear} clear"
        );
        assert_eq!(png, logo::render_png(word, sub, 0xe4572e).unwrap());
    }
}
