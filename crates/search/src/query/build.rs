//! A parsed query as a tantivy query over the fields of the analyses in play.
//!
//! Every word (and phrase) must match somewhere: in a headline (weighted
//! most), in names (authors, tags, section, credits) or in the running text.
//! A word is analysed as the documents were (so a Russian word in one case
//! finds its other cases through the stem), and a word of six letters or
//! more also matches terms one edit away. The last word, still being typed,
//! also matches as a prefix of headline words and of stems.
//!
//! Those near and longer terms are looked up in the index's dictionaries
//! when the query is built ([`super::expand`]) and searched as terms of
//! their own: the word's own (often long) posting list is read once, not
//! once per way of matching it, and a rare near term weighs more than a
//! common one.

use std::collections::BTreeMap;

use tantivy::query::{BooleanQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Searcher;

use super::expand::{expand, Expansion};
use super::{Clause, QueryText};
use crate::languages::Analysis;
use crate::schema::{self, Fields};

const TITLE_BOOST: f32 = 3.0;
const NAMES_BOOST: f32 = 2.0;
const TEXT_BOOST: f32 = 1.0;
/// A term one edit away counts for less than the word typed.
const FUZZY_BOOST: f32 = 0.4;
const PREFIX_BOOST: f32 = 0.6;
/// Shorter words are not corrected: too many words are one edit apart.
const FUZZY_MIN_CHARS: usize = 6;
/// Prefixes shorter than this match too much to be useful.
const PREFIX_MIN_CHARS: usize = 2;

/// The query, and the terms each text field should highlight.
pub(crate) struct TextQuery {
    pub query: Box<dyn Query>,
    pub highlight: BTreeMap<Field, Vec<String>>,
}

fn terms(analyser: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyser.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

fn term_query(field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    let query = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BoostQuery::new(Box::new(query), boost))
}

fn phrase_query(field: Field, words: &[String], boost: f32) -> Box<dyn Query> {
    let terms = words
        .iter()
        .map(|w| Term::from_field_text(field, w))
        .collect();
    Box::new(BoostQuery::new(Box::new(PhraseQuery::new(terms)), boost))
}

struct Builder<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    analyses: &'a [Analysis],
    staff: bool,
    pictures: bool,
    highlight: BTreeMap<Field, Vec<String>>,
}

impl Builder<'_> {
    /// Where one analysed word (or phrase) may match, as alternatives.
    fn alternatives(&mut self, clause: &Clause) -> Vec<Box<dyn Query>> {
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        for &analysis in self.analyses {
            let stems = terms(&mut schema::analyser_for(analysis), &clause.text);
            let (Some(title), Some(text)) = (
                self.fields.title.get(&analysis).copied(),
                self.fields.text.get(&analysis).copied(),
            ) else {
                continue;
            };
            for field in [title, text] {
                self.highlight
                    .entry(field)
                    .or_default()
                    .extend(stems.iter().cloned());
            }
            match stems.as_slice() {
                [] => {}
                [stem] => {
                    out.push(term_query(title, stem, TITLE_BOOST));
                    out.push(term_query(text, stem, TEXT_BOOST));
                    if !clause.phrase && stem.chars().count() >= FUZZY_MIN_CHARS {
                        for (field, boost) in [(title, TITLE_BOOST), (text, TEXT_BOOST)] {
                            let near = expand(self.searcher, field, stem, Expansion::OneEdit);
                            self.near_terms(field, near, boost * FUZZY_BOOST, &mut out);
                        }
                    }
                    if clause.open && stem.chars().count() >= PREFIX_MIN_CHARS {
                        let longer = expand(self.searcher, text, stem, Expansion::Prefix);
                        self.near_terms(text, longer, PREFIX_BOOST, &mut out);
                    }
                }
                many => {
                    out.push(phrase_query(title, many, TITLE_BOOST));
                    out.push(phrase_query(text, many, TEXT_BOOST));
                }
            }
        }
        let words = terms(&mut schema::words_analyser(), &clause.text);
        let mut plain_fields = vec![(self.fields.names, NAMES_BOOST)];
        if self.pictures {
            plain_fields.push((self.fields.story_words, TEXT_BOOST));
            if self.staff {
                plain_fields.push((self.fields.staff_words, TEXT_BOOST));
            }
        }
        for (field, boost) in plain_fields {
            match words.as_slice() {
                [] => {}
                [word] => out.push(term_query(field, word, boost)),
                many => out.push(phrase_query(field, many, boost)),
            }
        }
        if let [word] = words.as_slice() {
            if clause.open && word.chars().count() >= PREFIX_MIN_CHARS {
                let field = self.fields.words;
                // The word itself is a prefix of itself here: no other
                // clause reads this field.
                let mut found = expand(self.searcher, field, word, Expansion::Prefix);
                found.push(word.clone());
                for term in &found {
                    out.push(term_query(field, term, TITLE_BOOST * PREFIX_BOOST));
                }
            }
        }
        out
    }

    /// A term query for each of `terms` (found near a typed word), each
    /// also highlighted in `field`'s snippets.
    fn near_terms(
        &mut self,
        field: Field,
        terms: Vec<String>,
        boost: f32,
        out: &mut Vec<Box<dyn Query>>,
    ) {
        for term in &terms {
            out.push(term_query(field, term, boost));
        }
        self.highlight.entry(field).or_default().extend(terms);
    }
}

/// Who searches what: staff read fields readers may not, and a search of
/// pictures alone also reads the headlines of the stories using them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scope {
    pub staff: bool,
    pub pictures: bool,
}

/// The query for `text` over the fields of `analyses` (the languages in
/// play), for `scope`.
pub(crate) fn text_query(
    searcher: &Searcher,
    fields: &Fields,
    analyses: &[Analysis],
    text: &QueryText,
    scope: Scope,
) -> TextQuery {
    let mut builder = Builder {
        searcher,
        fields,
        analyses,
        staff: scope.staff,
        pictures: scope.pictures,
        highlight: BTreeMap::new(),
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for clause in text.clauses() {
        let alternatives = if clause.exclude {
            // Words to leave out must not be highlighted.
            let saved = std::mem::take(&mut builder.highlight);
            let alternatives = builder.alternatives(clause);
            builder.highlight = saved;
            alternatives
        } else {
            builder.alternatives(clause)
        };
        if alternatives.is_empty() {
            // A word no analysis keeps (punctuation, a lone symbol) asks nothing.
            continue;
        }
        let any: Box<dyn Query> = Box::new(BooleanQuery::new(
            alternatives
                .into_iter()
                .map(|q| (Occur::Should, q))
                .collect(),
        ));
        let occur = if clause.exclude {
            Occur::MustNot
        } else {
            Occur::Must
        };
        clauses.push((occur, any));
    }
    let query: Box<dyn Query> = if clauses.iter().any(|(o, _)| *o == Occur::Must) {
        Box::new(BooleanQuery::new(clauses))
    } else {
        Box::new(EmptyQuery)
    };
    let mut highlight = builder.highlight;
    for terms in highlight.values_mut() {
        terms.sort_unstable();
        terms.dedup();
    }
    TextQuery { query, highlight }
}
