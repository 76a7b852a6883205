//! Atom 1.0 (RFC 4287): entries with the story's `tag:` URI as `id`, the
//! full text as `content type="html"`, bylines, categories, the lead
//! picture as a `rel="enclosure"` link and as Media RSS, and the links to
//! the listing's page, the feed itself and its WebSub hub.

use std::io;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::model::{FeedDoc, FeedItem};
use crate::urls::FeedFormat;

type W = Writer<Vec<u8>>;

/// The document, UTF-8; every text and attribute is escaped by the writer.
pub(super) fn write(doc: &FeedDoc, publisher: &str) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::with_capacity(4096), b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("feed")
        .with_attributes([
            ("xmlns", "http://www.w3.org/2005/Atom"),
            ("xmlns:media", "http://search.yahoo.com/mrss/"),
            ("xml:lang", doc.language.as_str()),
        ])
        .write_inner_content(|w| feed(w, doc, publisher))?;
    Ok(w.into_inner())
}

fn text(w: &mut W, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn link(w: &mut W, rel: &str, media_type: Option<&str>, href: &str) -> io::Result<()> {
    let mut element = w
        .create_element("link")
        .with_attributes([("rel", rel), ("href", href)]);
    if let Some(media_type) = media_type {
        element = element.with_attribute(("type", media_type));
    }
    element.write_empty()?;
    Ok(())
}

fn feed(w: &mut W, doc: &FeedDoc, publisher: &str) -> io::Result<()> {
    text(w, "id", &doc.self_url)?;
    text(w, "title", &doc.title)?;
    text(w, "subtitle", &doc.description)?;
    text(w, "updated", &dateline_render::w3c_date(doc.updated))?;
    link(w, "alternate", Some("text/html"), &doc.home_url)?;
    link(
        w,
        "self",
        Some(FeedFormat::Atom.media_type()),
        &doc.self_url,
    )?;
    if let Some(hub) = &doc.hub {
        link(w, "hub", None, hub)?;
    }
    // Atom wants an author for every entry: the publisher stands for a
    // story without a byline.
    w.create_element("author")
        .write_inner_content(|w| text(w, "name", publisher))?;
    text(w, "generator", "Dateline")?;
    for item in &doc.items {
        w.create_element("entry")
            .write_inner_content(|w| entry(w, item))?;
    }
    Ok(())
}

fn entry(w: &mut W, item: &FeedItem) -> io::Result<()> {
    text(w, "id", &item.id)?;
    text(w, "title", &item.title)?;
    link(w, "alternate", Some("text/html"), &item.url)?;
    text(w, "published", &dateline_render::w3c_date(item.published))?;
    text(w, "updated", &dateline_render::w3c_date(item.updated))?;
    for author in &item.authors {
        w.create_element("author").write_inner_content(|w| {
            text(w, "name", &author.name)?;
            text(w, "uri", &author.url)
        })?;
    }
    for category in &item.categories {
        w.create_element("category")
            .with_attribute(("term", category.as_str()))
            .write_empty()?;
    }
    if !item.summary.is_empty() {
        text(w, "summary", &item.summary)?;
    }
    w.create_element("content")
        .with_attribute(("type", "html"))
        .write_text_content(BytesText::new(&item.content_html))?;
    if let Some(p) = &item.picture {
        let length = p.length.to_string();
        w.create_element("link")
            .with_attributes([
                ("rel", "enclosure"),
                ("type", p.media_type),
                ("length", length.as_str()),
                ("href", p.url.as_str()),
            ])
            .write_empty()?;
        let (width, height) = (p.width.to_string(), p.height.to_string());
        let (tw, th) = (
            p.thumbnail_width.to_string(),
            p.thumbnail_height.to_string(),
        );
        w.create_element("media:content")
            .with_attributes([
                ("url", p.url.as_str()),
                ("medium", "image"),
                ("type", p.media_type),
                ("width", width.as_str()),
                ("height", height.as_str()),
            ])
            .write_inner_content(|w| {
                w.create_element("media:thumbnail")
                    .with_attributes([
                        ("url", p.thumbnail_url.as_str()),
                        ("width", tw.as_str()),
                        ("height", th.as_str()),
                    ])
                    .write_empty()?;
                if !p.credit.is_empty() {
                    w.create_element("media:credit")
                        .with_attribute(("role", "photographer"))
                        .write_text_content(BytesText::new(&p.credit))?;
                }
                Ok(())
            })?;
    }
    Ok(())
}
