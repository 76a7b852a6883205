//! Painting the media bank: every picture and logo, encoded and probed,
//! with its renditions, in parallel on all cores.

use dateline_media::{make_renditions, probe, EncodedRendition, ProbedImage};
use rayon::prelude::*;

use crate::pictures::{logo, render_jpeg};
use crate::plan::{EditionMeta, PicturePlan};
use crate::DemoError;

/// One encoded picture, what `probe` says about it, and its renditions.
#[derive(Debug, Clone)]
pub struct RenderedPicture {
    pub original: Vec<u8>,
    pub probe: ProbedImage,
    pub renditions: Vec<EncodedRendition>,
}

fn finish(original: Vec<u8>) -> Result<RenderedPicture, DemoError> {
    Ok(RenderedPicture {
        probe: probe(&original)?,
        renditions: make_renditions(&original)?,
        original,
    })
}

/// Paints and encodes every picture (JPEG) and every edition's logo (PNG),
/// in the order given. CPU-bound: call it from a blocking thread.
pub fn render_bank(
    pictures: &[PicturePlan],
    editions: &[EditionMeta],
) -> Result<(Vec<RenderedPicture>, Vec<RenderedPicture>), DemoError> {
    let photos = pictures
        .par_iter()
        .map(|p| finish(render_jpeg(p.scene, p.seed)?))
        .collect::<Result<Vec<_>, DemoError>>()?;
    let logos = editions
        .par_iter()
        .map(|e| {
            finish(logo::render_png(
                e.logo_word,
                e.logo_subtitle,
                e.logo_accent,
            )?)
        })
        .collect::<Result<Vec<_>, DemoError>>()?;
    Ok((photos, logos))
}
