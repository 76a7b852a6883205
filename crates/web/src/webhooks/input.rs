//! A hook as admins type it (newsroom form or Admin API), checked once:
//! an absolute http(s) address with a host and no user name or password
//! in it (those would show in the newsroom and the logs), at least one
//! known event, a short description. Admins are trusted: any host is
//! accepted, loopback and private addresses included (a receiver on the
//! same machine is a common set-up).

use std::collections::BTreeSet;

use dateline_store::webhooks::{WebhookEvent, WebhookInput};

use crate::error::{ApiError, ErrorCode};

pub const URL_MAX_CHARS: usize = 2_000;
pub const DESCRIPTION_MAX_CHARS: usize = 200;

/// What is wrong with a hook as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Url,
    Events,
    Description,
}

impl Refusal {
    /// The field, as the form and the API name it.
    pub fn field(self) -> &'static str {
        match self {
            Self::Url => "url",
            Self::Events => "events",
            Self::Description => "description",
        }
    }

    /// The newsroom's message (a catalog id).
    pub fn message_id(self) -> &'static str {
        match self {
            Self::Url => "webhook-error-url",
            Self::Events => "webhook-error-events",
            Self::Description => "webhook-error-description",
        }
    }
}

impl From<Refusal> for ApiError {
    fn from(refusal: Refusal) -> Self {
        let message = match refusal {
            Refusal::Url => format!(
                "an absolute http:// or https:// address with a host, without a user name \
                 or password, of at most {URL_MAX_CHARS} characters"
            ),
            Refusal::Events => format!(
                "at least one of {}",
                WebhookEvent::SUBSCRIBABLE
                    .map(WebhookEvent::as_str)
                    .join(", ")
            ),
            Refusal::Description => {
                format!("a description has at most {DESCRIPTION_MAX_CHARS} characters")
            }
        };
        ApiError::new(ErrorCode::InvalidInput, message).with_field(refusal.field())
    }
}

/// Checks a hook as typed.
pub fn parse_input(
    url: &str,
    events: &[String],
    active: bool,
    description: &str,
) -> Result<WebhookInput, Refusal> {
    let url = url.trim();
    let parsed = url::Url::parse(url).map_err(|_| Refusal::Url)?;
    let acceptable = matches!(parsed.scheme(), "http" | "https")
        && parsed.host_str().is_some_and(|h| !h.is_empty())
        && parsed.username().is_empty()
        && parsed.password().is_none()
        && url.chars().count() <= URL_MAX_CHARS;
    if !acceptable {
        return Err(Refusal::Url);
    }
    let mut chosen = BTreeSet::new();
    for name in events {
        match WebhookEvent::parse(name.trim()) {
            Some(event) if event != WebhookEvent::Ping => {
                chosen.insert(event);
            }
            _ => return Err(Refusal::Events),
        }
    }
    if chosen.is_empty() {
        return Err(Refusal::Events);
    }
    let description = description.trim();
    if description.chars().count() > DESCRIPTION_MAX_CHARS {
        return Err(Refusal::Description);
    }
    Ok(WebhookInput {
        url: parsed.to_string(),
        events: chosen,
        active,
        description: description.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn takes_http_addresses_and_known_events() {
        let input = parse_input(
            " https://hooks.example/in ",
            &events(&["comment.posted", "article.published"]),
            true,
            " Slack ",
        )
        .unwrap();
        assert_eq!(input.url, "https://hooks.example/in");
        assert_eq!(input.description, "Slack");
        assert_eq!(
            input.events.iter().map(|e| e.as_str()).collect::<Vec<_>>(),
            ["article.published", "comment.posted"]
        );
        assert!(parse_input(
            "http://127.0.0.1:9/x",
            &events(&["article.corrected"]),
            false,
            ""
        )
        .is_ok());
    }

    #[test]
    fn takes_the_plain_forms_the_api_document_describes() {
        let ev = events(&["comment.posted"]);
        for plain in [
            "HTTP://A",
            "http://0.-",
            "https://a.b.:9999/~._-/",
            "http://x-y/",
        ] {
            assert!(parse_input(plain, &ev, true, "").is_ok(), "{plain}");
        }
    }

    #[test]
    fn refuses_what_cannot_be_sent_to() {
        let ev = events(&["article.published"]);
        for bad in [
            "ftp://x.example/",
            "/relative",
            "https://user:pw@x.example/",
            "mailto:a@b.c",
            "",
        ] {
            assert_eq!(parse_input(bad, &ev, true, ""), Err(Refusal::Url), "{bad}");
        }
        let url = "https://x.example/";
        assert_eq!(parse_input(url, &[], true, ""), Err(Refusal::Events));
        assert_eq!(
            parse_input(url, &events(&["ping"]), true, ""),
            Err(Refusal::Events)
        );
        assert_eq!(
            parse_input(url, &events(&["article.deleted"]), true, ""),
            Err(Refusal::Events)
        );
        let long = "x".repeat(DESCRIPTION_MAX_CHARS + 1);
        assert_eq!(
            parse_input(url, &ev, true, &long),
            Err(Refusal::Description)
        );
    }
}
