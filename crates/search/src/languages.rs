//! The languages the index analyses with a stemmer of their own.
//!
//! Adding a language is one entry in [`STEMMED`]: the schema grows a title
//! and a text field for it, stories of editions in that language are
//! analysed with its stemmer, and the next start rebuilds the index (the
//! schema's fingerprint changed). Editions in a language without an entry
//! are analysed without stemming ([`Analysis::Plain`]).

use tantivy::tokenizer::Language;

/// Primary language subtag → the stemmer of that language.
pub const STEMMED: &[(&str, Language)] = &[
    ("ar", Language::Arabic),
    ("da", Language::Danish),
    ("de", Language::German),
    ("el", Language::Greek),
    ("en", Language::English),
    ("es", Language::Spanish),
    ("fi", Language::Finnish),
    ("fr", Language::French),
    ("hu", Language::Hungarian),
    ("it", Language::Italian),
    ("nl", Language::Dutch),
    ("no", Language::Norwegian),
    ("nb", Language::Norwegian),
    ("pt", Language::Portuguese),
    ("ro", Language::Romanian),
    ("ru", Language::Russian),
    ("sv", Language::Swedish),
    ("ta", Language::Tamil),
    ("tr", Language::Turkish),
];

/// How a text is cut into terms: by a stemmer's table entry, or plainly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Analysis {
    /// Index into [`STEMMED`].
    Stemmed(usize),
    /// Lower-cased and folded, no stemming.
    Plain,
}

impl Analysis {
    /// Every analysis the schema has fields for: each table entry, then plain.
    pub fn all() -> impl Iterator<Item = Analysis> {
        (0..STEMMED.len())
            .map(Analysis::Stemmed)
            .chain(std::iter::once(Analysis::Plain))
    }

    /// The analysis for a language tag such as `en`, `ru-RU` or `pt-BR`.
    pub fn for_language(primary_subtag: &str) -> Analysis {
        let primary = primary_subtag.to_ascii_lowercase();
        STEMMED
            .iter()
            .position(|(code, _)| *code == primary)
            .map_or(Analysis::Plain, Analysis::Stemmed)
    }

    /// The suffix of this analysis's field and tokenizer names.
    pub fn name(self) -> &'static str {
        match self {
            Analysis::Stemmed(i) => STEMMED.get(i).map_or("plain", |(code, _)| code),
            Analysis::Plain => "plain",
        }
    }

    pub(crate) fn stemmer(self) -> Option<Language> {
        match self {
            Analysis::Stemmed(i) => STEMMED.get(i).map(|(_, language)| *language),
            Analysis::Plain => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_subtag_keeps_its_language_stemmer() {
        assert_eq!(Analysis::for_language("RU").name(), "ru");
        assert_eq!(Analysis::for_language("en").name(), "en");
        assert_eq!(Analysis::for_language("ka"), Analysis::Plain);
    }

    #[test]
    fn every_entry_has_its_own_code() {
        let mut codes: Vec<_> = STEMMED.iter().map(|(c, _)| *c).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), STEMMED.len());
    }
}
