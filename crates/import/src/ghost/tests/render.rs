//! Lexical (Ghost 5) and mobiledoc (Ghost 1–4) documents as HTML.

use serde_json::json;

use super::{lexical_body, mobiledoc_body};

fn text(text: &str, format: u64) -> serde_json::Value {
    json!({"type": "extended-text", "text": text, "format": format})
}

fn paragraph(children: serde_json::Value) -> serde_json::Value {
    json!({"type": "paragraph", "children": children})
}

#[test]
fn lexical_text_marks_links_and_breaks() {
    let body = lexical_body(json!([
        paragraph(json!([
            text("plain <b> & ", 0),
            text("bold", 1),
            text("both", 3),
            {"type": "linebreak"},
            text("code", 16),
            {"type": "link", "url": "https://a.example/?q=\"x\"&y", "children": [text("see", 2)]},
            text("struck", 4),
            text("under", 8)
        ])),
        paragraph(json!([])),
    ]));
    assert_eq!(
        body,
        "<p>plain &lt;b&gt; &amp; <strong>bold</strong><strong><em>both</em></strong><br>\
         <code>code</code><a href=\"https://a.example/?q=&quot;x&quot;&amp;y\"><em>see</em></a>\
         <s>struck</s><u>under</u></p>"
    );
}

#[test]
fn lexical_headings_quotes_and_lists() {
    let body = lexical_body(json!([
        {"type": "extended-heading", "tag": "h3", "children": [text("Title", 0)]},
        {"type": "heading", "tag": "script", "children": [text("Odd", 0)]},
        {"type": "quote", "children": [text("Said", 0)]},
        {"type": "aside", "children": [text("Aside", 0)]},
        {"type": "quote", "children": [paragraph(json!([text("In a paragraph", 0)]))]},
        {"type": "list", "listType": "bullet", "children": [
            {"type": "listitem", "children": [text("one", 0)]},
            {"type": "listitem", "children": [
                {"type": "list", "listType": "number", "start": 3, "children": [
                    {"type": "listitem", "children": [text("inner", 1)]}
                ]}
            ]}
        ]}
    ]));
    assert_eq!(
        body,
        "<h3>Title</h3><h2>Odd</h2><blockquote><p>Said</p></blockquote>\
         <blockquote><p>Aside</p></blockquote><blockquote><p>In a paragraph</p></blockquote>\
         <ul><li>one</li><li><ol start=\"3\"><li><strong>inner</strong></li></ol></li></ul>"
    );
}

#[test]
fn lexical_cards() {
    let body = lexical_body(json!([
        {"type": "image", "src": "__GHOST_URL__/content/images/a.jpg", "alt": "A \"b\"", "caption": "<span>Photo</span>"},
        {"type": "html", "html": "<table><tr><td>1</td></tr></table>"},
        {"type": "markdown", "markdown": "## Sub\n\n- x"},
        {"type": "callout", "calloutEmoji": "💡", "calloutText": "<span>Note</span>"},
        {"type": "codeblock", "code": "a < b && c", "language": "rust"},
        {"type": "horizontalrule"},
        {"type": "bookmark", "url": "https://b.example/", "metadata": {"title": "B & B"}},
        {"type": "embed", "url": "https://v.example/1", "html": "<iframe src=\"https://v.example/e/1\"></iframe>", "caption": "Clip"},
        {"type": "embed", "url": "https://v.example/2", "html": ""},
        {"type": "video", "src": "/content/media/v.mp4", "fileName": "v.mp4", "caption": "Moving"},
        {"type": "file", "src": "/content/files/r.pdf", "fileTitle": "Report", "fileCaption": "Yearly"},
        {"type": "toggle", "heading": "<span>Q?</span>", "content": "<p>A.</p>"},
        {"type": "button", "buttonText": "Join", "buttonUrl": "/join/"},
        {"type": "email", "html": "<p>Only in mail</p>"},
        {"type": "paywall"},
        {"type": "future-card", "cardWidth": "wide", "backgroundColor": "grey", "buttonUrl": "https://c.example/", "postId": "abc", "bodyText": "Kept text"}
    ]));
    let expected = [
        "<figure><img src=\"/content/images/a.jpg\" alt=\"A &quot;b&quot;\"><figcaption><span>Photo</span></figcaption></figure>",
        "<table><tr><td>1</td></tr></table>",
        "<h2>Sub</h2>\n<ul>\n<li>x</li>\n</ul>\n",
        "<blockquote><p>💡</p><p><span>Note</span></p></blockquote>",
        "<pre><code class=\"language-rust\">a &lt; b &amp;&amp; c</code></pre>",
        "<hr>",
        "<p><a href=\"https://b.example/\">B &amp; B</a></p>",
        "<figure><iframe src=\"https://v.example/e/1\"></iframe><figcaption>Clip</figcaption></figure>",
        "<p><a href=\"https://v.example/2\">https://v.example/2</a></p>",
        "<p><a href=\"/content/media/v.mp4\">v.mp4</a></p><p>Moving</p>",
        "<p><a href=\"/content/files/r.pdf\">Report</a></p><p>Yearly</p>",
        "<p><span>Q?</span></p><p>A.</p>",
        "<p><a href=\"/join/\">Join</a></p>",
        "<p>Kept text</p>",
    ]
    .concat();
    assert_eq!(body, expected);
}

#[test]
fn lexical_unknown_elements_keep_their_text() {
    let body = lexical_body(json!([
        paragraph(json!([{"type": "hashtag", "text": "#tag", "format": 0}])),
        {"type": "layout-box", "children": [paragraph(json!([text("inside", 0)]))]}
    ]));
    assert_eq!(body, "<p>#tag</p><p>inside</p>");
}

#[test]
fn mobiledoc_markups_atoms_and_sections() {
    let body = mobiledoc_body(json!({
        "version": "0.3.1",
        "atoms": [["soft-return", "", {}], ["mention", "@ann", {}]],
        "markups": [["strong"], ["a", ["href", "https://a.example/?a=1&b=2", "rel", "nofollow"]], ["em"], ["blink"]],
        "cards": [],
        "sections": [
            [1, "p", [
                [0, [], 0, "Start "],
                [0, [0], 0, "bold "],
                [0, [1], 1, "link"],
                [0, [], 1, " end"],
                [1, [], 0, 0],
                [1, [], 0, 1],
                [0, [3, 2], 2, " <odd>"]
            ]],
            [1, "h2", [[0, [], 0, "Heading"]]],
            [1, "blockquote", [[0, [2], 1, "Quoted"]]],
            [1, "p", []],
            [3, "ul", [[[0, [], 0, "a"]], [[0, [0], 1, "b"]]]],
            [3, "ol", [[[0, [], 0, "first"]]]],
            [2, "/content/images/x.png"]
        ]
    }));
    assert_eq!(
        body,
        "<p>Start <strong>bold <a href=\"https://a.example/?a=1&amp;b=2\">link</a> end</strong>\
         <br>@ann<em> &lt;odd&gt;</em></p>\
         <h2>Heading</h2><blockquote><p><em>Quoted</em></p></blockquote>\
         <ul><li>a</li><li><strong>b</strong></li></ul><ol><li>first</li></ol>\
         <figure><img src=\"/content/images/x.png\" alt=\"\"></figure>"
    );
}

#[test]
fn mobiledoc_cards() {
    let body = mobiledoc_body(json!({
        "version": "0.3.1",
        "atoms": [], "markups": [],
        "cards": [
            ["image", {"src": "/content/images/i.jpg", "caption": "Cap", "alt": "Alt"}],
            ["card-markdown", {"cardName": "card-markdown", "markdown": "Hi *there*"}],
            ["markdown", {"markdown": "> q"}],
            ["html", {"html": "<div>raw</div>"}],
            ["embed", {"url": "https://y.example/", "html": "<iframe></iframe>", "type": "video"}],
            ["code", {"code": "x<y", "language": ""}],
            ["hr", {}],
            ["gallery", {"images": [{"src": "/1.jpg", "alt": "one"}, {"src": "/2.jpg"}], "caption": "Two"}],
            ["newfangled", {"title": "Kept title", "url": "https://z.example/"}]
        ],
        "sections": [[10, 0], [10, 1], [10, 2], [10, 3], [10, 4], [10, 5], [10, 6], [10, 7], [10, 8], [10, 99]]
    }));
    let expected = [
        "<figure><img src=\"/content/images/i.jpg\" alt=\"Alt\"><figcaption>Cap</figcaption></figure>",
        "<p>Hi <em>there</em></p>\n",
        "<blockquote>\n<p>q</p>\n</blockquote>\n",
        "<div>raw</div>",
        "<figure><iframe></iframe></figure>",
        "<pre><code>x&lt;y</code></pre>",
        "<hr>",
        "<figure><img src=\"/1.jpg\" alt=\"one\"><img src=\"/2.jpg\" alt=\"\"><figcaption>Two</figcaption></figure>",
        "<p>Kept title</p>",
    ]
    .concat();
    assert_eq!(body, expected);
}

#[test]
fn legacy_plaintext_is_the_last_resort() {
    let export = super::with_posts(&[json!({"id": "1", "plaintext": "One & two\n\nThree"})]);
    let body = super::read(&export).1.remove(0).body_html;
    assert_eq!(body, "<p>One &amp; two</p><p>Three</p>");
}
