//! Edition logos: a globe crossed by the date line, and the edition's name
//! drawn with stroke letters (no font files), as a transparent PNG.

use image::{ImageFormat, Rgba, RgbaImage};

use super::canvas::{rgb, Color};

/// Logo size: 1920 px wide, as the reference edition's.
pub const LOGO_WIDTH: u32 = 1920;
pub const LOGO_HEIGHT: u32 = 480;

type Stroke = &'static [(f32, f32)];

/// A letter as strokes on a grid 6 units tall, and its width in units.
fn glyph(ch: char) -> (&'static [Stroke], f32) {
    const D: &[Stroke] = &[
        &[(0.0, 0.0), (0.0, 6.0)],
        &[
            (0.0, 0.0),
            (2.4, 0.0),
            (4.0, 1.6),
            (4.0, 4.4),
            (2.4, 6.0),
            (0.0, 6.0),
        ],
    ];
    const A: &[Stroke] = &[
        &[(0.0, 6.0), (2.0, 0.0), (4.0, 6.0)],
        &[(0.7, 4.0), (3.3, 4.0)],
    ];
    const T: &[Stroke] = &[&[(0.0, 0.0), (4.0, 0.0)], &[(2.0, 0.0), (2.0, 6.0)]];
    const E: &[Stroke] = &[
        &[(3.6, 0.0), (0.0, 0.0), (0.0, 6.0), (3.6, 6.0)],
        &[(0.0, 3.0), (3.0, 3.0)],
    ];
    const L: &[Stroke] = &[&[(0.0, 0.0), (0.0, 6.0), (3.4, 6.0)]];
    const I: &[Stroke] = &[&[(0.0, 0.0), (0.0, 6.0)]];
    const N: &[Stroke] = &[&[(0.0, 6.0), (0.0, 0.0), (4.0, 6.0), (4.0, 0.0)]];
    const R: &[Stroke] = &[
        &[
            (0.0, 6.0),
            (0.0, 0.0),
            (2.8, 0.0),
            (4.0, 1.1),
            (4.0, 1.9),
            (2.8, 3.0),
            (0.0, 3.0),
        ],
        &[(2.2, 3.0), (4.0, 6.0)],
    ];
    const O: &[Stroke] = &[&[
        (1.3, 0.0),
        (2.7, 0.0),
        (4.0, 1.3),
        (4.0, 4.7),
        (2.7, 6.0),
        (1.3, 6.0),
        (0.0, 4.7),
        (0.0, 1.3),
        (1.3, 0.0),
    ]];
    const DE: &[Stroke] = &[
        &[(0.9, 0.0), (3.6, 0.0), (3.6, 5.0)],
        &[(0.9, 0.0), (0.4, 5.0)],
        &[(-0.3, 5.0), (4.3, 5.0)],
        &[(-0.3, 5.0), (-0.3, 6.4)],
        &[(4.3, 5.0), (4.3, 6.4)],
    ];
    const II: &[Stroke] = &[
        &[(0.0, 0.0), (0.0, 6.0), (4.0, 0.0), (4.0, 6.0)],
        &[(1.2, -1.3), (2.0, -0.8), (2.8, -1.3)],
    ];
    const EL: &[Stroke] = &[&[(0.0, 6.0), (0.6, 4.5), (1.2, 0.0), (4.0, 0.0), (4.0, 6.0)]];
    const EN: &[Stroke] = &[
        &[(0.0, 0.0), (0.0, 6.0)],
        &[(4.0, 0.0), (4.0, 6.0)],
        &[(0.0, 3.0), (4.0, 3.0)],
    ];
    match ch {
        'D' => (D, 4.0),
        'A' | 'А' => (A, 4.0),
        'T' | 'Т' => (T, 4.0),
        'E' | 'Е' => (E, 3.6),
        'L' => (L, 3.4),
        'I' => (I, 0.0),
        'N' => (N, 4.0),
        'R' => (R, 4.0),
        'O' => (O, 4.0),
        'Д' => (DE, 4.0),
        'Й' => (II, 4.0),
        'Л' => (EL, 4.0),
        'Н' => (EN, 4.0),
        _ => (&[], 2.0),
    }
}

/// Coverage mask: how much of each pixel a shape covers.
struct Mask {
    w: usize,
    h: usize,
    a: Vec<f32>,
}

impl Mask {
    fn new(w: usize, h: usize) -> Self {
        Self {
            w,
            h,
            a: vec![0.0; w * h],
        }
    }

    fn segment(&mut self, p0: (f32, f32), p1: (f32, f32), half: f32) {
        let (dx, dy) = (p1.0 - p0.0, p1.1 - p0.1);
        let len2 = (dx * dx + dy * dy).max(1e-6);
        let clamp = |v: f32, max: usize| (v.max(0.0) as usize).min(max);
        let (x0, x1) = (
            clamp(p0.0.min(p1.0) - half - 2.0, self.w),
            clamp(p0.0.max(p1.0) + half + 2.0, self.w),
        );
        let (y0, y1) = (
            clamp(p0.1.min(p1.1) - half - 2.0, self.h),
            clamp(p0.1.max(p1.1) + half + 2.0, self.h),
        );
        for y in y0..y1 {
            for x in x0..x1 {
                let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                let t = (((px - p0.0) * dx + (py - p0.1) * dy) / len2).clamp(0.0, 1.0);
                let d = ((px - p0.0 - t * dx).powi(2) + (py - p0.1 - t * dy).powi(2)).sqrt();
                let cover = (half - d + 0.5).clamp(0.0, 1.0);
                let a = &mut self.a[y * self.w + x];
                *a = a.max(cover);
            }
        }
    }

    fn polyline(&mut self, points: &[(f32, f32)], half: f32) {
        for pair in points.windows(2) {
            self.segment(pair[0], pair[1], half);
        }
    }

    fn disc(&mut self, cx: f32, cy: f32, r: f32) {
        for y in 0..self.h {
            for x in 0..self.w {
                let d = ((x as f32 + 0.5 - cx).powi(2) + (y as f32 + 0.5 - cy).powi(2)).sqrt();
                let a = &mut self.a[y * self.w + x];
                *a = a.max((r - d + 0.5).clamp(0.0, 1.0));
            }
        }
    }

    /// Paints the mask over `img` in `color`, optionally only inside `clip`.
    fn paint(&self, img: &mut RgbaImage, color: Color, clip: Option<&Mask>) {
        for (i, a) in self.a.iter().enumerate() {
            let a = a * clip.map_or(1.0, |m| m.a[i]);
            if a <= 0.0 {
                continue;
            }
            let (x, y) = ((i % self.w) as u32, (i / self.w) as u32);
            let p = img.get_pixel_mut(x, y);
            let dst_a = f32::from(p.0[3]) / 255.0;
            let out_a = a + dst_a * (1.0 - a);
            let ch = |k: usize| {
                let src = color[k] * 255.0;
                let dst = f32::from(p.0[k]);
                ((src * a + dst * dst_a * (1.0 - a)) / out_a.max(1e-6))
                    .round()
                    .clamp(0.0, 255.0) as u8
            };
            *p = Rgba([ch(0), ch(1), ch(2), (out_a * 255.0).round() as u8]);
        }
    }
}

/// Width of `text` in grid units.
fn measure(text: &str, spacing: f32) -> f32 {
    let total: f32 = text.chars().map(|ch| glyph(ch).1 + spacing).sum();
    total - spacing
}

/// Draws `text` with its top-left corner at `origin`, letters `height` px tall.
fn word(
    mask: &mut Mask,
    text: &str,
    origin: (f32, f32),
    height: f32,
    stroke: f32,
    spacing: f32,
) -> f32 {
    let unit = height / 6.0;
    let mut x = origin.0;
    for ch in text.chars() {
        let (strokes, width) = glyph(ch);
        for s in strokes {
            let pts: Vec<(f32, f32)> = s
                .iter()
                .map(|(u, v)| (x + u * unit, origin.1 + v * unit))
                .collect();
            mask.polyline(&pts, stroke * 0.5);
        }
        x += (width + spacing) * unit;
    }
    x
}

/// The logo of an edition: `name` in capitals, an optional `subtitle`, and
/// the emblem in the edition's `accent` colour. Returns PNG bytes.
pub fn render_png(
    name: &str,
    subtitle: Option<&str>,
    accent: u32,
) -> Result<Vec<u8>, image::ImageError> {
    let (w, h) = (LOGO_WIDTH as usize, LOGO_HEIGHT as usize);
    let mut img = RgbaImage::new(LOGO_WIDTH, LOGO_HEIGHT);
    let navy = rgb(0x14213d);
    let accent = rgb(accent);
    let (cx, cy, r) = (250.0, h as f32 * 0.5, 180.0);
    let mut globe = Mask::new(w, h);
    globe.disc(cx, cy, r);
    globe.paint(&mut img, navy, None);
    let mut lines = Mask::new(w, h);
    for k in 1..4 {
        let rx = r * k as f32 / 4.0;
        let pts: Vec<(f32, f32)> = (0..=90)
            .map(|i| {
                let t = i as f32 / 90.0 * std::f32::consts::TAU;
                (cx + rx * t.cos(), cy + r * t.sin())
            })
            .collect();
        lines.polyline(&pts, 3.5);
    }
    for k in [-2.0f32, -1.0, 0.0, 1.0, 2.0] {
        let y = cy + k * r * 0.36;
        let half = (r * r - (y - cy).powi(2)).max(0.0).sqrt();
        lines.segment((cx - half, y), (cx + half, y), 3.5);
    }
    lines.paint(&mut img, rgb(0xf4f6fb), Some(&globe));
    // The date line: a zigzag meridian in the accent colour.
    let mut zig = Mask::new(w, h);
    let pts = [
        (cx + 20.0, cy - r - 24.0),
        (cx + 20.0, cy - 70.0),
        (cx - 28.0, cy - 30.0),
        (cx + 34.0, cy + 40.0),
        (cx - 6.0, cy + 80.0),
        (cx - 6.0, cy + r + 24.0),
    ];
    zig.polyline(&pts, 11.0);
    zig.paint(&mut img, accent, None);
    let mut text = Mask::new(w, h);
    // As tall as fits between the emblem and the right margin.
    let fit = (w as f32 - 560.0) / measure(name, 1.6) * 6.0;
    let main_h = fit.min(if subtitle.is_some() { 170.0 } else { 200.0 });
    let stroke = main_h * 0.17;
    let top = if subtitle.is_some() {
        92.0
    } else {
        (h as f32 - main_h) * 0.5
    };
    let end = word(&mut text, name, (500.0, top), main_h, stroke, 1.6);
    text.paint(&mut img, navy, None);
    let mut sub = Mask::new(w, h);
    match subtitle {
        Some(s) => {
            word(&mut sub, s, (504.0, top + main_h + 44.0), 58.0, 11.0, 2.4);
        }
        None => sub.segment(
            (504.0, top + main_h + 48.0),
            (end - 40.0, top + main_h + 48.0),
            9.0,
        ),
    }
    sub.paint(&mut img, accent, None);
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), ImageFormat::Png)?;
    Ok(out)
}
