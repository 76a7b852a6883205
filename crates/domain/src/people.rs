//! People: bylined authors, staff users and their roles, e-mail addresses.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{ParseError, Slug};

/// A staff member's role, from least to most powerful. Readers are not
/// staff: they have their own accounts (`readers`), and no role.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Writes own drafts.
    Contributor,
    /// Publishes own articles.
    Author,
    /// Everything in the editions assigned.
    Editor,
    /// Everything, including users and settings.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Contributor, Role::Author, Role::Editor, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Contributor => "contributor",
            Self::Author => "author",
            Self::Editor => "editor",
            Self::Admin => "admin",
        }
    }

    /// Every role is a staff role; kept so that callers say what they check.
    pub fn is_staff(self) -> bool {
        self >= Self::Contributor
    }
}

impl FromStr for Role {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                ParseError::new(
                    "role",
                    "invalid_role",
                    format!("{s:?} is not one of contributor, author, editor, admin"),
                )
            })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An e-mail address, trimmed and with its domain lowercased. The check is
/// deliberately simple (one `@`, a dot in the domain, no spaces); the
/// verification mail is the real test.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl FromStr for EmailAddress {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let invalid = || {
            ParseError::new(
                "email",
                "invalid_email",
                format!("{s:?} is not an e-mail address"),
            )
        };
        let (local, domain) = s.rsplit_once('@').ok_or_else(invalid)?;
        // Checked as stored: lower-casing can add characters ("İ" → "i̇").
        let domain = domain.to_lowercase();
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if local.is_empty()
            || local.len() > 64
            || local.len() + 1 + domain.len() > 254
            || !domain_ok
            || local
                .chars()
                .any(|c| c.is_whitespace() || c == '@' || c.is_control())
        {
            return Err(invalid());
        }
        Ok(Self(format!("{local}@{domain}")))
    }
}

impl EmailAddress {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = ParseError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<EmailAddress> for String {
    fn from(value: EmailAddress) -> Self {
        value.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A bylined author (who need not have a staff account).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAuthor {
    pub slug: Slug,
    pub name: String,
    pub bio: String,
}

/// A user account. `password_hash` is an argon2id PHC string made by the caller.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewUser {
    pub email: EmailAddress,
    pub display_name: String,
    pub role: Role,
    pub password_hash: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            " Desk@Example.ORG "
                .parse::<EmailAddress>()
                .unwrap()
                .as_str(),
            "Desk@example.org"
        );
        for bad in ["", "a", "a@b", "@x.org", "a b@x.org", "a@.org"] {
            assert!(bad.parse::<EmailAddress>().is_err(), "{bad:?} accepted");
        }
    }

    /// The same `domain_text` property: a stored address must read back.
    /// Lower-casing "İ" gives "i" and a combining dot, which the domain
    /// check refuses, and can make the address longer.
    #[test]
    fn emails_read_back_as_themselves() {
        for text in ["desk@İstanbul.example", "a@B.example"] {
            if let Ok(email) = text.parse::<EmailAddress>() {
                assert_eq!(email.as_str().parse::<EmailAddress>().ok(), Some(email));
            }
        }
        assert!("a@B.example".parse::<EmailAddress>().is_ok());
    }

    #[test]
    fn roles_round_trip_and_order() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
        }
        assert!(Role::Admin > Role::Editor && Role::Contributor.is_staff());
        assert!("chief".parse::<Role>().is_err());
        // Readers have accounts of their own, not a staff role.
        assert!("reader".parse::<Role>().is_err());
    }
}
