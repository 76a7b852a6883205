//! The window and paging past it, on an index in memory with more matches
//! than a search weighs, written in several segments whose dates interleave.

use std::collections::HashSet;

use tantivy::TantivyDocument;

use super::WINDOW;
use crate::document::{article_key, key_term};
use crate::find::{run, Audience, Filters, Order, SearchCursor, SearchRequest, SearchResults};
use crate::index::Generation;
use crate::languages::Analysis;
use crate::query::QueryText;
use crate::Kind;

const NOW: i64 = 1_700_000_000;
/// More stories with the word than a search weighs.
const STORIES: i64 = WINDOW as i64 + 250;

/// Story `id` was published `id` minutes before `NOW`: the higher the
/// id, the older the story.
fn published(id: i64) -> i64 {
    NOW - id * 60
}

/// Every fourth story in each segment: matches alternate between them.
fn interleaved(id: i64) -> i64 {
    id % 4
}

/// A quarter of the archive's span in each segment: long runs from one.
fn in_blocks(id: i64) -> i64 {
    (id - 1) * 4 / STORIES
}

fn index(segment_of: fn(i64) -> i64) -> Generation {
    let generation = Generation::in_memory();
    let fields = &generation.fields;
    let english = Analysis::for_language("en");
    let mut writer = generation
        .index
        .writer_with_num_threads(1, 30_000_000)
        .unwrap_or_else(|e| panic!("writer: {e}"));
    // Four segments: newest-first order has to be made across them.
    for segment in 0..4 {
        for id in (1..=STORIES).filter(|id| segment_of(*id) == segment) {
            let mut doc = TantivyDocument::new();
            doc.add_text(fields.key, article_key(id));
            doc.add_u64(fields.kind, Kind::Article.number());
            doc.add_u64(fields.id, id as u64);
            doc.add_u64(fields.edition, 1);
            doc.add_u64(fields.section, 1 + (id % 3) as u64);
            doc.add_u64(fields.public, 1);
            doc.add_i64(fields.date, published(id));
            doc.add_text(fields.title[&english], format!("Harbour report {id}"));
            doc.add_text(fields.text[&english], "The harbour opened at dawn.");
            writer
                .add_document(doc)
                .unwrap_or_else(|e| panic!("add: {e}"));
        }
        writer.commit().unwrap_or_else(|e| panic!("commit: {e}"));
    }
    // Replaced and deleted documents must not come back: story 2 (among the
    // newest) is deleted.
    writer.delete_term(key_term(fields, &article_key(2)));
    writer.commit().unwrap_or_else(|e| panic!("commit: {e}"));
    generation
        .reader
        .reload()
        .unwrap_or_else(|e| panic!("reload: {e}"));
    generation
}

fn search(generation: &Generation, order: Order, after: Option<SearchCursor>) -> SearchResults {
    let request = SearchRequest {
        text: QueryText::parse("harbour").unwrap_or_else(|e| panic!("query: {e:?}")),
        audience: Audience::Public,
        filters: Filters::default(),
        order,
        after,
        limit: 100,
        facets: true,
        now: NOW,
    };
    run(
        &generation.searcher(),
        &generation.fields,
        &[Analysis::for_language("en")],
        &request,
    )
    .unwrap_or_else(|e| panic!("search: {e}"))
}

#[test]
fn a_broad_search_weighs_the_newest_window_and_says_so() {
    let generation = index(in_blocks);
    let results = search(&generation, Order::Relevance, None);
    assert_eq!(results.total, WINDOW);
    assert!(!results.total_exact);
    let facets = results.facets.unwrap_or_else(|| panic!("facets"));
    let counted: u64 = facets.sections.iter().map(|(_, n)| n).sum();
    assert_eq!(counted, WINDOW as u64, "facets count the window");
    // The window is the newest stories that exist (story 2 is deleted).
    for hit in &results.hits {
        assert!(
            hit.id <= WINDOW as i64 + 1,
            "story {} is outside the window",
            hit.id
        );
        assert_ne!(hit.id, 2);
    }
    // Relevance ties break by recency: the newest first.
    assert_eq!(results.hits.first().map(|h| h.id), Some(1));
}

#[test]
fn newest_first_pages_through_every_match_past_the_window() {
    for split in [interleaved as fn(i64) -> i64, in_blocks] {
        newest_first_pages_through(&index(split));
    }
}

fn newest_first_pages_through(generation: &Generation) {
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let results = search(generation, Order::Newest, after);
        seen.extend(results.hits.iter().map(|h| h.id));
        match results.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    let expected: Vec<i64> = (1..=STORIES).filter(|id| *id != 2).collect();
    assert_eq!(seen.len(), expected.len());
    assert_eq!(seen, expected, "every story once, newest first");
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), seen.len());
}

#[test]
fn relevance_pages_end_with_the_window() {
    let generation = index(interleaved);
    let mut seen = HashSet::new();
    let mut after = None;
    loop {
        let results = search(&generation, Order::Relevance, after);
        for hit in &results.hits {
            assert!(seen.insert(hit.id), "story {} shown twice", hit.id);
        }
        match results.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(seen.len(), WINDOW);
}
