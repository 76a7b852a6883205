//! The editor's "Search and social" fields: kept as typed, parsed into the
//! article's `ArticleSeo` with one message per bad field, and shown with
//! the lengths search engines and social networks display.

use dateline_domain::{
    ArticleSeo, CanonicalUrl, SEO_DESCRIPTION_SHOWN_CHARS, SEO_TEXT_MAX_CHARS,
    SEO_TITLE_SHOWN_CHARS, SOCIAL_DESCRIPTION_SHOWN_CHARS, SOCIAL_TITLE_SHOWN_CHARS,
};
use serde::Serialize;

use super::form::FieldError;

/// The fields as typed, under their form names.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SeoForm {
    pub seo_title: String,
    pub seo_description: String,
    pub social_title: String,
    pub social_description: String,
    /// A media-bank number.
    pub social_media: String,
    pub canonical_url: String,
}

impl SeoForm {
    pub fn of(seo: &ArticleSeo) -> Self {
        let text = |t: &Option<String>| t.clone().unwrap_or_default();
        Self {
            seo_title: text(&seo.seo_title),
            seo_description: text(&seo.seo_description),
            social_title: text(&seo.social_title),
            social_description: text(&seo.social_description),
            social_media: seo
                .social_media_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            canonical_url: seo
                .canonical_url
                .as_ref()
                .map(|url| url.as_str().to_owned())
                .unwrap_or_default(),
        }
    }

    /// Keeps a posted field when it is one of these; `false` otherwise.
    pub fn take(&mut self, name: &str, value: &str) -> bool {
        let slot = match name {
            "seo_title" => &mut self.seo_title,
            "seo_description" => &mut self.seo_description,
            "social_title" => &mut self.social_title,
            "social_description" => &mut self.social_description,
            "social_media" => &mut self.social_media,
            "canonical_url" => &mut self.canonical_url,
            _ => return false,
        };
        value.clone_into(slot);
        true
    }

    /// The overrides asked for; `None` after adding a message to `errors`
    /// for each field that is wrong. Empty fields are the defaults.
    pub fn parse(&self, errors: &mut Vec<FieldError>) -> Option<ArticleSeo> {
        let before = errors.len();
        let mut fail = |field: &str, message: &str| {
            errors.push(FieldError {
                field: field.to_owned(),
                message: message.to_owned(),
            })
        };
        let mut text = |field: &'static str, typed: &str| {
            ArticleSeo::text(field, typed).unwrap_or_else(|_| {
                fail(field, "form-seo-too-long");
                None
            })
        };
        let seo_title = text("seo_title", &self.seo_title);
        let seo_description = text("seo_description", &self.seo_description);
        let social_title = text("social_title", &self.social_title);
        let social_description = text("social_description", &self.social_description);
        let social_media_id = match self.social_media.trim() {
            "" => None,
            typed => typed.parse::<i64>().ok().or_else(|| {
                fail("social_media", "form-bad-media");
                None
            }),
        };
        let canonical_url = match self.canonical_url.trim() {
            "" => None,
            typed => typed.parse::<CanonicalUrl>().ok().or_else(|| {
                fail("canonical_url", "form-bad-canonical");
                None
            }),
        };
        (errors.len() == before).then_some(ArticleSeo {
            seo_title,
            seo_description,
            social_title,
            social_description,
            social_media_id,
            canonical_url,
        })
    }
}

/// One of the four texts as the editor shows it, with its counter.
#[derive(Debug, Serialize)]
pub struct SeoText {
    /// The form name; also names the field's label and hint in the catalog
    /// (`seo-field-{name}`, `seo-hint-{name}`).
    pub name: &'static str,
    pub value: String,
    /// A description gets a text area.
    pub multiline: bool,
    /// About what search results or social cards show.
    pub shown: usize,
    /// Characters typed (trimmed), as the store counts them.
    pub count: usize,
}

/// What the "Search and social" section shows besides the fields.
#[derive(Debug, Serialize)]
pub struct SeoSection {
    pub texts: Vec<SeoText>,
    pub max_chars: usize,
    /// The address search results show when no canonical one is given.
    pub own_url: String,
    /// Open when something is set or refused, closed otherwise.
    pub open: bool,
}

impl SeoSection {
    pub fn new(form: &SeoForm, own_url: String) -> Self {
        let text = |name, value: &str, multiline, shown| SeoText {
            name,
            value: value.to_owned(),
            multiline,
            shown,
            count: value.trim().chars().count(),
        };
        let texts = vec![
            text("seo_title", &form.seo_title, false, SEO_TITLE_SHOWN_CHARS),
            text(
                "seo_description",
                &form.seo_description,
                true,
                SEO_DESCRIPTION_SHOWN_CHARS,
            ),
            text(
                "social_title",
                &form.social_title,
                false,
                SOCIAL_TITLE_SHOWN_CHARS,
            ),
            text(
                "social_description",
                &form.social_description,
                true,
                SOCIAL_DESCRIPTION_SHOWN_CHARS,
            ),
        ];
        Self {
            open: *form != SeoForm::default(),
            texts,
            max_chars: SEO_TEXT_MAX_CHARS,
            own_url,
        }
    }

    /// Opens the section when one of its fields was refused.
    pub fn show_errors(&mut self, errors: &[FieldError]) {
        let mut probe = SeoForm::default();
        self.open |= errors.iter().any(|e| probe.take(&e.field, ""));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(fields: &[(&str, &str)]) -> SeoForm {
        let mut form = SeoForm::default();
        for (name, value) in fields {
            assert!(form.take(name, value), "{name}");
        }
        form
    }

    #[test]
    fn typed_fields_become_overrides_and_empty_ones_defaults() {
        let typed = form(&[
            ("seo_title", "  Bridge reopens | Dateline "),
            ("seo_description", ""),
            ("social_title", "It's open!"),
            ("social_description", "  "),
            ("social_media", " 12 "),
            ("canonical_url", " https://wire.example/bridge "),
        ]);
        let seo = typed.parse(&mut Vec::new()).unwrap();
        assert_eq!(seo.seo_title.as_deref(), Some("Bridge reopens | Dateline"));
        assert_eq!(seo.seo_description, None);
        assert_eq!(seo.social_title.as_deref(), Some("It's open!"));
        assert_eq!(seo.social_description, None);
        assert_eq!(seo.social_media_id, Some(12));
        assert_eq!(
            seo.canonical_url.as_ref().map(CanonicalUrl::as_str),
            Some("https://wire.example/bridge")
        );
        let shown = SeoForm::of(&seo);
        assert_eq!(shown.seo_title, "Bridge reopens | Dateline");
        assert_eq!(shown.social_media, "12");
        assert!(!SeoForm::default().take("headline", "x"));
    }

    #[test]
    fn every_bad_field_is_named_and_kept_as_typed() {
        let long = "x".repeat(SEO_TEXT_MAX_CHARS + 1);
        let typed = form(&[
            ("seo_title", &long),
            ("social_description", &long),
            ("social_media", "the bridge"),
            ("canonical_url", "wire.example/bridge"),
        ]);
        let mut errors = Vec::new();
        assert_eq!(typed.parse(&mut errors), None);
        let named: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(
            named,
            [
                ("seo_title", "form-seo-too-long"),
                ("social_description", "form-seo-too-long"),
                ("social_media", "form-bad-media"),
                ("canonical_url", "form-bad-canonical"),
            ]
        );
        assert_eq!(typed.canonical_url, "wire.example/bridge");
        let section = SeoSection::new(&typed, "/en/world/x".into());
        assert!(section.open);
        assert_eq!(section.texts[0].count, SEO_TEXT_MAX_CHARS + 1);
        let mut empty = SeoSection::new(&SeoForm::default(), String::new());
        assert!(!empty.open);
        empty.show_errors(&errors[..1]);
        assert!(empty.open, "a refused field opens the section");
    }
}
