//! What a conversion could not keep as it was, counted while converting
//! and told once per kind in the import report.

use std::collections::BTreeMap;

use dateline_domain::rich::{LIST_MAX_ITEMS, MARKS_MAX_PER_TEXT};

#[derive(Debug, Default)]
pub(super) struct Notes {
    pub forbidden_chars: usize,
    /// Elements dropped with their content, by tag name.
    pub dropped: BTreeMap<String, usize>,
    pub tables: usize,
    pub table_rows: usize,
    pub preformatted: usize,
    pub links_dropped: usize,
    pub marks_capped: usize,
    pub lists_split: usize,
    /// Shortcodes removed with their inner text kept, by name.
    pub shortcodes: BTreeMap<String, usize>,
    pub galleries: usize,
    pub gallery_pictures: usize,
    pub embeds_dropped: usize,
    pub images_dropped: usize,
    /// Notes said once, in order.
    pub other: Vec<String>,
}

pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl Notes {
    pub(super) fn drop_element(&mut self, name: &str) {
        *self.dropped.entry(name.to_owned()).or_default() += 1;
    }

    pub(super) fn render(self) -> Vec<String> {
        let mut out = Vec::new();
        if self.forbidden_chars > 0 {
            out.push(format!(
                "{} removed",
                count(
                    self.forbidden_chars,
                    "control character or noncharacter",
                    "control characters or noncharacters"
                )
            ));
        }
        for (name, n) in &self.dropped {
            out.push(format!(
                "{} dropped (not text a reader saw)",
                count(
                    *n,
                    &format!("<{name}> element"),
                    &format!("<{name}> elements")
                )
            ));
        }
        if self.tables > 0 {
            out.push(format!(
                "{} became {}, one a row, cells joined by \" | \"",
                count(self.tables, "table", "tables"),
                count(self.table_rows, "paragraph", "paragraphs")
            ));
        }
        if self.preformatted > 0 {
            out.push(format!(
                "{} (code) kept as plain paragraphs",
                count(
                    self.preformatted,
                    "preformatted block",
                    "preformatted blocks"
                )
            ));
        }
        if self.links_dropped > 0 {
            out.push(format!(
                "{} dropped, their text kept: not an http(s), mailto or site address",
                count(self.links_dropped, "link", "links")
            ));
        }
        if self.marks_capped > 0 {
            out.push(format!(
                "{} more than {MARKS_MAX_PER_TEXT} formatted ranges: the first {MARKS_MAX_PER_TEXT} kept",
                count(self.marks_capped, "text had", "texts had")
            ));
        }
        if self.lists_split > 0 {
            out.push(format!(
                "{} more than {LIST_MAX_ITEMS} items, split into several lists",
                count(self.lists_split, "list had", "lists had")
            ));
        }
        for (name, n) in &self.shortcodes {
            out.push(format!(
                "shortcode [{name}] not converted ({}), its inner text kept",
                count(*n, "time", "times")
            ));
        }
        if self.galleries > 0 {
            out.push(format!(
                "{} became {} to find by attachment id",
                count(self.galleries, "gallery shortcode", "gallery shortcodes"),
                count(self.gallery_pictures, "picture", "pictures")
            ));
        }
        if self.embeds_dropped > 0 {
            out.push(format!(
                "{} dropped: no http(s) address",
                count(
                    self.embeds_dropped,
                    "embedded frame or player",
                    "embedded frames or players"
                )
            ));
        }
        if self.images_dropped > 0 {
            out.push(format!(
                "{} dropped: no address",
                count(self.images_dropped, "picture", "pictures")
            ));
        }
        out.extend(self.other);
        out
    }
}
