//! The article page (`/{edition}/{section}/{slug}`) with every element of
//! the reference page: brand, section and blurb, headline, lead figure with
//! credit and media-bank link, dates, lead, body blocks, related cards, tags,
//! authors, newsfeed, discussion prompt, chats and the next article.

use axum::extract::{Path, State};
use axum::response::Response;
use dateline_domain::{ArticleStatus, BodyBlock, Slug};
use dateline_render::rich;
use dateline_store::events::CacheKey;
use dateline_store::{Article, ArticleCard, ArticleFilter, ArticleQuery, Correction, Section};
use serde::Serialize;

use super::structured::{self, ArticleFacts};
use super::view::{moved_permanently, NamedLink};
use crate::cache::PageKeys;
use crate::site::{
    card_media, respond, Card, Day, EditionCtx, Layout, MediaMap, PageError, Picture,
};
use crate::urls::Urls;
use crate::AppState;

const NEWSFEED_ITEMS: u32 = 10;
/// Stories like this one the index offers when editors placed none.
const RELATED_FROM_INDEX: usize = 4;

#[derive(Serialize)]
struct ArticleView {
    #[serde(flatten)]
    layout: Layout,
    article: ArticleBody,
    next: Option<Card>,
    /// Stories like this one, from the search index, when editors placed
    /// no related story in the body.
    related: Vec<Card>,
    /// The first comments and the form (`crate::comments`).
    discussion: crate::comments::Discussion,
    /// Live coverage entries, when the article is (or was) covered live.
    live: Option<crate::live::LiveView>,
    /// Set on the newsroom's preview: the article's status, for the
    /// banner that says it is not what readers see.
    preview: Option<ArticleStatus>,
}

#[derive(Serialize)]
struct ArticleBody {
    id: i64,
    headline: String,
    lead: String,
    url: String,
    published_at: i64,
    updated_at: i64,
    was_updated: bool,
    corrected: bool,
    /// Dated notes, oldest first.
    corrections: Vec<Correction>,
    section: SectionInfo,
    picture: Option<Picture>,
    blocks: Vec<Block>,
    tags: Vec<NamedLink>,
    authors: Vec<NamedLink>,
    comment_count: i64,
}

#[derive(Serialize)]
struct SectionInfo {
    title: String,
    description: String,
    url: String,
}

/// A body block ready to show; images and related articles are resolved.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Block {
    /// `html` is the text with its marks, escaped (`dateline_render::rich`).
    Paragraph {
        html: String,
    },
    List {
        ordered: bool,
        /// Each item's HTML, as a paragraph's.
        items: Vec<String>,
    },
    Heading {
        level: u8,
        text: String,
    },
    Quote {
        text: String,
        attribution: String,
    },
    Image {
        picture: Picture,
        caption: String,
    },
    Related {
        card: Card,
    },
    Embed {
        url: String,
        title: Option<String>,
        host: String,
    },
}

pub(super) async fn page(
    State(state): State<AppState>,
    Path((edition, section, slug)): Path<(String, String, String)>,
) -> Response {
    respond(
        &state,
        Some(&edition),
        article_page(&state, &edition, &section, &slug).await,
    )
    .await
}

async fn article_page(
    state: &AppState,
    code: &str,
    section_slug: &str,
    slug: &str,
) -> Result<Response, PageError> {
    let ctx = EditionCtx::load(state, code).await?;
    let slug: Slug = slug.parse().map_err(|_| PageError::not_found("article"))?;
    let Some(article) = state.store.article_by_slug(ctx.edition.id, &slug).await? else {
        return moved_story(state, &ctx, &slug).await;
    };
    match article.status {
        ArticleStatus::Unpublished => return Err(PageError::gone("article")),
        status if !status.is_public() => return Err(PageError::not_found("article")),
        _ => {}
    }
    let section = ctx
        .section(article.section_id)
        .ok_or_else(|| PageError::not_found("section"))?;
    if section.slug.as_str() != section_slug {
        let url = Urls::relative().article(ctx.code(), &section.slug, &article.slug);
        let mut keys = ctx.keys();
        keys.add(CacheKey::Article(article.id));
        return Ok(keys.attach(moved_permanently(&url)));
    }
    render_article(state, &ctx, &article, Shown::Public).await
}

/// An address a published story had before its slug changed: 301 to
/// where it lives now, while readers may see it; else 404.
async fn moved_story(
    state: &AppState,
    ctx: &EditionCtx,
    slug: &Slug,
) -> Result<Response, PageError> {
    let moved = state
        .store
        .article_by_old_slug(ctx.edition.id, slug)
        .await?;
    let article = moved
        .filter(|a| a.status.is_public())
        .ok_or_else(|| PageError::not_found("article"))?;
    let section = ctx
        .section(article.section_id)
        .ok_or_else(|| PageError::not_found("section"))?;
    let url = Urls::relative().article(ctx.code(), &section.slug, &article.slug);
    let mut keys = ctx.keys();
    keys.add(CacheKey::Article(article.id));
    Ok(keys.attach(moved_permanently(&url)))
}

/// Renders an article exactly as readers see it, whatever its status: the
/// reader page above, and the newsroom's preview of a draft.
/// Who an article page is rendered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shown {
    /// Readers, on the public site.
    Public,
    /// Staff, in the newsroom's preview, whatever the status.
    Preview,
}

pub(crate) async fn render_article(
    state: &AppState,
    ctx: &EditionCtx,
    article: &Article,
    shown_as: Shown,
) -> Result<Response, PageError> {
    let section = ctx
        .section(article.section_id)
        .ok_or_else(|| PageError::not_found("section"))?;
    let url = Urls::relative().article(ctx.code(), &section.slug, &article.slug);
    let published_at = article.published_at.unwrap_or(article.updated_at);
    let related_ids = related_ids(article);
    let similar_ids = similar_ids(state, article, &related_ids).await;
    let feed_query = ArticleQuery {
        filter: ArticleFilter::Edition(ctx.edition.id),
        limit: NEWSFEED_ITEMS,
        after: None,
    };
    let store = &state.store;
    let (related, similar, next, feed, translations, discussion, live) = tokio::try_join!(
        store.article_cards(&related_ids),
        store.article_cards(&similar_ids),
        store.next_article(ctx.edition.id, published_at, article.id),
        store.list_articles(&feed_query),
        store.translations(article.translation_group),
        crate::comments::discussion(state, ctx.code().as_str(), article, &url),
        crate::live::live_view(state, article.id),
    )?;
    let media_ids = body_media(article)
        .chain(card_media(&related))
        .chain(card_media(&similar))
        .chain(article.lead_media_id)
        .chain(article.seo.social_media_id)
        .chain(ctx.edition.logo_media_id);
    let media = MediaMap::fetch(state, media_ids.collect::<Vec<_>>()).await?;
    let keys = article_keys(
        ctx,
        article,
        &[related_ids.as_slice(), similar_ids.as_slice()].concat(),
        &feed.items,
        next.as_ref(),
        &media,
    );

    let facts = ArticleFacts {
        article,
        section,
        path: &url,
        media: &media,
        translations: &translations,
    };
    let meta = structured::article_meta(state, ctx, &facts);
    let view = ArticleView {
        layout: ctx
            .layout(state, "article", meta, Some(&media))
            .with_newsfeed(Day::group(&feed.items, ctx, &media)),
        article: body_view(ctx, article, section, url, &related, &media),
        next: next.map(|c| Card::new(&c, ctx.code(), &media)),
        related: similar
            .iter()
            .map(|c| Card::new(c, ctx.edition_code(c.edition_id), &media))
            .collect(),
        discussion,
        live,
        preview: (shown_as == Shown::Preview).then_some(article.status),
    };
    Ok(keys.attach(ctx.render(state, "article.html", &view)?))
}

/// What an article page shows: the article and its byline, its
/// translations' links, the cards it embeds (asked for, whether public yet
/// or not), the edition's newsfeed column and next article, and every
/// picture.
fn article_keys(
    ctx: &EditionCtx,
    article: &Article,
    related_ids: &[i64],
    feed: &[ArticleCard],
    next: Option<&ArticleCard>,
    media: &MediaMap,
) -> PageKeys {
    let mut keys = ctx.keys();
    keys.add(CacheKey::Article(article.id))
        .add(CacheKey::Translations(article.translation_group))
        .add(CacheKey::Edition(ctx.edition.id))
        // The byline: a renamed author refreshes the story.
        .extend(article.authors.iter().map(|a| CacheKey::Author(a.id)))
        .articles(related_ids.iter().copied())
        .articles(feed.iter().chain(next).map(|c| c.id))
        .media(media.ids());
    keys
}

fn related_ids(article: &Article) -> Vec<i64> {
    article
        .body
        .iter()
        .filter_map(|b| match b {
            BodyBlock::Related { article_id } => Some(*article_id),
            _ => None,
        })
        .collect()
}

/// Public stories of the edition most like this one, from the index, when
/// editors placed none in the body. The index answers a moment after a
/// publish; a failing index leaves the section out rather than the page.
/// Any publish in the edition purges the page (`e{id}`), which refreshes
/// them.
async fn similar_ids(state: &AppState, article: &Article, placed: &[i64]) -> Vec<i64> {
    if !placed.is_empty() {
        return Vec::new();
    }
    match state.search.related(article.id, RELATED_FROM_INDEX).await {
        Ok(ids) => ids,
        Err(err) => {
            tracing::warn!(error = %err, article = article.id, "no related stories from the index");
            Vec::new()
        }
    }
}

fn body_media(article: &Article) -> impl Iterator<Item = i64> + '_ {
    article.body.iter().filter_map(|b| match b {
        BodyBlock::Image { media_id, .. } => Some(*media_id),
        _ => None,
    })
}

fn body_view(
    ctx: &EditionCtx,
    article: &Article,
    section: &Section,
    url: String,
    related: &[ArticleCard],
    media: &MediaMap,
) -> ArticleBody {
    let rel = Urls::relative();
    let code = ctx.code();
    let published_at = article.published_at.unwrap_or(article.updated_at);
    ArticleBody {
        id: article.id,
        headline: article.headline.clone(),
        lead: article.lead.clone(),
        published_at,
        updated_at: article.updated_at,
        // Edits within a minute of publication are not worth a second date.
        was_updated: article.updated_at > published_at + 60,
        corrected: article.status == ArticleStatus::Corrected,
        corrections: article.corrections.clone(),
        section: SectionInfo {
            title: section.title.clone(),
            description: section.description.clone(),
            url: rel.section(code, &section.slug),
        },
        picture: media.picture(article.lead_media_id, code),
        blocks: article
            .body
            .iter()
            .filter_map(|b| block_view(ctx, b, related, media))
            .collect(),
        tags: article
            .tags
            .iter()
            .map(|t| NamedLink {
                name: t.name.clone(),
                url: rel.tag(code, &t.slug),
                bio: String::new(),
            })
            .collect(),
        authors: article
            .authors
            .iter()
            .map(|a| NamedLink {
                name: a.name.clone(),
                url: rel.author(code, &a.slug),
                bio: a.bio.clone(),
            })
            .collect(),
        comment_count: article.comment_count,
        url,
    }
}

/// Resolves one block; an image or related article that cannot be shown
/// (missing asset, unpublished story) is left out rather than broken.
fn block_view(
    ctx: &EditionCtx,
    block: &BodyBlock,
    related: &[ArticleCard],
    media: &MediaMap,
) -> Option<Block> {
    Some(match block {
        BodyBlock::Paragraph { text, marks } => Block::Paragraph {
            html: rich::html(text, marks),
        },
        BodyBlock::List { ordered, items } => Block::List {
            ordered: *ordered,
            items: items
                .iter()
                .map(|item| rich::html(&item.text, &item.marks))
                .collect(),
        },
        BodyBlock::Heading { level, text } => Block::Heading {
            level: level.get(),
            text: text.clone(),
        },
        BodyBlock::Quote { text, attribution } => Block::Quote {
            text: text.clone(),
            attribution: attribution.clone(),
        },
        BodyBlock::Image { media_id, caption } => {
            let asset = media.get(*media_id)?;
            Block::Image {
                picture: Picture::new(asset, ctx.code()),
                caption: caption.clone().unwrap_or_else(|| asset.caption.clone()),
            }
        }
        BodyBlock::Related { article_id } => {
            let card = related.iter().find(|c| c.id == *article_id)?;
            Block::Related {
                card: Card::new(card, ctx.edition_code(card.edition_id), media),
            }
        }
        BodyBlock::Embed { url, title } => Block::Embed {
            url: url.clone(),
            title: title.clone(),
            host: crate::urls::host_of(url).to_owned(),
        },
    })
}
