//! Validation against IPTC's NewsML-G2 2.35 XSD with xmllint (libxml2),
//! offline, and a small reader of the elements a test looks at.
//!
//! The XSD comes from the shared corpora (`DATELINE_SHARED_DIR`, the rule
//! of `dateline_import::testing::shared_data`): it imports `xml.xsd` from
//! its own folder, so xmllint resolves it there with `--nonet`. Without the
//! corpora or xmllint, validation is skipped with a printed reason, unless
//! `DATELINE_REQUIRE_SHARED` is set: then the test fails.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

pub const XSD: &str = "NewsML-G2_2.35-spec-All-Power.xsd";

/// The folder of the shared NewsML-G2 files, or `None` (said on stderr).
pub fn shared_folder() -> Option<PathBuf> {
    let root = std::env::var_os("DATELINE_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dir = root.join("data").join("newsml-g2");
    if dir.join(XSD).is_file() {
        return Some(dir);
    }
    unavailable(&format!("{} is missing", dir.join(XSD).display()));
    None
}

/// Refuses to go on when CI requires the corpora; says why otherwise.
fn unavailable(why: &str) {
    assert!(
        std::env::var_os("DATELINE_REQUIRE_SHARED").is_none(),
        "DATELINE_REQUIRE_SHARED is set but {why}"
    );
    eprintln!("skipped: NewsML-G2 validation: {why}");
}

/// xmllint with the 2.35 schema.
pub struct Validator {
    schema: PathBuf,
}

impl Validator {
    /// `None`, with the reason printed, when the XSD or xmllint is missing.
    pub fn find() -> Option<Validator> {
        let schema = shared_folder()?.join(XSD);
        let found = Command::new("xmllint").arg("--version").output();
        if !found.is_ok_and(|out| out.status.success()) {
            unavailable("xmllint is not installed (Debian: libxml2-utils)");
            return None;
        }
        Some(Validator { schema })
    }

    /// Validates files in one xmllint run per 200 (the schema is read
    /// once a run); fails with xmllint's messages.
    pub fn files(&self, files: &[PathBuf]) {
        assert!(!files.is_empty(), "nothing to validate");
        if let Some(errors) = self.errors(files) {
            panic!("not valid NewsML-G2 2.35:\n{errors}");
        }
    }

    /// Writes `(name, document)` pairs into a fresh folder and validates them.
    pub fn documents(&self, documents: &[(String, String)]) {
        if let Some(errors) = self.errors_in(documents) {
            panic!("not valid NewsML-G2 2.35:\n{errors}");
        }
    }

    /// xmllint's complaints about the documents, `None` when all are valid.
    pub fn errors_in(&self, documents: &[(String, String)]) -> Option<String> {
        assert!(!documents.is_empty(), "nothing to validate");
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = documents
            .iter()
            .map(|(name, xml)| {
                let path = dir.path().join(format!("{name}.xml"));
                std::fs::write(&path, xml).unwrap();
                path
            })
            .collect();
        self.errors(&files)
    }

    fn errors(&self, files: &[PathBuf]) -> Option<String> {
        let mut errors = String::new();
        for chunk in files.chunks(200) {
            let out = Command::new("xmllint")
                .args(["--noout", "--nonet", "--schema"])
                .arg(&self.schema)
                .args(chunk)
                .output()
                .expect("xmllint runs");
            if !out.status.success() {
                errors.push_str(&String::from_utf8_lossy(&out.stderr));
            }
        }
        (!errors.is_empty()).then_some(errors)
    }
}

/// The listings that ship with the schema (IPTC's own examples).
pub fn listings(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("LISTING_") && name.ends_with(".xml")
        })
        .collect();
    files.sort();
    files
}

/// One element of a document: its attributes and its text (what lies
/// directly or deeper inside it, markup left out).
#[derive(Debug, Clone, Default)]
pub struct Element {
    pub attrs: HashMap<String, String>,
    pub text: String,
}

impl Element {
    pub fn attr(&self, name: &str) -> &str {
        self.attrs
            .get(name)
            .map_or_else(|| panic!("no {name} in {self:?}"), String::as_str)
    }
}

/// Every element named `name` (local name, any namespace), in order.
pub fn elements(xml: &str, name: &str) -> Vec<Element> {
    let mut reader = Reader::from_str(xml);
    let mut found = Vec::new();
    // Indexes into `found` of the matching elements still open.
    let mut open: Vec<usize> = Vec::new();
    let mut depth_of: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                depth += 1;
                if e.local_name().into_inner() == name {
                    found.push(element(&e));
                    open.push(found.len() - 1);
                    depth_of.push(depth);
                }
            }
            Event::Empty(e) if e.local_name().into_inner() == name => {
                found.push(element(&e));
            }
            Event::End(_) => {
                if depth_of.last() == Some(&depth) {
                    depth_of.pop();
                    open.pop();
                }
                depth -= 1;
            }
            Event::Text(t) => {
                let text = t.xml10_content();
                for &i in &open {
                    found[i].text.push_str(&text);
                }
            }
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::unescape(&format!("&{};", r.xml10_content()))
                        .unwrap()
                        .into_owned(),
                };
                for &i in &open {
                    found[i].text.push_str(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    found
}

fn element(start: &BytesStart<'_>) -> Element {
    Element {
        attrs: start
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                let key = a.key.into_inner().to_owned();
                let value = a.normalized_value(XmlVersion::Implicit1_0).unwrap();
                (key, value.into_owned())
            })
            .collect(),
        text: String::new(),
    }
}

/// The single element named `name`; fails when there is not exactly one.
pub fn only(xml: &str, name: &str) -> Element {
    let mut all = elements(xml, name);
    assert_eq!(all.len(), 1, "one <{name}> expected in {xml}");
    all.remove(0)
}
