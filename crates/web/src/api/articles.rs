//! `GET /api/v1/editions/{edition}/articles`: public articles as cards,
//! newest first, optionally by section, tag or author, keyset-paginated.

use std::collections::HashMap;

use axum::extract::State;
use axum::Json;
use dateline_domain::{EditionCode, Slug};
use dateline_store::{self as store, ArticleFilter, ArticleQuery, Cursor, Store};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::context::ApiContext;
use super::extract::{self, ApiPath, ApiQuery, QueryCursor, QueryLimit, QuerySlug};
use super::media::Media;
use super::sections::unknown_section;
use super::timestamps::rfc3339;
use crate::error::{ApiError, ErrorBody, ErrorCode};
use crate::AppState;

/// The section an article is filed under.
#[derive(Debug, Serialize, ToSchema)]
pub struct SectionRef {
    #[schema(example = "world")]
    pub slug: String,
    pub title: String,
    pub url: String,
}

/// What a listing shows of an article.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleCard {
    pub id: i64,
    /// Code of the article's edition.
    pub edition: String,
    pub section: SectionRef,
    pub slug: String,
    pub headline: String,
    pub lead: String,
    #[schema(format = DateTime)]
    pub published_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
    pub comment_count: i64,
    /// The article's canonical page.
    pub url: String,
    /// The lead picture.
    pub media: Option<Media>,
}

impl ArticleCard {
    pub(crate) fn build(
        card: &store::ArticleCard,
        edition: &EditionCode,
        media: &HashMap<i64, store::MediaAsset>,
        ctx: &ApiContext,
    ) -> Self {
        let urls = ctx.urls();
        Self {
            id: card.id,
            edition: edition.to_string(),
            section: SectionRef {
                slug: card.section_slug.to_string(),
                title: card.section_title.clone(),
                url: urls.section(edition, &card.section_slug),
            },
            slug: card.slug.to_string(),
            headline: card.headline.clone(),
            lead: card.lead.clone(),
            published_at: rfc3339(card.published_at),
            updated_at: rfc3339(card.updated_at),
            comment_count: card.comment_count,
            url: urls.article(edition, &card.section_slug, &card.slug),
            media: card
                .lead_media
                .as_ref()
                .and_then(|m| media.get(&m.id))
                .map(|asset| Media::build(asset, ctx)),
        }
    }
}

/// Listing filters; at most one of `section`, `tag` and `author`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ArticleListParams {
    /// Only articles in this section (slug); at most one of `section`, `tag` and `author`.
    #[param(value_type = Option<QuerySlug>)]
    section: Option<String>,
    /// Only articles carrying this tag (slug); at most one of `section`, `tag` and `author`.
    #[param(value_type = Option<QuerySlug>)]
    tag: Option<String>,
    /// Only articles bylined by this author (slug); at most one of `section`, `tag` and `author`.
    #[param(value_type = Option<QuerySlug>)]
    author: Option<String>,
    /// Page size, 1 to 100.
    #[param(value_type = Option<QueryLimit>)]
    limit: Option<String>,
    /// `next_cursor` from the previous page.
    #[param(value_type = Option<QueryCursor>)]
    cursor: Option<String>,
}

/// One page of article cards.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticlePage {
    /// Newest first.
    pub items: Vec<ArticleCard>,
    /// Pass as `cursor` to get the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// Public articles of an edition, newest first.
#[utoipa::path(get, path = "/v1/editions/{edition}/articles", tag = "articles",
    params(("edition" = EditionCode, Path, description = "Edition code"), ArticleListParams),
    responses(
        (status = 200, description = "One page of article cards", body = ArticlePage),
        (status = 400, description = "Bad parameter (`invalid_query`, `invalid_limit`, `invalid_cursor`)", body = ErrorBody),
        (status = 404, description = "Unknown edition or filter (`unknown_edition`, `unknown_section`, `unknown_tag`, `unknown_author`)", body = ErrorBody),
    ))]
pub async fn list_articles(
    State(state): State<AppState>,
    ApiPath(edition): ApiPath<String>,
    ApiQuery(params): ApiQuery<ArticleListParams>,
) -> Result<Json<ArticlePage>, ApiError> {
    let code = extract::edition_code(&edition)?;
    let limit = extract::limit(params.limit.as_deref())?;
    let after = extract::cursor(params.cursor.as_deref())?;
    let filter = Filter::parse(&params)?;
    let ctx = ApiContext::load(&state).await?;
    let edition = ctx.edition(&code)?;
    let filter = filter.resolve(&state.store, edition.id).await?;
    let page = state
        .store
        .list_articles(&ArticleQuery {
            filter,
            limit,
            after,
        })
        .await?;
    let media = lead_media(&state.store, &page.items).await?;
    Ok(Json(ArticlePage {
        items: page
            .items
            .iter()
            .map(|c| ArticleCard::build(c, &code, &media, &ctx))
            .collect(),
        next_cursor: page.next.map(Cursor::encode),
    }))
}

/// The listing filter as parsed from the query, before slugs are looked up.
enum Filter {
    All,
    Section(Slug),
    Tag(Slug),
    Author(Slug),
}

impl Filter {
    fn parse(params: &ArticleListParams) -> Result<Self, ApiError> {
        let section = extract::optional_slug("section", params.section.as_deref())?;
        let tag = extract::optional_slug("tag", params.tag.as_deref())?;
        let author = extract::optional_slug("author", params.author.as_deref())?;
        match (section, tag, author) {
            (None, None, None) => Ok(Self::All),
            (Some(slug), None, None) => Ok(Self::Section(slug)),
            (None, Some(slug), None) => Ok(Self::Tag(slug)),
            (None, None, Some(slug)) => Ok(Self::Author(slug)),
            _ => Err(ApiError::new(
                ErrorCode::InvalidQuery,
                "give at most one of section, tag and author",
            )),
        }
    }

    async fn resolve(self, store: &Store, edition_id: i64) -> Result<ArticleFilter, ApiError> {
        Ok(match self {
            Self::All => ArticleFilter::Edition(edition_id),
            Self::Section(slug) => {
                let section = store.section_by_slug(edition_id, &slug).await?;
                ArticleFilter::Section(section.ok_or_else(|| unknown_section(&slug))?.id)
            }
            Self::Tag(slug) => {
                let tag = store.tag_by_slug(edition_id, &slug).await?.ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::UnknownTag,
                        format!("there is no tag \"{slug}\" in this edition"),
                    )
                })?;
                ArticleFilter::Tag(tag.id)
            }
            Self::Author(slug) => {
                let author = store.author_by_slug(&slug).await?.ok_or_else(|| {
                    ApiError::new(
                        ErrorCode::UnknownAuthor,
                        format!("there is no author \"{slug}\""),
                    )
                })?;
                ArticleFilter::Author {
                    author_id: author.id,
                    edition_id,
                }
            }
        })
    }
}

/// The cards' lead pictures in full (with renditions), in one query.
pub(crate) async fn lead_media(
    store: &Store,
    cards: &[store::ArticleCard],
) -> Result<HashMap<i64, store::MediaAsset>, ApiError> {
    let mut ids: Vec<i64> = cards
        .iter()
        .filter_map(|c| c.lead_media.as_ref().map(|m| m.id))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let assets = store.media_by_ids(&ids).await?;
    Ok(assets.into_iter().map(|a| (a.id, a)).collect())
}
