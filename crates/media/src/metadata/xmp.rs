//! XMP packets: reading the IPTC Core properties Dateline pre-fills, and
//! writing the minimal packet (credit, copyright, creator) that public
//! renditions carry.
//!
//! Properties are matched by namespace URI, not prefix, so a packet that
//! binds Dublin Core to `dc2:` still reads. Both RDF forms are understood:
//! properties as elements (with `rdf:Alt`/`rdf:Seq`/`rdf:Bag` lists) and
//! simple properties as attributes of `rdf:Description`.

use quick_xml::escape::{escape, resolve_predefined_entity};
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};

use super::{clean, parse_offset, unix_time, EmbeddedMetadata};

const DC: &str = "http://purl.org/dc/elements/1.1/";
const PHOTOSHOP: &str = "http://ns.adobe.com/photoshop/1.0/";
const IPTC_CORE: &str = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/";
const EXIF: &str = "http://ns.adobe.com/exif/1.0/";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Property {
    Caption,
    Headline,
    Title,
    AltText,
    Credit,
    Copyright,
    Creator,
    Source,
    Keywords,
    DateCreated,
    DateTimeOriginal,
}

fn property(namespace: &str, local: &str) -> Option<Property> {
    Some(match (namespace, local) {
        (DC, "description") => Property::Caption,
        (DC, "title") => Property::Title,
        (DC, "rights") => Property::Copyright,
        (DC, "creator") => Property::Creator,
        (DC, "subject") => Property::Keywords,
        (PHOTOSHOP, "Headline") => Property::Headline,
        (PHOTOSHOP, "Credit") => Property::Credit,
        (PHOTOSHOP, "Source") => Property::Source,
        (PHOTOSHOP, "DateCreated") => Property::DateCreated,
        (IPTC_CORE, "AltTextAccessibility") => Property::AltText,
        (EXIF, "DateTimeOriginal") => Property::DateTimeOriginal,
        _ => return None,
    })
}

/// A property being read: its list items (with their `xml:lang`) or text.
struct Open {
    property: Property,
    depth: usize,
    items: Vec<(Option<String>, String)>,
    in_item: bool,
    text: String,
}

#[derive(Default)]
struct Values {
    found: Vec<(Property, Vec<String>)>,
}

impl Values {
    fn first(&self, wanted: Property) -> String {
        self.found
            .iter()
            .find(|(p, values)| *p == wanted && !values.is_empty())
            .map(|(_, values)| values[0].clone())
            .unwrap_or_default()
    }

    fn all(&self, wanted: Property) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (_, values) in self.found.iter().filter(|(p, _)| *p == wanted) {
            for value in values {
                if !out.contains(value) {
                    out.push(value.clone());
                }
            }
        }
        out
    }
}

/// The values of a finished property: the `x-default` language first for
/// language alternatives, otherwise the items in order, or the plain text.
fn finish(open: Open) -> (Property, Vec<String>) {
    let mut items = open.items;
    if let Some(pos) = items
        .iter()
        .position(|(lang, _)| lang.as_deref() == Some("x-default"))
    {
        let default = items.remove(pos);
        items.insert(0, default);
    }
    let mut values: Vec<String> = items
        .into_iter()
        .map(|(_, text)| clean(&text))
        .filter(|t| !t.is_empty())
        .collect();
    if values.is_empty() {
        let text = clean(&open.text);
        if !text.is_empty() {
            values.push(text);
        }
    }
    (open.property, values)
}

fn namespace_of(resolved: &ResolveResult<'_>) -> String {
    match resolved {
        ResolveResult::Bound(ns) => ns.as_ref().to_owned(),
        _ => String::new(),
    }
}

fn read_values(packet: &str) -> Values {
    let mut reader = NsReader::from_str(packet);
    let mut values = Values::default();
    let mut open: Option<Open> = None;
    let mut depth = 0usize;
    // A broken packet keeps whatever was read before the damage.
    while let Ok((resolved, event)) = reader.read_resolved_event() {
        let namespace = namespace_of(&resolved);
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let local = e.local_name().as_ref().to_owned();
                // Simple properties written as attributes.
                for attr in e.attributes().flatten() {
                    let (ns, name) = reader.resolver().resolve_attribute(attr.key);
                    let found = property(&namespace_of(&ns), name.as_ref());
                    if let (Some(p), Ok(value)) =
                        (found, attr.normalized_value(XmlVersion::Implicit1_0))
                    {
                        let value = clean(&value);
                        if !value.is_empty() {
                            values.found.push((p, vec![value]));
                        }
                    }
                }
                if let Some(current) = open.as_mut() {
                    if namespace == RDF && local == "li" {
                        let lang = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == "xml:lang")
                            .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
                            .map(|v| v.into_owned());
                        current.items.push((lang, String::new()));
                        current.in_item = !empty;
                    }
                } else if !empty {
                    open = property(&namespace, &local).map(|property| Open {
                        property,
                        depth,
                        items: Vec::new(),
                        in_item: false,
                        text: String::new(),
                    });
                }
                if !empty {
                    depth += 1;
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if let Some(current) = open.as_mut() {
                    if current.depth == depth {
                        if let Some(done) = open.take() {
                            values.found.push(finish(done));
                        }
                    } else {
                        current.in_item = false;
                    }
                }
            }
            Event::Text(ref t) => push_text(&mut open, &t.xml10_content()),
            Event::CData(ref c) => push_text(&mut open, c),
            Event::GeneralRef(ref r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => resolve_predefined_entity(r).map(str::to_owned),
                };
                if let Some(text) = resolved {
                    push_text(&mut open, &text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    values
}

fn push_text(open: &mut Option<Open>, text: &str) {
    if let Some(current) = open.as_mut() {
        match current.items.last_mut() {
            Some((_, item)) if current.in_item => item.push_str(text),
            _ => current.text.push_str(text),
        }
    }
}

/// `YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM]`, the XMP date form.
fn xmp_date(value: &str) -> Option<i64> {
    let num = |s: &str, range: std::ops::Range<usize>| s.get(range)?.parse::<u32>().ok();
    let year = i32::try_from(num(value, 0..4)?).ok()?;
    let (month, day) = (
        num(value, 5..7).unwrap_or(1),
        num(value, 8..10).unwrap_or(1),
    );
    let Some(time) = value.get(11..) else {
        return unix_time((year, month, day), (0, 0, 0), 0);
    };
    let zone_at = time.find(['Z', 'z', '+', '-']).unwrap_or(time.len());
    let (clock, zone) = time.split_at(zone_at);
    let hms = (
        num(clock, 0..2)?,
        num(clock, 3..5)?,
        num(clock, 6..8).unwrap_or(0),
    );
    unix_time((year, month, day), hms, parse_offset(zone).unwrap_or(0))
}

pub(super) fn parse(packet: &str) -> EmbeddedMetadata {
    let v = read_values(packet);
    let date = v
        .all(Property::DateCreated)
        .first()
        .and_then(|d| xmp_date(d))
        .or_else(|| {
            v.all(Property::DateTimeOriginal)
                .first()
                .and_then(|d| xmp_date(d))
        });
    EmbeddedMetadata {
        caption: v.first(Property::Caption),
        headline: v.first(Property::Headline),
        title: v.first(Property::Title),
        alt_text: v.first(Property::AltText),
        credit: v.first(Property::Credit),
        copyright: v.first(Property::Copyright),
        creator: v.all(Property::Creator).join(", "),
        source: v.first(Property::Source),
        keywords: v.all(Property::Keywords),
        taken_at: date,
        orientation: 0,
    }
}

/// The XMP packet public renditions carry: the credit line, the copyright
/// notice and the creator, nothing else (no GPS, no camera data). `None`
/// when all three are empty.
pub fn xmp_packet(credit: &str, copyright: &str, creator: &str) -> Option<String> {
    let (credit, copyright, creator) = (credit.trim(), copyright.trim(), creator.trim());
    if credit.is_empty() && copyright.is_empty() && creator.is_empty() {
        return None;
    }
    let mut body = String::new();
    if !credit.is_empty() {
        body.push_str(&format!(
            "<photoshop:Credit>{}</photoshop:Credit>",
            escape(credit)
        ));
    }
    if !copyright.is_empty() {
        body.push_str(&format!(
            "<dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:rights>",
            escape(copyright)
        ));
    }
    if !creator.is_empty() {
        body.push_str(&format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
            escape(creator)
        ));
    }
    Some(format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
         <rdf:Description rdf:about=\"\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\">{body}</rdf:Description>\
         </rdf:RDF></x:xmpmeta><?xpacket end=\"r\"?>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACKET: &str = r#"<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:d="http://purl.org/dc/elements/1.1/"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
    photoshop:Credit="Northwind &amp; Co"
    photoshop:DateCreated="2024-05-17T14:30:00+03:00">
   <d:description><rdf:Alt>
     <rdf:li xml:lang="ru">Подпись</rdf:li>
     <rdf:li xml:lang="x-default">Rescue workers in Kyiv &#8212; May 17</rdf:li>
   </rdf:Alt></d:description>
   <d:creator><rdf:Seq><rdf:li>Jane Roe</rdf:li><rdf:li>John Doe</rdf:li></rdf:Seq></d:creator>
   <d:subject><rdf:Bag><rdf:li>rescue</rdf:li><rdf:li>Kyiv</rdf:li></rdf:Bag></d:subject>
   <photoshop:Source>Northwind Agency</photoshop:Source>
   <Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang="x-default">Two workers lift a beam</rdf:li></rdf:Alt></Iptc4xmpCore:AltTextAccessibility>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>"#;

    #[test]
    fn reads_elements_attributes_and_languages() {
        let m = parse(PACKET);
        assert_eq!(m.caption, "Rescue workers in Kyiv — May 17");
        assert_eq!(m.credit, "Northwind & Co");
        assert_eq!(m.creator, "Jane Roe, John Doe");
        assert_eq!(m.keywords, ["rescue", "Kyiv"]);
        assert_eq!(m.source, "Northwind Agency");
        assert_eq!(m.alt_text, "Two workers lift a beam");
        assert_eq!(m.taken_at, Some(1_715_945_400));
    }

    #[test]
    fn written_packets_read_back() {
        let packet = xmp_packet("Photo: A <B>", "© 2024 \"Agency\"", "Jane Roe").unwrap();
        let m = parse(&packet);
        assert_eq!(
            (m.credit.as_str(), m.copyright.as_str(), m.creator.as_str()),
            ("Photo: A <B>", "© 2024 \"Agency\"", "Jane Roe")
        );
        assert_eq!(xmp_packet(" ", "", ""), None);
    }

    #[test]
    fn broken_packets_keep_what_was_read() {
        let broken = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description xmlns:photoshop='http://ns.adobe.com/photoshop/1.0/' photoshop:Credit='Kept'><oops";
        assert_eq!(parse(broken).credit, "Kept");
        assert_eq!(parse("not xml at all").caption, "");
    }

    #[test]
    fn dates_in_every_precision() {
        assert_eq!(xmp_date("2024-05-17"), Some(1_715_904_000));
        assert_eq!(xmp_date("2024-05-17T14:30Z"), Some(1_715_956_200));
        assert_eq!(
            xmp_date("2024-05-17T14:30:00.25-01:00"),
            Some(1_715_959_800)
        );
    }
}
