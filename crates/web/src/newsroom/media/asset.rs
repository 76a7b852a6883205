//! `/newsroom/media/{id}`: one asset — its picture, its texts to review and
//! edit (pre-filled from the file at upload), its renditions' progress,
//! whether readers may see it (released in `release.rs`) and every article
//! that uses it.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use dateline_store::{MediaTextUpdate, UploadInfo};
use serde::{Deserialize, Serialize};

use super::framing::FramingFields;
use super::list::Thumb;
use crate::auth::{MediaRef, Permission};
use crate::error::ApiError;
use crate::media_access::asset_to_change;
use crate::newsroom::Chrome;
use crate::newsroom::Desk;
use crate::visibility::public_picture;
use crate::AppState;

/// Articles listed as using the asset.
const USAGE_LIMIT: u32 = 50;

#[derive(Debug, Default, Deserialize)]
pub(super) struct Done {
    uploaded: Option<String>,
    duplicate: Option<String>,
    saved: Option<String>,
    released: Option<String>,
    withdrawn: Option<String>,
    framed: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct TextForm {
    #[serde(default)]
    caption: String,
    #[serde(default)]
    alt_text: String,
    #[serde(default)]
    credit: String,
    #[serde(default)]
    copyright: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    creator: String,
    #[serde(default)]
    keywords: String,
}

#[derive(Serialize)]
struct Usage {
    headline: String,
    url: String,
}

#[derive(Serialize)]
struct AssetView<'a> {
    #[serde(flatten)]
    chrome: &'a Chrome,
    asset: Thumb,
    alt_text: String,
    copyright: String,
    source: String,
    creator: String,
    keywords: String,
    original_name: String,
    taken_at: Option<i64>,
    format: String,
    byte_size: u64,
    renditions_state: String,
    renditions_error: String,
    rendition_count: usize,
    usage: Vec<Usage>,
    can_edit: bool,
    /// An editor released it to the public media bank.
    released: bool,
    /// Readers may see it (`crate::visibility`).
    public: bool,
    can_release: bool,
    notice: Option<&'static str>,
    /// The crop and focal point fields, as stored or as typed.
    framing: FramingFields,
    /// What readers get of the picture: the crop, or the whole.
    shown_width: u32,
    shown_height: u32,
    cropped: bool,
    framing_error: Option<String>,
    /// Each shape's smallest JPEG, by shape name: what cards and tiles show.
    shape_files: std::collections::BTreeMap<&'static str, String>,
}

pub(super) async fn page(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    Query(done): Query<Done>,
) -> Result<Response, ApiError> {
    let notice = match done {
        Done {
            uploaded: Some(_), ..
        } => Some("media-uploaded"),
        Done {
            duplicate: Some(_), ..
        } => Some("media-duplicate"),
        Done { saved: Some(_), .. } => Some("media-saved"),
        Done {
            released: Some(_), ..
        } => Some("media-released"),
        Done {
            withdrawn: Some(_), ..
        } => Some("media-withdrawn"),
        Done {
            framed: Some(_), ..
        } => Some("media-framed"),
        _ => None,
    };
    show(&state, &desk, id, notice, None).await
}

/// The asset page; `refused` is a framing the editor typed and the
/// message why it was refused (422, the typed numbers kept).
pub(super) async fn show(
    state: &AppState,
    desk: &Desk,
    id: i64,
    notice: Option<&'static str>,
    refused: Option<(FramingFields, String)>,
) -> Result<Response, ApiError> {
    desk.staff.require(Permission::ReadMedia)?;
    let (asset, info, usage) = tokio::try_join!(
        state.store.media_by_id(id),
        state.store.upload_info(id),
        state.store.media_usage(id, USAGE_LIMIT),
    )?;
    let asset = asset.ok_or_else(|| ApiError::not_found("media asset"))?;
    let info = info.unwrap_or(UploadInfo {
        media_id: id,
        creator: String::new(),
        keywords: Vec::new(),
        uploaded_by: None,
        original_name: String::new(),
        taken_at: None,
        renditions_state: dateline_store::RenditionsState::Ready,
        renditions_error: String::new(),
        renditions_attempts: 0,
    });
    let editions = state.store.editions().await?;
    let media_ref = MediaRef {
        edition_id: asset.edition_id,
        uploaded_by: info.uploaded_by,
    };
    let area = asset.framing.area(asset.width, asset.height);
    let chrome = Chrome {
        page: "media",
        ..desk.chrome.clone()
    };
    let view = AssetView {
        chrome: &chrome,
        alt_text: asset.alt_text.clone(),
        copyright: asset.copyright.clone(),
        source: asset.source.clone(),
        creator: info.creator.clone(),
        keywords: info.keywords.join(", "),
        original_name: info.original_name.clone(),
        taken_at: info.taken_at,
        format: format!("{:?}", asset.format).to_lowercase(),
        byte_size: asset.byte_size,
        renditions_state: format!("{:?}", info.renditions_state).to_lowercase(),
        renditions_error: info.renditions_error.clone(),
        rendition_count: asset.renditions.len(),
        usage: usage
            .iter()
            .map(|card| Usage {
                headline: card.headline.clone(),
                url: editions
                    .iter()
                    .find(|e| e.id == card.edition_id)
                    .map(|e| {
                        crate::urls::Urls::relative().article(
                            &e.code,
                            &card.section_slug,
                            &card.slug,
                        )
                    })
                    .unwrap_or_default(),
            })
            .collect(),
        can_edit: desk.can(Permission::EditMedia(media_ref)),
        released: asset.is_released,
        public: public_picture(asset.id, asset.is_public, &editions),
        can_release: desk.can(Permission::ReleaseMedia(media_ref)),
        notice,
        framing: refused
            .as_ref()
            .map_or_else(|| FramingFields::of(&asset.framing), |r| r.0.clone()),
        framing_error: refused.map(|r| r.1),
        shown_width: area.width,
        shown_height: area.height,
        cropped: asset.framing.crop().is_some(),
        shape_files: (asset.renditions.iter().rev())
            .filter(|r| r.format == dateline_domain::ImageFormat::Jpeg)
            .filter_map(|r| {
                let url = crate::urls::Urls::relative().media_file(&r.storage_key);
                Some((r.shape?.as_str(), url))
            })
            .collect(),
        asset: Thumb::of(&asset),
    };
    let status = if view.framing_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    desk.render(state, status, "newsroom/media_asset.html", &view)
}

pub(super) async fn save(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    Form(form): Form<TextForm>,
) -> Result<Response, ApiError> {
    asset_to_change(&state, &desk.staff, id, Permission::EditMedia).await?;
    let update = MediaTextUpdate {
        caption: Some(form.caption.trim().to_owned()),
        alt_text: Some(form.alt_text.trim().to_owned()),
        credit: Some(form.credit.trim().to_owned()),
        copyright: Some(form.copyright.trim().to_owned()),
        source: Some(form.source.trim().to_owned()),
        creator: Some(form.creator.trim().to_owned()),
        keywords: Some(
            form.keywords
                .split(',')
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(str::to_owned)
                .collect(),
        ),
    };
    let audit = desk.staff.audit("media.update", "media", Some(id));
    state.media.update_text(id, &update, &audit).await?;
    Ok(Redirect::to(&format!(
        "{}?saved=1",
        crate::urls::newsroom::media_asset(id)
    ))
    .into_response())
}
