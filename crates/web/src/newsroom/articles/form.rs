//! The article editor's form: what the browser sends, kept as typed text so
//! that a refused save shows the form again exactly as it was, and its
//! parsing into an `ArticleUpdate` with one message per bad field.
//!
//! Body blocks travel as `block-{i}-{field}` pairs; the `action` button says
//! what to do (save, add a block of a kind, remove or move block `i`), so
//! the editor works without JavaScript.

use dateline_domain::rich::validate_marks;
use dateline_domain::{ArticleSeoPatch, BodyBlock, HeadingLevel, ListItem, ParseError, Slug};
use dateline_render::rich::{parse_markup, write_markup};
use dateline_store::{Article, ArticleUpdate};
use serde::Serialize;

use super::seo_form::SeoForm;

/// Block kinds in the order the editor offers them.
pub const BLOCK_KINDS: [&str; 7] = [
    "paragraph",
    "heading",
    "list",
    "quote",
    "image",
    "related",
    "embed",
];

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BlockForm {
    pub kind: String,
    /// Paragraphs in the editor's markup (`**bold**`, `*italic*`,
    /// `[words](address)`); a list's items one per line, each in markup.
    pub text: String,
    /// A list is numbered.
    pub ordered: bool,
    pub level: String,
    pub attribution: String,
    pub media: String,
    pub caption: String,
    pub article: String,
    pub url: String,
    pub title: String,
}

/// How strictly a form's blocks are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saving {
    /// The writer pressed Save: every block must be complete.
    Explicit,
    /// The editor's script saves while the writer works: a block still
    /// being filled in (just added and empty, or a related card whose
    /// article is being looked up by headline) is left out of this save
    /// instead of refusing it; it is saved once complete.
    Autosave,
}

impl BlockForm {
    /// Nothing typed into the block's main field yet, or (a related card)
    /// words that are neither an article number nor an address: the picker
    /// is still searching by headline.
    fn unfinished(&self) -> bool {
        let main = match self.kind.as_str() {
            "image" => &self.media,
            "related" => &self.article,
            "embed" => &self.url,
            _ => &self.text,
        };
        let main = main.trim();
        main.is_empty()
            || (self.kind == "related" && main.parse::<i64>().is_err() && !main.contains('/'))
    }

    pub fn empty(kind: &str) -> Self {
        Self {
            kind: kind.to_owned(),
            level: "2".into(),
            ..Self::default()
        }
    }

    fn of(block: &BodyBlock) -> Self {
        match block {
            BodyBlock::Paragraph { text, marks } => Self {
                text: write_markup(text, marks),
                ..Self::empty("paragraph")
            },
            BodyBlock::List { ordered, items } => Self {
                text: items
                    .iter()
                    .map(|item| write_markup(&item.text, &item.marks).replace('\n', " "))
                    .collect::<Vec<_>>()
                    .join("\n"),
                ordered: *ordered,
                ..Self::empty("list")
            },
            BodyBlock::Heading { level, text } => Self {
                text: text.clone(),
                level: u8::from(*level).to_string(),
                ..Self::empty("heading")
            },
            BodyBlock::Quote { text, attribution } => Self {
                text: text.clone(),
                attribution: attribution.clone(),
                ..Self::empty("quote")
            },
            BodyBlock::Image { media_id, caption } => Self {
                media: media_id.to_string(),
                caption: caption.clone().unwrap_or_default(),
                ..Self::empty("image")
            },
            BodyBlock::Related { article_id } => Self {
                article: article_id.to_string(),
                ..Self::empty("related")
            },
            BodyBlock::Embed { url, title } => Self {
                url: url.clone(),
                title: title.clone().unwrap_or_default(),
                ..Self::empty("embed")
            },
        }
    }
}

/// The editor's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EditorForm {
    pub version: String,
    pub section_id: String,
    pub slug: String,
    pub headline: String,
    pub lead: String,
    pub lead_media: String,
    pub authors: Vec<String>,
    /// Tag names, comma-separated.
    pub tags: String,
    pub blocks: Vec<BlockForm>,
    /// Search and social fields (`seo_form.rs`).
    pub seo: SeoForm,
}

/// What the pressed button asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Save,
    Add(String),
    Remove(usize),
    Up(usize),
    Down(usize),
}

/// A refused field: its form name and a catalog message id with arguments.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl EditorForm {
    pub fn of(article: &Article) -> Self {
        Self {
            version: article.version.to_string(),
            section_id: article.section_id.to_string(),
            slug: article.slug.as_str().to_owned(),
            headline: article.headline.clone(),
            lead: article.lead.clone(),
            lead_media: article
                .lead_media_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            authors: article.authors.iter().map(|a| a.id.to_string()).collect(),
            tags: article
                .tags
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            blocks: article.body.iter().map(BlockForm::of).collect(),
            seo: SeoForm::of(&article.seo),
        }
    }

    /// Reads the posted pairs; unknown names are ignored.
    pub fn from_pairs(pairs: &[(String, String)]) -> (Self, Action) {
        let mut form = Self::default();
        let mut action = Action::Save;
        for (name, value) in pairs {
            match name.as_str() {
                "version" => form.version = value.clone(),
                "section_id" => form.section_id = value.clone(),
                "slug" => form.slug = value.clone(),
                "headline" => form.headline = value.clone(),
                "lead" => form.lead = value.clone(),
                "lead_media" => form.lead_media = value.clone(),
                "author" => form.authors.push(value.clone()),
                "tags" => form.tags = value.clone(),
                "action" => action = parse_action(value),
                _ if form.seo.take(name, value) => {}
                _ => {
                    if let Some((index, field)) = block_field(name) {
                        if form.blocks.len() <= index {
                            form.blocks.resize(index + 1, BlockForm::default());
                        }
                        let block = &mut form.blocks[index];
                        if field == "ordered" {
                            block.ordered = !value.is_empty();
                            continue;
                        }
                        let slot = match field {
                            "type" => &mut block.kind,
                            "text" => &mut block.text,
                            "level" => &mut block.level,
                            "attribution" => &mut block.attribution,
                            "media" => &mut block.media,
                            "caption" => &mut block.caption,
                            "article" => &mut block.article,
                            "url" => &mut block.url,
                            "title" => &mut block.title,
                            _ => continue,
                        };
                        *slot = value.clone();
                    }
                }
            }
        }
        // Gaps (an index never sent) are dropped rather than saved empty.
        form.blocks.retain(|b| !b.kind.is_empty());
        (form, action)
    }

    /// Applies a layout action (add, remove, move a block); `false` for Save.
    pub fn apply(&mut self, action: &Action) -> bool {
        match action {
            Action::Save => return false,
            Action::Add(kind) => self.blocks.push(BlockForm::empty(kind)),
            Action::Remove(i) if *i < self.blocks.len() => {
                self.blocks.remove(*i);
            }
            Action::Up(i) if *i > 0 && *i < self.blocks.len() => self.blocks.swap(*i - 1, *i),
            Action::Down(i) if *i + 1 < self.blocks.len() => self.blocks.swap(*i, *i + 1),
            _ => {}
        }
        true
    }

    /// The edit this form asks for, or every field that is wrong. Related
    /// cards name an article by id; `resolve` maps what was typed (an id or
    /// an article's address) to one.
    pub fn to_update(
        &self,
        resolve: impl Fn(&str) -> Option<i64>,
        saving: Saving,
    ) -> Result<(i64, ArticleUpdate), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: String, message: &str| {
            errors.push(FieldError {
                field,
                message: message.to_owned(),
            })
        };
        let version = self.version.trim().parse::<i64>().unwrap_or_else(|_| {
            fail("version".into(), "form-stale");
            0
        });
        let section_id = self.section_id.trim().parse::<i64>().ok();
        if section_id.is_none() {
            fail("section_id".into(), "form-required");
        }
        let slug = match self.slug.trim() {
            "" => Slug::from_title(&self.headline),
            typed => typed.parse::<Slug>().ok(),
        };
        if slug.is_none() {
            fail("slug".into(), "form-bad-slug");
        }
        if self.headline.trim().is_empty() {
            fail("headline".into(), "form-required");
        }
        let lead_media_id = match self.lead_media.trim() {
            "" => None,
            typed => match typed.parse::<i64>() {
                Ok(id) => Some(id),
                Err(_) => {
                    fail("lead_media".into(), "form-bad-media");
                    None
                }
            },
        };
        let mut author_ids = Vec::new();
        for typed in &self.authors {
            match typed.trim().parse::<i64>() {
                Ok(id) => author_ids.push(id),
                Err(_) => fail("author".into(), "form-bad-author"),
            }
        }
        let mut tags = Vec::new();
        for name in self
            .tags
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            match Slug::from_title(name) {
                Some(slug) => tags.push((slug, name.to_owned())),
                None => fail("tags".into(), "form-bad-tag"),
            }
        }
        let mut body = Vec::new();
        for (i, block) in self.blocks.iter().enumerate() {
            if saving == Saving::Autosave && block.unfinished() {
                continue;
            }
            let name = |field: &str| format!("block-{i}-{field}");
            let text = block.text.trim().to_owned();
            let parsed = match block.kind.as_str() {
                "paragraph" if !text.is_empty() => {
                    let (text, marks) = parse_markup(&text);
                    match validate_marks(&text, &marks, "body", "") {
                        Ok(()) => Some(BodyBlock::Paragraph { text, marks }),
                        Err(error) => {
                            fail(name("text"), marks_message(&error));
                            None
                        }
                    }
                }
                "list" => {
                    let items: Vec<ListItem> = text
                        .lines()
                        .map(|line| list_item_text(line, block.ordered))
                        .filter(|line| !line.is_empty())
                        .map(|line| {
                            let (text, marks) = parse_markup(line);
                            ListItem { text, marks }
                        })
                        .collect();
                    let refused = items
                        .iter()
                        .find_map(|item| validate_marks(&item.text, &item.marks, "body", "").err());
                    match refused {
                        _ if items.is_empty() => {
                            fail(name("text"), "form-required");
                            None
                        }
                        Some(error) => {
                            fail(name("text"), marks_message(&error));
                            None
                        }
                        None if items.len() > dateline_domain::rich::LIST_MAX_ITEMS => {
                            fail(name("text"), "form-list-too-long");
                            None
                        }
                        None => Some(BodyBlock::List {
                            ordered: block.ordered,
                            items,
                        }),
                    }
                }
                "heading" if !text.is_empty() => {
                    match block
                        .level
                        .parse::<u8>()
                        .ok()
                        .and_then(|l| HeadingLevel::try_from(l).ok())
                    {
                        Some(level) => Some(BodyBlock::Heading { level, text }),
                        None => {
                            fail(name("level"), "form-bad-level");
                            None
                        }
                    }
                }
                "quote" if !text.is_empty() => Some(BodyBlock::Quote {
                    text,
                    attribution: block.attribution.trim().to_owned(),
                }),
                "paragraph" | "heading" | "quote" => {
                    fail(name("text"), "form-required");
                    None
                }
                "image" => match block.media.trim().parse::<i64>() {
                    Ok(media_id) => Some(BodyBlock::Image {
                        media_id,
                        caption: Some(block.caption.trim().to_owned()).filter(|c| !c.is_empty()),
                    }),
                    Err(_) => {
                        fail(name("media"), "form-bad-media");
                        None
                    }
                },
                "related" => match resolve(block.article.trim()) {
                    Some(article_id) => Some(BodyBlock::Related { article_id }),
                    None => {
                        fail(name("article"), "form-bad-related");
                        None
                    }
                },
                "embed" => {
                    let url = block.url.trim();
                    if url.starts_with("https://") || url.starts_with("http://") {
                        Some(BodyBlock::Embed {
                            url: url.to_owned(),
                            title: Some(block.title.trim().to_owned()).filter(|t| !t.is_empty()),
                        })
                    } else {
                        fail(name("url"), "form-bad-url");
                        None
                    }
                }
                _ => {
                    fail(name("type"), "form-bad-block");
                    None
                }
            };
            body.extend(parsed);
        }
        let seo = self.seo.parse(&mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let (Some(section_id), Some(slug), Some(seo)) = (section_id, slug, seo) else {
            return Err(errors);
        };
        Ok((
            version,
            ArticleUpdate {
                section_id: Some(section_id),
                slug: Some(slug),
                headline: Some(self.headline.trim().to_owned()),
                lead: Some(self.lead.trim().to_owned()),
                body: Some(body),
                lead_media_id: Some(lead_media_id),
                author_ids: Some(author_ids),
                tags: Some(tags),
                seo: ArticleSeoPatch::all(seo),
            },
        ))
    }
}

/// The catalog message for refused marks.
fn marks_message(error: &ParseError) -> &'static str {
    match error.code {
        "invalid_link" => "form-bad-link",
        _ => "form-bad-formatting",
    }
}

/// A list line without the bullet or number people type out of habit
/// (`- `, `* `, `• `, and `1. ` or `1) ` in a numbered list).
fn list_item_text(line: &str, ordered: bool) -> &str {
    let line = line.trim();
    for bullet in ["- ", "* ", "• "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return rest.trim_start();
        }
    }
    if ordered {
        let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let rest = &line[digits..];
        if digits > 0 {
            if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
                return rest.trim_start();
            }
        }
    }
    line
}

fn parse_action(value: &str) -> Action {
    let index = |rest: &str| rest.parse::<usize>().ok();
    if let Some(kind) = value.strip_prefix("add-") {
        if BLOCK_KINDS.contains(&kind) {
            return Action::Add(kind.to_owned());
        }
    }
    if let Some(i) = value.strip_prefix("remove-").and_then(index) {
        return Action::Remove(i);
    }
    if let Some(i) = value.strip_prefix("up-").and_then(index) {
        return Action::Up(i);
    }
    if let Some(i) = value.strip_prefix("down-").and_then(index) {
        return Action::Down(i);
    }
    Action::Save
}

/// `block-3-text` → `(3, "text")`.
fn block_field(name: &str) -> Option<(usize, &str)> {
    let rest = name.strip_prefix("block-")?;
    let (index, field) = rest.split_once('-')?;
    let index: usize = index.parse().ok()?;
    // A form never has this many blocks; refuse to allocate for a forged one.
    (index < dateline_domain::ARTICLE_BODY_MAX_BLOCKS).then_some((index, field))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_posted_form_becomes_an_update_with_blocks_in_order() {
        let (form, action) = EditorForm::from_pairs(&pairs(&[
            ("version", "3"),
            ("section_id", "7"),
            ("slug", ""),
            ("headline", "Bridge reopens"),
            ("lead", " Traffic returns. "),
            ("author", "2"),
            ("author", "5"),
            ("tags", "Bridges, City hall,"),
            ("block-0-type", "paragraph"),
            ("block-0-text", "First."),
            ("block-1-type", "quote"),
            ("block-1-text", "We did it."),
            ("block-1-attribution", "the mayor"),
            ("block-2-type", "related"),
            ("block-2-article", "/en/world/old-bridge"),
            ("action", "save"),
        ]));
        assert_eq!(action, Action::Save);
        let (version, update) = form
            .to_update(
                |typed| (typed == "/en/world/old-bridge").then_some(41),
                Saving::Explicit,
            )
            .unwrap();
        assert_eq!(version, 3);
        assert_eq!(update.slug.unwrap().as_str(), "bridge-reopens");
        assert_eq!(update.lead.as_deref(), Some("Traffic returns."));
        assert_eq!(update.author_ids, Some(vec![2, 5]));
        let tags: Vec<_> = update.tags.unwrap().into_iter().map(|(_, n)| n).collect();
        assert_eq!(tags, vec!["Bridges", "City hall"]);
        assert_eq!(
            update.body.unwrap(),
            vec![
                BodyBlock::paragraph("First."),
                BodyBlock::Quote {
                    text: "We did it.".into(),
                    attribution: "the mayor".into()
                },
                BodyBlock::Related { article_id: 41 },
            ]
        );
    }

    #[test]
    fn bad_fields_are_all_reported_and_nothing_is_lost() {
        let (form, _) = EditorForm::from_pairs(&pairs(&[
            ("version", "1"),
            ("section_id", "1"),
            ("headline", "  "),
            ("block-0-type", "image"),
            ("block-0-media", "picture"),
            ("block-1-type", "embed"),
            ("block-1-url", "javascript:alert(1)"),
            ("block-2-type", "related"),
            ("block-2-article", "nowhere"),
        ]));
        let errors = form.to_update(|_| None, Saving::Explicit).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "slug",
                "headline",
                "block-0-media",
                "block-1-url",
                "block-2-article"
            ]
        );
        assert_eq!(form.blocks[1].url, "javascript:alert(1)", "typed text kept");
    }

    #[test]
    fn paragraphs_and_lists_keep_their_formatting_both_ways() {
        let (form, _) = EditorForm::from_pairs(&pairs(&[
            ("version", "1"),
            ("section_id", "1"),
            ("headline", "Bridge"),
            ("block-0-type", "paragraph"),
            (
                "block-0-text",
                "The **mayor** opened [the bridge](/en/world/bridge).",
            ),
            ("block-1-type", "list"),
            ("block-1-ordered", "1"),
            ("block-1-text", "1. First *lane*\n\n2) Second lane\n"),
        ]));
        let (_, update) = form.to_update(|_| None, Saving::Explicit).unwrap();
        let body = update.body.unwrap();
        assert_eq!(
            body[0],
            BodyBlock::Paragraph {
                text: "The mayor opened the bridge.".into(),
                marks: vec![
                    dateline_domain::Mark::Bold { start: 4, end: 9 },
                    dateline_domain::Mark::Link {
                        start: 17,
                        end: 27,
                        href: "/en/world/bridge".into()
                    },
                ],
            }
        );
        let BodyBlock::List { ordered, items } = &body[1] else {
            panic!("a list: {:?}", body[1]);
        };
        assert!(*ordered);
        let texts: Vec<_> = items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(texts, vec!["First lane", "Second lane"]);
        // Shown again, the editor has the same markup.
        let shown: Vec<_> = body.iter().map(BlockForm::of).collect();
        assert_eq!(
            shown[0].text,
            "The **mayor** opened [the bridge](/en/world/bridge)."
        );
        assert_eq!(shown[1].text, "First *lane*\nSecond lane");
        assert!(shown[1].ordered);
    }

    #[test]
    fn a_link_to_a_script_is_refused_on_its_block_and_kept_as_typed() {
        let typed = "Click [here](javascript:alert(1)).";
        let (form, _) = EditorForm::from_pairs(&pairs(&[
            ("version", "1"),
            ("section_id", "1"),
            ("headline", "Bridge"),
            ("block-0-type", "paragraph"),
            ("block-0-text", typed),
        ]));
        let errors = form.to_update(|_| None, Saving::Explicit).unwrap_err();
        assert_eq!(errors[0].field, "block-0-text");
        assert_eq!(errors[0].message, "form-bad-link");
        assert_eq!(form.blocks[0].text, typed);
    }

    #[test]
    fn an_autosave_leaves_out_blocks_still_being_filled_in_and_a_save_refuses_them() {
        let (form, _) = EditorForm::from_pairs(&pairs(&[
            ("version", "1"),
            ("section_id", "1"),
            ("headline", "Bridge"),
            ("block-0-type", "paragraph"),
            ("block-0-text", "Kept."),
            ("block-1-type", "image"),
            ("block-2-type", "related"),
            ("block-2-article", "old bridge"),
            ("block-3-type", "paragraph"),
            ("block-4-type", "paragraph"),
            ("block-4-text", "A [bad](javascript:x) link."),
        ]));
        let errors = form.to_update(|_| None, Saving::Autosave).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        // Only the finished but wrong block is refused, under its own number.
        assert_eq!(fields, vec!["block-4-text"]);
        let errors = form.to_update(|_| None, Saving::Explicit).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "block-1-media",
                "block-2-article",
                "block-3-text",
                "block-4-text"
            ]
        );

        let (mut form, _) = EditorForm::from_pairs(&pairs(&[
            ("version", "1"),
            ("section_id", "1"),
            ("headline", "Bridge"),
            ("block-0-type", "paragraph"),
            ("block-0-text", "Kept."),
            ("block-1-type", "related"),
            ("block-1-article", "old bridge"),
        ]));
        let (_, update) = form.to_update(|_| None, Saving::Autosave).unwrap();
        assert_eq!(update.body.unwrap(), vec![BodyBlock::paragraph("Kept.")]);
        // Picked: the card is saved with the next autosave.
        form.blocks[1].article = "41".into();
        let (_, update) = form
            .to_update(|t| t.parse().ok(), Saving::Autosave)
            .unwrap();
        assert_eq!(
            update.body.unwrap(),
            vec![
                BodyBlock::paragraph("Kept."),
                BodyBlock::Related { article_id: 41 }
            ]
        );
    }

    #[test]
    fn layout_actions_add_remove_and_move_blocks() {
        let (mut form, action) = EditorForm::from_pairs(&pairs(&[
            ("block-0-type", "paragraph"),
            ("block-0-text", "a"),
            ("block-1-type", "paragraph"),
            ("block-1-text", "b"),
            ("action", "up-1"),
        ]));
        assert!(form.apply(&action));
        assert_eq!(form.blocks[0].text, "b");
        form.apply(&Action::Add("quote".into()));
        assert_eq!(form.blocks[2].kind, "quote");
        form.apply(&Action::Remove(0));
        assert_eq!(form.blocks[0].text, "a");
        assert_eq!(parse_action("add-script"), Action::Save);
        assert_eq!(block_field("block-99999999-text"), None);
    }
}
