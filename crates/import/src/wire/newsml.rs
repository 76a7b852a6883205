//! IPTC NewsML-G2: a `newsItem`, a `packageItem`, or a `newsMessage`
//! carrying several in its `itemSet`. Elements are recognised by the
//! NewsML-G2 namespace, whatever prefix the file gives it.
//!
//! Of the other G2 items, concepts, knowledge items, planning items and
//! catalogs describe things rather than report them: they are not news
//! for the wires queue and are refused (alone) or left out (in a message).

use url::Url;

use super::dates;
use super::item::{
    code_of, is_image_type, label, largest, looks_like_image, pub_status, web_href, Draft,
};
use super::markup;
use super::model::{AltId, Parsed, WireFormat, WireKind, WirePicture};
use super::text::{escape, paragraphs};
use super::xml::{Element, NS_G2};
use super::Source;
use crate::error::Result;

pub fn parse(root: &Element, source: &Source<'_>) -> Result<Parsed> {
    let mut parsed = Parsed {
        format: WireFormat::NewsmlG2,
        items: Vec::new(),
        skipped: Vec::new(),
    };
    let items: Vec<&Element> = match root.name.as_str() {
        "newsItem" | "packageItem" => vec![root],
        "newsMessage" => {
            let Some(set) = root.child(NS_G2, "itemSet") else {
                return Err(source.error(
                    root.offset,
                    "a NewsML-G2 <newsMessage> without an <itemSet>: it carries no items",
                ));
            };
            set.elements().collect()
        }
        other => {
            return Err(source.error(
                root.offset,
                format!("NewsML-G2 <{other}> holds no news: not taken"),
            ))
        }
    };
    for (index, el) in items.into_iter().enumerate() {
        let guid = el.attr_or_empty("guid").to_owned();
        let line = Some(source.position(el.offset).0);
        if !(el.is(NS_G2, "newsItem") || el.is(NS_G2, "packageItem")) {
            parsed.skipped.push(format!(
                "{}: NewsML-G2 <{}> holds no news: not taken",
                label(index, &guid, line),
                el.name
            ));
            continue;
        }
        match item(el, source.base.as_ref()).finish(WireFormat::NewsmlG2) {
            Ok(item) => parsed.items.push(item),
            Err(reason) => parsed.skipped.push(format!(
                "{}: {reason}: not taken",
                label(index, &guid, line)
            )),
        }
    }
    Ok(parsed)
}

fn child<'a>(el: Option<&'a Element>, name: &str) -> Option<&'a Element> {
    el.and_then(|e| e.child(NS_G2, name))
}

fn children<'a>(el: Option<&'a Element>, name: &'a str) -> Vec<&'a Element> {
    el.map(|e| e.all(NS_G2, name).collect()).unwrap_or_default()
}

fn text(el: Option<&Element>) -> String {
    el.map(|e| e.text().trim().to_owned()).unwrap_or_default()
}

/// What a concept-like element (provider, copyright holder, subject)
/// is called: its `name`, else its `@literal`, else its code.
fn concept_name(el: &Element, language: &str) -> String {
    let names: Vec<&Element> = el.all(NS_G2, "name").collect();
    let primary = language.split('-').next().unwrap_or("");
    let chosen = names
        .iter()
        .find(|n| !primary.is_empty() && n.lang().split('-').next() == Some(primary))
        .or_else(|| names.iter().find(|n| n.lang().is_empty()))
        .or_else(|| names.first());
    if let Some(name) = chosen.map(|n| n.text().trim().to_owned()) {
        if !name.is_empty() {
            return name;
        }
    }
    let literal = el.attr_or_empty("literal");
    if !literal.is_empty() {
        return literal.to_owned();
    }
    let qcode = el.attr_or_empty("qcode");
    if !qcode.is_empty() {
        return code_of(qcode).to_owned();
    }
    // A provider known only by its address ("http://www.acmenews.com/about/").
    Url::parse(el.attr_or_empty("uri"))
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default()
}

fn item(el: &Element, base: Option<&Url>) -> Draft {
    let meta = el.child(NS_G2, "itemMeta");
    let content = el.child(NS_G2, "contentMeta");
    let content_set = el.child(NS_G2, "contentSet");
    let language = [
        child(content, "language").map_or("", |l| l.attr_or_empty("tag")),
        content.map_or("", Element::lang),
        el.lang(),
    ]
    .into_iter()
    .find(|l| !l.is_empty())
    .unwrap_or("")
    .to_owned();
    let kind = if el.name == "packageItem" {
        WireKind::Composite
    } else {
        item_class(child(meta, "itemClass"))
    };
    let rights = el.child(NS_G2, "rightsInfo");
    let holder = child(rights, "copyrightHolder")
        .map(|h| concept_name(h, &language))
        .unwrap_or_default();
    let creditline = text(child(content, "creditline"));
    let by = text(child(content, "by"));
    let byline = if by.is_empty() {
        let creators: Vec<String> = children(content, "creator")
            .into_iter()
            .map(|c| concept_name(c, &language))
            .filter(|n| !n.is_empty())
            .collect();
        creators.join(", ")
    } else {
        by
    };
    let picture_like = matches!(kind, WireKind::Picture | WireKind::Graphic);
    let lead = description(content, picture_like);
    let mut draft = Draft {
        guid: el.attr_or_empty("guid").to_owned(),
        // The schema's default; a version that is not a number is not one.
        version: match el.attr_or_empty("version") {
            "" => Some(1),
            v => v.parse().ok(),
        },
        kind: Some(kind),
        pub_status: child(meta, "pubStatus").map(|p| pub_status(p.attr_or_empty("qcode"))),
        headline: headline(content),
        other_names: vec![text(child(meta, "title")), text(child(content, "slugline"))],
        lead: lead.clone(),
        body_html: content_set.map(|s| body(s, base)).unwrap_or_default(),
        byline: byline.clone(),
        credit: creditline.clone(),
        copyright_holder: holder.clone(),
        copyright: text(child(rights, "copyrightNotice")),
        usage_terms: text(child(rights, "usageTerms")),
        urgency: text(child(content, "urgency")).parse().ok(),
        subjects: children(content, "subject")
            .into_iter()
            .map(|s| concept_name(s, &language))
            .collect(),
        link: children(meta, "link")
            .into_iter()
            .filter(|l| {
                let t = l.attr_or_empty("contenttype");
                t.is_empty() || t.contains("html")
            })
            .find_map(|l| web_href(l.attr_or_empty("href"), base))
            .unwrap_or_default(),
        first_created: dates::parse(&text(child(meta, "firstCreated")))
            .or_else(|| dates::parse(&text(child(content, "contentCreated")))),
        version_created: dates::parse(&text(child(meta, "versionCreated"))),
        embargoed_until: dates::parse(&text(child(meta, "embargoed"))),
        alt_ids: children(meta, "altId")
            .into_iter()
            .chain(children(content, "altId"))
            .map(|a| AltId {
                kind: a.attr_or_empty("type").to_owned(),
                value: a.text(),
            })
            .collect(),
        provider: child(meta, "provider")
            .map(|p| concept_name(p, &language))
            .unwrap_or_default(),
        language,
        ..Draft::default()
    };
    let picture_credit = [creditline, holder, byline]
        .into_iter()
        .find(|c| !c.is_empty())
        .unwrap_or_default();
    if picture_like {
        if let Some(set) = content_set {
            draft
                .pictures
                .extend(own_picture(set, base, &lead, &picture_credit));
        }
    }
    if el.name == "packageItem" {
        let refs = el.descendants(NS_G2, "itemRef");
        if draft.body_html.is_empty() {
            draft.body_html = package_body(&refs);
        }
        draft.pictures.extend(referenced_pictures(&refs, base));
    }
    draft
}

/// `itemClass/@qcode` (or its URI form) as a kind; an item that does not
/// say is text.
fn item_class(class: Option<&Element>) -> WireKind {
    let Some(class) = class else {
        return WireKind::Text;
    };
    let code = match class.attr_or_empty("qcode") {
        "" => code_of(class.attr_or_empty("uri")),
        qcode => code_of(qcode),
    };
    match code {
        "" => WireKind::Text,
        other => WireKind::parse(other),
    }
}

/// The main headline: one without a role or with a "main" role first.
fn headline(content: Option<&Element>) -> String {
    let all = children(content, "headline");
    let main = |h: &&Element| {
        let role = h.attr_or_empty("role");
        role.is_empty() || code_of(role).eq_ignore_ascii_case("main")
    };
    all.iter()
        .find(|h| main(h))
        .or_else(|| all.first())
        .map(|h| h.text())
        .unwrap_or_default()
}

/// The description that serves as lead: a summary first (a caption first
/// for a picture), then one without a role, then any.
fn description(content: Option<&Element>, picture: bool) -> String {
    let all = children(content, "description");
    let rank = |d: &&Element| {
        let role = code_of(d.attr_or_empty("role")).to_ascii_lowercase();
        match (role.as_str(), picture) {
            ("caption", true) | ("summary", false) => 0,
            ("summary", true) | ("caption", false) => 1,
            ("", _) => 2,
            _ => 3,
        }
    };
    all.iter()
        .min_by_key(|d| rank(d))
        .map(|d| d.text())
        .unwrap_or_default()
}

/// The text of `contentSet`: the first inline XML (NITF or XHTML) with
/// content, else inline data (text, or HTML when so typed).
fn body(set: &Element, base: Option<&Url>) -> String {
    for inline in set.all(NS_G2, "inlineXML") {
        let html = markup::body_of(&inline.children, base);
        if !html.is_empty() {
            return html;
        }
    }
    for data in set.all(NS_G2, "inlineData") {
        let value = data.text();
        if value.trim().is_empty() {
            continue;
        }
        return if data.attr_or_empty("contenttype").contains("html") {
            value.trim().to_owned()
        } else {
            paragraphs(&value)
        };
    }
    String::new()
}

/// A picture item's picture: the largest `remoteContent` rendition with a
/// web address; when none has one (a file naming its renditions relative
/// to itself, read from disk), the largest with the address left empty,
/// so the item still says what its picture is.
fn own_picture(
    set: &Element,
    base: Option<&Url>,
    caption: &str,
    credit: &str,
) -> Option<WirePicture> {
    let renditions: Vec<WirePicture> = set
        .all(NS_G2, "remoteContent")
        .filter(|r| {
            let mime = r.attr_or_empty("contenttype");
            if mime.is_empty() {
                looks_like_image(r.attr_or_empty("href")) || r.attr("width").is_some()
            } else {
                is_image_type(mime)
            }
        })
        .map(|r| WirePicture {
            href: web_href(r.attr_or_empty("href"), base).unwrap_or_default(),
            caption: caption.to_owned(),
            credit: credit.to_owned(),
            width: r.attr_or_empty("width").parse().ok(),
            height: r.attr_or_empty("height").parse().ok(),
            mime: r.attr_or_empty("contenttype").to_owned(),
        })
        .collect();
    largest(renditions, |p| {
        (
            u64::from(!p.href.is_empty()),
            u64::from(p.width.unwrap_or(0)) * u64::from(p.height.unwrap_or(0)),
        )
    })
}

/// A package's body: the items it holds, by title and description.
fn package_body(refs: &[&Element]) -> String {
    let entries: Vec<String> = refs
        .iter()
        .filter_map(|r| {
            let title = text(r.child(NS_G2, "title"));
            let summary = text(r.child(NS_G2, "description"));
            let summary = super::text::one_line(&summary);
            match (title.is_empty(), summary.is_empty()) {
                (true, true) => None,
                (false, true) => Some(format!("<li>{}</li>", escape(&title))),
                (true, false) => Some(format!("<li>{}</li>", escape(&summary))),
                (false, false) => Some(format!(
                    "<li><strong>{}</strong>: {}</li>",
                    escape(&title),
                    escape(&summary)
                )),
            }
        })
        .collect();
    if entries.is_empty() {
        return String::new();
    }
    format!("<ul>\n{}\n</ul>", entries.join("\n"))
}

/// Pictures a package refers to by a web address.
fn referenced_pictures(refs: &[&Element], base: Option<&Url>) -> Vec<WirePicture> {
    refs.iter()
        .filter(|r| {
            let class = item_class(r.child(NS_G2, "itemClass"));
            matches!(class, WireKind::Picture | WireKind::Graphic)
                || is_image_type(r.attr_or_empty("contenttype"))
        })
        .filter_map(|r| {
            let caption = [
                text(r.child(NS_G2, "description")),
                text(r.child(NS_G2, "title")),
            ]
            .into_iter()
            .find(|c| !c.is_empty())
            .unwrap_or_default();
            Some(WirePicture {
                href: web_href(r.attr_or_empty("href"), base)?,
                caption,
                ..WirePicture::default()
            })
        })
        .collect()
}
