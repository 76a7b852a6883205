//! WordPress eXtended RSS (WXR 1.0, 1.1 and 1.2): an RSS 2.0 document whose
//! channel lists the site's authors and terms, then one `<item>` per post,
//! page, attachment or menu entry, with its comments inside.
//!
//! [`scan`] reads the whole file once: it proves it well-formed before
//! anything is written, counts the posts for the progress bar and gathers
//! what posts refer to (authors, terms, attachments). [`Posts`] then reads
//! it again, a post at a time. The file's declared encoding is honoured
//! (`ISO-8859-1` exports of old sites read correctly).

mod items;
mod reader;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono_tz::Tz;

use crate::error::Result;
use crate::model::{Catalog, Post, Term, TermKind};
use items::Item;
use reader::{looks_like_xml, Ns, WxrReader};

pub use items::php_string;

/// WXR versions this reader knows (every release of the format so far).
const VERSIONS: [&str; 3] = ["1.0", "1.1", "1.2"];

/// Reads the whole export; see the module's documentation. `zone` is the
/// old site's time zone, for local times that have no UTC twin.
pub fn scan(path: &Path, zone: Tz) -> Result<Catalog> {
    if !looks_like_xml(path)? {
        return Err(crate::ImportError::malformed(
            path,
            (1, 1),
            "not XML: a WordPress export is an XML file (Tools → Export in WordPress)",
        ));
    }
    let mut reader = WxrReader::open(path)?;
    let mut catalog = Catalog::default();
    let mut terms: BTreeMap<(u8, String), Term> = BTreeMap::new();
    let mut people = HashMap::new();
    let mut creators: Vec<String> = Vec::new();
    let mut ignored: BTreeMap<String, u64> = BTreeMap::new();
    let mut version_at = None;
    while let Some((el, at)) = reader.next_top()? {
        match (el.ns, el.name.as_str()) {
            (Ns::Rss, "title") => catalog.site.title = el.text.trim().to_owned(),
            (Ns::Rss, "link") if catalog.site.base_url.is_empty() => {
                catalog.site.base_url = el.text.trim().to_owned();
            }
            (Ns::Rss, "language") => catalog.site.language = el.text.trim().to_owned(),
            (Ns::Wp, "wxr_version") => {
                catalog.site.format_version = el.text.trim().to_owned();
                version_at = Some(at);
            }
            (Ns::Wp, "base_site_url") => catalog.site.base_url = el.text.trim().to_owned(),
            (Ns::Wp, "author") => {
                let person = items::person(&el);
                if !person.key.is_empty() {
                    people.insert(person.key.clone(), catalog.people.len());
                    catalog.people.push(person);
                }
            }
            (Ns::Wp, "category" | "tag" | "term") => {
                if let Some(term) = items::term(&el) {
                    terms.insert((kind_order(term.kind), term.key.clone()), term);
                }
            }
            (Ns::Rss, "item") => {
                for term in items::item_terms(&el) {
                    terms
                        .entry((kind_order(term.kind), term.key.clone()))
                        .or_insert(term);
                }
                match items::item(&el, at, zone) {
                    Item::Post(post) => {
                        catalog.posts += 1;
                        for login in post.authors {
                            if !creators.contains(&login) {
                                creators.push(login);
                            }
                        }
                    }
                    Item::Picture(picture) => {
                        if let Some(key) = picture.key.clone() {
                            catalog.pictures.insert(key, picture);
                        }
                    }
                    Item::Other(kind) => *ignored.entry(kind).or_default() += 1,
                }
            }
            _ => {}
        }
    }
    let version = catalog.site.format_version.as_str();
    if !VERSIONS.contains(&version) {
        let at = version_at.unwrap_or_default();
        let reason = if version.is_empty() {
            "no <wp:wxr_version>: this is not a WordPress export (WXR)".to_owned()
        } else {
            format!(
                "WXR version {version:?} is not one this importer reads ({})",
                VERSIONS.join(", ")
            )
        };
        return Err(crate::ImportError::malformed(
            path,
            (at.line.max(1), at.column.max(1)),
            reason,
        ));
    }
    // WXR 1.0 has no author list: posts name their author's login only.
    for login in creators {
        if !people.contains_key(&login) {
            catalog.people.push(crate::model::Person {
                key: login.clone(),
                name: login.clone(),
                login,
                ..Default::default()
            });
        }
    }
    catalog.terms = terms.into_values().collect();
    catalog.ignored = ignored.into_iter().collect();
    Ok(catalog)
}

fn kind_order(kind: TermKind) -> u8 {
    match kind {
        TermKind::Category => 0,
        TermKind::Tag => 1,
    }
}

/// The posts and pages of an export [`scan`] accepted, in file order.
#[derive(Debug)]
pub struct Posts {
    reader: WxrReader,
    zone: Tz,
}

impl Posts {
    pub fn open(path: &Path, zone: Tz) -> Result<Self> {
        Ok(Self {
            reader: WxrReader::open(path)?,
            zone,
        })
    }

    /// Bytes of the file read so far.
    pub fn offset(&self) -> u64 {
        self.reader.offset()
    }
}

impl Iterator for Posts {
    type Item = Result<Post>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.reader.next_top() {
                Err(e) => return Some(Err(e)),
                Ok(None) => return None,
                Ok(Some((el, at))) if el.ns == Ns::Rss && el.name == "item" => {
                    if let Item::Post(post) = items::item(&el, at, self.zone) {
                        return Some(Ok(*post));
                    }
                }
                Ok(Some(_)) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests;
