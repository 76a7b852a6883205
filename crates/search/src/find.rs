//! One search: filters, ranking, a page of hits, facets and highlighting.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use dateline_domain::UnixTime;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, SegmentReader};

use crate::facets::{FacetCollector, Facets};
use crate::languages::Analysis;
use crate::query::{text_query, QueryText, Scope};
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
    /// Count facets over every match (costs a pass over them).
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
    /// Every match, on all pages.
    pub total: usize,
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
    generators: HashMap<Analysis, SnippetGenerator>,
}

const SNIPPET_CHARS: usize = 220;

impl Highlighter {
    fn new(fields: &Fields, highlight: &BTreeMap<Field, Vec<String>>) -> Highlighter {
        let mut generators = HashMap::new();
        for (analysis, field) in &fields.text {
            let Some(terms) = highlight.get(field) else {
                continue;
            };
            let terms = terms.iter().map(|t| (t.clone(), 1.0)).collect();
            let mut generator = SnippetGenerator::new(
                terms,
                crate::schema::analyser_for(*analysis),
                *field,
                SNIPPET_CHARS,
            );
            generator.set_max_num_chars(SNIPPET_CHARS);
            generators.insert(*analysis, generator);
        }
        Highlighter { generators }
    }

    fn snippet(&self, analysis: Analysis, text: &str) -> String {
        let Some(generator) = self.generators.get(&analysis) else {
            return String::new();
        };
        let mut snippet = generator.snippet(text);
        if snippet.is_empty() {
            return String::new();
        }
        snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
        snippet.to_html()
    }
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
        Audience::Public => out.push(filter(term(fields.public, 1))),
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
struct Columns {
    id: std::sync::Arc<dyn tantivy::columnar::ColumnValues<u64>>,
    kind: std::sync::Arc<dyn tantivy::columnar::ColumnValues<u64>>,
    date: std::sync::Arc<dyn tantivy::columnar::ColumnValues<i64>>,
}

impl Columns {
    fn of(reader: &SegmentReader) -> Option<Columns> {
        let fast = reader.fast_fields();
        Some(Columns {
            id: fast.u64("id").ok()?.first_or_default_col(0),
            kind: fast.u64("kind").ok()?.first_or_default_col(0),
            date: fast.i64("date").ok()?.first_or_default_col(0),
        })
    }

    /// Unique across kinds: ids of articles and pictures overlap.
    fn uid(&self, doc: u32) -> u64 {
        (self.id.get_val(doc) << 2) | self.kind.get_val(doc)
    }
}

fn recency(now: UnixTime, date: i64) -> f32 {
    let age_days = (now.saturating_sub(date)).max(0) as f32 / 86_400.0;
    1.0 + RECENCY_WEIGHT * (0.5f32).powf(age_days / RECENCY_HALF_LIFE_DAYS)
}

/// Ranks as comparable integers: a score's bits order like the score for
/// non-negative floats; a date is shifted to order as unsigned.
fn score_rank(score: f32) -> u64 {
    u64::from(score.max(0.0).to_bits())
}

fn date_rank(date: i64) -> u64 {
    (date as u64) ^ (1 << 63)
}

pub(crate) fn run(
    searcher: &Searcher,
    fields: &Fields,
    analyses: &[Analysis],
    request: &SearchRequest,
) -> Result<SearchResults, Error> {
    let text = text_query(fields, analyses, &request.text, request.scope());
    let mut clauses = vec![(Occur::Must, text.query)];
    clauses.extend(filter_clauses(fields, &request.audience, &request.filters));
    let query = BooleanQuery::new(clauses);
    let limit = request.limit.clamp(1, MAX_LIMIT);
    let now = request.now;
    let order = request.order;
    let after = request.after.filter(|c| c.order == order);
    // One more than a page tells whether a next page exists.
    let top = TopDocs::with_limit(limit + 1).tweak_score(move |reader: &SegmentReader| {
        let columns = Columns::of(reader);
        move |doc, score| {
            let Some(columns) = &columns else {
                return (0, 0);
            };
            let rank = match order {
                Order::Relevance => score_rank(score * recency(now, columns.date.get_val(doc))),
                Order::Newest => date_rank(columns.date.get_val(doc)),
            };
            let key = (rank, columns.uid(doc));
            match after {
                // Already shown on an earlier page: ranks below every hit.
                Some(c) if key >= (c.rank, c.uid) => (0, 0),
                _ => key,
            }
        }
    });
    let facet_collector = request.facets.then(FacetCollector::default);
    let (top, total, facets) = searcher.search(&query, &(top, Count, facet_collector))?;
    let mut found = Vec::with_capacity(top.len());
    for ((rank, uid), address) in top {
        if (rank, uid) != (0, 0) {
            found.push((
                SearchCursor { order, rank, uid },
                hit_of(searcher, address)?,
            ));
        }
    }
    let next = if found.len() > limit {
        found.truncate(limit);
        found.last().map(|(cursor, _)| *cursor)
    } else {
        None
    };
    Ok(SearchResults {
        hits: found.into_iter().map(|(_, hit)| hit).collect(),
        total,
        next,
        facets,
        highlighter: Highlighter::new(fields, &text.highlight),
    })
}

pub(crate) fn hit_of(searcher: &Searcher, address: DocAddress) -> Result<Hit, Error> {
    let reader = searcher.segment_reader(address.segment_ord);
    let columns = Columns::of(reader).ok_or(Error::Schema)?;
    let id = i64::try_from(columns.id.get_val(address.doc_id)).unwrap_or_default();
    let kind = Kind::from_number(columns.kind.get_val(address.doc_id)).ok_or(Error::Schema)?;
    Ok(Hit { kind, id })
}
