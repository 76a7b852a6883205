//! The edition front page (`/{edition}/`): top stories (the lead first), a
//! block per section and the newsfeed column; and `/`, which sends readers
//! to an edition. What editors arranged (`Store::front_arrangement`) comes
//! first; the rest is filled newest first. Arranged stories readers may not
//! see are skipped, and no story is shown twice outside the newsfeed.

use std::collections::{HashMap, HashSet};

use axum::extract::{Path, State};
use axum::http::header::{ACCEPT_LANGUAGE, VARY};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use dateline_domain::{EditionCode, FrontLayout};
use dateline_store::events::CacheKey;
use dateline_store::{ArticleCard, ArticleFilter, ArticleQuery, Edition, Page, Section};
use futures_util::future::try_join_all;
use serde::Serialize;

use super::view::moved_permanently;
use crate::site::{
    card_media, respond, Alternate, Card, Day, EditionCtx, Layout, MediaMap, Meta, PageError,
};
use crate::urls::Urls;
use crate::AppState;

const TOP_STORIES: usize = 5;
const NEWSFEED_ITEMS: u32 = 12;
const CARDS_PER_SECTION: u32 = 4;

#[derive(Serialize)]
struct FrontView {
    #[serde(flatten)]
    layout: Layout,
    top: Vec<Card>,
    blocks: Vec<SectionBlock>,
}

#[derive(Serialize)]
struct SectionBlock {
    section: BlockSection,
    cards: Vec<Card>,
}

#[derive(Serialize)]
struct BlockSection {
    slug: String,
    title: String,
    url: String,
}

pub(super) async fn page(State(state): State<AppState>, Path(edition): Path<String>) -> Response {
    respond(&state, Some(&edition), front(&state, &edition).await).await
}

async fn front(state: &AppState, code: &str) -> Result<Response, PageError> {
    let ctx = EditionCtx::load(state, code).await?;
    let arrangement = state.store.front_arrangement(ctx.edition.id).await?;
    let layout = &arrangement.layout;
    let arranged_ids: Vec<i64> = layout.article_ids().collect();
    // Enough newest stories to fill the top after the arranged ones are
    // taken out, and enough per section after the top stories are.
    let top_room = TOP_STORIES.max(layout.top().len());
    let fill = u32::try_from(TOP_STORIES + arranged_ids.len()).unwrap_or(u32::MAX);
    let latest = |filter, limit| async move {
        let query = ArticleQuery {
            filter,
            limit,
            after: None,
        };
        state.store.list_articles(&query).await
    };
    let (newest, per_section, arranged) = tokio::try_join!(
        latest(
            ArticleFilter::Edition(ctx.edition.id),
            NEWSFEED_ITEMS.max(fill)
        ),
        try_join_all(ctx.sections.iter().map(|s| {
            let room = CARDS_PER_SECTION as usize + top_room + layout.pins_of(s.id).len();
            latest(
                ArticleFilter::Section(s.id),
                u32::try_from(room).unwrap_or(u32::MAX),
            )
        })),
        state.store.article_cards(&arranged_ids),
    )?;
    let arranged: Vec<ArticleCard> = arranged
        .into_iter()
        .filter(|c| c.edition_id == ctx.edition.id)
        .collect();
    let feed = &newest.items[..newest.items.len().min(NEWSFEED_ITEMS as usize)];
    let pinned = pinned_cards(&ctx.sections, layout, &arranged);
    let top = top_stories(layout, &arranged, &pinned, &newest.items);
    let blocks = section_blocks(&ctx.sections, per_section, &pinned, &top);
    let media_ids = card_media(top.iter().chain(blocks.iter().flat_map(|(_, cards)| cards)));
    let media = MediaMap::fetch(
        state,
        media_ids.into_iter().chain(ctx.edition.logo_media_id),
    )
    .await?;

    let shown = feed
        .iter()
        .chain(&top)
        .chain(blocks.iter().flat_map(|(_, cards)| cards));
    let mut keys = ctx.keys();
    // Arranged stories not shown (a draft, a withdrawn story) are keys too:
    // when one becomes public, or a shown one is withdrawn, the page goes.
    keys.add(CacheKey::Edition(ctx.edition.id))
        .extend(ctx.sections.iter().map(|s| CacheKey::Section(s.id)))
        .articles(arranged_ids.iter().copied())
        .cards(shown)
        .media(media.ids());

    let rel = Urls::relative();
    let code = ctx.code();
    let description = state.renderer.t(
        &ctx.locale,
        "front-description",
        &[("edition", ctx.edition.name.as_str().into())],
    );
    let mut meta = Meta::new(ctx.edition.name.clone(), description).canonical(rel.front(code));
    meta.alternates = front_alternates(&ctx.editions);
    meta.json_ld = Some(super::structured::website_json_ld(state, &ctx));
    let view = FrontView {
        layout: ctx
            .layout(state, "front", meta, Some(&media))
            .with_newsfeed(Day::group(feed, &ctx, &media)),
        top: Card::list(&top, code, &media),
        blocks: blocks
            .into_iter()
            .map(|(s, cards)| SectionBlock {
                section: BlockSection {
                    slug: s.slug.to_string(),
                    title: s.title.clone(),
                    url: rel.section(code, &s.slug),
                },
                cards: Card::list(&cards, code, &media),
            })
            .collect(),
    };
    Ok(keys.attach(ctx.render(state, "front.html", &view)?))
}

/// The public stories pinned in each section that are still in it, in the
/// editors' order (a story moved to another section since is left out).
fn pinned_cards(
    sections: &[Section],
    layout: &FrontLayout,
    arranged: &[ArticleCard],
) -> HashMap<i64, Vec<ArticleCard>> {
    sections
        .iter()
        .map(|s| {
            let cards = layout
                .pins_of(s.id)
                .iter()
                .filter_map(|id| arranged.iter().find(|c| c.id == *id))
                .filter(|c| c.section_id == s.id)
                .cloned()
                .collect();
            (s.id, cards)
        })
        .collect()
}

/// The editors' top stories that readers may see (the lead first), then
/// the newest stories not shown elsewhere, up to [`TOP_STORIES`].
fn top_stories(
    layout: &FrontLayout,
    arranged: &[ArticleCard],
    pinned: &HashMap<i64, Vec<ArticleCard>>,
    newest: &[ArticleCard],
) -> Vec<ArticleCard> {
    let mut top: Vec<ArticleCard> = layout
        .top()
        .iter()
        .filter_map(|id| arranged.iter().find(|c| c.id == *id))
        .cloned()
        .collect();
    let mut taken: HashSet<i64> = top.iter().map(|c| c.id).collect();
    taken.extend(pinned.values().flatten().map(|c| c.id));
    for card in newest {
        if top.len() >= TOP_STORIES {
            break;
        }
        if taken.insert(card.id) {
            top.push(card.clone());
        }
    }
    top
}

/// Per section: its pinned stories, then the newest ones that are not top
/// stories, four in all; sections with nothing to show are left out.
fn section_blocks<'a>(
    sections: &'a [Section],
    per_section: Vec<Page<ArticleCard>>,
    pinned: &HashMap<i64, Vec<ArticleCard>>,
    top: &[ArticleCard],
) -> Vec<(&'a Section, Vec<ArticleCard>)> {
    let on_top: HashSet<i64> = top.iter().map(|c| c.id).collect();
    sections
        .iter()
        .zip(per_section)
        .map(|(section, page)| {
            let pins = pinned.get(&section.id).cloned().unwrap_or_default();
            let pin_ids: HashSet<i64> = pins.iter().map(|c| c.id).collect();
            let cards: Vec<_> = pins
                .into_iter()
                .chain(
                    page.items
                        .into_iter()
                        .filter(|c| !on_top.contains(&c.id) && !pin_ids.contains(&c.id)),
                )
                .take(CARDS_PER_SECTION as usize)
                .collect();
            (section, cards)
        })
        .filter(|(_, cards)| !cards.is_empty())
        .collect()
}

/// Every edition's front page is a translation of the others.
fn front_alternates(editions: &[Edition]) -> Vec<Alternate> {
    let rel = Urls::relative();
    let mut alternates: Vec<_> = editions
        .iter()
        .map(|e| Alternate {
            hreflang: e.language.to_string(),
            href: rel.front(&e.code),
        })
        .collect();
    if !alternates.is_empty() {
        alternates.push(Alternate {
            hreflang: "x-default".to_owned(),
            href: "/".to_owned(),
        });
    }
    alternates
}

/// `/{edition}` → `/{edition}/` (for a well-formed code).
pub(super) async fn add_slash(
    State(state): State<AppState>,
    Path(edition): Path<String>,
) -> Response {
    match edition.parse::<EditionCode>() {
        Ok(code) => moved_permanently(&Urls::relative().front(&code)),
        Err(_) => respond(&state, None, Err(PageError::not_found("edition"))).await,
    }
}

/// `/`: the default edition an admin chose in the site's settings; when
/// none is chosen, the edition whose language the browser prefers, else
/// the first.
pub(super) async fn root(
    State(state): State<AppState>,
    axum::extract::OriginalUri(uri): axum::extract::OriginalUri,
    headers: HeaderMap,
) -> Response {
    // `/?p=12`: an imported site's short address of a story.
    if uri.query().is_some() {
        if let Some(to) = crate::site::imported_address(&state, &uri).await {
            return crate::site::moved_permanently(&to);
        }
    }
    let site = match state.cache.site(&state.store).await {
        Ok(site) => site,
        Err(err) => return respond(&state, None, Err(err.into())).await,
    };
    let chosen = site
        .settings
        .default_edition_id
        .and_then(|id| site.editions.iter().find(|e| e.id == id));
    if let Some(edition) = chosen {
        return Redirect::temporary(&Urls::relative().front(&edition.code)).into_response();
    }
    let accept = headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // Retired editions are not offered (the home edition cannot be one).
    let active: Vec<Edition> = site
        .editions
        .iter()
        .filter(|e| e.is_active())
        .cloned()
        .collect();
    match pick_edition(&active, accept) {
        Some(edition) => {
            let mut response =
                Redirect::temporary(&Urls::relative().front(&edition.code)).into_response();
            response
                .headers_mut()
                .insert(VARY, HeaderValue::from_static("Accept-Language"));
            response
        }
        None => respond(&state, None, Err(PageError::not_found("edition"))).await,
    }
}

/// Matches `Accept-Language` (by quality, then order) against the editions'
/// languages: exact tag first, then primary subtag.
fn pick_edition<'a>(editions: &'a [Edition], accept_language: &str) -> Option<&'a Edition> {
    let mut wanted: Vec<(f32, usize, String)> = accept_language
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            (!tag.is_empty() && tag != "*" && q > 0.0).then_some((q, i, tag))
        })
        .collect();
    wanted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    wanted
        .iter()
        .find_map(|(_, _, tag)| {
            let primary = tag.split('-').next().unwrap_or_default();
            editions
                .iter()
                .find(|e| e.language.as_str().eq_ignore_ascii_case(tag))
                .or_else(|| {
                    editions
                        .iter()
                        .find(|e| e.language.primary().eq_ignore_ascii_case(primary))
                })
        })
        .or_else(|| editions.first())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition(code: &str, language: &str) -> Edition {
        Edition {
            id: 1,
            code: code.parse().unwrap(),
            name: code.into(),
            language: language.parse().unwrap(),
            direction: dateline_domain::TextDirection::Ltr,
            time_zone: "UTC".parse().unwrap(),
            date_format: "%d.%m.%Y".parse().unwrap(),
            logo_media_id: None,
            position: 0,
            article_count: 0,
            number_system: dateline_domain::NumberSystem::Latin,
            retired_at: None,
            comment_mode: None,
            new_account_hold_hours: None,
        }
    }

    #[test]
    fn accept_language_picks_an_edition() {
        let eds = [edition("en", "en"), edition("ru", "ru")];
        let pick = |h| pick_edition(&eds, h).map(|e| e.code.as_str());
        assert_eq!(pick(""), Some("en"));
        assert_eq!(pick("ru-RU,ru;q=0.9,en;q=0.8"), Some("ru"));
        assert_eq!(pick("de;q=1, en;q=0.5, ru;q=0.7"), Some("ru"));
        assert_eq!(pick("fr"), Some("en"));
        assert_eq!(pick_edition(&[], "en"), None);
    }
}
