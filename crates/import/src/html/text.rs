//! The plain text of a fragment, for excerpts and comments: block
//! boundaries and blank lines become blank lines, `<br>` a line break.

use scraper::{ElementRef, Html};

use super::inline::{Gap, Inline};
use super::walk::{class_of, walk, Class, Visitor};

#[derive(Default)]
struct PlainText {
    inline: Inline,
    removed: usize,
}

impl Visitor for PlainText {
    /// Whether the element separates blocks.
    type Action = bool;

    fn open(&mut self, element: ElementRef<'_>) -> Option<bool> {
        let name = element.value().name();
        match name {
            "br" => {
                self.inline.line_break();
                None
            }
            "img" | "iframe" | "embed" | "video" | "audio" => None,
            _ => match class_of(name) {
                Class::Dropped | Class::Silent => None,
                Class::Block => {
                    self.inline.gap(Gap::Paragraph);
                    Some(true)
                }
                Class::Inline => Some(false),
            },
        }
    }

    fn close(&mut self, block: bool) {
        if block {
            self.inline.gap(Gap::Paragraph);
        }
    }

    fn text(&mut self, text: &str) {
        let mut rest = text;
        while let Some(after) = self.inline.push_text(rest, &mut self.removed) {
            self.inline.gap(Gap::Paragraph);
            rest = after;
        }
    }
}

pub(super) fn to_text(html: &str) -> String {
    let document = Html::parse_fragment(html);
    let mut text = PlainText::default();
    walk(&document, &mut text);
    text.inline.take_plain()
}
