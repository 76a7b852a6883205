//! The setup form's values, kept as typed so a refusal can show them again,
//! and their parsing into the store's [`SiteSetup`].

use std::collections::HashSet;

use axum::http::StatusCode;
use dateline_domain::{EmailAddress, NewUser, Role, SiteSettings, Slug, RESERVED_SECTION_SLUGS};
use dateline_store::SiteSetup;
use serde::Serialize;

use crate::auth::{check_new_password, hash_password, hash_secret};
use crate::editions::{EditionInput, DEFAULT_DATE_FORMAT};
use crate::error::ApiError;
use crate::newsroom::media::PictureRefused;
use crate::newsroom::FormData;

/// Everything typed but the password, which is never sent back.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SetupValues {
    pub token: String,
    pub admin_name: String,
    pub email: String,
    /// Empty: the edition's name stands for the site's.
    pub site_name: String,
    pub edition_code: String,
    pub edition_name: String,
    pub language: String,
    pub time_zone: String,
    pub date_format: String,
    /// One section name per line.
    pub sections: String,
}

/// A refusal: the field it concerns (the `id` of its input), the catalog
/// message (`setup-error-{field}` unless another is named) and the
/// answer's status.
#[derive(Debug, Clone, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub message: Option<&'static str>,
    #[serde(skip)]
    pub status: StatusCode,
}

impl FieldError {
    pub fn on(field: &'static str) -> Self {
        let status = match field {
            "token" | "csrf" => StatusCode::FORBIDDEN,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        Self {
            field,
            message: None,
            status,
        }
    }

    /// The logo file was not a picture the media bank keeps.
    pub fn logo(refused: PictureRefused) -> Self {
        Self {
            field: "logo",
            message: Some(refused.message),
            status: refused.status,
        }
    }
}

impl SetupValues {
    /// Suggestions for a first visit in `language` (the interface's).
    pub fn suggested(language: &str, token: &str) -> Self {
        Self {
            token: token.to_owned(),
            edition_code: language.to_owned(),
            language: language.to_owned(),
            time_zone: "UTC".to_owned(),
            date_format: DEFAULT_DATE_FORMAT.to_owned(),
            ..Self::default()
        }
    }

    pub fn from_form(form: &FormData) -> Self {
        Self {
            token: form.get("token").to_owned(),
            admin_name: form.get("admin_name").to_owned(),
            email: form.get("email").to_owned(),
            site_name: form.get("site_name").to_owned(),
            edition_code: form.get("edition_code").to_owned(),
            edition_name: form.get("edition_name").to_owned(),
            language: form.get("language").to_owned(),
            time_zone: form.get("time_zone").to_owned(),
            date_format: form.get("date_format").to_owned(),
            sections: form.raw("sections").to_owned(),
        }
    }

    /// Parses every field (the first bad one is named) and hashes the
    /// password.
    pub async fn parse(&self, password: &str) -> Result<SiteSetup, FieldError> {
        if self.token.is_empty() {
            return Err(FieldError::on("token"));
        }
        if self.admin_name.trim().is_empty() {
            return Err(FieldError::on("admin_name"));
        }
        let email: EmailAddress = self.email.parse().map_err(|_| FieldError::on("email"))?;
        check_new_password(password).map_err(|_| FieldError::on("password"))?;
        let site_name = Some(self.site_name.trim())
            .filter(|n| !n.is_empty())
            .map(str::to_owned);
        let settings = SiteSettings {
            site_name: site_name.clone(),
            ..SiteSettings::default()
        };
        settings
            .validate()
            .map_err(|_| FieldError::on("site_name"))?;
        let edition = EditionInput {
            code: self.edition_code.clone(),
            name: self.edition_name.clone(),
            language: self.language.clone(),
            time_zone: self.time_zone.clone(),
            date_format: Some(self.date_format.clone()).filter(|f| !f.is_empty()),
            logo_media_id: None,
            direction: None,
            number_system: None,
        }
        .parse()
        .map_err(edition_field)?;
        let sections = section_slugs(&self.sections).ok_or(FieldError::on("sections"))?;
        let password_hash = hash_password(password.to_owned())
            .await
            .map_err(|_| FieldError::on("password"))?;
        Ok(SiteSetup {
            token_hash: hash_secret(&self.token),
            admin: NewUser {
                email,
                display_name: self.admin_name.trim().to_owned(),
                role: Role::Admin,
                password_hash: Some(password_hash),
            },
            site_name,
            edition,
            sections,
        })
    }
}

/// The form field of an edition error (`EditionInput` names `code`,
/// `name`, `language`, `time_zone`, `date_format` and `logo`).
pub fn edition_field(err: ApiError) -> FieldError {
    FieldError::on(match err.field {
        Some("name") => "edition_name",
        Some("language") => "language",
        Some("time_zone") => "time_zone",
        Some("date_format") => "date_format",
        Some("logo") => "logo",
        _ => "edition_code",
    })
}

/// Section names one per line (blank lines skipped), each with the slug
/// derived from it; `None` when a name gives no slug, a reserved one, or
/// one another name already gave.
pub fn section_slugs(text: &str) -> Option<Vec<(Slug, String)>> {
    let mut seen = HashSet::new();
    text.lines()
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| {
            let slug = Slug::from_title(name)?;
            let fresh =
                !RESERVED_SECTION_SLUGS.contains(&slug.as_str()) && seen.insert(slug.clone());
            fresh.then(|| (slug, name.to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::section_slugs;

    #[test]
    fn section_names_give_slugs_or_a_refusal() {
        let slugs = section_slugs("World\n\n  Мир  \nBusiness & Money\n").unwrap();
        let got: Vec<_> = slugs
            .iter()
            .map(|(s, n)| (s.as_str(), n.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("world", "World"),
                ("mir", "Мир"),
                ("business-money", "Business & Money")
            ]
        );
        assert!(section_slugs("World\nworld").is_none(), "same slug twice");
        assert!(section_slugs("Tag").is_none(), "reserved");
        assert!(section_slugs("!!!").is_none(), "no slug");
        assert_eq!(section_slugs("").unwrap(), []);
    }
}
