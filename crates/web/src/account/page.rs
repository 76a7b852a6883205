//! What every account page shares: the edition it is shown in (chrome and
//! language), the return address, links between the pages, rendering with
//! `Cache-Control: no-store`, and the double-submit token of anonymous forms.

use axum::http::header::{CACHE_CONTROL, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use dateline_render::PageLocale;
use serde::{Deserialize, Serialize};

use crate::auth::{new_secret, read_cookie, same_token};
use crate::error::{ApiError, ErrorCode};
use crate::site::{EditionCtx, Layout, MediaMap, Meta};
use crate::urls::{self, Urls};
use crate::AppState;

/// The double-submit token of an anonymous form lives this long (seconds).
const FORM_TTL: i64 = 2 * 3600;

/// `edition` and `return`, from the query string or a form's hidden fields.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct Place {
    #[serde(default)]
    pub edition: String,
    #[serde(default, rename = "return")]
    pub back: String,
}

/// A path on this site to come back to, or `""` when `path` is anything
/// else (another site, `//host`, backslashes, control characters).
pub(crate) fn safe_return(path: &str) -> String {
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && path.len() <= 1000;
    if ok {
        path.to_owned()
    } else {
        String::new()
    }
}

/// Links between the account pages, kept in the same edition and return address.
#[derive(Debug, Serialize)]
pub(crate) struct Links {
    pub register: String,
    pub login: String,
    pub sign_in: String,
    pub code: String,
    pub forgot: String,
    pub reset: String,
    pub profile: String,
    pub logout: String,
    pub logout_everywhere: String,
    pub end_session: String,
    pub resend_verification: String,
    pub export: String,
    pub delete: String,
    pub email: String,
    pub password: String,
    pub save_profile: String,
    pub notifications: String,
    /// Where "back" goes: the return address, else the edition's front page.
    pub back: String,
}

/// An account page being answered: its edition and return address.
pub(crate) struct AccountPage {
    pub ctx: EditionCtx,
    pub back: String,
    /// The edition's logo, for the masthead.
    logo: MediaMap,
}

/// Hidden fields every account form carries.
#[derive(Debug, Serialize)]
struct Hidden<'a> {
    edition: &'a str,
    back: &'a str,
    csrf: &'a str,
}

#[derive(Serialize)]
struct View<'a, T: Serialize> {
    #[serde(flatten)]
    layout: Layout,
    /// The page's own name (the title without the site's).
    heading: String,
    links: Links,
    hidden: Hidden<'a>,
    page: &'a T,
}

impl AccountPage {
    /// The edition named by `place.edition`, else the one `place.back` is
    /// in, else the first edition.
    pub async fn load(state: &AppState, place: &Place) -> Result<Self, ApiError> {
        let site = state.cache.site(&state.store).await?;
        let back = safe_return(place.back.trim());
        let from_back = back.trim_start_matches('/').split('/').next().unwrap_or("");
        let code = [place.edition.trim(), from_back]
            .into_iter()
            .find(|c| site.editions.iter().any(|e| e.code.as_str() == *c))
            .map(str::to_owned)
            .or_else(|| site.editions.first().map(|e| e.code.to_string()))
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "the site has no edition yet"))?;
        let ctx = EditionCtx::load(state, &code)
            .await
            .map_err(|e| ApiError::new(e.code, e.detail))?;
        let logo = MediaMap::fetch(state, ctx.edition.logo_media_id)
            .await
            .map_err(|e| ApiError::new(e.code, e.detail))?;
        Ok(Self { ctx, back, logo })
    }

    pub fn code(&self) -> &str {
        self.ctx.code().as_str()
    }

    pub fn locale(&self) -> &PageLocale {
        &self.ctx.locale
    }

    /// The edition's language tag (what a new reader's mail is written in).
    pub fn language(&self) -> String {
        self.ctx.edition.language.to_string()
    }

    pub fn url(&self, page: &str) -> String {
        urls::account_page(page, self.code(), &self.back)
    }

    /// The return address, else the edition's front page.
    pub fn back_or_front(&self) -> String {
        if self.back.is_empty() {
            Urls::relative().front(&self.ctx.edition.code)
        } else {
            self.back.clone()
        }
    }

    pub fn t(&self, state: &AppState, key: &str) -> String {
        state.renderer.t(self.locale(), key, &[])
    }

    fn links(&self) -> Links {
        Links {
            register: self.url("register"),
            login: self.url("login"),
            sign_in: self.url("sign-in"),
            code: self.url("sign-in/code"),
            forgot: self.url("forgot"),
            reset: self.url("reset"),
            profile: self.url(""),
            logout: self.url("logout"),
            logout_everywhere: self.url("logout-everywhere"),
            end_session: self.url("sessions/end"),
            resend_verification: self.url("verify/resend"),
            export: self.url("export"),
            delete: self.url("delete"),
            email: self.url("email"),
            password: self.url("password"),
            save_profile: self.url("profile"),
            notifications: self.url("notifications"),
            back: self.back_or_front(),
        }
    }

    /// Renders `account/{template}.html` titled by catalog message
    /// `title_key`, with `page` as `page` and `csrf` in the hidden fields.
    pub fn render<T: Serialize>(
        &self,
        state: &AppState,
        status: StatusCode,
        template: &str,
        title_key: &str,
        csrf: &str,
        page: &T,
    ) -> Result<Response, ApiError> {
        let heading = self.t(state, title_key);
        let meta = Meta::new(self.ctx.title(&heading), String::new()).noindex();
        let view = View {
            layout: self.ctx.layout(state, "account", meta, Some(&self.logo)),
            heading,
            links: self.links(),
            hidden: Hidden {
                edition: self.code(),
                back: &self.back,
                csrf,
            },
            page,
        };
        let html = state
            .renderer
            .render(&format!("account/{template}.html"), self.locale(), &view)
            .map_err(|e| ApiError::internal(e.to_string()))?;
        let mut response = (status, Html(html)).into_response();
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        Ok(response)
    }

    /// Renders an anonymous form with its double-submit token (the
    /// browser's current one if it has one, so that two open tabs both work).
    pub fn render_form<T: Serialize>(
        &self,
        state: &AppState,
        headers: &HeaderMap,
        status: StatusCode,
        template: &str,
        title_key: &str,
        page: &T,
    ) -> Result<Response, ApiError> {
        let auth = &state.readers;
        let token = read_cookie(headers, auth.form_cookie)
            .filter(|t| t.len() == 43)
            .unwrap_or_else(new_secret);
        let mut response = self.render(state, status, template, title_key, &token, page)?;
        response.headers_mut().append(
            SET_COOKIE,
            auth.set_cookie(auth.form_cookie, &token, FORM_TTL),
        );
        Ok(response)
    }

    /// Renders a form that asks for an address alone (log in, forgot
    /// password, sign in by mail) with `email` kept and `error` above it.
    pub fn render_address_form(
        &self,
        state: &AppState,
        headers: &HeaderMap,
        status: StatusCode,
        form: AddressForm,
        email: &str,
        error: Option<FormError>,
    ) -> Result<Response, ApiError> {
        #[derive(Serialize)]
        struct View<'a> {
            email: &'a str,
            error: Option<FormError>,
        }
        let view = View {
            email: email.trim(),
            error,
        };
        self.render_form(state, headers, status, form.template, form.title_key, &view)
    }

    /// A page with one message (`title_key`, `text_key`) and a way back.
    pub fn message(
        &self,
        state: &AppState,
        status: StatusCode,
        title_key: &'static str,
        text_key: &'static str,
    ) -> Result<Response, ApiError> {
        #[derive(Serialize)]
        struct Message {
            title_key: &'static str,
            text_key: &'static str,
        }
        let page = Message {
            title_key,
            text_key,
        };
        self.render(state, status, "message", title_key, "", &page)
    }
}

/// Whether an anonymous form's token matches its cookie.
pub(crate) fn form_token_ok(state: &AppState, headers: &HeaderMap, field: &str) -> bool {
    let cookie = read_cookie(headers, state.readers.form_cookie).unwrap_or_default();
    same_token(field, &cookie)
}

/// The checks an anonymous "mail me" form (forgot password, sign in by
/// mail) passes before anything is looked up: its form token, a valid
/// address, and the per-address and per-client mail limits. The address,
/// or the status and message to show the form again with.
pub(crate) async fn mail_request_checks(
    state: &AppState,
    headers: &HeaderMap,
    csrf_token: &str,
    email: &str,
    ip: &str,
    now: dateline_domain::UnixTime,
) -> Result<dateline_domain::EmailAddress, (axum::http::StatusCode, Option<FormError>)> {
    use axum::http::StatusCode;
    if !form_token_ok(state, headers, csrf_token) {
        return Err((
            StatusCode::FORBIDDEN,
            FormError::new("account-error-form-expired"),
        ));
    }
    let Ok(email) = email.parse::<dateline_domain::EmailAddress>() else {
        return Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            FormError::new("account-error-email"),
        ));
    };
    match state
        .readers
        .count_mail_request(&state.store, email.as_str(), ip, now)
        .await
    {
        Ok(None) => {}
        Ok(Some(wait)) => {
            return Err((
                StatusCode::TOO_MANY_REQUESTS,
                FormError::wait("account-error-too-many", wait),
            ))
        }
        // The form is shown again, with the typed address, to send later.
        Err(e) => {
            tracing::warn!(error = %e, "cannot count a mail request");
            return Err((
                StatusCode::SERVICE_UNAVAILABLE,
                FormError::new("account-error-busy"),
            ));
        }
    }
    Ok(email)
}

/// An account form that asks for an address alone: its template and title.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AddressForm {
    pub template: &'static str,
    pub title_key: &'static str,
}

/// What a refused form shows above its fields: a catalog key and the
/// minutes to wait, when that is the reason.
#[derive(Debug, Default, Serialize)]
pub(crate) struct FormError {
    pub key: &'static str,
    pub minutes: i64,
}

impl FormError {
    pub fn new(key: &'static str) -> Option<Self> {
        Some(Self { key, minutes: 0 })
    }

    pub fn wait(key: &'static str, seconds: i64) -> Option<Self> {
        Some(Self {
            key,
            minutes: (seconds + 59) / 60,
        })
    }
}
