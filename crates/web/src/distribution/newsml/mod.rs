//! NewsML-G2 2.35 (IPTC) documents of public stories and pictures: a
//! story's text `newsItem` (`news_item.rs`, its body as the XHTML
//! document of `body.rs`), a picture's `newsItem` (`picture.rs`) and the `packageItem`
//! grouping a story with its lead picture (`package.rs`).
//!
//! Every document is written with quick-xml's `Writer`, so every text and
//! attribute is escaped by construction. Each item's `guid` is a `tag:` URI
//! that never changes (`crate::urls::tag_uri`: a story's first publication
//! day and number, a picture's upload day and number), and a story's
//! `version` is the article's, which every save (a correction included)
//! increases. The tests validate every document against the 2.35 XSD.

mod body;
mod news_item;
mod package;
mod picture;

use std::io;

use chrono::{DateTime, SecondsFormat};
use dateline_domain::UnixTime;
use dateline_store::{MediaAsset, Rendition};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::writer::{ElementWriter, Writer};

use crate::urls::{picture_tag, Urls};

pub(crate) use news_item::text_item;
pub(crate) use package::package_item;
pub(crate) use picture::picture_item;

/// The media type of a `newsItem` (registered with IANA by the IPTC).
pub(crate) const NEWS_ITEM_TYPE: &str = "application/vnd.iptc.g2.newsitem+xml";
/// The media type of a `packageItem`.
pub(crate) const PACKAGE_ITEM_TYPE: &str = "application/vnd.iptc.g2.packageitem+xml";

/// The NewsML-G2 namespace (NAR 2006-10-01, the same for every 2.x).
const NAR_NAMESPACE: &str = "http://iptc.org/std/nar/2006-10-01/";
const STANDARD_VERSION: &str = "2.35";
/// The IPTC catalog that defines the scheme aliases used here (`ninat:`,
/// `stat:`, `sig:`, `irel:`, `drol:`, `group:`).
const IPTC_CATALOG: &str = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml";

/// Who sends the items: the site, by its public address and name.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Provider<'a> {
    pub base_url: &'a str,
    /// The site's name (the admins' choice, else the edition's name).
    pub name: &'a str,
}

impl<'a> Provider<'a> {
    fn urls(&self) -> Urls<'a> {
        Urls::new(self.base_url)
    }

    /// The site's address, as the provider's and copyright holder's `uri`.
    fn uri(&self) -> String {
        self.urls().path("/")
    }
}

type Xml = Writer<Vec<u8>>;

/// A document: the XML declaration, then the root element that `content`
/// fills; the whole as UTF-8 text.
fn document(content: impl FnOnce(&mut Xml) -> io::Result<()>) -> io::Result<String> {
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    content(&mut xml)?;
    String::from_utf8(xml.into_inner()).map_err(io::Error::other)
}

/// The root of an item (`newsItem`, `packageItem`) with the attributes
/// every item carries.
fn item_root<'x>(
    xml: &'x mut Xml,
    name: &'static str,
    guid: &str,
    version: i64,
    language: Option<&str>,
) -> ElementWriter<'x, Vec<u8>> {
    let version = version.max(1).to_string();
    let root = xml
        .create_element(name)
        .with_attribute(("xmlns", NAR_NAMESPACE))
        .with_attribute(("guid", guid))
        .with_attribute(("version", version.as_str()))
        .with_attribute(("standard", "NewsML-G2"))
        .with_attribute(("standardversion", STANDARD_VERSION))
        .with_attribute(("conformance", "power"));
    match language {
        Some(lang) => root.with_attribute(("xml:lang", lang)),
        None => root,
    }
}

fn catalog_ref(xml: &mut Xml) -> io::Result<()> {
    xml.create_element("catalogRef")
        .with_attribute(("href", IPTC_CATALOG))
        .write_empty()?;
    Ok(())
}

/// A party with a `uri` and a name (`provider`, `copyrightHolder`).
fn party(xml: &mut Xml, element: &str, uri: &str, name: &str) -> io::Result<()> {
    xml.create_element(element)
        .with_attribute(("uri", uri))
        .write_inner_content(|xml| text(xml, "name", name))?;
    Ok(())
}

/// `<element qcode="…"/>`.
fn qcode(xml: &mut Xml, element: &str, code: &str) -> io::Result<()> {
    xml.create_element(element)
        .with_attribute(("qcode", code))
        .write_empty()?;
    Ok(())
}

/// `<element>text</element>`.
fn text(xml: &mut Xml, element: &str, content: &str) -> io::Result<()> {
    xml.create_element(element)
        .write_text_content(BytesText::new(content))?;
    Ok(())
}

/// `<description role="…">`, unless there are no words.
fn described(xml: &mut Xml, role: &str, words: &str) -> io::Result<()> {
    if !words.trim().is_empty() {
        xml.create_element("description")
            .with_attribute(("role", role))
            .write_text_content(BytesText::new(words))?;
    }
    Ok(())
}

/// `<element>` with a date-time.
fn time(xml: &mut Xml, element: &str, at: UnixTime) -> io::Result<()> {
    text(xml, element, &date_time(at))
}

/// An `xs:dateTime` in UTC (`2026-12-05T09:30:00Z`).
fn date_time(at: UnixTime) -> String {
    DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A picture's lasting id: its upload day and number.
fn picture_guid(base_url: &str, asset: &MediaAsset) -> String {
    picture_tag(base_url, asset.created_at, asset.id)
}

/// The picture's renditions in its own proportions (the crop's), by
/// format then width; fixed shapes' cut-outs are layouts' business, not a
/// client's.
fn whole_renditions(asset: &MediaAsset) -> impl Iterator<Item = &Rendition> + '_ {
    asset.renditions.iter().filter(|r| r.shape.is_none())
}
