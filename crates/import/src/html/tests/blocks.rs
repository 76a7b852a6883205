//! Block structure: headings, lists, tables, quotes, figures, embeds,
//! what is dropped, and the limits.

use dateline_domain::{HeadingLevel, ListItem};

use super::*;

fn heading(level: u8, text: &str) -> Block {
    Block::Body(BodyBlock::Heading {
        level: HeadingLevel::try_from(level).unwrap(),
        text: text.into(),
    })
}

fn list(ordered: bool, items: &[&str]) -> Block {
    Block::Body(BodyBlock::List {
        ordered,
        items: items.iter().map(|t| ListItem::plain(*t)).collect(),
    })
}

#[test]
fn headings_map_to_levels_two_to_four_without_marks() {
    let out = convert(
        "<h1>One</h1><h2>Two <em>x</em></h2><h3>Three</h3><h4>Four</h4><h5>Five</h5><h6>Six</h6>",
    );
    assert_eq!(
        out.blocks,
        vec![
            heading(2, "One"),
            heading(2, "Two x"),
            heading(3, "Three"),
            heading(4, "Four"),
            heading(4, "Five"),
            heading(4, "Six"),
        ]
    );
}

#[test]
fn nested_lists_are_flattened_into_following_items() {
    let out = convert(
        "<ol><li>One <b>b</b><ul><li>One.a</li><li>One.b<ol><li>deep</li></ol></li></ul>after</li><li><p>Two</p><p>more</p></li><li> </li></ol>",
    );
    let Block::Body(BodyBlock::List { ordered, items }) = &out.blocks[0] else {
        panic!("{:?}", out.blocks)
    };
    assert!(ordered);
    let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        vec!["One b", "One.a", "One.b", "deep", "after", "Two more"]
    );
    assert_eq!(items[0].marks, vec![bold(4, 5)]);
    assert_eq!(out.blocks.len(), 1);
}

#[test]
fn long_lists_are_split() {
    let items: String = (0..250).map(|i| format!("<li>item {i}</li>")).collect();
    let out = convert(&format!("<ul>{items}</ul>"));
    let sizes: Vec<usize> = out
        .blocks
        .iter()
        .map(|b| match b {
            Block::Body(BodyBlock::List { items, .. }) => items.len(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(sizes, vec![100, 100, 50]);
    assert!(out.notes.iter().any(|n| n.contains("split")));
}

#[test]
fn a_table_becomes_a_paragraph_a_row() {
    let out = convert(
        "<p>Results:</p><table><caption>Votes</caption><thead><tr><th>Party</th><th>Seats</th></tr></thead>
         <tbody><tr><td><b>Blue</b></td><td>12</td></tr><tr><td>Green</td><td></td><td>n/a</td></tr><tr><td> </td></tr></tbody></table>",
    );
    assert_eq!(
        out.blocks,
        vec![
            plain("Results:"),
            plain("Votes"),
            plain("Party | Seats"),
            para("Blue | 12", vec![bold(0, 4)]),
            plain("Green | n/a"),
        ]
    );
    assert!(
        out.notes.contains(
            &"1 table became 4 paragraphs, one a row, cells joined by \" | \"".to_owned()
        ),
        "{:?}",
        out.notes
    );
}

#[test]
fn a_blockquote_with_its_source() {
    let out = convert(
        "<blockquote><p>We will <b>rebuild</b> it.</p>\n<p>Soon.</p><cite>The mayor</cite></blockquote>
         <blockquote>Just words<footer>&mdash; Jane Roe, <cite>Daily</cite></footer></blockquote>
         <blockquote><cite>Only a name</cite></blockquote>",
    );
    assert_eq!(
        out.blocks,
        vec![
            Block::Body(BodyBlock::Quote {
                text: "We will rebuild it.\n\nSoon.".into(),
                attribution: "The mayor".into(),
            }),
            Block::Body(BodyBlock::Quote {
                text: "Just words".into(),
                attribution: "Jane Roe, Daily".into(),
            }),
            plain("Only a name"),
        ]
    );
}

#[test]
fn social_blockquotes_become_embeds() {
    let out = convert(
        r#"<blockquote class="twitter-tweet"><p lang="en">Bridge is open! <a href="https://t.co/abc">pic.twitter.com/abc</a></p>&mdash; City (@city) <a href="https://twitter.com/city/status/123?ref_src=twsrc">May 1, 2020</a></blockquote> <script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>
        <blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/XYZ/?utm_source=ig_embed"><div><a href="https://www.instagram.com/p/XYZ/">View</a></div></blockquote>
        <blockquote class="twitter-tweet"><p>No link here</p></blockquote>"#,
    );
    assert_eq!(
        out.blocks,
        vec![
            embed("https://twitter.com/city/status/123?ref_src=twsrc", None),
            embed("https://www.instagram.com/p/XYZ/?utm_source=ig_embed", None),
            Block::Body(BodyBlock::Quote {
                text: "No link here".into(),
                attribution: String::new(),
            }),
        ]
    );
    assert!(out
        .notes
        .contains(&"1 <script> element dropped (not text a reader saw)".to_owned()));
}

#[test]
fn figures_give_pictures_with_captions() {
    let out = convert_on(
        r#"<figure class="wp-block-image"><a href="/full.jpg"><img src="/wp-content/uploads/pier.jpg" alt="The  pier" srcset="a.jpg 300w"></a><figcaption>Dawn at the <em>pier</em></figcaption></figure>
        <figure><picture><source srcset="x.webp"><img src="https://cdn.example/y.jpg"></picture></figure>
        <figure><figcaption>Caption without a picture</figcaption></figure>"#,
        "https://old.example/",
    );
    assert_eq!(
        out.blocks,
        vec![
            image(
                "https://old.example/wp-content/uploads/pier.jpg",
                "The pier",
                Some("Dawn at the pier"),
                Some("https://old.example/full.jpg"),
            ),
            image("https://cdn.example/y.jpg", "", None, None),
            plain("Caption without a picture"),
        ]
    );
}

#[test]
fn a_picture_inside_text_splits_the_paragraph() {
    let out = convert(
        r#"<p>Before <b>bold <img src="https://cdn.example/a.jpg" alt="A"> still bold</b> after</p><h2>Title <img src="https://cdn.example/b.jpg"></h2><ul><li>x<img src="https://cdn.example/c.jpg"></li></ul>"#,
    );
    assert_eq!(
        out.blocks,
        vec![
            para("Before bold", vec![bold(7, 11)]),
            image("https://cdn.example/a.jpg", "A", None, None),
            para("still bold after", vec![bold(0, 10)]),
            Block::Body(BodyBlock::Heading {
                level: HeadingLevel::try_from(2).unwrap(),
                text: "Title".into()
            }),
            image("https://cdn.example/b.jpg", "", None, None),
            list(false, &["x"]),
            image("https://cdn.example/c.jpg", "", None, None),
        ]
    );
}

#[test]
fn frames_and_players_become_embeds() {
    let out = convert(
        r#"<iframe src="https://www.youtube.com/embed/abc" title="Bridge  video" width="560"></iframe>
        <p><iframe src="//player.vimeo.com/video/1"></iframe></p>
        <iframe src="javascript:alert(1)"></iframe>
        <video controls><source src="https://media.example/v.mp4" type="video/mp4">Your browser cannot play this.</video>
        <audio src="/local.mp3"></audio>"#,
    );
    assert_eq!(
        out.blocks,
        vec![
            embed("https://www.youtube.com/embed/abc", Some("Bridge video")),
            embed("https://player.vimeo.com/video/1", None),
            embed("https://media.example/v.mp4", None),
        ]
    );
    assert!(out
        .notes
        .contains(&"2 embedded frames or players dropped: no http(s) address".to_owned()));
}

#[test]
fn code_is_kept_as_text() {
    let out = convert("<pre><code>fn main() {\n    println!(\"&lt;hi&gt;\");\n}\n\n\n</code></pre><p>Inline <code>x  = 1</code>.</p>");
    assert_eq!(
        out.blocks,
        vec![
            plain("fn main() {\n    println!(\"<hi>\");\n}"),
            plain("Inline x = 1."),
        ]
    );
    assert!(out.notes.iter().any(|n| n.contains("1 preformatted block")));
}

#[test]
fn scripts_styles_and_forms_are_dropped_with_a_note() {
    let out = convert(
        "<style>p{color:red}</style><p>Text</p><script>document.write('x')</script><script>y()</script>
         <noscript>Enable JS</noscript><form><input name=q><button>Go</button></form><hr><svg><text>Chart</text></svg>",
    );
    assert_eq!(out.blocks, vec![plain("Text")]);
    assert_eq!(
        out.notes,
        vec![
            "1 <form> element dropped (not text a reader saw)",
            "1 <noscript> element dropped (not text a reader saw)",
            "2 <script> elements dropped (not text a reader saw)",
            "1 <style> element dropped (not text a reader saw)",
            "1 <svg> element dropped (not text a reader saw)",
        ]
    );
}

#[test]
fn blank_blocks_are_never_written() {
    let out = convert(
        "<p>&nbsp;</p><p> </p><h2> </h2><ul><li> </li></ul><blockquote> </blockquote><table><tr><td> </td></tr></table><pre>\n \n</pre><div><span></span></div><b> </b>",
    );
    assert_eq!(out.blocks, vec![]);
}

#[test]
fn deeply_nested_markup_does_not_overflow_the_stack() {
    let depth = 10_000;
    let html = format!(
        "{}deep <b>text</b>{}",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    // A small stack, to be sure nothing recurses over the depth.
    let out = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || to_blocks(&html, None))
        .unwrap()
        .join()
        .unwrap();
    check(&out);
    assert_eq!(out.blocks, vec![para("deep text", vec![bold(5, 9)])]);

    for (open, close) in [
        ("<b>", "</b>"),
        ("<blockquote>", "</blockquote>"),
        ("<ul><li>", "</li></ul>"),
        ("<span><i>", "</i></span>"),
        ("<table><tr><td>", "</td></tr></table>"),
    ] {
        let html = format!("{}x{}", open.repeat(5_000), close.repeat(5_000));
        let out = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || to_blocks(&html, None))
            .unwrap()
            .join()
            .unwrap();
        check(&out);
        assert!(all_text(&out).contains('x'), "{open}");
    }
}

#[test]
fn more_than_five_hundred_blocks_join_the_last_into_one_paragraph() {
    let html: String = (0..700)
        .map(|i| format!("<p>Para {i} <a href=\"/p/{i}\">link</a></p>"))
        .collect();
    let out = convert(&html);
    assert_eq!(out.blocks.len(), ARTICLE_BODY_MAX_BLOCKS);
    assert_eq!(
        out.blocks[498],
        para("Para 498 link", vec![link(9, 13, "/p/498")])
    );
    let Block::Body(BodyBlock::Paragraph { text, marks }) = &out.blocks[499] else {
        panic!()
    };
    assert!(text.starts_with("Para 499 link\n\nPara 500 link\n\n"));
    assert!(text.ends_with("Para 699 link"));
    assert_eq!(marks.len(), 200);
    assert_eq!(marks[1], link(24, 28, "/p/500"));
    assert!(out
        .notes
        .iter()
        .any(|n| n.contains("the last 201 were joined into one paragraph")));
    assert!(out.notes.iter().any(|n| n.contains("first 200 kept")));

    let mixed: String = (0..600)
        .map(|i| format!("<h3>H{i}</h3><img src=\"/i{i}.jpg\" alt=\"\">"))
        .collect();
    let out = convert(&mixed);
    assert_eq!(out.blocks.len(), ARTICLE_BODY_MAX_BLOCKS);
    assert!(all_text(&out).contains("H599"));
    assert!(out.notes.iter().any(|n| n.contains("pictures")));
}
