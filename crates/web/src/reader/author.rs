//! The author page (`/{edition}/author/{slug}`): a byline's stories in one edition.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use dateline_domain::Slug;
use dateline_store::events::CacheKey;
use dateline_store::ArticleFilter;
use serde::Serialize;

use super::view::{NamedLink, PageQuery, Pager};
use crate::site::{
    respond, Card, DocumentLink, EditionCtx, Layout, MediaMap, Meta, PageError, Picture,
};
use crate::urls::{Listing, Urls};
use crate::AppState;

#[derive(Serialize)]
struct AuthorView {
    #[serde(flatten)]
    layout: Layout,
    author: NamedLink,
    /// The author's photo, once released to the public media bank.
    photo: Option<Picture>,
    /// The author's other pages.
    links: Vec<ProfileLink>,
    cards: Vec<Card>,
    #[serde(flatten)]
    pager: Pager,
}

#[derive(Serialize)]
struct ProfileLink {
    url: String,
    /// The address without its scheme, as readers recognise it.
    label: String,
}

impl ProfileLink {
    fn of(url: &str) -> Self {
        let label = url
            .split_once("://")
            .map_or(url, |(_, rest)| rest)
            .trim_end_matches('/');
        Self {
            url: url.to_owned(),
            label: label.strip_prefix("www.").unwrap_or(label).to_owned(),
        }
    }
}

pub(super) async fn page(
    State(state): State<AppState>,
    Path((edition, slug)): Path<(String, String)>,
    Query(query): Query<PageQuery>,
) -> Response {
    respond(
        &state,
        Some(&edition),
        author_page(&state, &edition, &slug, &query).await,
    )
    .await
}

async fn author_page(
    state: &AppState,
    code: &str,
    slug: &str,
    query: &PageQuery,
) -> Result<Response, PageError> {
    let ctx = EditionCtx::load(state, code).await?;
    let slug: Slug = slug.parse().map_err(|_| PageError::not_found("author"))?;
    let author = state.store.author_by_slug(&slug).await?;
    let author = author.ok_or_else(|| PageError::not_found("author"))?;
    let after = query.cursor()?;
    let (page, mut media) = MediaMap::listing(
        state,
        &ctx,
        ArticleFilter::Author {
            author_id: author.id,
            edition_id: ctx.edition.id,
        },
        after,
    )
    .await?;

    if let Some(id) = author.photo_media_id {
        if let Some(asset) = state.store.media_by_id(id).await? {
            if asset.is_public {
                media.insert(asset);
            }
        }
    }
    let mut keys = ctx.keys();
    keys.add(CacheKey::Author(author.id))
        .cards(&page.items)
        .media(media.ids());
    let path = Urls::relative().author(ctx.code(), &author.slug);
    let description = if author.bio.is_empty() {
        state.renderer.t(
            &ctx.locale,
            "author-description",
            &[
                ("name", author.name.as_str().into()),
                ("edition", ctx.edition.name.as_str().into()),
            ],
        )
    } else {
        author.bio.clone()
    };
    let meta = Meta::new(
        format!("{} - {}", author.name, ctx.site_name()),
        description,
    )
    .canonical(path.clone())
    .feeds(DocumentLink::feeds(&author.name, |format| {
        Urls::relative().feed(ctx.code(), Listing::Author(&author.slug), format)
    }))
    .paged(after.is_some());
    let view = AuthorView {
        layout: ctx.layout(state, "author", meta, Some(&media)),
        author: NamedLink {
            name: author.name.clone(),
            url: path.clone(),
            bio: author.bio.clone(),
        },
        photo: media.picture(author.photo_media_id, ctx.code()),
        links: author.links.iter().map(|l| ProfileLink::of(l)).collect(),
        cards: Card::list(&page.items, ctx.code(), &media),
        pager: Pager::new(&path, &page, after.is_none()),
    };
    Ok(keys.attach(ctx.render(state, "author.html", &view)?))
}
