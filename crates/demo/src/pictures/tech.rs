//! Science pictures: a night sky over an observatory, and glowing circuit
//! traces.

use rand::Rng;

use super::canvas::{fbm, mix, rgb, scale, Canvas, Color};
use super::land::ridge;
use super::sky::{self, Time};

/// Stars, the band of the galaxy, sometimes an aurora, over a ridge with an
/// observatory dome.
pub fn night_sky<R: Rng>(c: &mut Canvas, rng: &mut R) {
    let (w, h) = (c.w as f32, c.h as f32);
    let horizon = h * rng.gen_range(0.72..0.82);
    sky::paint(c, rng, Time::Night, horizon);
    // The galaxy: a diagonal band of faint light and dust.
    let (ax, ay) = (rng.gen_range(0.0..w), 0.0);
    let (bx, by) = (rng.gen_range(0.0..w), horizon);
    let (dx, dy) = (bx - ax, by - ay);
    let len = (dx * dx + dy * dy).sqrt().max(1.0);
    let seed: u32 = rng.gen();
    c.soft_layer(0..horizon as usize, |x, y| {
        let d = ((x - ax) * dy - (y - ay) * dx).abs() / len;
        let band = (-(d / 170.0).powi(2)).exp();
        if band < 0.02 {
            return ([0.0; 3], 0.0);
        }
        let n = fbm(x / 140.0, y / 140.0, seed, 4);
        let dust = fbm(x / 60.0, y / 60.0, seed ^ 77, 3);
        let k = (band * (0.15 + n * 0.35) * (1.0 - (dust - 0.45).max(0.0) * 1.6)).max(0.0);
        // A pale glow, blended rather than added, on a near-black sky.
        (rgb(0xc9c3e8), (k * 0.55).min(1.0))
    });
    sky::stars(c, rng, horizon, 1500);
    if rng.gen_bool(0.5) {
        let aseed: u32 = rng.gen();
        let base = horizon * rng.gen_range(0.45..0.6);
        let colour = if rng.gen_bool(0.7) {
            rgb(0x3cff9e)
        } else {
            rgb(0x6fd3ff)
        };
        for x in 0..c.w {
            let fx = x as f32;
            let crest = base + (fbm(fx / 400.0, 1.0, aseed, 3) - 0.5) * 260.0;
            let rays = 0.5 + 0.5 * (fx * 0.06 + fbm(fx / 90.0, 2.0, aseed, 2) * 8.0).sin();
            for y in c.span(crest - 260.0, crest + 40.0, horizon as usize) {
                let t = (crest - y as f32) / 260.0;
                let k = if t < 0.0 {
                    (1.0 + t * 25.0).max(0.0)
                } else {
                    (1.0 - t).powi(2)
                };
                c.add(
                    x,
                    y,
                    mix(colour, rgb(0xb06cff), t.max(0.0) * 0.6),
                    k * rays * 0.35,
                );
            }
        }
    }
    let top = ridge(c.w, horizon, h * 0.05, 260.0, rng.gen());
    c.fill_below(&top, |_, _| rgb(0x05060a));
    // The observatory on the ridge.
    let ox = rng.gen_range(0.2..0.8) * w;
    let base = top[(ox as usize).min(c.w - 1)];
    let r = rng.gen_range(55.0..85.0);
    let body: Color = rgb(0x0b0d14);
    c.rect(ox - r, base - r * 0.9, ox + r, base + 4.0, body, 1.0);
    c.disc(ox, base - r * 0.9, r, scale(rgb(0x262a36), 1.0), 1.0);
    c.rect(
        ox - r * 0.12,
        base - r * 1.9,
        ox + r * 0.12,
        base - r * 0.9,
        rgb(0x05060a),
        1.0,
    );
    c.rect(
        ox + r * 0.4,
        base - r * 0.5,
        ox + r * 0.6,
        base - r * 0.25,
        rgb(0xffc46b),
        0.9,
    );
    c.glow(ox + r * 0.5, base - r * 0.4, 10.0, rgb(0xffc46b), 0.5);
    if rng.gen_bool(0.5) {
        // A radio dish beside it.
        let dx = ox + if ox < w * 0.5 { 260.0 } else { -260.0 };
        let db = top[(dx.clamp(0.0, w - 1.0)) as usize];
        c.line((dx, db), (dx, db - 70.0), 8.0, body, 1.0);
        for i in 0..60 {
            let a = -1.2 + i as f32 / 60.0 * 2.4;
            c.disc(
                dx + a.sin() * 70.0,
                db - 110.0 - a.cos() * 30.0 + 30.0,
                6.0,
                rgb(0x1a1d27),
                1.0,
            );
        }
    }
}

/// Glowing traces and nodes on a dark board, with soft light behind.
pub fn circuit<R: Rng>(c: &mut Canvas, rng: &mut R) {
    let (w, h) = (c.w as f32, c.h as f32);
    let bg = [rgb(0x02040c), rgb(0x06122a), rgb(0x0a0620)];
    c.vertical_gradient(&[(0.0, bg[0]), (0.6, bg[rng.gen_range(1..3)]), (1.0, bg[0])]);
    let palette: [Color; 4] = [rgb(0x39d0ff), rgb(0x2ef2c8), rgb(0xff4fd8), rgb(0xffb347)];
    let main = palette[rng.gen_range(0..palette.len())];
    let accent = palette[rng.gen_range(0..palette.len())];
    for _ in 0..rng.gen_range(8..16) {
        let col = if rng.gen_bool(0.6) { main } else { accent };
        c.glow(
            rng.gen_range(0.0..w),
            rng.gen_range(0.0..h),
            rng.gen_range(60.0..220.0),
            col,
            rng.gen_range(0.05..0.18),
        );
    }
    let step = 48.0;
    let cols = (w / step) as i32;
    let rows = (h / step) as i32;
    for _ in 0..rng.gen_range(60..110) {
        let mut gx = rng.gen_range(0..cols);
        let mut gy = rng.gen_range(0..rows);
        let col = if rng.gen_bool(0.75) { main } else { accent };
        let strength = rng.gen_range(0.4..1.0);
        let mut dir = rng.gen_range(0..4);
        for _ in 0..rng.gen_range(3..12) {
            if rng.gen_bool(0.35) {
                dir = (dir + if rng.gen_bool(0.5) { 1 } else { 3 }) % 4;
            }
            let (nx, ny) = match dir {
                0 => (gx + 1, gy),
                1 => (gx, gy + 1),
                2 => (gx - 1, gy),
                _ => (gx, gy - 1),
            };
            let diagonal = rng.gen_bool(0.2);
            let (nx, ny) = if diagonal {
                (nx + (ny - gy), ny + (nx - gx))
            } else {
                (nx, ny)
            };
            let p0 = (gx as f32 * step + step * 0.5, gy as f32 * step + step * 0.5);
            let p1 = (nx as f32 * step + step * 0.5, ny as f32 * step + step * 0.5);
            c.line(p0, p1, 9.0, col, 0.12 * strength);
            c.line(p0, p1, 2.5, mix(col, rgb(0xffffff), 0.3), 0.9 * strength);
            gx = nx;
            gy = ny;
        }
        let end = (gx as f32 * step + step * 0.5, gy as f32 * step + step * 0.5);
        c.disc(end.0, end.1, 6.0, mix(col, rgb(0xffffff), 0.5), strength);
        c.glow(end.0, end.1, 14.0, col, 0.6 * strength);
    }
}
