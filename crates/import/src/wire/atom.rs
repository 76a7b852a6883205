//! Atom 1.0 (RFC 4287) feeds and lone entries, and the Atom 0.3 that a
//! few old feeds still serve (the same shape, other date names).

use url::Url;

use super::dates;
use super::item::{hashed_guid, image_enclosure, label, rebase, web_href, Draft};
use super::markup;
use super::model::{Parsed, WireFormat, WirePicture};
use super::rss::{media_pictures, thumbnails};
use super::text::{html_line, one_line, paragraphs};
use super::xml::{Element, NS_DC, NS_XML};
use super::Source;
use crate::error::Result;

/// What the feed says for all its entries.
struct Feed {
    ns: String,
    title: String,
    rights: String,
    language: String,
    authors: String,
    base: Option<Url>,
}

/// `<feed>` or a lone `<entry>`.
pub fn parse(root: &Element, source: &Source<'_>) -> Result<Parsed> {
    let ns: &str = &root.ns;
    let lone = root.name == "entry";
    let base = base_of(root, source.base.as_ref());
    let feed = if lone {
        Feed {
            ns: ns.to_owned(),
            title: String::new(),
            rights: String::new(),
            language: root.lang().to_owned(),
            authors: String::new(),
            base,
        }
    } else {
        let base = alternate(root, ns, base.as_ref())
            .and_then(|l| Url::parse(&l).ok())
            .or(base);
        Feed {
            ns: ns.to_owned(),
            title: root.child(ns, "title").map(plain).unwrap_or_default(),
            rights: root.child(ns, "rights").map(plain).unwrap_or_default(),
            language: root.lang().to_owned(),
            authors: authors(root, ns),
            base,
        }
    };
    let entries: Vec<&Element> = if lone {
        vec![root]
    } else {
        root.all(ns, "entry").collect()
    };
    let mut parsed = Parsed {
        format: WireFormat::Atom,
        items: Vec::new(),
        skipped: Vec::new(),
    };
    for (index, entry) in entries.iter().enumerate() {
        let draft = draft(entry, &feed);
        let guid = draft.guid.clone();
        match draft.finish(WireFormat::Atom) {
            Ok(item) => parsed.items.push(item),
            Err(reason) => parsed.skipped.push(format!(
                "{}: {reason}: not taken",
                label(index, &guid, Some(source.position(entry.offset).0))
            )),
        }
    }
    Ok(parsed)
}

/// The base for `el`'s relative addresses: its `xml:base` against the one around.
fn base_of(el: &Element, outer: Option<&Url>) -> Option<Url> {
    match el.attr_ns(NS_XML, "base") {
        Some(b) => rebase(b, outer).or_else(|| outer.cloned()),
        None => outer.cloned(),
    }
}

/// The web page: `<link rel="alternate">` (the default rel) of an HTML type.
fn alternate(el: &Element, ns: &str, base: Option<&Url>) -> Option<String> {
    el.all(ns, "link")
        .filter(|l| matches!(l.attr_or_empty("rel"), "" | "alternate"))
        .filter(|l| {
            let t = l.attr_or_empty("type");
            t.is_empty() || t.contains("html")
        })
        .find_map(|l| web_href(l.attr_or_empty("href"), base))
}

fn authors(el: &Element, ns: &str) -> String {
    let names: Vec<String> = el
        .all(ns, "author")
        .map(|a| a.text_of(ns, "name"))
        .filter(|n| !n.is_empty())
        .collect();
    names.join(", ")
}

fn draft(entry: &Element, feed: &Feed) -> Draft {
    let ns = feed.ns.as_str();
    let base = base_of(entry, feed.base.as_ref());
    let base = base.as_ref();
    let title = entry.child(ns, "title").map(plain).unwrap_or_default();
    let link = alternate(entry, ns, base).unwrap_or_default();
    let published = first_text(entry, ns, &["published", "issued", "created"]);
    let updated = first_text(entry, ns, &["updated", "modified"]);
    let content = entry.child(ns, "content");
    let body = content.map(|c| html(c, base)).unwrap_or_default();
    let summary = entry.child(ns, "summary");
    // A summary beside a full text is its lead; alone, it is the text.
    let (lead, body_html) = match (body.is_empty(), summary) {
        (false, Some(s)) => (plain(s), body),
        (true, Some(s)) => (String::new(), html(s, base)),
        (_, None) => (String::new(), body),
    };
    let guid = match entry.text_of(ns, "id") {
        id if !id.is_empty() => id,
        _ if !link.is_empty() => link.clone(),
        // Neither an id nor a link: a hash of title and date keeps the
        // entry recognisable from one poll to the next.
        _ => hashed_guid(&title, &published, &body_html),
    };
    let mut byline = authors(entry, ns);
    if byline.is_empty() {
        byline = entry
            .child(ns, "source")
            .map(|s| authors(s, ns))
            .unwrap_or_default();
    }
    if byline.is_empty() {
        byline = feed.authors.clone();
    }
    let subjects = entry
        .all(ns, "category")
        .map(|c| {
            let label = c.attr_or_empty("label");
            if label.is_empty() {
                c.attr_or_empty("term").to_owned()
            } else {
                label.to_owned()
            }
        })
        .chain(entry.all(NS_DC, "subject").map(Element::text))
        .collect();
    let language = [entry.lang(), content.map_or("", Element::lang)]
        .into_iter()
        .find(|l| !l.is_empty())
        .map_or_else(|| feed.language.clone(), str::to_owned);
    let first_created = dates::parse(&published).or_else(|| dates::parse(&updated));
    let mut pictures = enclosures(entry, ns, base);
    pictures.extend(media_pictures(entry, base));
    pictures.extend(thumbnails(entry, base));
    Draft {
        guid,
        headline: title,
        lead,
        body_html,
        byline,
        copyright: match entry.child(ns, "rights").map(plain) {
            Some(rights) if !rights.is_empty() => rights,
            _ => feed.rights.clone(),
        },
        language,
        subjects,
        link,
        first_created,
        version_created: dates::parse(&updated).or(first_created),
        pictures,
        provider: feed.title.clone(),
        ..Draft::default()
    }
}

fn first_text(el: &Element, ns: &str, names: &[&str]) -> String {
    names
        .iter()
        .map(|n| el.text_of(ns, n))
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

/// The construct's type: `text`, `html` or `xhtml` (Atom 0.3 wrote a
/// media type and a `mode`).
fn kind(el: &Element) -> &'static str {
    let t = el.attr_or_empty("type").to_ascii_lowercase();
    let mode = el.attr_or_empty("mode").to_ascii_lowercase();
    match t.as_str() {
        "" | "text" | "text/plain" => "text",
        "html" => "html",
        "xhtml" | "application/xhtml+xml" => "xhtml",
        "text/html" if mode == "xml" => "xhtml",
        "text/html" => "html",
        other if other.starts_with("text/") => "text",
        _ => "other",
    }
}

/// A text construct (title, rights) as plain text.
fn plain(el: &Element) -> String {
    match kind(el) {
        "html" => html_line(&el.text()),
        _ => one_line(&el.text()),
    }
}

/// A text construct or content as HTML; content given by address
/// (`src`) or in another media type has none here.
fn html(el: &Element, base: Option<&Url>) -> String {
    if el.attr("src").is_some() {
        return String::new();
    }
    match kind(el) {
        "html" => el.text().trim().to_owned(),
        "xhtml" => {
            // The content is one XHTML <div>, not itself part of the text.
            let children = match el.elements().find(|c| c.name == "div") {
                Some(div) => &div.children,
                None => &el.children,
            };
            markup::to_html(children, base)
        }
        "text" => paragraphs(&el.text()),
        _ => String::new(),
    }
}

/// `<link rel="enclosure">`s that are pictures.
fn enclosures(entry: &Element, ns: &str, base: Option<&Url>) -> Vec<WirePicture> {
    entry
        .all(ns, "link")
        .filter(|l| l.attr_or_empty("rel") == "enclosure")
        .filter_map(|l| {
            let picture = image_enclosure(l.attr_or_empty("href"), l.attr_or_empty("type"), base)?;
            Some(WirePicture {
                caption: l.attr_or_empty("title").to_owned(),
                ..picture
            })
        })
        .collect()
}
