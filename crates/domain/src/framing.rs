//! How a picture is framed: the part of it every rendition is made from
//! (the crop), and the point that must stay in view when a layout cuts it
//! further (the focal point), both in pixels of the upright original.

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

/// A picture's crop and focal point; both optional (the whole picture,
/// its centre). Only [`Framing::new`] makes one, so a framing always fits
/// the picture it was made for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Framing {
    crop: Option<Crop>,
    focal_point: Option<FocalPoint>,
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
        let framing = Self { crop, focal_point };
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

    /// A framing read back from storage, trusted as written.
    pub fn stored(crop: Option<Crop>, focal_point: Option<FocalPoint>) -> Self {
        Self { crop, focal_point }
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
