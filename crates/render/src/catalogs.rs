//! Fluent translation catalogs: one concurrent bundle per UI language, with
//! English as the fallback for missing languages and messages.

use std::borrow::Cow;
use std::path::Path;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use intl_memoizer::concurrent::IntlLangMemoizer;
use unic_langid::LanguageIdentifier;

use crate::numbers::group_digits;

/// The languages whose catalogs ship in the binary, with their FTL source.
/// Each language's catalog is its site file followed by one file per feature
/// (`{lang}-accounts.ftl`, `{lang}-comments.ftl`); message names are unique
/// across them.
const EMBEDDED: &[(&str, &str)] = &[
    (
        "en",
        concat!(
            include_str!("../locales/en.ftl"),
            "\n",
            include_str!("../locales/en-accounts.ftl"),
            "\n",
            include_str!("../locales/en-comments.ftl"),
            "\n",
            include_str!("../locales/en-chats.ftl"),
            "\n",
            include_str!("../locales/en-live.ftl"),
            "\n",
            include_str!("../locales/en-setup.ftl"),
            "\n",
            include_str!("../locales/en-notifications.ftl"),
            "\n",
            include_str!("../locales/en-staff.ftl"),
            "\n",
            include_str!("../locales/en-pictures.ftl"),
            "\n",
            include_str!("../locales/en-desk.ftl"),
            "\n",
            include_str!("../locales/en-search.ftl"),
            "\n",
            include_str!("../locales/en-newsletters.ftl"),
            "\n",
            include_str!("../locales/en-import.ftl"),
            "\n",
            include_str!("../locales/en-wires.ftl"),
            "\n",
            include_str!("../locales/en-webhooks.ftl"),
        ),
    ),
    (
        "ru",
        concat!(
            include_str!("../locales/ru.ftl"),
            "\n",
            include_str!("../locales/ru-accounts.ftl"),
            "\n",
            include_str!("../locales/ru-comments.ftl"),
            "\n",
            include_str!("../locales/ru-chats.ftl"),
            "\n",
            include_str!("../locales/ru-live.ftl"),
            "\n",
            include_str!("../locales/ru-setup.ftl"),
            "\n",
            include_str!("../locales/ru-notifications.ftl"),
            "\n",
            include_str!("../locales/ru-staff.ftl"),
            "\n",
            include_str!("../locales/ru-pictures.ftl"),
            "\n",
            include_str!("../locales/ru-desk.ftl"),
            "\n",
            include_str!("../locales/ru-search.ftl"),
            "\n",
            include_str!("../locales/ru-newsletters.ftl"),
            "\n",
            include_str!("../locales/ru-import.ftl"),
            "\n",
            include_str!("../locales/ru-wires.ftl"),
            "\n",
            include_str!("../locales/ru-webhooks.ftl"),
        ),
    ),
];

/// The language used when a page's language has no catalog.
pub const FALLBACK_LANGUAGE: &str = "en";

struct Catalog {
    language: &'static str,
    bundle: FluentBundle<FluentResource>,
}

/// Every UI string of the reader site, by language.
pub struct Catalogs {
    catalogs: Vec<Catalog>,
}

impl std::fmt::Debug for Catalogs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let languages: Vec<_> = self.catalogs.iter().map(|c| c.language).collect();
        f.debug_struct("Catalogs")
            .field("languages", &languages)
            .finish()
    }
}

impl Catalogs {
    /// Loads the embedded catalogs; `{theme_dir}/locales/{lang}.ftl`, when
    /// present, overrides messages one by one.
    pub fn load(theme_dir: Option<&Path>) -> Self {
        let catalogs = EMBEDDED
            .iter()
            .map(|(language, source)| {
                let mut bundle = new_bundle(language);
                add_source(&mut bundle, language, (*source).to_owned(), false);
                if let Some(dir) = theme_dir {
                    let path = dir.join("locales").join(format!("{language}.ftl"));
                    if let Ok(source) = std::fs::read_to_string(&path) {
                        add_source(&mut bundle, language, source, true);
                    }
                }
                Catalog { language, bundle }
            })
            .collect();
        Self { catalogs }
    }

    /// The catalog language serving a BCP 47 tag: its primary subtag when a
    /// catalog exists for it, English otherwise.
    pub fn resolve(&self, language_tag: &str) -> &'static str {
        let primary = language_tag.split(['-', '_']).next().unwrap_or_default();
        self.catalogs
            .iter()
            .find(|c| c.language.eq_ignore_ascii_case(primary))
            .map_or(FALLBACK_LANGUAGE, |c| c.language)
    }

    /// Languages that have a catalog.
    pub fn languages(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.catalogs.iter().map(|c| c.language)
    }

    /// Whether `language`'s own catalog (not the fallback) defines `key`.
    pub fn has(&self, language: &str, key: &str) -> bool {
        self.catalog(language)
            .is_some_and(|c| c.bundle.has_message(key))
    }

    /// Formats message `key` in `language`, falling back to English and then
    /// to the key itself (logged) so that a missing string never fails a page.
    pub fn message(&self, language: &str, key: &str, args: Option<&FluentArgs>) -> String {
        let preferred = self.catalog(language);
        let fallback = self.catalog(FALLBACK_LANGUAGE);
        for catalog in preferred.into_iter().chain(fallback) {
            if let Some(text) = format(&catalog.bundle, key, args) {
                return text.into_owned();
            }
        }
        tracing::warn!(language, key, "missing UI string");
        key.to_owned()
    }

    fn catalog(&self, language: &str) -> Option<&Catalog> {
        self.catalogs.iter().find(|c| c.language == language)
    }
}

fn new_bundle(language: &str) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = language.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks would leak into attributes and tests; the
    // templates already isolate user text where direction matters.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match language {
        "ru" => format_number::<'\u{a0}'>,
        _ => format_number::<','>,
    }));
    bundle
}

/// Parses and adds one FTL source, logging (not failing on) syntax errors:
/// the valid entries of a partly broken file are still used.
fn add_source(
    bundle: &mut FluentBundle<FluentResource>,
    language: &str,
    source: String,
    overriding: bool,
) {
    let resource = match FluentResource::try_new(source) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            tracing::error!(language, ?errors, "syntax errors in a Fluent catalog");
            resource
        }
    };
    if overriding {
        bundle.add_resource_overriding(resource);
    } else if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(
            language,
            ?errors,
            "conflicting messages in a Fluent catalog"
        );
    }
}

fn format<'b>(
    bundle: &'b FluentBundle<FluentResource>,
    key: &str,
    args: Option<&FluentArgs>,
) -> Option<Cow<'b, str>> {
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::warn!(key, ?errors, "errors formatting a UI string");
    }
    Some(text)
}

/// Fluent prints numbers without grouping; integers get the locale's group
/// separator here, everything else keeps Fluent's own formatting.
fn format_number<const SEP: char>(value: &FluentValue, _: &IntlLangMemoizer) -> Option<String> {
    match value {
        FluentValue::Number(n)
            if n.value.fract() == 0.0 && n.value.abs() < 1e15 && n.options.use_grouping =>
        {
            // The range check above makes the cast exact.
            #[allow(clippy::cast_possible_truncation)]
            Some(group_digits(n.value as i64, SEP))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(catalogs: &Catalogs, language: &str, n: i64) -> String {
        let mut args = FluentArgs::new();
        args.set("count", n);
        catalogs.message(language, "comments-count", Some(&args))
    }

    /// A message defined twice would keep its first text and log an error
    /// at start-up; a syntax error would drop the entry. Neither may ship.
    #[test]
    fn the_embedded_catalogs_parse_and_name_each_message_once() {
        for (language, source) in EMBEDDED {
            let resource = FluentResource::try_new((*source).to_owned())
                .unwrap_or_else(|(_, errors)| panic!("{language}: {errors:?}"));
            let mut bundle = new_bundle(language);
            if let Err(errors) = bundle.add_resource(resource) {
                panic!("{language}: {errors:?}");
            }
        }
    }

    #[test]
    fn russian_comment_counts_use_all_three_plural_forms() {
        let c = Catalogs::load(None);
        assert_eq!(count(&c, "ru", 0), "0 комментариев");
        assert_eq!(count(&c, "ru", 1), "1 комментарий");
        assert_eq!(count(&c, "ru", 2), "2 комментария");
        assert_eq!(count(&c, "ru", 4), "4 комментария");
        assert_eq!(count(&c, "ru", 5), "5 комментариев");
        assert_eq!(count(&c, "ru", 11), "11 комментариев");
        assert_eq!(count(&c, "ru", 12), "12 комментариев");
        assert_eq!(count(&c, "ru", 21), "21 комментарий");
        assert_eq!(count(&c, "ru", 22), "22 комментария");
        assert_eq!(count(&c, "ru", 111), "111 комментариев");
        assert_eq!(count(&c, "ru", 1001), "1\u{a0}001 комментарий");
    }

    #[test]
    fn english_comment_counts() {
        let c = Catalogs::load(None);
        assert_eq!(count(&c, "en", 0), "0 comments");
        assert_eq!(count(&c, "en", 1), "1 comment");
        assert_eq!(count(&c, "en", 21), "21 comments");
        assert_eq!(count(&c, "en", 12345), "12,345 comments");
    }

    #[test]
    fn no_bidi_isolation_marks() {
        let c = Catalogs::load(None);
        assert!(!count(&c, "en", 3).contains(['\u{2068}', '\u{2069}']));
    }

    #[test]
    fn languages_resolve_by_primary_subtag_and_fall_back() {
        let c = Catalogs::load(None);
        assert_eq!(c.resolve("ru-RU"), "ru");
        assert_eq!(c.resolve("en-GB"), "en");
        assert_eq!(c.resolve("de"), "en");
        assert_eq!(
            c.message("de", "nav-sections", None),
            c.message("en", "nav-sections", None)
        );
        assert_eq!(c.message("en", "no-such-key", None), "no-such-key");
    }

    /// Every message in one catalog exists in every other, so that no page
    /// silently falls back to English.
    #[test]
    fn catalogs_are_complete_in_every_language() {
        let c = Catalogs::load(None);
        let ids = |source: &str| -> Vec<String> {
            let resource = FluentResource::try_new(source.to_owned()).expect("catalog parses");
            resource
                .entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                    _ => None,
                })
                .collect()
        };
        for (language, source) in EMBEDDED {
            for (other, _) in EMBEDDED {
                for id in ids(source) {
                    assert!(
                        c.has(other, &id),
                        "{other} lacks {id} (defined in {language})"
                    );
                }
            }
        }
    }
}
