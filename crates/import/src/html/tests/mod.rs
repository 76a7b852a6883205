//! Tests of the HTML conversion; every output is checked against the
//! domain's own validation.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod blocks;
mod ghost;
mod inline;
mod soup;
mod wordpress;

use dateline_domain::rich::Mark;
use dateline_domain::{is_forbidden_char, BodyBlock, ARTICLE_BODY_MAX_BLOCKS};
use url::Url;

use super::{to_blocks, Block, Converted, ImageRef};

/// Every block valid, none blank, no forbidden character anywhere.
pub(super) fn check(converted: &Converted) {
    assert!(converted.blocks.len() <= ARTICLE_BODY_MAX_BLOCKS);
    for (index, block) in converted.blocks.iter().enumerate() {
        match block {
            Block::Body(body) => {
                if let Err(err) = body.validate(index) {
                    panic!("block {index} invalid ({}): {body:?}", err.message);
                }
            }
            Block::Image(image) => assert!(!image.src.trim().is_empty(), "{image:?}"),
        }
    }
    let text = all_text(converted);
    assert!(
        !text.chars().any(is_forbidden_char),
        "forbidden character in {text:?}"
    );
}

pub(super) fn convert(html: &str) -> Converted {
    let converted = to_blocks(html, None);
    check(&converted);
    converted
}

pub(super) fn convert_on(html: &str, base: &str) -> Converted {
    let base = Url::parse(base).unwrap();
    let converted = to_blocks(html, Some(&base));
    check(&converted);
    converted
}

/// Every text the blocks hold, one a line.
pub(super) fn all_text(converted: &Converted) -> String {
    let mut out = Vec::new();
    for block in &converted.blocks {
        match block {
            Block::Body(BodyBlock::Paragraph { text, .. })
            | Block::Body(BodyBlock::Heading { text, .. }) => out.push(text.clone()),
            Block::Body(BodyBlock::Quote { text, attribution }) => {
                out.push(text.clone());
                out.push(attribution.clone());
            }
            Block::Body(BodyBlock::List { items, .. }) => {
                out.extend(items.iter().map(|item| item.text.clone()));
            }
            Block::Body(BodyBlock::Embed { url, title }) => {
                out.push(url.clone());
                out.extend(title.clone());
            }
            Block::Body(BodyBlock::Image { caption, .. }) => out.extend(caption.clone()),
            Block::Body(BodyBlock::Related { .. }) => {}
            Block::Image(image) => {
                out.push(image.src.clone());
                out.push(image.alt.clone());
                out.extend(image.caption.clone());
            }
        }
    }
    out.join("\n")
}

pub(super) fn para(text: &str, marks: Vec<Mark>) -> Block {
    Block::Body(BodyBlock::Paragraph {
        text: text.into(),
        marks,
    })
}

pub(super) fn plain(text: &str) -> Block {
    para(text, Vec::new())
}

pub(super) fn embed(url: &str, title: Option<&str>) -> Block {
    Block::Body(BodyBlock::Embed {
        url: url.into(),
        title: title.map(Into::into),
    })
}

pub(super) fn image(src: &str, alt: &str, caption: Option<&str>, link: Option<&str>) -> Block {
    Block::Image(ImageRef {
        src: src.into(),
        alt: alt.into(),
        caption: caption.map(Into::into),
        link: link.map(Into::into),
    })
}

pub(super) fn bold(start: u32, end: u32) -> Mark {
    Mark::Bold { start, end }
}

pub(super) fn italic(start: u32, end: u32) -> Mark {
    Mark::Italic { start, end }
}

pub(super) fn link(start: u32, end: u32, href: &str) -> Mark {
    Mark::Link {
        start,
        end,
        href: href.into(),
    }
}
