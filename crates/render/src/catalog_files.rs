//! Where catalogs come from: the languages built into the binary, then
//! `{theme_dir}/locales/`, then `{data_dir}/locales/`. A later source
//! overrides an earlier one message by message, so the data folder (edited
//! on a running site) wins over the theme, which wins over the built-in text.
//! A folder may add any language: `de.ftl`, `fa.ftl`, and feature files
//! such as `de-comments.ftl`, are read as the catalog of `de` and `fa`.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// One language's built-in catalog: its site file followed by one file per
/// feature (`{lang}-accounts.ftl`, `{lang}-comments.ftl`, …); message names
/// are unique across them.
macro_rules! catalog {
    ($lang:literal) => {
        (
            $lang,
            concat!(
                include_str!(concat!("../locales/", $lang, ".ftl")),
                "\n",
                include_str!(concat!("../locales/", $lang, "-accounts.ftl")),
                "\n",
                include_str!(concat!("../locales/", $lang, "-comments.ftl")),
                "\n",
                include_str!(concat!("../locales/", $lang, "-chats.ftl")),
                "\n",
                include_str!(concat!("../locales/", $lang, "-live.ftl")),
                "\n",
                include_str!(concat!("../locales/", $lang, "-setup.ftl")),
                "\n",
                include_str!(concat!("../locales/", $lang, "-notifications.ftl")),
                "\n",
                include_str!(concat!("../locales/", $lang, "-staff.ftl")),
                "\n",
                include_str!(concat!("../locales/", $lang, "-pictures.ftl")),
                "\n",
                include_str!(concat!("../locales/", $lang, "-desk.ftl")),
                "\n",
                include_str!(concat!("../locales/", $lang, "-search.ftl")),
                "\n",
                include_str!(concat!("../locales/", $lang, "-newsletters.ftl")),
                "\n",
                include_str!(concat!("../locales/", $lang, "-import.ftl")),
                "\n",
                include_str!(concat!("../locales/", $lang, "-wires.ftl")),
                "\n",
                include_str!(concat!("../locales/", $lang, "-webhooks.ftl")),
            ),
        )
    };
}

/// The languages whose catalogs ship in the binary, with their FTL source.
const EMBEDDED: &[(&str, &str)] = &[catalog!("en"), catalog!("ru"), catalog!("ar")];

/// The folders whose `locales/` add to or override the built-in catalogs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocaleFolders {
    /// The theme folder (`--theme-dir`).
    pub theme_dir: Option<PathBuf>,
    /// The data folder (`--data-dir`), whose catalogs win over the theme's.
    pub data_dir: Option<PathBuf>,
}

/// Where one piece of a catalog was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    BuiltIn,
    Theme,
    Data,
}

/// One FTL text of one language.
#[derive(Debug, Clone)]
pub struct CatalogSource {
    /// A BCP 47 primary language subtag, lower case (`en`, `fa`).
    pub language: &'static str,
    pub origin: Origin,
    /// The file it was read from, for reports (`built-in` for the binary's).
    pub file: String,
    pub text: String,
}

/// Every catalog source in override order: built-in, theme, data folder;
/// within a folder `{lang}.ftl` before `{lang}-*.ftl`, by name.
pub fn catalog_sources(folders: &LocaleFolders) -> Vec<CatalogSource> {
    let mut sources: Vec<CatalogSource> = EMBEDDED
        .iter()
        .map(|(language, text)| CatalogSource {
            language,
            origin: Origin::BuiltIn,
            file: "built-in".to_owned(),
            text: (*text).to_owned(),
        })
        .collect();
    let folders = [
        (Origin::Theme, folders.theme_dir.as_deref()),
        (Origin::Data, folders.data_dir.as_deref()),
    ];
    for (origin, dir) in folders {
        if let Some(dir) = dir {
            sources.extend(folder_sources(&dir.join("locales"), origin));
        }
    }
    sources
}

fn folder_sources(dir: &Path, origin: Origin) -> Vec<CatalogSource> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(error) => {
            tracing::error!(dir = %dir.display(), %error, "cannot read a locales folder");
            return Vec::new();
        }
    };
    let mut files: Vec<(String, &'static str, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let stem = name.strip_suffix(".ftl")?;
            let Some(language) = language_of(stem) else {
                tracing::warn!(file = %name, "an .ftl file not named after a language; ignored");
                return None;
            };
            Some((name, language, entry.path()))
        })
        .collect();
    // By language, `de.ftl` first, then its feature files by name.
    files.sort_by(|a, b| (a.1, a.0.contains('-'), &a.0).cmp(&(b.1, b.0.contains('-'), &b.0)));
    files
        .into_iter()
        .filter_map(
            |(name, language, path)| match std::fs::read_to_string(&path) {
                Ok(text) => Some(CatalogSource {
                    language,
                    origin,
                    file: path.display().to_string(),
                    text,
                }),
                Err(error) => {
                    tracing::error!(file = %name, %error, "cannot read a catalog");
                    None
                }
            },
        )
        .collect()
}

/// The language of a catalog file's stem: `de`, `de-comments` → `de`. A
/// primary language subtag is 2–3 or 5–8 letters (BCP 47).
fn language_of(stem: &str) -> Option<&'static str> {
    let primary = stem.split('-').next()?;
    let valid =
        matches!(primary.len(), 2 | 3 | 5..=8) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    valid.then(|| intern(&primary.to_ascii_lowercase()))
}

/// Run-time languages as `&'static str`, so that a page's locale stays a
/// cheap copyable value. Each distinct language is leaked once: the set is
/// bounded by the language subtags ever found in the locales folders.
pub(crate) fn intern(language: &str) -> &'static str {
    static INTERNED: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    if let Some((builtin, _)) = EMBEDDED.iter().find(|(l, _)| *l == language) {
        return builtin;
    }
    let mut interned = INTERNED.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(found) = interned.iter().find(|l| **l == language) {
        return found;
    }
    let leaked: &'static str = Box::leak(language.to_owned().into_boxed_str());
    interned.push(leaked);
    leaked
}

/// Whether `language` has a catalog in the binary.
pub fn is_built_in(language: &str) -> bool {
    EMBEDDED.iter().any(|(l, _)| *l == language)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_give_languages() {
        assert_eq!(language_of("de"), Some("de"));
        assert_eq!(language_of("FA-comments"), Some("fa"));
        assert_eq!(language_of("haw"), Some("haw"));
        assert_eq!(language_of("x"), None);
        assert_eq!(language_of("notes1"), None);
        assert!(std::ptr::eq(intern("de"), intern("de")));
    }
}
