//! Skies: gradients by time of day, the sun or the moon, clouds and stars.

use rand::Rng;

use super::canvas::{fbm, gradient, mix, rgb, smoothstep, Canvas, Color};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Time {
    Dawn,
    Day,
    Dusk,
    Night,
}

impl Time {
    pub fn pick<R: Rng>(rng: &mut R, choices: &[Time]) -> Time {
        choices[rng.gen_range(0..choices.len().max(1))]
    }

    pub fn is_dark(self) -> bool {
        matches!(self, Time::Dusk | Time::Night)
    }
}

/// What a painted sky leaves for the rest of the scene to match.
#[derive(Debug, Clone, Copy)]
pub struct Sky {
    pub time: Time,
    /// The colour of the air at the horizon, for haze.
    pub haze: Color,
    /// Where the light comes from, in pixels.
    pub light: (f32, f32),
    pub light_color: Color,
}

fn stops<R: Rng>(rng: &mut R, time: Time) -> [(f32, Color); 4] {
    let variants: &[[u32; 4]] = match time {
        Time::Dawn => &[
            [0x2b3a67, 0x7a6c9d, 0xe8a87c, 0xf6d6ad],
            [0x33406f, 0x9a7fa8, 0xf0b48a, 0xfde4c0],
        ],
        Time::Day => &[
            [0x2f6fb3, 0x5b9bd5, 0x9cc8ec, 0xd9ecf7],
            [0x3a78b8, 0x6fa8dc, 0xb4d7f0, 0xe6f1f8],
        ],
        Time::Dusk => &[
            [0x141b3c, 0x4b2c5e, 0xc0516b, 0xf49a5a],
            [0x101a38, 0x3f3470, 0xb4587a, 0xf2b26b],
            [0x0f1d3a, 0x2e4a7d, 0xd0686a, 0xf7c27a],
        ],
        Time::Night => &[
            [0x03050d, 0x0a1230, 0x18285a, 0x2b3d70],
            [0x020409, 0x0b1026, 0x1a2146, 0x2c3563],
        ],
    };
    let v = variants[rng.gen_range(0..variants.len())];
    let mid = rng.gen_range(0.42..0.6);
    [
        (0.0, rgb(v[0])),
        (mid, rgb(v[1])),
        (0.86, rgb(v[2])),
        (1.0, rgb(v[3])),
    ]
}

/// Paints the sky above `horizon` (a pixel row; below it too, so that
/// later layers can blend), with the sun or moon and some clouds.
pub fn paint<R: Rng>(c: &mut Canvas, rng: &mut R, time: Time, horizon: f32) -> Sky {
    let s = stops(rng, time);
    let h = c.h as f32;
    let scaled: Vec<(f32, Color)> = s.iter().map(|(p, col)| (p * horizon / h, *col)).collect();
    c.vertical_gradient(&scaled);
    let haze = s[3].1;
    let w = c.w as f32;
    let (light, light_color) = match time {
        Time::Dawn | Time::Dusk => {
            let pos = (
                rng.gen_range(0.15..0.85) * w,
                horizon - rng.gen_range(20.0..140.0),
            );
            let col = if time == Time::Dawn {
                rgb(0xffd9a0)
            } else {
                rgb(0xffb070)
            };
            c.glow(pos.0, pos.1, h * 0.45, col, 0.35);
            c.glow(pos.0, pos.1, 70.0, col, 0.8);
            c.disc(pos.0, pos.1, 34.0, rgb(0xfff1d6), 1.0);
            (pos, col)
        }
        Time::Day => {
            let pos = (rng.gen_range(0.1..0.9) * w, rng.gen_range(0.08..0.25) * h);
            c.glow(pos.0, pos.1, h * 0.35, rgb(0xfff6e0), 0.35);
            c.disc(pos.0, pos.1, 30.0, rgb(0xffffff), 1.0);
            (pos, rgb(0xfff6e0))
        }
        Time::Night => {
            let count = rng.gen_range(500..1400);
            stars(c, rng, horizon, count);
            let pos = (rng.gen_range(0.1..0.9) * w, rng.gen_range(0.1..0.3) * h);
            c.glow(pos.0, pos.1, 140.0, rgb(0xbcd0ff), 0.25);
            c.disc(pos.0, pos.1, 26.0, rgb(0xf4f1e6), 1.0);
            // The shadowed part of a crescent.
            let off = rng.gen_range(8.0..20.0);
            c.disc(
                pos.0 + off,
                pos.1 - off * 0.4,
                24.0,
                gradient(&scaled, pos.1 / h),
                0.92,
            );
            (pos, rgb(0x9fb4e8))
        }
    };
    if time != Time::Night || rng.gen_bool(0.3) {
        clouds(c, rng, time, horizon, light);
    }
    Sky {
        time,
        haze,
        light,
        light_color,
    }
}

fn clouds<R: Rng>(c: &mut Canvas, rng: &mut R, time: Time, horizon: f32, light: (f32, f32)) {
    let seed: u32 = rng.gen();
    let cover = rng.gen_range(0.35..0.75f32);
    let stretch = rng.gen_range(2.0..4.5f32);
    let (lit, shade): (Color, Color) = match time {
        Time::Dawn => (rgb(0xffd2b0), rgb(0x7e6a8e)),
        Time::Day => (rgb(0xffffff), rgb(0xb8c6d6)),
        Time::Dusk => (rgb(0xffa27a), rgb(0x40304f)),
        Time::Night => (rgb(0x4a5478), rgb(0x141a30)),
    };
    let top = (horizon * 0.05) as usize;
    let bottom = (horizon * 0.92) as usize;
    let w = c.w as f32;
    c.soft_layer(top..bottom, |fx, fy| {
        // Clouds thin out towards the horizon and the top edge.
        let band = smoothstep(horizon * 0.02, horizon * 0.3, fy)
            * (1.0 - smoothstep(horizon * 0.6, horizon * 0.92, fy));
        if band <= 0.0 {
            return (shade, 0.0);
        }
        let n = fbm(fx / (260.0 * stretch), fy / 110.0, seed, 5);
        let d = smoothstep(1.0 - cover * 0.62, 1.0 - cover * 0.3, n) * band;
        if d <= 0.01 {
            return (shade, 0.0);
        }
        let near_light = 1.0 - ((fx - light.0).abs() / w).min(1.0);
        let under = fbm(fx / (200.0 * stretch), (fy + 18.0) / 110.0, seed, 3);
        let col = mix(
            shade,
            lit,
            (0.35 + 0.5 * near_light + (n - under) * 2.0).clamp(0.0, 1.0),
        );
        (col, d * 0.85)
    });
}

/// Scatters stars above `horizon`, a few of them bright.
pub fn stars<R: Rng>(c: &mut Canvas, rng: &mut R, horizon: f32, count: usize) {
    for _ in 0..count {
        let x = rng.gen_range(0.0..c.w as f32);
        let y = rng.gen_range(0.0..horizon);
        let b: f32 = rng.gen_range(0.0f32..1.0).powi(3);
        let tint = mix(rgb(0xcfd9ff), rgb(0xfff0d8), rng.gen_range(0.0..1.0));
        if b > 0.6 {
            c.glow(x, y, 2.2, tint, 0.9 * b);
        }
        c.add(x as usize, y as usize, tint, 0.25 + b * 0.75);
    }
}
