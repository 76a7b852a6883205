//! Site-settings use cases shared by the newsroom's settings page and the
//! Admin API: the typed input parsed into [`SiteSettings`] (the first bad
//! field named, and for a social link its row), the admin check, and the
//! audited store call.

use dateline_domain::{EmailAddress, ParseError, SiteSettings, SocialLink};
use dateline_store::{Edition, StoreError};

use crate::auth::{Permission, Staff};
use crate::error::{ApiError, ErrorCode};
use crate::AppState;

/// One social link as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct LinkInput {
    pub label: String,
    pub url: String,
}

/// The settings as sent, checked as they are (the newsroom's form trims
/// what was typed and leaves empty fields and rows out first); `None` means
/// "not set".
#[derive(Debug, Clone, Default)]
pub struct SettingsInput {
    pub site_name: Option<String>,
    /// An edition code.
    pub default_edition: Option<String>,
    pub social_links: Vec<LinkInput>,
    pub contact_email: Option<String>,
    /// Line breaks may be `\r\n` or `\r`; they are stored as `\n`.
    pub contact_text: String,
    /// The WebSub hub the feeds name: an `http(s)` address in ASCII.
    pub websub_hub: Option<String>,
}

/// A refused field: `site_name`, `default_edition`, `social_links` (too
/// many), `social_label` or `social_url` (with the link's index),
/// `contact_email`, `contact_text` or `websub_hub`.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub field: &'static str,
    pub row: Option<usize>,
    pub message: String,
}

impl Refusal {
    fn on(field: &'static str, err: &ParseError) -> Self {
        Self {
            field,
            row: None,
            message: err.message.clone(),
        }
    }
}

/// The API names the field of its body (`social_links` for any link).
impl From<Refusal> for ApiError {
    fn from(refusal: Refusal) -> Self {
        let (field, message) = match refusal.row {
            Some(row) => {
                let part = refusal.field.trim_start_matches("social_");
                let message = format!("social_links[{row}].{part}: {}", refusal.message);
                ("social_links", message)
            }
            None => (
                refusal.field,
                format!("{}: {}", refusal.field, refusal.message),
            ),
        };
        ApiError::new(ErrorCode::InvalidInput, message).with_field(field)
    }
}

impl SettingsInput {
    /// The settings, with the default edition looked up among `editions`.
    pub fn parse(&self, editions: &[Edition]) -> Result<SiteSettings, Refusal> {
        let default_edition_id = match &self.default_edition {
            None => None,
            Some(code) => {
                let edition = editions.iter().find(|e| e.code.as_str() == code);
                let unknown = || Refusal {
                    field: "default_edition",
                    row: None,
                    message: format!("there is no edition {code:?}"),
                };
                Some(edition.ok_or_else(unknown)?.id)
            }
        };
        let mut social_links = Vec::with_capacity(self.social_links.len());
        for (row, link) in self.social_links.iter().enumerate() {
            let parsed = SocialLink::parse(&link.label, &link.url).map_err(|e| Refusal {
                row: Some(row),
                ..Refusal::on(e.field, &e)
            })?;
            social_links.push(parsed);
        }
        let contact_email = self
            .contact_email
            .as_deref()
            .map(str::parse::<EmailAddress>)
            .transpose()
            .map_err(|e| Refusal::on("contact_email", &e))?;
        let settings = SiteSettings {
            site_name: self.site_name.clone(),
            default_edition_id,
            social_links,
            contact_email,
            contact_text: self.contact_text.replace("\r\n", "\n").replace('\r', "\n"),
            websub_hub: self.websub_hub.clone(),
        };
        settings.validate().map_err(|e| {
            let field = match e.field {
                "site_name" | "contact_text" | "websub_hub" => e.field,
                _ => "social_links",
            };
            Refusal::on(field, &e)
        })?;
        Ok(settings)
    }
}

/// The code of the default edition, when one is set.
pub fn default_code(settings: &SiteSettings, editions: &[Edition]) -> Option<String> {
    let id = settings.default_edition_id?;
    editions
        .iter()
        .find(|e| e.id == id)
        .map(|e| e.code.to_string())
}

/// Replaces the site's settings (admins only), audited as `site.settings`.
/// A refused field comes back as [`Refusal`]; other failures as errors.
pub async fn save_settings(
    state: &AppState,
    staff: &Staff,
    input: &SettingsInput,
) -> Result<Result<SiteSettings, Refusal>, ApiError> {
    staff.require(Permission::ManageSettings)?;
    let editions = state.store.editions().await?;
    let settings = match input.parse(&editions) {
        Ok(settings) => settings,
        Err(refusal) => return Ok(Err(refusal)),
    };
    if let Some(retired) = retired_home(&settings, &editions) {
        return Err(ApiError::new(
            ErrorCode::EditionRetired,
            format!(
                "default_edition: the edition \"{}\" is retired; restore it before making it the home edition",
                retired.code
            ),
        )
        .with_field("default_edition"));
    }
    let audit = staff.audit("site.settings", "site", None);
    match state.store.update_site_settings(&settings, &audit).await {
        Ok(saved) => Ok(Ok(saved)),
        // The edition went between the look-up and the write.
        Err(StoreError::MissingReference { .. }) => Ok(Err(Refusal {
            field: "default_edition",
            row: None,
            message: "there is no such edition".to_owned(),
        })),
        Err(StoreError::Invalid(e)) => Ok(Err(Refusal::on("social_links", &e))),
        Err(err) => Err(err.into()),
    }
}

/// The home edition `settings` name, when it is retired: a state the
/// site is in (409), not a typing mistake.
fn retired_home<'a>(settings: &SiteSettings, editions: &'a [Edition]) -> Option<&'a Edition> {
    let id = settings.default_edition_id?;
    editions.iter().find(|e| e.id == id && !e.is_active())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition(id: i64, code: &str) -> Edition {
        Edition {
            id,
            code: code.parse().unwrap(),
            name: code.into(),
            language: "en".parse().unwrap(),
            direction: dateline_domain::TextDirection::Ltr,
            time_zone: "UTC".parse().unwrap(),
            date_format: "%d.%m.%Y".parse().unwrap(),
            logo_media_id: None,
            position: 0,
            article_count: 0,
            number_system: dateline_domain::NumberSystem::Latin,
            retired_at: None,
            comment_mode: None,
            new_account_hold_hours: None,
        }
    }

    fn link(label: &str, url: &str) -> LinkInput {
        LinkInput {
            label: label.into(),
            url: url.into(),
        }
    }

    #[test]
    fn sent_settings_parse_or_name_the_field_and_row() {
        let editions = [edition(1, "en"), edition(2, "ru")];
        let input = SettingsInput {
            site_name: Some("The Daily".into()),
            default_edition: Some("ru".into()),
            social_links: vec![link("Mastodon", "https://social.example/@daily")],
            contact_email: Some("Desk@Example.org".into()),
            contact_text: "1 Main Street\r\nSpringfield\rUK".into(),
            websub_hub: Some("https://hub.example/".into()),
        };
        let settings = input.parse(&editions).unwrap();
        assert_eq!(settings.site_name.as_deref(), Some("The Daily"));
        assert_eq!(settings.default_edition_id, Some(2));
        assert_eq!(settings.social_links.len(), 1);
        assert_eq!(
            settings.contact_email.as_ref().map(|e| e.as_str()),
            Some("Desk@example.org")
        );
        assert_eq!(settings.contact_text, "1 Main Street\nSpringfield\nUK");
        assert_eq!(settings.websub_hub.as_deref(), Some("https://hub.example/"));
        assert_eq!(
            default_code(&settings, &editions).as_deref(),
            Some("ru"),
            "the code of the default edition"
        );
        assert_eq!(
            SettingsInput::default().parse(&editions).unwrap(),
            SiteSettings::default()
        );

        let refused = |input: SettingsInput| {
            let r = input.parse(&editions).unwrap_err();
            (r.field, r.row)
        };
        let bad_url = SettingsInput {
            social_links: vec![link("A", "https://a.example"), link("B", "ftp://b")],
            ..input.clone()
        };
        assert_eq!(refused(bad_url.clone()), ("social_url", Some(1)));
        let api: ApiError = bad_url.parse(&editions).unwrap_err().into();
        assert_eq!(api.field, Some("social_links"));
        assert!(api.message.starts_with("social_links[1].url:"), "{api}");
        let no_label = SettingsInput {
            social_links: vec![link("", "https://a.example")],
            ..input.clone()
        };
        assert_eq!(refused(no_label), ("social_label", Some(0)));
        let nowhere = SettingsInput {
            default_edition: Some("de".into()),
            ..input.clone()
        };
        assert_eq!(refused(nowhere), ("default_edition", None));
        let mut with_retired = editions.clone();
        with_retired[1].retired_at = Some(1_700_000_000);
        let retired = SettingsInput {
            default_edition: Some("ru".into()),
            ..input.clone()
        };
        let parsed = retired.parse(&with_retired).unwrap();
        assert_eq!(
            retired_home(&parsed, &with_retired).map(|e| e.code.as_str()),
            Some("ru")
        );
        let parsed = retired.parse(&editions).unwrap();
        assert!(retired_home(&parsed, &editions).is_none());
        let email = SettingsInput {
            contact_email: Some("not an address".into()),
            ..input.clone()
        };
        assert_eq!(refused(email), ("contact_email", None));
        let many = SettingsInput {
            social_links: vec![link("A", "https://a.example"); 9],
            ..input.clone()
        };
        assert_eq!(refused(many), ("social_links", None));
        let hub = SettingsInput {
            websub_hub: Some("hub.example".into()),
            ..input.clone()
        };
        assert_eq!(refused(hub), ("websub_hub", None));
        for name in ["n".repeat(121), String::new(), " The Daily".into()] {
            let named = SettingsInput {
                site_name: Some(name),
                ..input.clone()
            };
            assert_eq!(refused(named), ("site_name", None));
        }
    }
}
