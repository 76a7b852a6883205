//! The media bank: the archive of an edition's pictures filtered by date and
//! section (`/{edition}/mediabank/`), and one asset's page with its caption,
//! credit, rights and the stories that use it (`/{edition}/mediabank/{id}`).
//! Both show only pictures readers may see (`crate::visibility`). With
//! `?q=` the archive searches the edition's public pictures through the
//! index (captions, credits, sources and the headlines of the public
//! stories using each), best match first, within the same filters.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Days, NaiveDate};
use dateline_domain::EditionCode;
use dateline_search::{
    Audience, Filters as SearchFilters, Kind, Order, QueryProblem, QueryText, SearchCursor,
    SearchRequest,
};
use dateline_store::events::CacheKey;
use dateline_store::MediaQuery;
use serde::{Deserialize, Serialize};

use super::view::{moved_permanently, PageQuery, Pager};
use crate::site::{
    card_media, respond, Card, DocumentLink, EditionCtx, Layout, MediaMap, Meta, PageError, Picture,
};
use crate::urls::query_escape;
use crate::urls::Urls;
use crate::visibility::public_picture;
use crate::AppState;

const PAGE_SIZE: u32 = 24;
const USAGE_LIMIT: u32 = 12;

/// `?q=words&from=YYYY-MM-DD&until=YYYY-MM-DD&section=slug&cursor=…`;
/// malformed dates and unknown sections are ignored rather than refused.
#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct ArchiveQuery {
    q: Option<String>,
    from: Option<String>,
    until: Option<String>,
    section: Option<String>,
    cursor: Option<String>,
}

#[derive(Serialize)]
struct ArchiveView {
    #[serde(flatten)]
    layout: Layout,
    filters: Filters,
    items: Vec<Picture>,
    #[serde(flatten)]
    pager: Pager,
    /// Set when the archive was searched (`q`).
    search: Option<Searched>,
}

#[derive(Serialize)]
struct Searched {
    total: usize,
    /// Catalog key of why the words could not be searched.
    problem: Option<&'static str>,
}

#[derive(Serialize)]
struct Filters {
    /// The words searched for, as typed (control characters as spaces).
    q: String,
    from: String,
    until: String,
    section: String,
    active: bool,
}

#[derive(Serialize)]
struct AssetView {
    #[serde(flatten)]
    layout: Layout,
    asset: Picture,
    usages: Vec<Card>,
}

pub(super) async fn archive(
    State(state): State<AppState>,
    Path(edition): Path<String>,
    Query(query): Query<ArchiveQuery>,
) -> Response {
    respond(
        &state,
        Some(&edition),
        archive_page(&state, &edition, &query).await,
    )
    .await
}

async fn archive_page(
    state: &AppState,
    code: &str,
    query: &ArchiveQuery,
) -> Result<Response, PageError> {
    let ctx = EditionCtx::load(state, code).await?;
    let words = query.q.as_deref().unwrap_or_default();
    let searching = !words.trim().is_empty();
    // A search's cursor is the index's, read below.
    let listing_query = ArchiveQuery {
        cursor: if searching {
            None
        } else {
            query.cursor.clone()
        },
        ..query.clone()
    };
    let (media_query, filters) = parse_filters(&ctx, &listing_query)?;
    let base = Urls::relative().media_bank(ctx.code());
    let path = filtered_path(&base, &filters);
    let mut media = MediaMap::fetch(state, ctx.edition.logo_media_id).await?;
    let (items, pager, search, status) = if searching {
        let found =
            search_pictures(state, &ctx, &media_query, words, query.cursor.as_deref()).await?;
        let pager = Pager {
            next_url: found.next.map(|c| format!("{path}&cursor={c}")),
            newest_url: query.cursor.is_some().then(|| path.clone()),
        };
        let status = if found.problem.is_some() {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::OK
        };
        let search = Searched {
            total: found.total,
            problem: found.problem,
        };
        let items: Vec<Picture> = found
            .assets
            .iter()
            .map(|a| Picture::new(a, ctx.code()))
            .collect();
        found.assets.into_iter().for_each(|a| media.insert(a));
        (items, pager, Some(search), status)
    } else {
        let after = media_query.after;
        let page = state.store.list_media(&media_query).await?;
        let items = page
            .items
            .iter()
            .map(|a| Picture::new(a, ctx.code()))
            .collect();
        page.items.iter().for_each(|a| media.insert(a.clone()));
        (
            items,
            Pager::new(&path, &page, after.is_none()),
            None,
            StatusCode::OK,
        )
    };

    let title = format!(
        "{} - {}",
        state.renderer.t(&ctx.locale, "mediabank", &[]),
        ctx.site_name()
    );
    let description = state.renderer.t(
        &ctx.locale,
        "mediabank-description",
        &[("edition", ctx.edition.name.as_str().into())],
    );
    let meta = Meta::new(title, description)
        .canonical(base)
        .paged(filters.active || pager.newest_url.is_some());
    let view = ArchiveView {
        layout: ctx.layout(state, "mediabank", meta, Some(&media)),
        filters,
        items,
        pager,
        search,
    };
    let mut response = ctx.render(state, "mediabank.html", &view)?;
    *response.status_mut() = status;
    Ok(response)
}

/// Pictures readers may see, best match first.
struct FoundPictures {
    assets: Vec<dateline_store::MediaAsset>,
    total: usize,
    next: Option<String>,
    problem: Option<&'static str>,
}

/// The edition's public pictures matching `words` within the archive's
/// filters (section, dates): the index finds them (caption, credit, source,
/// the public stories using each), the store confirms each is public.
async fn search_pictures(
    state: &AppState,
    ctx: &EditionCtx,
    filters: &MediaQuery,
    words: &str,
    cursor: Option<&str>,
) -> Result<FoundPictures, PageError> {
    let refused = |problem| FoundPictures {
        assets: Vec::new(),
        total: 0,
        next: None,
        problem: Some(problem),
    };
    let text = match QueryText::parse(words) {
        Ok(text) => text,
        Err(QueryProblem::TooLong) => return Ok(refused("search-problem-too-long")),
        Err(_) => return Ok(refused("search-problem-no-words")),
    };
    let after = match cursor.filter(|c| !c.is_empty()) {
        None => None,
        Some(raw) => match SearchCursor::decode(raw) {
            Some(cursor) => Some(cursor),
            None => return Ok(refused("search-problem-cursor")),
        },
    };
    let request = SearchRequest {
        text,
        audience: Audience::Public,
        filters: SearchFilters {
            edition_id: Some(ctx.edition.id),
            section_id: filters.section_id,
            kinds: vec![Kind::Picture],
            from: filters.from,
            until: filters.until,
            ..SearchFilters::default()
        },
        order: Order::Relevance,
        after,
        limit: PAGE_SIZE as usize,
        facets: false,
        now: crate::auth::now(),
    };
    let results = state.search.find(request).await?;
    let ids: Vec<i64> = results.hits.iter().map(|h| h.id).collect();
    let mut assets = state.store.media_by_ids(&ids).await?;
    assets.retain(|a| public_picture(a.id, a.is_public, &ctx.editions));
    assets.sort_by_key(|a| ids.iter().position(|id| *id == a.id));
    Ok(FoundPictures {
        assets,
        total: results.total,
        next: results.next.map(|c| c.encode()),
        problem: None,
    })
}

/// The store query and the filters as the form shows them.
fn parse_filters(
    ctx: &EditionCtx,
    query: &ArchiveQuery,
) -> Result<(MediaQuery, Filters), PageError> {
    let date = |s: &Option<String>| {
        s.as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    let (from, until) = (date(&query.from), date(&query.until));
    let section = query
        .section
        .as_deref()
        .and_then(|s| ctx.section_by_slug(s));
    let after = PageQuery {
        cursor: query.cursor.clone(),
    }
    .cursor()?;
    let tz = ctx.edition.time_zone.tz();
    let media_query = MediaQuery {
        // Readers: only pictures they may see.
        include_hidden: false,
        edition_id: Some(ctx.edition.id),
        section_id: section.map(|s| s.id),
        from: from.map(|d| dateline_render::local_midnight(d, tz)),
        // `until` is inclusive for readers: up to the end of that day.
        until: until
            .and_then(|d| d.checked_add_days(Days::new(1)))
            .map(|d| dateline_render::local_midnight(d, tz)),
        limit: PAGE_SIZE,
        after,
    };
    let q: String = (query.q.as_deref().unwrap_or_default().chars())
        .map(|c| {
            if c.is_control() || dateline_domain::is_forbidden_char(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let filters = Filters {
        active: from.is_some() || until.is_some() || section.is_some() || !q.trim().is_empty(),
        q,
        from: from.map(|d| d.to_string()).unwrap_or_default(),
        until: until.map(|d| d.to_string()).unwrap_or_default(),
        section: section.map(|s| s.slug.to_string()).unwrap_or_default(),
    };
    Ok((media_query, filters))
}

/// The archive path with the active filters, for pagination links.
fn filtered_path(base: &str, f: &Filters) -> String {
    let params: Vec<String> = [
        ("q", &f.q),
        ("from", &f.from),
        ("until", &f.until),
        ("section", &f.section),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}", query_escape(v)))
    .collect();
    if params.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", params.join("&"))
    }
}

pub(super) async fn asset(
    State(state): State<AppState>,
    Path((edition, id)): Path<(String, String)>,
) -> Response {
    respond(
        &state,
        Some(&edition),
        asset_page(&state, &edition, &id).await,
    )
    .await
}

async fn asset_page(state: &AppState, code: &str, id: &str) -> Result<Response, PageError> {
    let ctx = EditionCtx::load(state, code).await?;
    let id: i64 = id
        .parse()
        .map_err(|_| PageError::not_found("media asset"))?;
    let asset = state.store.media_by_id(id).await?;
    // A picture readers may not see answers as one that does not exist
    // (before the redirect below, which would tell).
    let asset = asset
        .filter(|a| public_picture(a.id, a.is_public, &ctx.editions))
        .ok_or_else(|| PageError::not_found("media asset"))?;
    // An asset filed under another edition lives at that edition's address.
    if let Some(home) = asset.edition_id.filter(|e| *e != ctx.edition.id) {
        let home_code = ctx.edition_code(home);
        if home_code != ctx.code() {
            let target = Urls::relative().media_page(home_code, id);
            let mut keys = ctx.keys();
            keys.add(CacheKey::Media(id));
            return Ok(keys.attach(moved_permanently(&target)));
        }
    }
    let usages = state.store.media_usage(id, USAGE_LIMIT).await?;
    let mut media = MediaMap::fetch(
        state,
        card_media(&usages)
            .into_iter()
            .chain(ctx.edition.logo_media_id),
    )
    .await?;
    let picture = Picture::new(&asset, ctx.code());
    media.insert(asset);
    let mut keys = ctx.keys();
    keys.add(CacheKey::Media(id))
        .add(CacheKey::MediaUse(id))
        .cards(&usages)
        .media(media.ids());

    let name = match picture.caption.as_str() {
        "" => state
            .renderer
            .t(&ctx.locale, "mediabank-asset", &[("id", id.into())]),
        caption => caption.to_owned(),
    };
    let mut meta = Meta::new(
        format!("{name} - {}", ctx.site_name()),
        picture.credit.clone(),
    )
    .canonical(picture.mediabank_url.clone());
    meta.image = Some(crate::site::MetaImage {
        url: picture.src.clone(),
        width: picture.width,
        height: picture.height,
        alt: match picture.alt_text.as_str() {
            "" => name,
            alt => alt.to_owned(),
        },
    });
    let urls = Urls::new(&state.config.base_url);
    meta.documents = DocumentLink::ninjs(|version| urls.ninjs_picture(id, version));
    let usages = usages
        .iter()
        .map(|c| Card::new(c, ctx.edition_code(c.edition_id), &media))
        .collect();
    let view = AssetView {
        layout: ctx.layout(state, "media", meta, Some(&media)),
        asset: picture,
        usages,
    };
    Ok(keys.attach(ctx.render(state, "media.html", &view)?))
}

/// `/{edition}/mediabank` → `/{edition}/mediabank/`.
pub(super) async fn add_slash(
    State(state): State<AppState>,
    Path(edition): Path<String>,
) -> Response {
    match edition.parse::<EditionCode>() {
        Ok(code) => moved_permanently(&Urls::relative().media_bank(&code)),
        Err(_) => respond(&state, None, Err(PageError::not_found("edition"))).await,
    }
}
