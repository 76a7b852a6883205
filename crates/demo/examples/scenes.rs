//! Writes one picture of every scene kind and both logos to a directory,
//! timing each: `cargo run --release -p dateline-demo --example scenes -- /tmp/scenes`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use dateline_demo::pictures::{logo, render_jpeg, Scene};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "scenes".into());
    let seed: u64 = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);
    std::fs::create_dir_all(&dir).unwrap();
    // A contact sheet of all scenes, 4 × 3 at a quarter of the size.
    let mut sheet = image::RgbImage::new(1920, 810);
    for (i, scene) in Scene::ALL.into_iter().enumerate() {
        let started = Instant::now();
        let jpeg = render_jpeg(scene, seed).unwrap();
        println!(
            "{scene:?}: {:?}, {} KiB",
            started.elapsed(),
            jpeg.len() / 1024
        );
        let small = image::load_from_memory(&jpeg)
            .unwrap()
            .thumbnail_exact(480, 270)
            .to_rgb8();
        image::imageops::replace(
            &mut sheet,
            &small,
            (i % 4) as i64 * 480,
            (i / 4) as i64 * 270,
        );
        std::fs::write(format!("{dir}/{scene:?}.jpg"), jpeg).unwrap();
    }
    sheet.save(format!("{dir}/sheet.png")).unwrap();
    for (name, sub, accent, file) in [
        ("DATELINE", Some("INTERNATIONAL"), 0xe4572e, "logo-en.png"),
        ("ДЕЙТЛАЙН", None, 0xc8102e, "logo-ru.png"),
    ] {
        let started = Instant::now();
        let png = logo::render_png(name, sub, accent).unwrap();
        println!("{file}: {:?}, {} KiB", started.elapsed(), png.len() / 1024);
        std::fs::write(format!("{dir}/{file}"), png).unwrap();
    }
}
