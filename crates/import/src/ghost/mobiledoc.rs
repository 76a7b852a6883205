//! Ghost 1–4's mobiledoc documents (`posts.mobiledoc`, JSON in a string,
//! format 0.3) rendered to plain HTML, for posts exported without `html`.
//!
//! Sections: `[1, tag, markers]` text, `[2, src]` image, `[3, tag, items]`
//! list, `[10, card]` card. A marker `[type, opened, closed, value]` opens
//! the markups it lists, writes its text (type 0) or atom (type 1), then
//! closes the `closed` most recently opened markups.

use serde_json::Value;

use super::cards;
use super::emit;

struct Doc<'v> {
    markups: &'v [Value],
    atoms: &'v [Value],
    cards: &'v [Value],
}

/// Renders a mobiledoc document; fails only when it is not JSON.
pub(super) fn render(doc: &str) -> Result<String, serde_json::Error> {
    let doc: Value = serde_json::from_str(doc)?;
    let list = |key| {
        doc.get(key)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    };
    let parts = Doc {
        markups: list("markups"),
        atoms: list("atoms"),
        cards: list("cards"),
    };
    let mut out = String::new();
    for section in list("sections") {
        parts.section(
            &mut out,
            section.as_array().map(Vec::as_slice).unwrap_or(&[]),
        );
    }
    Ok(out)
}

fn at(items: &[Value], i: usize) -> &Value {
    items.get(i).unwrap_or(&Value::Null)
}

fn index(v: &Value) -> usize {
    v.as_u64()
        .and_then(|i| usize::try_from(i).ok())
        .unwrap_or(usize::MAX)
}

fn items(v: &Value) -> &[Value] {
    v.as_array().map(Vec::as_slice).unwrap_or(&[])
}

impl Doc<'_> {
    fn section(&self, out: &mut String, section: &[Value]) {
        match at(section, 0).as_u64() {
            Some(1) => {
                let mut inner = String::new();
                self.markers(&mut inner, items(at(section, 2)));
                if inner.trim().is_empty() {
                    return;
                }
                let tag = at(section, 1).as_str().unwrap_or("p").to_ascii_lowercase();
                let (open, close) = match tag.as_str() {
                    "h1" => ("<h1>", "</h1>"),
                    "h2" => ("<h2>", "</h2>"),
                    "h3" => ("<h3>", "</h3>"),
                    "h4" => ("<h4>", "</h4>"),
                    "h5" => ("<h5>", "</h5>"),
                    "h6" => ("<h6>", "</h6>"),
                    "blockquote" | "aside" | "pull-quote" => {
                        ("<blockquote><p>", "</p></blockquote>")
                    }
                    _ => ("<p>", "</p>"),
                };
                out.push_str(open);
                out.push_str(&inner);
                out.push_str(close);
            }
            Some(2) => {
                let image = serde_json::json!({ "src": at(section, 1) });
                cards::card(out, "image", &image);
            }
            Some(3) => {
                let ordered = at(section, 1).as_str() == Some("ol");
                out.push_str(if ordered { "<ol>" } else { "<ul>" });
                for item in items(at(section, 2)) {
                    out.push_str("<li>");
                    self.markers(out, items(item));
                    out.push_str("</li>");
                }
                out.push_str(if ordered { "</ol>" } else { "</ul>" });
            }
            Some(10) => {
                let card = items(at(self.cards, index(at(section, 1))));
                cards::card(out, at(card, 0).as_str().unwrap_or(""), at(card, 1));
            }
            _ => {}
        }
    }

    fn markers(&self, out: &mut String, markers: &[Value]) {
        let mut open: Vec<&str> = Vec::new();
        for marker in markers {
            let marker = items(marker);
            for markup in items(at(marker, 1)) {
                let markup = items(at(self.markups, index(markup)));
                let tag = open_markup(out, markup);
                open.push(tag);
            }
            match at(marker, 0).as_u64() {
                Some(1) => {
                    let atom = items(at(self.atoms, index(at(marker, 3))));
                    match at(atom, 0).as_str() {
                        Some("soft-return") => out.push_str("<br>"),
                        _ => emit::text(out, at(atom, 1).as_str().unwrap_or("")),
                    }
                }
                _ => emit::text(out, at(marker, 3).as_str().unwrap_or("")),
            }
            let closed = at(marker, 2).as_u64().unwrap_or(0);
            for _ in 0..closed {
                if let Some(tag) = open.pop() {
                    close_markup(out, tag);
                }
            }
        }
        while let Some(tag) = open.pop() {
            close_markup(out, tag);
        }
    }
}

/// Writes a markup's opening tag and returns the tag to close it with ("" for
/// markups that become nothing).
fn open_markup(out: &mut String, markup: &[Value]) -> &'static str {
    let tag = match at(markup, 0)
        .as_str()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("strong" | "b") => "strong",
        Some("em" | "i") => "em",
        Some("u") => "u",
        Some("s" | "strike" | "del") => "s",
        Some("code") => "code",
        Some("sub") => "sub",
        Some("sup") => "sup",
        Some("mark") => "mark",
        Some("a") => {
            let attrs = items(at(markup, 1));
            let href = attrs
                .chunks(2)
                .find(|pair| at(pair, 0).as_str() == Some("href"))
                .map(|pair| at(pair, 1).as_str().unwrap_or(""))
                .unwrap_or("");
            out.push_str("<a href=\"");
            emit::attr(out, href);
            out.push_str("\">");
            return "a";
        }
        _ => return "",
    };
    out.push('<');
    out.push_str(tag);
    out.push('>');
    tag
}

fn close_markup(out: &mut String, tag: &str) {
    if !tag.is_empty() {
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    }
}
