//! `/api/v1/admin/settings`: read and replace the site-wide settings — the
//! site's name, the edition `/` leads to, the footer's social links and
//! contact, the feeds' WebSub hub (admins; scope `users:admin`, as for editions). The same use
//! case as the newsroom's settings page (`crate::site_settings`); every
//! change is audited (`site.settings`) and shows on every reader page at
//! once.

use axum::extract::State;
use axum::Json;
use dateline_domain::{EditionCode, SITE_NAME_MAX_CHARS, SOCIAL_LABEL_MAX_CHARS};
use serde::Deserialize;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::ToSchema;

use super::authors::ProfileLink;
use super::responses::AdminSettings;
use super::ApiJson;
use crate::auth::{Permission, Staff};
use crate::error::{ApiError, ErrorBody};
use crate::site_settings::{save_settings, LinkInput, SettingsInput};
use crate::AppState;

/// One line shown as it is, of at most `max` characters: not blank, no
/// spaces around it, no control characters or byte-order marks.
fn one_line(max: usize, description: &str) -> RefOr<Schema> {
    const INNER: &str = r"[^\x00-\x1f\x7f-\x9f\ufeff]";
    const EDGE: &str = r"[^\s\x00-\x1f\x7f-\x9f\ufeff]";
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(format!("^{EDGE}({INNER}*{EDGE})?$")))
        .max_length(Some(max))
        .description(Some(description))
        .into()
}

/// The site's name in the document (`SiteName`).
pub struct SiteName;

impl utoipa::PartialSchema for SiteName {
    fn schema() -> RefOr<Schema> {
        one_line(
            SITE_NAME_MAX_CHARS,
            "A site's name: no spaces around it, no control characters.",
        )
    }
}

impl ToSchema for SiteName {}

/// A social link's label in the document (`LinkLabel`).
pub struct LinkLabel;

impl utoipa::PartialSchema for LinkLabel {
    fn schema() -> RefOr<Schema> {
        one_line(
            SOCIAL_LABEL_MAX_CHARS,
            "A network's name or any label: no spaces around it, no control characters.",
        )
    }
}

impl ToSchema for LinkLabel {}

/// A social link as sent.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SocialLinkDto {
    /// The network's name or any label, at most 40 characters.
    #[schema(value_type = LinkLabel, example = "Mastodon")]
    pub label: String,
    #[schema(value_type = ProfileLink, example = "https://social.example/@daily")]
    pub url: String,
}

/// The whole settings, replacing the saved ones: a field left out (or
/// `null`) is unset.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct SettingsDto {
    /// At most 120 characters; unset, each edition's own name stands for
    /// the site's.
    #[serde(default)]
    #[schema(value_type = Option<SiteName>, example = "The Daily")]
    pub site_name: Option<String>,
    /// The code of an edition, where `/` leads; unset, `/` picks the
    /// edition in the browser's language, else the first.
    #[serde(default)]
    #[schema(value_type = Option<EditionCode>)]
    pub default_edition: Option<String>,
    /// Shown in the footer of every page, in this order.
    #[serde(default)]
    #[schema(max_items = 8)]
    pub social_links: Vec<SocialLinkDto>,
    /// A public address shown in the footer.
    #[serde(default)]
    #[schema(format = Email, max_length = 254)]
    pub contact_email: Option<String>,
    /// A short text shown with the contact (a postal address, hours): at
    /// most 500 characters; line breaks and tabs are the only control
    /// characters allowed.
    #[serde(default)]
    #[schema(
        max_length = 500,
        pattern = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
    )]
    pub contact_text: String,
    /// The WebSub hub (W3C) every feed names with `rel="hub"` and that is
    /// told of each publication and correction: an `http(s)` address in
    /// ASCII without spaces, `<`, `>` or `"`, at most 500 characters.
    #[serde(default)]
    #[schema(
        max_length = 500,
        pattern = r"^[Hh][Tt][Tt][Pp][Ss]?://[!#-.0-;=?-~][!#-;=?-~]*$",
        example = "https://hub.example/"
    )]
    pub websub_hub: Option<String>,
}

/// The site's settings.
#[utoipa::path(get, path = "/api/v1/admin/settings", operation_id = "admin_get_settings", tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The settings", body = AdminSettings),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "Not an admin, or the token lacks `users:admin` (`forbidden`)", body = ErrorBody),
    ))]
pub async fn get_one(
    State(state): State<AppState>,
    staff: Staff,
) -> Result<Json<AdminSettings>, ApiError> {
    staff.require(Permission::ManageSettings)?;
    let (settings, editions) =
        tokio::try_join!(state.store.site_settings(), state.store.editions())?;
    Ok(Json(AdminSettings::build(&settings, &editions)))
}

/// Replaces the site's settings; every reader page shows them at once.
#[utoipa::path(put, path = "/api/v1/admin/settings", operation_id = "admin_replace_settings", tag = "admin",
    security(("bearer" = [])),
    request_body = SettingsDto,
    responses(
        (status = 200, description = "The settings saved", body = AdminSettings),
        (status = 401, description = "`unauthenticated`", body = ErrorBody),
        (status = 403, description = "Not an admin, or the token lacks `users:admin` (`forbidden`); `csrf_failed`", body = ErrorBody),
        (status = 409, description = "The home edition named is retired (`edition_retired`, field `default_edition`)", body = ErrorBody),
        (status = 422, description = "A bad name, link, address or text, too many links, or no such edition (`invalid_input`, naming the field)", body = ErrorBody),
    ))]
pub async fn replace(
    State(state): State<AppState>,
    staff: Staff,
    ApiJson(body): ApiJson<SettingsDto>,
) -> Result<Json<AdminSettings>, ApiError> {
    staff.require(Permission::ManageSettings)?;
    let input = SettingsInput {
        site_name: body.site_name,
        default_edition: body.default_edition,
        social_links: body
            .social_links
            .into_iter()
            .map(|l| LinkInput {
                label: l.label,
                url: l.url,
            })
            .collect(),
        contact_email: body.contact_email,
        contact_text: body.contact_text,
        websub_hub: body.websub_hub,
    };
    let saved = save_settings(&state, &staff, &input)
        .await?
        .map_err(ApiError::from)?;
    let editions = state.store.editions().await?;
    Ok(Json(AdminSettings::build(&saved, &editions)))
}
