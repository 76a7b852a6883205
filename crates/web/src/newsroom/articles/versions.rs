//! The editor's translation desk: the "Translations" panel (every edition,
//! with its version's status or a "Translate" form) and the source pane
//! (another version of the story, read-only, block by block beside the
//! form), both drawn from the story's translation group.

use dateline_domain::{ArticleStatus, BodyBlock};
use dateline_store::{Article, ArticleCard, Edition, GroupVersion, MediaAsset, Section};
use serde::Serialize;

use super::translate::default_section;
use super::view::Desk;
use crate::auth::{ArticleRef, Permission};
use crate::distribution::body::{self, BodyRefs};
use crate::error::ApiError;
use crate::urls::Urls;
use crate::AppState;

/// One edition's line in the panel.
#[derive(Debug, Serialize)]
pub(crate) struct VersionRow {
    pub edition_code: String,
    pub edition_name: String,
    /// The version's status; `None` when the edition has none.
    pub status: Option<ArticleStatus>,
    /// The version's editor, when this staff member may open it.
    pub url: Option<String>,
    /// The version on this page.
    pub current: bool,
    /// Where a translation into this edition can be started from, with
    /// its sections, when the edition lacks a version and this staff
    /// member may create stories there.
    pub translate: Option<TranslateChoice>,
}

#[derive(Debug, Serialize)]
pub(crate) struct TranslateChoice {
    pub action: String,
    pub sections: Vec<SectionChoice>,
}

#[derive(Debug, Serialize)]
pub(crate) struct SectionChoice {
    pub slug: String,
    pub title: String,
    pub selected: bool,
}

/// A version the pane can show, for its select.
#[derive(Debug, Serialize)]
pub(crate) struct PaneChoice {
    pub id: i64,
    pub label: String,
    pub selected: bool,
}

/// One block of the source, as the reader would see it.
#[derive(Debug, Serialize)]
pub(crate) struct PaneBlock {
    pub n: usize,
    pub kind: &'static str,
    pub html: String,
}

/// The source version, read-only.
#[derive(Debug, Serialize)]
pub(crate) struct SourcePane {
    pub article_id: i64,
    pub edition_name: String,
    pub lang: String,
    pub dir: &'static str,
    pub headline: String,
    pub lead: String,
    pub lead_picture: String,
    pub blocks: Vec<PaneBlock>,
    pub choices: Vec<PaneChoice>,
    /// The editor's own address, where the select sends `?source=`.
    pub action: String,
}

/// What the editor shows of the story's other editions.
#[derive(Debug, Serialize)]
pub(crate) struct TranslationDesk {
    /// The form's language and direction: the story's edition's.
    pub lang: String,
    pub dir: &'static str,
    pub versions: Vec<VersionRow>,
    pub source: Option<SourcePane>,
}

/// What a body block is called in the editor (`block-…` in the catalogs).
fn kind_of(block: &BodyBlock) -> &'static str {
    match block {
        BodyBlock::Paragraph { .. } => "paragraph",
        BodyBlock::Heading { .. } => "heading",
        BodyBlock::Quote { .. } => "quote",
        BodyBlock::List { .. } => "list",
        BodyBlock::Image { .. } => "image",
        BodyBlock::Related { .. } => "related",
        BodyBlock::Embed { .. } => "embed",
    }
}

/// The source's pictures and related stories, loaded for the pane.
struct PaneRefs<'a> {
    media: Vec<MediaAsset>,
    related: Vec<ArticleCard>,
    editions: &'a [Edition],
}

impl BodyRefs for PaneRefs<'_> {
    fn picture(&self, id: i64) -> Option<&MediaAsset> {
        self.media.iter().find(|m| m.id == id)
    }

    fn related(&self, article_id: i64) -> Option<(String, String)> {
        let card = self.related.iter().find(|c| c.id == article_id)?;
        let edition = self.editions.iter().find(|e| e.id == card.edition_id)?;
        let url = Urls::relative().article(&edition.code, &card.section_slug, &card.slug);
        Some((url, card.headline.clone()))
    }
}

fn visible(desk: &Desk, v: &GroupVersion) -> bool {
    desk.can(Permission::ReadArticle(ArticleRef {
        edition_id: v.edition_id,
        created_by: v.created_by,
        status: v.status,
    }))
}

impl TranslationDesk {
    /// The panel and, when the story has other versions this staff member
    /// may read, the pane with `wanted` (else the version it was translated
    /// from, else the earliest published one, else the first).
    pub async fn build(
        state: &AppState,
        desk: &Desk,
        article: &Article,
        wanted: Option<i64>,
    ) -> Result<Self, ApiError> {
        let store = &state.store;
        let editions = store.editions().await?;
        let versions: Vec<GroupVersion> = store
            .versions_of(&[article.id])
            .await?
            .into_iter()
            .map(|(_, v)| v)
            .collect();
        let own_section = store
            .sections(article.edition_id)
            .await?
            .into_iter()
            .find(|s| s.id == article.section_id);
        let mut rows = Vec::with_capacity(editions.len());
        for edition in &editions {
            let version = versions.iter().find(|v| v.edition_id == edition.id);
            // A retired edition takes no new stories: listed only when it
            // holds a version.
            if version.is_none() && !edition.is_active() {
                continue;
            }
            let translate = match version {
                None if desk.can(Permission::CreateArticle {
                    edition_id: edition.id,
                }) =>
                {
                    let sections = store.sections(edition.id).await?;
                    translate_choice(article.id, &sections, own_section.as_ref())
                }
                _ => None,
            };
            rows.push(VersionRow {
                edition_code: edition.code.as_str().to_owned(),
                edition_name: edition.name.clone(),
                status: version.map(|v| v.status),
                url: version
                    .filter(|v| visible(desk, v))
                    .map(|v| crate::urls::newsroom::article(v.article_id)),
                current: version.is_some_and(|v| v.article_id == article.id),
                translate,
            });
        }
        let own_edition = editions.iter().find(|e| e.id == article.edition_id);
        let others: Vec<&GroupVersion> = versions
            .iter()
            .filter(|v| v.article_id != article.id && visible(desk, v))
            .collect();
        let chosen = match wanted.filter(|id| others.iter().any(|v| v.article_id == *id)) {
            Some(id) => Some(id),
            None => default_source(state, article.id, &others).await?,
        };
        let source = match chosen {
            Some(id) => pane(state, &editions, &others, id, article.id).await?,
            None => None,
        };
        Ok(Self {
            lang: own_edition.map_or_else(String::new, |e| e.language.as_str().to_owned()),
            dir: own_edition.map_or("ltr", |e| e.direction.as_str()),
            versions: rows,
            source,
        })
    }
}

fn translate_choice(
    article_id: i64,
    sections: &[Section],
    own: Option<&Section>,
) -> Option<TranslateChoice> {
    let preselected = match own {
        Some(own) => default_section(sections, &own.slug),
        None => sections.first(),
    }?;
    Some(TranslateChoice {
        action: crate::urls::newsroom::article_translations(article_id),
        sections: sections
            .iter()
            .map(|s| SectionChoice {
                slug: s.slug.as_str().to_owned(),
                title: s.title.clone(),
                selected: s.id == preselected.id,
            })
            .collect(),
    })
}

/// The version this one was translated from, else the earliest published,
/// else the first in edition order.
async fn default_source(
    state: &AppState,
    article_id: i64,
    others: &[&GroupVersion],
) -> Result<Option<i64>, ApiError> {
    if others.is_empty() {
        return Ok(None);
    }
    if let Some(from) = state.store.translated_from(article_id).await? {
        if others.iter().any(|v| v.article_id == from) {
            return Ok(Some(from));
        }
    }
    let earliest = others
        .iter()
        .filter(|v| v.status.is_public())
        .filter_map(|v| v.published_at.map(|at| (at, v.article_id)))
        .min()
        .map(|(_, id)| id);
    Ok(earliest.or_else(|| others.first().map(|v| v.article_id)))
}

async fn pane(
    state: &AppState,
    editions: &[Edition],
    others: &[&GroupVersion],
    source_id: i64,
    article_id: i64,
) -> Result<Option<SourcePane>, ApiError> {
    let store = &state.store;
    let Some(source) = store.article_by_id(source_id).await? else {
        return Ok(None);
    };
    let Some(edition) = editions.iter().find(|e| e.id == source.edition_id) else {
        return Ok(None);
    };
    let mut media_ids: Vec<i64> = source.lead_media_id.into_iter().collect();
    let mut related_ids = Vec::new();
    for block in &source.body {
        match block {
            BodyBlock::Image { media_id, .. } => media_ids.push(*media_id),
            BodyBlock::Related { article_id } => related_ids.push(*article_id),
            _ => {}
        }
    }
    let refs = PaneRefs {
        media: store.media_by_ids(&media_ids).await?,
        related: store.article_cards(&related_ids).await?,
        editions,
    };
    let urls = Urls::relative();
    let lead_picture = source
        .lead_media_id
        .and_then(|id| refs.picture(id))
        .map(|asset| body::figure_html(asset, &asset.caption, urls))
        .unwrap_or_default();
    let blocks = source
        .body
        .iter()
        .enumerate()
        .map(|(i, block)| PaneBlock {
            n: i + 1,
            kind: kind_of(block),
            html: body::html(std::slice::from_ref(block), &refs, urls),
        })
        .collect();
    let choices = others
        .iter()
        .filter_map(|v| {
            let e = editions.iter().find(|e| e.id == v.edition_id)?;
            Some(PaneChoice {
                id: v.article_id,
                label: e.name.clone(),
                selected: v.article_id == source_id,
            })
        })
        .collect();
    Ok(Some(SourcePane {
        article_id: source.id,
        edition_name: edition.name.clone(),
        lang: edition.language.as_str().to_owned(),
        dir: edition.direction.as_str(),
        headline: source.headline,
        lead: source.lead,
        lead_picture,
        blocks,
        choices,
        action: crate::urls::newsroom::article(article_id),
    }))
}
