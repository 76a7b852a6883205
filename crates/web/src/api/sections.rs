//! `GET /api/v1/editions/{edition}/sections` and `…/sections/{section}`.

use axum::extract::State;
use axum::Json;
use dateline_domain::{EditionCode, Slug};
use dateline_store as store;
use serde::Serialize;
use utoipa::ToSchema;

use super::context::ApiContext;
use super::extract::{self, ApiPath};
use crate::error::{ApiError, ErrorBody, ErrorCode};
use crate::AppState;

/// A section of an edition ("World", "Sport").
#[derive(Debug, Serialize, ToSchema)]
pub struct Section {
    #[schema(example = "world")]
    pub slug: String,
    /// Code of the edition the section belongs to.
    #[schema(example = "en")]
    pub edition: String,
    pub title: String,
    pub description: String,
    /// Published articles in the section.
    pub article_count: i64,
    /// The section's page.
    pub url: String,
}

impl Section {
    pub fn build(section: &store::Section, edition: &EditionCode, ctx: &ApiContext) -> Self {
        Self {
            slug: section.slug.to_string(),
            edition: edition.to_string(),
            title: section.title.clone(),
            description: section.description.clone(),
            article_count: section.article_count,
            url: ctx.urls().section(edition, &section.slug),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SectionList {
    /// In display order.
    pub items: Vec<Section>,
}

/// An edition's sections, in display order.
#[utoipa::path(get, path = "/v1/editions/{edition}/sections", tag = "sections",
    params(("edition" = EditionCode, Path, description = "Edition code")),
    responses(
        (status = 200, description = "The sections", body = SectionList),
        (status = 400, description = "Malformed edition code (`invalid_query`)", body = ErrorBody),
        (status = 404, description = "No such edition (`unknown_edition`)", body = ErrorBody),
    ))]
pub async fn list_sections(
    State(state): State<AppState>,
    ApiPath(edition): ApiPath<String>,
) -> Result<Json<SectionList>, ApiError> {
    let code = extract::edition_code(&edition)?;
    let ctx = ApiContext::load(&state).await?;
    let edition = ctx.edition(&code)?;
    let sections = state.store.sections(edition.id).await?;
    let items = sections
        .iter()
        .map(|s| Section::build(s, &code, &ctx))
        .collect();
    Ok(Json(SectionList { items }))
}

/// One section by its slug.
#[utoipa::path(get, path = "/v1/editions/{edition}/sections/{section}", tag = "sections",
    params(
        ("edition" = EditionCode, Path, description = "Edition code"),
        ("section" = Slug, Path, description = "Section slug"),
    ),
    responses(
        (status = 200, description = "The section", body = Section),
        (status = 400, description = "Malformed edition code or slug (`invalid_query`)", body = ErrorBody),
        (status = 404, description = "No such edition or section (`unknown_edition`, `unknown_section`)", body = ErrorBody),
    ))]
pub async fn get_section(
    State(state): State<AppState>,
    ApiPath((edition, section)): ApiPath<(String, String)>,
) -> Result<Json<Section>, ApiError> {
    let code = extract::edition_code(&edition)?;
    let slug = extract::slug("section", &section)?;
    let ctx = ApiContext::load(&state).await?;
    let edition = ctx.edition(&code)?;
    let section = state
        .store
        .section_by_slug(edition.id, &slug)
        .await?
        .ok_or_else(|| unknown_section(&slug))?;
    Ok(Json(Section::build(&section, &code, &ctx)))
}

pub fn unknown_section(slug: &Slug) -> ApiError {
    ApiError::new(
        ErrorCode::UnknownSection,
        format!("there is no section \"{slug}\" in this edition"),
    )
}
