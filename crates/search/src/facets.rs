//! Counting matches per edition, section, tag, author and kind.
//!
//! Every match passes through here, so counting is a slot in a vector
//! indexed by the value (ids are small and dense) rather than a hash; a
//! segment whose column holds a larger value counts in a map instead.

use std::collections::HashMap;

use tantivy::columnar::{Cardinality, Column, ColumnValues};
use tantivy::{DocId, SegmentReader};

use crate::Kind;

/// How many of the matches weighed have each value, most first (ties by id), at most
/// [`FACET_VALUES`] per facet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub editions: Vec<(i64, u64)>,
    pub sections: Vec<(i64, u64)>,
    pub tags: Vec<(i64, u64)>,
    pub authors: Vec<(i64, u64)>,
    pub kinds: Vec<(Kind, u64)>,
}

/// Values shown per facet.
pub const FACET_VALUES: usize = 12;

const NAMES: [&str; 5] = ["edition", "section", "tags", "authors", "kind"];

/// Columns whose largest value is below this count in a vector.
const DENSE_LIMIT: u64 = 1 << 16;

/// Counts of one facet in one segment.
enum Counts {
    Dense(Vec<u32>),
    Sparse(HashMap<u64, u64>),
}

impl Counts {
    fn for_column(column: &Column<u64>) -> Counts {
        let max = column.max_value();
        match usize::try_from(max) {
            Ok(max) if max < DENSE_LIMIT as usize => Counts::Dense(vec![0; max + 1]),
            _ => Counts::Sparse(HashMap::new()),
        }
    }

    fn add(&mut self, value: u64) {
        match self {
            Counts::Dense(slots) => {
                if let Some(slot) = usize::try_from(value).ok().and_then(|v| slots.get_mut(v)) {
                    *slot += 1;
                }
            }
            Counts::Sparse(map) => *map.entry(value).or_default() += 1,
        }
    }

    fn into_pairs(self) -> Vec<(u64, u64)> {
        match self {
            Counts::Dense(slots) => slots
                .into_iter()
                .enumerate()
                .filter(|(_, n)| *n > 0)
                .map(|(value, n)| (value as u64, u64::from(n)))
                .collect(),
            Counts::Sparse(map) => map.into_iter().collect(),
        }
    }
}

/// One facet's column in a segment: single-valued columns read directly.
struct Counter {
    column: Column<u64>,
    single: Option<std::sync::Arc<dyn ColumnValues<u64>>>,
    counts: Counts,
}

pub(crate) struct SegmentFacets {
    counters: Vec<Option<Counter>>,
}

impl SegmentFacets {
    /// Counters over `reader`'s facet columns (a column the segment lacks
    /// counts nothing).
    pub(crate) fn of(reader: &SegmentReader) -> SegmentFacets {
        let fast = reader.fast_fields();
        let counters = NAMES
            .iter()
            .map(|name| {
                let column = fast.u64(name).ok()?;
                let single = matches!(column.get_cardinality(), Cardinality::Full)
                    .then(|| column.values.clone());
                Some(Counter {
                    counts: Counts::for_column(&column),
                    single,
                    column,
                })
            })
            .collect();
        SegmentFacets { counters }
    }

    pub(crate) fn collect(&mut self, doc: DocId) {
        for counter in self.counters.iter_mut().flatten() {
            match &counter.single {
                Some(values) => counter.counts.add(values.get_val(doc)),
                None => {
                    for value in counter.column.values_for_doc(doc) {
                        counter.counts.add(value);
                    }
                }
            }
        }
    }

    /// Each facet's `(value, count)` pairs.
    pub(crate) fn harvest(self) -> [Vec<(u64, u64)>; 5] {
        let mut out: [Vec<(u64, u64)>; 5] = Default::default();
        for (slot, counter) in out.iter_mut().zip(self.counters) {
            if let Some(counter) = counter {
                *slot = counter.counts.into_pairs();
            }
        }
        out
    }
}

impl Facets {
    /// The segments' counts added up, each facet's most counted values.
    pub(crate) fn merge(parts: impl Iterator<Item = [Vec<(u64, u64)>; 5]>) -> Facets {
        let mut all: [HashMap<u64, u64>; 5] = Default::default();
        for part in parts {
            for (total, pairs) in all.iter_mut().zip(part) {
                for (value, count) in pairs {
                    *total.entry(value).or_default() += count;
                }
            }
        }
        let [editions, sections, tags, authors, kinds] = all.map(top);
        Facets {
            editions: ids(editions),
            sections: ids(sections),
            tags: ids(tags),
            authors: ids(authors),
            kinds: kinds
                .into_iter()
                .filter_map(|(k, n)| Kind::from_number(k).map(|k| (k, n)))
                .collect(),
        }
    }
}

fn top(counts: HashMap<u64, u64>) -> Vec<(u64, u64)> {
    let mut pairs: Vec<_> = counts
        .into_iter()
        .filter(|(value, _)| *value != 0)
        .collect();
    pairs.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    pairs.truncate(FACET_VALUES);
    pairs
}

fn ids(pairs: Vec<(u64, u64)>) -> Vec<(i64, u64)> {
    pairs
        .into_iter()
        .filter_map(|(id, n)| i64::try_from(id).ok().map(|id| (id, n)))
        .collect()
}
