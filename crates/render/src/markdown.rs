//! Comment Markdown: the small subset readers may use (paragraphs, emphasis,
//! strong, code, quotes, lists, links) rendered to HTML that is safe to put
//! on a page. Raw HTML is shown as text, pictures become their alt text,
//! headings plain paragraphs; ammonia then removes anything else and gives
//! every link `rel="nofollow ugc noopener"`; no attribute survives but a
//! link's `href` and a numbered list's `start`.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};

/// The tags a comment may contain after rendering.
const ALLOWED_TAGS: &[&str] = &[
    "p",
    "br",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
];

/// Link schemes kept; anything else (`javascript:`, `data:`) loses its href.
const URL_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Renders a comment's Markdown to sanitised HTML.
pub fn comment_html(source: &str) -> String {
    let events = Parser::new_ext(source, Options::empty()).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        // A picture's alt text stays as text.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Heading { .. }) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::Heading(_)) => Some(Event::End(TagEnd::Paragraph)),
        Event::Rule => None,
        other => Some(other),
    });
    let mut raw = String::with_capacity(source.len() * 2);
    html::push_html(&mut raw, events);
    clean(&raw)
}

/// A comment another system kept as HTML (an imported one) as the same
/// sanitised subset. Text without paragraphs gets them where it has blank
/// lines, and line breaks where it has single newlines, as WordPress shows it.
pub fn comment_html_from_html(source: &str) -> String {
    let source = source.replace("\r\n", "\n");
    let raw = if source.contains("<p>") || source.contains("<p ") {
        source
    } else {
        source
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| format!("<p>{}</p>", p.replace('\n', "<br>\n")))
            .collect::<Vec<_>>()
            .join("\n")
    };
    clean(&raw)
}

/// Keeps [`ALLOWED_TAGS`], a link's `href` and a list's `start`.
fn clean(raw: &str) -> String {
    // `Builder::empty()` empties only the tag list; ammonia's default
    // attributes (`title`, `lang`, `hreflang`, `cite`…) are cleared here.
    ammonia::Builder::empty()
        .tags(ALLOWED_TAGS.iter().copied().collect::<HashSet<_>>())
        .generic_attributes(HashSet::new())
        .tag_attributes(HashMap::new())
        .add_tag_attributes("a", ["href"])
        // A numbered list keeps its first number ("7) seventh").
        .add_tag_attributes("ol", ["start"])
        .url_schemes(URL_SCHEMES.iter().copied().collect::<HashSet<_>>())
        .link_rel(Some("nofollow ugc noopener"))
        .clean(raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imported_html_keeps_the_subset_and_gains_paragraphs() {
        let html = comment_html_from_html(
            "Hi, <b>this</b> is <a href=\"javascript:x\">one</a>.\nLine two\n\n<script>x()</script>Next",
        );
        assert_eq!(
            html,
            "<p>Hi, this is <a rel=\"nofollow ugc noopener\">one</a>.<br>\nLine two</p>\n<p>Next</p>"
        );
        assert_eq!(
            comment_html_from_html("<p>Already <em>set</em></p>"),
            "<p>Already <em>set</em></p>"
        );
    }

    #[test]
    fn the_allowed_subset_renders() {
        let html =
            comment_html("Hello *you* and **all**, `x`\n\n> quoted\n\n- one\n- two\n\n1. first");
        assert!(
            html.contains("<em>you</em>") && html.contains("<strong>all</strong>"),
            "{html}"
        );
        assert!(
            html.contains("<code>x</code>") && html.contains("<blockquote>"),
            "{html}"
        );
        assert!(
            html.contains("<ul>") && html.contains("<ol>") && html.contains("<li>one</li>"),
            "{html}"
        );
    }

    #[test]
    fn links_get_rel_and_dangerous_ones_lose_their_target() {
        let html = comment_html("[site](https://example.org/a) [bad](javascript:alert(1))");
        assert!(
            html.contains(
                r#"<a href="https://example.org/a" rel="nofollow ugc noopener">site</a>"#
            ),
            "{html}"
        );
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains(">bad</a>") || html.contains("bad"), "{html}");
    }

    /// Found by the `comment_markdown` fuzz target: `Builder::empty()` only
    /// empties the tag list, so ammonia's default attributes (`title` and
    /// `lang` on every tag, `hreflang`, `cite`) survived.
    #[test]
    fn only_href_and_a_list_start_survive_as_attributes() {
        let html = comment_html("[site](https://example.org \"hover text\")\n\n7) seventh");
        assert_eq!(
            html,
            "<p><a href=\"https://example.org\" rel=\"nofollow ugc noopener\">site</a></p>\n\
             <ol start=\"7\">\n<li>seventh</li>\n</ol>\n"
        );
    }

    #[test]
    fn raw_html_and_pictures_do_not_survive() {
        let html = comment_html(
            "<script>alert(1)</script>\n\n<b onclick=x>hi</b> ![pic](https://x.example/p.png)\n\n# Big",
        );
        assert!(
            !html.contains("<script") && !html.contains("<b") && !html.contains("<img"),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt;"), "shown as text: {html}");
        assert!(html.contains("pic") && !html.contains("<h1"), "{html}");
        assert!(html.contains("<p>Big</p>"), "{html}");
    }
}
