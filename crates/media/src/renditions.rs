//! Responsive renditions: every width of `RENDITION_WIDTHS` that the original
//! can fill, each as a JPEG and a lossy WebP. They are re-encoded from
//! pixels, so nothing of the original's metadata (GPS position, camera
//! serial numbers, maker notes) survives; only the rights packet of
//! [`Credits`] is written back, as XMP.

use std::io::Cursor;

use dateline_domain::{Crop, Framing, ImageFormat, Shape, MAX_OFFERED_WIDTH, RENDITION_WIDTHS};
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

use crate::embed::{webp_with_xmp, XMP_APP1_PREFIX};
use crate::probe::read_header;
use crate::resample;
use crate::{avif, xmp_packet, MediaError, MAX_PIXELS};

/// JPEG quality of renditions (0–100).
pub const JPEG_QUALITY: u8 = 80;
/// Lossy WebP quality of renditions (0–100).
pub const WEBP_QUALITY: f32 = 78.0;

/// One encoded rendition, ready for the blob store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedRendition {
    /// The fixed shape it shows (`None`: the crop, in its own proportions).
    pub shape: Option<Shape>,
    /// The part of the upright original it shows.
    pub area: Crop,
    pub width: u32,
    pub height: u32,
    pub format: ImageFormat,
    pub bytes: Vec<u8>,
}

impl EncodedRendition {
    /// A file of a whole `width` × `height` image, no shape; the caller
    /// says which part of the original it shows when that differs.
    #[inline]
    fn whole(width: u32, height: u32, format: ImageFormat, bytes: Vec<u8>) -> Self {
        Self {
            shape: None,
            area: Crop {
                left: 0,
                top: 0,
                width,
                height,
            },
            width,
            height,
            format,
            bytes,
        }
    }
}

/// What public renditions say about their rights (as XMP `photoshop:Credit`,
/// `dc:rights` and `dc:creator`). All empty: no metadata at all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credits {
    pub credit: String,
    pub copyright: String,
    pub creator: String,
}

impl Credits {
    /// Eight hex digits naming these credits in rendition keys; empty when
    /// there are none. Different credits give different tags (and so new
    /// file addresses), equal credits the same.
    pub fn tag(&self) -> String {
        use sha2::{Digest, Sha256};
        if self.credit.is_empty() && self.copyright.is_empty() && self.creator.is_empty() {
            return String::new();
        }
        let mut hasher = Sha256::new();
        for part in [&self.credit, &self.copyright, &self.creator] {
            hasher.update(part.as_bytes());
            hasher.update([0u8]);
        }
        hex::encode(&hasher.finalize()[..4])
    }
}

/// [`make_public_renditions`] without rights metadata, at the default pixel limit.
#[inline]
pub fn make_renditions(bytes: &[u8]) -> Result<Vec<EncodedRendition>, MediaError> {
    make_public_renditions(bytes, &Credits::default(), &Framing::default(), MAX_PIXELS)
}

/// Decodes `bytes` (after the same checks as [`crate::probe`], turned
/// upright by its EXIF orientation) and encodes, for each rendition width
/// not larger than the framing's crop, a JPEG and a lossy WebP resized with
/// a Lanczos-3 filter (see `resample`), and a JPEG at the crop's own width
/// when that is wider than [`MAX_OFFERED_WIDTH`]; then the same for every [`Shape`],
/// cut as [`Framing::shape_area`] says, at the shape's own widths. An area
/// narrower than the smallest width gets one pair at its own width, so that
/// every asset has something to serve. Ordered by shape (the crop's own
/// first), width, JPEG before WebP.
///
/// The pixel work is `#[inline]` on purpose: it is then compiled with the
/// calling crate's optimisation level, which keeps tests and the demo fast
/// even where this crate is built unoptimised.
///
/// `credits` go into every rendition as a small XMP packet; `max_pixels`
/// is checked on the header before anything is decoded.
#[inline]
pub fn make_public_renditions(
    bytes: &[u8],
    credits: &Credits,
    framing: &Framing,
    max_pixels: u64,
) -> Result<Vec<EncodedRendition>, MediaError> {
    let decoded = decode_upright(bytes, max_pixels)?;
    let (full_width, full_height) = (decoded.width(), decoded.height());
    let packet = xmp_packet(&credits.credit, &credits.copyright, &credits.creator);
    let xmp = packet.as_deref();
    let alpha = decoded.color().has_alpha();
    let (channels, pixels) = if alpha {
        (4, decoded.into_rgba8().into_raw())
    } else {
        (3, decoded.into_rgb8().into_raw())
    };
    let encoding = Encoding {
        channels,
        alpha,
        xmp,
    };
    let mut out = Vec::new();
    // Shapes are cut from a copy at most twice as wide as their widest
    // file (the 2× margin of `Encoding::sizes` keeps them as sharp), not
    // from every pixel of a large original; a copy that small fits beside
    // the two 8-bit ones `memory_needed` reserved.
    let widest = Shape::ALL
        .iter()
        .flat_map(|s| s.widths().iter().copied())
        .max()
        .unwrap_or(0)
        * 2;
    let smaller = (full_width > widest).then(|| {
        let h = scaled_height(full_width, full_height, widest);
        let px = resample::resize(
            &pixels,
            full_width as usize,
            full_height as usize,
            channels,
            widest as usize,
            h as usize,
        );
        (widest, h, px)
    });
    let (work_width, work_height, work) = match &smaller {
        Some((w, h, px)) => (*w, *h, px.as_slice()),
        None => (full_width, full_height, pixels.as_slice()),
    };
    // One area at a time, in the working copy's pixels.
    let scale = |v: u32, side: u32, full: u32| {
        (u64::from(v) * u64::from(side) / u64::from(full.max(1))) as u32
    };
    for shape in Shape::ALL {
        let area = framing.shape_area(shape, full_width, full_height);
        let there = Crop {
            left: scale(area.left, work_width, full_width),
            top: scale(area.top, work_height, full_height),
            width: scale(area.width, work_width, full_width).max(1),
            height: scale(area.height, work_height, full_height).max(1),
        };
        let (width, height, cut) = cut(work, work_width, work_height, channels, there);
        let widths = fitting(shape.widths(), width);
        out.extend(encoding.sizes(width, height, cut, &widths, Some(shape), area)?);
    }
    drop(smaller);
    // The crop's own files, cut after the 8-bit conversion, so that at
    // most two 8-bit copies are alive at once.
    let area = framing.area(full_width, full_height);
    let (width, height, pixels) = match framing.crop() {
        // The whole picture's copy goes as soon as the crop is cut from it:
        // the crop's full-size JPEG may need a flattened copy of its own.
        Some(c) => {
            let part = cut(&pixels, full_width, full_height, channels, c);
            drop(pixels);
            part
        }
        None => (full_width, full_height, pixels),
    };
    let mut widths = fitting(&RENDITION_WIDTHS, width);
    // The picture as published at its full size, for "Open the original"
    // (a JPEG only: pages offer nothing wider than `MAX_OFFERED_WIDTH`).
    if width > MAX_OFFERED_WIDTH {
        widths.push(width);
    }
    out.extend(encoding.sizes(width, height, pixels, &widths, None, area)?);
    out.sort_by_key(|r| (r.shape, r.width, r.format != ImageFormat::Jpeg));
    Ok(out)
}

/// How one decoded picture's renditions are encoded.
struct Encoding<'a> {
    channels: usize,
    alpha: bool,
    xmp: Option<&'a str>,
}

impl Encoding<'_> {
    /// A JPEG of `pixels` (`w` × `h`) and, at widths pages offer, a WebP.
    #[inline]
    fn encode(
        &self,
        out: &mut Vec<EncodedRendition>,
        pixels: &[u8],
        w: u32,
        h: u32,
        shape: Option<Shape>,
        area: Crop,
    ) -> Result<(), MediaError> {
        let jpeg = if self.alpha {
            encode_jpeg(&flatten_on_white(pixels), w, h, self.xmp)?
        } else {
            encode_jpeg(pixels, w, h, self.xmp)?
        };
        out.push(EncodedRendition {
            shape,
            area,
            ..jpeg
        });
        if w <= MAX_OFFERED_WIDTH {
            let webp = encode_webp(pixels, w, h, self.alpha, self.xmp)?;
            out.push(EncodedRendition {
                shape,
                area,
                ..webp
            });
        }
        Ok(())
    }

    /// A JPEG and a WebP of `pixels` (`width` × `height`) at each of
    /// `widths`, resized from the smallest version at least twice as wide
    /// (or the source): a 2× margin keeps the result as sharp as resizing
    /// from the source, for a fraction of the work.
    #[inline]
    fn sizes(
        &self,
        width: u32,
        height: u32,
        pixels: Vec<u8>,
        widths: &[u32],
        shape: Option<Shape>,
        area: Crop,
    ) -> Result<Vec<EncodedRendition>, MediaError> {
        let mut widths = widths.to_vec();
        widths.sort_unstable_by(|a, b| b.cmp(a));
        // (width, height, pixels) of every size made so far, the source first.
        let mut made: Vec<(u32, u32, Vec<u8>)> = vec![(width, height, pixels)];
        let mut out = Vec::with_capacity(widths.len() * 2);
        for w in widths {
            let h = scaled_height(width, height, w);
            if w == width {
                // The source's own size: encoded as it is, without a copy.
                self.encode(&mut out, &made[0].2, w, h, shape, area)?;
                continue;
            }
            let source = made
                .iter()
                .filter(|m| m.0 >= w * 2 || m.0 == width)
                .min_by_key(|m| m.0)
                .unwrap_or(&made[0]);
            let pixels = resample::resize(
                &source.2,
                source.0 as usize,
                source.1 as usize,
                self.channels,
                w as usize,
                h as usize,
            );
            self.encode(&mut out, &pixels, w, h, shape, area)?;
            made.push((w, h, pixels));
        }
        Ok(out)
    }
}

/// The whole picture, upright, as a JPEG at most `max_width` wide and
/// without any metadata: what the newsroom draws a crop on (renditions
/// show only the crop, and originals are never served).
#[inline]
pub(crate) fn preview_jpeg(
    bytes: &[u8],
    max_pixels: u64,
    max_width: u32,
) -> Result<EncodedRendition, MediaError> {
    let decoded = decode_upright(bytes, max_pixels)?;
    let (width, height) = (decoded.width(), decoded.height());
    let rgb = if decoded.color().has_alpha() {
        flatten_on_white(&decoded.into_rgba8().into_raw())
    } else {
        decoded.into_rgb8().into_raw()
    };
    if width <= max_width {
        return encode_jpeg(&rgb, width, height, None);
    }
    let h = scaled_height(width, height, max_width);
    let small = resample::resize(
        &rgb,
        width as usize,
        height as usize,
        3,
        max_width as usize,
        h as usize,
    );
    encode_jpeg(&small, max_width, h, None)
}

/// The picture's pixels, upright, after the header checks of [`crate::probe`].
#[inline]
pub(crate) fn decode_upright(bytes: &[u8], max_pixels: u64) -> Result<DynamicImage, MediaError> {
    let (format, _, _) = read_header(bytes, max_pixels)?;
    decode(bytes, format, max_pixels)
}

/// The first frame (GIF), upright. Pixel limits are set on the decoder
/// too, so a header that lied about its size still cannot exhaust memory.
#[inline]
fn decode(bytes: &[u8], format: ImageFormat, max_pixels: u64) -> Result<DynamicImage, MediaError> {
    if format == ImageFormat::Avif {
        return avif::decode(bytes, max_pixels);
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| MediaError::NotAnImage)?;
    let mut limits = Limits::default();
    // Room for the decoded picture in RGBA plus the decoder's own buffers.
    limits.max_alloc = Some(max_pixels * 4 + (64 << 20));
    reader.limits(limits);
    let bad = |e: image::ImageError| MediaError::Decode(e.to_string());
    let mut decoder = reader.into_decoder().map_err(bad)?;
    let orientation = decoder.orientation().map_err(bad)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(bad)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// The `crop` of a `width` × `height` picture of `channels` bytes per
/// pixel, clamped to it (at least one pixel).
#[inline]
fn cut(pixels: &[u8], width: u32, height: u32, channels: usize, crop: Crop) -> (u32, u32, Vec<u8>) {
    let left = crop.left.min(width - 1);
    let top = crop.top.min(height - 1);
    let w = crop.width.clamp(1, width - left);
    let h = crop.height.clamp(1, height - top);
    let stride = width as usize * channels;
    let mut out = Vec::with_capacity(w as usize * h as usize * channels);
    for row in pixels
        .chunks_exact(stride)
        .skip(top as usize)
        .take(h as usize)
    {
        out.extend_from_slice(&row[left as usize * channels..(left + w) as usize * channels]);
    }
    (w, h, out)
}

/// The `widths` no wider than `source`, or `source` itself when none is.
#[inline]
fn fitting(widths: &[u32], source: u32) -> Vec<u32> {
    let fitting: Vec<u32> = widths.iter().copied().filter(|w| *w <= source).collect();
    if fitting.is_empty() {
        vec![source]
    } else {
        fitting
    }
}

#[inline]
fn scaled_height(width: u32, height: u32, target: u32) -> u32 {
    let h = (u64::from(height) * u64::from(target) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(h.max(1)).unwrap_or(u32::MAX)
}

/// RGBA bytes composited over white, as RGB bytes.
#[inline]
fn flatten_on_white(rgba: &[u8]) -> Vec<u8> {
    let mut rgb = Vec::with_capacity(rgba.len() / 4 * 3);
    for p in rgba.chunks_exact(4) {
        let a = u16::from(p[3]);
        for c in &p[..3] {
            rgb.push(((u16::from(*c) * a + 255 * (255 - a) + 127) / 255) as u8);
        }
    }
    rgb
}

#[inline]
fn encode_jpeg(
    rgb: &[u8],
    width: u32,
    height: u32,
    xmp: Option<&str>,
) -> Result<EncodedRendition, MediaError> {
    let failed = |detail: String| MediaError::Encode {
        format: "JPEG",
        detail,
    };
    let (w, h) = (
        u16::try_from(width).map_err(|_| failed(format!("{width} px is too wide")))?,
        u16::try_from(height).map_err(|_| failed(format!("{height} px is too tall")))?,
    );
    let mut bytes = Vec::with_capacity(rgb.len() / 8);
    let mut encoder = jpeg_encoder::Encoder::new(&mut bytes, JPEG_QUALITY);
    if let Some(packet) = xmp {
        let segment = [XMP_APP1_PREFIX, packet.as_bytes()].concat();
        encoder
            .add_app_segment(1, &segment)
            .map_err(|e| failed(e.to_string()))?;
    }
    encoder
        .encode(rgb, w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| failed(e.to_string()))?;
    Ok(EncodedRendition::whole(
        width,
        height,
        ImageFormat::Jpeg,
        bytes,
    ))
}

#[inline]
fn encode_webp(
    raw: &[u8],
    width: u32,
    height: u32,
    alpha: bool,
    xmp: Option<&str>,
) -> Result<EncodedRendition, MediaError> {
    let failed = |detail: String| MediaError::Encode {
        format: "WebP",
        detail,
    };
    let encoder = if alpha {
        webp::Encoder::from_rgba(raw, width, height)
    } else {
        webp::Encoder::from_rgb(raw, width, height)
    };
    let mut config = webp::WebPConfig::new()
        .map_err(|()| failed("libwebp rejected its default configuration".into()))?;
    config.quality = WEBP_QUALITY;
    // Method 2 of 0–6: about 2.5 times faster than the default 4, for files
    // some 5% larger at the same quality.
    config.method = 2;
    config.alpha_compression = 1;
    let memory = encoder
        .encode_advanced(&config)
        .map_err(|e| failed(format!("{e:?}")))?;
    let bytes = match xmp {
        Some(packet) => webp_with_xmp(memory.to_vec(), packet)?,
        None => memory.to_vec(),
    };
    Ok(EncodedRendition::whole(
        width,
        height,
        ImageFormat::Webp,
        bytes,
    ))
}
