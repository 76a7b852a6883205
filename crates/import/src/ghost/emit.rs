//! Writing the plain semantic HTML the editor documents become: escaping,
//! Markdown, and Ghost's site-URL placeholders.

use pulldown_cmark::{html::push_html, Options, Parser};

/// Appends `text` escaped for an element's content.
pub(super) fn text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// Appends `value` escaped for a double-quoted attribute.
pub(super) fn attr(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Appends `<a href="url">label</a>`.
pub(super) fn link(out: &mut String, url: &str, label: &str) {
    out.push_str("<a href=\"");
    attr(out, url);
    out.push_str("\">");
    text(out, if label.is_empty() { url } else { label });
    out.push_str("</a>");
}

/// Appends Markdown rendered as Ghost's editor did (tables, strikethrough,
/// footnotes); HTML inside it passes through, as in Ghost.
pub(super) fn markdown(out: &mut String, source: &str) {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    push_html(out, Parser::new_ext(source, options));
}

/// Appends a fragment of source HTML as a block: inline HTML (a caption, a
/// callout's text) is put in a paragraph, blocks are kept as they are.
pub(super) fn block(out: &mut String, html: &str) {
    let html = html.trim();
    if html.is_empty() {
        return;
    }
    const BLOCKS: [&str; 10] = [
        "<p",
        "<div",
        "<h",
        "<ul",
        "<ol",
        "<blockquote",
        "<figure",
        "<pre",
        "<table",
        "<section",
    ];
    let head = html.as_bytes();
    let starts =
        |b: &str| head.len() >= b.len() && head[..b.len()].eq_ignore_ascii_case(b.as_bytes());
    if BLOCKS.iter().any(|b| starts(b)) {
        out.push_str(html);
    } else {
        out.push_str("<p>");
        out.push_str(html);
        out.push_str("</p>");
    }
}

/// Ghost writes its own address as a placeholder: `__GHOST_URL__` (4.x+)
/// and `{{blog-url}}` (older). Both become `base` (the site's address
/// without its final slash), or nothing when the export does not say, which
/// leaves a path on the old site (`/content/images/a.jpg`) that the writer
/// resolves like any other; a bare placeholder becomes `base/`.
pub(super) fn resolve_site_url(text: &str, base: &str) -> String {
    const PLACEHOLDERS: [&str; 2] = ["__GHOST_URL__", "{{blog-url}}"];
    if !PLACEHOLDERS.iter().any(|p| text.contains(p)) {
        return text.to_owned();
    }
    let base = base.trim_end_matches('/');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((at, placeholder)) = PLACEHOLDERS
        .iter()
        .filter_map(|p| rest.find(p).map(|at| (at, *p)))
        .min()
    {
        out.push_str(&rest[..at]);
        out.push_str(base);
        rest = &rest[at + placeholder.len()..];
        if !rest.starts_with('/') {
            out.push('/');
        }
    }
    out.push_str(rest);
    out
}
