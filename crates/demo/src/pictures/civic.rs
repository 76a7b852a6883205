//! Civic scenes: a parliament with its colonnade and dome, and an evening
//! street of houses with lamps.

use rand::Rng;

use super::canvas::{mix, rgb, scale, Canvas};
use super::city::windows;
use super::sky::{self, Time};

/// A parliament: colonnade, pediment and dome, with flags and trees.
pub fn parliament<R: Rng>(c: &mut Canvas, rng: &mut R) {
    let time = Time::pick(rng, &[Time::Day, Time::Day, Time::Dusk, Time::Dawn]);
    let (w, h) = (c.w as f32, c.h as f32);
    let ground = h * rng.gen_range(0.76..0.82);
    let sky = sky::paint(c, rng, time, ground);
    let light = if time.is_dark() { 0.55 } else { 1.0 };
    let stone = scale(
        mix(rgb(0xe9e1cf), rgb(0xd8d2c4), rng.gen_range(0.0..1.0)),
        light,
    );
    let shade = scale(stone, 0.72);
    let plaza = scale(rgb(0xa59f92), light);
    c.rect(0.0, ground, w, h, plaza, 1.0);
    for i in 0..12 {
        let y = ground + (h - ground) * (i as f32 / 12.0).powi(2);
        c.rect(0.0, y, w, y + 1.5, scale(plaza, 0.85), 1.0);
    }
    let cx = w * rng.gen_range(0.42..0.58);
    let half = w * rng.gen_range(0.26..0.33);
    let (left, right) = (cx - half, cx + half);
    let body_top = ground - h * 0.3;
    // Wings, steps and the colonnade.
    c.rect(left, body_top, right, ground, stone, 1.0);
    windows(
        c,
        rng,
        (
            left + 10.0,
            body_top + 10.0,
            cx - half * 0.45,
            ground - 20.0,
        ),
        if time.is_dark() { 0.6 } else { 0.0 },
        (36.0, 54.0),
    );
    windows(
        c,
        rng,
        (
            cx + half * 0.45,
            body_top + 10.0,
            right - 10.0,
            ground - 20.0,
        ),
        if time.is_dark() { 0.6 } else { 0.0 },
        (36.0, 54.0),
    );
    for s in 0..4 {
        let sy = ground - (s + 1) as f32 * 9.0;
        c.rect(
            cx - half * 0.5 - s as f32 * 6.0,
            sy,
            cx + half * 0.5 + s as f32 * 6.0,
            sy + 9.0,
            mix(stone, shade, 0.3 + s as f32 * 0.1),
            1.0,
        );
    }
    let portico = (cx - half * 0.42, cx + half * 0.42);
    c.rect(
        portico.0,
        body_top + 30.0,
        portico.1,
        ground - 36.0,
        scale(shade, 0.55),
        1.0,
    );
    let columns = rng.gen_range(6..11);
    for i in 0..columns {
        let x = portico.0 + (portico.1 - portico.0) * (i as f32 + 0.5) / columns as f32;
        c.rect(
            x - 12.0,
            body_top + 30.0,
            x + 12.0,
            ground - 36.0,
            stone,
            1.0,
        );
        c.rect(
            x + 4.0,
            body_top + 30.0,
            x + 12.0,
            ground - 36.0,
            shade,
            0.7,
        );
        c.rect(
            x - 16.0,
            body_top + 24.0,
            x + 16.0,
            body_top + 34.0,
            stone,
            1.0,
        );
    }
    c.rect(
        portico.0 - 10.0,
        body_top,
        portico.1 + 10.0,
        body_top + 26.0,
        stone,
        1.0,
    );
    // Pediment.
    let ped_h = h * 0.09;
    for row in 0..(ped_h as usize) {
        let t = row as f32 / ped_h;
        let half_w = (portico.1 - portico.0) * 0.5 * t + 10.0;
        let y = body_top - ped_h + row as f32;
        c.rect(
            cx - half_w,
            y,
            cx + half_w,
            y + 1.0,
            if t > 0.15 { stone } else { shade },
            1.0,
        );
    }
    // Drum and dome.
    let drum_w = half * 0.32;
    let drum_top = body_top - ped_h - h * 0.06;
    c.rect(
        cx - drum_w,
        drum_top,
        cx + drum_w,
        body_top - ped_h * 0.3,
        mix(stone, shade, 0.2),
        1.0,
    );
    let dome_r = drum_w * 1.05;
    let dome_col = if rng.gen_bool(0.5) {
        scale(rgb(0x6f9c8c), light)
    } else {
        scale(rgb(0xb9a36a), light)
    };
    for row in 0..(dome_r as usize) {
        let dy = dome_r - row as f32;
        let half_w = (dome_r * dome_r - dy * dy).max(0.0).sqrt();
        let y = drum_top - dy;
        for x in c.span(cx - half_w, cx + half_w, c.w) {
            let u = (x as f32 - cx) / half_w.max(1.0);
            let rib = if ((u.asin() * 9.0).sin()).abs() < 0.12 {
                0.8
            } else {
                1.0
            };
            c.blend(x, y as usize, scale(dome_col, (1.05 - u * 0.35) * rib), 1.0);
        }
    }
    c.rect(
        cx - 10.0,
        drum_top - dome_r - 36.0,
        cx + 10.0,
        drum_top - dome_r + 2.0,
        stone,
        1.0,
    );
    // Flag on the dome.
    let pole_top = drum_top - dome_r - 120.0;
    c.line(
        (cx, drum_top - dome_r - 34.0),
        (cx, pole_top),
        3.0,
        rgb(0x333333),
        1.0,
    );
    let flag = [rgb(0x1f4fa0), rgb(0xf2f2f2), rgb(0xc8102e)];
    let first = rng.gen_range(0..3);
    for i in 0..90 {
        let fx = cx + i as f32;
        let wave = (i as f32 * 0.12).sin() * 5.0;
        for band in 0..3 {
            let y0 = pole_top + wave + band as f32 * 18.0;
            c.rect(
                fx,
                y0,
                fx + 1.0,
                y0 + 18.0,
                scale(flag[(first + band) % 3], light),
                1.0,
            );
        }
    }
    // Trees at the sides.
    let foliage = scale(rgb(0x2e4a2a), light * 0.9);
    for _ in 0..rng.gen_range(10..20) {
        let side = if rng.gen_bool(0.5) {
            rng.gen_range(0.0..left + 40.0)
        } else {
            rng.gen_range(right - 40.0..w)
        };
        let r = rng.gen_range(40.0..90.0);
        c.disc(
            side,
            ground - r * rng.gen_range(0.6..1.4),
            r,
            mix(foliage, sky.haze, rng.gen_range(0.0..0.25)),
            1.0,
        );
    }
    if time.is_dark() {
        c.glow(cx, ground - 40.0, 220.0, rgb(0xffd9a0), 0.25);
    }
}

/// A row of houses along an evening street with lamps.
pub fn street<R: Rng>(c: &mut Canvas, rng: &mut R) {
    let time = Time::pick(rng, &[Time::Dusk, Time::Dusk, Time::Night, Time::Day]);
    let (w, h) = (c.w as f32, c.h as f32);
    let ground = h * rng.gen_range(0.74..0.8);
    let _sky = sky::paint(c, rng, time, ground);
    let light = match time {
        Time::Day => 1.0,
        Time::Dusk => 0.55,
        _ => 0.3,
    };
    let facades = [
        0xd9a66c, 0xc9d4c5, 0xe0c9a6, 0xb7c7d9, 0xd98c6c, 0xe8dcb5, 0xa9b98f,
    ];
    let mut x = rng.gen_range(-80.0..0.0);
    while x < w {
        let hw = rng.gen_range(170.0..320.0);
        let hh = rng.gen_range(240.0..420.0);
        let top = ground - hh;
        let col = scale(rgb(facades[rng.gen_range(0..facades.len())]), light);
        c.rect(x, top, x + hw, ground, col, 1.0);
        let roof = scale(rgb(0x6b3a2e), light);
        let peak = rng.gen_range(50.0..110.0);
        for row in 0..(peak as usize) {
            let t = row as f32 / peak;
            c.rect(
                x + hw * 0.5 * (1.0 - t) - 8.0 * t,
                top - peak + row as f32,
                x + hw * 0.5 + hw * 0.5 * t + 8.0 * t,
                top - peak + row as f32 + 1.0,
                roof,
                1.0,
            );
        }
        let lit = if time == Time::Day { 0.0 } else { 0.6 };
        windows(
            c,
            rng,
            (x + 14.0, top + 20.0, x + hw - 14.0, ground - 90.0),
            lit,
            (62.0, 90.0),
        );
        let door = x + hw * rng.gen_range(0.3..0.6);
        c.rect(
            door,
            ground - 80.0,
            door + 40.0,
            ground,
            scale(rgb(0x3b2a20), light),
            1.0,
        );
        x += hw + rng.gen_range(0.0..14.0);
    }
    c.rect(
        0.0,
        ground,
        w,
        ground + 26.0,
        scale(rgb(0x8d8a86), light),
        1.0,
    );
    c.rect(0.0, ground + 26.0, w, h, scale(rgb(0x3a3b40), light), 1.0);
    let mut lx = rng.gen_range(40.0..200.0);
    while lx < w {
        c.line(
            (lx, ground + 20.0),
            (lx, ground - 230.0),
            6.0,
            rgb(0x1c1d22),
            1.0,
        );
        if time != Time::Day {
            c.glow(lx, ground - 236.0, 14.0, rgb(0xffd38a), 1.4);
            c.glow(lx, ground + 60.0, 120.0, rgb(0xffc477), 0.18);
        }
        lx += rng.gen_range(380.0..520.0);
    }
}
