//! The terms of the index near a typed word: one edit away (a typo) or
//! starting with it (a word still being typed), read from each segment's
//! term dictionary.

use std::collections::HashMap;
use std::sync::OnceLock;

use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA, SINK_STATE};
use tantivy::schema::Field;
use tantivy::Searcher;
use tantivy_fst::Automaton;

/// The most terms one typed word stands for, the most frequent kept (a
/// short prefix can start thousands of words).
pub(crate) const MAX_EXPANSIONS: usize = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expansion {
    /// Terms one insertion, deletion, substitution or swap away.
    OneEdit,
    /// Terms that start with the word and are longer.
    Prefix,
}

/// Terms of `field` other than `word` itself that `how` reaches, most
/// documents first (ties in term order), at most [`MAX_EXPANSIONS`]. A
/// segment whose dictionary cannot be read adds nothing.
pub(crate) fn expand(searcher: &Searcher, field: Field, word: &str, how: Expansion) -> Vec<String> {
    let mut found: HashMap<Vec<u8>, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        let terms = inverted.terms();
        let mut add = |key: &[u8], doc_freq: u32| {
            if key != word.as_bytes() {
                *found.entry(key.to_vec()).or_default() += u64::from(doc_freq);
            }
        };
        match how {
            Expansion::OneEdit => {
                let dfa = OneEdit(one_edit().build_dfa(word));
                let Ok(mut stream) = terms.search(dfa).into_stream() else {
                    continue;
                };
                while stream.advance() {
                    add(stream.key(), stream.value().doc_freq);
                }
            }
            Expansion::Prefix => {
                let Ok(mut stream) = terms.range().ge(word).into_stream() else {
                    continue;
                };
                while stream.advance() && stream.key().starts_with(word.as_bytes()) {
                    add(stream.key(), stream.value().doc_freq);
                }
            }
        }
    }
    let mut terms: Vec<(Vec<u8>, u64)> = found.into_iter().collect();
    terms.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    terms
        .into_iter()
        .take(MAX_EXPANSIONS)
        .filter_map(|(term, _)| String::from_utf8(term).ok())
        .collect()
}

/// Building the automaton builder costs far more than using it: once.
fn one_edit() -> &'static LevenshteinAutomatonBuilder {
    static BUILDER: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    BUILDER.get_or_init(|| LevenshteinAutomatonBuilder::new(1, true))
}

/// A Levenshtein automaton as the term dictionary walks it.
struct OneEdit(DFA);

impl Automaton for OneEdit {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}
