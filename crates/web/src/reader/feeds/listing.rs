//! Which listing a feed address names (an edition, or one of its sections,
//! tags or authors) and the loading of its newest stories in full: the
//! listing with bodies, bylines and tags (`Store::feed_stories`, four
//! queries), then every picture and related story the items show (one
//! query each), whatever the number of items.

use dateline_domain::{BodyBlock, Slug};
use dateline_store::events::CacheKey;
use dateline_store::{ArticleFilter, ArticleQuery};

use super::content::Refs;
use super::model::{FeedDoc, FeedItem};
use crate::cache::PageKeys;
use crate::site::{EditionCtx, MediaMap, PageError};
use crate::urls::{FeedFormat, Listing, Urls};
use crate::AppState;

/// Stories a feed carries: the newest of its listing.
pub(super) const FEED_ITEMS: u32 = 50;

/// The listing as its address names it, before it is looked up.
pub(super) enum Named {
    Edition,
    Section(String),
    Tag(String),
    Author(String),
}

/// A listing that exists.
pub(super) struct Found {
    kind: Kind,
    filter: ArticleFilter,
    key: CacheKey,
    title: String,
    description: String,
}

enum Kind {
    Edition,
    Section(Slug),
    Tag(Slug),
    Author(Slug),
}

impl Found {
    fn listing(&self) -> Listing<'_> {
        match &self.kind {
            Kind::Edition => Listing::Edition,
            Kind::Section(slug) => Listing::Section(slug),
            Kind::Tag(slug) => Listing::Tag(slug),
            Kind::Author(slug) => Listing::Author(slug),
        }
    }
}

impl Named {
    /// The listing with its title and description; an unknown section,
    /// tag or author is a 404.
    pub async fn find(self, state: &AppState, ctx: &EditionCtx) -> Result<Found, PageError> {
        let edition = &ctx.edition;
        Ok(match self {
            Self::Edition => Found {
                kind: Kind::Edition,
                filter: ArticleFilter::Edition(edition.id),
                key: CacheKey::Edition(edition.id),
                title: edition.name.clone(),
                description: say(state, ctx, "feed-description", &edition.name),
            },
            Self::Section(raw) => {
                let section = ctx
                    .section_by_slug(&raw)
                    .ok_or_else(|| PageError::not_found("section"))?;
                let description = if section.description.trim().is_empty() {
                    say(state, ctx, "feed-section-description", &section.title)
                } else {
                    section.description.clone()
                };
                Found {
                    kind: Kind::Section(section.slug.clone()),
                    filter: ArticleFilter::Section(section.id),
                    key: CacheKey::Section(section.id),
                    title: format!("{} - {}", section.title, edition.name),
                    description,
                }
            }
            Self::Tag(raw) => {
                let slug = slug(&raw, "tag")?;
                let tag = state.store.tag_by_slug(edition.id, &slug).await?;
                let tag = tag.ok_or_else(|| PageError::not_found("tag"))?;
                Found {
                    title: format!(
                        "{} - {}",
                        say(state, ctx, "tag-heading", &tag.name),
                        edition.name
                    ),
                    description: say(state, ctx, "tag-description", &tag.name),
                    kind: Kind::Tag(tag.slug),
                    filter: ArticleFilter::Tag(tag.id),
                    key: CacheKey::Tag(tag.id),
                }
            }
            Self::Author(raw) => {
                let slug = slug(&raw, "author")?;
                let author = state.store.author_by_slug(&slug).await?;
                let author = author.ok_or_else(|| PageError::not_found("author"))?;
                Found {
                    title: format!("{} - {}", author.name, edition.name),
                    description: say(state, ctx, "author-description", &author.name),
                    kind: Kind::Author(author.slug),
                    filter: ArticleFilter::Author {
                        author_id: author.id,
                        edition_id: edition.id,
                    },
                    key: CacheKey::Author(author.id),
                }
            }
        })
    }
}

/// A text of the edition's language naming `name` and the edition.
fn say(state: &AppState, ctx: &EditionCtx, key: &str, name: &str) -> String {
    state.renderer.t(
        &ctx.locale,
        key,
        &[
            ("name", name.into()),
            ("edition", ctx.edition.name.as_str().into()),
        ],
    )
}

fn slug(raw: &str, what: &str) -> Result<Slug, PageError> {
    raw.parse().map_err(|_| PageError::not_found(what))
}

/// The feed of `found` in `format`, and the cache keys of all it shows.
pub(super) async fn load(
    state: &AppState,
    ctx: &EditionCtx,
    found: &Found,
    format: FeedFormat,
) -> Result<(FeedDoc, PageKeys), PageError> {
    let stories = state
        .store
        .feed_stories(&ArticleQuery {
            filter: found.filter,
            limit: FEED_ITEMS,
            after: None,
        })
        .await?;
    let related_ids: Vec<i64> = stories
        .iter()
        .flat_map(|s| s.body.iter())
        .filter_map(|b| match b {
            BodyBlock::Related { article_id } => Some(*article_id),
            _ => None,
        })
        .collect();
    let picture_ids: Vec<i64> = stories
        .iter()
        .flat_map(|s| {
            let lead = s.card.lead_media.as_ref().map(|m| m.id);
            lead.into_iter()
                .chain(s.body.iter().filter_map(|b| match b {
                    BodyBlock::Image { media_id, .. } => Some(*media_id),
                    _ => None,
                }))
        })
        .collect();
    let media = MediaMap::fetch(state, picture_ids).await?;
    let related = if related_ids.is_empty() {
        Vec::new()
    } else {
        state.store.article_cards(&related_ids).await?
    };

    let base_url = state.config.base_url.as_str();
    let urls = Urls::new(base_url);
    let refs = Refs {
        urls,
        ctx,
        media: &media,
        related: &related,
    };
    let live = state.renderer.t(&ctx.locale, "live-badge", &[]);
    let items: Vec<FeedItem> = stories
        .iter()
        .map(|story| FeedItem::of(&refs, story, &live, base_url))
        .collect();
    let home_url = match found.listing() {
        Listing::Edition => urls.front(ctx.code()),
        Listing::Section(slug) => urls.section(ctx.code(), slug),
        Listing::Tag(slug) => urls.tag(ctx.code(), slug),
        Listing::Author(slug) => urls.author(ctx.code(), slug),
    };
    let doc = FeedDoc {
        title: found.title.clone(),
        description: found.description.clone(),
        home_url,
        self_url: urls.feed(ctx.code(), found.listing(), format),
        hub: ctx.settings.websub_hub.clone(),
        language: ctx.edition.language.to_string(),
        updated: items
            .iter()
            .map(|i| i.updated)
            .max()
            .unwrap_or_else(|| chrono::Utc::now().timestamp()),
        items,
    };

    let mut keys = ctx.keys();
    keys.add(found.key)
        .cards(stories.iter().map(|s| &s.card))
        .cards(&related)
        .media(media.ids());
    Ok((doc, keys))
}
