//! Walking a search's matches newest first.
//!
//! The index keeps each segment's documents newest first (it is sorted by
//! `date`, see `schema::settings`), so merging the segments' matches by
//! date reads the archive from today backwards. A search weighs the newest
//! [`WINDOW`] matches: it ranks them, counts them and counts their facets.
//! A word found in half the archive costs what a word found in ten
//! thousand stories costs, and a news search prefers the recent story
//! anyway. "Newest first" pages go on past the window: they start where
//! the cursor's date is, found by halving each segment.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use dateline_domain::UnixTime;
use tantivy::fastfield::AliveBitSet;
use tantivy::query::{EnableScoring, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Searcher, SegmentReader, TERMINATED};

use crate::facets::{Facets, SegmentFacets};
use crate::find::{relevance_rank, Columns, Hit, Order, SearchCursor};
use crate::Error;

/// Matches a search ranks, counts and counts facets of: the newest ones.
pub const WINDOW: usize = 10_000;

/// What a scan found.
pub(crate) struct Scanned {
    /// Hits of the page and the one after it, best first, with their cursors.
    pub hits: Vec<(SearchCursor, Hit)>,
    /// Matches counted: every match when `exact`, else the window's.
    pub total: usize,
    pub exact: bool,
    pub facets: Option<Facets>,
}

/// What to look for and how to rank it.
pub(crate) struct Plan {
    pub order: Order,
    /// Hits wanted (a page and one more).
    pub wanted: usize,
    pub after: Option<SearchCursor>,
    pub facets: bool,
    /// The time recency is measured from.
    pub now: UnixTime,
}

/// One segment's matches, in document order (newest first).
struct Stream<'a> {
    scorer: Box<dyn Scorer>,
    alive: Option<&'a AliveBitSet>,
    columns: Columns,
    facets: Option<SegmentFacets>,
}

impl Stream<'_> {
    /// The current match, skipping deleted documents; `None` at the end.
    fn current(&mut self) -> Option<DocId> {
        let mut doc = self.scorer.doc();
        while doc != TERMINATED {
            if self.alive.is_none_or(|a| a.is_alive(doc)) {
                return Some(doc);
            }
            doc = self.scorer.advance();
        }
        None
    }
}

/// A candidate hit: its key (rank, unique id), segment and document.
type Candidate = ((u64, u64), usize, DocId);

/// The best `wanted` keys seen, kept as a min-heap.
struct Best {
    wanted: usize,
    heap: BinaryHeap<Reverse<Candidate>>,
}

impl Best {
    fn offer(&mut self, key: (u64, u64), segment: usize, doc: DocId) {
        if self.heap.len() < self.wanted {
            self.heap.push(Reverse((key, segment, doc)));
        } else if self
            .heap
            .peek()
            .is_some_and(|Reverse((low, ..))| key > *low)
        {
            self.heap.pop();
            self.heap.push(Reverse((key, segment, doc)));
        }
    }

    fn full(&self) -> bool {
        self.heap.len() >= self.wanted
    }

    /// The lowest key kept, once full.
    fn floor(&self) -> Option<(u64, u64)> {
        self.full()
            .then(|| self.heap.peek().map(|Reverse((key, ..))| *key))
            .flatten()
    }
}

fn streams<'a>(
    searcher: &'a Searcher,
    weight: &dyn Weight,
    facets: bool,
) -> Result<Vec<Stream<'a>>, Error> {
    searcher
        .segment_readers()
        .iter()
        .map(|reader: &SegmentReader| {
            Ok(Stream {
                scorer: weight.scorer(reader, 1.0)?,
                alive: reader.alive_bitset(),
                columns: Columns::of(reader).ok_or(Error::Schema)?,
                facets: facets.then(|| SegmentFacets::of(reader)),
            })
        })
        .collect()
}

/// The streams' current matches, newest first.
fn heads(streams: &mut [Stream<'_>]) -> BinaryHeap<(i64, Reverse<usize>)> {
    streams
        .iter_mut()
        .enumerate()
        .filter_map(|(i, s)| {
            let doc = s.current()?;
            Some((s.columns.date.get_val(doc), Reverse(i)))
        })
        .collect()
}

pub(crate) fn scan(searcher: &Searcher, query: &dyn Query, plan: &Plan) -> Result<Scanned, Error> {
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut streams = streams(searcher, weight.as_ref(), plan.facets)?;
    let mut best = Best {
        wanted: plan.wanted,
        heap: BinaryHeap::new(),
    };
    let after = plan.after.map(|c| c.key());
    let mut heads = heads(&mut streams);
    let mut total = 0;
    while total < WINDOW {
        let Some((mut date, Reverse(i))) = heads.pop() else {
            break;
        };
        let stream = &mut streams[i];
        // A run of this segment's matches that are newer than every other
        // segment's next one, without going through the heap.
        while let Some(doc) = stream.current() {
            total += 1;
            if let Some(facets) = stream.facets.as_mut() {
                facets.collect(doc);
            }
            let rank = match plan.order {
                Order::Relevance => relevance_rank(stream.scorer.score(), plan.now, date),
                Order::Newest => date_rank(date),
            };
            // Most matches rank below the page: their id is not even read.
            if best.floor().is_none_or(|floor| rank >= floor.0) {
                let key = (rank, stream.columns.uid(doc));
                if after.is_none_or(|a| key < a) {
                    best.offer(key, i, doc);
                }
            }
            stream.scorer.advance();
            let Some(next) = stream.current() else {
                break;
            };
            let head = (stream.columns.date.get_val(next), Reverse(i));
            if total < WINDOW && heads.peek().is_none_or(|top| head > *top) {
                date = head.0;
            } else {
                heads.push(head);
                break;
            }
        }
    }
    let exact = heads.is_empty();
    let facets = plan.facets.then(|| {
        Facets::merge(
            streams
                .iter_mut()
                .filter_map(|s| s.facets.take())
                .map(SegmentFacets::harvest),
        )
    });
    if plan.order == Order::Newest && !exact && !best.full() {
        // The page runs past the window: read it again from the cursor on,
        // through the window's end and further.
        best.heap.clear();
        older(searcher, weight.as_ref(), plan, &mut best)?;
    }
    let mut hits = Vec::with_capacity(best.heap.len());
    for Reverse(((rank, uid), segment, doc)) in best.heap.into_sorted_vec() {
        let columns = &streams[segment].columns;
        hits.push((
            SearchCursor::new(plan.order, rank, uid),
            columns.hit(doc).ok_or(Error::Schema)?,
        ));
    }
    Ok(Scanned {
        hits,
        total,
        exact,
        facets,
    })
}

/// "Newest first" past the window: each segment from the cursor's date on,
/// until no match left can be newer than the page's oldest.
fn older(
    searcher: &Searcher,
    weight: &dyn Weight,
    plan: &Plan,
    best: &mut Best,
) -> Result<(), Error> {
    let after = plan.after.map(|c| c.key());
    let mut streams = streams(searcher, weight, false)?;
    if let Some(cursor) = plan.after {
        let date = date_of_rank(cursor.key().0);
        for stream in &mut streams {
            let first = first_not_newer(&stream.columns, stream.scorer.doc(), date);
            if stream.scorer.doc() < first {
                stream.scorer.seek(first);
            }
        }
    }
    let mut heads = heads(&mut streams);
    while let Some((date, Reverse(i))) = heads.pop() {
        if best.floor().is_some_and(|floor| date_rank(date) < floor.0) {
            break;
        }
        let stream = &mut streams[i];
        let Some(doc) = stream.current() else {
            continue;
        };
        let key = (date_rank(date), stream.columns.uid(doc));
        if after.is_none_or(|a| key < a) {
            best.offer(key, i, doc);
        }
        stream.scorer.advance();
        if let Some(next) = stream.current() {
            heads.push((stream.columns.date.get_val(next), Reverse(i)));
        }
    }
    Ok(())
}

/// The first document from `from` on dated at or before `date` (dates fall
/// as documents go on), by halving.
fn first_not_newer(columns: &Columns, from: DocId, date: i64) -> DocId {
    let (mut low, mut high) = (from, columns.max_doc());
    while low < high {
        let middle = low + (high - low) / 2;
        if columns.date.get_val(middle) > date {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    low
}

/// A date as a rank that orders like it (see `date_of_rank`).
pub(crate) fn date_rank(date: i64) -> u64 {
    (date as u64) ^ (1 << 63)
}

fn date_of_rank(rank: u64) -> i64 {
    (rank ^ (1 << 63)) as i64
}

#[cfg(test)]
#[path = "scan_tests.rs"]
mod tests;
