//! The tag page (`/{edition}/tag/{slug}`): the stories carrying a tag.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use dateline_domain::Slug;
use dateline_store::events::CacheKey;
use dateline_store::ArticleFilter;
use serde::Serialize;

use super::view::{PageQuery, Pager};
use crate::site::{respond, Card, DocumentLink, EditionCtx, Layout, MediaMap, Meta, PageError};
use crate::urls::{Listing, Urls};
use crate::AppState;

#[derive(Serialize)]
struct TagView {
    #[serde(flatten)]
    layout: Layout,
    tag: TagInfo,
    cards: Vec<Card>,
    #[serde(flatten)]
    pager: Pager,
}

#[derive(Serialize)]
struct TagInfo {
    name: String,
    article_count: i64,
}

pub(super) async fn page(
    State(state): State<AppState>,
    Path((edition, slug)): Path<(String, String)>,
    Query(query): Query<PageQuery>,
) -> Response {
    respond(
        &state,
        Some(&edition),
        tag_page(&state, &edition, &slug, &query).await,
    )
    .await
}

async fn tag_page(
    state: &AppState,
    code: &str,
    slug: &str,
    query: &PageQuery,
) -> Result<Response, PageError> {
    let ctx = EditionCtx::load(state, code).await?;
    let slug: Slug = slug.parse().map_err(|_| PageError::not_found("tag"))?;
    let tag = state.store.tag_by_slug(ctx.edition.id, &slug).await?;
    let tag = tag.ok_or_else(|| PageError::not_found("tag"))?;
    let after = query.cursor()?;
    let (page, media) = MediaMap::listing(state, &ctx, ArticleFilter::Tag(tag.id), after).await?;

    let mut keys = ctx.keys();
    keys.add(CacheKey::Tag(tag.id))
        .cards(&page.items)
        .media(media.ids());
    let path = Urls::relative().tag(ctx.code(), &tag.slug);
    let heading = state.renderer.t(
        &ctx.locale,
        "tag-heading",
        &[("name", tag.name.as_str().into())],
    );
    let description = state.renderer.t(
        &ctx.locale,
        "tag-description",
        &[
            ("name", tag.name.as_str().into()),
            ("edition", ctx.edition.name.as_str().into()),
        ],
    );
    let meta = Meta::new(format!("{heading} - {}", ctx.site_name()), description)
        .canonical(path.clone())
        .feeds(DocumentLink::feeds(&heading, |format| {
            Urls::relative().feed(ctx.code(), Listing::Tag(&tag.slug), format)
        }))
        .paged(after.is_some());
    let view = TagView {
        layout: ctx.layout(state, "tag", meta, Some(&media)),
        tag: TagInfo {
            name: tag.name.clone(),
            article_count: tag.article_count,
        },
        cards: Card::list(&page.items, ctx.code(), &media),
        pager: Pager::new(&path, &page, after.is_none()),
    };
    Ok(keys.attach(ctx.render(state, "tag.html", &view)?))
}
