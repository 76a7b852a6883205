//! A whole XML document read into a small tree, within limits.
//!
//! Wire files are small (at most [`super::MAX_WIRE_BYTES`]) and their
//! formats are easiest to map as a tree, so unlike the WXR reader this
//! one is not a stream. The safety rules are the WXR reader's: no
//! DOCTYPE at all (which refuses entity bombs and external entities
//! outright), no entities but XML's five, character references and, in
//! text, HTML's fixed table of named references, no element deeper than
//! [`MAX_DEPTH`]. Elements keep their namespace URI,
//! so `<media:content>` is recognised whatever prefix a feed binds.

use std::collections::HashMap;
use std::rc::Rc;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};
use quick_xml::NsReader;

/// Deepest nesting accepted. NewsML-G2 with NITF inside reaches about 12;
/// 64 leaves room for any real file and bounds every walk of the tree.
pub const MAX_DEPTH: usize = 64;

pub const NS_XML: &str = "http://www.w3.org/XML/1998/namespace";
pub const NS_G2: &str = "http://iptc.org/std/nar/2006-10-01/";
pub const NS_ATOM: &str = "http://www.w3.org/2005/Atom";
/// Atom 0.3, still served by a few old feeds.
pub const NS_ATOM_03: &str = "http://purl.org/atom/ns#";
pub const NS_RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const NS_RSS1: &str = "http://purl.org/rss/1.0/";
/// RSS 0.90, an RDF document like RSS 1.0.
pub const NS_RSS090: &str = "http://my.netscape.com/rdf/simple/0.9/";
pub const NS_CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";
pub const NS_DC: &str = "http://purl.org/dc/elements/1.1/";
pub const NS_MEDIA: &str = "http://search.yahoo.com/mrss/";
pub const NS_XHTML: &str = "http://www.w3.org/1999/xhtml";

/// An element with its attributes and content in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// The namespace URI, "" when the element is in none.
    pub ns: Rc<str>,
    /// The local name, without prefix.
    pub name: String,
    pub attrs: Vec<Attr>,
    pub children: Vec<Node>,
    /// Byte offset of the start tag in the decoded text, for messages.
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    /// "" for an unprefixed attribute, [`NS_XML`] for `xml:lang`.
    pub ns: Rc<str>,
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// Why a document was refused, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    pub offset: usize,
    pub reason: String,
}

impl Element {
    pub fn is(&self, ns: &str, name: &str) -> bool {
        &*self.ns == ns && self.name == name
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child `ns:name`.
    pub fn child(&self, ns: &str, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(ns, name))
    }

    /// The children `ns:name`.
    pub fn all<'a>(&'a self, ns: &'a str, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |e| e.is(ns, name))
    }

    /// The unprefixed attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attr_ns("", name)
    }

    /// The trimmed unprefixed attribute `name`, or "".
    pub fn attr_or_empty(&self, name: &str) -> &str {
        self.attr(name).map_or("", str::trim)
    }

    pub fn attr_ns(&self, ns: &str, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| &*a.ns == ns && a.name == name)
            .map(|a| a.value.as_str())
    }

    /// `xml:lang` on this element, trimmed; "" when it has none.
    pub fn lang(&self) -> &str {
        self.attr_ns(NS_XML, "lang").map_or("", str::trim)
    }

    /// All the text inside, in document order (elements' markup left out).
    pub fn text(&self) -> String {
        let mut out = String::new();
        // Explicit stack; the tree is bounded in depth anyway.
        let mut stack: Vec<std::slice::Iter<'_, Node>> = vec![self.children.iter()];
        while let Some(top) = stack.last_mut() {
            match top.next() {
                Some(Node::Text(t)) => out.push_str(t),
                Some(Node::Element(e)) => stack.push(e.children.iter()),
                None => {
                    stack.pop();
                }
            }
        }
        out
    }

    /// The trimmed text of the first child `ns:name`, or "".
    pub fn text_of(&self, ns: &str, name: &str) -> String {
        self.child(ns, name)
            .map(|c| c.text().trim().to_owned())
            .unwrap_or_default()
    }

    /// Every element `ns:name` below this one, in document order.
    pub fn descendants<'a>(&'a self, ns: &str, name: &str) -> Vec<&'a Element> {
        let mut found = Vec::new();
        let mut stack: Vec<std::slice::Iter<'a, Node>> = vec![self.children.iter()];
        while let Some(top) = stack.last_mut() {
            match top.next() {
                Some(Node::Element(e)) => {
                    if e.is(ns, name) {
                        found.push(e);
                    }
                    stack.push(e.children.iter());
                }
                Some(Node::Text(_)) => {}
                None => {
                    stack.pop();
                }
            }
        }
        found
    }
}

/// Namespace URIs shared between the elements that use them.
#[derive(Default)]
struct Interner(HashMap<String, Rc<str>>);

impl Interner {
    fn get(&mut self, uri: &str) -> Rc<str> {
        if let Some(rc) = self.0.get(uri) {
            return rc.clone();
        }
        let rc: Rc<str> = Rc::from(uri);
        self.0.insert(uri.to_owned(), rc.clone());
        rc
    }

    fn resolved(&mut self, resolved: &ResolveResult<'_>) -> Rc<str> {
        match resolved {
            ResolveResult::Bound(ns) => self.get(ns.as_ref()),
            ResolveResult::Unbound => self.get(""),
            // A prefix the file never declared: kept apart from every
            // known namespace, so the element is simply not recognised.
            ResolveResult::Unknown(prefix) => {
                self.get(&format!("urn:dateline:undeclared-prefix:{prefix}"))
            }
        }
    }
}

/// Reads `text` (a whole document) into its root element.
pub fn read(text: &str) -> Result<Element, XmlError> {
    let mut reader = NsReader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;
    let mut names = Interner::default();
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let offset = to_usize(reader.buffer_position());
        let (ns, event) = match reader.read_resolved_event() {
            Ok((resolved, event)) => (names.resolved(&resolved), event),
            Err(e) => {
                return Err(XmlError {
                    offset: to_usize(reader.error_position()),
                    reason: format!("this is not well-formed XML: {e}"),
                })
            }
        };
        let fail = |reason: String| Err(XmlError { offset, reason });
        match event {
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::DocType(_) => {
                return fail(
                    "a document type declaration (<!DOCTYPE>) is not allowed in wire copy: \
                     its entities could expand without bound (\"billion laughs\") or read \
                     other files (XXE)"
                        .into(),
                )
            }
            Event::Start(start) | Event::Empty(start) if stack.is_empty() && root.is_some() => {
                return fail(format!(
                    "a second root element <{}> after the first one ended: this is not one XML document",
                    qname(start.name())
                ));
            }
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return fail(too_deep());
                }
                let element = element(&reader, &mut names, ns, &start, offset)?;
                stack.push(element);
            }
            Event::Empty(start) => {
                if stack.len() >= MAX_DEPTH {
                    return fail(too_deep());
                }
                let element = element(&reader, &mut names, ns, &start, offset)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(element)),
                    None => root = Some(element),
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return fail("an end tag with no element open".into());
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(done)),
                    None => root = Some(done),
                }
            }
            Event::Text(t) => {
                let content = t.xml10_content();
                push_text(&mut stack, &content, offset)?;
            }
            Event::CData(c) => {
                let content = c.xml10_content();
                push_text(&mut stack, &content, offset)?;
            }
            Event::GeneralRef(r) => {
                let name = r.xml10_content();
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match named(&name) {
                        Some(c) => c,
                        None => return fail(unknown_entity(&name)),
                    },
                    Err(e) => return fail(format!("a bad character reference &{name};: {e}")),
                };
                push_text(&mut stack, &resolved, offset)?;
            }
            Event::Eof => {
                if !stack.is_empty() {
                    let open: Vec<String> = stack.iter().map(|e| format!("<{}>", e.name)).collect();
                    return Err(XmlError {
                        offset: text.len(),
                        reason: format!("the file ends inside {}: it is truncated", open.join(" ")),
                    });
                }
                return root.ok_or_else(|| XmlError {
                    offset: text.len(),
                    reason: "the file holds no XML element: it is empty or not XML".into(),
                });
            }
        }
    }
}

fn too_deep() -> String {
    format!("elements nest deeper than {MAX_DEPTH} levels: refused, as no wire format needs that")
}

fn unknown_entity(name: &str) -> String {
    format!(
        "unknown entity &{name};: wire copy may use only XML's own entities (&amp; &lt; &gt; \
         &quot; &apos;), character references and, in text, HTML's named ones"
    )
}

fn to_usize(offset: u64) -> usize {
    usize::try_from(offset).unwrap_or(usize::MAX)
}

fn qname(name: QName<'_>) -> String {
    name.as_ref().to_owned()
}

/// Text inside the open element; outside the root only white space may be.
fn push_text(stack: &mut [Element], text: &str, offset: usize) -> Result<(), XmlError> {
    let Some(parent) = stack.last_mut() else {
        if text.trim().is_empty() {
            return Ok(());
        }
        return Err(XmlError {
            offset,
            reason: "text outside the root element: this is not one XML document".into(),
        });
    };
    if let Some(Node::Text(previous)) = parent.children.last_mut() {
        previous.push_str(text);
    } else {
        parent.children.push(Node::Text(text.to_owned()));
    }
    Ok(())
}

fn element(
    reader: &NsReader<&[u8]>,
    names: &mut Interner,
    ns: Rc<str>,
    start: &BytesStart<'_>,
    offset: usize,
) -> Result<Element, XmlError> {
    let name = start.local_name().as_ref().to_owned();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| XmlError {
            offset,
            reason: format!("a bad attribute in <{name}>: {e}"),
        })?;
        let key = attr.key;
        if key.as_ref() == "xmlns" || key.as_ref().starts_with("xmlns:") {
            continue;
        }
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| XmlError {
                offset,
                reason: match e {
                    quick_xml::Error::Escape(
                        quick_xml::escape::EscapeError::UnrecognizedEntity(_, entity),
                    ) => format!("in an attribute of <{name}>: {}", unknown_entity(&entity)),
                    e => format!("a bad attribute value in <{name}>: {e}"),
                },
            })?
            .into_owned();
        let local = key.local_name().as_ref().to_owned();
        let attr_ns = match key.prefix() {
            Some(p) if p.as_ref() == "xml" => names.get(NS_XML),
            _ => {
                let (resolved, _) = reader.resolver().resolve_attribute(key);
                names.resolved(&resolved)
            }
        };
        attrs.push(Attr {
            ns: attr_ns,
            name: local,
            value,
        });
    }
    Ok(Element {
        ns,
        name,
        attrs,
        children: Vec::new(),
        offset,
    })
}

/// XML's five, then HTML's named character references (`&nbsp;`,
/// `&eacute;`): feeds often carry them outside CDATA, and a browser-made
/// feed reader reads them. The table is fixed: nothing a file declares
/// and nothing that expands into further references.
fn named(name: &str) -> Option<String> {
    if let Some(c) = quick_xml::escape::resolve_xml_entity(name) {
        return Some(c.to_owned());
    }
    let &(first, second) = html5ever::data::NAMED_ENTITIES.get(format!("{name};").as_str())?;
    let mut out = String::with_capacity(8);
    out.push(char::from_u32(first)?);
    if second != 0 {
        out.push(char::from_u32(second)?);
    }
    Some(out)
}
