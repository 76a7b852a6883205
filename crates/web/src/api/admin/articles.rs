//! `/api/v1/admin/articles`: the newsroom's articles for API tokens — list
//! every status, create, edit under optimistic concurrency, move through
//! the workflow, read and restore revisions. Each call is checked against
//! the token's scopes and its owner's role, and audited.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use dateline_domain::{
    ArticleStatus, BodyBlock, EditionCode, NewArticle, ParseError, Slug, CORRECTION_MAX_CHARS,
};
use dateline_store::{
    Article, ArticleUpdate, Cursor, DeskQuery, DeskRow, Save, StatusChange, StoreError,
};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{IntoParams, ToSchema};

use super::article_seo::{new_seo, seo_patch, CanonicalUrlField};
use super::responses::{AdminArticle, AdminRevision};
use super::ApiJson;
use crate::api::context::ApiContext;
use crate::api::extract::{self, ApiPath, ApiQuery, QueryCursor, QueryLimit};
use crate::auth::{ArticleRef, Permission, Scope, Staff};
use crate::error::{ApiError, ErrorBody, ErrorCode};
use crate::newsroom::{desk_editions, desk_owner};
use crate::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Edition code.
    #[param(value_type = Option<EditionCode>)]
    pub edition: Option<String>,
    pub status: Option<ArticleStatus>,
    /// Words that must all appear in the headline or lead.
    pub q: Option<String>,
    /// Page size, 1 to 100.
    #[param(value_type = Option<QueryLimit>)]
    pub limit: Option<String>,
    /// `next` of the previous page.
    #[param(value_type = Option<QueryCursor>)]
    pub after: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeskPage {
    pub items: Vec<DeskItem>,
    pub next: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeskItem {
    pub id: i64,
    pub edition_id: i64,
    pub section_id: i64,
    pub slug: String,
    pub headline: String,
    pub status: ArticleStatus,
    pub updated_at: i64,
    pub published_at: Option<i64>,
    pub scheduled_at: Option<i64>,
    pub version: i64,
}

impl From<DeskRow> for DeskItem {
    fn from(row: DeskRow) -> Self {
        Self {
            id: row.id,
            edition_id: row.edition_id,
            section_id: row.section_id,
            slug: row.slug,
            headline: row.headline,
            status: row.status,
            updated_at: row.updated_at,
            published_at: row.published_at,
            scheduled_at: row.scheduled_at,
            version: row.version,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewArticleDto {
    #[schema(value_type = EditionCode)]
    pub edition: String,
    /// Section slug in that edition.
    #[schema(value_type = Slug)]
    pub section: String,
    /// Not blank, at most 200 characters.
    #[schema(pattern = r"\S", max_length = 200)]
    pub headline: String,
    /// Made from the headline when absent (its Latin and Cyrillic letters and digits).
    #[schema(value_type = Option<Slug>)]
    pub slug: Option<String>,
    /// At most 600 characters.
    #[serde(default)]
    #[schema(max_length = 600)]
    pub lead: String,
    #[serde(default)]
    #[schema(max_items = 500)]
    pub body: Vec<BodyBlock>,
    /// A picture in the media bank.
    pub lead_media_id: Option<i64>,
    /// Authors, at most 20, each writing for the edition (see
    /// `/api/v1/admin/authors?edition=`).
    #[serde(default)]
    #[schema(max_items = 20)]
    pub author_ids: Vec<i64>,
    /// Tag names, at most 50; slugs are made from their Latin and Cyrillic letters and digits.
    #[serde(default)]
    #[schema(max_items = 50, value_type = Vec<TagName>)]
    pub tags: Vec<String>,
    /// The page's whole `<title>` (search engines show about 60
    /// characters); empty or absent: the headline and the edition's name.
    #[schema(max_length = 300)]
    pub seo_title: Option<String>,
    /// The search result's description (about 160 characters shown);
    /// empty or absent: the lead.
    #[schema(max_length = 300)]
    pub seo_description: Option<String>,
    /// The title of social cards; empty or absent: the headline.
    #[schema(max_length = 300)]
    pub social_title: Option<String>,
    /// The description of social cards; empty or absent: the search
    /// description, else the lead.
    #[schema(max_length = 300)]
    pub social_description: Option<String>,
    /// A media-bank picture for social cards (public once the story is);
    /// absent: the lead picture.
    pub social_media_id: Option<i64>,
    /// The original's address when the story is a syndicated copy: search
    /// engines are pointed there and the sitemap leaves the copy out.
    #[schema(value_type = Option<CanonicalUrlField>)]
    pub canonical_url: Option<String>,
}

/// A tag's name in the document (`TagName`): it needs a letter or digit a
/// slug can be made of (`Slug::from_title`; `ъ` and `ь` make none).
pub struct TagName;

impl utoipa::PartialSchema for TagName {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some("[A-Za-z0-9а-щыэюяА-ЩЫЭЮЯёЁ]"))
            .into()
    }
}

impl ToSchema for TagName {}

/// Fields to change, with the version they were read at; absent fields
/// stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ArticlePatch {
    pub version: i64,
    /// Section slug in the article's edition.
    #[schema(value_type = Option<Slug>)]
    pub section: Option<String>,
    #[schema(value_type = Option<Slug>)]
    pub slug: Option<String>,
    /// Not blank, at most 200 characters.
    #[schema(pattern = r"\S", max_length = 200)]
    pub headline: Option<String>,
    /// At most 600 characters.
    #[schema(max_length = 600)]
    pub lead: Option<String>,
    #[schema(max_items = 500)]
    pub body: Option<Vec<BodyBlock>>,
    /// `null` removes the lead picture.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub lead_media_id: Option<Option<i64>>,
    /// Authors, at most 20: those already on the article, or writing for
    /// its edition.
    #[schema(max_items = 20)]
    pub author_ids: Option<Vec<i64>>,
    #[schema(max_items = 50, value_type = Option<Vec<TagName>>)]
    pub tags: Option<Vec<String>>,
    /// As for a new article; `null` or empty restores the default.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 300)]
    pub seo_title: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 300)]
    pub seo_description: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 300)]
    pub social_title: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, max_length = 300)]
    pub social_description: Option<Option<String>>,
    /// `null` returns social cards to the lead picture.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub social_media_id: Option<Option<i64>>,
    /// `null` or empty: the story is its own canonical page again.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<CanonicalUrlField>)]
    pub canonical_url: Option<Option<String>>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct StatusDto {
    pub status: ArticleStatus,
    /// Unix seconds; required to schedule, in the future.
    pub scheduled_at: Option<i64>,
    /// Required to correct: the note readers see (not blank, at most 1,000 characters).
    #[schema(max_length = 1000)]
    pub correction: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RestoreDto {
    /// The article's version the restore is based on.
    pub version: i64,
}

/// A slug in the body: malformed is 422 `invalid_input` naming the field
/// (400 `invalid_query` is for the path and query).
fn body_slug(field: &'static str, raw: &str) -> Result<Slug, ApiError> {
    raw.parse()
        .map_err(|err: ParseError| ApiError::from(ParseError { field, ..err }))
}

/// A field that is there (maybe `null`) as `Some`, absent as `None`.
pub(super) fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

fn tags(names: &[String]) -> Result<Vec<(Slug, String)>, ApiError> {
    names
        .iter()
        .map(|name| {
            let name = name.trim();
            Slug::from_title(name)
                .map(|slug| (slug, name.to_owned()))
                .ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::InvalidInput,
                        format!("tag {name:?} has no letters or digits"),
                    )
                    .with_field("tags")
                })
        })
        .collect()
}

async fn article(state: &AppState, staff: &Staff, id: i64) -> Result<Article, ApiError> {
    let article = state
        .store
        .article_by_id(id)
        .await?
        .ok_or_else(|| ApiError::not_found("article"))?;
    if !staff.can(Permission::ReadArticle(ArticleRef::from(&article))) {
        return Err(ApiError::not_found("article"));
    }
    Ok(article)
}

/// Lists articles in every status that the caller may see, most recently
/// changed first.
#[utoipa::path(get, path = "/api/v1/admin/articles", operation_id = "admin_list_articles", tag = "admin",
    security(("bearer" = [])), params(ListParams),
    responses(
        (status = 200, description = "One page", body = DeskPage),
        (status = 400, description = "`invalid_query`", body = ErrorBody),
        (status = 404, description = "No such edition (`unknown_edition`)", body = ErrorBody),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (scope `articles:read`)", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Json<DeskPage>, ApiError> {
    if !staff.scopes().contains(Scope::ArticlesRead) {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "the articles:read scope is needed",
        ));
    }
    let ctx = ApiContext::load(&state).await?;
    let edition = match params.edition.as_deref() {
        Some(code) => Some(ctx.edition(&extract::edition_code(code)?)?.id),
        None => None,
    };
    let account = &staff.account;
    let visible = desk_editions(account);
    let editions = match (edition, visible) {
        (Some(id), Some(ids)) => Some(if ids.contains(&id) { vec![id] } else { vec![] }),
        (Some(id), None) => Some(vec![id]),
        (None, ids) => ids,
    };
    let after: Option<Cursor> = extract::cursor(params.after.as_deref())?;
    let page = state
        .store
        .desk_articles(&DeskQuery {
            editions,
            status: params.status,
            created_by: desk_owner(account),
            text: params.q,
            limit: extract::limit(params.limit.as_deref())?,
            after,
            ..DeskQuery::default()
        })
        .await?;
    Ok(Json(DeskPage {
        items: page.items.into_iter().map(DeskItem::from).collect(),
        next: page.next.map(Cursor::encode),
    }))
}

/// Creates a draft.
#[utoipa::path(post, path = "/api/v1/admin/articles", operation_id = "admin_create_article", tag = "admin",
    security(("bearer" = [])), request_body = NewArticleDto,
    responses(
        (status = 201, description = "The new draft", body = AdminArticle),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (scope `articles:write`, or an edition not assigned)", body = ErrorBody),
        (status = 404, description = "`unknown_edition`, `unknown_section`", body = ErrorBody),
        (status = 409, description = "The slug is taken (`duplicate`)", body = ErrorBody),
        (status = 422, description = "`invalid_input` (empty headline, bad block, a search or social text over 300 characters, a canonical address that is not an absolute http(s) URL, unknown media or author, an author who does not write for the edition), `missing_reference` (no such picture)", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(body): ApiJson<NewArticleDto>,
) -> Result<(StatusCode, Json<AdminArticle>), ApiError> {
    let ctx = ApiContext::load(&state).await?;
    let code: EditionCode = body.edition.parse().map_err(ApiError::from)?;
    let edition = ctx.edition(&code)?;
    staff.require(Permission::CreateArticle {
        edition_id: edition.id,
    })?;
    let section_slug = body_slug("section", &body.section)?;
    let section = state
        .store
        .section_by_slug(edition.id, &section_slug)
        .await?
        .ok_or_else(|| crate::api::sections::unknown_section(&section_slug))?;
    let slug = match &body.slug {
        Some(typed) => body_slug("slug", typed)?,
        None => Slug::from_title(&body.headline).ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidInput,
                "the headline has no letters or digits",
            )
            .with_field("headline")
        })?,
    };
    let seo = new_seo(&body)?;
    let new = NewArticle {
        edition_id: edition.id,
        section_id: section.id,
        slug,
        headline: body.headline,
        lead: body.lead,
        body: body.body,
        status: ArticleStatus::Draft,
        published_at: None,
        updated_at: crate::auth::now(),
        lead_media_id: body.lead_media_id,
        translation_group: None,
        seo,
        author_ids: body.author_ids,
        tags: tags(&body.tags)?,
    };
    let audit = staff.audit("article.create", "article", None);
    let article = state
        .store
        .create_article_by(&new, Some(staff.id()), Some(&audit))
        .await?;
    Ok((StatusCode::CREATED, Json(article.into())))
}

/// One article in any status, with its version for the next change.
#[utoipa::path(get, path = "/api/v1/admin/articles/{id}", operation_id = "admin_get_article", tag = "admin",
    security(("bearer" = [])), params(("id" = i64, Path)),
    responses(
        (status = 200, description = "The article", body = AdminArticle),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 404, description = "`not_found` (also when not the caller's to see)", body = ErrorBody),
    ))]
pub async fn get_one(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<AdminArticle>, ApiError> {
    Ok(Json(article(&state, &staff, id).await?.into()))
}

/// Changes fields of an article read at `version`; a stale version is
/// refused with 409 and nothing changes.
#[utoipa::path(patch, path = "/api/v1/admin/articles/{id}", operation_id = "admin_update_article", tag = "admin",
    security(("bearer" = [])), params(("id" = i64, Path)), request_body = ArticlePatch,
    responses(
        (status = 200, description = "The changed article", body = AdminArticle),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden`, `csrf_failed`", body = ErrorBody),
        (status = 404, description = "`not_found`, `unknown_section`", body = ErrorBody),
        (status = 409, description = "`conflict`: changed since `version`; `duplicate` slug", body = ErrorBody),
        (status = 422, description = "`invalid_input` (as for a new article; authors already on the article stay allowed), `missing_reference` (no such picture)", body = ErrorBody),
    ))]
pub async fn update(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ArticlePatch>,
) -> Result<Json<AdminArticle>, ApiError> {
    let current = article(&state, &staff, id).await?;
    staff.require(Permission::EditArticle(ArticleRef::from(&current)))?;
    let section_id = match &body.section {
        Some(typed) => {
            let slug = body_slug("section", typed)?;
            let section = state
                .store
                .section_by_slug(current.edition_id, &slug)
                .await?
                .ok_or_else(|| crate::api::sections::unknown_section(&slug))?;
            Some(section.id)
        }
        None => None,
    };
    let seo = seo_patch(&body)?;
    let update = ArticleUpdate {
        section_id,
        slug: body
            .slug
            .as_deref()
            .map(|s| body_slug("slug", s))
            .transpose()?,
        headline: body.headline,
        lead: body.lead,
        body: body.body,
        lead_media_id: body.lead_media_id,
        seo,
        author_ids: body.author_ids,
        tags: body.tags.as_deref().map(tags).transpose()?,
    };
    let save = Save {
        audit: Some(staff.audit("article.save", "article", Some(id))),
        ..Save::by(Some(staff.id()))
    };
    let article = state
        .store
        .save_article(id, body.version, &update, save, crate::auth::now())
        .await?;
    Ok(Json(article.into()))
}

/// Moves an article in the workflow: `in_review`, `scheduled` (with
/// `scheduled_at`), `published`, `corrected` (with `correction`),
/// `unpublished`, `draft`.
#[utoipa::path(post, path = "/api/v1/admin/articles/{id}/status", operation_id = "admin_move_article", tag = "admin",
    security(("bearer" = [])), params(("id" = i64, Path)), request_body = StatusDto,
    responses(
        (status = 200, description = "The moved article", body = AdminArticle),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "`forbidden` (publishing moves need `articles:publish`)", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`conflict`: not allowed from the current status", body = ErrorBody),
        (status = 422, description = "`invalid_input`: missing time or note, time in the past", body = ErrorBody),
    ))]
pub async fn move_status(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<StatusDto>,
) -> Result<Json<AdminArticle>, ApiError> {
    let current = article(&state, &staff, id).await?;
    staff.require(Permission::MoveArticle(
        ArticleRef::from(&current),
        body.status,
    ))?;
    // The document limits the note whatever the move, so the limit holds
    // even where the note is not used.
    if (body.correction.as_deref()).is_some_and(|note| note.chars().count() > CORRECTION_MAX_CHARS)
    {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("correction: at most {CORRECTION_MAX_CHARS} characters"),
        )
        .with_field("correction"));
    }
    let now = crate::auth::now();
    if body.status == ArticleStatus::Scheduled && body.scheduled_at.is_some_and(|at| at <= now) {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "scheduled_at must be in the future",
        )
        .with_field("scheduled_at"));
    }
    let action = format!("article.{}", body.status.as_str());
    let change = StatusChange {
        scheduled_at: body.scheduled_at,
        correction: body.correction,
        actor: Some(staff.id()),
        audit: Some(staff.audit(&action, "article", Some(id))),
        ..StatusChange::to(body.status)
    };
    let moved = state.store.change_status(id, &change, now).await;
    Ok(Json(moved.map_err(transition_conflict)?.into()))
}

/// A move the workflow does not allow from the article's current status
/// conflicts with that state (409 `conflict`), like a stale version: the
/// same request can succeed once the article is elsewhere.
fn transition_conflict(err: StoreError) -> ApiError {
    match err {
        StoreError::Invalid(parse) if parse.code == "invalid_transition" => {
            ApiError::new(ErrorCode::Conflict, format!("status: {}", parse.message))
                .with_field("status")
        }
        other => other.into(),
    }
}

/// The article's history, newest first.
#[utoipa::path(get, path = "/api/v1/admin/articles/{id}/revisions", operation_id = "admin_list_revisions", tag = "admin",
    security(("bearer" = [])), params(("id" = i64, Path)),
    responses(
        (status = 200, description = "Revisions", body = [AdminRevision]),
        (status = 404, description = "`not_found`", body = ErrorBody),
    ))]
pub async fn revisions(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<AdminRevision>>, ApiError> {
    article(&state, &staff, id).await?;
    let revisions = state.store.revisions(id).await?;
    Ok(Json(
        revisions.into_iter().map(AdminRevision::from).collect(),
    ))
}

/// Brings back a revision's text as a new save.
#[utoipa::path(post, path = "/api/v1/admin/articles/{id}/revisions/{revision}/restore", operation_id = "admin_restore_revision", tag = "admin",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("revision" = i64, Path)), request_body = RestoreDto,
    responses(
        (status = 200, description = "The article as restored", body = AdminArticle),
        (status = 403, description = "`forbidden`", body = ErrorBody),
        (status = 404, description = "`not_found`", body = ErrorBody),
        (status = 409, description = "`conflict`: changed since `version`", body = ErrorBody),
    ))]
pub async fn restore(
    State(state): State<AppState>,
    staff: Staff,
    ApiPath((id, revision)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<RestoreDto>,
) -> Result<Json<AdminArticle>, ApiError> {
    let current = article(&state, &staff, id).await?;
    staff.require(Permission::EditArticle(ArticleRef::from(&current)))?;
    let save = Save {
        audit: Some(staff.audit("article.restore", "article", Some(id))),
        ..Save::by(Some(staff.id()))
    };
    let restored = state
        .store
        .restore_revision(id, revision, body.version, save, crate::auth::now())
        .await?;
    Ok(Json(restored.into()))
}
