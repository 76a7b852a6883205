//! Articles and pictures as index documents.

use std::collections::HashMap;

use dateline_domain::BodyBlock;
use dateline_store::{ArticleSearchRow, MediaSearchRow};
use tantivy::schema::Term;
use tantivy::TantivyDocument;

use crate::languages::Analysis;
use crate::schema::Fields;
use crate::Kind;

/// What the index knows of each edition: its language decides the analysis.
pub(crate) type EditionLanguages = HashMap<i64, Analysis>;

pub(crate) fn article_key(id: i64) -> String {
    format!("a{id}")
}

pub(crate) fn media_key(id: i64) -> String {
    format!("m{id}")
}

pub(crate) fn key_term(fields: &Fields, key: &str) -> Term {
    Term::from_field_text(fields.key, key)
}

fn id(value: i64) -> u64 {
    u64::try_from(value).unwrap_or_default()
}

/// The running text of an article as the index reads it and snippets quote
/// it: lead, body text, quotes with who said them, list items, captions and
/// embed titles, one block per line.
pub fn article_text(row: &ArticleSearchRow) -> String {
    let captions: HashMap<i64, &str> = row
        .pictures
        .iter()
        .map(|p| (p.media_id, p.caption.as_str()))
        .collect();
    let mut lines = body_lines(&row.lead, &row.body, |id| captions.get(&id).copied());
    if let Some(lead) = row.lead_media_id.and_then(|m| captions.get(&m)) {
        lines.push(lead);
    }
    join_lines(lines)
}

/// [`article_text`] of a search result's card: lead and body, with the
/// captions written in the body (not the media library's), for snippets.
pub fn card_text(lead: &str, body: &[BodyBlock]) -> String {
    join_lines(body_lines(lead, body, |_| None))
}

/// The lead and each text of `body`; a picture without a caption of its
/// own in the body takes `library_caption`'s.
fn body_lines<'a>(
    lead: &'a str,
    body: &'a [BodyBlock],
    library_caption: impl Fn(i64) -> Option<&'a str>,
) -> Vec<&'a str> {
    let mut lines: Vec<&str> = vec![lead];
    for block in body {
        match block {
            BodyBlock::Paragraph { text, .. } | BodyBlock::Heading { text, .. } => lines.push(text),
            BodyBlock::Quote { text, attribution } => {
                lines.push(text);
                lines.push(attribution);
            }
            BodyBlock::List { items, .. } => lines.extend(items.iter().map(|i| i.text.as_str())),
            BodyBlock::Image { media_id, caption } => {
                if let Some(caption) = caption.as_deref().or_else(|| library_caption(*media_id)) {
                    lines.push(caption);
                }
            }
            BodyBlock::Embed { title, .. } => lines.extend(title.as_deref()),
            BodyBlock::Related { .. } => {}
        }
    }
    lines
}

/// A picture's text: caption, description for the blind, credit, rights,
/// source and the headlines of the stories it illustrates.
pub fn media_text(row: &MediaSearchRow, public_only: bool) -> String {
    let mut lines = vec![
        row.caption.as_str(),
        row.alt_text.as_str(),
        row.credit.as_str(),
        row.copyright.as_str(),
        row.source.as_str(),
    ];
    lines.extend(
        row.stories
            .iter()
            .filter(|s| s.2 || !public_only)
            .map(|s| s.1.as_str()),
    );
    join_lines(lines)
}

fn own_text(row: &MediaSearchRow) -> String {
    join_lines([
        row.caption.as_str(),
        row.alt_text.as_str(),
        row.credit.as_str(),
        row.copyright.as_str(),
        row.source.as_str(),
    ])
}

fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for line in lines.into_iter().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

pub(crate) fn article(fields: &Fields, row: &ArticleSearchRow) -> TantivyDocument {
    let analysis = Analysis::for_language(row.language.primary());
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.key, article_key(row.id));
    let kind = if row.live { Kind::Live } else { Kind::Article };
    doc.add_u64(fields.kind, kind.number());
    doc.add_u64(fields.id, id(row.id));
    doc.add_u64(fields.edition, id(row.edition_id));
    doc.add_u64(fields.section, id(row.section_id));
    for (tag, _) in &row.tags {
        doc.add_u64(fields.tags, id(*tag));
    }
    for (author, _) in &row.authors {
        doc.add_u64(fields.authors, id(*author));
    }
    doc.add_u64(fields.public, u64::from(row.is_public));
    doc.add_text(fields.status, row.status.as_str());
    if let Some(owner) = row.created_by {
        doc.add_u64(fields.owner, id(owner));
    }
    doc.add_i64(fields.date, row.published_at.unwrap_or(row.updated_at));
    if let Some(title) = fields.title.get(&analysis) {
        doc.add_text(*title, &row.headline);
    }
    if let Some(text) = fields.text.get(&analysis) {
        doc.add_text(*text, article_text(row));
    }
    let mut names: Vec<&str> = vec![row.section_title.as_str()];
    names.extend(row.authors.iter().map(|(_, n)| n.as_str()));
    names.extend(row.tags.iter().map(|(_, n)| n.as_str()));
    names.extend(row.pictures.iter().map(|p| p.credit.as_str()));
    doc.add_text(fields.names, join_lines(names));
    doc.add_text(fields.words, &row.headline);
    doc
}

pub(crate) fn media(
    fields: &Fields,
    row: &MediaSearchRow,
    languages: &EditionLanguages,
) -> TantivyDocument {
    let analysis = row
        .edition_id
        .and_then(|e| languages.get(&e).copied())
        .unwrap_or(Analysis::Plain);
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.key, media_key(row.id));
    doc.add_u64(fields.kind, Kind::Picture.number());
    doc.add_u64(fields.id, id(row.id));
    doc.add_u64(fields.edition, row.edition_id.map_or(0, id));
    if let Some(section) = row.section_id {
        doc.add_u64(fields.section, id(section));
    }
    doc.add_u64(fields.public, u64::from(row.is_public));
    doc.add_i64(fields.date, row.created_at);
    if let Some(title) = fields.title.get(&analysis) {
        doc.add_text(*title, &row.caption);
    }
    // A picture's own texts; the headlines of the stories using it are
    // searched only when pictures alone are asked for (the media bank),
    // lest every story's picture come up beside the story. Those of
    // stories not yet public only for staff.
    if let Some(text) = fields.text.get(&analysis) {
        doc.add_text(*text, own_text(row));
    }
    let (public, hidden): (Vec<_>, Vec<_>) = row.stories.iter().partition(|s| s.2);
    doc.add_text(
        fields.story_words,
        join_lines(public.iter().map(|s| s.1.as_str())),
    );
    doc.add_text(
        fields.staff_words,
        join_lines(hidden.iter().map(|s| s.1.as_str())),
    );
    doc.add_text(
        fields.names,
        join_lines([row.credit.as_str(), row.source.as_str()]),
    );
    doc.add_text(fields.words, &row.caption);
    doc
}
