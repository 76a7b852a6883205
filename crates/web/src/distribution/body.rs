//! A story's typed body for other systems, one renderer for every format
//! (ninjs, NewsML-G2, the feeds): an HTML fragment that is well-formed
//! XHTML too, written element by element with quick-xml's `Writer`, and the
//! same as plain text.
//!
//! It holds what the article page shows: paragraphs and list items with
//! their marks from `dateline_render::rich` (the page's own renderer, so
//! only `strong`, `em` and `a` with the addresses a page may link),
//! headings, quotes, pictures with caption and credit, embeds as links,
//! and related stories as links where the format wants them ([`BodyRefs`]).
//! A picture without renditions is left out. Addresses are absolute: the
//! documents are read away from the site.

use std::io;

use dateline_domain::{BodyBlock, ImageFormat, Mark};
use dateline_render::rich;
use dateline_store::{MediaAsset, Rendition};
use quick_xml::events::{BytesText, Event};
use quick_xml::{Reader, Writer};

use crate::site::Picture;
use crate::urls::Urls;

type Xml = Writer<Vec<u8>>;

/// Widest picture file a body's figure shows, as the article page's
/// fallback `<img>`.
const FIGURE_MAX_WIDTH: u32 = 1280;

/// What a body's blocks refer to, loaded by the format beforehand.
pub(crate) trait BodyRefs {
    /// A picture the body shows, by id.
    fn picture(&self, id: i64) -> Option<&MediaAsset>;

    /// A related story's address and headline. `None`, the default, leaves
    /// the block out: the agency formats carry the text, not the site's
    /// navigation.
    fn related(&self, _article_id: i64) -> Option<(String, String)> {
        None
    }
}

/// The body as an HTML fragment.
pub(crate) fn html(body: &[BodyBlock], refs: &impl BodyRefs, urls: Urls<'_>) -> String {
    // Unindented: whitespace inside paragraphs is content.
    let mut xml = Writer::new(Vec::new());
    for block in body {
        // Writing into memory cannot fail.
        let _ = write_block(&mut xml, block, refs, urls);
    }
    String::from_utf8(xml.into_inner()).unwrap_or_default()
}

/// One picture as the body shows it (a figure with caption and credit),
/// for a format that puts the lead picture above the text; empty while the
/// picture has no renditions.
pub(crate) fn figure_html(asset: &MediaAsset, caption: &str, urls: Urls<'_>) -> String {
    let mut xml = Writer::new(Vec::new());
    // Writing into memory cannot fail.
    let _ = figure(&mut xml, asset, caption, urls);
    String::from_utf8(xml.into_inner()).unwrap_or_default()
}

/// The body as plain text, one line per paragraph, list item, heading,
/// quote or embed; figures and related cards are left out (ninjs counts
/// characters and words without captions).
pub(crate) fn text(body: &[BodyBlock]) -> String {
    let mut lines: Vec<String> = Vec::new();
    for block in body {
        match block {
            BodyBlock::Paragraph { text, .. } | BodyBlock::Heading { text, .. } => {
                lines.push(text.clone());
            }
            BodyBlock::List { ordered, items } => {
                for (n, item) in items.iter().enumerate() {
                    let bullet = if *ordered {
                        format!("{}.", n + 1)
                    } else {
                        "-".to_owned()
                    };
                    lines.push(format!("{bullet} {}", item.text));
                }
            }
            BodyBlock::Quote { text, attribution } if attribution.is_empty() => {
                lines.push(format!("“{text}”"));
            }
            BodyBlock::Quote { text, attribution } => {
                lines.push(format!("“{text}” — {attribution}"));
            }
            BodyBlock::Embed { url, title } => {
                lines.push(title.clone().unwrap_or_else(|| url.clone()));
            }
            BodyBlock::Image { .. } | BodyBlock::Related { .. } => {}
        }
    }
    lines.join("\n")
}

fn write_block(
    xml: &mut Xml,
    block: &BodyBlock,
    refs: &impl BodyRefs,
    urls: Urls<'_>,
) -> io::Result<()> {
    match block {
        BodyBlock::Paragraph { text, marks } => {
            xml.create_element("p")
                .write_inner_content(|xml| marked(xml, text, marks, urls))?;
        }
        BodyBlock::List { ordered, items } => {
            let list = if *ordered { "ol" } else { "ul" };
            xml.create_element(list).write_inner_content(|xml| {
                items.iter().try_for_each(|item| {
                    xml.create_element("li")
                        .write_inner_content(|xml| marked(xml, &item.text, &item.marks, urls))?;
                    Ok(())
                })
            })?;
        }
        BodyBlock::Heading { level, text } => {
            xml.create_element(format!("h{}", level.get()))
                .write_text_content(BytesText::new(text))?;
        }
        BodyBlock::Quote { text, attribution } => {
            xml.create_element("figure").write_inner_content(|xml| {
                xml.create_element("blockquote")
                    .write_inner_content(|xml| {
                        xml.create_element("p")
                            .write_text_content(BytesText::new(text))?;
                        Ok(())
                    })?;
                if !attribution.is_empty() {
                    xml.create_element("figcaption")
                        .write_inner_content(|xml| {
                            xml.create_element("cite")
                                .write_text_content(BytesText::new(attribution))?;
                            Ok(())
                        })?;
                }
                Ok(())
            })?;
        }
        BodyBlock::Image { media_id, caption } => {
            if let Some(asset) = refs.picture(*media_id) {
                let caption = caption.as_deref().unwrap_or(&asset.caption);
                figure(xml, asset, caption, urls)?;
            }
        }
        BodyBlock::Related { article_id } => {
            if let Some((url, headline)) = refs.related(*article_id) {
                link(xml, &url, &headline)?;
            }
        }
        BodyBlock::Embed { url, title } => link(xml, url, title.as_deref().unwrap_or(url))?,
    }
    Ok(())
}

/// A paragraph that is one link.
fn link(xml: &mut Xml, href: &str, words: &str) -> io::Result<()> {
    xml.create_element("p").write_inner_content(|xml| {
        xml.create_element("a")
            .with_attribute(("href", href))
            .write_text_content(BytesText::new(words))?;
        Ok(())
    })?;
    Ok(())
}

/// The file a figure shows: the widest of the crop up to
/// [`FIGURE_MAX_WIDTH`], in the format shown most widely, JPEG, else WebP,
/// else any.
fn figure_file(asset: &MediaAsset) -> Option<&Rendition> {
    let crop =
        || (asset.renditions.iter()).filter(|r| r.shape.is_none() && r.width <= FIGURE_MAX_WIDTH);
    [ImageFormat::Jpeg, ImageFormat::Webp]
        .into_iter()
        .find_map(|format| {
            crop()
                .filter(|r| r.format == format)
                .max_by_key(|r| r.width)
        })
        .or_else(|| crop().max_by_key(|r| r.width))
}

/// A picture with its caption and credit; nothing while it has no
/// renditions (originals are never served).
fn figure(xml: &mut Xml, asset: &MediaAsset, caption: &str, urls: Urls<'_>) -> io::Result<()> {
    let Some(file) = figure_file(asset) else {
        return Ok(());
    };
    let src = urls.media_file(&file.storage_key);
    let (width, height) = (file.width.to_string(), file.height.to_string());
    xml.create_element("figure").write_inner_content(|xml| {
        xml.create_element("img")
            .with_attribute(("src", src.as_str()))
            .with_attribute(("alt", Picture::alt_of(asset)))
            .with_attribute(("width", width.as_str()))
            .with_attribute(("height", height.as_str()))
            .write_empty()?;
        figcaption(xml, caption, &asset.credit)
    })?;
    Ok(())
}

/// A picture's caption and credit, as under the picture on the page.
fn figcaption(xml: &mut Xml, caption: &str, credit: &str) -> io::Result<()> {
    if caption.is_empty() && credit.is_empty() {
        return Ok(());
    }
    xml.create_element("figcaption")
        .write_inner_content(|xml| {
            xml.write_event(Event::Text(BytesText::new(caption)))?;
            if !credit.is_empty() {
                if !caption.is_empty() {
                    xml.write_event(Event::Text(BytesText::new(" ")))?;
                }
                xml.create_element("small")
                    .write_text_content(BytesText::new(credit))?;
            }
            Ok(())
        })?;
    Ok(())
}

/// A text with its marks as the page's renderer writes them (escaped text
/// in `strong`, `em` and `a href`), copied once it is known to be
/// well-formed XML of those elements; otherwise the plain text, so that no
/// word is lost and no document is broken.
fn marked(xml: &mut Xml, text: &str, marks: &[Mark], urls: Urls<'_>) -> io::Result<()> {
    let inline = rich::html(text, &absolute(marks, urls));
    match inline_events(&inline) {
        Some(events) => events.into_iter().try_for_each(|e| xml.write_event(e)),
        None => xml.write_event(Event::Text(BytesText::new(text))),
    }
}

/// The marks with links to this site's paths made absolute.
fn absolute(marks: &[Mark], urls: Urls<'_>) -> Vec<Mark> {
    marks
        .iter()
        .map(|mark| match mark {
            Mark::Link { start, end, href } if href.starts_with('/') => Mark::Link {
                start: *start,
                end: *end,
                href: urls.path(href),
            },
            other => other.clone(),
        })
        .collect()
}

/// The events of an inline fragment, or `None` if it is not well-formed or
/// holds an element other than `strong`, `em` or `a`.
fn inline_events(html: &str) -> Option<Vec<Event<'_>>> {
    let mut reader = Reader::from_str(html);
    let mut events = Vec::new();
    let mut depth = 0usize;
    loop {
        let event = reader.read_event().ok()?;
        match &event {
            Event::Start(element) => {
                if !matches!(element.name().into_inner(), "strong" | "em" | "a") {
                    return None;
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.checked_sub(1)?,
            Event::Text(_) | Event::GeneralRef(_) => {}
            Event::Eof if depth == 0 => return Some(events),
            _ => return None,
        }
        events.push(event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoRefs;

    impl BodyRefs for NoRefs {
        fn picture(&self, _id: i64) -> Option<&MediaAsset> {
            None
        }
    }

    #[test]
    fn marks_quotes_and_embeds_are_well_formed() {
        let body = vec![
            BodyBlock::Paragraph {
                text: "Tom & Jerry <b>".into(),
                marks: vec![
                    Mark::Bold { start: 0, end: 3 },
                    Mark::Link {
                        start: 6,
                        end: 11,
                        href: "/en/world/jerry".into(),
                    },
                ],
            },
            BodyBlock::Quote {
                text: "We are \"back\".".into(),
                attribution: "the mayor".into(),
            },
            BodyBlock::Related { article_id: 7 },
            BodyBlock::Embed {
                url: "https://video.example/x?a=1&b=2".into(),
                title: None,
            },
        ];
        let html = html(&body, &NoRefs, Urls::new("https://news.example"));
        assert_eq!(
            html,
            "<p><strong>Tom</strong> &amp; <a href=\"https://news.example/en/world/jerry\">Jerry</a> &lt;b&gt;</p>\
             <figure><blockquote><p>We are &quot;back&quot;.</p></blockquote>\
             <figcaption><cite>the mayor</cite></figcaption></figure>\
             <p><a href=\"https://video.example/x?a=1&amp;b=2\">https://video.example/x?a=1&amp;b=2</a></p>"
        );
        assert_eq!(
            text(&body),
            "Tom & Jerry <b>\n“We are \"back\".” — the mayor\nhttps://video.example/x?a=1&b=2"
        );
    }
}
