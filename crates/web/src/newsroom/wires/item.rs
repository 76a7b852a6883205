//! `GET /newsroom/wires/{id}`: one item, as the provider sent it (body
//! sanitised when it was taken in), with its copies and the drafts made
//! from it; `POST …/draft` makes a draft of it in a chosen section, keeping
//! source, credit and the provider's ids beside the story.
//! `POST /newsroom/articles/{id}/wire-seen` clears a draft's "newer
//! version" flag once the editor has looked.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use dateline_import::ingest::{alt_ids_of, draft_of, pictures_of, subjects_of};
use dateline_store::wires::{WireItemRecord, WireListRow};
use dateline_store::StoreError;
use serde::Serialize;

use super::{now, When};
use crate::auth::{Permission, Staff};
use crate::error::ApiError;
use crate::newsroom::form::FormData;
use crate::newsroom::pages::{render_form_page, Chrome};
use crate::urls::newsroom as nr;
use crate::AppState;

#[derive(Serialize)]
struct Place {
    /// `{edition id}:{section id}`.
    value: String,
    section: String,
}

#[derive(Serialize)]
struct EditionPlaces {
    edition: String,
    places: Vec<Place>,
}

#[derive(Serialize)]
struct Picture {
    href: String,
    caption: String,
    credit: String,
    size: Option<String>,
}

#[derive(Serialize)]
struct AltIdView {
    kind: String,
    value: String,
}

#[derive(Serialize)]
struct Copy {
    id: i64,
    source: String,
    updated: When,
}

#[derive(Serialize)]
struct DraftView {
    article_id: i64,
    headline: String,
    status: String,
    item_version: i64,
    outdated: bool,
}

#[derive(Serialize)]
struct ItemView {
    id: i64,
    source: String,
    guid: String,
    version: i64,
    format: String,
    kind: String,
    pub_status: String,
    headline: String,
    lead: String,
    body_html: String,
    byline: String,
    credit: String,
    copyright: String,
    usage_terms: String,
    language: String,
    urgency: Option<i64>,
    subjects: Vec<String>,
    link: Option<String>,
    pictures: Vec<Picture>,
    alt_ids: Vec<AltIdView>,
    provider: String,
    first_created: Option<When>,
    version_created: Option<When>,
    embargoed_until: Option<When>,
    embargoed: bool,
    received: When,
    updated: When,
    duplicate_of: Option<i64>,
}

#[derive(Serialize)]
struct View {
    #[serde(flatten)]
    chrome: Chrome,
    item: ItemView,
    copies: Vec<Copy>,
    drafts: Vec<DraftView>,
    editions: Vec<EditionPlaces>,
    /// The place preselected: the first section of an edition in the
    /// item's language.
    chosen: String,
    error: Option<&'static str>,
}

/// Only web addresses become links on the page.
fn web_link(href: &str) -> Option<String> {
    let url = url::Url::parse(href).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

fn item_view(item: WireItemRecord, now: i64) -> ItemView {
    let c = item.content;
    ItemView {
        pictures: pictures_of(&c.pictures)
            .into_iter()
            .filter_map(|p| {
                Some(Picture {
                    href: web_link(&p.href)?,
                    caption: p.caption,
                    credit: p.credit,
                    size: p.width.zip(p.height).map(|(w, h)| format!("{w} × {h}")),
                })
            })
            .collect(),
        alt_ids: alt_ids_of(&c.alt_ids)
            .into_iter()
            .map(|a| AltIdView {
                kind: a.kind,
                value: a.value,
            })
            .collect(),
        subjects: subjects_of(&c.subjects),
        link: web_link(&c.link),
        embargoed: c.embargoed_until.is_some_and(|t| t > now),
        first_created: When::maybe(c.first_created),
        version_created: When::maybe(c.version_created),
        embargoed_until: When::maybe(c.embargoed_until),
        received: When::of(item.received_at),
        updated: When::of(item.updated_at),
        id: item.id,
        source: item.source_name,
        guid: item.guid,
        version: item.version,
        format: c.format,
        kind: c.kind,
        pub_status: c.pub_status,
        headline: c.headline,
        lead: c.lead,
        body_html: c.body_html,
        byline: c.byline,
        credit: c.credit,
        copyright: c.copyright,
        usage_terms: c.usage_terms,
        language: c.language,
        urgency: c.urgency,
        provider: c.provider,
        duplicate_of: item.duplicate_of,
    }
}

async fn render(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    id: i64,
    error: Option<&'static str>,
) -> Result<Response, ApiError> {
    let item = match state.store.wire_item(id).await {
        Ok(item) => item,
        Err(StoreError::NotFound) => return Err(ApiError::not_found("wire item")),
        Err(e) => return Err(e.into()),
    };
    let (copies, drafts, editions) = tokio::try_join!(
        state.store.wire_copies(id),
        state.store.wire_drafts_of(id),
        state.store.editions(),
    )?;
    let primary = item
        .content
        .language
        .split('-')
        .next()
        .unwrap_or("")
        .to_lowercase();
    let mut chosen = String::new();
    let mut places = Vec::new();
    for edition in editions {
        if !staff.can(Permission::CreateArticle {
            edition_id: edition.id,
        }) {
            continue;
        }
        let sections = state.store.sections(edition.id).await?;
        let edition_primary = edition
            .language
            .as_str()
            .split('-')
            .next()
            .unwrap_or("")
            .to_lowercase();
        if chosen.is_empty() && !primary.is_empty() && edition_primary == primary {
            if let Some(first) = sections.first() {
                chosen = format!("{}:{}", edition.id, first.id);
            }
        }
        places.push(EditionPlaces {
            edition: format!("{} ({})", edition.name, edition.code),
            places: sections
                .into_iter()
                .map(|s| Place {
                    value: format!("{}:{}", edition.id, s.id),
                    section: s.title,
                })
                .collect(),
        });
    }
    let version = item.version;
    let view = View {
        chrome: Chrome::new(staff, "wires"),
        copies: copies
            .into_iter()
            .filter(|c: &WireListRow| c.id != id)
            .map(|c| Copy {
                id: c.id,
                source: c.source_name,
                updated: When::of(c.updated_at),
            })
            .collect(),
        drafts: drafts
            .into_iter()
            .map(|d| DraftView {
                article_id: d.article_id,
                headline: d.headline,
                status: d.status,
                item_version: d.item_version,
                outdated: d.item_version < version,
            })
            .collect(),
        item: item_view(item, now()),
        editions: places,
        chosen,
        error,
    };
    render_form_page(
        state,
        headers,
        error.is_some(),
        "newsroom/wire_item.html",
        &view,
    )
}

pub(super) async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    staff.require(Permission::ReadWires)?;
    render(&state, &headers, &staff, id, None).await
}

/// Slug endings tried in turn when the headline's slug is taken.
fn slug_suffixes(item: &WireItemRecord) -> [Option<String>; 4] {
    [
        None,
        Some(format!("{}", item.id)),
        Some(format!("{}-{}", item.id, item.version)),
        Some(format!("{}-{}", item.id, now())),
    ]
}

pub(super) async fn make_draft(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, ApiError> {
    staff.require(Permission::ReadWires)?;
    let item = match state.store.wire_item(id).await {
        Ok(item) => item,
        Err(StoreError::NotFound) => return Err(ApiError::not_found("wire item")),
        Err(e) => return Err(e.into()),
    };
    if item.content.pub_status == "canceled" {
        return render(&state, &headers, &staff, id, Some("wire-error-canceled")).await;
    }
    let place = form
        .get("place")
        .split_once(':')
        .and_then(|(e, s)| Some((e.parse::<i64>().ok()?, s.parse::<i64>().ok()?)));
    let Some((edition_id, section_id)) = place else {
        return render(&state, &headers, &staff, id, Some("wire-error-place")).await;
    };
    staff.require(Permission::CreateArticle { edition_id })?;
    let audit = staff.audit("article.create_from_wire", "article", None);
    for suffix in slug_suffixes(&item) {
        let Ok(draft) = draft_of(&item, edition_id, section_id, suffix.as_deref(), now()) else {
            return render(&state, &headers, &staff, id, Some("wire-error-invalid")).await;
        };
        match state
            .store
            .create_wire_draft(id, &draft, staff.id(), &audit)
            .await
        {
            Ok(article) => return Ok(Redirect::to(&nr::article(article.id)).into_response()),
            Err(StoreError::Duplicate {
                what: "article slug",
            }) => continue,
            Err(StoreError::MissingReference { .. }) => {
                return render(&state, &headers, &staff, id, Some("wire-error-place")).await
            }
            Err(StoreError::Invalid(_)) => {
                return render(&state, &headers, &staff, id, Some("wire-error-invalid")).await
            }
            Err(e) => return Err(e.into()),
        }
    }
    render(&state, &headers, &staff, id, Some("wire-error-slug")).await
}

/// `POST /newsroom/articles/{id}/wire-seen`: the editor has seen the
/// item's newer version.
pub(crate) async fn acknowledge(
    State(state): State<AppState>,
    staff: Staff,
    Path(article_id): Path<i64>,
) -> Result<Response, ApiError> {
    let article = state
        .store
        .article_by_id(article_id)
        .await?
        .ok_or_else(|| ApiError::not_found("article"))?;
    staff.require(Permission::EditArticle(crate::auth::ArticleRef::from(
        &article,
    )))?;
    match state.store.acknowledge_wire_update(article_id).await {
        Ok(()) => Ok(Redirect::to(&nr::article(article_id)).into_response()),
        Err(StoreError::NotFound) => Err(ApiError::not_found("wire origin")),
        Err(e) => Err(e.into()),
    }
}
