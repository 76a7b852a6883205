//! Fluent translation catalogs: one concurrent bundle per UI language, built
//! in or brought by a theme or the data folder (`catalog_files.rs`), with
//! English as the fallback for missing languages and, per message, for
//! missing messages. Numbers inside messages are written by ICU4X in the
//! page's digits (`NumberSystem`): each language has a bundle per system,
//! both sharing the parsed resources.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

use dateline_domain::NumberSystem;
use fixed_decimal::Decimal;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use icu_decimal::DecimalFormatter;
use intl_memoizer::concurrent::IntlLangMemoizer;
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;

use crate::catalog_files::{catalog_sources, CatalogSource, LocaleFolders, Origin};
use crate::numbers::{decimal_formatter, icu_locale};

/// The language used when a page's language has no catalog.
pub const FALLBACK_LANGUAGE: &str = "en";

type Bundle = FluentBundle<Arc<FluentResource>>;

struct Catalog {
    language: &'static str,
    latin: Bundle,
    native: Bundle,
}

impl Catalog {
    fn bundle(&self, numbers: NumberSystem) -> &Bundle {
        match numbers {
            NumberSystem::Latin => &self.latin,
            NumberSystem::Native => &self.native,
        }
    }
}

/// Every UI string of the site, by language.
pub struct Catalogs {
    catalogs: Vec<Catalog>,
    /// Keys missing even in English, already logged once.
    warned: Mutex<HashSet<String>>,
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
    /// The built-in catalogs with `{theme_dir}/locales/*.ftl` over them.
    pub fn load(theme_dir: Option<&std::path::Path>) -> Self {
        Self::load_from(&LocaleFolders {
            theme_dir: theme_dir.map(Into::into),
            data_dir: None,
        })
    }

    /// The built-in catalogs, then the theme's, then the data folder's,
    /// each overriding the one before message by message.
    pub fn load_from(folders: &LocaleFolders) -> Self {
        Self::from_sources(catalog_sources(folders))
    }

    fn from_sources(sources: Vec<CatalogSource>) -> Self {
        let mut catalogs: Vec<Catalog> = Vec::new();
        let mut english: Vec<String> = Vec::new();
        for source in sources {
            let index = match catalogs.iter().position(|c| c.language == source.language) {
                Some(index) => index,
                None => {
                    catalogs.push(Catalog {
                        language: source.language,
                        latin: new_bundle(source.language, NumberSystem::Latin),
                        native: new_bundle(source.language, NumberSystem::Native),
                    });
                    catalogs.len() - 1
                }
            };
            let catalog = &mut catalogs[index];
            let resource = Arc::new(parse(&source));
            if source.language == FALLBACK_LANGUAGE {
                english.extend(resource.entries().filter_map(message_id));
            }
            let overriding = source.origin != Origin::BuiltIn;
            for bundle in [&mut catalog.latin, &mut catalog.native] {
                add(bundle, &source, Arc::clone(&resource), overriding);
            }
        }
        let catalogs = Self {
            catalogs,
            warned: Mutex::default(),
        };
        catalogs.log_missing(&english);
        catalogs
    }

    /// Logs, once per load, the English messages each language lacks: those
    /// fall back to English on pages, silently from then on.
    fn log_missing(&self, keys: &[String]) {
        for catalog in self
            .catalogs
            .iter()
            .filter(|c| c.language != FALLBACK_LANGUAGE)
        {
            let missing: Vec<&str> = keys
                .iter()
                .filter(|k| !catalog.latin.has_message(k))
                .map(String::as_str)
                .collect();
            if !missing.is_empty() {
                tracing::warn!(
                    language = catalog.language,
                    count = missing.len(),
                    keys = %missing.join(" "),
                    "UI strings missing in a catalog; English is shown instead"
                );
            }
        }
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

    /// `language` named in itself (`language-name` of its own catalog:
    /// "Русский", "العربية"), as a choice of languages lists it; the code
    /// when its catalog does not name it.
    pub fn language_name(&self, language: &str) -> String {
        if self.has(language, "language-name") {
            self.message(language, "language-name", None)
        } else {
            language.to_owned()
        }
    }

    /// Whether `language`'s own catalog (not the fallback) defines `key`.
    pub fn has(&self, language: &str, key: &str) -> bool {
        self.catalog(language)
            .is_some_and(|c| c.latin.has_message(key))
    }

    /// Formats message `key` in `language` with Latin digits; see
    /// [`Catalogs::format`].
    pub fn message(&self, language: &str, key: &str, args: Option<&FluentArgs>) -> String {
        self.format(language, NumberSystem::Latin, key, args)
    }

    /// Formats message `key` in `language` with `numbers` digits, falling
    /// back to English and then to the key itself (logged once) so that a
    /// missing string never fails a page.
    pub fn format(
        &self,
        language: &str,
        numbers: NumberSystem,
        key: &str,
        args: Option<&FluentArgs>,
    ) -> String {
        let preferred = self.catalog(language);
        let fallback = self.catalog(FALLBACK_LANGUAGE);
        for catalog in preferred.into_iter().chain(fallback) {
            if let Some(text) = format(catalog.bundle(numbers), key, args) {
                return text.into_owned();
            }
        }
        let mut warned = self.warned.lock().unwrap_or_else(PoisonError::into_inner);
        if warned.insert(key.to_owned()) {
            tracing::warn!(language, key, "missing UI string");
        }
        key.to_owned()
    }

    fn catalog(&self, language: &str) -> Option<&Catalog> {
        self.catalogs.iter().find(|c| c.language == language)
    }
}

fn message_id(entry: &fluent_syntax::ast::Entry<&str>) -> Option<String> {
    match entry {
        fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
        _ => None,
    }
}

fn new_bundle(language: &str, numbers: NumberSystem) -> Bundle {
    let id: LanguageIdentifier = language.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks would leak into attributes and tests; the
    // templates already isolate user text where direction matters.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match numbers {
        NumberSystem::Latin => format_number::<false>,
        NumberSystem::Native => format_number::<true>,
    }));
    bundle
}

/// Parses one FTL source, logging (not failing on) syntax errors: the valid
/// entries of a partly broken file are still used.
fn parse(source: &CatalogSource) -> FluentResource {
    match FluentResource::try_new(source.text.clone()) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            tracing::error!(
                language = source.language,
                file = %source.file,
                ?errors,
                "syntax errors in a Fluent catalog"
            );
            resource
        }
    }
}

fn add(
    bundle: &mut Bundle,
    source: &CatalogSource,
    resource: Arc<FluentResource>,
    overriding: bool,
) {
    if overriding {
        bundle.add_resource_overriding(resource);
    } else if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(
            language = source.language,
            file = %source.file,
            ?errors,
            "conflicting messages in a Fluent catalog"
        );
    }
}

fn format<'b>(bundle: &'b Bundle, key: &str, args: Option<&FluentArgs>) -> Option<Cow<'b, str>> {
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::warn!(key, ?errors, "errors formatting a UI string");
    }
    Some(text)
}

/// A bundle's decimal formatter, made once per bundle by Fluent's memoizer;
/// the arguments are (native digits, grouping).
struct Decimals(Option<DecimalFormatter>);

impl Memoizable for Decimals {
    type Args = (bool, bool);
    type Error = std::convert::Infallible;
    fn construct(
        lang: LanguageIdentifier,
        (native, grouping): (bool, bool),
    ) -> Result<Self, Self::Error> {
        let numbers = if native {
            NumberSystem::Native
        } else {
            NumberSystem::Latin
        };
        let locale = icu_locale(&lang.language.to_string(), numbers);
        Ok(Self(decimal_formatter(&locale, grouping)))
    }
}

/// Fluent prints numbers as plain Latin digits; ICU4X writes them here with
/// the language's grouping and the bundle's digits.
fn format_number<const NATIVE: bool>(
    value: &FluentValue,
    memo: &IntlLangMemoizer,
) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let decimal = Decimal::try_from_str(&n.as_string()).ok()?;
    let grouping = n.options.use_grouping;
    memo.with_try_get::<Decimals, _, _>((NATIVE, grouping), |d| {
        d.0.as_ref().map(|f| f.format_to_string(&decimal))
    })
    .ok()
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(catalogs: &Catalogs, language: &str, n: i64) -> String {
        let mut args = FluentArgs::new();
        args.set("count", n);
        catalogs.message(language, "comments-count", Some(&args))
    }

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("locales")).unwrap();
        for (name, body) in files {
            std::fs::write(dir.path().join("locales").join(name), body).unwrap();
        }
        dir
    }

    fn in_data(dir: &tempfile::TempDir) -> Catalogs {
        Catalogs::load_from(&LocaleFolders {
            theme_dir: None,
            data_dir: Some(dir.path().to_path_buf()),
        })
    }

    /// A message defined twice would keep its first text and log an error
    /// at start-up; a syntax error would drop the entry. Neither may ship.
    #[test]
    fn the_embedded_catalogs_parse_and_name_each_message_once() {
        for source in catalog_sources(&LocaleFolders::default()) {
            let resource = FluentResource::try_new(source.text.clone())
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", source.language));
            let mut bundle = new_bundle(source.language, NumberSystem::Latin);
            if let Err(errors) = bundle.add_resource(Arc::new(resource)) {
                panic!("{}: {errors:?}", source.language);
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

    /// Fluent's own CLDR plural rules give Arabic its six categories; the
    /// numbers in the text follow the page's digits.
    #[test]
    fn arabic_plural_categories_and_digits_through_fluent() {
        let dir = folder(&[(
            "ar-probe.ftl",
            "probe-count = { $count ->\n    [zero] zero\n    [one] one\n    [two] two\n    [few] few { $count }\n    [many] many { $count }\n   *[other] other { $count }\n}\n",
        )]);
        let c = in_data(&dir);
        let probe = |numbers, n: i64| {
            let mut args = FluentArgs::new();
            args.set("count", n);
            c.format("ar", numbers, "probe-count", Some(&args))
        };
        assert_eq!(probe(NumberSystem::Latin, 0), "zero");
        assert_eq!(probe(NumberSystem::Latin, 1), "one");
        assert_eq!(probe(NumberSystem::Latin, 2), "two");
        assert_eq!(probe(NumberSystem::Latin, 3), "few 3");
        assert_eq!(probe(NumberSystem::Latin, 11), "many 11");
        assert_eq!(probe(NumberSystem::Latin, 100), "other 100");
        assert_eq!(probe(NumberSystem::Native, 11), "many ١١");
        assert_eq!(probe(NumberSystem::Native, 1000), "other ١٬٠٠٠");
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

    /// A language no catalog ships comes from a folder; what it lacks is
    /// English, message by message.
    #[test]
    fn a_folder_adds_a_language_that_falls_back_per_message() {
        let dir = folder(&[
            ("de.ftl", "nav-sections = Ressorts\n"),
            ("de-comments.ftl", "comments-count = { $count ->\n    [one] ein Kommentar\n   *[other] { $count } Kommentare\n}\n"),
            ("notes.txt", "not a catalog"),
        ]);
        let c = in_data(&dir);
        assert_eq!(c.resolve("de-AT"), "de");
        assert_eq!(c.message("de", "nav-sections", None), "Ressorts");
        assert_eq!(count(&c, "de", 1), "ein Kommentar");
        // German groups with a dot: the formatter follows the language.
        assert_eq!(count(&c, "de", 1500), "1.500 Kommentare");
        assert_eq!(
            c.message("de", "authors", None),
            c.message("en", "authors", None)
        );
    }

    /// The data folder overrides the theme, which overrides the binary.
    #[test]
    fn data_folder_over_theme_over_built_in() {
        let theme = folder(&[("en.ftl", "authors = Theme authors\ntags = Theme tags\n")]);
        let data = folder(&[("en.ftl", "authors = Data authors\n")]);
        let c = Catalogs::load_from(&LocaleFolders {
            theme_dir: Some(theme.path().to_path_buf()),
            data_dir: Some(data.path().to_path_buf()),
        });
        assert_eq!(c.message("en", "authors", None), "Data authors");
        assert_eq!(c.message("en", "tags", None), "Theme tags");
        assert_ne!(c.message("en", "nav-sections", None), "nav-sections");
    }

    /// Every message in one built-in catalog exists in every other, so that
    /// no page silently falls back to English.
    #[test]
    fn catalogs_are_complete_in_every_language() {
        let c = Catalogs::load(None);
        let sources = catalog_sources(&LocaleFolders::default());
        for source in &sources {
            let resource = FluentResource::try_new(source.text.clone()).expect("catalog parses");
            for id in resource.entries().filter_map(message_id) {
                for other in &sources {
                    assert!(
                        c.has(other.language, &id),
                        "{} lacks {id} (defined in {})",
                        other.language,
                        source.language
                    );
                }
            }
        }
    }
}
