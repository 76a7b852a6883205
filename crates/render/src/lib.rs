//! Dateline's HTML rendering: embedded minijinja templates that a theme folder
//! overrides file by file, Fluent catalogs for UI strings, and dates and
//! numbers formatted for each edition's language, time zone and date format.
//!
//! The environment is built once at start-up; templates are compiled on first
//! use and kept. Theme templates and static files are read at start-up, so a
//! change to them needs a restart. Catalogs can add any language at run time
//! (`{theme_dir}/locales/`, `{data_dir}/locales/`) and are re-read by
//! [`Renderer::reload_catalogs`] without a restart. Numbers, dates and lists
//! are formatted by ICU4X with CLDR data compiled into the binary.

mod assets;
mod catalog_files;
mod catalogs;
mod dates;
mod lists;
// Comment Markdown to safe HTML.
pub mod markdown;
mod numbers;
// Body text with marks: its HTML and the editor's markup.
pub mod rich;
mod templates;

use std::path::Path;
use std::sync::Arc;

use arc_swap::ArcSwap;
use dateline_domain::NumberSystem;
use fluent_bundle::FluentArgs;
use minijinja::{context, Environment, Value};
use serde::Serialize;

pub use assets::{StaticAssets, StaticFile};
pub use catalog_files::{catalog_sources, is_built_in, CatalogSource, LocaleFolders, Origin};
pub use catalogs::{Catalogs, FALLBACK_LANGUAGE};
pub use dates::{format_date, iso8601, local_midnight, rfc2822, w3c_date};
pub use fluent_bundle::FluentValue;
pub use lists::and_list;
pub use numbers::format_integer;
pub use templates::EMBEDDED as EMBEDDED_TEMPLATES;

use templates::Shared;

/// A template failed to load, compile or render.
#[derive(Debug, thiserror::Error)]
#[error("template {template}: {source:#}")]
pub struct RenderError {
    pub template: String,
    #[source]
    pub source: minijinja::Error,
}

/// How one page speaks: its catalog language, digits, time zone and date
/// pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageLocale {
    /// A language with a catalog (`en`, `ru`, or one a locales folder
    /// added), from [`Renderer::locale`]; interned, so copying is free.
    pub language: &'static str,
    /// Latin digits or the language's own, for numbers and dates.
    pub numbers: NumberSystem,
    /// IANA name, e.g. `Europe/Moscow`.
    pub time_zone: String,
    /// strftime-style pattern, e.g. `%d.%m.%Y`.
    pub date_format: String,
}

impl PageLocale {
    /// The same locale writing numbers and dates with `numbers`.
    #[must_use]
    pub fn with_numbers(mut self, numbers: NumberSystem) -> Self {
        self.numbers = numbers;
        self
    }
}

/// Templates, catalogs and static files, shared by every request.
#[derive(Debug)]
pub struct Renderer {
    env: Environment<'static>,
    shared: Arc<Shared>,
    folders: LocaleFolders,
}

impl Renderer {
    /// Builds the renderer from the built-in theme, overridden by the files
    /// of `theme_dir` (`templates/`, `locales/`, `static/`) when given.
    pub fn new(theme_dir: Option<&Path>) -> Self {
        Self::with_folders(LocaleFolders {
            theme_dir: theme_dir.map(Path::to_path_buf),
            data_dir: None,
        })
    }

    /// Like [`Renderer::new`], with catalogs from `{data_dir}/locales/` too
    /// (they override the theme's, which override the built-in ones).
    pub fn with_folders(folders: LocaleFolders) -> Self {
        let theme_dir = folders.theme_dir.as_deref();
        let shared = Arc::new(Shared {
            catalogs: ArcSwap::from_pointee(Catalogs::load_from(&folders)),
            assets: StaticAssets::load(theme_dir),
        });
        let env = templates::environment(theme_dir.map(Path::to_path_buf), Arc::clone(&shared));
        Self {
            env,
            shared,
            folders,
        }
    }

    /// Re-reads every catalog from the binary and the locales folders and
    /// swaps them in whole: pages being rendered finish with the old ones.
    pub fn reload_catalogs(&self) {
        let catalogs = Catalogs::load_from(&self.folders);
        tracing::info!(languages = ?catalogs.languages().collect::<Vec<_>>(), "catalogs reloaded");
        self.shared.catalogs.store(Arc::new(catalogs));
    }

    /// Compiles every page template now, so that a broken theme fails at
    /// start-up rather than on a reader's request.
    pub fn check(&self) -> Result<(), RenderError> {
        for (name, _) in templates::EMBEDDED {
            self.env.get_template(name).map_err(|source| RenderError {
                template: (*name).to_owned(),
                source,
            })?;
        }
        Ok(())
    }

    /// The locale of a page in an edition with this language tag, with
    /// Latin digits (see [`PageLocale::with_numbers`]).
    pub fn locale(&self, language_tag: &str, time_zone: &str, date_format: &str) -> PageLocale {
        PageLocale {
            language: self.shared.catalogs.load().resolve(language_tag),
            numbers: NumberSystem::Latin,
            time_zone: time_zone.to_owned(),
            date_format: date_format.to_owned(),
        }
    }

    /// Renders `template` with `page` (any serialisable view model) in `locale`.
    /// `locale`, `numbers`, `time_zone` and `date_format` become top-level
    /// variables read by `t` and the filters.
    pub fn render<T: Serialize>(
        &self,
        template: &str,
        locale: &PageLocale,
        page: &T,
    ) -> Result<String, RenderError> {
        let ctx = context! {
            locale => locale.language,
            numbers => locale.numbers.as_str(),
            time_zone => &locale.time_zone,
            date_format => &locale.date_format,
            ..Value::from_serialize(page)
        };
        self.env
            .get_template(template)
            .and_then(|t| t.render(ctx))
            .map_err(|source| RenderError {
                template: template.to_owned(),
                source,
            })
    }

    /// A UI string outside templates (feeds, headers).
    pub fn t(&self, locale: &PageLocale, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(*name, value.clone());
        }
        let args = (!args.is_empty()).then_some(&fluent);
        self.shared
            .catalogs
            .load()
            .format(locale.language, locale.numbers, key, args)
    }

    /// `ts` in the page's date format and time zone (or in `pattern`).
    pub fn date(&self, locale: &PageLocale, ts: i64, pattern: Option<&str>) -> String {
        let tz = locale.time_zone.parse().unwrap_or(chrono_tz::UTC);
        let pattern = pattern.unwrap_or(&locale.date_format);
        format_date(locale.language, locale.numbers, ts, pattern, tz)
    }

    /// `n` with the page's digits and grouping.
    pub fn number(&self, locale: &PageLocale, n: i64) -> String {
        format_integer(locale.language, locale.numbers, n)
    }

    /// `items` joined as the page's language joins a list ("A, B and C").
    pub fn and_list<S: AsRef<str>>(&self, locale: &PageLocale, items: &[S]) -> String {
        and_list(locale.language, items)
    }

    pub fn assets(&self) -> &StaticAssets {
        &self.shared.assets
    }

    /// The catalogs in use now (a later reload does not change these).
    pub fn catalogs(&self) -> Arc<Catalogs> {
        self.shared.catalogs.load_full()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, body) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, body).unwrap();
        }
        dir
    }

    #[test]
    fn embedded_templates_compile() {
        Renderer::new(None).check().unwrap();
    }

    #[test]
    fn filters_and_t_read_the_page_locale_even_inside_imported_macros() {
        let dir = theme(&[
            ("templates/probe.html", "{% import 'm.html' as m %}{{ m.probe(ts, n) }}|{{ t('comments-count', count=n) }}|{{ ts|iso }}|{{ big|number }}"),
            ("templates/m.html", "{% macro probe(ts, n) %}{{ ts|date }} {{ t('comments-count', count=n) }} {{ '%H' in date_format }}{% endmacro %}"),
        ]);
        let r = Renderer::new(Some(dir.path()));
        let ru = r.locale("ru-RU", "Europe/Moscow", "%e %B %Y");
        let page = serde_json::json!({ "ts": 1_706_699_100, "n": 21, "big": 1234567 });
        assert_eq!(
            r.render("probe.html", &ru, &page).unwrap(),
            "31 января 2024 21 комментарий False|21 комментарий|2024-01-31T14:05:00+03:00|1\u{a0}234\u{a0}567"
        );
        let en = r.locale("en", "UTC", "%d.%m.%Y %H:%M");
        assert_eq!(
            r.render("probe.html", &en, &page).unwrap(),
            "31.01.2024 11:05 21 comments True|21 comments|2024-01-31T11:05:00Z|1,234,567"
        );
    }

    #[test]
    fn a_theme_overrides_one_template_and_keeps_the_rest() {
        let dir = theme(&[("templates/error.html", "custom {{ error.status }}")]);
        let r = Renderer::new(Some(dir.path()));
        let en = r.locale("en", "UTC", "%d.%m.%Y");
        let page = serde_json::json!({ "error": { "status": 404 } });
        assert_eq!(r.render("error.html", &en, &page).unwrap(), "custom 404");
        assert!(r.check().is_ok());
    }

    #[test]
    fn html_is_escaped_and_theme_paths_cannot_escape_the_folder() {
        let dir = theme(&[("templates/x.html", "{{ s }}"), ("secret.html", "secret")]);
        let r = Renderer::new(Some(dir.path()));
        let en = r.locale("en", "UTC", "%d.%m.%Y");
        let page = serde_json::json!({ "s": "<script>\"&" });
        assert_eq!(
            r.render("x.html", &en, &page).unwrap(),
            "&lt;script&gt;&quot;&amp;"
        );
        assert!(r.render("../secret.html", &en, &page).is_err());
    }

    /// Editing a data-folder catalog on a running site takes effect on the
    /// next reload, for locales made before it too; a new language appears.
    #[test]
    fn reload_picks_up_changed_and_new_catalogs() {
        let data = theme(&[("locales/en.ftl", "authors = Writers\n")]);
        let r = Renderer::with_folders(LocaleFolders {
            theme_dir: None,
            data_dir: Some(data.path().to_path_buf()),
        });
        let en = r.locale("en", "UTC", "%d.%m.%Y");
        assert_eq!(r.t(&en, "authors", &[]), "Writers");
        assert_eq!(r.locale("de", "UTC", "%d.%m.%Y").language, "en");
        std::fs::write(
            data.path().join("locales/en.ftl"),
            "authors = Contributors\n",
        )
        .unwrap();
        std::fs::write(data.path().join("locales/de.ftl"), "authors = Autoren\n").unwrap();
        assert_eq!(r.t(&en, "authors", &[]), "Writers");
        r.reload_catalogs();
        assert_eq!(r.t(&en, "authors", &[]), "Contributors");
        let de = r.locale("de-DE", "Europe/Berlin", "%e. %B %Y");
        assert_eq!(de.language, "de");
        assert_eq!(r.t(&de, "authors", &[]), "Autoren");
        assert_eq!(r.date(&de, 1_706_699_100, None), "31. Januar 2024");
    }

    /// Bylines: links stay links, names are escaped, the joining words are
    /// the language's; numbers and dates follow the edition's digits.
    #[test]
    fn lists_and_digits_in_templates() {
        let dir = theme(&[(
            "templates/probe.html",
            "{% set l = namespace(items=[]) %}{% for a in people %}{% set l.items = l.items + [('<b>' ~ a|e ~ '</b>')|safe] %}{% endfor %}{{ l.items|and_list }}|{{ people|and_list }}|{{ n|number }}|{{ ts|date }}",
        )]);
        let r = Renderer::new(Some(dir.path()));
        let page = serde_json::json!({ "people": ["Ann", "B&B"], "n": 1234, "ts": 1_706_699_100 });
        let en = r.locale("en", "UTC", "%e %B");
        assert_eq!(
            r.render("probe.html", &en, &page).unwrap(),
            "<b>Ann</b> and <b>B&amp;B</b>|Ann and B&amp;B|1,234|31 January"
        );
        let ar = r
            .locale("ar", "Asia/Riyadh", "%e %B")
            .with_numbers(NumberSystem::Native);
        assert_eq!(
            r.render("probe.html", &ar, &page).unwrap(),
            "<b>Ann</b> و<b>B&amp;B</b>|Ann وB&amp;B|١٬٢٣٤|٣١ يناير"
        );
        assert_eq!(r.number(&ar, 5), "٥");
        assert_eq!(r.and_list(&ar, &["سلمى", "كريم"]), "سلمى وكريم");
    }

    #[test]
    fn rust_side_strings_and_dates() {
        let r = Renderer::new(None);
        let ru = r.locale("ru", "Europe/Moscow", "%d.%m.%Y");
        assert_eq!(
            r.t(&ru, "comments-count", &[("count", FluentValue::from(2))]),
            "2 комментария"
        );
        assert_eq!(r.date(&ru, 1_706_699_100, None), "31.01.2024");
    }
}
