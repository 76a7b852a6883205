//! AVIF: AV1 still pictures in an ISOBMFF (HEIF) container. The container
//! is read with `mp4parse` (the parser `image` and Firefox use), the pixels
//! decoded by libdav1d, and the YUV planes turned into RGB(A) here.
//!
//! The header dimensions (`ispe`) and colour description (`nclx`) are read
//! by a small walk of the `meta` box, because `mp4parse` exposes them only
//! as raw pointers. The largest `ispe` is taken: thumbnails are smaller and
//! an alpha plane is as large, so the pixel limit is never under-checked.

use image::{DynamicImage, RgbImage, RgbaImage};

use crate::MediaError;

/// Whether the file is an AVIF (ISOBMFF with an `avif`/`avis` brand).
pub(crate) fn is_avif(bytes: &[u8]) -> bool {
    let Some(size) = bytes.get(..4).map(|s| be32(s) as usize) else {
        return false;
    };
    if bytes.get(4..8) != Some(b"ftyp") || size < 16 || size > bytes.len() {
        return false;
    }
    // Major brand, minor version, then compatible brands.
    let brands = std::iter::once(&bytes[8..12]).chain(bytes[16..size].chunks_exact(4));
    brands.into_iter().any(|b| b == b"avif" || b == b"avis")
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

/// Child boxes of a box body: (type, body).
fn boxes(mut data: &[u8]) -> Vec<([u8; 4], &[u8])> {
    let mut out = Vec::new();
    while data.len() >= 8 {
        let size = be32(&data[..4]) as usize;
        let kind = [data[4], data[5], data[6], data[7]];
        let (header, size) = match size {
            0 => (8, data.len()),
            1 => {
                let Some(large) = data.get(8..16) else { break };
                let large = u64::from_be_bytes([
                    large[0], large[1], large[2], large[3], large[4], large[5], large[6], large[7],
                ]);
                (16, usize::try_from(large).unwrap_or(usize::MAX))
            }
            n => (8, n),
        };
        let Some(body) = data.get(header..size) else {
            break;
        };
        out.push((kind, body));
        data = &data[size..];
    }
    out
}

/// The item properties container (`meta`/`iprp`/`ipco`) of the file.
fn properties(bytes: &[u8]) -> Vec<([u8; 4], &[u8])> {
    let meta = boxes(bytes).into_iter().find(|(k, _)| k == b"meta");
    // `meta` is a full box: 4 bytes of version and flags first.
    let Some(meta) = meta.and_then(|(_, body)| body.get(4..)) else {
        return Vec::new();
    };
    let iprp = boxes(meta).into_iter().find(|(k, _)| k == b"iprp");
    let ipco = iprp.and_then(|(_, body)| boxes(body).into_iter().find(|(k, _)| k == b"ipco"));
    ipco.map(|(_, body)| boxes(body)).unwrap_or_default()
}

/// Width and height from the largest `ispe` property.
pub(crate) fn dimensions(bytes: &[u8]) -> Result<(u32, u32), MediaError> {
    properties(bytes)
        .into_iter()
        .filter(|(k, body)| k == b"ispe" && body.len() >= 12)
        .map(|(_, body)| (be32(&body[4..8]), be32(&body[8..12])))
        .max_by_key(|(w, h)| u64::from(*w) * u64::from(*h))
        .ok_or_else(|| MediaError::Decode("the AVIF file has no image size (ispe)".into()))
}

/// YUV → RGB coefficients (Kr, Kb) and whether samples use the full range.
fn colour(bytes: &[u8]) -> ((f32, f32), bool) {
    let nclx = properties(bytes).into_iter().find_map(|(k, body)| {
        (&k == b"colr" && body.get(..4) == Some(&b"nclx"[..]) && body.len() >= 11)
            .then(|| (u16::from_be_bytes([body[8], body[9]]), body[10] & 0x80 != 0))
    });
    let (matrix, full) = nclx.unwrap_or((6, true));
    let k = match matrix {
        1 => (0.2126, 0.0722),      // BT.709
        9 | 10 => (0.2627, 0.0593), // BT.2020
        _ => (0.299, 0.114),        // BT.601, what AVIF encoders default to
    };
    (k, full)
}

/// Decodes one AV1 frame with a pixel limit dav1d checks before allocating.
fn decode_av1(data: &[u8], max_pixels: u64) -> Result<dav1d::Picture, MediaError> {
    let bad = |what: &str, e: dav1d::Error| MediaError::Decode(format!("AVIF {what}: {e}"));
    let mut settings = dav1d::Settings::new();
    settings.set_frame_size_limit(u32::try_from(max_pixels).unwrap_or(u32::MAX));
    settings.set_n_threads(1);
    settings.set_max_frame_delay(1);
    let mut decoder = dav1d::Decoder::with_settings(&settings).map_err(|e| bad("decoder", e))?;
    let mut all_sent = match decoder.send_data(data.to_vec(), None, None, None) {
        Ok(()) => true,
        Err(e) if e.is_again() => false,
        Err(e) => return Err(bad("data", e)),
    };
    // Single-threaded with a frame delay of one, a still picture comes out
    // as soon as its data is in; a few more tries drain the decoder.
    for _ in 0..64 {
        match decoder.get_picture() {
            Ok(picture) => return Ok(picture),
            Err(e) if e.is_again() => {
                if !all_sent {
                    all_sent = match decoder.send_pending_data() {
                        Ok(()) => true,
                        Err(e) if e.is_again() => false,
                        Err(e) => return Err(bad("data", e)),
                    };
                }
            }
            Err(e) => return Err(bad("frame", e)),
        }
    }
    Err(MediaError::Decode(
        "AVIF: the AV1 data holds no complete picture".into(),
    ))
}

/// One sample of `plane` at (x, y), scaled to 0..=255.
fn sample(plane: &[u8], stride: usize, x: usize, y: usize, high: bool, depth: usize) -> f32 {
    if high {
        let at = y * stride + x * 2;
        let v = u16::from_le_bytes([plane[at], plane[at + 1]]);
        f32::from(v) * 255.0 / ((1u32 << depth) - 1) as f32
    } else {
        f32::from(plane[y * stride + x])
    }
}

/// The primary picture as RGB, or RGBA when the file has an alpha item.
pub(crate) fn decode(bytes: &[u8], max_pixels: u64) -> Result<DynamicImage, MediaError> {
    let context = mp4parse::read_avif(
        &mut std::io::Cursor::new(bytes),
        mp4parse::ParseStrictness::Normal,
    )
    .map_err(|e| MediaError::Decode(format!("AVIF container: {e:?}")))?;
    let coded = context
        .primary_item_coded_data()
        .ok_or_else(|| MediaError::Decode("the AVIF file has no primary image".into()))?;
    let picture = decode_av1(coded, max_pixels)?;
    let alpha = match context.alpha_item_coded_data() {
        Some(data) => Some(decode_av1(data, max_pixels)?),
        None => None,
    };
    let ((kr, kb), full) = colour(bytes);
    let (width, height) = (picture.width() as usize, picture.height() as usize);
    let depth = picture.bit_depth();
    let high = depth > 8;
    let (sx, sy) = match picture.pixel_layout() {
        dav1d::PixelLayout::I420 => (1, 1),
        dav1d::PixelLayout::I422 => (1, 0),
        dav1d::PixelLayout::I444 | dav1d::PixelLayout::I400 => (0, 0),
    };
    let mono = picture.pixel_layout() == dav1d::PixelLayout::I400;
    use dav1d::PlanarImageComponent::{U, V, Y};
    let (y_plane, y_stride) = (picture.plane(Y), picture.stride(Y) as usize);
    let (u_plane, v_plane, c_stride) = if mono {
        (None, None, 0)
    } else {
        (
            Some(picture.plane(U)),
            Some(picture.plane(V)),
            picture.stride(U) as usize,
        )
    };
    let kg = 1.0 - kr - kb;
    let mut rgb = Vec::with_capacity(width * height * 3);
    for y in 0..height {
        for x in 0..width {
            let mut luma = sample(&y_plane, y_stride, x, y, high, depth);
            let (mut cb, mut cr) = match (&u_plane, &v_plane) {
                (Some(u), Some(v)) => (
                    sample(u, c_stride, x >> sx, y >> sy, high, depth) - 128.0,
                    sample(v, c_stride, x >> sx, y >> sy, high, depth) - 128.0,
                ),
                _ => (0.0, 0.0),
            };
            if !full {
                luma = (luma - 16.0) * 255.0 / 219.0;
                cb *= 255.0 / 224.0;
                cr *= 255.0 / 224.0;
            }
            let r = luma + 2.0 * (1.0 - kr) * cr;
            let b = luma + 2.0 * (1.0 - kb) * cb;
            let g = (luma - kr * r - kb * b) / kg;
            for c in [r, g, b] {
                rgb.push((c + 0.5).clamp(0.0, 255.0) as u8);
            }
        }
    }
    let to_u32 = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    let (w, h) = (to_u32(width), to_u32(height));
    let rgb = RgbImage::from_raw(w, h, rgb)
        .ok_or_else(|| MediaError::Decode("AVIF: plane sizes do not match".into()))?;
    let Some(alpha) = alpha else {
        return Ok(DynamicImage::ImageRgb8(rgb));
    };
    if (alpha.width() as usize, alpha.height() as usize) != (width, height) {
        return Err(MediaError::Decode(
            "AVIF: the alpha plane's size differs from the picture's".into(),
        ));
    }
    let (a_plane, a_stride, a_depth) =
        (alpha.plane(Y), alpha.stride(Y) as usize, alpha.bit_depth());
    let rgba = RgbaImage::from_fn(w, h, |x, y| {
        let p = rgb.get_pixel(x, y).0;
        let a = sample(
            &a_plane,
            a_stride,
            x as usize,
            y as usize,
            a_depth > 8,
            a_depth,
        );
        image::Rgba([p[0], p[1], p[2], (a + 0.5).clamp(0.0, 255.0) as u8])
    });
    Ok(DynamicImage::ImageRgba8(rgba))
}
