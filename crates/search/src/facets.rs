//! Counting matches per edition, section, tag, author and kind.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::Kind;

/// How many matches each value has, most first (ties by id), at most
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

#[derive(Debug, Default)]
pub(crate) struct FacetCollector;

pub(crate) struct SegmentFacets {
    columns: Vec<Option<Column<u64>>>,
    counts: [HashMap<u64, u64>; 5],
}

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let fast = reader.fast_fields();
        Ok(SegmentFacets {
            columns: NAMES.iter().map(|name| fast.u64(name).ok()).collect(),
            counts: Default::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<[HashMap<u64, u64>; 5]>) -> tantivy::Result<Facets> {
        let mut all: [HashMap<u64, u64>; 5] = Default::default();
        for fruit in fruits {
            for (total, part) in all.iter_mut().zip(fruit) {
                for (value, count) in part {
                    *total.entry(value).or_default() += count;
                }
            }
        }
        let [editions, sections, tags, authors, kinds] = all.map(top);
        Ok(Facets {
            editions: ids(editions),
            sections: ids(sections),
            tags: ids(tags),
            authors: ids(authors),
            kinds: kinds
                .into_iter()
                .filter_map(|(k, n)| Kind::from_number(k).map(|k| (k, n)))
                .collect(),
        })
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

impl SegmentCollector for SegmentFacets {
    type Fruit = [HashMap<u64, u64>; 5];

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (column, counts) in self.columns.iter().zip(self.counts.iter_mut()) {
            if let Some(column) = column {
                for value in column.values_for_doc(doc) {
                    *counts.entry(value).or_default() += 1;
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.counts
    }
}
