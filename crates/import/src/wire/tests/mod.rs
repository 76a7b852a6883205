//! The wire parsers on the shared corpora (`../shared/data/{ninjs,
//! newsml-g2,feeds}`: values asserted are read from those files) and on
//! small files written here.

mod feeds_corpus;
mod newsml_corpus;
mod ninjs_corpus;
mod synthetic_formats;
mod synthetic_safety;

use std::path::{Path, PathBuf};

use super::{parse, Parsed, WireItem};
use crate::error::ImportError;

/// Every file under `dir`, in name order.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `path` parsed as the wire queue would, with its path as the name.
fn parse_file(path: &Path) -> crate::Result<Parsed> {
    parse(&read(path), &path.display().to_string(), None)
}

fn parsed(path: &Path) -> Parsed {
    parse_file(path).unwrap_or_else(|e| panic!("{} was refused: {e}", path.display()))
}

/// The one item `path` holds.
fn only_item(path: &Path) -> WireItem {
    let parsed = parsed(path);
    assert_eq!(
        parsed.items.len(),
        1,
        "{}: {:?}",
        path.display(),
        parsed.skipped
    );
    let mut items = parsed.items;
    items.remove(0)
}

/// Text written in a test, parsed under a made-up name.
fn parse_text(text: &str) -> crate::Result<Parsed> {
    parse(text.as_bytes(), "test-input", None)
}

fn parsed_text(text: &str) -> Parsed {
    parse_text(text).unwrap_or_else(|e| panic!("refused: {e}"))
}

/// The line, column and reason of a refusal.
fn refusal(result: crate::Result<Parsed>) -> (u64, u64, String) {
    match result {
        Err(ImportError::Malformed {
            line,
            column,
            reason,
            ..
        }) => (line, column, reason),
        Err(other) => panic!("refused, but not as malformed: {other}"),
        Ok(parsed) => panic!("taken, but should have been refused: {parsed:?}"),
    }
}
