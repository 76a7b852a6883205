//! Townscapes: skylines with lit windows over water and a harbour with
//! cranes; `windows` is shared with the civic scenes.

use rand::Rng;

use super::canvas::{mix, rgb, scale, Canvas, Color};
use super::land::ridge;
use super::sky::{self, Time};

/// Window lights inside a building's rectangle.
pub(super) fn windows<R: Rng>(
    c: &mut Canvas,
    rng: &mut R,
    b: (f32, f32, f32, f32),
    lit: f64,
    cell: (f32, f32),
) {
    let (x0, y0, x1, y1) = b;
    let warm = [rgb(0xffd27a), rgb(0xfff0c0), rgb(0xffb85c), rgb(0xcfe8ff)];
    let mut y = y0 + cell.1 * 0.6;
    while y + cell.1 * 0.5 < y1 {
        let mut x = x0 + cell.0 * 0.4;
        while x + cell.0 * 0.6 < x1 {
            if rng.gen_bool(lit) {
                let col = warm[rng.gen_range(0..warm.len())];
                c.rect(
                    x,
                    y,
                    x + cell.0 * 0.5,
                    y + cell.1 * 0.5,
                    col,
                    rng.gen_range(0.55..1.0),
                );
            } else {
                c.rect(
                    x,
                    y,
                    x + cell.0 * 0.5,
                    y + cell.1 * 0.5,
                    rgb(0x10131c),
                    0.35,
                );
            }
            x += cell.0;
        }
        y += cell.1;
    }
}

/// A city skyline at dusk or night, mirrored in a river.
pub fn skyline<R: Rng>(c: &mut Canvas, rng: &mut R) {
    let time = Time::pick(rng, &[Time::Dusk, Time::Dusk, Time::Night, Time::Dawn]);
    let (w, h) = (c.w as f32, c.h as f32);
    let horizon = h * rng.gen_range(0.64..0.72);
    let sky = sky::paint(c, rng, time, horizon);
    // Far towers, pale in the haze.
    let far = mix(rgb(0x2a3050), sky.haze, 0.55);
    let mut x = -20.0;
    while x < w {
        let bw = rng.gen_range(30.0..90.0);
        let bh = rng.gen_range(60.0..240.0);
        c.rect(x, horizon - bh, x + bw, horizon, far, 1.0);
        x += bw + rng.gen_range(0.0..6.0);
    }
    let body = if time == Time::Dawn {
        rgb(0x2a2e48)
    } else {
        rgb(0x0d1122)
    };
    let lit = if time == Time::Night { 0.5 } else { 0.32 };
    let mut x = -30.0;
    while x < w {
        let bw: f32 = rng.gen_range(50.0..150.0);
        let tall = rng.gen_bool(0.18);
        let bh: f32 = if tall {
            rng.gen_range(380.0..620.0)
        } else {
            rng.gen_range(110.0..380.0)
        };
        let top = horizon - bh.min(horizon - 20.0);
        let tone = mix(body, sky.haze, rng.gen_range(0.0..0.18));
        c.rect(x, top, x + bw, horizon, tone, 1.0);
        // Light catching one edge.
        c.rect(x, top, x + 3.0, horizon, sky.light_color, 0.12);
        windows(
            c,
            rng,
            (x + 6.0, top + 8.0, x + bw - 6.0, horizon - 6.0),
            lit,
            (14.0, 20.0),
        );
        if tall && rng.gen_bool(0.6) {
            let ax = x + bw * 0.5;
            c.line(
                (ax, top),
                (ax, top - rng.gen_range(40.0..90.0)),
                3.0,
                tone,
                1.0,
            );
            c.glow(ax, top - 40.0, 6.0, rgb(0xff3b30), 1.2);
        }
        x += bw + rng.gen_range(0.0..10.0);
    }
    c.reflect(horizon as usize, rgb(0x0b1630), rng.gen());
    // An embankment of street lamps along the water.
    let mut lx = rng.gen_range(0.0..60.0);
    while lx < w {
        c.glow(lx, horizon - 4.0, 5.0, rgb(0xffcf7a), 1.4);
        lx += rng.gen_range(50.0..90.0);
    }
}

/// Port cranes and container stacks against a low sky.
pub fn harbour<R: Rng>(c: &mut Canvas, rng: &mut R) {
    let time = Time::pick(rng, &[Time::Dusk, Time::Dawn, Time::Day]);
    let (w, h) = (c.w as f32, c.h as f32);
    let horizon = h * rng.gen_range(0.66..0.74);
    let sky = sky::paint(c, rng, time, horizon);
    let shore = ridge(c.w, horizon - 10.0, h * 0.03, 300.0, rng.gen());
    let shore_tone = mix(rgb(0x39405a), sky.haze, 0.6);
    c.fill_below(&shore, |_, _| shore_tone);
    let dark = time != Time::Day;
    let crane_col = if dark { rgb(0x1a1c28) } else { rgb(0xc8412f) };
    let quay = horizon - 2.0;
    let boxes = [0xb5402f, 0x2f5fa5, 0xd98b2b, 0x3b7d4f, 0x8a8f99, 0x6c3f8f];
    let mut x = rng.gen_range(-40.0..40.0);
    while x < w {
        let stacks = rng.gen_range(1..5);
        for level in 0..stacks {
            let col: Color = rgb(boxes[rng.gen_range(0..boxes.len())]);
            let col = if dark { scale(col, 0.35) } else { col };
            let y1 = quay - level as f32 * 26.0;
            c.rect(x, y1 - 25.0, x + 62.0, y1, col, 1.0);
            for r in 0..6 {
                let rx = x + 6.0 + r as f32 * 10.0;
                c.rect(rx, y1 - 24.0, rx + 1.5, y1 - 1.0, scale(col, 0.7), 1.0);
            }
        }
        x += 64.0
            + if rng.gen_bool(0.2) {
                rng.gen_range(20.0..80.0)
            } else {
                0.0
            };
    }
    let cranes = rng.gen_range(3..6);
    for i in 0..cranes {
        let cx = w * (0.1 + 0.8 * (i as f32 + rng.gen_range(0.2..0.8)) / cranes as f32);
        let top = quay - rng.gen_range(280.0..420.0);
        let span = rng.gen_range(70.0..110.0);
        let boom = top + rng.gen_range(20.0..50.0);
        for leg in [cx - span * 0.5, cx + span * 0.5] {
            c.line((leg, quay), (leg, boom), 7.0, crane_col, 1.0);
        }
        c.line(
            (cx - span * 0.5, boom + 60.0),
            (cx + span * 0.5, boom + 60.0),
            5.0,
            crane_col,
            1.0,
        );
        c.line(
            (cx - span * 1.8, boom),
            (cx + span * 2.6, boom),
            8.0,
            crane_col,
            1.0,
        );
        c.line((cx, top), (cx - span * 1.7, boom), 2.5, crane_col, 1.0);
        c.line((cx, top), (cx + span * 2.5, boom), 2.5, crane_col, 1.0);
        c.line((cx, top), (cx, boom), 5.0, crane_col, 1.0);
        c.rect(
            cx + span * 0.2,
            boom + 4.0,
            cx + span * 0.5,
            boom + 22.0,
            crane_col,
            1.0,
        );
        if dark {
            c.glow(cx, top, 5.0, rgb(0xff4a3a), 1.0);
        }
    }
    // A ship alongside.
    let sx = rng.gen_range(0.1..0.5) * w;
    let hull = if dark { rgb(0x15161d) } else { rgb(0x26334f) };
    c.rect(sx, quay - 40.0, sx + w * 0.38, quay + 14.0, hull, 1.0);
    c.rect(
        sx + w * 0.3,
        quay - 110.0,
        sx + w * 0.36,
        quay - 40.0,
        mix(hull, rgb(0xeeeeee), 0.6),
        1.0,
    );
    c.reflect(horizon as usize, scale(sky.haze, 0.35), rng.gen());
}
