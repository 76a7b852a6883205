//! `/api/v1/admin/authors`: bylines. Every staff member may list them (to
//! choose a story's authors, scope `articles:read`); admins create and
//! change them (scope `users:admin`), each change audited.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use dateline_domain::{AuthorProfile, NewAuthor};
use dateline_store::{Author, AuthorUpdate};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{IntoParams, ToSchema};

use super::articles::present;
use super::ApiJson;
use crate::api::extract::{ApiPath, ApiQuery};
use crate::auth::{Permission, Staff};
use crate::error::{ApiError, ErrorBody};
use crate::AppState;

/// A byline with its profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorDto {
    pub id: i64,
    /// The author page's address: `/{edition}/author/{slug}`.
    pub slug: String,
    pub name: String,
    pub bio: String,
    /// Published articles bylined by the author.
    pub article_count: i64,
    /// A media-bank picture of the author (released to the bank when chosen).
    pub photo_media_id: Option<i64>,
    /// The author's other pages, in display order.
    pub links: Vec<String>,
    /// The staff account the byline belongs to.
    pub user_id: Option<i64>,
    /// Editions the author writes for; a story's byline comes from these.
    pub edition_ids: Vec<i64>,
}

impl AuthorDto {
    fn of(author: Author, edition_ids: Vec<i64>) -> Self {
        Self {
            id: author.id,
            slug: author.slug.to_string(),
            name: author.name,
            bio: author.bio,
            article_count: author.article_count,
            photo_media_id: author.photo_media_id,
            links: author.links,
            user_id: author.user_id,
            edition_ids,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorList {
    /// By name.
    pub items: Vec<AuthorDto>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuthorFilter {
    /// Only the authors writing for this edition (id).
    pub edition: Option<i64>,
}

/// A new byline.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewAuthorDto {
    /// Part of the author page's address; cannot change later.
    #[schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 120)]
    pub slug: String,
    /// Not blank; at most 120 characters.
    #[schema(pattern = r"\S", max_length = 120)]
    pub name: String,
    /// At most 2000 characters.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub bio: String,
    /// A picture in the media bank; choosing it releases it to the bank.
    #[serde(default)]
    pub photo_media_id: Option<i64>,
    /// At most 8 `http(s)` addresses of at most 500 characters.
    #[serde(default)]
    #[schema(max_items = 8, value_type = Vec<ProfileLink>)]
    pub links: Vec<String>,
    /// A staff account without a byline yet.
    #[serde(default)]
    pub user_id: Option<i64>,
    /// At least one edition.
    #[schema(min_items = 1)]
    pub edition_ids: Vec<i64>,
}

/// An author's link in the document (`ProfileLink`): an `http(s)` address
/// with a host, without spaces or control characters, at most 500
/// characters.
pub struct ProfileLink;

impl utoipa::PartialSchema for ProfileLink {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(
                r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/\x00-\x1f\x7f-\x9f][^\s\x00-\x1f\x7f-\x9f]*$",
            ))
            .max_length(Some(500))
            .into()
    }
}

impl ToSchema for ProfileLink {}

/// Fields to change; absent ones stay as they are, `null` clears the photo
/// or the account. The slug cannot change: it is the author page's address.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct AuthorPatch {
    /// Not blank; at most 120 characters.
    #[schema(pattern = r"\S", max_length = 120)]
    pub name: Option<String>,
    #[schema(max_length = 2000)]
    pub bio: Option<String>,
    /// `null` removes the photo.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub photo_media_id: Option<Option<i64>>,
    #[schema(max_items = 8, value_type = Option<Vec<ProfileLink>>)]
    pub links: Option<Vec<String>>,
    /// `null` unlinks the account.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub user_id: Option<Option<i64>>,
    #[schema(min_items = 1)]
    pub edition_ids: Option<Vec<i64>>,
}

async fn dto(state: &AppState, author: Author) -> Result<AuthorDto, ApiError> {
    let editions = state.store.author_editions(author.id).await?;
    Ok(AuthorDto::of(author, editions))
}

/// The bylines, by name.
#[utoipa::path(get, path = "/api/v1/admin/authors", operation_id = "admin_list_authors", tag = "admin", security(("bearer" = [])),
    params(AuthorFilter),
    responses(
        (status = 200, description = "Authors", body = AuthorList),
        (status = 400, description = "A malformed edition id (`invalid_query`)", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "The token lacks `articles:read` (`forbidden`)", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(filter): ApiQuery<AuthorFilter>,
) -> Result<Json<AuthorList>, ApiError> {
    staff.require(Permission::ReadAuthors)?;
    let authors = match filter.edition {
        Some(edition) => state.store.authors_of_edition(edition).await?,
        None => state.store.authors().await?,
    };
    let pairs = state.store.all_author_editions().await?;
    let items = authors
        .into_iter()
        .map(|author| {
            let editions = pairs
                .iter()
                .filter(|(a, _)| *a == author.id)
                .map(|(_, e)| *e)
                .collect();
            AuthorDto::of(author, editions)
        })
        .collect();
    Ok(Json(AuthorList { items }))
}

/// One byline.
#[utoipa::path(get, path = "/api/v1/admin/authors/{id}", operation_id = "admin_get_author", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Author id")),
    responses(
        (status = 200, description = "The author", body = AuthorDto),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`", body = ErrorBody),
        (status = 404, description = "No such author (`not_found`)", body = ErrorBody),
    ))]
pub async fn get_one(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<AuthorDto>, ApiError> {
    staff.require(Permission::ReadAuthors)?;
    let author = state
        .store
        .author_by_id(id)
        .await?
        .ok_or_else(|| ApiError::not_found("author"))?;
    Ok(Json(dto(&state, author).await?))
}

/// Creates a byline.
#[utoipa::path(post, path = "/api/v1/admin/authors", operation_id = "admin_create_author", tag = "admin", security(("bearer" = [])),
    request_body = NewAuthorDto,
    responses(
        (status = 201, description = "Created", body = AuthorDto),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "Not an admin, or the token lacks `users:admin` (`forbidden`); `csrf_failed`", body = ErrorBody),
        (status = 409, description = "The slug is taken, or the account already has a byline (`duplicate`)", body = ErrorBody),
        (status = 422, description = "Bad name, biography or link; unknown photo, account or edition (`invalid_input`, `missing_reference`)", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(body): ApiJson<NewAuthorDto>,
) -> Result<(StatusCode, Json<AuthorDto>), ApiError> {
    staff.require(Permission::ManageAuthors)?;
    let new = NewAuthor {
        slug: body.slug.parse().map_err(ApiError::from)?,
        name: body.name,
        bio: body.bio,
        profile: AuthorProfile {
            photo_media_id: body.photo_media_id,
            links: body.links,
            user_id: body.user_id,
            edition_ids: body.edition_ids,
        },
    };
    let audit = staff.audit("author.create", "author", None);
    let author = state.store.create_author_audited(&new, &audit).await?;
    Ok((StatusCode::CREATED, Json(dto(&state, author).await?)))
}

/// Changes a byline; every page that shows it is refreshed.
#[utoipa::path(patch, path = "/api/v1/admin/authors/{id}", operation_id = "admin_update_author", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Author id")),
    request_body = AuthorPatch,
    responses(
        (status = 200, description = "The changed author", body = AuthorDto),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`, `csrf_failed`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "The account already has a byline (`duplicate`)", body = ErrorBody),
        (status = 422, description = "`invalid_input`, `missing_reference`", body = ErrorBody),
    ))]
pub async fn update(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<AuthorPatch>,
) -> Result<Json<AuthorDto>, ApiError> {
    staff.require(Permission::ManageAuthors)?;
    let current = state
        .store
        .author_by_id(id)
        .await?
        .ok_or_else(|| ApiError::not_found("author"))?;
    let edition_ids = match body.edition_ids {
        Some(ids) => ids,
        None => state.store.author_editions(id).await?,
    };
    let update = AuthorUpdate {
        name: body.name.unwrap_or(current.name),
        bio: body.bio.unwrap_or(current.bio),
        profile: AuthorProfile {
            photo_media_id: body.photo_media_id.unwrap_or(current.photo_media_id),
            links: body.links.unwrap_or(current.links),
            user_id: body.user_id.unwrap_or(current.user_id),
            edition_ids,
        },
    };
    let audit = staff.audit("author.update", "author", Some(id));
    let author = state.store.update_author(id, &update, &audit).await?;
    Ok(Json(dto(&state, author).await?))
}
