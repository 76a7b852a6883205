//! Starting an article: pick the edition and section, give a headline; the
//! draft is created and the editor opens on it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use dateline_domain::{ArticleSeo, ArticleStatus, NewArticle, Slug};
use dateline_store::StoreError;
use serde::{Deserialize, Serialize};

use super::view::{Choice, Desk};
use crate::auth::Permission;
use crate::error::ApiError;
use crate::newsroom::Chrome;
use crate::AppState;

/// How many `-2`, `-3`… suffixes to try when a headline's slug is taken.
const SLUG_ATTEMPTS: u32 = 20;

#[derive(Debug, Default, Deserialize, Serialize)]
pub(super) struct NewForm {
    #[serde(default)]
    section_id: String,
    #[serde(default)]
    headline: String,
}

#[derive(Serialize)]
struct NewView<'a> {
    #[serde(flatten)]
    chrome: &'a Chrome,
    form: &'a NewForm,
    sections: Vec<Choice>,
    error: Option<&'static str>,
}

/// `(edition id, section)` for every section this staff member may create in.
async fn sections(state: &AppState, desk: &Desk) -> Result<Vec<(i64, Choice)>, ApiError> {
    let mut out = Vec::new();
    // Retired editions take no new stories.
    for edition in state
        .store
        .editions()
        .await?
        .into_iter()
        .filter(|e| e.is_active())
    {
        if !desk.can(Permission::CreateArticle {
            edition_id: edition.id,
        }) {
            continue;
        }
        for s in state.store.sections(edition.id).await? {
            out.push((
                edition.id,
                Choice {
                    id: s.id,
                    label: format!("{} · {}", edition.name, s.title),
                },
            ));
        }
    }
    Ok(out)
}

async fn show(
    state: &AppState,
    desk: &Desk,
    form: &NewForm,
    status: StatusCode,
    error: Option<&'static str>,
) -> Result<Response, ApiError> {
    let sections = sections(state, desk).await?;
    let view = NewView {
        chrome: &desk.chrome,
        form,
        sections: sections.into_iter().map(|(_, c)| c).collect(),
        error,
    };
    desk.render(state, status, "newsroom/article_new.html", &view)
}

pub(super) async fn form(State(state): State<AppState>, desk: Desk) -> Result<Response, ApiError> {
    show(&state, &desk, &NewForm::default(), StatusCode::OK, None).await
}

pub(super) async fn submit(
    State(state): State<AppState>,
    desk: Desk,
    Form(form): Form<NewForm>,
) -> Result<Response, ApiError> {
    let choices = sections(&state, &desk).await?;
    let section = form
        .section_id
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| choices.iter().find(|(_, c)| c.id == id));
    let headline = form.headline.trim();
    let (Some((edition_id, section)), Some(slug)) = (section, Slug::from_title(headline)) else {
        let error = Some("desk-new-incomplete");
        return show(
            &state,
            &desk,
            &form,
            StatusCode::UNPROCESSABLE_ENTITY,
            error,
        )
        .await;
    };
    // Signed with the writer's own byline when it writes for the edition;
    // anything else is chosen in the editor.
    let own_byline = match state.store.author_of_user(desk.id()).await? {
        Some(author)
            if state
                .store
                .author_editions(author.id)
                .await?
                .contains(edition_id) =>
        {
            vec![author.id]
        }
        _ => Vec::new(),
    };
    let mut new = NewArticle {
        edition_id: *edition_id,
        section_id: section.id,
        slug: slug.clone(),
        headline: headline.to_owned(),
        lead: String::new(),
        body: Vec::new(),
        status: ArticleStatus::Draft,
        published_at: None,
        updated_at: crate::auth::now(),
        lead_media_id: None,
        translation_group: None,
        author_ids: own_byline,
        tags: Vec::new(),
        seo: ArticleSeo::default(),
    };
    let audit = desk.audit("article.create", 0);
    // Two stories may share a headline: a taken slug gets a number.
    for n in 2..SLUG_ATTEMPTS + 2 {
        match state
            .store
            .create_article_by(&new, Some(desk.id()), Some(&audit))
            .await
        {
            Ok(article) => {
                let to = crate::urls::newsroom::article(article.id);
                return Ok(Redirect::to(&to).into_response());
            }
            Err(StoreError::Duplicate { .. }) => {
                new.slug = format!("{}-{n}", slug.as_str())
                    .parse()
                    .map_err(|_| ApiError::internal("a numbered slug does not parse"))?;
            }
            Err(err) => return Err(err.into()),
        }
    }
    let error = Some("desk-new-slug-taken");
    show(&state, &desk, &form, StatusCode::CONFLICT, error).await
}
