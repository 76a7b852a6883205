//! The second pass yields posts one by one from a large export, in order.

use std::io::{BufWriter, Write};

use tempfile::NamedTempFile;

use crate::ghost::{posts, scan};
use crate::model::{Position, PostKind};

const POSTS: u64 = 20_000;

/// An export of `POSTS` posts, one per line (every tenth a page), with the
/// tables Ghost writes after the posts.
fn large_export() -> NamedTempFile {
    let file = NamedTempFile::new().unwrap();
    let mut out = BufWriter::new(file.reopen().unwrap());
    writeln!(
        out,
        r#"{{"db":[{{"meta":{{"version":"5.0.0"}},"data":{{"posts":["#
    )
    .unwrap();
    for i in 0..POSTS {
        let kind = if i.is_multiple_of(10) { "page" } else { "post" };
        let comma = if i + 1 < POSTS { "," } else { "" };
        let body = "<p>Lorem ipsum dolor sit amet.</p>".repeat(4);
        writeln!(
            out,
            r#"{{"id":"{i:024x}","title":"Post {i}","slug":"post-{i}","type":"{kind}","status":"published","html":"{body}","published_at":"2020-01-01T00:00:00.000Z"}}{comma}"#
        )
        .unwrap();
    }
    writeln!(
        out,
        r#"],"tags":[{{"id":"t","name":"T","slug":"t"}}],"posts_tags":["#
    )
    .unwrap();
    writeln!(
        out,
        r#"{{"post_id":"{:024x}","tag_id":"t","sort_order":0}}"#,
        POSTS - 1
    )
    .unwrap();
    writeln!(out, r#"],"users":[]}}}}]}}"#).unwrap();
    out.flush().unwrap();
    file
}

#[test]
fn twenty_thousand_posts_stream_in_file_order() {
    let file = large_export();
    let scanned = scan(file.path()).unwrap();
    assert_eq!(scanned.catalog.posts, POSTS);
    let mut n = 0;
    for (i, post) in posts(file.path(), &scanned).unwrap().enumerate() {
        let post = post.unwrap();
        let i = i as u64;
        assert_eq!(post.key, format!("{i:024x}"));
        assert_eq!(post.kind == PostKind::Page, i.is_multiple_of(10));
        assert_eq!(
            post.at,
            Position {
                line: i + 2,
                column: 1
            }
        );
        assert_eq!(post.body_html.len(), 34 * 4);
        // The link to a tag comes after all the posts in the file.
        assert_eq!(post.tags.len(), usize::from(i == POSTS - 1));
        n += 1;
    }
    assert_eq!(n, POSTS);
}

#[test]
fn stopping_early_ends_the_reading_thread() {
    let file = large_export();
    let scanned = scan(file.path()).unwrap();
    let first: Vec<_> = posts(file.path(), &scanned).unwrap().take(3).collect();
    assert_eq!(first.len(), 3);
    // Dropped with posts unread: the reader stops instead of blocking, so a
    // new pass can start at once.
    let again = posts(file.path(), &scanned).unwrap().count();
    assert_eq!(again as u64, POSTS);
}

#[test]
fn a_file_changed_between_the_passes_is_reported() {
    let file = large_export();
    let scanned = scan(file.path()).unwrap();
    std::fs::write(
        file.path(),
        super::with_posts(&[serde_json::json!({"id": "1"})]),
    )
    .unwrap();
    let items: Vec<_> = posts(file.path(), &scanned).unwrap().collect();
    assert_eq!(items.len(), 2);
    let err = items[1].as_ref().unwrap_err().to_string();
    assert!(
        err.contains("the file changed since it was scanned"),
        "{err}"
    );
}

#[test]
fn characters_cut_by_the_read_buffer_are_kept_whole() {
    // 3-byte characters over several 64 KiB buffers: some buffer ends inside one.
    let long = "€".repeat(100_000);
    let export = format!(
        "{{\"data\":{{\"posts\":[{{\"id\":\"1\",\"html\":\"{long}\"}},\n{{\"id\":\"2\",\"html\":\"é\"}}]}}}}"
    );
    let (_, posts) = super::read(&export);
    assert_eq!(posts[0].body_html, long);
    assert_eq!(posts[1].body_html, "é");
    assert_eq!(posts[1].at, Position { line: 2, column: 1 });
}
