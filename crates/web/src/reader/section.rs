//! The section page (`/{edition}/{section}/`): title, blurb and a
//! cursor-paginated grid of article cards.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use dateline_store::events::CacheKey;
use dateline_store::ArticleFilter;
use serde::Serialize;

use super::view::{moved_permanently, PageQuery, Pager};
use crate::site::{respond, Card, DocumentLink, EditionCtx, Layout, MediaMap, Meta, PageError};
use crate::urls::{Listing, Urls};
use crate::AppState;

#[derive(Serialize)]
struct SectionView {
    #[serde(flatten)]
    layout: Layout,
    section: SectionInfo,
    cards: Vec<Card>,
    #[serde(flatten)]
    pager: Pager,
}

#[derive(Serialize)]
struct SectionInfo {
    title: String,
    description: String,
    article_count: i64,
}

pub(super) async fn page(
    State(state): State<AppState>,
    Path((edition, section)): Path<(String, String)>,
    Query(query): Query<PageQuery>,
) -> Response {
    respond(
        &state,
        Some(&edition),
        section_page(&state, &edition, &section, &query).await,
    )
    .await
}

async fn section_page(
    state: &AppState,
    code: &str,
    slug: &str,
    query: &PageQuery,
) -> Result<Response, PageError> {
    let ctx = EditionCtx::load(state, code).await?;
    let section = ctx
        .section_by_slug(slug)
        .ok_or_else(|| PageError::not_found("section"))?;
    let after = query.cursor()?;
    let (page, media) =
        MediaMap::listing(state, &ctx, ArticleFilter::Section(section.id), after).await?;

    let mut keys = ctx.keys();
    keys.add(CacheKey::Section(section.id))
        .cards(&page.items)
        .media(media.ids());
    let path = Urls::relative().section(ctx.code(), &section.slug);
    let title = format!("{} - {}", section.title, ctx.site_name());
    let meta = Meta::new(title, section.description.clone())
        .canonical(path.clone())
        .in_section(section.id)
        .feeds(DocumentLink::feeds(&section.title, |format| {
            Urls::relative().feed(ctx.code(), Listing::Section(&section.slug), format)
        }))
        .paged(after.is_some());
    let view = SectionView {
        layout: ctx.layout(state, "section", meta, Some(&media)),
        section: SectionInfo {
            title: section.title.clone(),
            description: section.description.clone(),
            article_count: section.article_count,
        },
        cards: Card::list(&page.items, ctx.code(), &media),
        pager: Pager::new(&path, &page, after.is_none()),
    };
    Ok(keys.attach(ctx.render(state, "section.html", &view)?))
}

/// `/{edition}/{section}` → `/{edition}/{section}/` when the section exists.
pub(super) async fn add_slash(
    State(state): State<AppState>,
    Path((edition, section)): Path<(String, String)>,
) -> Response {
    let target = async {
        let ctx = EditionCtx::load(&state, &edition).await?;
        let section = ctx
            .section_by_slug(&section)
            .ok_or_else(|| PageError::not_found("page"))?;
        let target = Urls::relative().section(ctx.code(), &section.slug);
        Ok(ctx.keys().attach(moved_permanently(&target)))
    };
    respond(&state, Some(&edition), target.await).await
}
