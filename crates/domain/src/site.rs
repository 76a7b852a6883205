//! Site-wide settings: the site's name, the edition `/` leads to, the
//! social links and the contact shown in every page's footer, and the
//! WebSub hub the feeds name.

use serde::{Deserialize, Serialize};

use crate::people::is_web_address;
use crate::{EmailAddress, ParseError};

/// Longest site name, in characters.
pub const SITE_NAME_MAX_CHARS: usize = 120;
/// Social links in the footer.
pub const SOCIAL_LINKS_MAX: usize = 8;
/// Longest label of a social link ("Mastodon", "Telegram"), in characters.
pub const SOCIAL_LABEL_MAX_CHARS: usize = 40;
/// Longest social link address, in characters.
pub const SOCIAL_URL_MAX_CHARS: usize = 500;
/// Longest contact text (a postal address, opening hours), in characters.
pub const CONTACT_TEXT_MAX_CHARS: usize = 500;
/// Longest WebSub hub address, in characters.
pub const WEBSUB_HUB_MAX_CHARS: usize = 500;

/// One of the site's profiles elsewhere: a network's name or any label,
/// and an `http(s)` address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SocialLink {
    pub label: String,
    pub url: String,
}

/// One line of text shown as it is: not blank, at most `max` characters,
/// no spaces around it, no control characters or byte-order marks.
fn is_clean_line(text: &str, max: usize) -> bool {
    !text.is_empty()
        && text.trim() == text
        && text.chars().count() <= max
        && !text.chars().any(|c| c.is_control() || c == '\u{feff}')
}

impl SocialLink {
    /// A link, checked as given (forms trim what was typed first): a label
    /// of 1 to 40 characters without spaces around it (`social_label`),
    /// an absolute `http(s)` address with a host, of at most 500
    /// characters (`social_url`).
    pub fn parse(label: &str, url: &str) -> Result<Self, ParseError> {
        let link = Self {
            label: label.to_owned(),
            url: url.to_owned(),
        };
        link.validate()?;
        Ok(link)
    }

    fn validate(&self) -> Result<(), ParseError> {
        if !is_clean_line(&self.label, SOCIAL_LABEL_MAX_CHARS) {
            return Err(ParseError::new(
                "social_label",
                "bad_social_label",
                format!("a link's label has 1 to {SOCIAL_LABEL_MAX_CHARS} characters"),
            ));
        }
        if !is_web_address(&self.url, SOCIAL_URL_MAX_CHARS) {
            return Err(ParseError::new(
                "social_url",
                "bad_social_url",
                format!(
                    "{:?} is not an http or https address of at most {SOCIAL_URL_MAX_CHARS} characters",
                    self.url
                ),
            ));
        }
        Ok(())
    }
}

/// What an admin sets for the whole site. `None` and empty values mean
/// "not set": each edition's own name stands for the site's, `/` picks
/// an edition by the browser's language, and the footer shows no links
/// or contact.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SiteSettings {
    pub site_name: Option<String>,
    /// The edition `/` leads to (by id).
    pub default_edition_id: Option<i64>,
    /// In display order.
    pub social_links: Vec<SocialLink>,
    /// A public address readers may write to.
    pub contact_email: Option<EmailAddress>,
    /// A short text shown with the contact (postal address, hours); may
    /// hold line breaks and tabs, no other control characters.
    pub contact_text: String,
    /// The WebSub hub (W3C) every feed names with `rel="hub"` and that is
    /// told of each publication and correction: an `http(s)` address in
    /// ASCII (it goes into `Link` headers as it is).
    #[serde(default)]
    pub websub_hub: Option<String>,
}

/// A hub address as `Link: <…>` carries it: a web address in visible
/// ASCII without `<`, `>` or `"`.
fn is_hub_address(url: &str) -> bool {
    is_web_address(url, WEBSUB_HUB_MAX_CHARS)
        && url
            .bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b'<' | b'>' | b'"'))
}

impl SiteSettings {
    /// Checks every field; the error names the field (`site_name`,
    /// `social_links`, `social_label`, `social_url`, `contact_text`).
    pub fn validate(&self) -> Result<(), ParseError> {
        if let Some(name) = &self.site_name {
            if !is_clean_line(name, SITE_NAME_MAX_CHARS) {
                return Err(ParseError::new(
                    "site_name",
                    "bad_site_name",
                    format!(
                        "a site name has 1 to {SITE_NAME_MAX_CHARS} characters, \
                         no spaces around it and no control characters"
                    ),
                ));
            }
        }
        if self.social_links.len() > SOCIAL_LINKS_MAX {
            return Err(ParseError::new(
                "social_links",
                "too_many_social_links",
                format!("a site has at most {SOCIAL_LINKS_MAX} social links"),
            ));
        }
        self.social_links
            .iter()
            .try_for_each(SocialLink::validate)?;
        if self.contact_text.chars().count() > CONTACT_TEXT_MAX_CHARS
            || self
                .contact_text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            return Err(ParseError::new(
                "contact_text",
                "bad_contact_text",
                format!(
                    "a contact text has at most {CONTACT_TEXT_MAX_CHARS} characters and no \
                     control characters but line breaks and tabs"
                ),
            ));
        }
        if let Some(hub) = &self.websub_hub {
            if !is_hub_address(hub) {
                return Err(ParseError::new(
                    "websub_hub",
                    "bad_websub_hub",
                    format!(
                        "{hub:?} is not an http or https address in ASCII of at most \
                         {WEBSUB_HUB_MAX_CHARS} characters"
                    ),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> SiteSettings {
        SiteSettings {
            site_name: Some("The Daily".into()),
            default_edition_id: Some(1),
            social_links: vec![
                SocialLink::parse("Mastodon", "https://social.example/@daily").unwrap(),
            ],
            contact_email: Some("desk@example.org".parse().unwrap()),
            contact_text: "1 Main Street\nSpringfield".into(),
            websub_hub: Some("https://hub.example/".into()),
        }
    }

    #[test]
    fn links_are_checked_as_given() {
        let link = &settings().social_links[0];
        assert_eq!(
            (link.label.as_str(), link.url.as_str()),
            ("Mastodon", "https://social.example/@daily")
        );
        for bad in [
            "javascript:alert(1)",
            "/en/",
            "https:///x",
            "https://a b",
            "ftp://a.example",
            " https://a.example",
            "https://a.example/\u{feff}",
            "",
        ] {
            let err = SocialLink::parse("X", bad).unwrap_err();
            assert_eq!(
                (err.field, err.code),
                ("social_url", "bad_social_url"),
                "{bad}"
            );
        }
        let long = format!("https://a.example/{}", "x".repeat(500));
        assert_eq!(
            SocialLink::parse("X", &long).unwrap_err().code,
            "bad_social_url"
        );
        for bad in ["", "   ", " a", &"a".repeat(41), "a\u{7}b", "a\u{feff}"] {
            let err = SocialLink::parse(bad, "https://a.example").unwrap_err();
            assert_eq!(err.field, "social_label", "{bad:?}");
        }
    }

    #[test]
    fn settings_are_checked_field_by_field() {
        assert_eq!(settings().validate(), Ok(()));
        assert_eq!(SiteSettings::default().validate(), Ok(()));
        let field = |s: SiteSettings| s.validate().unwrap_err().field;
        let named = |name: &str| SiteSettings {
            site_name: Some(name.into()),
            ..settings()
        };
        assert_eq!(field(named("  ")), "site_name");
        assert_eq!(field(named(" x")), "site_name");
        assert_eq!(field(named(&"n".repeat(121))), "site_name");
        assert_eq!(named(&"n".repeat(120)).validate(), Ok(()));
        let many = SiteSettings {
            social_links: vec![settings().social_links[0].clone(); 9],
            ..settings()
        };
        assert_eq!(field(many), "social_links");
        let unchecked = SiteSettings {
            social_links: vec![SocialLink {
                label: "X".into(),
                url: "data:text/html,hi".into(),
            }],
            ..settings()
        };
        assert_eq!(field(unchecked), "social_url");
        let wordy = SiteSettings {
            contact_text: "c".repeat(501),
            ..settings()
        };
        assert_eq!(field(wordy), "contact_text");
        let nul = SiteSettings {
            contact_text: "a\u{0}b".into(),
            ..settings()
        };
        assert_eq!(field(nul), "contact_text");
        let lines = SiteSettings {
            contact_text: " 1 Main Street\n\tSpringfield ".into(),
            ..settings()
        };
        assert_eq!(lines.validate(), Ok(()));
        let hub = |url: &str| SiteSettings {
            websub_hub: Some(url.into()),
            ..settings()
        };
        for bad in [
            "hub.example",
            "ftp://hub.example",
            "https://hub.example/<x>",
            "https://hüb.example/",
            "https://hub.example/ x",
            "",
        ] {
            assert_eq!(field(hub(bad)), "websub_hub", "{bad}");
        }
        assert_eq!(hub("http://127.0.0.1:9/hub?x=1").validate(), Ok(()));
    }

    /// Stored settings read back through the same checks; settings saved
    /// before the hub existed read as having none.
    #[test]
    fn settings_round_trip_as_json() {
        let json = serde_json::to_string(&settings()).unwrap();
        let back: SiteSettings = serde_json::from_str(&json).unwrap();
        assert_eq!(back, settings());
        let old = r#"{"site_name":null,"default_edition_id":null,"social_links":[],"contact_email":null,"contact_text":""}"#;
        let back: SiteSettings = serde_json::from_str(old).unwrap();
        assert_eq!(back, SiteSettings::default());
    }
}
