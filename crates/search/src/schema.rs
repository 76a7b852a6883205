//! The index's fields, and the analysers its text fields are cut with.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    TokenizerManager,
};
use tantivy::{IndexSettings, IndexSortByField};

use crate::languages::Analysis;

/// The tokenizer of the fields that are never stemmed: names and headline words.
const WORDS: &str = "dl_words";

/// Terms longer than this are not words (hashes, URLs run together).
const LONGEST_TERM: usize = 40;

/// Each field of the index, by handle.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    /// `a{id}` or `m{id}`: one document per article or picture, replaced whole.
    pub key: Field,
    /// [`crate::Kind`] as a number.
    pub kind: Field,
    pub id: Field,
    /// The edition's id, 0 for a picture of no edition.
    pub edition: Field,
    pub section: Field,
    pub tags: Field,
    pub authors: Field,
    /// 1 when readers may see the document.
    pub public: Field,
    /// The article's status name (`draft`, `published`…); pictures have none.
    pub status: Field,
    /// The staff account that created the article.
    pub owner: Field,
    /// Publication time (else last change) of an article, upload time of a picture.
    pub date: Field,
    /// Headline (or caption) and running text, per analysis.
    pub title: BTreeMap<Analysis, Field>,
    pub text: BTreeMap<Analysis, Field>,
    /// Authors, tags, section and credits, unstemmed.
    pub names: Field,
    /// The headline's words unstemmed: prefixes as typed, and spelling hints.
    pub words: Field,
    /// A picture's public stories' headlines, searched by picture searches.
    pub story_words: Field,
    /// Its stories not yet public: picture searches by staff only.
    pub staff_words: Field,
}

pub(crate) fn tokenizer_name(analysis: Analysis) -> String {
    format!("dl_{}", analysis.name())
}

fn analyser(analysis: Option<Analysis>) -> TextAnalyzer {
    let builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_TERM))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    match analysis.and_then(Analysis::stemmer) {
        Some(language) => builder.filter(Stemmer::new(language)).build(),
        None => builder.build(),
    }
}

/// Registers every analyser the schema names.
pub(crate) fn register_tokenizers(manager: &TokenizerManager) {
    for analysis in Analysis::all() {
        manager.register(&tokenizer_name(analysis), analyser(Some(analysis)));
    }
    manager.register(WORDS, analyser(None));
}

/// An analyser by the name a field uses, for the query side.
pub(crate) fn words_analyser() -> TextAnalyzer {
    analyser(None)
}

pub(crate) fn analyser_for(analysis: Analysis) -> TextAnalyzer {
    analyser(Some(analysis))
}

fn text(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

fn number() -> NumericOptions {
    NumericOptions::from(INDEXED | FAST)
}

pub(crate) fn build() -> (Schema, Fields) {
    let mut schema = Schema::builder();
    let key = schema.add_text_field("key", STRING);
    let kind = schema.add_u64_field("kind", number());
    let id = schema.add_u64_field("id", number());
    let edition = schema.add_u64_field("edition", number());
    let section = schema.add_u64_field("section", number());
    let tags = schema.add_u64_field("tags", number());
    let authors = schema.add_u64_field("authors", number());
    let public = schema.add_u64_field("public", INDEXED);
    let status = schema.add_text_field("status", STRING);
    let owner = schema.add_u64_field("owner", INDEXED);
    let date = schema.add_i64_field("date", number());
    let mut title = BTreeMap::new();
    let mut body = BTreeMap::new();
    for analysis in Analysis::all() {
        let tokenizer = tokenizer_name(analysis);
        let name = analysis.name();
        title.insert(
            analysis,
            schema.add_text_field(&format!("title_{name}"), text(&tokenizer)),
        );
        body.insert(
            analysis,
            schema.add_text_field(&format!("text_{name}"), text(&tokenizer)),
        );
    }
    let names = schema.add_text_field("names", text(WORDS));
    let words = schema.add_text_field("words", text(WORDS));
    let story_words = schema.add_text_field("story_words", text(WORDS));
    let staff_words = schema.add_text_field("staff_words", text(WORDS));
    let fields = Fields {
        key,
        kind,
        id,
        edition,
        section,
        tags,
        authors,
        public,
        status,
        owner,
        date,
        title,
        text: body,
        names,
        words,
        story_words,
        staff_words,
    };
    (schema.build(), fields)
}

/// How an index is kept: each segment's documents newest first, which
/// searches rely on (`scan.rs`).
pub(crate) fn settings() -> IndexSettings {
    IndexSettings {
        sort_by_field: Some(IndexSortByField {
            field: String::from("date"),
            order: tantivy::Order::Desc,
        }),
        ..IndexSettings::default()
    }
}

/// What changes when the schema or its analysis changes: an index made with
/// another fingerprint is rebuilt rather than read.
pub(crate) fn fingerprint(schema: &Schema) -> String {
    let mut hasher = Sha256::new();
    hasher.update(serde_json::to_vec(schema).unwrap_or_default());
    // The analysis chain is not in the schema's JSON: name its version here.
    hasher.update(b"simple|long40|lower|ascii-fold|stem v1|newest first");
    hex::encode(&hasher.finalize()[..8])
}
