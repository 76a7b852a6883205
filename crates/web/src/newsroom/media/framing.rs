//! A picture's crop, focal point and shape crops in the newsroom: the form
//! on the asset's page (numbers in pixels of the original, so it works
//! without JavaScript and from the keyboard; `static/framing.js` lets an
//! editor draw them on the picture), and `framing.jpg`, the whole picture
//! that form is drawn on (renditions show only the crop; originals are
//! never served).

use axum::extract::{Path, State};
use axum::http::header::{CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::response::{IntoResponse, Redirect, Response};
use dateline_domain::{Crop, FocalPoint, Framing, Shape, ShapeCrops};
use dateline_media::MediaError;
use serde::Serialize;

use super::asset;
use crate::auth::Permission;
use crate::error::{ApiError, ErrorCode};
use crate::media_access::asset_to_change;
use crate::newsroom::form::FormData;
use crate::newsroom::Desk;
use crate::AppState;

/// The framing fields as the form shows them: stored values, or what was
/// typed when it was refused.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FramingFields {
    crop_left: String,
    crop_top: String,
    crop_width: String,
    crop_height: String,
    focal_x: String,
    focal_y: String,
    /// One group per [`Shape`], in its order.
    shapes: Vec<ShapeFields>,
}

/// A shape's crop fields (`{name}_left`, …); all empty: automatic.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ShapeFields {
    name: &'static str,
    /// "16:9", as printed.
    ratio: String,
    /// Width over height, for the drawing script.
    ratio_value: String,
    left: String,
    top: String,
    width: String,
    height: String,
}

impl ShapeFields {
    fn new(shape: Shape, [left, top, width, height]: [String; 4]) -> Self {
        let (rw, rh) = shape.ratio();
        Self {
            name: shape.as_str(),
            ratio: format!("{rw}:{rh}"),
            ratio_value: format!("{:.4}", f64::from(rw) / f64::from(rh)),
            left,
            top,
            width,
            height,
        }
    }

    fn numbers(&self) -> [&str; 4] {
        [&self.left, &self.top, &self.width, &self.height]
    }
}

impl Default for FramingFields {
    fn default() -> Self {
        Self {
            crop_left: String::new(),
            crop_top: String::new(),
            crop_width: String::new(),
            crop_height: String::new(),
            focal_x: String::new(),
            focal_y: String::new(),
            shapes: Shape::ALL
                .into_iter()
                .map(|shape| ShapeFields::new(shape, Default::default()))
                .collect(),
        }
    }
}

/// A whole number of pixels, or nothing for an empty field.
fn number(s: &str) -> Result<Option<u32>, &'static str> {
    match s {
        "" => Ok(None),
        s => s.parse().map(Some).map_err(|_| "framing-error-number"),
    }
}

/// Four numbers of a crop: all empty, none; in part, refused.
fn crop_of(numbers: [&str; 4]) -> Result<Option<Crop>, &'static str> {
    match numbers.map(number) {
        [Ok(None), Ok(None), Ok(None), Ok(None)] => Ok(None),
        [Ok(Some(left)), Ok(Some(top)), Ok(Some(width)), Ok(Some(height))] => Ok(Some(Crop {
            left,
            top,
            width,
            height,
        })),
        parsed => match parsed.into_iter().find_map(Result::err) {
            Some(e) => Err(e),
            None => Err("framing-error-crop-incomplete"),
        },
    }
}

impl FramingFields {
    pub fn of(framing: &Framing) -> Self {
        let text = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
        let crop = framing.crop();
        let focal = framing.focal_point();
        Self {
            crop_left: text(crop.map(|c| c.left)),
            crop_top: text(crop.map(|c| c.top)),
            crop_width: text(crop.map(|c| c.width)),
            crop_height: text(crop.map(|c| c.height)),
            focal_x: text(focal.map(|p| p.x)),
            focal_y: text(focal.map(|p| p.y)),
            shapes: Shape::ALL
                .into_iter()
                .map(|shape| {
                    let c = framing.shape_crops().get(&shape);
                    let sides = [
                        c.map(|c| c.left),
                        c.map(|c| c.top),
                        c.map(|c| c.width),
                        c.map(|c| c.height),
                    ];
                    ShapeFields::new(shape, sides.map(text))
                })
                .collect(),
        }
    }

    fn typed(form: &FormData) -> Self {
        Self {
            crop_left: form.get("crop_left").to_owned(),
            crop_top: form.get("crop_top").to_owned(),
            crop_width: form.get("crop_width").to_owned(),
            crop_height: form.get("crop_height").to_owned(),
            focal_x: form.get("focal_x").to_owned(),
            focal_y: form.get("focal_y").to_owned(),
            shapes: Shape::ALL
                .into_iter()
                .map(|shape| {
                    let name = shape.as_str();
                    let sides = ["left", "top", "width", "height"]
                        .map(|side| form.get(&format!("{name}_{side}")).to_owned());
                    ShapeFields::new(shape, sides)
                })
                .collect(),
        }
    }

    /// The framing of a `width` × `height` picture, or the message key
    /// saying why not. Empty crop fields: the whole picture; empty focal
    /// fields: the centre; empty shape fields: the shape cut from the crop;
    /// a group filled in part is refused.
    fn parse(&self, width: u32, height: u32) -> Result<Framing, &'static str> {
        let crop = crop_of([
            &self.crop_left,
            &self.crop_top,
            &self.crop_width,
            &self.crop_height,
        ])?;
        let focal_point = match [number(&self.focal_x)?, number(&self.focal_y)?] {
            [None, None] => None,
            [Some(x), Some(y)] => Some(FocalPoint { x, y }),
            _ => return Err("framing-error-focal-incomplete"),
        };
        let mut shapes = ShapeCrops::new();
        for (shape, fields) in Shape::ALL.into_iter().zip(&self.shapes) {
            if let Some(c) = crop_of(fields.numbers())? {
                shapes.insert(shape, c);
            }
        }
        let refusal = |e: dateline_domain::ParseError| match e.code {
            "crop_too_small" => "framing-error-crop-too-small",
            "crop_outside_picture" => "framing-error-crop-outside",
            "crop_wrong_shape" => "framing-error-shape-ratio",
            _ => "framing-error-focal-outside",
        };
        Framing::new(crop, focal_point, width, height)
            .and_then(|f| f.with_shape_crops(shapes, width, height))
            .map_err(refusal)
    }
}

/// `POST /newsroom/media/{id}/framing`: saves the crop and focal point
/// (`whole` clears both); a refusal shows the page again with the typed
/// numbers and why.
pub(super) async fn save(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, ApiError> {
    let found = asset_to_change(&state, &desk.staff, id, Permission::EditMedia).await?;
    let fields = if form.has("whole") {
        FramingFields::default()
    } else {
        FramingFields::typed(&form)
    };
    let framing = match fields.parse(found.width, found.height) {
        Ok(framing) => framing,
        Err(key) => {
            return asset::show(&state, &desk, id, None, Some((fields, key.to_owned()))).await
        }
    };
    let audit = desk
        .staff
        .audit("media.framing", "media", Some(id))
        .details(serde_json::json!({
            "crop": framing.crop(),
            "focal_point": framing.focal_point(),
            "shape_crops": framing.shape_crops(),
        }));
    state.media.set_framing(id, &framing, &audit).await?;
    Ok(Redirect::to(&format!(
        "{}?framed=1#framing-heading",
        crate::urls::newsroom::media_asset(id)
    ))
    .into_response())
}

/// `GET /newsroom/media/{id}/framing.jpg`: the whole picture, upright, at
/// most `PREVIEW_WIDTH` wide, for staff only.
pub(super) async fn preview(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    desk.staff.require(Permission::ReadMedia)?;
    let found = state
        .store
        .media_by_id(id)
        .await?
        .ok_or_else(|| ApiError::not_found("media asset"))?;
    let bytes = match state.media.framing_preview(&found).await {
        Ok(bytes) => bytes,
        Err(MediaError::Database(err)) => return Err(err.into()),
        Err(err @ MediaError::Busy) => {
            return Err(ApiError::new(ErrorCode::Unavailable, err.to_string()).with_retry_after(60))
        }
        Err(err) => return Err(ApiError::internal(err.to_string())),
    };
    // Like every newsroom answer, `no-store` (set by the newsroom's layer).
    Ok((
        [
            (CONTENT_TYPE, "image/jpeg"),
            (X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(values: [&str; 6]) -> FramingFields {
        let [l, t, w, h, x, y] = values.map(str::to_owned);
        FramingFields {
            crop_left: l,
            crop_top: t,
            crop_width: w,
            crop_height: h,
            focal_x: x,
            focal_y: y,
            ..FramingFields::default()
        }
    }

    #[test]
    fn the_form_names_what_is_wrong() {
        let parse = |v| typed(v).parse(1000, 500);
        assert_eq!(parse(["", "", "", "", "", ""]), Ok(Framing::default()));
        assert_eq!(
            parse(["0", "0", "", "", "", ""]),
            Err("framing-error-crop-incomplete")
        );
        assert_eq!(
            parse(["", "", "", "", "5", ""]),
            Err("framing-error-focal-incomplete")
        );
        assert_eq!(
            parse(["a", "", "", "", "", ""]),
            Err("framing-error-number")
        );
        assert_eq!(
            parse(["-1", "0", "100", "100", "", ""]),
            Err("framing-error-number")
        );
        assert_eq!(
            parse(["0", "0", "10", "100", "", ""]),
            Err("framing-error-crop-too-small")
        );
        assert_eq!(
            parse(["900", "0", "200", "100", "", ""]),
            Err("framing-error-crop-outside")
        );
        assert_eq!(
            parse(["0", "0", "500", "500", "600", "5"]),
            Err("framing-error-focal-outside")
        );
        let ok = parse(["500", "0", "500", "500", "600", "5"]).unwrap();
        assert_eq!(FramingFields::of(&ok).crop_left, "500");
    }

    #[test]
    fn a_shape_group_is_all_or_nothing_and_keeps_its_shape() {
        let with_square = |sides: [&str; 4]| {
            let mut fields = typed(["", "", "", "", "", ""]);
            fields.shapes[2] = ShapeFields::new(Shape::Square, sides.map(str::to_owned));
            fields.parse(1000, 500)
        };
        assert_eq!(
            with_square(["0", "0", "", ""]),
            Err("framing-error-crop-incomplete")
        );
        assert_eq!(
            with_square(["0", "0", "400", "300"]),
            Err("framing-error-shape-ratio")
        );
        assert_eq!(
            with_square(["800", "0", "400", "400"]),
            Err("framing-error-crop-outside")
        );
        let ok = with_square(["600", "100", "400", "400"]).unwrap();
        let fields = FramingFields::of(&ok);
        assert_eq!(fields.shapes[2].numbers(), ["600", "100", "400", "400"]);
        assert_eq!(
            (fields.shapes[0].name, fields.shapes[0].ratio.as_str()),
            ("wide", "16:9")
        );
        assert_eq!(fields.shapes[0].numbers(), ["", "", "", ""]);
    }
}
