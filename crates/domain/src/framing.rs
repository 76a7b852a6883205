//! How a picture is framed: the part of it every rendition is made from
//! (the crop), the point that must stay in view when a layout cuts it
//! further (the focal point), and the crop of each fixed shape layouts
//! show (cards, tiles, squares), all in pixels of the upright original.
//! A shape without a crop of its own is cut from the crop around the
//! focal point.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ParseError;

/// A crop side shorter than this is refused: nothing useful is that small.
pub const CROP_MIN_SIDE: u32 = 32;

/// A rectangle of the upright original, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Crop {
    pub left: u32,
    pub top: u32,
    #[schema(minimum = 32)]
    pub width: u32,
    #[schema(minimum = 32)]
    pub height: u32,
}

/// A point of the upright original, in pixels from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FocalPoint {
    pub x: u32,
    pub y: u32,
}

// Adding a shape is an entry here, in `Shape::ALL` and in the methods'
// tables below (plus its name in the newsroom's messages,
// `framing-shape-<name>`); the pipeline, the pages and the APIs follow.
/// A fixed shape pages cut pictures to, with renditions of its own: `wide`
/// (16:9, story cards), `standard` (4:3, media-bank tiles), `square` (1:1,
/// squares and portraits).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// 16:9, story cards.
    Wide,
    /// 4:3, media-bank tiles.
    Standard,
    /// 1:1, thumbnails and portraits.
    Square,
}

impl Shape {
    pub const ALL: [Shape; 3] = [Shape::Wide, Shape::Standard, Shape::Square];

    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Wide => "wide",
            Shape::Standard => "standard",
            Shape::Square => "square",
        }
    }

    /// Width and height of the shape, in lowest terms.
    pub fn ratio(self) -> (u32, u32) {
        match self {
            Shape::Wide => (16, 9),
            Shape::Standard => (4, 3),
            Shape::Square => (1, 1),
        }
    }

    /// Widths its renditions are made at (where its part of the picture
    /// is that wide): enough for the widest place it is shown at twice the
    /// pixels (a front page's lead card, a tile, a portrait), no more.
    pub fn widths(self) -> &'static [u32] {
        match self {
            Shape::Wide => &[320, 640, 960, 1280],
            Shape::Standard => &[320, 640, 960],
            Shape::Square => &[160, 320, 640],
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|shape| shape.as_str() == s)
    }

    /// `width` × `height` of this shape: `height` follows `width`, rounded.
    pub fn height_for(self, width: u32) -> u32 {
        let (rw, rh) = self.ratio();
        ((u64::from(width) * u64::from(rh) + u64::from(rw) / 2) / u64::from(rw)) as u32
    }
}

/// Explicit crops of shapes, by shape; a shape left out is automatic.
pub type ShapeCrops = BTreeMap<Shape, Crop>;

/// A picture's crop, focal point and shape crops; all optional (the whole
/// picture, its centre, automatic shapes). Only [`Framing::new`] and
/// [`Framing::with_shape_crops`] make one, so a framing always fits the
/// picture it was made for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Framing {
    crop: Option<Crop>,
    focal_point: Option<FocalPoint>,
    shapes: ShapeCrops,
}

impl Framing {
    /// Checks a framing against a picture of `width` × `height` pixels:
    /// the crop lies inside the picture and is at least [`CROP_MIN_SIDE`]
    /// on each side, the focal point lies inside the crop. A crop of the
    /// whole picture is no crop.
    pub fn new(
        crop: Option<Crop>,
        focal_point: Option<FocalPoint>,
        width: u32,
        height: u32,
    ) -> Result<Self, ParseError> {
        let crop = match crop {
            Some(c) => {
                let right = u64::from(c.left) + u64::from(c.width);
                let bottom = u64::from(c.top) + u64::from(c.height);
                if right > u64::from(width) || bottom > u64::from(height) {
                    return Err(ParseError::new(
                        "crop",
                        "crop_outside_picture",
                        format!("the crop must lie inside the {width}×{height} picture"),
                    ));
                }
                if c.width < CROP_MIN_SIDE || c.height < CROP_MIN_SIDE {
                    return Err(ParseError::new(
                        "crop",
                        "crop_too_small",
                        format!("a crop must be at least {CROP_MIN_SIDE} pixels on each side"),
                    ));
                }
                let whole = c.left == 0 && c.top == 0 && c.width == width && c.height == height;
                (!whole).then_some(c)
            }
            None => None,
        };
        let framing = Self {
            crop,
            focal_point,
            shapes: ShapeCrops::new(),
        };
        if let Some(p) = focal_point {
            let area = framing.area(width, height);
            if p.x < area.left
                || p.y < area.top
                || p.x >= area.left + area.width
                || p.y >= area.top + area.height
            {
                return Err(ParseError::new(
                    "focal_point",
                    "focal_point_outside_crop",
                    "the focal point must lie inside the cropped picture",
                ));
            }
        }
        Ok(framing)
    }

    /// Adds explicit shape crops, checked against a picture of `width` ×
    /// `height`: each lies inside the picture (not necessarily inside the
    /// crop), is at least [`CROP_MIN_SIDE`] on each side and has its
    /// shape's proportions within 1 % (then its height is set to the exact
    /// proportion, moved up where it would leave the picture).
    pub fn with_shape_crops(
        mut self,
        shapes: ShapeCrops,
        width: u32,
        height: u32,
    ) -> Result<Self, ParseError> {
        for (shape, c) in shapes {
            let field = shape.as_str();
            let right = u64::from(c.left) + u64::from(c.width);
            let bottom = u64::from(c.top) + u64::from(c.height);
            if right > u64::from(width) || bottom > u64::from(height) {
                return Err(ParseError::new(
                    field,
                    "crop_outside_picture",
                    format!("the crop must lie inside the {width}×{height} picture"),
                ));
            }
            if c.width < CROP_MIN_SIDE || c.height < CROP_MIN_SIDE {
                return Err(ParseError::new(
                    field,
                    "crop_too_small",
                    format!("a crop must be at least {CROP_MIN_SIDE} pixels on each side"),
                ));
            }
            let (rw, rh) = shape.ratio();
            let off =
                (u64::from(c.width) * u64::from(rh)).abs_diff(u64::from(c.height) * u64::from(rw));
            if off * 100 > u64::from(c.height) * u64::from(rw) {
                return Err(ParseError::new(
                    field,
                    "crop_wrong_shape",
                    format!("this crop must be {rw}:{rh}"),
                ));
            }
            let exact = shape.height_for(c.width).min(height);
            let top = c.top.min(height - exact);
            self.shapes.insert(
                shape,
                Crop {
                    left: c.left,
                    top,
                    width: c.width,
                    height: exact,
                },
            );
        }
        Ok(self)
    }

    /// A framing read back from storage, trusted as written.
    pub fn stored(crop: Option<Crop>, focal_point: Option<FocalPoint>, shapes: ShapeCrops) -> Self {
        Self {
            crop,
            focal_point,
            shapes,
        }
    }

    /// The shapes given a crop of their own.
    pub fn shape_crops(&self) -> &ShapeCrops {
        &self.shapes
    }

    /// The part of a `width` × `height` picture `shape`'s renditions show:
    /// its own crop, else the largest rectangle of its proportions inside
    /// the crop, centred on the focal point as far as the crop allows.
    pub fn shape_area(&self, shape: Shape, width: u32, height: u32) -> Crop {
        if let Some(c) = self.shapes.get(&shape) {
            return *c;
        }
        let area = self.area(width, height);
        let (rw, rh) = shape.ratio();
        let (w, h) =
            if u64::from(area.width) * u64::from(rh) >= u64::from(area.height) * u64::from(rw) {
                let w = (u64::from(area.height) * u64::from(rw) / u64::from(rh)) as u32;
                (w.clamp(1, area.width), area.height)
            } else {
                (
                    area.width,
                    shape.height_for(area.width).clamp(1, area.height),
                )
            };
        let centre = self.focal_point.unwrap_or(FocalPoint {
            x: area.left + area.width / 2,
            y: area.top + area.height / 2,
        });
        let place = |at: u32, side: u32, start: u32, room: u32| {
            at.saturating_sub(side / 2)
                .clamp(start, start + room - side)
        };
        Crop {
            left: place(centre.x, w, area.left, area.width),
            top: place(centre.y, h, area.top, area.height),
            width: w,
            height: h,
        }
    }

    pub fn crop(&self) -> Option<Crop> {
        self.crop
    }

    pub fn focal_point(&self) -> Option<FocalPoint> {
        self.focal_point
    }

    /// The part of a `width` × `height` picture renditions are made from.
    pub fn area(&self, width: u32, height: u32) -> Crop {
        self.crop.unwrap_or(Crop {
            left: 0,
            top: 0,
            width,
            height,
        })
    }

    /// The focal point as CSS `object-position` (percentages of the
    /// cropped picture, one decimal), or `None` for the centre.
    pub fn object_position(&self, width: u32, height: u32) -> Option<String> {
        let p = self.focal_point?;
        let area = self.area(width, height);
        // Tenths of a percent of the pixel's centre, rounded, in integers.
        let percent = |at: u32, start: u32, side: u32| {
            let side = u64::from(side.max(1));
            let centre = 2 * u64::from(at.saturating_sub(start)) + 1;
            let tenths = ((centre * 1000 + side) / (2 * side)).min(1000);
            match tenths % 10 {
                0 => format!("{}%", tenths / 10),
                d => format!("{}.{d}%", tenths / 10),
            }
        };
        Some(format!(
            "{} {}",
            percent(p.x, area.left, area.width),
            percent(p.y, area.top, area.height)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crop(left: u32, top: u32, width: u32, height: u32) -> Crop {
        Crop {
            left,
            top,
            width,
            height,
        }
    }

    #[test]
    fn a_crop_must_lie_inside_the_picture_and_not_be_tiny() {
        let e = Framing::new(Some(crop(100, 0, 1901, 100)), None, 2000, 1000).unwrap_err();
        assert_eq!((e.field, e.code), ("crop", "crop_outside_picture"));
        let e = Framing::new(Some(crop(0, 0, 31, 500)), None, 2000, 1000).unwrap_err();
        assert_eq!(e.code, "crop_too_small");
        let f = Framing::new(Some(crop(100, 0, 1900, 1000)), None, 2000, 1000).unwrap();
        assert_eq!(f.crop(), Some(crop(100, 0, 1900, 1000)));
    }

    #[test]
    fn a_crop_of_the_whole_picture_is_no_crop() {
        let f = Framing::new(Some(crop(0, 0, 2000, 1000)), None, 2000, 1000).unwrap();
        assert_eq!(f.crop(), None);
        assert_eq!(f.area(2000, 1000), crop(0, 0, 2000, 1000));
    }

    #[test]
    fn the_focal_point_must_lie_inside_the_crop() {
        let inside = FocalPoint { x: 150, y: 10 };
        let outside = FocalPoint { x: 50, y: 10 };
        let c = Some(crop(100, 0, 1000, 500));
        assert!(Framing::new(c, Some(inside), 2000, 1000).is_ok());
        let e = Framing::new(c, Some(outside), 2000, 1000).unwrap_err();
        assert_eq!(
            (e.field, e.code),
            ("focal_point", "focal_point_outside_crop")
        );
        let e = Framing::new(None, Some(FocalPoint { x: 2000, y: 0 }), 2000, 1000).unwrap_err();
        assert_eq!(e.code, "focal_point_outside_crop");
    }

    #[test]
    fn an_automatic_shape_is_the_largest_cut_of_the_crop_around_the_focal_point() {
        let c = Some(crop(100, 0, 1000, 1000));
        let right = Framing::new(c, Some(FocalPoint { x: 1090, y: 500 }), 2000, 1000).unwrap();
        // 1000 × 563 (16:9 of 1000 wide), pushed against the crop's right side.
        assert_eq!(
            right.shape_area(Shape::Wide, 2000, 1000),
            crop(100, 219, 1000, 563)
        );
        assert_eq!(
            right.shape_area(Shape::Square, 2000, 1000),
            crop(100, 0, 1000, 1000)
        );
        let wide_picture = Framing::default();
        // 4:3 of a 2000 × 1000 picture: 1333 × 1000, centred.
        assert_eq!(
            wide_picture.shape_area(Shape::Standard, 2000, 1000),
            crop(334, 0, 1333, 1000)
        );
    }

    #[test]
    fn a_shape_crop_must_have_its_shape_and_lie_inside_the_picture() {
        let shapes = |c: Crop| ShapeCrops::from([(Shape::Wide, c)]);
        let f = Framing::default()
            .with_shape_crops(shapes(crop(0, 99, 1600, 901)), 2000, 1000)
            .unwrap();
        // Made exactly 16:9.
        assert_eq!(
            f.shape_area(Shape::Wide, 2000, 1000),
            crop(0, 99, 1600, 900)
        );
        let e = Framing::default()
            .with_shape_crops(shapes(crop(0, 0, 1000, 1000)), 2000, 1000)
            .unwrap_err();
        assert_eq!((e.field, e.code), ("wide", "crop_wrong_shape"));
        let e = Framing::default()
            .with_shape_crops(shapes(crop(1000, 0, 1600, 900)), 2000, 1000)
            .unwrap_err();
        assert_eq!(e.code, "crop_outside_picture");
        assert_eq!(Shape::parse("square"), Some(Shape::Square));
        assert_eq!(Shape::parse("round"), None);
    }

    #[test]
    fn the_object_position_is_measured_in_the_cropped_picture() {
        let f = Framing::new(
            Some(crop(1000, 0, 1000, 1000)),
            Some(FocalPoint { x: 1249, y: 999 }),
            2000,
            1000,
        )
        .unwrap();
        assert_eq!(f.object_position(2000, 1000).as_deref(), Some("25% 100%"));
        assert_eq!(Framing::default().object_position(2000, 1000), None);
        let corner = Framing::new(None, Some(FocalPoint { x: 0, y: 2 }), 3, 3).unwrap();
        assert_eq!(corner.object_position(3, 3).as_deref(), Some("16.7% 83.3%"));
    }
}
