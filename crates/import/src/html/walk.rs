//! A depth-first walk over a parsed fragment with an explicit stack, so
//! that deeply nested markup cannot overflow the thread's stack.

use scraper::{ElementRef, Html, Node};

/// What the walk reports: elements opening and closing, and text.
pub(super) trait Visitor {
    /// What to do when the element closes, remembered while it is open.
    type Action;
    /// An element opens; `None` skips its content and no close follows.
    fn open(&mut self, element: ElementRef<'_>) -> Option<Self::Action>;
    fn close(&mut self, action: Self::Action);
    fn text(&mut self, text: &str);
}

/// Visits every element and text node of `document` in order; comments,
/// doctypes and processing instructions are not text a reader sees.
pub(super) fn walk<V: Visitor>(document: &Html, visitor: &mut V) {
    let mut open: Vec<(ElementRef<'_>, V::Action)> = Vec::new();
    let mut next = document.tree.root().first_child();
    loop {
        let Some(node) = next else {
            match open.pop() {
                Some((element, action)) => {
                    visitor.close(action);
                    next = element.next_sibling();
                    continue;
                }
                None => break,
            }
        };
        match node.value() {
            Node::Text(text) => visitor.text(text),
            Node::Element(_) => {
                if let Some(element) = ElementRef::wrap(node) {
                    if let Some(action) = visitor.open(element) {
                        if let Some(child) = node.first_child() {
                            open.push((element, action));
                            next = Some(child);
                            continue;
                        }
                        visitor.close(action);
                    }
                }
            }
            _ => {}
        }
        next = node.next_sibling();
    }
}

/// How an element is treated when nothing more specific applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// Dropped with its content, which is not text a reader saw; noted.
    Dropped,
    /// Dropped without a note: holds no text (`<source>`, `<meta>`).
    Silent,
    /// Its start and end separate blocks of text.
    Block,
    /// Its text runs on with the text around it.
    Inline,
}

pub(super) fn class_of(name: &str) -> Class {
    match name {
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "canvas" | "form"
        | "input" | "button" | "select" | "textarea" | "title" | "frame" | "frameset"
        | "applet" => Class::Dropped,
        "meta" | "link" | "base" | "source" | "track" | "param" | "wbr" | "area" | "col"
        | "colgroup" | "head" | "datalist" => Class::Silent,
        "p" | "div" | "section" | "article" | "aside" | "header" | "footer" | "nav" | "main"
        | "address" | "details" | "summary" | "dialog" | "dl" | "dt" | "dd" | "hgroup"
        | "center" | "fieldset" | "legend" | "li" | "ul" | "ol" | "menu" | "dir" | "h1" | "h2"
        | "h3" | "h4" | "h5" | "h6" | "table" | "thead" | "tbody" | "tfoot" | "tr" | "td"
        | "th" | "caption" | "blockquote" | "figure" | "figcaption" | "pre" | "hr" | "option"
        | "optgroup" | "dl-embed" | "dl-caption" | "dl-media" | "dl-gallery" => Class::Block,
        _ => Class::Inline,
    }
}
