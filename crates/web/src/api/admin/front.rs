//! `/api/v1/admin/editions/{edition}/front`: read and replace the
//! arrangement of an edition's front page (scope `articles:publish`;
//! editors of that edition and admins). The same rules as the newsroom's
//! page (`newsroom/front/`): the version read must still be current, the
//! stories must be the edition's and pins in their own section, at most
//! 20 top stories and 4 pins per section.

use axum::extract::State;
use axum::Json;
use dateline_domain::{EditionCode, FrontLayout, SectionPins, Slug};
use dateline_store::{Edition, FrontArrangement, Section};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiJson;
use crate::api::context::ApiContext;
use crate::api::extract::{self, ApiPath};
use crate::auth::{Permission, Staff};
use crate::error::{ApiError, ErrorBody, ErrorCode};
use crate::AppState;

/// An edition's front page as editors arranged it. Places nobody
/// arranged are filled newest first; stories readers cannot see are
/// skipped on the page.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminFront {
    /// Code of the edition.
    #[schema(example = "en")]
    pub edition: String,
    /// Send it back with the next `PUT`; 0 when never arranged.
    pub version: i64,
    /// When it was last saved (Unix seconds); null when never.
    pub updated_at: Option<i64>,
    /// Article ids of the top stories in order; the first is the lead.
    pub top: Vec<i64>,
    /// Stories pinned at the head of sections' blocks, in the edition's
    /// section order; sections without pins are left out.
    pub pins: Vec<AdminFrontPins>,
}

/// Stories pinned in one section, in order.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AdminFrontPins {
    /// Slug of a section of the edition.
    #[schema(value_type = Slug, example = "world")]
    pub section: String,
    /// Article ids, each a story of that section.
    #[schema(max_items = 4)]
    pub articles: Vec<i64>,
}

/// The whole arrangement, replacing the one read at `version`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FrontInput {
    /// The `version` of the arrangement this one replaces (0 for an edition
    /// never arranged); another save since answers 409.
    #[schema(minimum = 0)]
    pub version: i64,
    /// Article ids of the top stories in order, the lead first: stories of
    /// this edition, each at most once in the whole arrangement.
    #[serde(default)]
    #[schema(max_items = 20)]
    pub top: Vec<i64>,
    /// Pinned stories per section, each section at most once.
    #[serde(default)]
    pub pins: Vec<AdminFrontPins>,
}

impl AdminFront {
    fn build(front: &FrontArrangement, edition: &Edition, sections: &[Section]) -> Self {
        Self {
            edition: edition.code.to_string(),
            version: front.version,
            updated_at: front.updated_at,
            top: front.layout.top().to_vec(),
            pins: sections
                .iter()
                .filter(|s| !front.layout.pins_of(s.id).is_empty())
                .map(|s| AdminFrontPins {
                    section: s.slug.to_string(),
                    articles: front.layout.pins_of(s.id).to_vec(),
                })
                .collect(),
        }
    }
}

/// The edition, once `staff` may arrange its front page, with its sections.
async fn arrangeable(
    state: &AppState,
    staff: &Staff,
    raw: &str,
) -> Result<(Edition, Vec<Section>), ApiError> {
    let code: EditionCode = extract::edition_code(raw)?;
    let ctx = ApiContext::load(state).await?;
    let edition = ctx.edition(&code)?.clone();
    staff.require(Permission::ArrangeFront {
        edition_id: edition.id,
    })?;
    let sections = state.store.sections(edition.id).await?;
    Ok((edition, sections))
}

/// The arrangement of an edition's front page.
#[utoipa::path(get, path = "/api/v1/admin/editions/{edition}/front", operation_id = "admin_get_front", tag = "admin",
    security(("bearer" = [])),
    params(("edition" = EditionCode, Path, description = "Edition code")),
    responses(
        (status = 200, description = "The arrangement", body = AdminFront),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "Not an editor of this edition, or the token lacks `articles:publish` (`forbidden`)", body = ErrorBody),
        (status = 404, description = "`unknown_edition`", body = ErrorBody),
    ))]
pub async fn get_one(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(edition): ApiPath<String>,
) -> Result<Json<AdminFront>, ApiError> {
    let (edition, sections) = arrangeable(&state, &staff, &edition).await?;
    let front = state.store.front_arrangement(edition.id).await?;
    Ok(Json(AdminFront::build(&front, &edition, &sections)))
}

/// Replaces the arrangement of an edition's front page; the cached page
/// is dropped on every node at once.
#[utoipa::path(put, path = "/api/v1/admin/editions/{edition}/front", operation_id = "admin_put_front", tag = "admin",
    security(("bearer" = [])),
    params(("edition" = EditionCode, Path, description = "Edition code")),
    request_body = FrontInput,
    responses(
        (status = 200, description = "The saved arrangement, with its new version", body = AdminFront),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "Not an editor of this edition, or the token lacks `articles:publish` (`forbidden`); `csrf_failed`", body = ErrorBody),
        (status = 404, description = "`unknown_edition`", body = ErrorBody),
        (status = 409, description = "`conflict`: saved by someone else since `version`", body = ErrorBody),
        (status = 422, description = "`invalid_input` naming `version` (below 0), `top` or `pins`: more than 20 top stories or 4 pins in a section, a story twice, a story that does not exist or belongs to another edition, a pin outside the story's section, a section not of this edition", body = ErrorBody),
    ))]
pub async fn replace(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(edition): ApiPath<String>,
    ApiJson(body): ApiJson<FrontInput>,
) -> Result<Json<AdminFront>, ApiError> {
    let (edition, sections) = arrangeable(&state, &staff, &edition).await?;
    if body.version < 0 {
        return Err(
            ApiError::new(ErrorCode::InvalidInput, "version: 0 or more").with_field("version")
        );
    }
    let mut pins = Vec::with_capacity(body.pins.len());
    for p in body.pins {
        let section = sections
            .iter()
            .find(|s| s.slug.as_str() == p.section)
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::InvalidInput,
                    format!("pins: {:?} is not a section of this edition", p.section),
                )
                .with_field("pins")
            })?;
        pins.push(SectionPins {
            section_id: section.id,
            article_ids: p.articles,
        });
    }
    let layout = FrontLayout::new(body.top, pins)?;
    let audit = staff.audit("front.save", "edition", Some(edition.id));
    let front = state
        .store
        .save_front(edition.id, &layout, body.version, &audit)
        .await?;
    Ok(Json(AdminFront::build(&front, &edition, &sections)))
}
