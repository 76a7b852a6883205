//! IPTC ninjs (News in JSON) 1.x, 2.x and 3.x.
//!
//! The versions differ in spelling more than in substance: 1.x has
//! `headline`, `body_html`, `description_text` (and from 1.3 any
//! `headline_*`/`body_*`/`description_*`), 2.x has arrays `headlines`,
//! `bodies`, `descriptions` with roles and content types, and 3.x writes
//! the same names in camelCase (`versionCreated`, `altIds`). Keys are
//! therefore looked up without regard to case, and each field is read
//! from whichever spelling the item uses.

use serde_json::{Map, Value};
use url::Url;

use super::dates;
use super::item::{is_image_type, label, largest, looks_like_image, pub_status, web_href, Draft};
use super::model::{AltId, Parsed, WireFormat, WireKind, WirePicture};
use super::text::{document_body, html_line, looks_like_html, one_line, paragraphs};
use super::Source;

/// How deep associations inside associations are followed: a composite's
/// gallery's pictures are at depth 2; more is a crafted file.
const MAX_ASSOCIATION_DEPTH: usize = 4;

/// The ninjs items `value` holds: one object, a list of them, or a
/// collection object (`items`/`data`) holding a list; `None` when the
/// JSON is not ninjs.
pub fn recognise(value: &Value) -> Option<Vec<&Value>> {
    match value {
        Value::Object(map) if looks_like_ninjs(map) => Some(vec![value]),
        Value::Object(map) => ["items", "data", "results", "collection"]
            .iter()
            .filter_map(|k| get(map, k))
            .find_map(recognise_list),
        Value::Array(_) => recognise_list(value),
        _ => None,
    }
}

fn recognise_list(value: &Value) -> Option<Vec<&Value>> {
    let list = value.as_array()?;
    list.iter()
        .any(|v| v.as_object().is_some_and(looks_like_ninjs))
        .then(|| list.iter().collect())
}

/// An object that says it is ninjs, or has the identifier every ninjs
/// version requires (`uri`; `guid` in drafts before 1.0).
fn looks_like_ninjs(map: &Map<String, Value>) -> bool {
    let standard = ["$standard", "standard"]
        .iter()
        .filter_map(|k| get(map, k))
        .any(|s| {
            get_str(s.as_object(), "name")
                .to_ascii_lowercase()
                .contains("ninjs")
        });
    standard || !str_of(map, "uri").is_empty() || !str_of(map, "guid").is_empty()
}

pub fn parse(items: &[&Value], source: &Source<'_>) -> Parsed {
    let mut parsed = Parsed {
        format: WireFormat::Ninjs,
        items: Vec::new(),
        skipped: Vec::new(),
    };
    for (index, value) in items.iter().enumerate() {
        let Some(map) = value.as_object() else {
            parsed.skipped.push(format!(
                "{}: it is not a JSON object: not taken",
                label(index, "", None)
            ));
            continue;
        };
        let draft = draft(map, source.base.as_ref());
        let guid = draft.guid.clone();
        match draft.finish(WireFormat::Ninjs) {
            Ok(item) => parsed.items.push(item),
            Err(reason) => parsed.skipped.push(format!(
                "{}: {reason}: not taken",
                label(index, &guid, None)
            )),
        }
    }
    parsed
}

fn draft(map: &Map<String, Value>, base: Option<&Url>) -> Draft {
    let kind = kind_of(map);
    let holder = copyright_holder(map);
    let mut draft = Draft {
        guid: first_str(map, &["uri", "guid"]),
        version: get(map, "version").and_then(integer),
        kind: Some(kind),
        pub_status: Some(pub_status(&str_of(map, "pubstatus"))),
        headline: headline(map),
        other_names: vec![str_of(map, "title"), str_of(map, "slugline")],
        lead: lead(map),
        body_html: body(map),
        byline: byline(map),
        credit: description_with_role(map, "creditline"),
        copyright_holder: holder.clone(),
        copyright: rights_field(map, "copyrightnotice"),
        usage_terms: rights_field(map, "usageterms"),
        language: str_of(map, "language"),
        urgency: get(map, "urgency").and_then(integer),
        subjects: subjects(map),
        link: link(map, base),
        first_created: date(map, "firstcreated").or_else(|| date(map, "contentcreated")),
        version_created: date(map, "versioncreated"),
        embargoed_until: date(map, "embargoed").or_else(|| date(map, "embargoeduntil")),
        pictures: Vec::new(),
        alt_ids: alt_ids(map),
        // ninjs names no provider: whoever holds the copyright is the
        // nearest thing.
        provider: holder,
    };
    if matches!(kind, WireKind::Picture | WireKind::Graphic) {
        draft.pictures.extend(picture(map, base));
    }
    associated_pictures(map, base, 1, &mut draft.pictures);
    draft
}

/// `type`; an item that does not say is text (ninjs' own default).
fn kind_of(map: &Map<String, Value>) -> WireKind {
    match str_of(map, "type").to_ascii_lowercase().as_str() {
        "" => WireKind::Text,
        other => WireKind::parse(other),
    }
}

/// The value of `key`, its spelling's case ignored (3.x is camelCase).
fn get<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).or_else(|| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

/// A string (or number) field, trimmed; "" when absent or of another type.
fn str_of(map: &Map<String, Value>, key: &str) -> String {
    match get(map, key) {
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn get_str(map: Option<&Map<String, Value>>, key: &str) -> String {
    map.map(|m| str_of(m, key)).unwrap_or_default()
}

fn first_str(map: &Map<String, Value>, keys: &[&str]) -> String {
    keys.iter()
        .map(|k| str_of(map, k))
        .find(|s| !s.is_empty())
        .unwrap_or_default()
}

/// An integer given as a number or a string ("1"); `None` for "1.2".
fn integer(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn date(map: &Map<String, Value>, key: &str) -> Option<i64> {
    dates::parse(&str_of(map, key))
}

/// The entries of an array field (an absent or odd field has none).
fn array<'a>(map: &'a Map<String, Value>, key: &str) -> &'a [Value] {
    get(map, key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Fields matching `prefix_*` (1.3+ pattern properties: `headline_main`,
/// `body_richtext`), the `_main` one first.
fn patterned<'a>(map: &'a Map<String, Value>, prefix: &str) -> Vec<(&'a str, &'a str)> {
    let mut found: Vec<(&str, &str)> = map
        .iter()
        .filter_map(|(k, v)| {
            let head = k.get(..prefix.len())?;
            let suffix = k.get(prefix.len()..)?.strip_prefix('_')?;
            (head.eq_ignore_ascii_case(prefix) && !suffix.is_empty())
                .then_some((suffix, v.as_str()?))
        })
        .filter(|(_, v)| !v.trim().is_empty())
        .collect();
    found.sort_by_key(|(suffix, _)| !suffix.eq_ignore_ascii_case("main"));
    found
}

/// A `{role, contentType, value}` entry of `headlines`, `descriptions`, `bodies`.
struct Entry<'a> {
    role: String,
    content_type: String,
    value: &'a str,
}

fn entries<'a>(map: &'a Map<String, Value>, key: &str) -> Vec<Entry<'a>> {
    array(map, key)
        .iter()
        .filter_map(Value::as_object)
        .filter_map(|e| {
            let value = get(e, "value")?.as_str()?;
            (!value.trim().is_empty()).then(|| Entry {
                role: str_of(e, "role").to_ascii_lowercase(),
                content_type: first_str(e, &["contenttype", "mimetype"]).to_ascii_lowercase(),
                value,
            })
        })
        .collect()
}

fn is_html_type(content_type: &str) -> bool {
    content_type.contains("html")
}

/// An entry's value as plain text.
fn entry_text(entry: &Entry<'_>) -> String {
    if is_html_type(&entry.content_type) || looks_like_html(entry.value) {
        html_line(entry.value)
    } else {
        one_line(entry.value)
    }
}

fn headline(map: &Map<String, Value>) -> String {
    let plain = str_of(map, "headline");
    if !plain.is_empty() {
        return html_line(&plain);
    }
    let list = entries(map, "headlines");
    let chosen = list
        .iter()
        .find(|e| e.role == "main")
        .or_else(|| list.iter().find(|e| e.role.is_empty()))
        .or_else(|| list.first());
    if let Some(entry) = chosen {
        return entry_text(entry);
    }
    patterned(map, "headline")
        .first()
        .map(|(_, v)| html_line(v))
        .unwrap_or_default()
}

/// The summary: `description_text`, the best of `descriptions`, else a
/// `description_*` field.
fn lead(map: &Map<String, Value>) -> String {
    let plain = str_of(map, "description_text");
    if !plain.is_empty() {
        return one_line(&plain);
    }
    for key in ["description_html", "description_xhtml"] {
        let html = str_of(map, key);
        if !html.is_empty() {
            return html_line(&html);
        }
    }
    let list = entries(map, "descriptions");
    // A summary is what a lead is; a caption or a text serves for a
    // picture or an event; a credit line never does.
    let rank = |role: &str| match role {
        "summary" | "abstract" => 0,
        "" => 1,
        "caption" | "description" => 2,
        "creditline" => u8::MAX,
        _ => 3,
    };
    if let Some(best) = list
        .iter()
        .filter(|e| rank(&e.role) < u8::MAX)
        .min_by_key(|e| rank(&e.role))
    {
        return entry_text(best);
    }
    patterned(map, "description")
        .first()
        .map(|(suffix, v)| {
            if suffix.eq_ignore_ascii_case("text") && !looks_like_html(v) {
                one_line(v)
            } else {
                html_line(v)
            }
        })
        .unwrap_or_default()
}

fn description_with_role(map: &Map<String, Value>, role: &str) -> String {
    entries(map, "descriptions")
        .iter()
        .find(|e| e.role == role)
        .map(entry_text)
        .unwrap_or_default()
}

/// The body as HTML: `body_html`/`body_xhtml`, the best of `bodies`
/// (HTML before plain text, role "main" first), `body_text` as
/// paragraphs, else a `body_*` field.
fn body(map: &Map<String, Value>) -> String {
    for key in ["body_html", "body_xhtml"] {
        let html = str_of(map, key);
        if !html.is_empty() {
            return document_body(&html).to_owned();
        }
    }
    let list = entries(map, "bodies");
    let html = |e: &&Entry<'_>| {
        is_html_type(&e.content_type) || (e.content_type.is_empty() && looks_like_html(e.value))
    };
    let plain = |e: &&Entry<'_>| {
        e.content_type.starts_with("text/plain")
            || (e.content_type.is_empty() && !looks_like_html(e.value))
    };
    let chosen_html = list
        .iter()
        .filter(html)
        .find(|e| e.role == "main")
        .or_else(|| list.iter().find(html));
    if let Some(entry) = chosen_html {
        return document_body(entry.value).to_owned();
    }
    if let Some(entry) = list
        .iter()
        .filter(plain)
        .find(|e| e.role == "main")
        .or_else(|| list.iter().find(plain))
    {
        return paragraphs(entry.value);
    }
    let text = str_of(map, "body_text");
    if !text.is_empty() {
        return paragraphs(&text);
    }
    match patterned(map, "body").first() {
        Some((_, v)) if looks_like_html(v) => document_body(v).to_owned(),
        Some((_, v)) => paragraphs(v),
        None => String::new(),
    }
}

/// `byline` (1.x), `by` (2.x/3.x), else the people marked as authors.
fn byline(map: &Map<String, Value>) -> String {
    let direct = first_str(map, &["byline", "by"]);
    if !direct.is_empty() {
        return direct;
    }
    let authors: Vec<String> = ["authors", "people", "person"]
        .iter()
        .flat_map(|key| array(map, key))
        .filter_map(Value::as_object)
        .filter(|p| {
            let rel = format!("{} {}", str_of(p, "rel"), str_of(p, "role")).to_ascii_lowercase();
            rel.contains("author") || rel.contains("creator") || rel.contains("byline")
        })
        .map(|p| str_of(p, "name"))
        .filter(|n| !n.is_empty())
        .collect();
    authors.join(", ")
}

/// `copyrightholder` as a string or an object with a name, at the top or
/// inside `rightsinfo`.
fn copyright_holder(map: &Map<String, Value>) -> String {
    let named = |v: Option<&Value>| match v {
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Object(o)) => str_of(o, "name"),
        _ => String::new(),
    };
    let top = named(get(map, "copyrightholder"));
    if !top.is_empty() {
        return top;
    }
    named(
        get(map, "rightsinfo")
            .and_then(Value::as_object)
            .and_then(|r| get(r, "copyrightholder")),
    )
}

/// A rights field at the top or inside `rightsinfo`.
fn rights_field(map: &Map<String, Value>, key: &str) -> String {
    let top = str_of(map, key);
    if !top.is_empty() {
        return top;
    }
    let inside = get(map, "rightsinfo").and_then(Value::as_object);
    match inside.and_then(|r| get(r, key)) {
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Object(o)) => first_str(o, &["name", "value"]),
        _ => String::new(),
    }
}

/// `subject` (1.x) and `subjects` (2.x/3.x): names, else codes.
fn subjects(map: &Map<String, Value>) -> Vec<String> {
    ["subject", "subjects"]
        .iter()
        .flat_map(|key| array(map, key))
        .filter_map(|s| match s {
            Value::String(s) => Some(s.trim().to_owned()),
            Value::Object(o) => Some(first_str(o, &["name", "literal", "code", "qcode", "uri"])),
            _ => None,
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// A web page of the item, when it lists links (`links`, not in the
/// standard but common) with an HTML one.
fn link(map: &Map<String, Value>, base: Option<&Url>) -> String {
    array(map, "links")
        .iter()
        .filter_map(Value::as_object)
        .filter(|l| {
            let t = first_str(l, &["contenttype", "mimetype", "type"]).to_ascii_lowercase();
            t.is_empty() || t.contains("html")
        })
        .find_map(|l| web_href(&str_of(l, "href"), base))
        .unwrap_or_default()
}

/// `altids`: an object of kind → value (1.x/2.0) or a list of
/// `{role|type, value}` (2.1+, 3.x).
fn alt_ids(map: &Map<String, Value>) -> Vec<AltId> {
    match get(map, "altids") {
        Some(Value::Object(o)) => o
            .iter()
            .filter_map(|(k, v)| {
                Some(AltId {
                    kind: k.clone(),
                    value: match v {
                        Value::String(s) => s.clone(),
                        Value::Number(n) => n.to_string(),
                        _ => return None,
                    },
                })
            })
            .collect(),
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_object)
            .map(|e| AltId {
                kind: first_str(e, &["role", "type"]),
                value: str_of(e, "value"),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Pictures and graphics among the associations, followed into nested
/// associations up to [`MAX_ASSOCIATION_DEPTH`].
fn associated_pictures(
    map: &Map<String, Value>,
    base: Option<&Url>,
    depth: usize,
    out: &mut Vec<WirePicture>,
) {
    if depth > MAX_ASSOCIATION_DEPTH {
        return;
    }
    let associated: Vec<&Map<String, Value>> = match get(map, "associations") {
        Some(Value::Object(o)) => o.values().filter_map(Value::as_object).collect(),
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    };
    for item in associated {
        match kind_of(item) {
            WireKind::Picture | WireKind::Graphic => out.extend(picture(item, base)),
            _ if str_of(item, "type").is_empty() => out.extend(picture(item, base)),
            _ => {}
        }
        associated_pictures(item, base, depth + 1, out);
    }
}

/// A rendition that may be the picture.
struct Rendition {
    href: String,
    mime: String,
    width: Option<u32>,
    height: Option<u32>,
    bytes: u64,
}

/// A picture item as a [`WirePicture`]: its largest image rendition with
/// a web address, its caption and credit. `None` when it has none.
fn picture(map: &Map<String, Value>, base: Option<&Url>) -> Option<WirePicture> {
    let renditions: Vec<&Map<String, Value>> = match get(map, "renditions") {
        Some(Value::Object(o)) => o.values().filter_map(Value::as_object).collect(),
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    };
    let candidates: Vec<Rendition> = renditions
        .into_iter()
        .filter_map(|r| {
            let raw = str_of(r, "href");
            let mime = first_str(r, &["contenttype", "mimetype"]);
            let image = if mime.is_empty() {
                looks_like_image(&raw)
            } else {
                is_image_type(&mime)
            };
            if !image {
                return None;
            }
            let dimension = |k: &str| {
                get(r, k)
                    .and_then(integer)
                    .and_then(|n| u32::try_from(n).ok())
            };
            Some(Rendition {
                href: web_href(&raw, base)?,
                mime,
                width: dimension("width"),
                height: dimension("height"),
                bytes: get(r, "sizeinbytes")
                    .and_then(integer)
                    .and_then(|n| u64::try_from(n).ok())
                    .unwrap_or(0),
            })
        })
        .collect();
    let best = largest(candidates, |r| {
        (
            u64::from(r.width.unwrap_or(0)) * u64::from(r.height.unwrap_or(0)),
            r.bytes,
        )
    })?;
    let caption = [
        lead(map),
        html_line(&str_of(map, "body_text")),
        headline(map),
    ]
    .into_iter()
    .find(|c| !c.is_empty())
    .unwrap_or_default();
    let credit = [
        description_with_role(map, "creditline"),
        copyright_holder(map),
        first_str(map, &["byline", "by"]),
    ]
    .into_iter()
    .find(|c| !c.is_empty())
    .unwrap_or_default();
    Some(WirePicture {
        href: best.href,
        caption,
        credit,
        width: best.width,
        height: best.height,
        mime: best.mime,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(json: &str) -> Draft {
        let value: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
        let map = value.as_object().unwrap_or_else(|| panic!("not an object"));
        draft(map, None)
    }

    #[test]
    fn versions_are_integers_or_nothing() {
        assert_eq!(one(r#"{"uri":"u","version":"3"}"#).version, Some(3));
        assert_eq!(one(r#"{"uri":"u","version":4}"#).version, Some(4));
        assert_eq!(one(r#"{"uri":"u","version":"1.2"}"#).version, None);
        assert_eq!(one(r#"{"uri":"u","version":"any text"}"#).version, None);
    }

    #[test]
    fn body_text_becomes_escaped_paragraphs() {
        let d = one(r#"{"uri":"u","body_text":"A < B\n\nC"}"#);
        assert_eq!(d.body_html, "<p>A &lt; B</p>\n<p>C</p>");
    }

    #[test]
    fn deep_associations_are_bounded() {
        let mut json = String::from(r#"{"uri":"u0","type":"composite""#);
        for level in 1..50 {
            json.push_str(&format!(
                r#","associations":{{"a":{{"uri":"u{level}","type":"picture","renditions":{{"r":{{"href":"http://e.com/{level}.jpg"}}}}"#
            ));
        }
        json.push_str(&"}}".repeat(49));
        json.push('}');
        let d = one(&json);
        assert_eq!(d.pictures.len(), MAX_ASSOCIATION_DEPTH);
    }
}
