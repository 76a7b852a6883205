//! What the article pages share: the [`Desk`] (who is asking, in which
//! language, with the page chrome), loading an article they may touch, and
//! the editor's view model.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::Response;
use dateline_domain::ArticleStatus;
use dateline_store::{Article, Correction, Edition, Section};
use serde::Serialize;

use super::form::{EditorForm, FieldError, BLOCK_KINDS};
use super::seo_form::SeoSection;
use super::versions::TranslationDesk;
use crate::auth::{ArticleRef, Permission, Staff};
use crate::error::{ApiError, ErrorCode};
use crate::newsroom::{render_page, Chrome, NewsroomLocale};
use crate::urls::Urls;
use crate::AppState;

/// A signed-in staff member on an article page.
pub(crate) struct Desk {
    pub staff: Staff,
    pub locale: NewsroomLocale,
    pub chrome: Chrome,
}

impl FromRequestParts<AppState> for Desk {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let staff = Staff::from_request_parts(parts, state).await?;
        Ok(Self {
            locale: NewsroomLocale::from_headers(state, &parts.headers),
            chrome: Chrome::new(&staff, "articles"),
            staff,
        })
    }
}

impl Desk {
    pub fn id(&self) -> i64 {
        self.staff.id()
    }

    pub fn can(&self, permission: Permission) -> bool {
        self.staff.can(permission)
    }

    /// An audit entry about article `id` by this staff member.
    pub fn audit(&self, action: &str, id: i64) -> dateline_store::NewAudit {
        self.staff.audit(action, "article", Some(id))
    }

    pub fn render<T: Serialize>(
        &self,
        state: &AppState,
        status: StatusCode,
        template: &str,
        view: &T,
    ) -> Result<Response, ApiError> {
        render_page(state, &self.locale, status, template, view)
    }
}

/// The article, if it exists and `desk` may see it and do `permission`
/// (built from the article) with it. An article one may not even see is
/// "not found", so that its existence does not leak.
pub(crate) async fn article_for(
    state: &AppState,
    desk: &Desk,
    id: i64,
    permission: impl Fn(ArticleRef) -> Permission,
) -> Result<Article, ApiError> {
    let article = state
        .store
        .article_by_id(id)
        .await?
        .ok_or_else(|| ApiError::not_found("article"))?;
    let r = ArticleRef::from(&article);
    if !desk.can(Permission::ReadArticle(r)) {
        return Err(ApiError::not_found("article"));
    }
    desk.staff.require(permission(r))?;
    Ok(article)
}

pub(crate) fn conflict() -> ApiError {
    ApiError::new(
        ErrorCode::Conflict,
        "someone else saved this article after you opened it; reload it and apply your change again",
    )
}

#[derive(Serialize)]
pub(crate) struct Choice {
    pub id: i64,
    pub label: String,
}

#[derive(Serialize)]
pub(crate) struct ArticleInfo {
    pub id: i64,
    pub status: ArticleStatus,
    pub version: i64,
    pub edition_code: String,
    pub edition_name: String,
    pub time_zone: String,
    pub published_at: Option<i64>,
    pub scheduled_at: Option<i64>,
    /// `YYYY-MM-DDTHH:MM` in the edition's zone, for a `datetime-local` field.
    pub scheduled_local: String,
    pub updated_at: i64,
    pub corrections: Vec<Correction>,
    /// Where readers find it, when they can.
    pub public_url: Option<String>,
    pub url: String,
}

/// Everything the editor page shows.
#[derive(Serialize)]
pub(crate) struct EditorView<'a> {
    #[serde(flatten)]
    pub chrome: &'a Chrome,
    pub article: ArticleInfo,
    pub form: EditorForm,
    pub errors: Vec<FieldError>,
    /// Catalog id of a message above the form (saved, conflict, …).
    pub notice: Option<&'static str>,
    pub conflict: bool,
    pub sections: Vec<Choice>,
    pub authors: Vec<Choice>,
    pub block_kinds: &'static [&'static str],
    pub can_edit: bool,
    /// Statuses this staff member may move the article to now.
    pub next_steps: Vec<ArticleStatus>,
    /// A correction note being typed, kept when the move was refused.
    pub correction: String,
    /// The "Search and social" section's counters and defaults.
    pub seo: SeoSection,
    /// The story is public and this staff member may send it as a
    /// breaking-news alert (`/newsroom/articles/{id}/alert`).
    pub can_alert: bool,
    /// Where the story came from, when it began as a wire item.
    pub wire: Option<WireOriginView>,
    /// The story's other editions: the panel and the source pane.
    pub translation: TranslationDesk,
}

/// A story's wire provenance, as the editor shows it.
#[derive(Debug, Serialize)]
pub(crate) struct WireOriginView {
    pub item_id: Option<i64>,
    pub source: String,
    pub guid: String,
    pub version: i64,
    pub credit: String,
    pub alt_ids: Vec<(String, String)>,
    /// The item's version now, when it is newer than the draft's.
    pub newer: Option<i64>,
}

impl WireOriginView {
    fn of(origin: dateline_store::wires::WireOrigin) -> Self {
        Self {
            newer: origin.current_version.filter(|_| origin.has_update()),
            alt_ids: dateline_import::ingest::alt_ids_of(&origin.alt_ids)
                .into_iter()
                .map(|a| (a.kind, a.value))
                .collect(),
            item_id: origin.item_id,
            source: origin.source_name,
            guid: origin.guid,
            version: origin.item_version,
            credit: origin.credit,
        }
    }
}

impl<'a> EditorView<'a> {
    pub async fn build(
        state: &AppState,
        desk: &'a Desk,
        article: &Article,
        form: EditorForm,
    ) -> Result<Self, ApiError> {
        Self::build_beside(state, desk, article, form, None).await
    }

    /// [`EditorView::build`] with version `source` of the story in the
    /// source pane (when it is one this staff member may read).
    pub async fn build_beside(
        state: &AppState,
        desk: &'a Desk,
        article: &Article,
        form: EditorForm,
        source: Option<i64>,
    ) -> Result<Self, ApiError> {
        let store = &state.store;
        let translation = TranslationDesk::build(state, desk, article, source).await?;
        let (edition, sections, authors, wire) = tokio::try_join!(
            store.edition_by_id(article.edition_id),
            store.sections(article.edition_id),
            store.authors_of_edition(article.edition_id),
            store.wire_origin(article.id),
        )?;
        // The edition's authors, and whoever already signs the story (an
        // author may since have left the edition).
        let mut authors = authors;
        for signed in &article.authors {
            if !authors.iter().any(|a| a.id == signed.id) {
                authors.push(signed.clone());
            }
        }
        let edition = edition.ok_or_else(|| ApiError::not_found("edition"))?;
        let r = ArticleRef::from(article);
        let own_url = sections
            .iter()
            .find(|s| s.id == article.section_id)
            .map(|s| {
                Urls::new(&state.config.base_url).article(&edition.code, &s.slug, &article.slug)
            })
            .unwrap_or_default();
        Ok(Self {
            chrome: &desk.chrome,
            article: info(&edition, &sections, article),
            seo: SeoSection::new(&form.seo, own_url),
            form,
            errors: Vec::new(),
            notice: None,
            conflict: false,
            sections: sections
                .iter()
                .map(|s| Choice {
                    id: s.id,
                    label: s.title.clone(),
                })
                .collect(),
            authors: authors
                .iter()
                .map(|a| Choice {
                    id: a.id,
                    label: a.name.clone(),
                })
                .collect(),
            block_kinds: &BLOCK_KINDS,
            can_edit: desk.can(Permission::EditArticle(r)),
            next_steps: article
                .status
                .next_steps()
                .into_iter()
                .filter(|next| desk.can(Permission::MoveArticle(r, *next)))
                .collect(),
            correction: String::new(),
            can_alert: article.status.is_public()
                && desk.can(Permission::SendAlert {
                    edition_id: article.edition_id,
                }),
            wire: wire.map(WireOriginView::of),
            translation,
        })
    }

    /// Shows why a save was refused, field by field.
    pub fn show_errors(&mut self, errors: Vec<FieldError>) {
        self.seo.show_errors(&errors);
        self.errors = errors;
    }
}

pub(crate) fn info(edition: &Edition, sections: &[Section], article: &Article) -> ArticleInfo {
    let tz = edition.time_zone.tz();
    let scheduled_local = article
        .scheduled_at
        .and_then(|at| chrono::DateTime::from_timestamp(at, 0))
        .map(|at| at.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default();
    let public_url = sections
        .iter()
        .find(|s| s.id == article.section_id)
        .filter(|_| article.status.is_public())
        .map(|s| Urls::relative().article(&edition.code, &s.slug, &article.slug));
    ArticleInfo {
        id: article.id,
        status: article.status,
        version: article.version,
        edition_code: edition.code.as_str().to_owned(),
        edition_name: edition.name.clone(),
        time_zone: edition.time_zone.as_str().to_owned(),
        published_at: article.published_at,
        scheduled_at: article.scheduled_at,
        scheduled_local,
        updated_at: article.updated_at,
        corrections: article.corrections.clone(),
        public_url,
        url: crate::urls::newsroom::article(article.id),
    }
}
