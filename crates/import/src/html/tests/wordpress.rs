//! WordPress bodies: classic (wpautop), Gutenberg, shortcodes, auto-embeds.

use dateline_domain::HeadingLevel;

use super::*;

#[test]
fn a_classic_post_splits_paragraphs_at_blank_lines() {
    let html = "The council met on <strong>Monday</strong>.\nIt voted late.\n\nThe <em>bridge\n\nwill</em> reopen.\r\n\r\n\r\n<a href=\"https://example.org/vote\">Full vote</a> here.\n  \n";
    let out = convert(html);
    assert_eq!(
        out.blocks,
        vec![
            para(
                "The council met on Monday. It voted late.",
                vec![bold(19, 25)]
            ),
            para("The bridge", vec![italic(4, 10)]),
            para("will reopen.", vec![italic(0, 4)]),
            para(
                "Full vote here.",
                vec![link(0, 9, "https://example.org/vote")]
            ),
        ]
    );
    assert!(out.notes.is_empty(), "{:?}", out.notes);
}

#[test]
fn a_gutenberg_post_ignores_block_comments() {
    let html = r#"<!-- wp:paragraph -->
<p>Opening <a href="https://example.org">line</a>.</p>
<!-- /wp:paragraph -->

<!-- wp:heading {"level":3} -->
<h3 class="wp-block-heading">What happened</h3>
<!-- /wp:heading -->

<!-- wp:list -->
<ul class="wp-block-list"><!-- wp:list-item -->
<li>First</li>
<!-- /wp:list-item --><!-- wp:list-item -->
<li>Second</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:image {"id":42,"sizeSlug":"large"} -->
<figure class="wp-block-image size-large"><img src="https://old.example/wp-content/uploads/a.jpg" alt="" class="wp-image-42"/><figcaption class="wp-element-caption">The scene</figcaption></figure>
<!-- /wp:image -->

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=abc","type":"video"} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=abc&amp;t=10
</div><figcaption>Council video</figcaption></figure>
<!-- /wp:embed -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>It is done.</p>
<!-- /wp:paragraph --><cite>Mayor</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:separator -->
<hr class="wp-block-separator"/>
<!-- /wp:separator -->"#;
    let out = convert(html);
    assert_eq!(
        out.blocks,
        vec![
            para("Opening line.", vec![link(8, 12, "https://example.org")]),
            Block::Body(BodyBlock::Heading {
                level: HeadingLevel::try_from(3).unwrap(),
                text: "What happened".into()
            }),
            Block::Body(BodyBlock::List {
                ordered: false,
                items: vec![
                    dateline_domain::ListItem::plain("First"),
                    dateline_domain::ListItem::plain("Second")
                ]
            }),
            image(
                "https://old.example/wp-content/uploads/a.jpg",
                "",
                Some("The scene"),
                None
            ),
            embed(
                "https://www.youtube.com/watch?v=abc&t=10",
                Some("Council video")
            ),
            Block::Body(BodyBlock::Quote {
                text: "It is done.".into(),
                attribution: "Mayor".into()
            }),
        ]
    );
    assert!(out.notes.is_empty(), "{:?}", out.notes);
}

#[test]
fn caption_shortcodes_become_captioned_pictures() {
    let html = r#"Before.

[caption id="attachment_12" align="aligncenter" width="640"]<a href="https://old.example/wp-content/uploads/big.jpg"><img class="size-large wp-image-12" src="/wp-content/uploads/pic.jpg" alt="A pier" width="640" height="480" /></a> The pier at <em>dawn</em>[/caption]

[caption id="attachment_13" caption="Tom &amp; Jerry" width="300"]<img src="https://old.example/b.jpg" alt="" />[/caption]
After."#;
    let out = convert_on(html, "https://old.example/");
    assert_eq!(
        out.blocks,
        vec![
            plain("Before."),
            image(
                "https://old.example/wp-content/uploads/pic.jpg",
                "A pier",
                Some("The pier at dawn"),
                Some("https://old.example/wp-content/uploads/big.jpg")
            ),
            image("https://old.example/b.jpg", "", Some("Tom & Jerry"), None),
            plain("After."),
        ]
    );
    assert!(out.notes.is_empty(), "{:?}", out.notes);
}

#[test]
fn a_url_alone_on_its_line_is_an_embed() {
    let html = "Watch this:\nhttps://www.youtube.com/watch?v=abc\nThen read on.\n\nhttps://vimeo.com/123\n\n<p>https://example.org/page</p><p><a href=\"https://example.org/x\">https://example.org/x</a></p><p>See https://example.org/y today</p>\n\n[embed]https://soundcloud.com/a/b[/embed]\n\n[embed width=\"400\"]not a url[/embed]";
    let out = convert(html);
    assert_eq!(
        out.blocks,
        vec![
            plain("Watch this:"),
            embed("https://www.youtube.com/watch?v=abc", None),
            plain("Then read on."),
            embed("https://vimeo.com/123", None),
            embed("https://example.org/page", None),
            para(
                "https://example.org/x",
                vec![link(0, 21, "https://example.org/x")]
            ),
            plain("See https://example.org/y today"),
            embed("https://soundcloud.com/a/b", None),
            plain("not a url"),
        ]
    );
    assert_eq!(
        out.notes,
        vec!["shortcode [embed] not converted (1 time), its inner text kept"]
    );
}

#[test]
fn gallery_and_unknown_shortcodes() {
    let html = r#"[gallery ids="7, 8,9" columns="3"]

[pullquote align="left"]A <b>strong</b> claim[/pullquote] and [sic] and [1] and [[gallery]].

[toc]

[video width="640" mp4="https://media.example/clip.mp4"][/video][gallery]

[youtube=https://www.youtube.com/watch?v=xyz]"#;
    let out = convert(html);
    assert_eq!(
        out.blocks,
        vec![
            image("wp-attachment:7", "", None, None),
            image("wp-attachment:8", "", None, None),
            image("wp-attachment:9", "", None, None),
            para(
                "A strong claim and [sic] and [1] and [gallery].",
                vec![bold(2, 8)]
            ),
            embed("https://media.example/clip.mp4", None),
            embed("https://www.youtube.com/watch?v=xyz", None),
        ]
    );
    assert_eq!(
        out.notes,
        vec![
            "shortcode [gallery] not converted (1 time), its inner text kept",
            "shortcode [pullquote] not converted (1 time), its inner text kept",
            "shortcode [toc] not converted (1 time), its inner text kept",
            "1 gallery shortcode became 3 pictures to find by attachment id",
        ]
    );
}

#[test]
fn lazy_loaded_pictures_use_their_real_address() {
    let out = convert(
        r#"<img src="data:image/gif;base64,R0lGOD" data-lazy-src="https://cdn.example/real.jpg" alt="Real"><noscript><img src="https://cdn.example/real.jpg"></noscript><img alt="no source">"#,
    );
    assert_eq!(
        out.blocks,
        vec![image("https://cdn.example/real.jpg", "Real", None, None)]
    );
    assert!(out
        .notes
        .contains(&"1 picture dropped: no address".to_owned()));
}
