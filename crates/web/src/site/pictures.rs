//! Pictures as every public page shows them: responsive sources from the
//! renditions, credits and alt text, and the one-query map of a page's
//! pictures.

use std::collections::{BTreeMap, HashMap};

use dateline_domain::{EditionCode, ImageFormat, Shape, UnixTime, MAX_OFFERED_WIDTH};
use dateline_store::{MediaAsset, Rendition};
use serde::Serialize;

use super::errors::PageError;
use crate::urls::Urls;
use crate::AppState;

/// A media-bank picture as templates show it. `src` is the fallback `<img>`
/// (a mid-size JPEG rendition, else the original); the srcsets list every
/// rendition of one format, up to 1920 px wide. `shapes` holds the same for
/// each fixed shape that has renditions (by [`Shape::as_str`]): layouts of
/// that shape use them (the `picture` macro's `shape`), others the crop's.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Picture {
    pub id: i64,
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub webp_srcset: String,
    pub jpeg_srcset: String,
    /// Widest file offered, as printed in the reference alt text.
    pub max_width: u32,
    pub caption: String,
    pub alt_text: String,
    pub credit: String,
    pub copyright: String,
    pub source: String,
    pub is_file_photo: bool,
    pub created_at: UnixTime,
    pub mediabank_url: String,
    pub original_url: String,
    pub original_width: u32,
    pub original_height: u32,
    /// The focal point as CSS `object-position`, for layouts that cut the
    /// picture to their own shape; `None`: the centre.
    pub focus: Option<String>,
    /// A graphic (a logo, a chart: PNG or GIF) or a picture far from the
    /// usual proportions: thumbnails show it whole rather than cut.
    pub contain: bool,
    pub shapes: BTreeMap<&'static str, ShapeSources>,
}

/// A fixed shape's files, as the `picture` macro reads them.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ShapeSources {
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub webp_srcset: String,
    pub jpeg_srcset: String,
}

/// `url width` pairs of the renditions of one shape and format.
fn srcset(renditions: &[Rendition], shape: Option<Shape>, format: ImageFormat) -> String {
    let urls = Urls::relative();
    renditions
        .iter()
        .filter(|r| r.shape == shape && r.format == format && r.width <= MAX_OFFERED_WIDTH)
        .map(|r| format!("{} {}w", urls.media_file(&r.storage_key), r.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The JPEG of one shape a browser without `srcset` gets: the widest up to
/// `FALLBACK_WIDTH`, else the narrowest.
fn fallback(renditions: &[Rendition], shape: Option<Shape>) -> Option<&Rendition> {
    let jpegs = renditions
        .iter()
        .filter(|r| r.shape == shape && r.format == ImageFormat::Jpeg);
    jpegs
        .clone()
        .filter(|r| r.width <= FALLBACK_WIDTH)
        .max_by_key(|r| r.width)
        .or_else(|| jpegs.min_by_key(|r| r.width))
}

/// The rendition `src` falls back to when `srcset` is not understood.
const FALLBACK_WIDTH: u32 = 1280;

impl Picture {
    pub fn new(asset: &MediaAsset, edition: &EditionCode) -> Self {
        let urls = Urls::relative();
        let (src, width, height) = match fallback(&asset.renditions, None) {
            Some(r) => (urls.media_file(&r.storage_key), r.width, r.height),
            None => (
                urls.media_file(&asset.storage_key),
                asset.width,
                asset.height,
            ),
        };
        let area = asset.framing.area(asset.width, asset.height);
        let max_width = (asset.renditions.iter())
            .filter(|r| r.shape.is_none() && r.width <= MAX_OFFERED_WIDTH)
            .map(|r| r.width)
            .max()
            .unwrap_or(asset.width);
        let shapes = Shape::ALL
            .into_iter()
            .filter_map(|shape| {
                let r = fallback(&asset.renditions, Some(shape))?;
                Some((
                    shape.as_str(),
                    ShapeSources {
                        src: urls.media_file(&r.storage_key),
                        width: r.width,
                        height: r.height,
                        webp_srcset: srcset(&asset.renditions, Some(shape), ImageFormat::Webp),
                        jpeg_srcset: srcset(&asset.renditions, Some(shape), ImageFormat::Jpeg),
                    },
                ))
            })
            .collect();
        Self {
            id: asset.id,
            src,
            width,
            height,
            webp_srcset: srcset(&asset.renditions, None, ImageFormat::Webp),
            jpeg_srcset: srcset(&asset.renditions, None, ImageFormat::Jpeg),
            max_width,
            caption: asset.caption.clone(),
            alt_text: asset.alt_text.clone(),
            credit: asset.credit.clone(),
            copyright: asset.copyright.clone(),
            source: asset.source.clone(),
            is_file_photo: asset.is_file_photo,
            created_at: asset.created_at,
            mediabank_url: urls.media_page(edition, asset.id),
            // The picture as published at its full size (uploaded files
            // are not served: they keep every tag the camera wrote).
            original_url: (asset.renditions.iter())
                .filter(|r| r.shape.is_none() && r.format == ImageFormat::Jpeg)
                .max_by_key(|r| r.width)
                .map_or_else(
                    || Self::share_image(asset).0,
                    |r| urls.media_file(&r.storage_key),
                ),
            // What readers get of it: the crop, when there is one.
            original_width: area.width,
            original_height: area.height,
            focus: asset.framing.object_position(asset.width, asset.height),
            contain: matches!(asset.format, ImageFormat::Png | ImageFormat::Gif)
                || !(0.5..=2.5).contains(&(f64::from(area.width) / f64::from(area.height.max(1)))),
            shapes,
        }
    }

    /// What describes the picture to someone who cannot see it: its alt
    /// text, or its caption when it has none.
    pub fn alt_of(asset: &MediaAsset) -> &str {
        if asset.alt_text.is_empty() {
            &asset.caption
        } else {
            &asset.alt_text
        }
    }

    /// The largest JPEG (or the original), for social cards and JSON-LD.
    pub fn share_image(asset: &MediaAsset) -> (String, u32, u32) {
        let urls = Urls::relative();
        asset
            .renditions
            .iter()
            .filter(|r| {
                r.shape.is_none() && r.format == ImageFormat::Jpeg && r.width <= MAX_OFFERED_WIDTH
            })
            .max_by_key(|r| r.width)
            .map_or_else(
                || {
                    (
                        urls.media_file(&asset.storage_key),
                        asset.width,
                        asset.height,
                    )
                },
                |r| (urls.media_file(&r.storage_key), r.width, r.height),
            )
    }
}

/// Every picture a page shows, fetched in one query.
#[derive(Debug, Default)]
pub(crate) struct MediaMap(HashMap<i64, MediaAsset>);

impl MediaMap {
    pub async fn fetch(
        state: &AppState,
        ids: impl IntoIterator<Item = i64>,
    ) -> Result<Self, PageError> {
        let mut ids: Vec<i64> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Ok(Self::default());
        }
        let assets = state.store.media_by_ids(&ids).await?;
        Ok(Self(assets.into_iter().map(|a| (a.id, a)).collect()))
    }

    pub fn get(&self, id: i64) -> Option<&MediaAsset> {
        self.0.get(&id)
    }

    /// Every picture fetched, for the page's cache keys.
    pub fn ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.0.keys().copied()
    }

    pub fn insert(&mut self, asset: MediaAsset) {
        self.0.insert(asset.id, asset);
    }

    pub fn picture(&self, id: Option<i64>, edition: &EditionCode) -> Option<Picture> {
        id.and_then(|id| self.get(id))
            .map(|a| Picture::new(a, edition))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_store::Rendition;

    fn asset(renditions: Vec<Rendition>) -> MediaAsset {
        MediaAsset {
            id: 7,
            storage_key: "originals/ab/ab.jpg".into(),
            format: ImageFormat::Jpeg,
            width: 2400,
            height: 1350,
            byte_size: 1,
            sha256: "ab".into(),
            caption: "Flags".into(),
            alt_text: String::new(),
            credit: "© Photo".into(),
            copyright: String::new(),
            source: String::new(),
            is_file_photo: true,
            created_at: 0,
            edition_id: None,
            section_id: None,
            usage_count: 0,
            public_use_count: 0,
            is_released: false,
            is_public: false,
            framing: dateline_domain::Framing::default(),
            renditions,
        }
    }

    fn r(width: u32, format: ImageFormat) -> Rendition {
        Rendition {
            shape: None,
            width,
            height: width * 9 / 16,
            format,
            storage_key: format!("renditions/ab/ab-{width}.{}", format.extension()),
            byte_size: 1,
        }
    }

    #[test]
    fn srcsets_per_format_and_a_mid_size_fallback() {
        let widths = [320, 640, 960, 1280, 1920];
        let mut renditions: Vec<_> = widths.iter().map(|w| r(*w, ImageFormat::Jpeg)).collect();
        renditions.extend(widths.iter().map(|w| r(*w, ImageFormat::Webp)));
        let en: EditionCode = "en".parse().unwrap();
        let p = Picture::new(&asset(renditions), &en);
        assert_eq!(p.src, "/media/renditions/ab/ab-1280.jpg");
        assert!(p
            .webp_srcset
            .ends_with("/media/renditions/ab/ab-1920.webp 1920w"));
        assert!(p
            .jpeg_srcset
            .starts_with("/media/renditions/ab/ab-320.jpg 320w, "));
        assert_eq!(
            (p.max_width, p.mediabank_url.as_str()),
            (1920, "/en/mediabank/7")
        );

        assert!(
            p.shapes.is_empty(),
            "no shape files: the crop's for every layout"
        );

        let bare = Picture::new(&asset(Vec::new()), &en);
        assert_eq!(
            (bare.src.as_str(), bare.width, bare.max_width),
            ("/media/originals/ab/ab.jpg", 2400, 2400)
        );
        assert!(bare.webp_srcset.is_empty());
    }

    #[test]
    fn each_shape_gets_its_own_sources() {
        let mut renditions = vec![r(1280, ImageFormat::Jpeg)];
        for width in [320, 640] {
            for format in [ImageFormat::Jpeg, ImageFormat::Webp] {
                renditions.push(Rendition {
                    shape: Some(Shape::Square),
                    height: width,
                    storage_key: format!(
                        "renditions/ab/ab-t-square-{width}.{}",
                        format.extension()
                    ),
                    ..r(width, format)
                });
            }
        }
        let en: EditionCode = "en".parse().unwrap();
        let p = Picture::new(&asset(renditions), &en);
        assert_eq!(p.jpeg_srcset, "/media/renditions/ab/ab-1280.jpg 1280w");
        assert_eq!(p.max_width, 1280);
        let square = &p.shapes["square"];
        assert_eq!(
            (square.src.as_str(), square.width, square.height),
            ("/media/renditions/ab/ab-t-square-640.jpg", 640, 640)
        );
        assert_eq!(
            square.webp_srcset,
            "/media/renditions/ab/ab-t-square-320.webp 320w, /media/renditions/ab/ab-t-square-640.webp 640w"
        );
        assert!(!p.shapes.contains_key("wide"));
    }

    #[test]
    fn graphics_and_unusual_proportions_are_shown_whole_in_thumbnails() {
        let en: EditionCode = "en".parse().unwrap();
        let photo = asset(vec![r(1280, ImageFormat::Jpeg)]);
        assert!(!Picture::new(&photo, &en).contain, "a 16:9 photo is cut");
        let logo = MediaAsset {
            format: ImageFormat::Png,
            ..asset(vec![r(1280, ImageFormat::Jpeg)])
        };
        assert!(Picture::new(&logo, &en).contain, "a PNG graphic is whole");
        let banner = MediaAsset {
            width: 3000,
            height: 600,
            ..asset(vec![r(1280, ImageFormat::Jpeg)])
        };
        assert!(Picture::new(&banner, &en).contain, "a 5:1 banner is whole");
    }
}
