//! Tests of the Ghost reader: handwritten exports of every shape, the
//! editor documents' rendering, refusals, streaming, and the exports from
//! Ghost's own repositories kept in the shared data folder.

mod errors;
mod render;
mod shapes;
mod shared;
mod streaming;

use std::io::Write;

use tempfile::NamedTempFile;

use super::{posts, scan, Scanned};
use crate::error::ImportError;
use crate::model::Post;

/// `content` in a temporary file.
fn file(content: &[u8]) -> NamedTempFile {
    let mut f = NamedTempFile::new().unwrap();
    f.write_all(content).unwrap();
    f.flush().unwrap();
    f
}

/// Both passes over `content`.
fn read(content: &str) -> (Scanned, Vec<Post>) {
    let f = file(content.as_bytes());
    let scanned = scan(f.path()).unwrap();
    let posts = posts(f.path(), &scanned)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    (scanned, posts)
}

/// The first pass's refusal of `content`: line, column, reason.
fn refused(content: &[u8]) -> (u64, u64, String) {
    let f = file(content);
    match scan(f.path()) {
        Err(ImportError::Malformed {
            line,
            column,
            reason,
            ..
        }) => (line, column, reason),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// An export in Ghost 5's shape with these posts (JSON values) and nothing else.
fn with_posts(posts: &[serde_json::Value]) -> String {
    serde_json::json!({
        "db": [{"meta": {"exported_on": 1, "version": "5.80.0"}, "data": {"posts": posts}}]
    })
    .to_string()
}

/// The body Ghost 5 would get from this Lexical root's children.
fn lexical_body(children: serde_json::Value) -> String {
    let doc = serde_json::json!({"root": {"type": "root", "children": children}});
    let export = with_posts(&[serde_json::json!({
        "id": "1", "slug": "a", "type": "post", "status": "published",
        "html": null, "lexical": doc.to_string()
    })]);
    read(&export).1.remove(0).body_html
}

/// The body Ghost 1–4 would get from this mobiledoc.
fn mobiledoc_body(doc: serde_json::Value) -> String {
    let export = with_posts(&[serde_json::json!({
        "id": "1", "slug": "a", "status": "published", "mobiledoc": doc.to_string()
    })]);
    read(&export).1.remove(0).body_html
}
