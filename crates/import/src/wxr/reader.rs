//! The export read as a stream of the channel's children, each gathered
//! into a small tree ([`El`]): an `<item>` or a `<wp:author>` at a time,
//! never the whole file.
//!
//! The XML is held to the letter, with limits: no DOCTYPE (a WXR export
//! has none, and refusing it refuses entity bombs and external entities
//! outright), no entities but XML's five and character references, no
//! element deeper than [`MAX_DEPTH`], no item larger than [`MAX_ITEM_BYTES`].

use std::fs::File;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use crate::error::{ImportError, Result};
use crate::model::Position;

/// The namespaces WXR elements come from, recognised by URI whatever their
/// prefix in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// Plain RSS (no namespace).
    Rss,
    /// `http://wordpress.org/export/1.x/`.
    Wp,
    /// `http://wordpress.org/export/1.x/excerpt/`.
    Excerpt,
    /// `http://purl.org/rss/1.0/modules/content/`.
    Content,
    /// Dublin Core.
    Dc,
    Other,
}

impl Ns {
    fn of(uri: &str) -> Self {
        if let Some(rest) = uri.strip_prefix("http://wordpress.org/export/") {
            if rest.ends_with("/excerpt/") {
                Self::Excerpt
            } else {
                Self::Wp
            }
        } else if uri == "http://purl.org/rss/1.0/modules/content/" {
            Self::Content
        } else if uri == "http://purl.org/dc/elements/1.1/" {
            Self::Dc
        } else {
            Self::Other
        }
    }
}

/// One element with its attributes, text and children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct El {
    pub ns: Ns,
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<El>,
}

impl El {
    /// The first child `ns:name`.
    pub fn child(&self, ns: Ns, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.ns == ns && c.name == name)
    }

    /// The trimmed text of the first child `ns:name`, or "".
    pub fn text_of(&self, ns: Ns, name: &str) -> &str {
        self.child(ns, name).map_or("", |c| c.text.trim())
    }

    /// The children `ns:name`.
    pub fn all<'a>(&'a self, ns: Ns, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.children
            .iter()
            .filter(move |c| c.ns == ns && c.name == name)
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Deepest nesting an export may have (an item's fields are at depth 4,
/// a comment's at 5).
const MAX_DEPTH: usize = 32;
/// Largest channel child (an item with its comments): the text it holds.
pub const MAX_ITEM_BYTES: usize = 256 * 1024 * 1024;

/// Reads an export's channel children in order.
pub struct WxrReader {
    path: PathBuf,
    xml: NsReader<Box<dyn BufRead + Send>>,
    buf: Vec<u8>,
    lines: LineCounter,
    /// Open elements above the current point: `rss`, `channel`.
    outer: Vec<String>,
    saw_root: bool,
    saw_channel: bool,
    done: bool,
}

impl std::fmt::Debug for WxrReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WxrReader")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl WxrReader {
    pub fn open(path: &Path) -> Result<Self> {
        let mut xml = NsReader::from_reader(crate::decode::open(path)?);
        let config = xml.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        Ok(Self {
            path: path.to_owned(),
            xml,
            buf: Vec::with_capacity(64 * 1024),
            lines: LineCounter::open(path)?,
            outer: Vec::new(),
            saw_root: false,
            saw_channel: false,
            done: false,
        })
    }

    /// Bytes read so far, for a progress bar.
    pub fn offset(&self) -> u64 {
        self.xml.buffer_position()
    }

    /// A "malformed" error at byte `offset`.
    pub fn error_at(&mut self, offset: u64, reason: impl Into<String>) -> ImportError {
        let at = self.lines.position(offset);
        ImportError::malformed(&self.path, (at.line, at.column), reason)
    }

    fn xml_error(&mut self, e: quick_xml::Error) -> ImportError {
        let offset = self.xml.error_position();
        let reason = match &e {
            quick_xml::Error::Encoding(_) => format!(
                "{e}: the file is not in the encoding its XML declaration names (UTF-8 when it names none)"
            ),
            _ => e.to_string(),
        };
        self.error_at(offset, reason)
    }

    /// The next child of `<channel>` (`<item>`, `<wp:author>`, `<title>`…),
    /// or `None` after `</rss>`.
    pub fn next_top(&mut self) -> Result<Option<(El, Position)>> {
        loop {
            if self.done {
                return Ok(None);
            }
            let start_offset = self.xml.buffer_position();
            self.buf.clear();
            let (ns, event) = match self.xml.read_resolved_event_into(&mut self.buf) {
                Ok((ns, event)) => (ns_of(&ns), event.into_owned()),
                Err(e) => return Err(self.xml_error(e)),
            };
            match event {
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::DocType(_) => {
                    return Err(self.error_at(
                        start_offset,
                        "a document type declaration (<!DOCTYPE>) is not allowed in an export: \
                         its entities could expand without bound or read other files",
                    ))
                }
                Event::Text(t) if t.xml10_content().trim().is_empty() => {}
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {
                    if self.outer.len() < 2 {
                        return Err(
                            self.error_at(start_offset, "text outside the <channel> element")
                        );
                    }
                }
                Event::Start(start) if self.outer.len() < 2 => {
                    self.enter(&start, start_offset, false)?;
                }
                Event::Empty(start) if self.outer.len() < 2 => {
                    self.enter(&start, start_offset, true)?;
                }
                Event::Start(start) => {
                    let at = self.lines.position(start_offset);
                    let el = self.gather(ns, &start, start_offset)?;
                    return Ok(Some((el, at)));
                }
                Event::Empty(start) => {
                    let at = self.lines.position(start_offset);
                    let el = self.element(ns, &start, start_offset)?;
                    return Ok(Some((el, at)));
                }
                Event::End(_) => {
                    self.outer.pop();
                    if self.outer.is_empty() {
                        self.done = true;
                    }
                }
                Event::Eof => {
                    if !self.saw_root {
                        return Err(self.error_at(
                            start_offset,
                            "the file ends before any <rss> element: it is empty or not a WordPress export",
                        ));
                    }
                    if !self.outer.is_empty() {
                        return Err(self.error_at(
                            start_offset,
                            format!(
                                "the file ends inside <{}>: it is truncated",
                                self.outer.join("> <")
                            ),
                        ));
                    }
                    self.done = true;
                }
            }
            if self.done && !self.saw_channel {
                return Err(self.error_at(
                    start_offset,
                    "no <channel> element: this is not a WordPress export (WXR)",
                ));
            }
        }
    }

    /// `<rss>` or `<channel>`, where the next one is expected.
    fn enter(&mut self, start: &BytesStart<'_>, offset: u64, empty: bool) -> Result<()> {
        let name = local(start);
        let expected = if self.outer.is_empty() {
            "rss"
        } else {
            "channel"
        };
        if name != expected || (self.outer.is_empty() && self.saw_root) {
            return Err(self.error_at(
                offset,
                format!(
                    "expected <{expected}> but found <{}>: this is not a WordPress export (WXR)",
                    start_name(start)
                ),
            ));
        }
        if self.outer.is_empty() {
            self.saw_root = true;
        } else {
            self.saw_channel = true;
        }
        // `<rss/>` or `<channel/>` ends at once.
        if !empty {
            self.outer.push(name);
        } else if self.outer.is_empty() {
            self.done = true;
        }
        Ok(())
    }

    fn attrs(&mut self, start: &BytesStart<'_>, offset: u64) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        for attr in start.attributes() {
            let attr = match attr {
                Ok(a) => a,
                Err(e) => return Err(self.error_at(offset, e.to_string())),
            };
            let key =
                String::from_utf8_lossy(attr.key.local_name().as_ref().as_bytes()).into_owned();
            let value = match attr.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                Ok(v) => v.into_owned(),
                Err(e) => return Err(self.error_at(offset, e.to_string())),
            };
            out.push((key, value));
        }
        Ok(out)
    }

    /// An element without its content yet.
    fn element(&mut self, ns: Ns, start: &BytesStart<'_>, offset: u64) -> Result<El> {
        Ok(El {
            ns,
            name: local(start),
            attrs: self.attrs(start, offset)?,
            text: String::new(),
            children: Vec::new(),
        })
    }

    /// The element `start` opened, read to its end.
    fn gather(&mut self, ns: Ns, start: &BytesStart<'_>, offset: u64) -> Result<El> {
        let root = self.element(ns, start, offset)?;
        let mut stack = vec![root];
        let mut bytes = 0usize;
        loop {
            let at = self.xml.buffer_position();
            self.buf.clear();
            let (ns, event) = match self.xml.read_resolved_event_into(&mut self.buf) {
                Ok((ns, event)) => (ns_of(&ns), event.into_owned()),
                Err(e) => return Err(self.xml_error(e)),
            };
            let text = match event {
                Event::Start(s) => {
                    if stack.len() + self.outer.len() >= MAX_DEPTH {
                        return Err(self.error_at(
                            at,
                            format!("elements nest deeper than {MAX_DEPTH} levels"),
                        ));
                    }
                    let el = self.element(ns, &s, at)?;
                    stack.push(el);
                    continue;
                }
                Event::Empty(s) => {
                    let el = self.element(ns, &s, at)?;
                    if let Some(parent) = stack.last_mut() {
                        parent.children.push(el);
                    }
                    continue;
                }
                Event::End(_) => {
                    let Some(done) = stack.pop() else {
                        return Err(self.error_at(at, "unexpected end tag"));
                    };
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(done),
                        None => return Ok(done),
                    }
                    continue;
                }
                Event::Text(t) => t.xml10_content().into_owned(),
                Event::CData(c) => c.xml10_content().into_owned(),
                Event::GeneralRef(r) => match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match quick_xml::escape::resolve_xml_entity(&r.xml10_content()) {
                        Some(c) => c.to_owned(),
                        None => {
                            return Err(self.error_at(
                                at,
                                format!(
                                "unknown entity &{};: an export may use only XML's own entities",
                                r.xml10_content()
                            ),
                            ))
                        }
                    },
                    Err(e) => return Err(self.error_at(at, e.to_string())),
                },
                Event::Comment(_) | Event::PI(_) | Event::Decl(_) => continue,
                Event::DocType(_) => {
                    return Err(self.error_at(at, "a document type declaration inside an element"))
                }
                Event::Eof => {
                    let open: Vec<String> = stack.iter().map(|e| format!("<{}>", e.name)).collect();
                    return Err(self.error_at(
                        at,
                        format!("the file ends inside {}: it is truncated", open.join(" ")),
                    ));
                }
            };
            bytes += text.len();
            if bytes > MAX_ITEM_BYTES {
                let first = stack.first().map_or("", |e| e.name.as_str()).to_owned();
                return Err(self.error_at(
                    offset,
                    format!(
                        "<{first}> holds more than {} MB of text: refused as too large",
                        MAX_ITEM_BYTES / (1024 * 1024)
                    ),
                ));
            }
            if let Some(el) = stack.last_mut() {
                el.text.push_str(&text);
            }
        }
    }
}

fn ns_of(resolved: &ResolveResult<'_>) -> Ns {
    match resolved {
        ResolveResult::Bound(ns) => Ns::of(ns.as_ref()),
        ResolveResult::Unbound => Ns::Rss,
        ResolveResult::Unknown(_) => Ns::Other,
    }
}

fn local(start: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(start.local_name().as_ref().as_bytes()).into_owned()
}

fn start_name(start: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(start.name().as_ref().as_bytes()).into_owned()
}

/// Turns byte offsets (in the UTF-8 text the parser reads) into lines and
/// columns by reading the file a second time alongside the parser: offsets asked for only grow, so the file is
/// read once more in all.
struct LineCounter {
    file: Box<dyn BufRead + Send>,
    offset: u64,
    line: u64,
    column: u64,
}

impl LineCounter {
    fn open(path: &Path) -> Result<Self> {
        // The same decoded text the parser reads, so offsets agree.
        Ok(Self {
            file: crate::decode::open(path)?,
            offset: 0,
            line: 1,
            column: 1,
        })
    }

    /// Line and column (counted in bytes, from 1) of `offset`.
    fn position(&mut self, offset: u64) -> Position {
        while self.offset < offset {
            let Ok(chunk) = self.file.fill_buf() else {
                break;
            };
            if chunk.is_empty() {
                break;
            }
            let want = usize::try_from(offset - self.offset).unwrap_or(usize::MAX);
            let take = chunk.len().min(want);
            for &b in &chunk[..take] {
                if b == b'\n' {
                    self.line += 1;
                    self.column = 1;
                } else if b & 0xC0 != 0x80 {
                    // Columns count characters: UTF-8 continuation bytes do not.
                    self.column += 1;
                }
            }
            self.file.consume(take);
            self.offset += take as u64;
        }
        Position {
            line: self.line,
            column: self.column,
        }
    }
}

/// Whether the file starts like XML at all (after a byte-order mark and
/// white space), for a clear message about JSON or HTML given by mistake.
pub fn looks_like_xml(path: &Path) -> Result<bool> {
    let mut head = [0u8; 64];
    let mut file = File::open(path).map_err(|e| ImportError::io(path, e))?;
    let n = file.read(&mut head).map_err(|e| ImportError::io(path, e))?;
    let head = &head[..n];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    Ok(head
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'<'))
}
