//! One form for a new byline and for changing one. A refused form comes
//! back as typed, with the reason on its field, in the staff member's
//! language; nothing is saved.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use dateline_domain::{AuthorProfile, NewAuthor, Slug};
use dateline_store::{Author, AuthorUpdate, StoreError};
use serde::Serialize;

use crate::auth::{Permission, Staff};
use crate::error::ApiError;
use crate::newsroom::form::FormData;
use crate::newsroom::media::Thumb;
use crate::newsroom::pages::{render_page, Chrome, NewsroomLocale};
use crate::AppState;

/// The form's fields as typed.
#[derive(Debug, Clone, Default, Serialize)]
struct Typed {
    name: String,
    /// New authors only: the slug cannot change afterwards.
    slug: String,
    bio: String,
    /// A media-bank picture number.
    photo: String,
    /// One address per line.
    links: String,
    /// A staff account id, or empty.
    user: String,
    editions: Vec<i64>,
}

impl Typed {
    fn read(form: &FormData) -> Self {
        Self {
            name: form.get("name").to_owned(),
            slug: form.get("slug").to_owned(),
            bio: form.get("bio").to_owned(),
            photo: form.get("photo").to_owned(),
            links: form.get("links").to_owned(),
            user: form.get("user").to_owned(),
            editions: form
                .all("editions")
                .filter_map(|e| e.parse().ok())
                .collect(),
        }
    }

    fn of(author: &Author, editions: Vec<i64>) -> Self {
        Self {
            name: author.name.clone(),
            slug: author.slug.to_string(),
            bio: author.bio.clone(),
            photo: author
                .photo_media_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            links: author.links.join("\n"),
            user: author.user_id.map(|id| id.to_string()).unwrap_or_default(),
            editions,
        }
    }

    /// The profile, or the field that is wrong and why (a message name).
    fn profile(&self) -> Result<AuthorProfile, Refused> {
        let number = |typed: &str, field, message| match typed {
            "" => Ok(None),
            typed => typed
                .parse::<i64>()
                .map(Some)
                .map_err(|_| Refused::on(field, message)),
        };
        Ok(AuthorProfile {
            photo_media_id: number(&self.photo, "photo", "author-error-photo")?,
            links: self
                .links
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            user_id: number(&self.user, "user", "author-error-account")?,
            edition_ids: self.editions.clone(),
        })
    }
}

/// Why a form was refused: the field and a message name.
#[derive(Debug, Clone, Copy, Serialize)]
struct Refused {
    field: &'static str,
    message: &'static str,
    #[serde(skip)]
    status: StatusCode,
}

impl Refused {
    fn on(field: &'static str, message: &'static str) -> Self {
        Self {
            field,
            message,
            status: StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    /// The store's refusal, on the form's field; anything else is an error.
    fn from_store(err: StoreError) -> Result<Self, ApiError> {
        Ok(match err {
            StoreError::Invalid(e) => match e.field {
                "name" => Self::on("name", "author-error-name"),
                "bio" => Self::on("bio", "author-error-bio"),
                "links" => Self::on("links", "author-error-links"),
                "edition_ids" => Self::on("editions", "author-error-editions"),
                _ => Self::on("slug", "author-error-slug"),
            },
            StoreError::Duplicate {
                what: "author account",
            } => Self {
                status: StatusCode::CONFLICT,
                ..Self::on("user", "author-error-account-taken")
            },
            StoreError::Duplicate { .. } => Self {
                status: StatusCode::CONFLICT,
                ..Self::on("slug", "author-error-slug-taken")
            },
            StoreError::MissingReference { what: "photo" } => {
                Self::on("photo", "author-error-photo")
            }
            StoreError::MissingReference { what: "user" } => {
                Self::on("user", "author-error-account")
            }
            StoreError::MissingReference { .. } => Self::on("editions", "author-error-editions"),
            other => return Err(other.into()),
        })
    }
}

#[derive(Serialize)]
struct Choice {
    id: i64,
    label: String,
}

#[derive(Serialize)]
struct FormView {
    #[serde(flatten)]
    chrome: Chrome,
    /// `None` for a new author.
    author_id: Option<i64>,
    action: String,
    form: Typed,
    editions: Vec<Choice>,
    accounts: Vec<Choice>,
    /// The chosen photo, when it exists.
    photo: Option<Thumb>,
    error: Option<Refused>,
}

async fn render(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    author_id: Option<i64>,
    form: Typed,
    error: Option<Refused>,
) -> Result<Response, ApiError> {
    let locale = NewsroomLocale::from_headers(state, headers);
    let (editions, accounts) =
        tokio::try_join!(state.store.editions(), state.store.staff_accounts())?;
    let photo = match form.photo.parse::<i64>() {
        Ok(id) => state.store.media_by_id(id).await?.as_ref().map(Thumb::of),
        Err(_) => None,
    };
    let view = FormView {
        chrome: Chrome::new(staff, "authors"),
        author_id,
        action: author_id.map_or_else(
            || crate::urls::newsroom::AUTHORS.to_owned(),
            crate::urls::newsroom::author,
        ),
        form,
        editions: editions
            .into_iter()
            .map(|e| Choice {
                id: e.id,
                label: format!("{} ({})", e.name, e.code),
            })
            .collect(),
        accounts: accounts
            .into_iter()
            .map(|a| Choice {
                id: a.id(),
                label: format!("{} <{}>", a.user.display_name, a.user.email),
            })
            .collect(),
        photo,
        error,
    };
    let status = error.map_or(StatusCode::OK, |e| e.status);
    render_page(state, &locale, status, "newsroom/author_edit.html", &view)
}

pub(super) async fn new_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageAuthors)?;
    // A new byline writes for every edition unless unticked.
    let editions = state.store.editions().await?.iter().map(|e| e.id).collect();
    let form = Typed {
        editions,
        ..Typed::default()
    };
    render(&state, &headers, &staff, None, form, None).await
}

pub(super) async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    form: FormData,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageAuthors)?;
    let typed = Typed::read(&form);
    let slug = match typed.slug.as_str() {
        "" => Slug::from_title(&typed.name),
        written => written.parse().ok(),
    };
    let result = match (slug, typed.profile()) {
        (None, _) if typed.slug.is_empty() => Err(Refused::on("name", "author-error-name")),
        (None, _) => Err(Refused::on("slug", "author-error-slug")),
        (_, Err(refused)) => Err(refused),
        (Some(slug), Ok(profile)) => {
            let new = NewAuthor {
                slug,
                name: typed.name.clone(),
                bio: typed.bio.clone(),
                profile,
            };
            let audit = staff.audit("author.create", "author", None);
            match state.store.create_author_audited(&new, &audit).await {
                Ok(_) => Ok(()),
                Err(err) => Err(Refused::from_store(err)?),
            }
        }
    };
    match result {
        Ok(()) => Ok(Redirect::to(crate::urls::newsroom::AUTHORS).into_response()),
        Err(refused) => render(&state, &headers, &staff, None, typed, Some(refused)).await,
    }
}

/// The author, or the newsroom's 404 page.
async fn author(state: &AppState, id: i64) -> Result<Author, ApiError> {
    state
        .store
        .author_by_id(id)
        .await?
        .ok_or_else(|| ApiError::not_found("author"))
}

pub(super) async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageAuthors)?;
    let author = author(&state, id).await?;
    let editions = state.store.author_editions(id).await?;
    let typed = Typed::of(&author, editions);
    render(&state, &headers, &staff, Some(id), typed, None).await
}

pub(super) async fn update(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageAuthors)?;
    let current = author(&state, id).await?;
    let typed = Typed {
        slug: current.slug.to_string(),
        ..Typed::read(&form)
    };
    let result = match typed.profile() {
        Err(refused) => Err(refused),
        Ok(profile) => {
            let update = AuthorUpdate {
                name: typed.name.clone(),
                bio: typed.bio.clone(),
                profile,
            };
            let audit = staff.audit("author.update", "author", Some(id));
            match state.store.update_author(id, &update, &audit).await {
                Ok(_) => Ok(()),
                Err(err) => Err(Refused::from_store(err)?),
            }
        }
    };
    match result {
        Ok(()) => Ok(Redirect::to(crate::urls::newsroom::AUTHORS).into_response()),
        Err(refused) => render(&state, &headers, &staff, Some(id), typed, Some(refused)).await,
    }
}
