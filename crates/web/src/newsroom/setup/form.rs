//! The setup form's values, kept as typed so a refusal can show them again,
//! and their parsing into the store's [`SiteSetup`].

use std::collections::HashSet;

use dateline_domain::{EmailAddress, NewUser, Role, Slug, RESERVED_SECTION_SLUGS};
use dateline_store::SiteSetup;
use serde::Serialize;

use crate::auth::{check_new_password, hash_password, hash_secret};
use crate::editions::EditionInput;
use crate::error::ApiError;
use crate::newsroom::FormData;

/// Everything typed but the password, which is never sent back.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SetupValues {
    pub token: String,
    pub admin_name: String,
    pub email: String,
    pub edition_code: String,
    pub edition_name: String,
    pub language: String,
    pub time_zone: String,
    /// One section name per line.
    pub sections: String,
}

/// A refusal: the field it concerns (the `id` of its input) and why.
#[derive(Debug, Clone, Serialize)]
pub struct FieldError {
    pub field: &'static str,
}

impl FieldError {
    pub fn on(field: &'static str) -> Self {
        Self { field }
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
            ..Self::default()
        }
    }

    pub fn from_form(form: &FormData) -> Self {
        Self {
            token: form.get("token").to_owned(),
            admin_name: form.get("admin_name").to_owned(),
            email: form.get("email").to_owned(),
            edition_code: form.get("edition_code").to_owned(),
            edition_name: form.get("edition_name").to_owned(),
            language: form.get("language").to_owned(),
            time_zone: form.get("time_zone").to_owned(),
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
        let edition = EditionInput {
            code: self.edition_code.clone(),
            name: self.edition_name.clone(),
            language: self.language.clone(),
            time_zone: self.time_zone.clone(),
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
            edition,
            sections,
        })
    }
}

/// The form field of an edition error (`EditionInput` names `code`,
/// `name`, `language` and `time_zone`).
pub fn edition_field(err: ApiError) -> FieldError {
    FieldError::on(match err.field {
        Some("name") => "edition_name",
        Some("language") => "language",
        Some("time_zone") => "time_zone",
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
