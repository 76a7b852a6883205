//! Bodies carried as XML (NewsML-G2 `inlineXML`, NewsML 1 `DataContent`,
//! Atom `xhtml` content) written back out as HTML.
//!
//! The content is XHTML or NITF: both are turned into the same small set
//! of HTML elements (paragraphs, headings, lists, quotes, links,
//! emphasis, tables), text escaped. NITF's own elements map to their HTML
//! kin (`hl2` → `h2`, `bq` → `blockquote`), `block` is flattened, and
//! elements with nothing a reader sees (`note`, `script`) are dropped.
//! The result is not yet sanitised: the store's caller does that.

use url::Url;

use super::item::web_href;
use super::text::escape;
use super::xml::{Element, Node};

/// The HTML for `nodes` (an element's content).
pub fn to_html(nodes: &[Node], base: Option<&Url>) -> String {
    let mut out = String::new();
    write_nodes(nodes, base, false, &mut out);
    out.trim().to_owned()
}

/// The body of an inline XML document: NITF's `body.content`, XHTML's
/// `body`, or all of it when it is neither.
pub fn body_of(nodes: &[Node], base: Option<&Url>) -> String {
    for node in nodes {
        let Node::Element(e) = node else { continue };
        match e.name.as_str() {
            "nitf" => {
                let parts: Vec<String> = e
                    .descendants(&e.ns, "body.content")
                    .into_iter()
                    .map(|c| to_html(&c.children, base))
                    .filter(|h| !h.is_empty())
                    .collect();
                return parts.join("\n");
            }
            "html" => {
                return match e.elements().find(|c| c.name == "body") {
                    Some(body) => to_html(&body.children, base),
                    None => String::new(),
                };
            }
            // A bare NITF body or XHTML body.
            "body" => {
                let content: Vec<&Element> = e.descendants(&e.ns, "body.content");
                if content.is_empty() {
                    return to_html(&e.children, base);
                }
                let parts: Vec<String> = content
                    .into_iter()
                    .map(|c| to_html(&c.children, base))
                    .collect();
                return parts.join("\n");
            }
            "body.content" => return to_html(&e.children, base),
            _ => {}
        }
    }
    to_html(nodes, base)
}

/// What an element becomes.
enum Map {
    /// The HTML element of this name, with its content.
    Tag(&'static str),
    /// Its content only.
    Unwrap,
    /// Nothing.
    Drop,
}

/// HTML elements kept as they are (XHTML's, and NITF's of the same name).
const KEPT: [&str; 40] = [
    "p",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "pre",
    "code",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "q",
    "cite",
    "figure",
    "figcaption",
    "small",
    "del",
    "ins",
    "abbr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];

fn map(name: &str) -> Map {
    if let Some(tag) = KEPT.iter().find(|t| **t == name) {
        return Map::Tag(tag);
    }
    match name {
        // NITF.
        "hl1" | "hl2" => Map::Tag("h2"),
        "bq" => Map::Tag("blockquote"),
        "tagline" | "credit" | "media-caption" => Map::Tag("p"),
        "note" | "fn" | "body.head" | "body.end" | "head" | "title" | "script" | "style"
        | "noscript" | "template" | "object" | "embed" | "iframe" | "form" | "svg" | "math"
        | "video" | "audio" | "meta" | "link" | "media-metadata" | "media-producer" => Map::Drop,
        _ => Map::Unwrap,
    }
}

/// Whether an element starts a block: white space around it is not text.
fn is_block(tag: &str) -> bool {
    !matches!(
        tag,
        "em" | "strong"
            | "b"
            | "i"
            | "u"
            | "s"
            | "sub"
            | "sup"
            | "q"
            | "cite"
            | "code"
            | "small"
            | "del"
            | "ins"
            | "abbr"
            | "a"
            | "span"
    )
}

/// Recursion follows the tree, whose depth the XML reader bounds.
fn write_nodes(nodes: &[Node], base: Option<&Url>, in_pre: bool, out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(text) => write_text(text, in_pre, out),
            Node::Element(e) => write_element(e, base, in_pre, out),
        }
    }
}

fn write_text(text: &str, in_pre: bool, out: &mut String) {
    if in_pre {
        out.push_str(&escape(text));
        return;
    }
    // Indentation and line breaks in the XML are not the text's: runs of
    // white space read as one space, as a browser shows them.
    let mut last_space = out.ends_with([' ', '\n']);
    for c in text.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                _ => out.push(c),
            }
            last_space = false;
        }
    }
}

fn write_element(e: &Element, base: Option<&Url>, in_pre: bool, out: &mut String) {
    match e.name.as_str() {
        "br" => {
            out.push_str("<br>");
            return;
        }
        "hr" => {
            out.push_str("\n<hr>\n");
            return;
        }
        "img" => {
            if let Some(src) = e.attr("src").and_then(|s| web_href(s, base)) {
                out.push_str(&format!(
                    "<img src=\"{}\" alt=\"{}\">",
                    escape(&src),
                    escape(e.attr_or_empty("alt"))
                ));
            }
            return;
        }
        "a" => {
            let href = e.attr("href").and_then(|h| link_href(h, base));
            let inner = inner(e, base, in_pre);
            match href {
                Some(href) if !inner.trim().is_empty() => {
                    out.push_str(&format!("<a href=\"{}\">{inner}</a>", escape(&href)));
                }
                _ => out.push_str(&inner),
            }
            return;
        }
        "media" => {
            write_nitf_media(e, base, out);
            return;
        }
        _ => {}
    }
    match map(&e.name) {
        Map::Drop => {}
        Map::Unwrap => write_nodes(&e.children, base, in_pre, out),
        Map::Tag(tag) => {
            let inner = inner(e, base, in_pre || tag == "pre");
            let keep_empty = matches!(tag, "td" | "th");
            if inner.trim().is_empty() && !keep_empty {
                return;
            }
            let block = is_block(tag);
            if block {
                trim_end_spaces(out);
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            out.push('<');
            out.push_str(tag);
            for span in ["colspan", "rowspan"] {
                if let (true, Some(v)) = (keep_empty, e.attr(span)) {
                    if v.trim().bytes().all(|b| b.is_ascii_digit()) && !v.trim().is_empty() {
                        out.push_str(&format!(" {span}=\"{}\"", v.trim()));
                    }
                }
            }
            out.push('>');
            out.push_str(if block { inner.trim() } else { &inner });
            out.push_str("</");
            out.push_str(tag);
            out.push('>');
            if block {
                out.push('\n');
            }
        }
    }
}

fn inner(e: &Element, base: Option<&Url>, in_pre: bool) -> String {
    let mut inner = String::new();
    write_nodes(&e.children, base, in_pre, &mut inner);
    inner
}

fn trim_end_spaces(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

/// Links a reader can follow: the web and mail.
fn link_href(href: &str, base: Option<&Url>) -> Option<String> {
    let trimmed = href.trim();
    if trimmed.to_ascii_lowercase().starts_with("mailto:") {
        return Some(trimmed.to_owned());
    }
    web_href(trimmed, base)
}

/// NITF `<media>`: a picture with its caption, or the caption alone.
fn write_nitf_media(e: &Element, base: Option<&Url>, out: &mut String) {
    let src = e
        .elements()
        .filter(|c| c.name == "media-reference")
        .find_map(|r| r.attr("source").and_then(|s| web_href(s, base)));
    let caption = e
        .elements()
        .find(|c| c.name == "media-caption")
        .map(|c| inner(c, base, false).trim().to_owned())
        .unwrap_or_default();
    match src {
        Some(src) => {
            out.push_str(&format!(
                "\n<figure><img src=\"{}\" alt=\"\">",
                escape(&src)
            ));
            if !caption.is_empty() {
                out.push_str(&format!("<figcaption>{caption}</figcaption>"));
            }
            out.push_str("</figure>\n");
        }
        None if !caption.is_empty() => out.push_str(&format!("\n<p>{caption}</p>\n")),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::xml::read;

    fn html_of(xml: &str) -> String {
        let root = read(xml).unwrap_or_else(|e| panic!("{e:?}"));
        body_of(std::slice::from_ref(&Node::Element(root)), None)
    }

    #[test]
    fn nitf_becomes_html() {
        let html = html_of(
            r#"<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body>
                <body.head><hedline><hl1>Not body</hl1></hedline></body.head>
                <body.content>
                  <hl2>Sub   head</hl2>
                  <block><p>One &amp;
                     <em>two</em> <a href="https://example.com/x">link</a></p></block>
                  <note><p>Not for publication</p></note>
                  <p/>
                  <ul><li>a</li><li>b &lt; c</li></ul>
                  <bq><block><p>Quote</p></block><credit>Someone</credit></bq>
                  <p><a href="javascript:alert(1)">bad</a><br/>next</p>
                </body.content></body></nitf>"#,
        );
        assert_eq!(
            html,
            "<h2>Sub head</h2>\n<p>One &amp; <em>two</em> <a href=\"https://example.com/x\">link</a></p>\n\
             <ul><li>a</li>\n<li>b &lt; c</li></ul>\n\
             <blockquote><p>Quote</p>\n<p>Someone</p></blockquote>\n\
             <p>bad<br>next</p>"
        );
    }

    #[test]
    fn xhtml_body_children_are_kept() {
        let html = html_of(
            r#"<html xmlns="http://www.w3.org/1999/xhtml"><head><title>T</title></head>
               <body><p class="x">Hi <span>there</span></p><script>x()</script>
               <table><tr><td colspan="2">a</td><td/></tr></table></body></html>"#,
        );
        assert_eq!(
            html,
            "<p>Hi there</p>\n<table><tr><td colspan=\"2\">a</td>\n<td></td></tr></table>"
        );
    }
}
