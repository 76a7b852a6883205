//! One search: filters, ranking, a page of hits, facets and highlighting.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use dateline_domain::UnixTime;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, Searcher, SegmentReader};

use crate::facets::Facets;
use crate::languages::Analysis;
use crate::query::{text_query, QueryText, Scope};
pub use crate::scan::WINDOW;
use crate::scan::{scan, Plan};
use crate::schema::Fields;
use crate::{Error, Kind};

/// Results per page when the caller does not say.
pub const DEFAULT_LIMIT: usize = 20;
/// The most results one page may ask for.
pub const MAX_LIMIT: usize = 100;

/// A story published this long ago weighs half the extra a story published
/// now gets; a news search prefers this week's story to last year's.
const RECENCY_HALF_LIFE_DAYS: f32 = 7.0;
/// How much more a story published this instant weighs than an old one.
const RECENCY_WEIGHT: f32 = 1.0;

/// Who is searching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// A reader: public documents only.
    Public,
    /// A staff member: every status, narrowed to what they may read.
    Staff {
        /// Only these editions' documents (an editor's assigned editions);
        /// `None` for all.
        editions: Option<Vec<i64>>,
        /// Only public documents and those this account created (writers
        /// and authors); `None` for no such limit.
        own_or_public: Option<i64>,
    },
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// Relevance blended with recency.
    #[default]
    Relevance,
    /// Newest first.
    Newest,
}

impl Order {
    pub fn parse(text: &str) -> Option<Order> {
        match text {
            "relevance" => Some(Order::Relevance),
            "newest" => Some(Order::Newest),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Order::Relevance => "relevance",
            Order::Newest => "newest",
        }
    }
}

/// Narrowing a search; `None` and empty mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub edition_id: Option<i64>,
    pub section_id: Option<i64>,
    pub tag_id: Option<i64>,
    pub author_id: Option<i64>,
    pub kinds: Vec<Kind>,
    /// Documents dated at or after this time.
    pub from: Option<UnixTime>,
    /// Documents dated before this time.
    pub until: Option<UnixTime>,
    /// An article status name (`draft`, `in_review`…); staff searches only.
    pub status: Option<String>,
}

/// Where the previous page ended (opaque to callers).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchCursor {
    order: Order,
    rank: u64,
    uid: u64,
}

impl SearchCursor {
    pub(crate) fn new(order: Order, rank: u64, uid: u64) -> SearchCursor {
        SearchCursor { order, rank, uid }
    }

    /// The last hit's rank and unique id: later hits have smaller ones.
    pub(crate) fn key(&self) -> (u64, u64) {
        (self.rank, self.uid)
    }

    /// The cursor as URL-safe text.
    pub fn encode(&self) -> String {
        let mut bytes = Vec::with_capacity(17);
        bytes.push(match self.order {
            Order::Relevance => b'r',
            Order::Newest => b'n',
        });
        bytes.extend_from_slice(&self.rank.to_be_bytes());
        bytes.extend_from_slice(&self.uid.to_be_bytes());
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// `None` for text that no page of results ever gave.
    pub fn decode(text: &str) -> Option<SearchCursor> {
        let bytes = URL_SAFE_NO_PAD.decode(text.as_bytes()).ok()?;
        let (tag, rest) = bytes.split_first()?;
        let order = match tag {
            b'r' => Order::Relevance,
            b'n' => Order::Newest,
            _ => return None,
        };
        let rank = u64::from_be_bytes(rest.get(..8)?.try_into().ok()?);
        let uid = u64::from_be_bytes(rest.get(8..16)?.try_into().ok()?);
        (rest.len() == 16).then_some(SearchCursor { order, rank, uid })
    }
}

/// One search as asked.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub text: QueryText,
    pub audience: Audience,
    pub filters: Filters,
    pub order: Order,
    pub after: Option<SearchCursor>,
    pub limit: usize,
    /// Count facets over the matches weighed (the newest [`WINDOW`]).
    pub facets: bool,
    /// The time recency is measured from.
    pub now: UnixTime,
}

impl SearchRequest {
    pub(crate) fn scope(&self) -> Scope {
        Scope {
            staff: matches!(self.audience, Audience::Staff { .. }),
            pictures: self.filters.kinds == [Kind::Picture],
        }
    }
}

/// One document found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub kind: Kind,
    pub id: i64,
}

/// A page of results.
pub struct SearchResults {
    pub hits: Vec<Hit>,
    /// Every match, on all pages, when `total_exact`; else the matches
    /// weighed (the newest [`WINDOW`]), and there are more.
    pub total: usize,
    pub total_exact: bool,
    /// Where the next page starts, when there is one.
    pub next: Option<SearchCursor>,
    pub facets: Option<Facets>,
    highlighter: Highlighter,
}

impl std::fmt::Debug for SearchResults {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchResults")
            .field("hits", &self.hits)
            .field("total", &self.total)
            .field("total_exact", &self.total_exact)
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

impl SearchResults {
    /// The passage of `text` (a hit's running text, from
    /// [`crate::article_text`]) that matches best, as HTML: escaped, with the
    /// matched words in `<mark>`. Empty when nothing in it matched.
    pub fn snippet(&self, analysis_of: Analysis, text: &str) -> String {
        self.highlighter.snippet(analysis_of, text)
    }
}

/// Snippet generators per analysis, made from the query's own terms.
pub(crate) struct Highlighter {
    generators: HashMap<Analysis, (SnippetGenerator, Vec<String>)>,
}

const SNIPPET_CHARS: usize = 220;
/// How much text from the first line that seems to match is cut into
/// words for a snippet (cutting a whole long story costs more than the
/// search).
const FOCUS_BYTES: usize = 2_048;

impl Highlighter {
    fn new(fields: &Fields, highlight: &BTreeMap<Field, Vec<String>>) -> Highlighter {
        let mut generators = HashMap::new();
        for (analysis, field) in &fields.text {
            let Some(terms) = highlight.get(field) else {
                continue;
            };
            let weighted = terms.iter().map(|t| (t.clone(), 1.0)).collect();
            let mut generator = SnippetGenerator::new(
                weighted,
                crate::schema::analyser_for(*analysis),
                *field,
                SNIPPET_CHARS,
            );
            generator.set_max_num_chars(SNIPPET_CHARS);
            generators.insert(*analysis, (generator, terms.clone()));
        }
        Highlighter { generators }
    }

    fn snippet(&self, analysis: Analysis, text: &str) -> String {
        let Some((generator, terms)) = self.generators.get(&analysis) else {
            return String::new();
        };
        let mut snippet = generator.snippet(focus(text, terms));
        if snippet.is_empty() {
            return String::new();
        }
        snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
        snippet.to_html()
    }
}

/// The part of `text` a snippet is cut from: [`FOCUS_BYTES`] from the first
/// line holding one of `terms` as written (a stem usually starts the words
/// it stands for), else all of it.
fn focus<'a>(text: &'a str, terms: &[String]) -> &'a str {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let lower = line.to_lowercase();
        if terms.iter().any(|t| lower.contains(t.as_str())) {
            let mut end = (start + FOCUS_BYTES).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            return &text[start..end];
        }
        start += line.len();
    }
    text
}

fn u64_term(field: Field, value: i64) -> Term {
    Term::from_field_u64(field, u64::try_from(value).unwrap_or(u64::MAX))
}

fn filter(query: impl Query) -> (Occur, Box<dyn Query>) {
    (
        Occur::Must,
        Box::new(ConstScoreQuery::new(Box::new(query), 0.0)),
    )
}

fn term(field: Field, value: i64) -> TermQuery {
    TermQuery::new(u64_term(field, value), IndexRecordOption::Basic)
}

/// The filters as query clauses that add nothing to the score.
pub(crate) fn filter_clauses(
    fields: &Fields,
    audience: &Audience,
    filters: &Filters,
) -> Vec<(Occur, Box<dyn Query>)> {
    let mut out = Vec::new();
    match audience {
        // Few documents are not public: leaving those out looks in a short
        // list where requiring the public ones intersects with nearly the
        // whole index.
        Audience::Public => out.push((
            Occur::MustNot,
            Box::new(term(fields.public, 0)) as Box<dyn Query>,
        )),
        Audience::Staff {
            editions,
            own_or_public,
        } => {
            if let Some(editions) = editions {
                out.push(filter(TermSetQuery::new(
                    editions.iter().map(|e| u64_term(fields.edition, *e)),
                )));
            }
            if let Some(owner) = own_or_public {
                out.push(filter(BooleanQuery::new(vec![
                    (Occur::Should, Box::new(term(fields.public, 1))),
                    (Occur::Should, Box::new(term(fields.owner, *owner))),
                ])));
            }
            if let Some(status) = &filters.status {
                out.push(filter(TermQuery::new(
                    Term::from_field_text(fields.status, status),
                    IndexRecordOption::Basic,
                )));
            }
        }
    }
    let ids = [
        (fields.edition, filters.edition_id),
        (fields.section, filters.section_id),
        (fields.tags, filters.tag_id),
        (fields.authors, filters.author_id),
    ];
    for (field, value) in ids {
        if let Some(value) = value {
            out.push(filter(term(field, value)));
        }
    }
    if !filters.kinds.is_empty() {
        out.push(filter(TermSetQuery::new(
            filters
                .kinds
                .iter()
                .map(|k| Term::from_field_u64(fields.kind, k.number())),
        )));
    }
    if filters.from.is_some() || filters.until.is_some() {
        let lower = filters.from.map_or(Bound::Unbounded, |t| {
            Bound::Included(Term::from_field_i64(fields.date, t))
        });
        let upper = filters.until.map_or(Bound::Unbounded, |t| {
            Bound::Excluded(Term::from_field_i64(fields.date, t))
        });
        out.push(filter(RangeQuery::new(lower, upper)));
    }
    out
}

/// Fast-field readers a ranking needs for one segment.
pub(crate) struct Columns {
    id: std::sync::Arc<dyn tantivy::columnar::ColumnValues<u64>>,
    kind: std::sync::Arc<dyn tantivy::columnar::ColumnValues<u64>>,
    pub date: std::sync::Arc<dyn tantivy::columnar::ColumnValues<i64>>,
    max_doc: DocId,
}

impl Columns {
    pub(crate) fn of(reader: &SegmentReader) -> Option<Columns> {
        let fast = reader.fast_fields();
        Some(Columns {
            id: fast.u64("id").ok()?.first_or_default_col(0),
            kind: fast.u64("kind").ok()?.first_or_default_col(0),
            date: fast.i64("date").ok()?.first_or_default_col(0),
            max_doc: reader.max_doc(),
        })
    }

    /// Unique across kinds: ids of articles and pictures overlap.
    pub(crate) fn uid(&self, doc: DocId) -> u64 {
        (self.id.get_val(doc) << 2) | self.kind.get_val(doc)
    }

    pub(crate) fn max_doc(&self) -> DocId {
        self.max_doc
    }

    pub(crate) fn hit(&self, doc: DocId) -> Option<Hit> {
        Some(Hit {
            kind: Kind::from_number(self.kind.get_val(doc))?,
            id: i64::try_from(self.id.get_val(doc)).ok()?,
        })
    }
}

fn recency(now: UnixTime, date: i64) -> f32 {
    let age_days = (now.saturating_sub(date)).max(0) as f32 / 86_400.0;
    1.0 + RECENCY_WEIGHT * (0.5f32).powf(age_days / RECENCY_HALF_LIFE_DAYS)
}

/// A match's rank by relevance, as a comparable integer: the score times
/// the recency factor, whose bits order like it (it is never negative).
pub(crate) fn relevance_rank(score: f32, now: UnixTime, date: i64) -> u64 {
    u64::from((score * recency(now, date)).max(0.0).to_bits())
}

pub(crate) fn run(
    searcher: &Searcher,
    fields: &Fields,
    analyses: &[Analysis],
    request: &SearchRequest,
) -> Result<SearchResults, Error> {
    let text = text_query(searcher, fields, analyses, &request.text, request.scope());
    let mut clauses = vec![(Occur::Must, text.query)];
    clauses.extend(filter_clauses(fields, &request.audience, &request.filters));
    let query = BooleanQuery::new(clauses);
    let limit = request.limit.clamp(1, MAX_LIMIT);
    let order = request.order;
    let plan = Plan {
        order,
        // One more than a page tells whether a next page exists.
        wanted: limit + 1,
        after: request.after.filter(|c| c.order == order),
        facets: request.facets,
        now: request.now,
    };
    let scanned = scan(searcher, &query, &plan)?;
    let mut found = scanned.hits;
    let next = if found.len() > limit {
        found.truncate(limit);
        found.last().map(|(cursor, _)| *cursor)
    } else {
        None
    };
    Ok(SearchResults {
        hits: found.into_iter().map(|(_, hit)| hit).collect(),
        total: scanned.total,
        total_exact: scanned.exact,
        next,
        facets: scanned.facets,
        highlighter: Highlighter::new(fields, &text.highlight),
    })
}

pub(crate) fn hit_of(searcher: &Searcher, address: DocAddress) -> Result<Hit, Error> {
    let reader = searcher.segment_reader(address.segment_ord);
    Columns::of(reader)
        .and_then(|columns| columns.hit(address.doc_id))
        .ok_or(Error::Schema)
}
