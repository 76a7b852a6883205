//! Venues: a floodlit stadium, an athletics track, a theatre stage and a
//! gallery wall.

use rand::Rng;

use super::canvas::{fbm, hash2, mix, rgb, scale, smoothstep, Canvas, Color};
use super::sky::{self, Time};

/// A football pitch under floodlights, seen from the stands.
pub fn stadium<R: Rng>(c: &mut Canvas, rng: &mut R) {
    let (w, h) = (c.w as f32, c.h as f32);
    let time = Time::pick(rng, &[Time::Night, Time::Night, Time::Dusk]);
    let roof = h * rng.gen_range(0.22..0.3);
    sky::paint(c, rng, time, roof);
    let pitch_top = h * rng.gen_range(0.5..0.56);
    // Stands full of people.
    let seed: u32 = rng.gen();
    for y in (roof as usize)..(pitch_top as usize) {
        for x in 0..c.w {
            let n = hash2(x as i32 / 3, y as i32 / 4, seed);
            let tier = ((y as f32 - roof) / 46.0).fract();
            let base = if tier < 0.08 {
                rgb(0x3a3d46)
            } else {
                rgb(0x1b1d24)
            };
            let crowd = mix(rgb(0x2a1e22), rgb(0xb9a58a), n);
            let col = if n > 0.35 {
                mix(base, crowd, 0.6)
            } else {
                base
            };
            c.blend(x, y, col, 1.0);
        }
    }
    c.rect(0.0, roof - 14.0, w, roof, rgb(0x22252e), 1.0);
    // The pitch, mown in stripes that narrow with distance.
    let green = mix(rgb(0x2f7d32), rgb(0x3f8f3a), rng.gen_range(0.0..1.0));
    let (near_half, far_half) = (w * 0.95, w * 0.42);
    let cx = w * rng.gen_range(0.45..0.55);
    for y in (pitch_top as usize)..c.h {
        let v = (y as f32 - pitch_top) / (h - pitch_top);
        let z = 1.0 / (v * 2.5 + 0.35);
        let stripe = if (z * 4.0).floor() as i64 % 2 == 0 {
            1.0
        } else {
            0.88
        };
        let half = far_half + (near_half - far_half) * v;
        for x in 0..c.w {
            let dx = x as f32 - cx;
            let inside = dx.abs() < half;
            let col = if inside {
                scale(green, stripe)
            } else {
                scale(green, 0.7)
            };
            c.blend(x, y, col, 1.0);
        }
        // Touchlines.
        for side in [-1.0, 1.0] {
            c.rect(
                cx + side * half - 2.0,
                y as f32,
                cx + side * half + 2.0,
                y as f32 + 1.0,
                rgb(0xf2f2f2),
                0.9,
            );
        }
    }
    let mid_v = rng.gen_range(0.35..0.55f32);
    let mid_y = pitch_top + mid_v * (h - pitch_top);
    let mid_half = far_half + (near_half - far_half) * mid_v;
    c.rect(
        cx - mid_half,
        mid_y - 2.0,
        cx + mid_half,
        mid_y + 2.0,
        rgb(0xf2f2f2),
        0.9,
    );
    let (rx, ry) = (w * 0.12, (h - pitch_top) * 0.12);
    for step in 0..720 {
        let a = step as f32 / 720.0 * std::f32::consts::TAU;
        c.rect(
            cx + a.cos() * rx - 1.5,
            mid_y + a.sin() * ry - 1.5,
            cx + a.cos() * rx + 1.5,
            mid_y + a.sin() * ry + 1.5,
            rgb(0xf2f2f2),
            0.5,
        );
    }
    // Floodlight masts with banks of lamps.
    let masts = rng.gen_range(2..5);
    for i in 0..masts {
        let mx = w * (i as f32 + 0.5) / masts as f32 + rng.gen_range(-60.0..60.0);
        let my = roof - rng.gen_range(60.0..160.0);
        c.line((mx, roof), (mx, my + 30.0), 6.0, rgb(0x2b2d35), 1.0);
        for r in 0..3 {
            for k in 0..6 {
                let lx = mx - 50.0 + k as f32 * 20.0;
                let ly = my + r as f32 * 14.0;
                c.disc(lx, ly, 5.0, rgb(0xffffff), 1.0);
            }
        }
        c.glow(mx, my + 14.0, 60.0, rgb(0xfff6dc), 1.0);
        c.glow(mx, my + 14.0, 320.0, rgb(0xdfe8ff), 0.22);
    }
    c.glow(
        cx,
        pitch_top + (h - pitch_top) * 0.3,
        w * 0.35,
        rgb(0xe8f0ff),
        0.1,
    );
}

/// Curving lanes of an athletics track on a bright day.
pub fn track<R: Rng>(c: &mut Canvas, rng: &mut R) {
    let (w, h) = (c.w as f32, c.h as f32);
    let horizon = h * rng.gen_range(0.3..0.38);
    let time = Time::pick(rng, &[Time::Day, Time::Day, Time::Dusk]);
    let sky = sky::paint(c, rng, time, horizon);
    let light = if time == Time::Day { 1.0 } else { 0.7 };
    // A grandstand with spectators under a pale roof.
    let seed: u32 = rng.gen();
    for y in ((horizon - 70.0) as usize)..((horizon + 20.0) as usize) {
        for x in 0..c.w {
            let n = hash2(x as i32 / 3, y as i32 / 4, seed);
            let col = if n > 0.45 {
                mix(rgb(0x3c404c), rgb(0xc9b79c), n)
            } else {
                rgb(0x4a4f5c)
            };
            c.blend(x, y, scale(col, light), 1.0);
        }
    }
    c.rect(
        0.0,
        horizon - 82.0,
        w,
        horizon - 70.0,
        scale(rgb(0xd9dde3), light),
        1.0,
    );
    let surface = scale(
        mix(rgb(0xb5452f), rgb(0x9c3b2b), rng.gen_range(0.0..1.0)),
        light,
    );
    let infield = scale(rgb(0x4f8f3f), light);
    let (cx, cy) = (w * rng.gen_range(0.3..0.7), h * rng.gen_range(1.1..1.4));
    let (a, b) = (w * 0.95, h * 0.95);
    let lanes = 8.0;
    let (r_in, r_out) = (0.62, 0.9);
    let shadow_x = w * rng.gen_range(0.1..0.9);
    for y in ((horizon + 20.0) as usize)..c.h {
        for x in 0..c.w {
            let (u, v) = ((x as f32 - cx) / a, (y as f32 - cy) / b);
            let r = (u * u + v * v).sqrt();
            let col: Color = if r < r_in {
                infield
            } else if r < r_out {
                let lane = (r - r_in) / (r_out - r_in) * lanes;
                let edge = (lane - lane.round()).abs();
                if edge < 0.025 * (1.0 + (cy - y as f32) / h) {
                    rgb(0xf4f4f4)
                } else {
                    surface
                }
            } else {
                scale(rgb(0x45763a), light)
            };
            let shaded = if (x as f32) < shadow_x - (y as f32 - horizon) * 0.6 {
                0.8
            } else {
                1.0
            };
            c.blend(x, y, scale(col, shaded), 1.0);
        }
    }
    c.glow(sky.light.0, sky.light.1, h * 0.5, sky.light_color, 0.1);
}

/// A theatre stage: velvet curtains, a wooden floor and spotlights.
pub fn stage<R: Rng>(c: &mut Canvas, rng: &mut R) {
    let (w, h) = (c.w as f32, c.h as f32);
    c.vertical_gradient(&[
        (0.0, rgb(0x050407)),
        (0.7, rgb(0x140f14)),
        (1.0, rgb(0x0b0809)),
    ]);
    let floor = h * rng.gen_range(0.68..0.76);
    let vp = (w * 0.5, h * 0.25);
    let wood = rgb(0x5a3a22);
    for y in (floor as usize)..c.h {
        for x in 0..c.w {
            let slope = (x as f32 - vp.0) / (y as f32 - vp.1);
            let plank = ((slope * 18.0).fract() - 0.5).abs();
            let grain = fbm(slope * 40.0, y as f32 * 0.02, 7, 3);
            let col = scale(
                wood,
                0.5 + grain * 0.4 - if plank > 0.47 { 0.2 } else { 0.0 },
            );
            c.blend(x, y, col, 1.0);
        }
    }
    let velvet = if rng.gen_bool(0.75) {
        rgb(0x8e1420)
    } else {
        rgb(0x1f2f6e)
    };
    let open = rng.gen_range(0.16..0.24);
    let seed: u32 = rng.gen();
    for y in 0..c.h {
        let fy = y as f32;
        for x in 0..c.w {
            let fx = x as f32;
            let top_band = fy < h * 0.14 + (fx * 0.02).sin().abs() * 26.0;
            let side = fx < w * open || fx > w * (1.0 - open);
            if !(top_band || side) {
                continue;
            }
            let folds = 0.5 + 0.5 * (fx * 0.045 + fbm(fx * 0.01, 0.0, seed, 2) * 6.0).sin();
            let k = 0.28 + 0.72 * folds * (0.55 + 0.45 * fy / h);
            c.blend(x, y, scale(velvet, k), 1.0);
        }
    }
    let spots = rng.gen_range(2..5);
    for _ in 0..spots {
        let src = (rng.gen_range(0.2..0.8) * w, -20.0);
        let dst = (
            rng.gen_range(0.3..0.7) * w,
            floor + rng.gen_range(30.0..160.0),
        );
        let warm = mix(rgb(0xfff0cc), rgb(0xcfe0ff), rng.gen_range(0.0..1.0));
        let ys = c.span(src.1, dst.1, c.h);
        for y in ys {
            let t = (y as f32 - src.1) / (dst.1 - src.1);
            let centre = src.0 + (dst.0 - src.0) * t;
            let radius = 20.0 + t * 170.0;
            for x in c.span(centre - radius * 1.3, centre + radius * 1.3, c.w) {
                let d = (x as f32 - centre).abs() / radius;
                c.add(
                    x,
                    y,
                    warm,
                    0.12 * (1.0 - smoothstep(0.6, 1.2, d)) * (0.4 + t),
                );
            }
        }
        c.glow(dst.0, dst.1, 150.0, warm, 0.5);
    }
    // A microphone stand in the brightest pool.
    let mx = w * 0.5 + rng.gen_range(-120.0..120.0);
    c.line(
        (mx, floor + 90.0),
        (mx, floor - 120.0),
        4.0,
        rgb(0x111111),
        1.0,
    );
    c.disc(mx, floor - 124.0, 8.0, rgb(0x222222), 1.0);
}

/// Framed abstract canvases on a lit gallery wall.
pub fn gallery<R: Rng>(c: &mut Canvas, rng: &mut R) {
    let (w, h) = (c.w as f32, c.h as f32);
    let wall = mix(rgb(0xeeebe5), rgb(0xe6ecef), rng.gen_range(0.0..1.0));
    c.vertical_gradient(&[
        (0.0, scale(wall, 0.78)),
        (0.4, wall),
        (0.8, scale(wall, 0.9)),
        (1.0, rgb(0x8c8378)),
    ]);
    let floor = h * rng.gen_range(0.8..0.86);
    c.rect(0.0, floor, w, h, rgb(0x9b8f80), 1.0);
    c.rect(0.0, floor, w, floor + 6.0, rgb(0xd9d4cc), 1.0);
    let palettes: [[u32; 4]; 4] = [
        [0xe63946, 0xf1c453, 0x1d3557, 0x457b9d],
        [0x2a9d8f, 0xe9c46a, 0xf4a261, 0x264653],
        [0x7b2cbf, 0xff6d00, 0x00b4d8, 0x2b2d42],
        [0x0a9396, 0xee9b00, 0xae2012, 0x001219],
    ];
    let works = rng.gen_range(1..4);
    let gap = w / works as f32;
    for i in 0..works {
        let pw = gap * rng.gen_range(0.45..0.7);
        let ph = h * rng.gen_range(0.35..0.5);
        let x0 = gap * i as f32 + (gap - pw) * 0.5;
        let y0 = h * 0.18 + rng.gen_range(0.0..40.0);
        c.glow(x0 + pw * 0.5, y0 - 30.0, pw * 0.6, rgb(0xfff4e0), 0.25);
        c.rect(
            x0 + 14.0,
            y0 + 18.0,
            x0 + pw + 14.0,
            y0 + ph + 18.0,
            rgb(0x000000),
            0.18,
        );
        c.rect(
            x0 - 10.0,
            y0 - 10.0,
            x0 + pw + 10.0,
            y0 + ph + 10.0,
            rgb(0x20201e),
            1.0,
        );
        let pal = palettes[rng.gen_range(0..palettes.len())].map(rgb);
        c.rect(x0, y0, x0 + pw, y0 + ph, rgb(0xf4efe6), 1.0);
        for _ in 0..rng.gen_range(4..9) {
            let col = pal[rng.gen_range(0..4)];
            if rng.gen_bool(0.5) {
                let r = rng.gen_range(0.08..0.3) * pw.min(ph);
                let (dx, dy) = (rng.gen_range(r..pw - r), rng.gen_range(r..ph - r));
                c.disc(x0 + dx, y0 + dy, r, col, 0.92);
            } else {
                let (a, b) = (rng.gen_range(0.0..pw * 0.8), rng.gen_range(0.0..ph * 0.8));
                let (bw, bh) = (
                    rng.gen_range(pw * 0.1..pw * 0.5),
                    rng.gen_range(ph * 0.05..ph * 0.5),
                );
                c.rect(
                    x0 + a,
                    y0 + b,
                    (x0 + a + bw).min(x0 + pw),
                    (y0 + b + bh).min(y0 + ph),
                    col,
                    0.92,
                );
            }
        }
    }
    let bx = w * rng.gen_range(0.25..0.6);
    c.rect(
        bx,
        floor - 60.0,
        bx + w * 0.22,
        floor - 44.0,
        rgb(0x3b3128),
        1.0,
    );
    for leg in [bx + 20.0, bx + w * 0.22 - 30.0] {
        c.rect(
            leg,
            floor - 44.0,
            leg + 10.0,
            floor + 10.0,
            rgb(0x2a231d),
            1.0,
        );
    }
}
