//! Wire copy: what agencies and sites send or publish, read into
//! [`WireItem`]s for the "Wires" queue.
//!
//! One entry point, [`parse`], takes a whole file or HTTP answer, decodes
//! it (`charset`), recognises the format from its first character and
//! its root (JSON: IPTC ninjs or JSON Feed; XML: NewsML-G2, NewsML 1, RSS
//! 0.9x/1.0/2.0, Atom) and maps each item it carries. A file that is not
//! well-formed, or not one of these formats, is refused with its line and
//! column; a single item that cannot be used (no identifier, nothing to
//! call it) is left out and said in [`Parsed::skipped`].
//!
//! XML is read into a bounded tree (`xml`): no DOCTYPE, no entities
//! beyond XML's own, no nesting deeper than 64 elements, no file larger
//! than [`MAX_WIRE_BYTES`]. Nothing recurses without a bound: the tree's
//! depth bounds every walk of it, and ninjs associations are followed
//! four levels deep at most.

mod atom;
mod charset;
mod dates;
mod item;
mod jsonfeed;
mod markup;
pub mod model;
mod newsml;
mod newsml1;
mod ninjs;
mod rss;
mod text;
mod xml;

#[cfg(test)]
mod tests;

pub use model::*;

use std::cell::OnceCell;

use url::Url;

use crate::error::{ImportError, Result};

/// Largest file or HTTP answer the wire parsers take.
pub const MAX_WIRE_BYTES: usize = 32 * 1024 * 1024;

/// Reads one file or HTTP answer of wire copy.
///
/// `name` is the file name or URL used in error messages (a URL is also
/// the base that relative links and picture addresses are resolved
/// against); `charset` is an HTTP Content-Type charset hint if any.
pub fn parse(bytes: &[u8], name: &str, charset: Option<&str>) -> Result<Parsed> {
    if bytes.len() > MAX_WIRE_BYTES {
        return Err(ImportError::malformed(
            name,
            (1, 1),
            format!(
                "the file holds {} bytes, more than the {} MB wire copy may have: refused as too large",
                bytes.len(),
                MAX_WIRE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let text = charset::decode(bytes, charset, tld_of(name).as_deref())
        .map_err(|reason| ImportError::malformed(name, (1, 1), reason))?;
    let source = Source::new(name, &text);
    let Some(first) = text.trim_start().chars().next() else {
        return Err(source.error(0, "the file is empty: there is no wire copy in it"));
    };
    match first {
        '{' | '[' => parse_json(&source),
        '<' => parse_xml(&source),
        _ => Err(source.error(
            text.len() - text.trim_start().len(),
            "this is neither XML nor JSON: wire copy is read as IPTC ninjs, NewsML-G2, \
             NewsML 1, RSS, Atom or JSON Feed",
        )),
    }
}

/// The decoded text being read, with what messages and links need.
pub(crate) struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
    /// `name` when it is a web address: relative hrefs are resolved
    /// against it when the document names no base of its own.
    pub base: Option<Url>,
    /// Where each line starts, found once when a position is first asked
    /// for: a file with many items left out is not scanned once per item.
    line_starts: OnceCell<Vec<usize>>,
}

impl<'a> Source<'a> {
    fn new(name: &'a str, text: &'a str) -> Self {
        Self {
            name,
            text,
            base: web_url(name),
            line_starts: OnceCell::new(),
        }
    }

    /// A "malformed" error at byte `offset` of the decoded text.
    pub fn error(&self, offset: usize, reason: impl Into<String>) -> ImportError {
        ImportError::malformed(self.name, self.position(offset), reason)
    }

    /// Line and column (from 1, columns in characters) of byte `offset`;
    /// an offset past the end is the end.
    pub fn position(&self, offset: usize) -> (u64, u64) {
        let bytes = self.text.as_bytes();
        let offset = offset.min(bytes.len());
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(
                    bytes
                        .iter()
                        .enumerate()
                        .filter(|(_, b)| **b == b'\n')
                        .map(|(at, _)| at + 1),
                )
                .collect()
        });
        let line = starts.partition_point(|start| *start <= offset).max(1);
        let line_start = starts[line - 1];
        // Columns count characters: UTF-8 continuation bytes do not.
        let column = 1 + bytes[line_start..offset]
            .iter()
            .filter(|b| **b & 0xC0 != 0x80)
            .count();
        (line as u64, column as u64)
    }
}

fn web_url(name: &str) -> Option<Url> {
    let url = Url::parse(name).ok()?;
    matches!(url.scheme(), "http" | "https").then_some(url)
}

/// The top-level domain of a URL `name` ("ru"), which helps guess the
/// encoding of a file that does not say.
fn tld_of(name: &str) -> Option<String> {
    let url = web_url(name)?;
    let host = url.host_str()?;
    let tld = host.rsplit('.').next()?;
    (tld.bytes().all(|b| b.is_ascii_alphabetic()) && !tld.is_empty())
        .then(|| tld.to_ascii_lowercase())
}

fn parse_json(source: &Source<'_>) -> Result<Parsed> {
    let value: serde_json::Value = serde_json::from_str(source.text).map_err(|e| {
        let reason = match e.classify() {
            serde_json::error::Category::Eof => {
                format!("the JSON ends too soon ({e}): the file is truncated")
            }
            _ => format!("this is not well-formed JSON: {e}"),
        };
        ImportError::malformed(source.name, (e.line() as u64, e.column() as u64), reason)
    })?;
    if let Some(feed) = jsonfeed::recognise(&value) {
        return jsonfeed::parse(feed, source);
    }
    if let Some(items) = ninjs::recognise(&value) {
        return Ok(ninjs::parse(&items, source));
    }
    Err(source.error(
        source.text.len() - source.text.trim_start().len(),
        "this JSON is neither an IPTC ninjs document (an object with a \"uri\", or a list of \
         them) nor a JSON Feed (a \"version\" of https://jsonfeed.org/version/…)",
    ))
}

fn parse_xml(source: &Source<'_>) -> Result<Parsed> {
    let root = xml::read(source.text).map_err(|e| source.error(e.offset, e.reason))?;
    let ns = &*root.ns;
    match (ns, root.name.as_str()) {
        ("", "rss") => rss::parse_rss(&root, source),
        (xml::NS_RDF, "RDF") => rss::parse_rdf(&root, source),
        (xml::NS_ATOM | xml::NS_ATOM_03, "feed" | "entry") => atom::parse(&root, source),
        (xml::NS_G2, _) => newsml::parse(&root, source),
        ("", "NewsML") => newsml1::parse(&root, source),
        (xml::NS_XHTML | "", "html") => Err(source.error(
            root.offset,
            "this is a web page (HTML), not a feed or wire copy: give the address of the \
             site's RSS or Atom feed",
        )),
        _ => Err(source.error(
            root.offset,
            format!(
                "the root element <{}>{} is not one of RSS, Atom, NewsML-G2 or NewsML 1: \
                 this is not wire copy Dateline reads",
                root.name,
                if ns.is_empty() {
                    String::new()
                } else {
                    format!(" (namespace {ns})")
                }
            ),
        )),
    }
}
