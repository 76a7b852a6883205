//! IPTC NewsML 1.x (`<NewsML>`, no namespace), as press-release wires
//! such as Business Wire still send it: each `NewsItem` is a tree of
//! `NewsComponent`s, with the headline in `NewsLines`, the text in the
//! component whose `Role` is "Body", and pictures as components of image
//! `ContentItem`s.
//!
//! The model has no format of its own for NewsML 1: its items are
//! reported as NewsML-G2, the standard that replaced it.

use url::Url;

use super::dates;
use super::item::{is_image_type, label, largest, looks_like_image, pub_status, web_href, Draft};
use super::markup;
use super::model::{Parsed, WireFormat, WirePicture};
use super::text::{html_line, paragraphs};
use super::xml::Element;
use super::Source;
use crate::error::Result;

/// Component roles whose content is not the story's text.
const NOT_BODY_ROLES: [&str; 8] = [
    "headline",
    "subheadline",
    "contact",
    "stylesheet",
    "caption",
    "byline",
    "logo",
    "video",
];

pub fn parse(root: &Element, source: &Source<'_>) -> Result<Parsed> {
    let envelope = root.child("", "NewsEnvelope");
    let sender = envelope
        .and_then(|e| e.child("", "SentFrom"))
        .and_then(|s| s.child("", "Party"))
        .map(|p| p.attr_or_empty("FormalName").to_owned())
        .unwrap_or_default();
    let priority = envelope
        .and_then(|e| e.child("", "Priority"))
        .and_then(|p| p.attr_or_empty("FormalName").parse().ok());
    let mut parsed = Parsed {
        format: WireFormat::Newsml1,
        items: Vec::new(),
        skipped: Vec::new(),
    };
    for (index, news_item) in root.all("", "NewsItem").enumerate() {
        let draft = item(news_item, &sender, priority, source.base.as_ref());
        let guid = draft.guid.clone();
        match draft.finish(WireFormat::Newsml1) {
            Ok(item) => parsed.items.push(item),
            Err(reason) => parsed.skipped.push(format!(
                "{}: {reason}: not taken",
                label(index, &guid, Some(source.position(news_item.offset).0))
            )),
        }
    }
    Ok(parsed)
}

/// A path of child names from `el`.
fn at<'a>(el: &'a Element, path: &[&str]) -> Option<&'a Element> {
    path.iter().try_fold(el, |e, name| e.child("", name))
}

fn formal_name(el: Option<&Element>) -> String {
    el.map(|e| e.attr_or_empty("FormalName").to_owned())
        .unwrap_or_default()
}

fn role(component: &Element) -> String {
    formal_name(component.child("", "Role")).to_ascii_lowercase()
}

fn item(news_item: &Element, sender: &str, priority: Option<i64>, base: Option<&Url>) -> Draft {
    let id = at(news_item, &["Identification", "NewsIdentifier"]);
    let id_part = |name: &str| id.map(|i| i.text_of("", name)).unwrap_or_default();
    let (provider_id, date_id, item_id) = (
        id_part("ProviderId"),
        id_part("DateId"),
        id_part("NewsItemId"),
    );
    // The public identifier ends with the revision: the item's identity
    // is what comes before it, so that a revision updates the same item.
    let guid = if !provider_id.is_empty() && !item_id.is_empty() {
        format!("urn:newsml:{provider_id}:{date_id}:{item_id}")
    } else {
        id_part("PublicIdentifier")
    };
    let management = news_item.child("", "NewsManagement");
    let field = |name: &str| management.map(|m| m.text_of("", name)).unwrap_or_default();
    let status = formal_name(management.and_then(|m| m.child("", "Status"))).to_ascii_lowercase();
    let embargo = management
        .and_then(|m| m.child("", "StatusWillChange"))
        .map(|s| s.text_of("", "DateAndTime"))
        .and_then(|d| dates::parse(&d));
    let urgency = formal_name(management.and_then(|m| m.child("", "Urgency")))
        .parse()
        .ok()
        .or(priority);

    // Components in document order, the outermost first; the headline and
    // the lines are the story's, not those of a picture or video in it.
    let mut components: Vec<&Element> = news_item.all("", "NewsComponent").collect();
    for top in news_item.all("", "NewsComponent") {
        components.extend(top.descendants("", "NewsComponent"));
    }
    let story: Vec<&Element> = components
        .iter()
        .copied()
        .filter(|c| {
            !matches!(
                role(c).as_str(),
                "video" | "logo" | "photo" | "picture" | "image"
            )
        })
        .collect();
    let line = |name: &str| {
        story
            .iter()
            .filter_map(|c| c.child("", "NewsLines"))
            .map(|l| l.text_of("", name))
            .find(|t| !t.is_empty())
            .unwrap_or_default()
    };
    let copyright = line("CopyrightLine");
    let sub_headline = match line("SubHeadLine") {
        s if !s.is_empty() => s,
        _ => components
            .iter()
            .find(|c| role(c) == "subheadline")
            .copied()
            .and_then(|c| content_html(c, base))
            .map(|html| html_line(&html))
            .unwrap_or_default(),
    };
    let language = components
        .iter()
        .filter_map(|c| at(c, &["DescriptiveMetadata", "Language"]))
        .map(|l| l.attr_or_empty("FormalName").to_owned())
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    let mut draft = Draft {
        guid,
        version: id
            .and_then(|i| i.child("", "RevisionId"))
            .and_then(|r| r.text().trim().parse().ok()),
        pub_status: Some(pub_status(&status)),
        headline: line("HeadLine"),
        other_names: vec![line("SlugLine")],
        lead: sub_headline,
        body_html: body(&components, base),
        byline: line("ByLine"),
        copyright,
        language,
        urgency,
        subjects: subjects(&components),
        first_created: dates::parse(&field("FirstCreated")),
        version_created: dates::parse(&field("ThisRevisionCreated")),
        embargoed_until: embargo.filter(|_| status == "embargoed"),
        provider: if sender.is_empty() {
            provider_id
        } else {
            sender.to_owned()
        },
        ..Draft::default()
    };
    let credit = draft.provider.clone();
    draft.pictures = components
        .iter()
        .filter_map(|c| picture(c, base, &credit))
        .collect();
    draft
}

/// The story's text: the content of the component whose role is the
/// body, else the first textual content outside the headline, contact
/// and style components.
fn body(components: &[&Element], base: Option<&Url>) -> String {
    let by_role = components
        .iter()
        .filter(|c| matches!(role(c).as_str(), "body" | "main" | "main text" | "text"))
        .find_map(|c| content_html(c, base));
    if let Some(html) = by_role {
        return html;
    }
    components
        .iter()
        .filter(|c| !NOT_BODY_ROLES.contains(&role(c).as_str()))
        .find_map(|c| content_html(c, base))
        .unwrap_or_default()
}

/// The HTML of a component's first textual `ContentItem/DataContent`.
fn content_html(component: &Element, base: Option<&Url>) -> Option<String> {
    component.all("", "ContentItem").find_map(|item| {
        let mime = formal_name(item.child("", "MimeType")).to_ascii_lowercase();
        let textual = mime.is_empty()
            || mime.starts_with("text/")
            || mime.contains("xhtml")
            || mime.contains("nitf");
        if !textual || mime == "text/css" {
            return None;
        }
        let data = item.child("", "DataContent")?;
        let html = if data.elements().next().is_some() {
            markup::body_of(&data.children, base)
        } else {
            paragraphs(&data.text())
        };
        (!html.trim().is_empty()).then_some(html)
    })
}

/// Subject codes and, as Business Wire sends them, keyword properties.
fn subjects(components: &[&Element]) -> Vec<String> {
    let mut out = Vec::new();
    for component in components {
        if let Some(codes) = at(component, &["DescriptiveMetadata", "SubjectCode"]) {
            out.extend(
                codes
                    .elements()
                    .map(|s| s.attr_or_empty("FormalName").to_owned()),
            );
        }
        for metadata in component.all("", "Metadata") {
            let kind = formal_name(metadata.child("", "MetadataType")).to_ascii_lowercase();
            if kind.contains("keyword") {
                out.extend(
                    metadata
                        .all("", "Property")
                        .map(|p| p.attr_or_empty("Value").to_owned()),
                );
            }
        }
    }
    out
}

/// A component of picture renditions as one picture: the largest with a
/// web address. Video components (whose pictures are stills) are not.
fn picture(component: &Element, base: Option<&Url>, credit: &str) -> Option<WirePicture> {
    let items: Vec<&Element> = component.all("", "ContentItem").collect();
    let mime_of = |i: &Element| formal_name(i.child("", "MimeType")).to_ascii_lowercase();
    if items.iter().any(|i| mime_of(i).starts_with("video/")) {
        return None;
    }
    let candidates: Vec<WirePicture> = items
        .iter()
        .filter_map(|i| {
            let href = i.attr_or_empty("Href");
            let mime = mime_of(i);
            let image = if mime.is_empty() {
                looks_like_image(href)
            } else {
                is_image_type(&mime)
            };
            if !image {
                return None;
            }
            let property = |name: &str| {
                i.child("", "Characteristics").and_then(|c| {
                    c.all("", "Property")
                        .find(|p| p.attr_or_empty("FormalName") == name)
                        .and_then(|p| p.attr_or_empty("Value").parse().ok())
                })
            };
            Some(WirePicture {
                href: web_href(href, base)?,
                caption: String::new(),
                credit: credit.to_owned(),
                width: property("PixelWidth"),
                height: property("PixelHeight"),
                mime,
            })
        })
        .collect();
    let mut best = largest(candidates, |p| {
        (
            u64::from(p.width.unwrap_or(0)) * u64::from(p.height.unwrap_or(0)),
            0,
        )
    })?;
    best.caption = component
        .child("", "NewsLines")
        .map(|l| {
            let headline = l.text_of("", "HeadLine");
            if headline.is_empty() {
                l.text_of("", "Caption")
            } else {
                headline
            }
        })
        .unwrap_or_default();
    Some(best)
}
