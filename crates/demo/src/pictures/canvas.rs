//! A floating-point RGB canvas with the few drawing operations the scenes
//! need (gradients, glows, anti-aliased shapes), and value noise.

use image::{Rgb, RgbImage};
use rand::Rng;

pub type Color = [f32; 3];

/// `#rrggbb` as a colour.
pub const fn rgb(hex: u32) -> Color {
    [
        ((hex >> 16) & 0xff) as f32 / 255.0,
        ((hex >> 8) & 0xff) as f32 / 255.0,
        (hex & 0xff) as f32 / 255.0,
    ]
}

pub fn mix(a: Color, b: Color, t: f32) -> Color {
    let t = t.clamp(0.0, 1.0);
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

pub fn scale(c: Color, k: f32) -> Color {
    [c[0] * k, c[1] * k, c[2] * k]
}

pub fn smoothstep(e0: f32, e1: f32, x: f32) -> f32 {
    let t = ((x - e0) / (e1 - e0)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// A colour picked from `stops` (position 0..1, colour), linearly.
pub fn gradient(stops: &[(f32, Color)], t: f32) -> Color {
    let Some(first) = stops.first() else {
        return [0.0; 3];
    };
    if t <= first.0 {
        return first.1;
    }
    for pair in stops.windows(2) {
        let ((p0, c0), (p1, c1)) = (pair[0], pair[1]);
        if t <= p1 {
            return mix(c0, c1, (t - p0) / (p1 - p0).max(1e-6));
        }
    }
    stops.last().map_or(first.1, |s| s.1)
}

/// Integer hash of a lattice point, as a float in [0, 1).
pub fn hash2(x: i32, y: i32, seed: u32) -> f32 {
    let mut h = (x as u32).wrapping_mul(0x27d4_eb2d)
        ^ (y as u32).wrapping_mul(0x1656_67b1)
        ^ seed.wrapping_mul(0x9e37_79b9);
    h ^= h >> 15;
    h = h.wrapping_mul(0x2c1b_3c6d);
    h ^= h >> 12;
    h = h.wrapping_mul(0x297a_2d39);
    h ^= h >> 15;
    (h >> 8) as f32 / 16_777_216.0
}

/// Smooth value noise in [0, 1).
pub fn noise2(x: f32, y: f32, seed: u32) -> f32 {
    let (xi, yi) = (x.floor(), y.floor());
    let (fx, fy) = (x - xi, y - yi);
    let (xi, yi) = (xi as i32, yi as i32);
    let u = fx * fx * (3.0 - 2.0 * fx);
    let v = fy * fy * (3.0 - 2.0 * fy);
    let a = hash2(xi, yi, seed);
    let b = hash2(xi + 1, yi, seed);
    let c = hash2(xi, yi + 1, seed);
    let d = hash2(xi + 1, yi + 1, seed);
    a + (b - a) * u + (c - a) * v + (a - b - c + d) * u * v
}

/// Fractal sum of `octaves` layers of noise, in about [0, 1).
pub fn fbm(x: f32, y: f32, seed: u32, octaves: u32) -> f32 {
    let (mut sum, mut amp, mut freq, mut norm) = (0.0, 0.5, 1.0, 0.0);
    for o in 0..octaves {
        sum += amp * noise2(x * freq, y * freq, seed.wrapping_add(o * 101));
        norm += amp;
        amp *= 0.5;
        freq *= 2.03;
    }
    sum / norm
}

/// The picture being painted.
#[derive(Debug, Clone)]
pub struct Canvas {
    pub w: usize,
    pub h: usize,
    pub px: Vec<Color>,
}

impl Canvas {
    pub fn new(w: usize, h: usize) -> Self {
        Self {
            w,
            h,
            px: vec![[0.0; 3]; w * h],
        }
    }

    /// Fills every row from `stops`, 0 at the top and 1 at the bottom.
    pub fn vertical_gradient(&mut self, stops: &[(f32, Color)]) {
        for y in 0..self.h {
            let c = gradient(stops, y as f32 / self.h as f32);
            self.px[y * self.w..(y + 1) * self.w].fill(c);
        }
    }

    #[inline]
    pub fn blend(&mut self, x: usize, y: usize, c: Color, a: f32) {
        if x < self.w && y < self.h && a > 0.0 {
            let p = &mut self.px[y * self.w + x];
            *p = mix(*p, c, a);
        }
    }

    #[inline]
    pub fn add(&mut self, x: usize, y: usize, c: Color, k: f32) {
        if x < self.w && y < self.h {
            let p = &mut self.px[y * self.w + x];
            p[0] += c[0] * k;
            p[1] += c[1] * k;
            p[2] += c[2] * k;
        }
    }

    /// Clamped pixel range of a float span.
    pub fn span(&self, a: f32, b: f32, max: usize) -> std::ops::Range<usize> {
        let lo = a.floor().max(0.0) as usize;
        let hi = (b.ceil().max(0.0) as usize).min(max);
        lo.min(hi)..hi
    }

    /// A rectangle with soft (anti-aliased) edges.
    pub fn rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, c: Color, a: f32) {
        for y in self.span(y0, y1, self.h) {
            let cy = (y1.min(y as f32 + 1.0) - y0.max(y as f32)).clamp(0.0, 1.0);
            for x in self.span(x0, x1, self.w) {
                let cx = (x1.min(x as f32 + 1.0) - x0.max(x as f32)).clamp(0.0, 1.0);
                self.blend(x, y, c, a * cx * cy);
            }
        }
    }

    /// A filled, anti-aliased disc.
    pub fn disc(&mut self, cx: f32, cy: f32, r: f32, c: Color, a: f32) {
        for y in self.span(cy - r - 1.0, cy + r + 1.0, self.h) {
            for x in self.span(cx - r - 1.0, cx + r + 1.0, self.w) {
                let d = ((x as f32 + 0.5 - cx).powi(2) + (y as f32 + 0.5 - cy).powi(2)).sqrt();
                self.blend(x, y, c, a * (r - d + 0.5).clamp(0.0, 1.0));
            }
        }
    }

    /// Additive light falling off as a Gaussian of radius `r`.
    pub fn glow(&mut self, cx: f32, cy: f32, r: f32, c: Color, k: f32) {
        let reach = r * 2.6;
        let inv = 1.0 / (r * r);
        for y in self.span(cy - reach, cy + reach, self.h) {
            let dy = y as f32 + 0.5 - cy;
            for x in self.span(cx - reach, cx + reach, self.w) {
                let dx = x as f32 + 0.5 - cx;
                let f = (-(dx * dx + dy * dy) * inv).exp();
                if f > 0.002 {
                    self.add(x, y, c, k * f);
                }
            }
        }
    }

    /// An anti-aliased line of width `width` with round ends.
    pub fn line(&mut self, p0: (f32, f32), p1: (f32, f32), width: f32, c: Color, a: f32) {
        let half = width * 0.5;
        let (dx, dy) = (p1.0 - p0.0, p1.1 - p0.1);
        let len2 = (dx * dx + dy * dy).max(1e-6);
        let ys = self.span(
            p0.1.min(p1.1) - half - 1.0,
            p0.1.max(p1.1) + half + 1.0,
            self.h,
        );
        let xs = self.span(
            p0.0.min(p1.0) - half - 1.0,
            p0.0.max(p1.0) + half + 1.0,
            self.w,
        );
        for y in ys {
            let py = y as f32 + 0.5;
            for x in xs.clone() {
                let px = x as f32 + 0.5;
                let t = (((px - p0.0) * dx + (py - p0.1) * dy) / len2).clamp(0.0, 1.0);
                let d = ((px - p0.0 - t * dx).powi(2) + (py - p0.1 - t * dy).powi(2)).sqrt();
                self.blend(x, y, c, a * (half - d + 0.5).clamp(0.0, 1.0));
            }
        }
    }

    /// Fills, in each column, everything below `top[x]` with `paint(x, y)`,
    /// anti-aliasing the edge.
    pub fn fill_below(&mut self, top: &[f32], mut paint: impl FnMut(usize, usize) -> Color) {
        for (x, t) in top.iter().enumerate().take(self.w) {
            let start = t.floor().max(0.0) as usize;
            for y in start..self.h {
                let cover = (y as f32 + 1.0 - t).clamp(0.0, 1.0);
                let c = paint(x, y);
                self.blend(x, y, c, cover);
            }
        }
    }

    /// Blends a soft layer (clouds, haze, the galaxy) over rows `rows`,
    /// evaluating `layer(x, y) -> (colour, alpha)` on a half-resolution grid
    /// and interpolating: a quarter of the work for detail that is blurry
    /// anyway.
    pub fn soft_layer(
        &mut self,
        rows: std::ops::Range<usize>,
        layer: impl Fn(f32, f32) -> (Color, f32),
    ) {
        let rows = rows.start.min(self.h)..rows.end.min(self.h);
        if rows.is_empty() {
            return;
        }
        let gw = self.w / 2 + 2;
        let gh = rows.len() / 2 + 2;
        let mut grid = Vec::with_capacity(gw * gh);
        for gy in 0..gh {
            for gx in 0..gw {
                grid.push(layer((gx * 2) as f32, (rows.start + gy * 2) as f32));
            }
        }
        for y in rows.clone() {
            let fy = (y - rows.start) as f32 * 0.5;
            let (gy, ty) = (fy as usize, fy.fract());
            for x in 0..self.w {
                let fx = x as f32 * 0.5;
                let (gx, tx) = (fx as usize, fx.fract());
                let at = |i: usize, j: usize| grid[(j.min(gh - 1)) * gw + i.min(gw - 1)];
                let (c00, a00) = at(gx, gy);
                let (c10, a10) = at(gx + 1, gy);
                let (c01, a01) = at(gx, gy + 1);
                let (c11, a11) = at(gx + 1, gy + 1);
                let a =
                    (a00 * (1.0 - tx) + a10 * tx) * (1.0 - ty) + (a01 * (1.0 - tx) + a11 * tx) * ty;
                if a <= 0.004 {
                    continue;
                }
                let c = mix(mix(c00, c10, tx), mix(c01, c11, tx), ty);
                self.blend(x, y, c, a);
            }
        }
    }

    /// Mirrors the rows above `horizon` into the rows below it, rippled and
    /// tinted, as a water surface.
    pub fn reflect(&mut self, horizon: usize, tint: Color, seed: u32) {
        for y in horizon..self.h {
            let depth = (y - horizon) as f32;
            let src_y = horizon.saturating_sub(1 + (depth * 1.05) as usize);
            let wobble = (noise2(depth * 0.09, 3.7, seed) - 0.5) * (6.0 + depth * 0.06)
                + ((depth * 0.35).sin() * 2.0);
            let fade = 0.55 + 0.3 * (1.0 - depth / (self.h - horizon).max(1) as f32);
            for x in 0..self.w {
                let sx = (x as f32 + wobble * (1.0 + noise2(x as f32 * 0.01, depth * 0.2, seed)))
                    as isize;
                let sx = sx.clamp(0, self.w as isize - 1) as usize;
                let c = self.px[src_y * self.w + sx];
                self.px[y * self.w + x] = mix(scale(c, fade), tint, 0.35);
            }
        }
    }

    /// Final touches: vignette and fine grain, then 8-bit RGB.
    pub fn finish<R: Rng>(&self, rng: &mut R, grain: f32) -> RgbImage {
        let seed: u32 = rng.gen();
        let (cx, cy) = (self.w as f32 * 0.5, self.h as f32 * 0.5);
        let inv = 1.0 / (cx * cx + cy * cy);
        RgbImage::from_fn(self.w as u32, self.h as u32, |x, y| {
            let p = self.px[y as usize * self.w + x as usize];
            let (dx, dy) = (x as f32 - cx, y as f32 - cy);
            let v = 1.0 - 0.28 * (dx * dx + dy * dy) * inv;
            let n = (hash2(x as i32, y as i32, seed) - 0.5) * grain;
            let to8 = |c: f32| ((c * v + n).clamp(0.0, 1.0) * 255.0 + 0.5) as u8;
            Rgb([to8(p[0]), to8(p[1]), to8(p[2])])
        })
    }
}
