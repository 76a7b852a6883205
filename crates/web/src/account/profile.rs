//! `/account/`: the signed-in reader's page — display name, mail language,
//! password, address, sessions, export and deletion — and the saves of
//! the profile and password forms.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use dateline_store::MAX_DISPLAY_NAME_CHARS;
use serde::{Deserialize, Serialize};

use super::page::{AccountPage, FormError, Place};
use super::session::see_other;
use super::Reader;
use crate::auth::{hash_password, now, verify_password, MIN_PASSWORD_CHARS};
use crate::error::ApiError;
use crate::AppState;

#[derive(Debug, Default, Deserialize)]
pub(super) struct ProfileQuery {
    #[serde(flatten)]
    place: Place,
    /// A notice key after a save (`saved`, `password`, `email`).
    #[serde(default)]
    done: String,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct ProfileForm {
    #[serde(flatten)]
    place: Place,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    csrf_token: String,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct NotificationsForm {
    #[serde(flatten)]
    place: Place,
    /// Present (`1`) when the box is ticked.
    #[serde(default)]
    reply_mail: String,
    #[serde(default)]
    csrf_token: String,
}

#[derive(Serialize)]
pub(super) struct ProfileView {
    pub display_name: String,
    /// Mail me when someone replies to my comments.
    pub reply_mail: bool,
    pub email: String,
    pub new_email: String,
    pub language: String,
    pub languages: Vec<LanguageOption>,
    pub verified: bool,
    pub has_password: bool,
    pub status: &'static str,
    pub suspended_until: Option<i64>,
    pub status_reason: String,
    pub sessions: Vec<super::devices::DeviceView>,
    pub notice: Option<&'static str>,
    /// Which form the error belongs to (`profile`, `password`, `email`,
    /// `verify`).
    pub error_form: &'static str,
    pub error: Option<FormError>,
    pub min_password: usize,
    pub max_name: usize,
}

#[derive(Serialize)]
pub(super) struct LanguageOption {
    code: &'static str,
    /// The language named in itself.
    name: String,
}

impl ProfileView {
    pub async fn new(state: &AppState, reader: &Reader) -> Result<Self, ApiError> {
        let sessions = state
            .store
            .reader_sessions_of(reader.id, now())
            .await?
            .iter()
            .map(|s| super::devices::DeviceView::new(s, reader.session_id))
            .collect();
        let reply_mail = state.store.reply_mail_enabled(reader.id).await?;
        Ok(Self {
            display_name: reader.display_name.clone(),
            reply_mail,
            email: reader.email.clone(),
            new_email: String::new(),
            language: state
                .renderer
                .catalogs()
                .resolve(&reader.language)
                .to_owned(),
            languages: state
                .renderer
                .catalogs()
                .languages()
                .map(|code| LanguageOption {
                    code,
                    name: state.renderer.catalogs().language_name(code),
                })
                .collect(),
            verified: reader.verified,
            has_password: reader.has_password,
            status: reader.status.as_str(),
            suspended_until: reader.suspended_until,
            status_reason: reader.status_reason.clone(),
            sessions,
            notice: None,
            error_form: "",
            error: None,
            min_password: MIN_PASSWORD_CHARS,
            max_name: MAX_DISPLAY_NAME_CHARS,
        })
    }
}

pub(super) async fn add_slash(Query(place): Query<Place>) -> Response {
    let page_url =
        crate::urls::account_page("", &place.edition, &super::page::safe_return(&place.back));
    see_other(&page_url)
}

pub(super) async fn page(
    State(state): State<AppState>,
    reader: Reader,
    Query(query): Query<ProfileQuery>,
) -> Result<Response, ApiError> {
    let page = AccountPage::load(&state, &query.place).await?;
    let mut view = ProfileView::new(&state, &reader).await?;
    view.notice = match query.done.as_str() {
        "saved" => Some("account-notice-saved"),
        "password" => Some("account-notice-password"),
        "device" => Some("account-notice-device"),
        "verification" => Some("account-notice-verification"),
        _ => None,
    };
    render(&state, &page, &reader, StatusCode::OK, &view)
}

pub(super) fn render(
    state: &AppState,
    page: &AccountPage,
    reader: &Reader,
    status: StatusCode,
    view: &ProfileView,
) -> Result<Response, ApiError> {
    page.render(
        state,
        status,
        "profile",
        "account-profile-title",
        &reader.csrf,
        view,
    )
}

pub(super) async fn save(
    State(state): State<AppState>,
    reader: Reader,
    Form(form): Form<ProfileForm>,
) -> Result<Response, ApiError> {
    reader.check_csrf(&form.csrf_token)?;
    let page = AccountPage::load(&state, &form.place).await?;
    let name = form.display_name.trim();
    let language = state
        .renderer
        .catalogs()
        .languages()
        .find(|l| *l == form.language)
        .unwrap_or(state.renderer.catalogs().resolve(&reader.language));
    if name.is_empty() || name.chars().count() > MAX_DISPLAY_NAME_CHARS {
        let mut view = ProfileView::new(&state, &reader).await?;
        view.display_name = form.display_name.clone();
        view.error_form = "profile";
        view.error = FormError::new("account-error-name");
        return render(
            &state,
            &page,
            &reader,
            StatusCode::UNPROCESSABLE_ENTITY,
            &view,
        );
    }
    state
        .store
        .update_reader_profile(reader.id, name, language)
        .await?;
    Ok(see_other(&format!("{}&done=saved", page.url(""))))
}

/// `POST /account/notifications`: the reader's reply-mail setting.
pub(super) async fn notifications(
    State(state): State<AppState>,
    reader: Reader,
    Form(form): Form<NotificationsForm>,
) -> Result<Response, ApiError> {
    reader.check_csrf(&form.csrf_token)?;
    let page = AccountPage::load(&state, &form.place).await?;
    state
        .store
        .set_reply_mail(reader.id, !form.reply_mail.is_empty())
        .await?;
    Ok(see_other(&format!("{}&done=saved", page.url(""))))
}

pub(super) async fn password(
    State(state): State<AppState>,
    reader: Reader,
    Form(form): Form<ProfileForm>,
) -> Result<Response, ApiError> {
    reader.check_csrf(&form.csrf_token)?;
    let page = AccountPage::load(&state, &form.place).await?;
    if form.new_password.chars().count() < MIN_PASSWORD_CHARS {
        return form_error(
            &state,
            &page,
            &reader,
            "password",
            StatusCode::UNPROCESSABLE_ENTITY,
            FormError::new("account-error-password-short"),
        )
        .await;
    }
    let now = now();
    if let Some(current) = state.store.reader_by_id(reader.id).await? {
        if current.is_locked(now) {
            let wait = current.locked_until.unwrap_or(now) - now;
            return form_error(
                &state,
                &page,
                &reader,
                "password",
                StatusCode::TOO_MANY_REQUESTS,
                FormError::wait("account-error-locked", wait),
            )
            .await;
        }
        if current.has_password()
            && !verify_password(form.current_password.clone(), current.password_hash.clone()).await
        {
            let auth = &state.readers;
            state
                .store
                .record_reader_login_failure(reader.id, auth.max_failures, auth.lockout, now)
                .await?;
            return form_error(
                &state,
                &page,
                &reader,
                "password",
                StatusCode::UNAUTHORIZED,
                FormError::new("account-error-current-password"),
            )
            .await;
        }
    }
    let hash = hash_password(form.new_password.clone()).await?;
    // Other browsers are signed out; this one stays.
    state
        .store
        .set_reader_password(reader.id, Some(&hash), Some(&reader.session_hash))
        .await?;
    Ok(see_other(&format!("{}&done=password", page.url(""))))
}

/// The profile page with `error` shown at form `which`.
pub(super) async fn form_error(
    state: &AppState,
    page: &AccountPage,
    reader: &Reader,
    which: &'static str,
    status: StatusCode,
    error: Option<FormError>,
) -> Result<Response, ApiError> {
    let mut view = ProfileView::new(state, reader).await?;
    view.error_form = which;
    view.error = error;
    render(state, page, reader, status, &view)
}
