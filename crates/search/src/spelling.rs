//! "Did you mean": a query whose words the index does not know, with each
//! unknown word replaced by the closest headline word it does know.

use std::collections::HashMap;

use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::Searcher;

use crate::find::{filter_clauses, SearchRequest};
use crate::query::{text_query, QueryText};
use crate::schema::{self, Fields};
use crate::{Error, Search};

/// Candidate words read per unknown word, at most.
const SCAN_LIMIT: usize = 20_000;

impl Search {
    /// A corrected query that finds something for this audience and these
    /// filters, when the request's own finds nothing and a word is likely
    /// misspelt. Only words readers could find are ever offered.
    pub async fn did_you_mean(&self, request: &SearchRequest) -> Result<Option<String>, Error> {
        let generation = self.live();
        let analyses = self.analyses_for(request.filters.edition_id);
        let request = request.clone();
        tokio::task::spawn_blocking(move || {
            let searcher = generation.searcher();
            let fields = &generation.fields;
            let staff = matches!(request.audience, crate::Audience::Staff { .. });
            let mut changed = false;
            let mut words = Vec::new();
            for clause in request.text.clauses() {
                let replacement = if clause.phrase || clause.exclude {
                    None
                } else {
                    let mut found = None;
                    for candidate in closest(&searcher, fields, &clause.text)? {
                        if staff || shown_to_readers(&searcher, fields, &candidate)? {
                            found = Some(candidate);
                            break;
                        }
                    }
                    found
                };
                let part = match (replacement, clause.phrase, clause.exclude) {
                    (Some(word), _, _) => {
                        changed = true;
                        word
                    }
                    (None, true, exclude) => {
                        format!("{}\"{}\"", if exclude { "-" } else { "" }, clause.text)
                    }
                    (None, false, true) => format!("-{}", clause.text),
                    (None, false, false) => clause.text.clone(),
                };
                words.push(part);
            }
            if !changed {
                return Ok(None);
            }
            let suggestion = words.join(" ");
            let Ok(text) = QueryText::parse(&suggestion) else {
                return Ok(None);
            };
            let mut clauses = vec![(
                Occur::Must,
                text_query(&searcher, fields, &analyses, &text, request.scope()).query,
            )];
            clauses.extend(filter_clauses(fields, &request.audience, &request.filters));
            let found = searcher.search(&BooleanQuery::new(clauses), &Count)?;
            Ok((found > 0).then_some(suggestion))
        })
        .await?
    }
}

/// Whether a public document's headline has `word`: a reader is never
/// offered a word only a draft's headline holds.
fn shown_to_readers(searcher: &Searcher, fields: &Fields, word: &str) -> Result<bool, Error> {
    let query = BooleanQuery::new(vec![
        (
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(fields.words, word),
                IndexRecordOption::Basic,
            )),
        ),
        (
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_u64(fields.public, 1),
                IndexRecordOption::Basic,
            )),
        ),
    ]);
    Ok(searcher.search(&query, &Count)? > 0)
}

/// Nothing when the word is known (or too short to guess at), else the
/// known headline words closest to it, best first.
fn closest(searcher: &Searcher, fields: &Fields, typed: &str) -> Result<Vec<String>, Error> {
    let mut analyser = schema::words_analyser();
    let mut stream = analyser.token_stream(typed);
    let Some(word) = stream.next().map(|t| t.text.clone()) else {
        return Ok(Vec::new());
    };
    if stream.next().is_some() || word.chars().count() < 4 {
        return Ok(Vec::new());
    }
    if searcher.doc_freq(&Term::from_field_text(fields.words, &word))? > 0
        || searcher.doc_freq(&Term::from_field_text(fields.names, &word))? > 0
    {
        return Ok(Vec::new());
    }
    let length = word.chars().count();
    let max_distance = if length < 6 { 1 } else { 2 };
    let Some(first) = word.chars().next() else {
        return Ok(Vec::new());
    };
    let mut lower = String::new();
    lower.push(first);
    let upper = char::from_u32(u32::from(first) + 1).map(String::from);
    let mut candidates: HashMap<String, (usize, u64)> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(fields.words)?;
        let mut range = inverted.terms().range().ge(lower.as_bytes());
        if let Some(upper) = &upper {
            range = range.lt(upper.as_bytes());
        }
        let mut terms = range.into_stream()?;
        let mut read = 0;
        while terms.advance() && read < SCAN_LIMIT {
            read += 1;
            let Ok(candidate) = std::str::from_utf8(terms.key()) else {
                continue;
            };
            if candidate.chars().count().abs_diff(length) > max_distance {
                continue;
            }
            let distance = strsim::levenshtein(&word, candidate);
            if distance <= max_distance {
                let entry = candidates
                    .entry(candidate.to_owned())
                    .or_insert((distance, 0));
                entry.1 += u64::from(terms.value().doc_freq);
            }
        }
    }
    let mut ranked: Vec<_> = candidates.into_iter().collect();
    ranked.sort_by(|a, b| {
        a.1 .0
            .cmp(&b.1 .0)
            .then(b.1 .1.cmp(&a.1 .1))
            .then(a.0.cmp(&b.0))
    });
    Ok(ranked.into_iter().take(5).map(|(word, _)| word).collect())
}
