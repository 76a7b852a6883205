//! Ghost 5's Lexical editor state (`posts.lexical`, a JSON document in a
//! string) rendered to plain HTML, for posts exported without `html`.

use serde_json::Value;

use super::cards::{self, field};
use super::emit;

/// Renders a Lexical document; fails only when it is not JSON.
pub(super) fn render(doc: &str) -> Result<String, serde_json::Error> {
    let doc: Value = serde_json::from_str(doc)?;
    let mut out = String::new();
    node(&mut out, doc.get("root").unwrap_or(&doc));
    Ok(out)
}

/// Text format bits, outermost first, and the element each becomes.
const FORMATS: [(u64, &str); 8] = [
    (1, "strong"),
    (2, "em"),
    (8, "u"),
    (4, "s"),
    (32, "sub"),
    (64, "sup"),
    (128, "mark"),
    (16, "code"),
];

fn children(out: &mut String, node: &Value) {
    for child in node
        .get("children")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        self::node(out, child);
    }
}

fn wrapped(out: &mut String, tag: &str, node: &Value) {
    let mut inner = String::new();
    children(&mut inner, node);
    if inner.trim().is_empty() {
        // Ghost keeps empty paragraphs as spacing: nothing to import.
        return;
    }
    out.push('<');
    out.push_str(tag);
    out.push('>');
    out.push_str(&inner);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

fn node(out: &mut String, node: &Value) {
    let kind = field(node, "type");
    match kind {
        "root" => children(out, node),
        "text" | "extended-text" => text(out, node),
        "linebreak" => out.push_str("<br>"),
        "tab" => out.push('\t'),
        "link" | "autolink" => {
            let mut inner = String::new();
            children(&mut inner, node);
            out.push_str("<a href=\"");
            emit::attr(out, field(node, "url"));
            out.push_str("\">");
            out.push_str(&inner);
            out.push_str("</a>");
        }
        "paragraph" => wrapped(out, "p", node),
        "heading" | "extended-heading" => {
            let tag = match field(node, "tag") {
                t @ ("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => t,
                _ => "h2",
            };
            wrapped(out, tag, node);
        }
        // `aside` is Ghost's second quote style.
        "quote" | "extended-quote" | "aside" => {
            let mut inner = String::new();
            children(&mut inner, node);
            if !inner.trim().is_empty() {
                out.push_str("<blockquote>");
                emit::block(out, &inner);
                out.push_str("</blockquote>");
            }
        }
        "list" => list(out, node),
        "listitem" => {
            out.push_str("<li>");
            children(out, node);
            out.push_str("</li>");
        }
        _ if node.get("children").is_some_and(Value::is_array) => children(out, node),
        _ if node.get("text").is_some_and(Value::is_string) => text(out, node),
        _ => cards::card(out, kind, node),
    }
}

fn list(out: &mut String, node: &Value) {
    let ordered = field(node, "listType") == "number" || field(node, "tag") == "ol";
    let tag = if ordered { "ol" } else { "ul" };
    out.push('<');
    out.push_str(tag);
    if ordered {
        if let Some(start) = node
            .get("start")
            .and_then(Value::as_u64)
            .filter(|s| *s != 1)
        {
            out.push_str(&format!(" start=\"{start}\""));
        }
    }
    out.push('>');
    children(out, node);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

fn text(out: &mut String, node: &Value) {
    let format = node.get("format").and_then(Value::as_u64).unwrap_or(0);
    let marks: Vec<&str> = FORMATS
        .iter()
        .filter(|(bit, _)| format & bit != 0)
        .map(|(_, tag)| *tag)
        .collect();
    for tag in &marks {
        out.push('<');
        out.push_str(tag);
        out.push('>');
    }
    emit::text(out, field(node, "text"));
    for tag in marks.iter().rev() {
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    }
}
