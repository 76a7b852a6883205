//! `GET /api/v1/editions/{edition}/articles/{slug}`: one public article in full.

use std::collections::HashSet;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use dateline_domain::{ArticleStatus, BodyBlock, CanonicalUrl, EditionCode, Slug};
use dateline_store as store;
use serde::Serialize;
use utoipa::ToSchema;

use super::articles::SectionRef;
use super::context::ApiContext;
use super::extract::{self, ApiPath};
use super::media::Media;
use super::ninjs::{article_document, NinjsDocumentSchema};
use super::timestamps::rfc3339;
use crate::distribution::{Representation, Story};
use crate::error::{ApiError, ErrorBody};
use crate::AppState;

/// A full public article.
#[derive(Debug, Serialize, ToSchema)]
pub struct Article {
    pub id: i64,
    /// Code of the article's edition.
    pub edition: String,
    pub section: SectionRef,
    pub slug: String,
    pub headline: String,
    pub lead: String,
    /// `published` or `corrected` (published with a correction note).
    pub status: ArticleStatus,
    #[schema(format = DateTime)]
    pub published_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
    pub comment_count: i64,
    /// The article's canonical page.
    pub url: String,
    /// The body as typed blocks; `image` blocks refer to `body_media` by id.
    pub body: Vec<BodyBlock>,
    /// In byline order.
    pub authors: Vec<AuthorRef>,
    pub tags: Vec<TagRef>,
    /// The lead picture.
    pub media: Option<Media>,
    /// The pictures the body's `image` blocks show, in body order.
    pub body_media: Vec<Media>,
    /// The same story in other editions.
    pub translations: Vec<TranslationRef>,
    /// The original's address when this story is a syndicated copy: the
    /// canonical page to link and to point search engines at; `null` when
    /// `url` is canonical.
    #[schema(value_type = Option<CanonicalUrl>)]
    pub canonical_url: Option<String>,
    /// The page title for search results; `null`: the headline and the
    /// edition's name.
    pub seo_title: Option<String>,
    /// The description for search results; `null`: the lead.
    pub seo_description: Option<String>,
    /// The title of social cards; `null`: the headline.
    pub social_title: Option<String>,
    /// The description of social cards; `null`: `seo_description`, else the lead.
    pub social_description: Option<String>,
    /// The picture of social cards; `null`: the lead picture (`media`).
    pub social_media: Option<Media>,
}

/// A bylined author, linked to their page in the article's edition.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorRef {
    pub slug: String,
    pub name: String,
    pub bio: String,
    pub url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TagRef {
    pub slug: String,
    pub name: String,
    pub url: String,
}

/// The story in another edition.
#[derive(Debug, Serialize, ToSchema)]
pub struct TranslationRef {
    /// Edition code.
    pub edition: String,
    /// BCP 47 language tag.
    pub language: String,
    pub headline: String,
    pub url: String,
}

/// One public article by its slug; drafts and withdrawn articles are 404.
///
/// `Accept: application/ninjs+json` (with `; version=3.1` or `2.2`) gets
/// the article as an IPTC ninjs document instead, as
/// `/v1/ninjs/articles/{id}` gives it; `Accept:
/// application/vnd.iptc.g2.newsitem+xml` gets its NewsML-G2 text item, as
/// `/v1/newsml/articles/{id}` does. Every answer carries `Vary: Accept`.
#[utoipa::path(get, path = "/v1/editions/{edition}/articles/{slug}", tag = "articles",
    params(
        ("edition" = EditionCode, Path, description = "Edition code"),
        ("slug" = Slug, Path, description = "Article slug"),
    ),
    responses(
        (status = 200, description = "The article", content(
            (Article = "application/json"),
            (NinjsDocumentSchema = "application/ninjs+json"),
            (String = "application/vnd.iptc.g2.newsitem+xml"),
        )),
        (status = 400, description = "Malformed edition code or slug (`invalid_query`)", body = ErrorBody),
        (status = 404, description = "No such edition or public article (`unknown_edition`, `not_found`)", body = ErrorBody),
        (status = 406, description = "`Accept` asks only for ninjs versions this site does not write (`not_acceptable`)", body = ErrorBody),
    ))]
pub async fn get_article(
    State(state): State<AppState>,
    ApiPath((edition, slug)): ApiPath<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let representation = Representation::negotiate(&headers)?;
    let code = extract::edition_code(&edition)?;
    let slug = extract::slug("slug", &slug)?;
    let ctx = ApiContext::load(&state).await?;
    let edition = ctx.edition(&code)?;
    let article = state
        .store
        .article_by_slug(edition.id, &slug)
        .await?
        .filter(|a| a.status.is_public())
        .ok_or_else(|| ApiError::not_found("article"))?;
    if representation != Representation::Json {
        let story = Story::complete(&state.store, article)
            .await?
            .ok_or_else(|| ApiError::not_found("article"))?;
        let document = match representation {
            Representation::Ninjs(version) => article_document(&state, &story, version).await?,
            _ => super::newsml::story_item(&state, &story).await?,
        };
        return Ok(Representation::vary(document));
    }
    let section = state
        .store
        .section_by_id(article.section_id)
        .await?
        .ok_or_else(|| {
            ApiError::internal(format!(
                "article {} points at missing section {}",
                article.id, article.section_id
            ))
        })?;
    let ids: Vec<i64> = article
        .lead_media_id
        .into_iter()
        .chain(article.seo.social_media_id)
        .chain(body_media_ids(&article))
        .collect();
    let assets = state.store.media_by_ids(&ids).await?;
    let translations = state.store.translations(article.translation_group).await?;
    let json = Json(Article::build(
        article,
        &code,
        &section,
        &assets,
        &translations,
        &ctx,
    ));
    Ok(Representation::vary(json.into_response()))
}

impl Article {
    fn build(
        article: store::Article,
        code: &EditionCode,
        section: &store::Section,
        assets: &[store::MediaAsset],
        translations: &[store::Translation],
        ctx: &ApiContext,
    ) -> Self {
        let urls = ctx.urls();
        let media_of = |id: i64| {
            assets
                .iter()
                .find(|a| a.id == id)
                .map(|a| Media::build(a, ctx))
        };
        Self {
            id: article.id,
            edition: code.to_string(),
            section: SectionRef {
                slug: section.slug.to_string(),
                title: section.title.clone(),
                url: urls.section(code, &section.slug),
            },
            slug: article.slug.to_string(),
            headline: article.headline.clone(),
            lead: article.lead.clone(),
            status: article.status,
            published_at: rfc3339(article.published_at.unwrap_or(article.updated_at)),
            updated_at: rfc3339(article.updated_at),
            comment_count: article.comment_count,
            url: urls.article(code, &section.slug, &article.slug),
            authors: (article.authors.iter())
                .map(|a| AuthorRef {
                    slug: a.slug.to_string(),
                    name: a.name.clone(),
                    bio: a.bio.clone(),
                    url: urls.author(code, &a.slug),
                })
                .collect(),
            tags: (article.tags.iter())
                .map(|t| TagRef {
                    slug: t.slug.to_string(),
                    name: t.name.clone(),
                    url: urls.tag(code, &t.slug),
                })
                .collect(),
            media: article.lead_media_id.and_then(media_of),
            body_media: body_media_ids(&article).filter_map(media_of).collect(),
            translations: (translations.iter())
                .filter(|t| t.article_id != article.id)
                .map(|t| TranslationRef {
                    edition: t.edition_code.to_string(),
                    language: t.language.to_string(),
                    headline: t.headline.clone(),
                    url: urls.article(&t.edition_code, &t.section_slug, &t.slug),
                })
                .collect(),
            social_media: article.seo.social_media_id.and_then(media_of),
            canonical_url: article.seo.canonical_url.map(String::from),
            seo_title: article.seo.seo_title,
            seo_description: article.seo.seo_description,
            social_title: article.seo.social_title,
            social_description: article.seo.social_description,
            body: article.body,
        }
    }
}

/// Ids of the pictures the body shows, first occurrence of each, in order.
fn body_media_ids(article: &store::Article) -> impl Iterator<Item = i64> + '_ {
    let mut seen = HashSet::new();
    article
        .body
        .iter()
        .filter_map(|block| match block {
            BodyBlock::Image { media_id, .. } => Some(*media_id),
            _ => None,
        })
        .filter(move |id| seen.insert(*id))
}
