//! `GET /newsroom/moderation/settings`: the word lists and each section's
//! moderation mode and closing period, with the forms that change them.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use dateline_domain::comment::{parse_moderation_word, ModerationMode, WordKind};
use dateline_store::comments::{ArticleCommentSettings, SectionCommentSettings};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{back_to, require_moderator};
use crate::auth::Staff;
use crate::error::{ApiError, ErrorCode};
use crate::newsroom::{render_page, Chrome, NewsroomLocale};
use crate::AppState;

const HERE: &str = crate::urls::newsroom::MODERATION_SETTINGS;

#[derive(Serialize)]
struct Word {
    id: i64,
    word: String,
    kind: &'static str,
}

#[derive(Serialize)]
struct SectionRow {
    id: i64,
    title: String,
    edition: String,
    mode: &'static str,
    close_after_days: Option<i64>,
}

#[derive(Serialize)]
struct SettingsView {
    #[serde(flatten)]
    chrome: Chrome,
    words: Vec<Word>,
    sections: Vec<SectionRow>,
}

fn invalid(field: &'static str, e: impl ToString) -> ApiError {
    ApiError::new(ErrorCode::InvalidInput, e.to_string()).with_field(field)
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
) -> Result<Response, ApiError> {
    require_moderator(&staff)?;
    let site = state.cache.site(&state.store).await?;
    let rules = state.store.section_comment_settings().await?;
    let words = state.store.moderation_words().await?;
    let sections = site
        .sections
        .iter()
        .flat_map(|(_, list)| list.iter())
        .map(|s| {
            let rule = rules.iter().find(|r| r.section_id == s.id);
            SectionRow {
                id: s.id,
                title: s.title.clone(),
                edition: site
                    .editions
                    .iter()
                    .find(|e| e.id == s.edition_id)
                    .map(|e| e.code.to_string())
                    .unwrap_or_default(),
                mode: rule.map_or("post", |r| r.mode.as_str()),
                close_after_days: rule.and_then(|r| r.close_after_days),
            }
        })
        .collect();
    let view = SettingsView {
        chrome: Chrome::new(&staff, "moderation"),
        words: words
            .into_iter()
            .map(|w| Word {
                id: w.id,
                word: w.word,
                kind: w.kind.as_str(),
            })
            .collect(),
        sections,
    };
    let locale = NewsroomLocale::from_headers(&state, &headers);
    render_page(
        &state,
        &locale,
        StatusCode::OK,
        "newsroom/moderation_settings.html",
        &view,
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct WordForm {
    #[serde(default)]
    word: String,
    #[serde(default)]
    kind: String,
}

pub async fn add_word(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<WordForm>,
) -> Result<Response, ApiError> {
    require_moderator(&staff)?;
    let word = parse_moderation_word(&form.word).map_err(|e| invalid("word", e))?;
    let kind: WordKind = form.kind.parse().map_err(|e| invalid("kind", e))?;
    let audit = staff
        .audit("moderation.word_add", "moderation_word", None)
        .details(json!({ "word": word, "kind": kind.as_str() }));
    state.store.add_moderation_word(&word, kind, &audit).await?;
    Ok(back_to(HERE))
}

pub async fn remove_word(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    require_moderator(&staff)?;
    let audit = staff.audit("moderation.word_remove", "moderation_word", Some(id));
    state.store.remove_moderation_word(id, &audit).await?;
    Ok(back_to(HERE))
}

#[derive(Debug, Default, Deserialize)]
pub struct SectionForm {
    #[serde(default)]
    mode: String,
    #[serde(default)]
    close_after_days: String,
}

pub async fn section(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<SectionForm>,
) -> Result<Response, ApiError> {
    require_moderator(&staff)?;
    let mode: ModerationMode = form.mode.parse().map_err(|e| invalid("mode", e))?;
    let close_after_days = match form.close_after_days.trim() {
        "" => None,
        raw => Some(
            raw.parse::<i64>()
                .ok()
                .filter(|d| (1..=3650).contains(d))
                .ok_or_else(|| {
                    invalid(
                        "close_after_days",
                        "a number of days from 1 to 3650, or empty",
                    )
                })?,
        ),
    };
    let audit = staff
        .audit("section.comments", "section", Some(id))
        .details(json!({ "mode": mode.as_str(), "close_after_days": close_after_days }));
    state
        .store
        .set_section_comment_settings(
            &SectionCommentSettings {
                section_id: id,
                mode,
                close_after_days,
            },
            &audit,
        )
        .await?;
    Ok(back_to(HERE))
}

#[derive(Debug, Default, Deserialize)]
pub struct ArticleForm {
    #[serde(default)]
    article_id: String,
    /// `pre`, `post`, or empty for the section's mode.
    #[serde(default)]
    mode: String,
    /// Present (any value) when comments are closed.
    closed: Option<String>,
    /// Where to go back to (a queue), else this page.
    #[serde(default)]
    queue: String,
}

/// `POST /newsroom/moderation/articles`: one story's override.
pub async fn article(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<ArticleForm>,
) -> Result<Response, ApiError> {
    require_moderator(&staff)?;
    let article_id: i64 = form
        .article_id
        .trim()
        .parse()
        .map_err(|_| invalid("article_id", "an article id"))?;
    let mode = match form.mode.trim() {
        "" => None,
        raw => Some(
            raw.parse::<ModerationMode>()
                .map_err(|e| invalid("mode", e))?,
        ),
    };
    let closed = form.closed.is_some();
    state
        .store
        .article_by_id(article_id)
        .await?
        .ok_or_else(|| {
            ApiError::new(ErrorCode::NotFound, "no such article").with_field("article_id")
        })?;
    let audit = staff
        .audit("article.comments", "article", Some(article_id))
        .details(json!({ "mode": mode.map(ModerationMode::as_str), "closed": closed }));
    state
        .store
        .set_article_comment_settings(article_id, ArticleCommentSettings { mode, closed }, &audit)
        .await?;
    Ok(back_to(&match form.queue.as_str() {
        queue @ ("pending" | "reported" | "rejected") => {
            crate::urls::newsroom::moderation_queue(queue)
        }
        _ => HERE.to_owned(),
    }))
}
