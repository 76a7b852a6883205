//! An article's revisions: the list, two revisions side by side with what
//! changed marked word by word, and restoring one (as a new save).

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use dateline_domain::{BodyBlock, ListItem};
use dateline_store::{ArticleSnapshot, RevisionSummary, Save, StoreError};
use serde::{Deserialize, Serialize};
use similar::{ChangeTag, DiffOp, TextDiff};

use super::view::{article_for, conflict, info, ArticleInfo, Desk};
use crate::auth::{ArticleRef, Permission};
use crate::error::ApiError;
use crate::newsroom::Chrome;
use crate::AppState;

#[derive(Serialize)]
struct ListView<'a> {
    #[serde(flatten)]
    chrome: &'a Chrome,
    article: ArticleInfo,
    headline: String,
    revisions: Vec<RevisionSummary>,
    can_restore: bool,
}

pub(super) async fn list(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let article = article_for(&state, &desk, id, Permission::ReadArticle).await?;
    let (edition, sections, revisions) = tokio::try_join!(
        state.store.edition_by_id(article.edition_id),
        state.store.sections(article.edition_id),
        state.store.revisions(id),
    )?;
    let edition = edition.ok_or_else(|| ApiError::not_found("edition"))?;
    let can_restore = desk.can(Permission::EditArticle(ArticleRef::from(&article)));
    let view = ListView {
        chrome: &desk.chrome,
        article: info(&edition, &sections, &article),
        headline: article.headline.clone(),
        revisions,
        can_restore,
    };
    desk.render(&state, StatusCode::OK, "newsroom/revisions.html", &view)
}

#[derive(Debug, Deserialize)]
pub(super) struct Pair {
    a: i64,
    b: i64,
}

/// A piece of text, marked when it differs from the other side.
#[derive(Debug, Serialize, PartialEq)]
struct Span {
    text: String,
    changed: bool,
}

#[derive(Debug, Serialize, PartialEq)]
struct Row {
    /// Catalog id of the field, or empty for body lines.
    label: &'static str,
    left: Vec<Span>,
    right: Vec<Span>,
    changed: bool,
}

#[derive(Serialize)]
struct CompareView<'a> {
    #[serde(flatten)]
    chrome: &'a Chrome,
    article: ArticleInfo,
    left: RevisionSummary,
    right: RevisionSummary,
    rows: Vec<Row>,
}

fn words(label: &'static str, old: &str, new: &str) -> Row {
    let diff = TextDiff::from_words(old, new);
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for change in diff.iter_all_changes() {
        let text = change.value().to_owned();
        match change.tag() {
            ChangeTag::Equal => {
                left.push(Span {
                    text: text.clone(),
                    changed: false,
                });
                right.push(Span {
                    text,
                    changed: false,
                });
            }
            ChangeTag::Delete => left.push(Span {
                text,
                changed: true,
            }),
            ChangeTag::Insert => right.push(Span {
                text,
                changed: true,
            }),
        }
    }
    Row {
        label,
        changed: old != new,
        left,
        right,
    }
}

/// One line per block, as an editor would describe it.
fn block_line(block: &BodyBlock) -> String {
    match block {
        BodyBlock::Paragraph { text, marks } => dateline_render::rich::write_markup(text, marks),
        BodyBlock::List { ordered, items } => list_lines(*ordered, items),
        BodyBlock::Heading { level, text } => format!("{} {text}", "#".repeat(level.get().into())),
        BodyBlock::Quote { text, attribution } => format!("“{text}” — {attribution}"),
        BodyBlock::Image { media_id, caption } => {
            format!("[image {media_id}] {}", caption.as_deref().unwrap_or(""))
        }
        BodyBlock::Related { article_id } => format!("[related article {article_id}]"),
        BodyBlock::Embed { url, title } => {
            format!("[embed {url}] {}", title.as_deref().unwrap_or(""))
        }
    }
}

/// A list as its lines: `- item`, or `1. item` when numbered.
fn list_lines(ordered: bool, items: &[ListItem]) -> String {
    items
        .iter()
        .enumerate()
        .map(|(n, item)| {
            let text = dateline_render::rich::write_markup(&item.text, &item.marks);
            if ordered {
                format!("{}. {text}", n + 1)
            } else {
                format!("- {text}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The catalog labels of the search and social texts, by field.
const SEO_LABELS: [(&str, &str); 4] = [
    ("seo_title", "seo-field-seo_title"),
    ("seo_description", "seo-field-seo_description"),
    ("social_title", "seo-field-social_title"),
    ("social_description", "seo-field-social_description"),
];

/// What a snapshot names by id, as editors know it: sections and authors.
#[derive(Debug, Default)]
struct Names {
    sections: HashMap<i64, String>,
    authors: HashMap<i64, String>,
}

impl Names {
    /// A name, or the id of something since deleted.
    fn of(map: &HashMap<i64, String>, id: i64) -> String {
        map.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
    }
}

fn rows(old: &ArticleSnapshot, new: &ArticleSnapshot, names: &Names) -> Vec<Row> {
    let list = |ids: &[i64]| {
        ids.iter()
            .map(|id| Names::of(&names.authors, *id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let tags = |s: &ArticleSnapshot| {
        s.tags
            .iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let media = |m: Option<i64>| m.map(|id| id.to_string()).unwrap_or_default();
    let mut rows = vec![
        words("field-headline", &old.headline, &new.headline),
        words("field-lead", &old.lead, &new.lead),
        words("field-slug", old.slug.as_str(), new.slug.as_str()),
        words(
            "field-section",
            &Names::of(&names.sections, old.section_id),
            &Names::of(&names.sections, new.section_id),
        ),
        words(
            "field-authors",
            &list(&old.author_ids),
            &list(&new.author_ids),
        ),
        words("field-tags", &tags(old), &tags(new)),
        words(
            "field-lead-media",
            &media(old.lead_media_id),
            &media(new.lead_media_id),
        ),
    ];
    for ((name, left), (_, right)) in old.seo.texts().into_iter().zip(new.seo.texts()) {
        let label = SEO_LABELS
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |l| l.1);
        rows.push(words(
            label,
            left.unwrap_or_default(),
            right.unwrap_or_default(),
        ));
    }
    let canonical = |s: &ArticleSnapshot| s.seo.canonical_url.as_ref().map(ToString::to_string);
    rows.push(words(
        "seo-field-social_media",
        &media(old.seo.social_media_id),
        &media(new.seo.social_media_id),
    ));
    rows.push(words(
        "seo-field-canonical_url",
        &canonical(old).unwrap_or_default(),
        &canonical(new).unwrap_or_default(),
    ));
    let old_lines: Vec<String> = old.body.iter().map(block_line).collect();
    let new_lines: Vec<String> = new.body.iter().map(block_line).collect();
    let old_refs: Vec<&str> = old_lines.iter().map(String::as_str).collect();
    let new_refs: Vec<&str> = new_lines.iter().map(String::as_str).collect();
    let diff = TextDiff::from_slices(&old_refs, &new_refs);
    let one_sided = |text: &str, left: bool| {
        let span = vec![Span {
            text: text.to_owned(),
            changed: true,
        }];
        let (l, r) = if left {
            (span, Vec::new())
        } else {
            (Vec::new(), span)
        };
        Row {
            label: "",
            left: l,
            right: r,
            changed: true,
        }
    };
    for op in diff.ops() {
        match *op {
            DiffOp::Equal { old_index, len, .. } => {
                for line in &old_lines[old_index..old_index + len] {
                    rows.push(words("", line, line));
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for line in &old_lines[old_index..old_index + old_len] {
                    rows.push(one_sided(line, true));
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for line in &new_lines[new_index..new_index + new_len] {
                    rows.push(one_sided(line, false));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                for i in 0..old_len.max(new_len) {
                    match (
                        old_lines.get(old_index + i).filter(|_| i < old_len),
                        new_lines.get(new_index + i).filter(|_| i < new_len),
                    ) {
                        (Some(a), Some(b)) => rows.push(words("", a, b)),
                        (Some(a), None) => rows.push(one_sided(a, true)),
                        (None, Some(b)) => rows.push(one_sided(b, false)),
                        (None, None) => {}
                    }
                }
            }
        }
    }
    rows
}

pub(super) async fn compare(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    Query(pair): Query<Pair>,
) -> Result<Response, ApiError> {
    let article = article_for(&state, &desk, id, Permission::ReadArticle).await?;
    let (edition, sections, authors, a, b) = tokio::try_join!(
        state.store.edition_by_id(article.edition_id),
        state.store.sections(article.edition_id),
        state.store.authors(),
        state.store.revision(id, pair.a),
        state.store.revision(id, pair.b),
    )?;
    let edition = edition.ok_or_else(|| ApiError::not_found("edition"))?;
    // Older on the left, whatever order the links gave.
    let (old, new) = if a.summary.id <= b.summary.id {
        (a, b)
    } else {
        (b, a)
    };
    let names = Names {
        sections: sections.iter().map(|s| (s.id, s.title.clone())).collect(),
        authors: authors.into_iter().map(|a| (a.id, a.name)).collect(),
    };
    let view = CompareView {
        chrome: &desk.chrome,
        article: info(&edition, &sections, &article),
        rows: rows(&old.content, &new.content, &names),
        left: old.summary,
        right: new.summary,
    };
    desk.render(&state, StatusCode::OK, "newsroom/compare.html", &view)
}

#[derive(Debug, Deserialize)]
pub(super) struct RestoreForm {
    version: i64,
}

pub(super) async fn restore(
    State(state): State<AppState>,
    desk: Desk,
    Path((id, revision)): Path<(i64, i64)>,
    Form(form): Form<RestoreForm>,
) -> Result<Response, ApiError> {
    article_for(&state, &desk, id, Permission::EditArticle).await?;
    let now = crate::auth::now();
    let save = Save {
        audit: Some(
            desk.audit("article.restore", id)
                .details(serde_json::json!({ "revision": revision })),
        ),
        ..Save::by(Some(desk.id()))
    };
    match state
        .store
        .restore_revision(id, revision, form.version, save, now)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "{}?restored={revision}",
            crate::urls::newsroom::article(id)
        ))
        .into_response()),
        Err(StoreError::Conflict { .. }) => Err(conflict()),
        Err(err) => Err(err.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_domain::Slug;

    fn snapshot(headline: &str, body: Vec<BodyBlock>) -> ArticleSnapshot {
        ArticleSnapshot {
            section_id: 1,
            slug: "a".parse::<Slug>().unwrap(),
            headline: headline.into(),
            lead: String::new(),
            body,
            lead_media_id: None,
            author_ids: vec![],
            tags: vec![],
            seo: Default::default(),
        }
    }

    fn p(text: &str) -> BodyBlock {
        BodyBlock::paragraph(text)
    }

    #[test]
    fn changed_words_and_blocks_are_marked_side_by_side() {
        let old = snapshot(
            "Bridge closes",
            vec![p("One."), p("Two words."), p("Gone.")],
        );
        let new = snapshot(
            "Bridge reopens",
            vec![p("One."), p("Two new words."), p("Added.")],
        );
        let rows = rows(&old, &new, &Names::default());
        let headline = &rows[0];
        assert!(headline.changed);
        assert!(headline
            .left
            .iter()
            .any(|s| s.changed && s.text == "closes"));
        assert!(headline
            .right
            .iter()
            .any(|s| s.changed && s.text == "reopens"));
        let body: Vec<_> = rows.iter().filter(|r| r.label.is_empty()).collect();
        assert_eq!(body.len(), 3);
        assert!(!body[0].changed);
        assert!(body[1].right.iter().any(|s| s.changed && s.text == "new"));
        assert_eq!(body[2].left[0].text, "Gone.");
        assert_eq!(body[2].right[0].text, "Added.");
        assert!(!rows[2].changed, "slug unchanged");
    }

    #[test]
    fn search_and_social_fields_are_compared_by_name() {
        let old = snapshot("Bridge", vec![]);
        let mut new = snapshot("Bridge", vec![]);
        new.seo.seo_title = Some("Bridge reopens | Dateline".into());
        new.seo.canonical_url = Some("https://wire.example/b".parse().unwrap());
        let rows = rows(&old, &new, &Names::default());
        let changed: Vec<_> = rows.iter().filter(|r| r.changed).map(|r| r.label).collect();
        assert_eq!(changed, ["seo-field-seo_title", "seo-field-canonical_url"]);
    }
}
