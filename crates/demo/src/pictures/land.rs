//! Landscapes: layered hills in haze and farmland running to the horizon.

use rand::Rng;

use super::canvas::{fbm, mix, rgb, scale, smoothstep, Canvas, Color};
use super::sky::{self, Sky, Time};

/// A ridge line: for each column, the row where the land starts.
pub fn ridge(w: usize, base: f32, amp: f32, wavelength: f32, seed: u32) -> Vec<f32> {
    (0..w)
        .map(|x| {
            let n = fbm(x as f32 / wavelength, 0.5, seed, 5);
            base - (n - 0.35) * amp * 2.0
        })
        .collect()
}

/// Colour of land at a given distance (0 near, 1 far) under this sky.
fn land_tone(sky: &Sky, near: Color, far_t: f32) -> Color {
    let dark = match sky.time {
        Time::Night => 0.25,
        Time::Dusk => 0.5,
        _ => 1.0,
    };
    mix(scale(near, dark), sky.haze, far_t.powf(0.8) * 0.85)
}

/// Hills fading into haze, layer after layer; sometimes a lake in front.
pub fn hills<R: Rng>(c: &mut Canvas, rng: &mut R) {
    let time = Time::pick(rng, &[Time::Dawn, Time::Dawn, Time::Day, Time::Dusk]);
    let h = c.h as f32;
    let horizon = h * rng.gen_range(0.52..0.62);
    let sky = sky::paint(c, rng, time, horizon);
    let layers = rng.gen_range(4..7);
    let greens = [rgb(0x2f4a2c), rgb(0x35533a), rgb(0x3d4f2e), rgb(0x2c4146)];
    let near = greens[rng.gen_range(0..greens.len())];
    let lake = rng.gen_bool(0.4);
    for i in 0..layers {
        let t = i as f32 / (layers - 1) as f32; // 0 far … 1 near
        let base = horizon + t * (h - horizon) * if lake { 0.25 } else { 0.75 };
        let amp = (1.0 - t) * h * 0.16 + h * 0.03;
        let top = ridge(c.w, base, amp, rng.gen_range(180.0..520.0), rng.gen());
        let tone = land_tone(&sky, near, 1.0 - t);
        let mist = sky.haze;
        let mist_depth = rng.gen_range(60.0..160.0);
        let top_copy = top.clone();
        c.fill_below(&top, |x, y| {
            let below = y as f32 - top_copy[x];
            // Mist gathers in the valleys at the foot of each layer.
            mix(
                tone,
                mist,
                smoothstep(mist_depth * 0.2, mist_depth * 1.8, below) * 0.55 * (1.0 - t * 0.6),
            )
        });
    }
    if lake {
        let line = (horizon + (h - horizon) * 0.32) as usize;
        c.reflect(line, scale(sky.haze, 0.5), rng.gen());
    }
    // Sunlight or moonlight scattered in the air.
    c.glow(sky.light.0, sky.light.1, h * 0.6, sky.light_color, 0.08);
}

/// Fields in rows running to a tree line, under a low sun.
pub fn fields<R: Rng>(c: &mut Canvas, rng: &mut R) {
    let time = Time::pick(rng, &[Time::Dawn, Time::Day, Time::Day, Time::Dusk]);
    let h = c.h as f32;
    let w = c.w as f32;
    let horizon = h * rng.gen_range(0.45..0.58);
    let sky = sky::paint(c, rng, time, horizon);
    // A distant tree line with a few taller trees.
    let trees = ridge(c.w, horizon + 4.0, h * 0.018, 40.0, rng.gen());
    let tree_tone = land_tone(&sky, rgb(0x23361f), 0.35);
    c.fill_below(&trees, |_, _| tree_tone);
    let vx = rng.gen_range(0.2..0.8) * w;
    let palettes: [[u32; 2]; 4] = [
        [0xd8b45a, 0xb8923e],
        [0x7fa048, 0x5f8234],
        [0x9c7a52, 0x7d5e3c],
        [0xc9c26a, 0xa49d47],
    ];
    let patches = rng.gen_range(3..6);
    let bounds: Vec<f32> = {
        let mut b: Vec<f32> = (0..patches - 1).map(|_| rng.gen_range(-1.2..1.2)).collect();
        b.sort_by(f32::total_cmp);
        b
    };
    let chosen: Vec<[Color; 2]> = (0..patches)
        .map(|_| {
            let p = palettes[rng.gen_range(0..palettes.len())];
            [rgb(p[0]), rgb(p[1])]
        })
        .collect();
    let freq = rng.gen_range(40.0..90.0f32);
    let light = match time {
        Time::Dusk => 0.6,
        Time::Dawn => 0.8,
        _ => 1.0,
    };
    let start = (horizon + 6.0) as usize;
    for y in start..c.h {
        let dy = (y as f32 - horizon).max(1.0);
        let depth = 1.0 - (dy / (h - horizon)).min(1.0);
        for x in 0..c.w {
            let slope = (x as f32 - vx) / dy;
            let patch = bounds.iter().filter(|b| slope > **b).count();
            let [a, b] = chosen[patch];
            let rows = (slope * freq).sin() * 0.5 + 0.5;
            let col = scale(mix(a, b, rows), light);
            let col = mix(col, sky.haze, depth.powi(3) * 0.7);
            c.blend(x, y, col, 1.0);
        }
    }
    c.glow(sky.light.0, sky.light.1, h * 0.5, sky.light_color, 0.12);
}
