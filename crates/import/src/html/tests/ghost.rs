//! Ghost bodies: cards as HTML, and the `__GHOST_URL__` placeholder.

use super::*;

#[test]
fn ghost_cards_and_its_own_address_placeholder() {
    let html = r#"<p>See <a href="__GHOST_URL__/tag/news/">news</a>.</p><!--kg-card-begin: html--><div>Raw card</div><!--kg-card-end: html--><figure class="kg-card kg-image-card kg-card-hascaption"><img src="__GHOST_URL__/content/images/2020/01/x.jpg" class="kg-image" alt="X" loading="lazy" srcset="__GHOST_URL__/content/images/size/w600/2020/01/x.jpg 600w"><figcaption><span style="white-space: pre-wrap;">Ghost caption</span></figcaption></figure><figure class="kg-card kg-embed-card"><iframe width="200" height="113" src="https://www.youtube.com/embed/abc?feature=oembed" frameborder="0" allowfullscreen title="A film"></iframe></figure>"#;
    let out = convert_on(html, "https://old.example/");
    assert_eq!(
        out.blocks,
        vec![
            para(
                "See news.",
                vec![link(4, 8, "https://old.example/tag/news/")]
            ),
            plain("Raw card"),
            image(
                "https://old.example/content/images/2020/01/x.jpg",
                "X",
                Some("Ghost caption"),
                None
            ),
            embed(
                "https://www.youtube.com/embed/abc?feature=oembed",
                Some("A film")
            ),
        ]
    );
    assert!(out.notes.is_empty(), "{:?}", out.notes);

    // Without the old site's address, the placeholder leaves a site path.
    let out = convert(r#"<a href="__GHOST_URL__/about/">About</a>"#);
    assert_eq!(out.blocks, vec![para("About", vec![link(0, 5, "/about/")])]);
}
