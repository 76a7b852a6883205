//! Collects the translation keys the code uses, for `dateline i18n check`'s
//! report of unused catalog keys: every quoted string that looks like a key
//! (`"nav-sections"`, `'comments-count'`) in the templates, the static
//! scripts and every crate's Rust source, plus the prefixes of keys built at
//! run time. A key is "used" when it is one of those strings or starts with
//! one of those prefixes.
//!
//! Prefixes are found in the two shapes the code builds keys with —
//! `t("status-" ~ x)` in templates and `format!("nav-{x}")` in Rust — and in
//! [`VIEW_MODEL_PREFIXES`] for keys a view model picks from a string held
//! elsewhere.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Prefixes of keys chosen from data that the scan cannot see being joined:
/// each names the code that completes it.
const VIEW_MODEL_PREFIXES: &[&str] = &[];

fn main() {
    let crates = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("..");
    let mut roots = vec![
        crates.join("render/templates"),
        crates.join("render/static"),
    ];
    if let Ok(entries) = std::fs::read_dir(&crates) {
        for entry in entries.flatten() {
            roots.push(entry.path().join("src"));
        }
    }
    let mut keys = BTreeSet::new();
    let mut prefixes: BTreeSet<String> = VIEW_MODEL_PREFIXES
        .iter()
        .map(|p| (*p).to_owned())
        .collect();
    for root in &roots {
        // Cargo watches a folder's whole tree.
        println!("cargo:rerun-if-changed={}", root.display());
        scan(root, &mut keys, &mut prefixes);
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("used_keys.rs");
    let list = |set: &BTreeSet<String>| {
        set.iter()
            .map(|k| format!("    {k:?},\n"))
            .collect::<String>()
    };
    let code = format!(
        "/// Keys named whole in the code.\npub const USED_KEYS: &[&str] = &[\n{}];\n\
         /// Prefixes of keys built at run time.\npub const USED_PREFIXES: &[&str] = &[\n{}];\n",
        list(&keys),
        list(&prefixes)
    );
    if let Err(error) = std::fs::write(&out, code) {
        println!("cargo:warning=cannot write {}: {error}", out.display());
    }
}

fn scan(path: &Path, keys: &mut BTreeSet<String>, prefixes: &mut BTreeSet<String>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        for entry in entries.flatten() {
            scan(&entry.path(), keys, prefixes);
        }
    } else if let Ok(text) = std::fs::read_to_string(path) {
        scan_text(&text, keys, prefixes);
    }
}

/// A catalog key: lower-case words joined by hyphens (error codes inside
/// keys keep their underscores: `front-error-too_many_pins`).
fn is_key(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn scan_text(text: &str, keys: &mut BTreeSet<String>, prefixes: &mut BTreeSet<String>) {
    for quote in ['"', '\'', '`'] {
        let mut rest = text;
        while let Some(start) = rest.find(quote) {
            let after = &rest[start + 1..];
            let Some(len) = after.find([quote, '\n']) else {
                break;
            };
            let literal = &after[..len];
            // The closing quote (or line end) is one byte.
            let tail = &after[len + 1..];
            if is_key(literal) {
                keys.insert(literal.to_owned());
            } else if let Some(prefix) = dynamic_prefix(literal, tail) {
                prefixes.insert(prefix.to_owned());
            }
            rest = &after[len..];
            if rest.starts_with(quote) {
                rest = &rest[1..];
            }
        }
    }
}

/// `"status-" ~ x` (a template joining a key) or `"nav-{x}"` (Rust's
/// `format!`): the part before the run-time value.
fn dynamic_prefix<'a>(literal: &'a str, tail: &str) -> Option<&'a str> {
    let prefix = match literal.find('{') {
        Some(brace) => &literal[..brace],
        None if tail.trim_start().starts_with('~') => literal,
        None => return None,
    };
    let key_like = prefix.ends_with('-') && is_key(&format!("{prefix}x"));
    key_like.then_some(prefix)
}
