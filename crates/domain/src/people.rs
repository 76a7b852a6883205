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
    /// What can change after creation: everything but the slug, which is
    /// part of the author page's address.
    #[serde(flatten)]
    pub profile: AuthorProfile,
}

impl NewAuthor {
    /// An author writing for `edition_ids`, with no photo, links or account.
    pub fn new(slug: Slug, name: &str, bio: &str, edition_ids: Vec<i64>) -> Self {
        Self {
            slug,
            name: name.to_owned(),
            bio: bio.to_owned(),
            profile: AuthorProfile {
                edition_ids,
                ..AuthorProfile::default()
            },
        }
    }
}

/// Longest author name, in characters.
pub const AUTHOR_NAME_MAX_CHARS: usize = 120;
/// Longest biography, in characters.
pub const AUTHOR_BIO_MAX_CHARS: usize = 2000;
/// Links per author (a website, social profiles).
pub const AUTHOR_LINKS_MAX: usize = 8;
/// Longest link, in characters.
pub const AUTHOR_LINK_MAX_CHARS: usize = 500;

/// An author's profile beyond the name and biography.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AuthorProfile {
    /// A media-bank picture of the author.
    pub photo_media_id: Option<i64>,
    /// The author's other pages: `http(s)` addresses, in display order.
    pub links: Vec<String>,
    /// The staff account this byline belongs to, if any (one byline per
    /// account).
    pub user_id: Option<i64>,
    /// Editions the author writes for: a story's byline is chosen from
    /// its edition's authors.
    pub edition_ids: Vec<i64>,
}

/// Checks an author's name, biography and profile.
pub fn validate_author(name: &str, bio: &str, profile: &AuthorProfile) -> Result<(), ParseError> {
    if name.trim().is_empty() {
        return Err(ParseError::new("name", "empty_name", "the name is empty"));
    }
    if name.chars().count() > AUTHOR_NAME_MAX_CHARS {
        return Err(ParseError::new(
            "name",
            "name_too_long",
            format!("a name has at most {AUTHOR_NAME_MAX_CHARS} characters"),
        ));
    }
    if bio.chars().count() > AUTHOR_BIO_MAX_CHARS {
        return Err(ParseError::new(
            "bio",
            "bio_too_long",
            format!("a biography has at most {AUTHOR_BIO_MAX_CHARS} characters"),
        ));
    }
    if profile.links.len() > AUTHOR_LINKS_MAX {
        return Err(ParseError::new(
            "links",
            "too_many_links",
            format!("an author has at most {AUTHOR_LINKS_MAX} links"),
        ));
    }
    if let Some(bad) = profile
        .links
        .iter()
        .find(|l| !is_web_address(l, AUTHOR_LINK_MAX_CHARS))
    {
        return Err(ParseError::new(
            "links",
            "bad_link",
            format!("{bad:?} is not an http or https address"),
        ));
    }
    if profile.edition_ids.is_empty() {
        return Err(ParseError::new(
            "edition_ids",
            "no_edition",
            "an author writes for at least one edition",
        ));
    }
    Ok(())
}

/// An absolute `http(s)` address with a host, of at most `max_chars`
/// characters, without spaces, control characters or byte-order marks.
pub(crate) fn is_web_address(link: &str, max_chars: usize) -> bool {
    let lower = link.to_ascii_lowercase();
    link.chars().count() <= max_chars
        && !link
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\u{feff}')
        && ["https://", "http://"]
            .iter()
            .find_map(|scheme| lower.strip_prefix(scheme))
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
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
    fn author_profiles_are_checked() {
        let good = AuthorProfile {
            links: vec!["https://example.org/anna".into(), "http://a.example".into()],
            edition_ids: vec![1],
            ..AuthorProfile::default()
        };
        assert_eq!(validate_author(" Anna ", "", &good), Ok(()));
        let code = |name: &str, bio: &str, profile: &AuthorProfile| {
            validate_author(name, bio, profile).unwrap_err().code
        };
        assert_eq!(code("  ", "", &good), "empty_name");
        assert_eq!(code(&"a".repeat(121), "", &good), "name_too_long");
        assert_eq!(code("Anna", &"b".repeat(2001), &good), "bio_too_long");
        for bad in [
            "javascript:alert(1)",
            "/en/x",
            "https:///x",
            "https://a b",
            "ftp://a",
        ] {
            let profile = AuthorProfile {
                links: vec![bad.into()],
                ..good.clone()
            };
            assert_eq!(code("Anna", "", &profile), "bad_link", "{bad}");
        }
        let many = AuthorProfile {
            links: vec!["https://a.example".into(); 9],
            ..good.clone()
        };
        assert_eq!(code("Anna", "", &many), "too_many_links");
        let nowhere = AuthorProfile {
            edition_ids: vec![],
            ..good
        };
        assert_eq!(code("Anna", "", &nowhere), "no_edition");
    }

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
