//! Text and marks: whitespace, entities, links, character counting.

use super::*;
use crate::html::to_text;

#[test]
fn bold_and_italic_become_marks_over_collapsed_text() {
    let out = convert("<p>  The <strong>bridge</strong>\n  reopened <em>at  six</em>. </p>");
    assert_eq!(
        out.blocks,
        vec![para(
            "The bridge reopened at six.",
            vec![bold(4, 10), italic(20, 26)]
        )]
    );
    assert!(out.notes.is_empty(), "{:?}", out.notes);
}

#[test]
fn marks_start_at_their_first_character_not_at_the_whitespace_before() {
    let out = convert("<p>one<b> two </b> three <i>\n</i>four</p>");
    assert_eq!(
        out.blocks,
        vec![para("one two three four", vec![bold(4, 7)])]
    );
}

#[test]
fn entities_are_decoded_and_no_break_spaces_collapse() {
    let out = convert(
        "<p>Tom &amp; Jerry&#039;s&nbsp;&nbsp;show &lt;live&gt; &eacute;t&#xE9; &#8212; ok</p>",
    );
    assert_eq!(
        out.blocks,
        vec![plain("Tom & Jerry's show <live> été — ok")]
    );
}

#[test]
fn marks_count_characters_in_cyrillic_and_cjk_text() {
    let out = convert("<p>Привет, <b>мир</b>! 你好<i>世界</i> 🌉<a href=\"https://example.org/мост\">мост</a></p>");
    let text = "Привет, мир! 你好世界 🌉мост";
    assert_eq!(
        out.blocks,
        vec![para(
            text,
            vec![
                bold(8, 11),
                italic(15, 17),
                link(19, 23, "https://example.org/мост")
            ]
        )]
    );
    let Block::Body(BodyBlock::Paragraph { text, marks }) = &out.blocks[0] else {
        panic!()
    };
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = marks[0].range();
    assert_eq!(
        chars[start as usize..end as usize]
            .iter()
            .collect::<String>(),
        "мир"
    );
}

#[test]
fn links_resolve_against_the_old_site_and_unsafe_ones_keep_only_their_text() {
    let html = r##"<p><a href="/2019/05/bridge/">Site path</a>, <a href="photos/a.html">relative</a>,
        <a href="https://other.example/x?a=1&amp;b=2">absolute</a>, <a href="javascript:alert(1)">script</a>,
        <a href="mailto:desk@example.org">mail</a>, <a href="#note-1">anchor</a>, <a href="//cdn.example/f">cdn</a>,
        <a name="top">named</a></p>"##;
    let out = convert_on(html, "https://old.example/blog/");
    let Block::Body(BodyBlock::Paragraph { text, marks }) = &out.blocks[0] else {
        panic!("{:?}", out.blocks)
    };
    assert_eq!(
        text,
        "Site path, relative, absolute, script, mail, anchor, cdn, named"
    );
    let hrefs: Vec<&str> = marks.iter().filter_map(|m| m.href()).collect();
    assert_eq!(
        hrefs,
        vec![
            "https://old.example/2019/05/bridge/",
            "https://old.example/blog/photos/a.html",
            "https://other.example/x?a=1&b=2",
            "mailto:desk@example.org",
            "https://cdn.example/f",
        ]
    );
    assert!(
        out.notes.iter().any(|n| n.starts_with("2 links dropped")),
        "{:?}",
        out.notes
    );

    // Without a base, a site path stays one and a relative address cannot be linked.
    let out = convert(html);
    let Block::Body(BodyBlock::Paragraph { marks, .. }) = &out.blocks[0] else {
        panic!()
    };
    let hrefs: Vec<&str> = marks.iter().filter_map(|m| m.href()).collect();
    assert_eq!(
        hrefs,
        vec![
            "/2019/05/bridge/",
            "https://other.example/x?a=1&b=2",
            "mailto:desk@example.org",
            "https://cdn.example/f",
        ]
    );
}

#[test]
fn bold_inside_a_link_and_a_link_inside_bold() {
    let out = convert(
        r#"<p><a href="https://example.org/a">read <b>this</b> now</a> and <b><a href="/b">that</a></b></p>"#,
    );
    assert_eq!(
        out.blocks,
        vec![para(
            "read this now and that",
            vec![
                link(0, 13, "https://example.org/a"),
                bold(5, 9),
                link(18, 22, "/b"),
                bold(18, 22),
            ]
        )]
    );
}

#[test]
fn line_breaks_stay_line_breaks_in_paragraphs() {
    let out = convert("<p>First line<br>second line<br/><br />third</p><h2>A<br>B</h2>");
    assert_eq!(out.blocks[0], plain("First line\nsecond line\nthird"));
    let Block::Body(BodyBlock::Heading { text, .. }) = &out.blocks[1] else {
        panic!()
    };
    assert_eq!(text, "A B");
}

#[test]
fn forbidden_characters_are_removed_and_noted() {
    let out = convert("<p>Bad\u{1}char\u{fffe}s <b>here\u{7f}</b></p>");
    assert_eq!(out.blocks, vec![para("Badchars here", vec![bold(9, 13)])]);
    assert!(
        out.notes.iter().any(|n| n.contains("control character")),
        "{:?}",
        out.notes
    );
}

#[test]
fn more_than_two_hundred_marks_keep_the_first_two_hundred() {
    let html: String = (0..250).map(|i| format!("<b>w{i}</b> ")).collect();
    let out = convert(&format!("<p>{html}</p>"));
    let Block::Body(BodyBlock::Paragraph { text, marks }) = &out.blocks[0] else {
        panic!()
    };
    assert_eq!(marks.len(), 200);
    assert!(text.ends_with("w249"));
    assert!(out.notes.iter().any(|n| n.contains("first 200 kept")));
}

#[test]
fn plain_text_of_a_fragment() {
    assert_eq!(
        to_text("<p>One &amp; two</p><p>Three<br>four  <b>five</b></p><script>x()</script>"),
        "One & two\n\nThree\nfour five"
    );
    assert_eq!(
        to_text("Line one\nline two\n\n\nSecond  paragraph&nbsp;"),
        "Line one line two\n\nSecond paragraph"
    );
    assert_eq!(
        to_text("<ul><li>a</li><li>b</li></ul>c<div>d</div>"),
        "a\n\nb\n\nc\n\nd"
    );
    assert_eq!(to_text("  "), "");
}
