//! The newsfeed page (`/{edition}/newsfeed`): every story of the edition,
//! newest first, grouped by local day and cursor-paginated.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use dateline_store::events::CacheKey;
use dateline_store::{ArticleFilter, ArticleQuery};
use serde::Serialize;

use super::view::{PageQuery, Pager};
use crate::site::{respond, Day, EditionCtx, Layout, MediaMap, Meta, PageError};
use crate::urls::Urls;
use crate::AppState;

const PAGE_SIZE: u32 = 50;

#[derive(Serialize)]
struct NewsfeedView {
    #[serde(flatten)]
    layout: Layout,
    days: Vec<Day>,
    #[serde(flatten)]
    pager: Pager,
}

pub(super) async fn page(
    State(state): State<AppState>,
    Path(edition): Path<String>,
    Query(query): Query<PageQuery>,
) -> Response {
    respond(
        &state,
        Some(&edition),
        newsfeed(&state, &edition, &query).await,
    )
    .await
}

async fn newsfeed(state: &AppState, code: &str, query: &PageQuery) -> Result<Response, PageError> {
    let ctx = EditionCtx::load(state, code).await?;
    let after = query.cursor()?;
    let page = state
        .store
        .list_articles(&ArticleQuery {
            filter: ArticleFilter::Edition(ctx.edition.id),
            limit: PAGE_SIZE,
            after,
        })
        .await?;
    // The stream is text only: just the logo to fetch.
    let media = MediaMap::fetch(state, ctx.edition.logo_media_id).await?;
    let days = Day::group(&page.items, &ctx, &media);

    let mut keys = ctx.keys();
    keys.add(CacheKey::Edition(ctx.edition.id))
        .articles(page.items.iter().map(|c| c.id));
    let path = Urls::relative().newsfeed(ctx.code());
    let title = format!(
        "{} - {}",
        state.renderer.t(&ctx.locale, "newsfeed", &[]),
        ctx.site_name()
    );
    let description = state.renderer.t(
        &ctx.locale,
        "newsfeed-description",
        &[("edition", ctx.edition.name.as_str().into())],
    );
    let meta = Meta::new(title, description)
        .canonical(path.clone())
        .paged(after.is_some());
    let view = NewsfeedView {
        layout: ctx.layout(state, "newsfeed", meta, Some(&media)),
        days,
        pager: Pager::new(&path, &page, after.is_none()),
    };
    Ok(keys.attach(ctx.render(state, "newsfeed.html", &view)?))
}
