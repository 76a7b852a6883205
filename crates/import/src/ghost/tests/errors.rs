//! Files refused by the first pass, with where and why.

use super::{file, refused, with_posts};
use crate::error::ImportError;
use crate::ghost::scan;

#[test]
fn malformed_json_is_refused_at_its_line_and_column() {
    let content =
        "{\"db\":[{\"meta\":{},\"data\":{\n\"posts\":[\n{\"id\":\"1\" \"slug\":\"a\"}\n]}}]}";
    let (line, column, reason) = refused(content.as_bytes());
    assert_eq!((line, column), (3, 11), "{reason}");
    assert!(reason.contains("expected `,` or `}`"), "{reason}");
}

#[test]
fn a_truncated_file_is_refused() {
    let full = with_posts(&[serde_json::json!({"id": "1", "html": "<p>long enough</p>"})]);
    let cut = &full[..full.len() / 2];
    let (line, column, reason) = refused(cut.as_bytes());
    assert_eq!((line, column), (1, cut.len() as u64), "{reason}");
    assert!(reason.starts_with("the file ends too early"), "{reason}");
}

#[test]
fn an_empty_file_is_refused() {
    let (line, column, reason) = refused(b"");
    assert_eq!((line, column), (1, 1));
    assert!(reason.contains("empty"), "{reason}");
    let (_, _, reason) = refused(b"\xEF\xBB\xBF  \n");
    assert!(reason.contains("ends too early"), "{reason}");
}

#[test]
fn json_that_is_not_a_ghost_export_is_refused_at_the_start() {
    for content in [
        r#"{"rss": {"channel": []}}"#,
        r#"{"db": [{"meta": {}, "data": {"tags": []}}]}"#,
        r#"{"meta": {}, "posts": []}"#,
    ] {
        let (line, column, reason) = refused(content.as_bytes());
        assert_eq!((line, column), (1, 1), "{content}");
        assert_eq!(reason, "not a Ghost export: no `data.posts`", "{content}");
    }
    let (line, column, reason) = refused(b"\n [1, 2]");
    assert_eq!((line, column), (1, 1));
    assert!(
        reason == "not a Ghost export: the document is a list, not a JSON object",
        "{reason}"
    );
}

#[test]
fn invalid_utf8_is_refused_even_in_skipped_bodies() {
    let mut content = b"{\"data\":{\"posts\":[\n{\"id\":\"1\",\"html\":\"caf".to_vec();
    content.extend_from_slice(b"\xE9\"}]}}");
    let (line, column, reason) = refused(&content);
    assert_eq!((line, column), (2, 22));
    assert!(reason.contains("UTF-8"), "{reason}");
}

#[test]
fn unreadable_fields_are_refused_by_the_first_pass() {
    let bad_lexical = with_posts(&[serde_json::json!({"id": "1", "lexical": "{\"root\": "})]);
    let (_, _, reason) = refused(bad_lexical.as_bytes());
    assert!(reason.contains("editor document is not JSON"), "{reason}");
    let bad_date = with_posts(&[serde_json::json!({"id": "1", "published_at": "yesterday"})]);
    let (_, _, reason) = refused(bad_date.as_bytes());
    assert!(reason.contains("unreadable date `yesterday`"), "{reason}");
    let bad_table = r#"{"data": {"posts": {"id": 1}}}"#;
    let (line, _, reason) = refused(bad_table.as_bytes());
    assert_eq!(line, 1);
    assert!(reason.contains("a table (a list of rows)"), "{reason}");
}

#[test]
fn trailing_content_is_refused() {
    let content = format!("{} {{}}", with_posts(&[]));
    let (_, _, reason) = refused(content.as_bytes());
    assert!(reason.contains("trailing characters"), "{reason}");
}

#[test]
fn a_missing_file_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = scan(&dir.path().join("gone.json")).unwrap_err();
    assert!(matches!(err, ImportError::Io { .. }), "{err:?}");
    let f = file(with_posts(&[]).as_bytes());
    let scanned = scan(f.path()).unwrap();
    assert_eq!(scanned.catalog.posts, 0);
    assert!(crate::ghost::posts(&dir.path().join("gone.json"), &scanned).is_err());
}
