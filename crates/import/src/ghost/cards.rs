//! Ghost's editor cards (images, embeds, Markdown, callouts…) as HTML. The
//! mobiledoc and Lexical editors name their payload fields alike, so both
//! renderers hand their cards here. Captions and callout texts are HTML in
//! Ghost and are kept as such.

use serde_json::Value;

use super::emit;

/// The text at `key`, or "" when missing or not text.
pub(super) fn field<'v>(v: &'v Value, key: &str) -> &'v str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Appends the card `name` with its `payload`.
pub(super) fn card(out: &mut String, name: &str, payload: &Value) {
    let f = |key| field(payload, key);
    match name {
        "image" => figure(out, &[(f("src"), f("alt"))], f("caption"), f("href")),
        "gallery" => {
            let images: Vec<(&str, &str)> = payload
                .get("images")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|i| (field(i, "src"), field(i, "alt")))
                .collect();
            figure(out, &images, f("caption"), "");
        }
        "embed" => {
            if f("html").trim().is_empty() {
                paragraph_link(out, f("url"), "");
                emit::block(out, f("caption"));
            } else {
                out.push_str("<figure>");
                out.push_str(f("html"));
                caption(out, f("caption"));
                out.push_str("</figure>");
            }
        }
        "bookmark" => {
            let title = payload
                .get("metadata")
                .map(|m| field(m, "title"))
                .unwrap_or("");
            paragraph_link(out, f("url"), title);
            emit::block(out, f("caption"));
        }
        "html" => out.push_str(f("html")),
        "markdown" | "card-markdown" => emit::markdown(out, f("markdown")),
        "callout" => {
            out.push_str("<blockquote>");
            if !f("calloutEmoji").is_empty() {
                out.push_str("<p>");
                emit::text(out, f("calloutEmoji"));
                out.push_str("</p>");
            }
            emit::block(out, f("calloutText"));
            out.push_str("</blockquote>");
        }
        "toggle" => {
            emit::block(out, f("heading"));
            emit::block(out, f("content"));
        }
        "video" => media(out, f("src"), f("fileName"), f("caption")),
        "audio" => media(out, f("src"), f("title"), ""),
        "file" => {
            let label = if f("fileTitle").is_empty() {
                f("fileName")
            } else {
                f("fileTitle")
            };
            media(out, f("src"), label, f("fileCaption"));
        }
        "hr" | "horizontalrule" => out.push_str("<hr>"),
        "code" | "codeblock" => {
            out.push_str("<pre><code");
            if !f("language").is_empty() {
                out.push_str(" class=\"language-");
                emit::attr(out, f("language"));
                out.push('"');
            }
            out.push('>');
            emit::text(out, f("code"));
            out.push_str("</code></pre>");
            emit::block(out, f("caption"));
        }
        "button" => paragraph_link(out, f("buttonUrl"), f("buttonText")),
        // Members' paywall marker: no content of its own.
        "paywall" => {}
        // Content only sent in newsletters, never on the web; a members'
        // sign-up form (Dateline has its own).
        "email" | "email-cta" | "signup" => {}
        _ => unknown(out, name, payload),
    }
}

fn figure(out: &mut String, images: &[(&str, &str)], caption_html: &str, href: &str) {
    let images: Vec<_> = images.iter().filter(|(src, _)| !src.is_empty()).collect();
    if images.is_empty() {
        emit::block(out, caption_html);
        return;
    }
    out.push_str("<figure>");
    for (src, alt) in images {
        if !href.is_empty() {
            out.push_str("<a href=\"");
            emit::attr(out, href);
            out.push_str("\">");
        }
        out.push_str("<img src=\"");
        emit::attr(out, src);
        out.push_str("\" alt=\"");
        emit::attr(out, alt);
        out.push_str("\">");
        if !href.is_empty() {
            out.push_str("</a>");
        }
    }
    caption(out, caption_html);
    out.push_str("</figure>");
}

fn caption(out: &mut String, html: &str) {
    if !html.trim().is_empty() {
        out.push_str("<figcaption>");
        out.push_str(html.trim());
        out.push_str("</figcaption>");
    }
}

fn paragraph_link(out: &mut String, url: &str, label: &str) {
    if url.is_empty() {
        if !label.is_empty() {
            out.push_str("<p>");
            emit::text(out, label);
            out.push_str("</p>");
        }
        return;
    }
    out.push_str("<p>");
    emit::link(out, url, label);
    out.push_str("</p>");
}

/// Video, audio, a file: Dateline's bodies have no players, so a link to
/// the file (the writer may fetch it) and its caption.
fn media(out: &mut String, src: &str, label: &str, caption_html: &str) {
    paragraph_link(out, src, label);
    emit::block(out, caption_html);
}

/// A card this reader does not know: its text is kept, field by field, so
/// nothing the author wrote is dropped silently. Fields that hold settings
/// (sizes, colours, addresses) are left out by their names and values.
fn unknown(out: &mut String, name: &str, payload: &Value) {
    tracing::debug!(card = name, "unknown Ghost card: its text is kept");
    let Some(fields) = payload.as_object() else {
        return;
    };
    const SETTINGS: [&str; 22] = [
        "url",
        "src",
        "href",
        "color",
        "colour",
        "style",
        "size",
        "width",
        "height",
        "align",
        "layout",
        "type",
        "version",
        "class",
        "icon",
        "image",
        "thumbnail",
        "direction",
        "format",
        "mode",
        "indent",
        "lang",
    ];
    for (key, value) in fields {
        let Some(value) = value.as_str().map(str::trim).filter(|v| !v.is_empty()) else {
            continue;
        };
        let lower = key.to_ascii_lowercase();
        let is_id = lower == "id" || key.ends_with("Id") || lower.ends_with("_id");
        if is_id || SETTINGS.iter().any(|t| lower.contains(t)) || is_address(value) {
            continue;
        }
        if lower.contains("markdown") {
            emit::markdown(out, value);
        } else if looks_like_html(value) {
            emit::block(out, value);
        } else {
            out.push_str("<p>");
            emit::text(out, value);
            out.push_str("</p>");
        }
    }
}

fn is_address(value: &str) -> bool {
    !value.contains(char::is_whitespace)
        && [
            "http://",
            "https://",
            "/",
            "__GHOST_URL__",
            "{{",
            "data:",
            "mailto:",
        ]
        .iter()
        .any(|p| value.starts_with(p))
}

fn looks_like_html(value: &str) -> bool {
    value
        .match_indices('<')
        .any(|(i, _)| value[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/'))
}
