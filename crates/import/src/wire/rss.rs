//! RSS 0.9x and 2.0 (`<rss><channel><item>`), RSS 1.0 and 0.90 (RDF:
//! `<rdf:RDF><channel/><item/>…`), with the modules feeds use for their
//! content: `content:encoded`, Dublin Core and Media RSS.

use url::Url;

use super::dates;
use super::item::{
    hashed_guid, image_enclosure, is_image_type, label, largest, looks_like_image, rebase,
    web_href, Draft,
};
use super::model::{Parsed, WireFormat, WirePicture};
use super::text::{author_name, html_line, html_or_text};
use super::xml::{Element, NS_ATOM, NS_CONTENT, NS_DC, NS_MEDIA, NS_RDF, NS_RSS090, NS_RSS1};
use super::Source;
use crate::error::Result;

/// `<rss>`: the items of its channel.
pub fn parse_rss(root: &Element, source: &Source<'_>) -> Result<Parsed> {
    let Some(channel) = root.child("", "channel") else {
        return Err(source.error(
            root.offset,
            "an <rss> element without a <channel>: this is not a complete RSS feed",
        ));
    };
    // RSS 0.91 as some wrote it put items beside the channel.
    let items: Vec<&Element> = channel
        .all("", "item")
        .chain(root.all("", "item"))
        .collect();
    Ok(read_items(channel, "", &items, source))
}

/// `<rdf:RDF>`: RSS 1.0 or 0.90, items beside the channel.
pub fn parse_rdf(root: &Element, source: &Source<'_>) -> Result<Parsed> {
    let Some(channel) = root
        .elements()
        .find(|e| e.name == "channel" && is_rss1(&e.ns))
    else {
        return Err(source.error(
            root.offset,
            "an RDF document without an RSS <channel>: this is not an RSS 1.0 feed",
        ));
    };
    let items: Vec<&Element> = root
        .elements()
        .filter(|e| e.name == "item" && is_rss1(&e.ns))
        .collect();
    Ok(read_items(channel, &channel.ns, &items, source))
}

fn is_rss1(ns: &str) -> bool {
    ns == NS_RSS1 || ns == NS_RSS090
}

/// What the channel says for all its items.
struct Channel {
    title: String,
    language: String,
    copyright: String,
    base: Option<Url>,
}

fn read_items(channel: &Element, ns: &str, items: &[&Element], source: &Source<'_>) -> Parsed {
    let base =
        rebase(&channel.text_of(ns, "link"), source.base.as_ref()).or_else(|| source.base.clone());
    let channel = Channel {
        title: html_line(&channel.text_of(ns, "title")),
        language: first_text(channel, &[(ns, "language"), (NS_DC, "language")]),
        copyright: first_text(channel, &[(ns, "copyright"), (NS_DC, "rights")]),
        base,
    };
    let mut parsed = Parsed {
        format: WireFormat::Rss,
        items: Vec::new(),
        skipped: Vec::new(),
    };
    for (index, item) in items.iter().enumerate() {
        let draft = draft(item, ns, &channel);
        let guid = draft.guid.clone();
        match draft.finish(WireFormat::Rss) {
            Ok(item) => parsed.items.push(item),
            Err(reason) => parsed.skipped.push(format!(
                "{}: {reason}: not taken",
                label(index, &guid, Some(source.position(item.offset).0))
            )),
        }
    }
    parsed
}

/// The first non-empty text among `fields` of `el`.
fn first_text(el: &Element, fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(ns, name)| el.text_of(ns, name))
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

fn draft(item: &Element, ns: &str, channel: &Channel) -> Draft {
    let base = channel.base.as_ref();
    let title = item.text_of(ns, "title");
    let description = item.text_of(ns, "description");
    let content = item.text_of(NS_CONTENT, "encoded");
    let link = web_href(&item.text_of(ns, "link"), base).unwrap_or_default();
    let date = first_text(item, &[(ns, "pubDate"), (NS_DC, "date")]);
    let guid = [
        item.text_of(ns, "guid"),
        item.attr_ns(NS_RDF, "about")
            .unwrap_or("")
            .trim()
            .to_owned(),
        link.clone(),
    ]
    .into_iter()
    .find(|g| !g.is_empty())
    // Neither a guid nor a link: a hash of title and date, so the item is
    // the same one at the next poll (see `hashed_guid`).
    .unwrap_or_else(|| hashed_guid(&title, &date, &description));
    // A description beside a full text is its summary; alone, it is the text.
    let (lead, body_html) = if content.is_empty() {
        (String::new(), html_or_text(&description))
    } else {
        (html_line(&description), content)
    };
    let mut byline: Vec<String> = item
        .all(ns, "author")
        .map(|a| author_name(&a.text()))
        .collect();
    byline.extend(
        item.all(NS_DC, "creator")
            .map(|c| c.text().trim().to_owned()),
    );
    byline.retain(|b| !b.is_empty());
    byline.dedup();
    let subjects = item
        .all(ns, "category")
        .chain(item.all(NS_DC, "subject"))
        .map(|c| c.text())
        .collect();
    let first_created = dates::parse(&date);
    let updated = first_text(item, &[(NS_ATOM, "updated"), (NS_DC, "modified")]);
    let mut pictures = media_pictures(item, base);
    pictures.extend(enclosures(item, ns, base));
    pictures.extend(thumbnails(item, base));
    Draft {
        guid,
        headline: html_line(&title),
        lead,
        body_html,
        byline: byline.join(", "),
        copyright: match item.text_of(NS_DC, "rights") {
            rights if !rights.is_empty() => rights,
            _ => channel.copyright.clone(),
        },
        language: match item.text_of(NS_DC, "language") {
            language if !language.is_empty() => language,
            _ => channel.language.clone(),
        },
        subjects,
        link,
        first_created,
        version_created: dates::parse(&updated).or(first_created),
        pictures,
        provider: channel.title.clone(),
        ..Draft::default()
    }
}

/// `<enclosure>`s that are pictures (a podcast's audio is not).
fn enclosures(item: &Element, ns: &str, base: Option<&Url>) -> Vec<WirePicture> {
    item.all(ns, "enclosure")
        .filter_map(|e| image_enclosure(e.attr_or_empty("url"), e.attr_or_empty("type"), base))
        .collect()
}

/// Media RSS pictures of `el` (an RSS item or an Atom entry): its image
/// `media:content`s, one per `media:group` (the largest).
pub fn media_pictures(el: &Element, base: Option<&Url>) -> Vec<WirePicture> {
    let mut out: Vec<WirePicture> = Vec::new();
    let around = Context::of(el, None);
    for content in el.all(NS_MEDIA, "content") {
        out.extend(media_content(content, base, &around));
    }
    for group in el.all(NS_MEDIA, "group") {
        let context = Context::of(group, Some(&around));
        let candidates: Vec<WirePicture> = group
            .all(NS_MEDIA, "content")
            .filter_map(|c| media_content(c, base, &context))
            .collect();
        out.extend(largest(candidates, |p| {
            (
                u64::from(p.width.unwrap_or(0)) * u64::from(p.height.unwrap_or(0)),
                0,
            )
        }));
    }
    out
}

/// Media RSS thumbnails of `el`: pictures too, after the full ones.
pub fn thumbnails(el: &Element, base: Option<&Url>) -> Vec<WirePicture> {
    let around = Context::of(el, None);
    let direct = el.all(NS_MEDIA, "thumbnail");
    let grouped = el
        .all(NS_MEDIA, "group")
        .flat_map(|g| g.all(NS_MEDIA, "thumbnail"));
    direct
        .chain(grouped)
        .filter_map(|t| {
            Some(WirePicture {
                href: web_href(t.attr_or_empty("url"), base)?,
                caption: around.caption.clone(),
                credit: around.credit.clone(),
                width: dimension(t, "width"),
                height: dimension(t, "height"),
                mime: String::new(),
            })
        })
        .collect()
}

/// The caption and credit Media RSS gives on a content, its group or its item.
#[derive(Default, Clone)]
struct Context {
    caption: String,
    credit: String,
}

impl Context {
    fn of(el: &Element, outer: Option<&Context>) -> Self {
        let outer = outer.cloned().unwrap_or_default();
        let caption = [
            el.text_of(NS_MEDIA, "description"),
            el.text_of(NS_MEDIA, "title"),
        ]
        .into_iter()
        .map(|c| html_line(&c))
        .find(|c| !c.is_empty())
        .unwrap_or(outer.caption);
        let credit = Some(el.text_of(NS_MEDIA, "credit"))
            .filter(|c| !c.is_empty())
            .unwrap_or(outer.credit);
        Self { caption, credit }
    }
}

fn media_content(content: &Element, base: Option<&Url>, around: &Context) -> Option<WirePicture> {
    let href = content.attr_or_empty("url");
    let mime = content.attr_or_empty("type");
    let medium = content.attr_or_empty("medium");
    let image = if !medium.is_empty() {
        medium.eq_ignore_ascii_case("image")
    } else if !mime.is_empty() {
        is_image_type(mime)
    } else {
        looks_like_image(href)
    };
    if !image {
        return None;
    }
    let own = Context::of(content, Some(around));
    Some(WirePicture {
        href: web_href(href, base)?,
        caption: own.caption,
        credit: own.credit,
        width: dimension(content, "width"),
        height: dimension(content, "height"),
        mime: mime.to_owned(),
    })
}

fn dimension(el: &Element, name: &str) -> Option<u32> {
    el.attr(name)?.trim().parse().ok()
}
