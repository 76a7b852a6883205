//! The check itself: every language's catalog against English's, and
//! English's keys against the keys the code uses.

use std::collections::{BTreeMap, BTreeSet};

use dateline_render::{is_built_in, CatalogSource, Origin, FALLBACK_LANGUAGE};
use serde::Serialize;

use super::analysis::{analyse, Messages, SyntaxError};

/// A message whose variables differ from the English one's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VariableMismatch {
    pub key: String,
    /// English's variables this translation never uses.
    pub missing: Vec<String>,
    /// Variables English does not pass: they would render as errors.
    pub unknown: Vec<String>,
}

/// The findings for one language.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageReport {
    pub language: String,
    /// Where its messages came from, in override order.
    pub origins: Vec<Origin>,
    pub built_in: bool,
    pub messages: usize,
    /// English keys it lacks (pages show English for them).
    pub missing: Vec<String>,
    /// Keys English does not have: nothing asks for them.
    pub unknown: Vec<String>,
    pub variables: Vec<VariableMismatch>,
    pub syntax_errors: Vec<SyntaxError>,
}

impl LanguageReport {
    /// Whether this language fails the check: any syntax or variable error;
    /// missing or unknown keys only in a built-in catalog (a folder's
    /// catalog falls back to English per message, by design).
    pub fn failed(&self) -> bool {
        !self.syntax_errors.is_empty()
            || !self.variables.is_empty()
            || (self.built_in && (!self.missing.is_empty() || !self.unknown.is_empty()))
    }
}

/// The whole check.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub languages: Vec<LanguageReport>,
    /// Built-in English keys no template, script or Rust source uses.
    pub unused: Vec<String>,
}

impl Report {
    pub fn failed(&self) -> bool {
        !self.unused.is_empty() || self.languages.iter().any(LanguageReport::failed)
    }
}

/// Keys the code uses: named whole, or built from a prefix at run time.
#[derive(Debug, Clone, Copy)]
pub struct UsedKeys<'a> {
    pub keys: &'a [&'a str],
    pub prefixes: &'a [&'a str],
}

impl UsedKeys<'_> {
    fn uses(&self, key: &str) -> bool {
        self.keys.binary_search(&key).is_ok() || self.prefixes.iter().any(|p| key.starts_with(p))
    }
}

struct Language {
    origins: Vec<Origin>,
    /// Effective messages: a later source's definition replaces an earlier.
    messages: Messages,
    built_in_keys: BTreeSet<String>,
    syntax_errors: Vec<SyntaxError>,
}

/// Checks `sources` (as `dateline_render::catalog_sources` lists them).
pub fn check(sources: &[CatalogSource], used: UsedKeys<'_>) -> Report {
    let mut languages: BTreeMap<&str, Language> = BTreeMap::new();
    for source in sources {
        let (messages, errors) = analyse(&source.file, &source.text);
        let language = languages
            .entry(source.language)
            .or_insert_with(|| Language {
                origins: Vec::new(),
                messages: Messages::new(),
                built_in_keys: BTreeSet::new(),
                syntax_errors: Vec::new(),
            });
        if !language.origins.contains(&source.origin) {
            language.origins.push(source.origin);
        }
        if source.origin == Origin::BuiltIn {
            language.built_in_keys.extend(messages.keys().cloned());
        }
        language.messages.extend(messages);
        language.syntax_errors.extend(errors);
    }
    let empty = Messages::new();
    let english = languages
        .get(FALLBACK_LANGUAGE)
        .map_or(&empty, |l| &l.messages);
    let unused = languages
        .get(FALLBACK_LANGUAGE)
        .map(|l| {
            l.built_in_keys
                .iter()
                .filter(|k| !used.uses(k))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let reports = languages
        .iter()
        .map(|(code, language)| compare(code, language, english))
        .collect();
    Report {
        languages: reports,
        unused,
    }
}

fn compare(code: &str, language: &Language, english: &Messages) -> LanguageReport {
    let own = &language.messages;
    let missing = english
        .keys()
        .filter(|k| !own.contains_key(*k))
        .cloned()
        .collect();
    let unknown = own
        .keys()
        .filter(|k| !english.contains_key(*k))
        .cloned()
        .collect();
    let variables = own
        .iter()
        .filter_map(|(key, vars)| {
            let reference = english.get(key)?;
            let missing: Vec<String> = reference.difference(vars).cloned().collect();
            let unknown: Vec<String> = vars.difference(reference).cloned().collect();
            (!missing.is_empty() || !unknown.is_empty()).then(|| VariableMismatch {
                key: key.clone(),
                missing,
                unknown,
            })
        })
        .collect();
    LanguageReport {
        language: code.to_owned(),
        origins: language.origins.clone(),
        built_in: is_built_in(code),
        messages: own.len(),
        missing,
        unknown,
        variables,
        syntax_errors: language.syntax_errors.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(language: &'static str, origin: Origin, text: &str) -> CatalogSource {
        CatalogSource {
            language,
            origin,
            file: format!("{language}.ftl"),
            text: text.to_owned(),
        }
    }

    const USED: UsedKeys<'static> = UsedKeys {
        keys: &["greeting", "items-count"],
        prefixes: &["status-"],
    };

    #[test]
    fn a_complete_catalog_passes() {
        let report = check(
            &[
                source(
                    "en",
                    Origin::BuiltIn,
                    "greeting = Hi\nitems-count = { $count } items\nstatus-draft = Draft\n",
                ),
                source(
                    "ru",
                    Origin::BuiltIn,
                    "greeting = Привет\nitems-count = { $count } шт.\nstatus-draft = Черновик\n",
                ),
            ],
            USED,
        );
        assert!(!report.failed(), "{report:#?}");
        assert!(report.unused.is_empty());
    }

    #[test]
    fn missing_unknown_variables_syntax_and_unused_keys_are_found() {
        let report = check(
            &[
                source(
                    "en",
                    Origin::BuiltIn,
                    "greeting = Hi\nitems-count = { $count } items\nold-key = Gone\n",
                ),
                source(
                    "ru",
                    Origin::BuiltIn,
                    "items-count = штук: { $n }\nextra = Лишнее\nbroken = { $\n",
                ),
            ],
            USED,
        );
        assert!(report.failed());
        assert_eq!(report.unused, ["old-key"]);
        let ru = &report.languages[1];
        assert_eq!(ru.language, "ru");
        assert_eq!(ru.missing, ["greeting", "old-key"]);
        assert_eq!(ru.unknown, ["extra"]);
        assert_eq!(
            ru.variables,
            [VariableMismatch {
                key: "items-count".into(),
                missing: vec!["count".into()],
                unknown: vec!["n".into()],
            }]
        );
        assert_eq!(ru.syntax_errors.len(), 1);
        assert_eq!(ru.syntax_errors[0].line, 3);
    }

    /// A folder's language falls back to English per message: its gaps are
    /// reported without failing; a folder overriding a built-in message
    /// counts as that language's text.
    #[test]
    fn folder_catalogs_report_gaps_without_failing() {
        let report = check(
            &[
                source(
                    "en",
                    Origin::BuiltIn,
                    "greeting = Hi\nitems-count = { $count } items\n",
                ),
                source("de", Origin::Data, "greeting = Hallo\n"),
                source("en", Origin::Theme, "greeting = Hello there\n"),
            ],
            USED,
        );
        assert!(!report.failed(), "{report:#?}");
        let de = report
            .languages
            .iter()
            .find(|l| l.language == "de")
            .unwrap();
        assert!(!de.built_in);
        assert_eq!(de.missing, ["items-count"]);
        let en = report
            .languages
            .iter()
            .find(|l| l.language == "en")
            .unwrap();
        assert_eq!(en.origins, [Origin::BuiltIn, Origin::Theme]);
    }
}
