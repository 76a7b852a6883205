//! `/newsroom/settings` (admins): the site-wide settings — the site's
//! name, the edition `/` leads to, the social links and the contact shown
//! in every page's footer, and the WebSub hub the feeds name. A plain form: a refusal comes back as typed,
//! with the reason on its field (and, for a link, its row). The use case
//! is shared with the Admin API (`crate::site_settings`).

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use dateline_domain::{SiteSettings, SOCIAL_LINKS_MAX, SOCIAL_URL_MAX_CHARS};
use dateline_store::Edition;
use serde::{Deserialize, Serialize};

use super::form::FormData;
use super::pages::{render_form_page, Chrome};
use crate::auth::{Permission, Staff};
use crate::error::ApiError;
use crate::site_settings::{default_code, save_settings, LinkInput, Refusal, SettingsInput};
use crate::urls::newsroom as urls;
use crate::AppState;

/// Empty link rows offered below the filled ones.
const EMPTY_ROWS: usize = 2;

#[derive(Debug, Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

/// The form's fields as typed (trimmed); empty means "not set".
#[derive(Debug, Default, Serialize)]
struct Typed {
    site_name: String,
    default_edition: String,
    social_links: Vec<LinkInput>,
    contact_email: String,
    contact_text: String,
    websub_hub: String,
}

impl Typed {
    fn read(form: &FormData) -> Self {
        let social_links = form
            .all("social_label")
            .zip(form.all("social_url"))
            .map(|(label, url)| LinkInput {
                label: label.trim().to_owned(),
                url: url.trim().to_owned(),
            })
            .collect();
        Self {
            site_name: form.get("site_name").to_owned(),
            default_edition: form.get("default_edition").to_owned(),
            social_links,
            contact_email: form.get("contact_email").to_owned(),
            contact_text: form.raw("contact_text").trim().to_owned(),
            websub_hub: form.get("websub_hub").to_owned(),
        }
    }

    /// The settings saved, with `EMPTY_ROWS` empty link rows (up to the
    /// cap) to add more.
    fn of(settings: &SiteSettings, editions: &[Edition]) -> Self {
        let mut social_links: Vec<LinkInput> = settings
            .social_links
            .iter()
            .map(|l| LinkInput {
                label: l.label.clone(),
                url: l.url.clone(),
            })
            .collect();
        let room = SOCIAL_LINKS_MAX
            .saturating_sub(social_links.len())
            .min(EMPTY_ROWS);
        social_links.extend(std::iter::repeat_with(LinkInput::default).take(room));
        Self {
            site_name: settings.site_name.clone().unwrap_or_default(),
            default_edition: default_code(settings, editions).unwrap_or_default(),
            social_links,
            contact_email: settings
                .contact_email
                .as_ref()
                .map(|e| e.to_string())
                .unwrap_or_default(),
            contact_text: settings.contact_text.clone(),
            websub_hub: settings.websub_hub.clone().unwrap_or_default(),
        }
    }

    /// What to save: empty fields unset, empty link rows left out. The
    /// form row of each link kept, to name the row of a refused one.
    fn input(&self) -> (SettingsInput, Vec<usize>) {
        let set = |text: &str| Some(text.to_owned()).filter(|t| !t.is_empty());
        let (rows, social_links): (Vec<usize>, Vec<LinkInput>) = self
            .social_links
            .iter()
            .enumerate()
            .filter(|(_, l)| !(l.label.is_empty() && l.url.is_empty()))
            .map(|(row, l)| (row, l.clone()))
            .unzip();
        let input = SettingsInput {
            site_name: set(&self.site_name),
            default_edition: set(&self.default_edition),
            social_links,
            contact_email: set(&self.contact_email),
            contact_text: self.contact_text.clone(),
            websub_hub: set(&self.websub_hub),
        };
        (input, rows)
    }
}

/// The refused field, its link row on the form when it is one, and the
/// message.
#[derive(Debug, Serialize)]
struct Refused {
    field: &'static str,
    row: Option<usize>,
    message: String,
}

impl Refused {
    fn of(refusal: &Refusal, rows: &[usize]) -> Self {
        Self {
            field: refusal.field,
            row: refusal.row.and_then(|i| rows.get(i).copied()),
            message: format!("settings-error-{}", refusal.field),
        }
    }
}

#[derive(Serialize)]
struct Choice {
    code: String,
    label: String,
}

#[derive(Serialize)]
struct SettingsView {
    #[serde(flatten)]
    chrome: Chrome,
    form: Typed,
    editions: Vec<Choice>,
    /// What stands for the site's name while none is set.
    first_edition_name: String,
    max_links: usize,
    max_url_chars: usize,
    saved: bool,
    error: Option<Refused>,
}

async fn render(
    state: &AppState,
    headers: &HeaderMap,
    staff: &Staff,
    form: Typed,
    saved: bool,
    error: Option<Refused>,
) -> Result<Response, ApiError> {
    let editions = state.store.editions().await?;
    let refused = error.is_some();
    let view = SettingsView {
        chrome: Chrome::new(staff, "settings"),
        form,
        first_edition_name: editions.first().map(|e| e.name.clone()).unwrap_or_default(),
        // A retired edition cannot be the home edition.
        editions: editions
            .into_iter()
            .filter(Edition::is_active)
            .map(|e| Choice {
                label: format!("{} ({})", e.name, e.code),
                code: e.code.to_string(),
            })
            .collect(),
        max_links: SOCIAL_LINKS_MAX,
        max_url_chars: SOCIAL_URL_MAX_CHARS,
        saved,
        error,
    };
    render_form_page(state, headers, refused, "newsroom/settings.html", &view)
}

pub async fn page(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    Query(query): Query<SavedQuery>,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageSettings)?;
    let (settings, editions) =
        tokio::try_join!(state.store.site_settings(), state.store.editions())?;
    let form = Typed::of(&settings, &editions);
    let saved = query.saved.is_some();
    render(&state, &headers, &staff, form, saved, None).await
}

pub async fn save(
    State(state): State<AppState>,
    headers: HeaderMap,
    staff: Staff,
    form: FormData,
) -> Result<Response, ApiError> {
    staff.require(Permission::ManageSettings)?;
    let typed = Typed::read(&form);
    let (input, rows) = typed.input();
    match save_settings(&state, &staff, &input).await? {
        Ok(_) => Ok(Redirect::to(urls::SETTINGS_SAVED).into_response()),
        Err(refusal) => {
            let error = Refused::of(&refusal, &rows);
            render(&state, &headers, &staff, typed, false, Some(error)).await
        }
    }
}
