//! RSS 2.0 with the full text (`content:encoded`), bylines (`dc:creator`),
//! categories, the lead picture as Media RSS (`media:content` with its
//! size, credit, caption and thumbnail) and as one `enclosure`, and the
//! `atom:link`s to the feed itself and to its WebSub hub.

use std::io;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::model::{FeedDoc, FeedItem, FeedPicture};
use crate::urls::FeedFormat;

type W = Writer<Vec<u8>>;

/// The document, UTF-8; every text and attribute is escaped by the writer.
pub(super) fn write(doc: &FeedDoc) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::with_capacity(4096), b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("rss")
        .with_attributes([
            ("version", "2.0"),
            ("xmlns:atom", "http://www.w3.org/2005/Atom"),
            ("xmlns:content", "http://purl.org/rss/1.0/modules/content/"),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:media", "http://search.yahoo.com/mrss/"),
        ])
        .write_inner_content(|w| {
            w.create_element("channel")
                .write_inner_content(|w| channel(w, doc))?;
            Ok(())
        })?;
    Ok(w.into_inner())
}

fn text(w: &mut W, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn channel(w: &mut W, doc: &FeedDoc) -> io::Result<()> {
    text(w, "title", &doc.title)?;
    text(w, "link", &doc.home_url)?;
    text(w, "description", &doc.description)?;
    text(w, "language", &doc.language)?;
    w.create_element("atom:link")
        .with_attributes([
            ("href", doc.self_url.as_str()),
            ("rel", "self"),
            ("type", FeedFormat::Rss.media_type()),
        ])
        .write_empty()?;
    if let Some(hub) = &doc.hub {
        w.create_element("atom:link")
            .with_attributes([("href", hub.as_str()), ("rel", "hub")])
            .write_empty()?;
    }
    text(w, "lastBuildDate", &dateline_render::rfc2822(doc.updated))?;
    text(w, "generator", "Dateline")?;
    for item in &doc.items {
        w.create_element("item")
            .write_inner_content(|w| write_item(w, item))?;
    }
    Ok(())
}

fn write_item(w: &mut W, item: &FeedItem) -> io::Result<()> {
    text(w, "title", &item.title)?;
    text(w, "link", &item.url)?;
    w.create_element("guid")
        .with_attribute(("isPermaLink", "false"))
        .write_text_content(BytesText::new(&item.id))?;
    text(w, "pubDate", &dateline_render::rfc2822(item.published))?;
    for author in &item.authors {
        text(w, "dc:creator", &author.name)?;
    }
    for category in &item.categories {
        text(w, "category", category)?;
    }
    if !item.summary.is_empty() {
        text(w, "description", &item.summary)?;
    }
    text(w, "content:encoded", &item.content_html)?;
    if let Some(picture) = &item.picture {
        write_picture(w, picture)?;
    }
    Ok(())
}

fn write_picture(w: &mut W, p: &FeedPicture) -> io::Result<()> {
    let length = p.length.to_string();
    w.create_element("enclosure")
        .with_attributes([
            ("url", p.url.as_str()),
            ("length", length.as_str()),
            ("type", p.media_type),
        ])
        .write_empty()?;
    let (width, height) = (p.width.to_string(), p.height.to_string());
    w.create_element("media:content")
        .with_attributes([
            ("url", p.url.as_str()),
            ("medium", "image"),
            ("type", p.media_type),
            ("width", width.as_str()),
            ("height", height.as_str()),
            ("fileSize", length.as_str()),
        ])
        .write_inner_content(|w| {
            let (tw, th) = (
                p.thumbnail_width.to_string(),
                p.thumbnail_height.to_string(),
            );
            w.create_element("media:thumbnail")
                .with_attributes([
                    ("url", p.thumbnail_url.as_str()),
                    ("width", tw.as_str()),
                    ("height", th.as_str()),
                ])
                .write_empty()?;
            let description = if p.caption.is_empty() {
                &p.alt
            } else {
                &p.caption
            };
            if !description.is_empty() {
                w.create_element("media:description")
                    .with_attribute(("type", "plain"))
                    .write_text_content(BytesText::new(description))?;
            }
            if !p.credit.is_empty() {
                w.create_element("media:credit")
                    .with_attribute(("role", "photographer"))
                    .write_text_content(BytesText::new(&p.credit))?;
            }
            Ok(())
        })?;
    Ok(())
}
