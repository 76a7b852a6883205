//! The limits a body must keep: marks per text and blocks per body. Text
//! past a limit is kept, joined into the last block allowed.

use dateline_domain::rich::{is_valid_href, normalize_marks, Mark, MARKS_MAX_PER_TEXT};
use dateline_domain::{BodyBlock, ARTICLE_BODY_MAX_BLOCKS};

use super::inline::count_chars;
use super::notes::{count, Notes};
use super::Block;

/// A text's marks in their normal form, the first `MARKS_MAX_PER_TEXT`
/// kept (noted when there were more).
pub(super) fn tidy_marks(text: &str, marks: Vec<Mark>, notes: &mut Notes) -> Vec<Mark> {
    if marks.is_empty() {
        return marks;
    }
    let mut marks = normalize_marks(text, &marks);
    if marks.len() > MARKS_MAX_PER_TEXT {
        marks.truncate(MARKS_MAX_PER_TEXT);
        notes.marks_capped += 1;
    }
    marks
}

/// Text joined from several blocks, marks shifted to where each lands.
#[derive(Default)]
struct Joined {
    text: String,
    len: u32,
    marks: Vec<Mark>,
}

impl Joined {
    fn add(&mut self, piece: &str, marks: &[Mark], separator: &str) {
        if piece.trim().is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str(separator);
            self.len = self.len.saturating_add(count_chars(separator));
        }
        let at = self.len;
        self.marks.extend(marks.iter().map(|mark| {
            let (start, end) = mark.range();
            mark.with_range(start.saturating_add(at), end.saturating_add(at))
        }));
        self.text.push_str(piece);
        self.len = self.len.saturating_add(count_chars(piece));
    }
}

/// Keeps a body within `ARTICLE_BODY_MAX_BLOCKS`: the blocks from the last
/// one allowed on are joined into one paragraph, so no text is lost;
/// pictures there cannot be kept and are noted.
pub(super) fn cap_blocks(blocks: &mut Vec<Block>, notes: &mut Notes) {
    if blocks.len() <= ARTICLE_BODY_MAX_BLOCKS {
        return;
    }
    let total = blocks.len();
    let tail = blocks.split_off(ARTICLE_BODY_MAX_BLOCKS - 1);
    let joined_count = tail.len();
    let mut joined = Joined::default();
    let mut pictures = 0usize;
    const BLANK_LINE: &str = "\n\n";
    for block in tail {
        match block {
            Block::Body(BodyBlock::Paragraph { text, marks }) => {
                joined.add(&text, &marks, BLANK_LINE);
            }
            Block::Body(BodyBlock::Heading { text, .. }) => joined.add(&text, &[], BLANK_LINE),
            Block::Body(BodyBlock::Quote { text, attribution }) => {
                joined.add(&text, &[], BLANK_LINE);
                joined.add(&attribution, &[], "\n");
            }
            Block::Body(BodyBlock::List { items, .. }) => {
                let mut separator = BLANK_LINE;
                for item in items {
                    joined.add(&item.text, &item.marks, separator);
                    separator = "\n";
                }
            }
            Block::Body(BodyBlock::Embed { url, title }) => {
                if let Some(title) = title {
                    joined.add(&title, &[], BLANK_LINE);
                }
                let link = Mark::Link {
                    start: 0,
                    end: count_chars(&url),
                    href: url.clone(),
                };
                let marks = if is_valid_href(&url) {
                    vec![link]
                } else {
                    Vec::new()
                };
                joined.add(&url, &marks, BLANK_LINE);
            }
            Block::Body(BodyBlock::Image { caption, .. }) => {
                pictures += 1;
                joined.add(caption.as_deref().unwrap_or(""), &[], BLANK_LINE);
            }
            Block::Body(BodyBlock::Related { .. }) => {}
            Block::Image(image) => {
                pictures += 1;
                joined.add(image.caption.as_deref().unwrap_or(""), &[], BLANK_LINE);
            }
        }
    }
    let Joined { text, marks, .. } = joined;
    let marks = tidy_marks(&text, marks, notes);
    if !text.trim().is_empty() {
        blocks.push(Block::Body(BodyBlock::Paragraph { text, marks }));
    }
    notes.other.push(format!(
        "the body had {total} blocks, more than {ARTICLE_BODY_MAX_BLOCKS}: the last {joined_count} were joined into one paragraph"
    ));
    if pictures > 0 {
        notes.other.push(format!(
            "{} after block {} dropped (captions kept as text): a body holds at most {ARTICLE_BODY_MAX_BLOCKS} blocks",
            count(pictures, "picture", "pictures"),
            ARTICLE_BODY_MAX_BLOCKS - 1
        ));
    }
}
