//! Stories like a given one, from the index ("more like this").

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue, Term};

use crate::document::{self, article_key};
use crate::find::{filter_clauses, Audience, Filters, Hit};
use crate::languages::Analysis;
use crate::{Error, Kind, Search};

/// A related story scores at least this share of the best one's score.
const RELEVANT_SHARE: f32 = 0.3;

impl Search {
    /// Up to `limit` public stories of the same edition most like article
    /// `article_id` (by its headline and text), best first; none when the
    /// article is not in the database.
    pub async fn related(&self, article_id: i64, limit: usize) -> Result<Vec<i64>, Error> {
        let Some(row) = self
            .store()
            .search_articles(&[article_id])
            .await?
            .into_iter()
            .next()
        else {
            return Ok(Vec::new());
        };
        let generation = self.live();
        let analysis = Analysis::for_language(row.language.primary());
        tokio::task::spawn_blocking(move || {
            let fields = &generation.fields;
            let (Some(title), Some(text)) = (
                fields.title.get(&analysis).copied(),
                fields.text.get(&analysis).copied(),
            ) else {
                return Ok(Vec::new());
            };
            let like = MoreLikeThisQuery::builder()
                .with_min_doc_frequency(2)
                .with_min_term_frequency(1)
                .with_max_query_terms(30)
                .with_min_word_length(3)
                .with_document_fields(vec![
                    (title, vec![OwnedValue::Str(row.headline.clone())]),
                    (text, vec![OwnedValue::Str(document::article_text(&row))]),
                ]);
            let filters = Filters {
                edition_id: Some(row.edition_id),
                kinds: vec![Kind::Article, Kind::Live],
                ..Filters::default()
            };
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(like))];
            clauses.extend(filter_clauses(fields, &Audience::Public, &filters));
            clauses.push((
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_text(fields.key, &article_key(article_id)),
                    IndexRecordOption::Basic,
                )),
            ));
            let searcher = generation.searcher();
            let top = searcher.search(
                &BooleanQuery::new(clauses),
                &TopDocs::with_limit(limit.max(1)).order_by_score(),
            )?;
            // Stories sharing only a few common words are not related.
            let best = top.first().map_or(0.0, |(score, _)| *score);
            let mut ids = Vec::with_capacity(top.len());
            for (_, address) in top
                .into_iter()
                .filter(|(score, _)| *score >= best * RELEVANT_SHARE)
            {
                let Hit { id, .. } = crate::find::hit_of(&searcher, address)?;
                ids.push(id);
            }
            Ok(ids)
        })
        .await?
    }
}
