//! Times the demo's media bank: painting all pictures and logos, then
//! their renditions, on all cores:
//! `cargo run --release -p dateline-demo --example bank -- [seed]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use dateline_demo::pictures::{logo, render_jpeg};
use dateline_demo::plan::DemoPlan;
use dateline_media::make_renditions;
use rayon::prelude::*;

fn main() {
    let seed: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let plan = DemoPlan::generate(seed, 1_760_000_000).unwrap();
    println!(
        "{} pictures and {} logos on {} threads",
        plan.pictures.len(),
        plan.editions.len(),
        rayon::current_num_threads()
    );
    let started = Instant::now();
    let mut files: Vec<Vec<u8>> = plan
        .pictures
        .par_iter()
        .map(|p| render_jpeg(p.scene, p.seed).unwrap())
        .collect();
    files.extend(
        plan.editions
            .par_iter()
            .map(|e| logo::render_png(e.logo_word, e.logo_subtitle, e.logo_accent).unwrap())
            .collect::<Vec<_>>(),
    );
    let painted = started.elapsed();
    println!(
        "painting + encoding originals: {painted:?} ({} MiB)",
        files.iter().map(Vec::len).sum::<usize>() >> 20
    );
    let started = Instant::now();
    let renditions: usize = files
        .par_iter()
        .map(|f| make_renditions(f).unwrap().len())
        .sum();
    println!(
        "{renditions} renditions (JPEG + WebP): {:?}",
        started.elapsed()
    );
}
