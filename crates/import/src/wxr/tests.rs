use std::io::Write;

use chrono_tz::Tz;

use super::{scan, Posts};
use crate::model::{CommentState, PostKind, PostState, TermKind};
use crate::testing::shared_data;
use crate::ImportError;

fn file(content: &[u8]) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap_or_else(|e| panic!("temp file: {e}"));
    f.write_all(content)
        .unwrap_or_else(|e| panic!("write: {e}"));
    f
}

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Test site</title><link>https://old.example</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example</wp:base_site_url>
"#;

fn export(items: &str) -> String {
    format!("{HEAD}{items}</channel></rss>\n")
}

fn item(id: u32, status: &str, extra: &str) -> String {
    format!(
        r#"<item><title>Post {id}</title><link>https://old.example/{id}/post-{id}/</link>
<dc:creator><![CDATA[ann]]></dc:creator><content:encoded><![CDATA[<p>Body {id}</p>]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>{id}</wp:post_id>
<wp:post_date>2020-05-01 12:00:00</wp:post_date><wp:post_date_gmt>2020-05-01 10:00:00</wp:post_date_gmt>
<wp:post_name>post-{id}</wp:post_name><wp:status>{status}</wp:status><wp:post_type>post</wp:post_type>{extra}</item>
"#
    )
}

fn refused(content: &[u8]) -> (u64, u64, String) {
    let f = file(content);
    match scan(f.path(), Tz::UTC) {
        Err(ImportError::Malformed {
            line,
            column,
            reason,
            ..
        }) => (line, column, reason),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn an_export_is_scanned_then_streamed_post_by_post() {
    let f = file(
        export(&format!(
            "{}{}",
            item(1, "publish", ""),
            item(2, "draft", "")
        ))
        .as_bytes(),
    );
    let catalog = scan(f.path(), Tz::UTC).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(catalog.posts, 2);
    assert_eq!(catalog.site.format_version, "1.2");
    assert_eq!(
        catalog.people.len(),
        1,
        "an author named only by dc:creator"
    );
    let posts: Vec<_> = Posts::open(f.path(), Tz::UTC)
        .unwrap_or_else(|e| panic!("{e}"))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[0].state, PostState::Published);
    assert_eq!(posts[1].state, PostState::Draft);
    assert_eq!(posts[0].published_at, Some(1_588_327_200));
    assert_eq!(posts[0].at.line, 7);
    assert!(posts[0]
        .old_urls
        .contains(&"https://old.example/1/post-1/".to_owned()));
    assert!(posts[0].old_urls.contains(&"/?p=1".to_owned()));
}

#[test]
fn comments_keep_their_threads_and_states() {
    let comments = r#"<wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_author><![CDATA[Bo]]></wp:comment_author>
<wp:comment_date_gmt>2020-05-02 10:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[First]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>6</wp:comment_id><wp:comment_author>Cy</wp:comment_author>
<wp:comment_date_gmt>2020-05-02 11:00:00</wp:comment_date_gmt><wp:comment_content>Reply &amp; more</wp:comment_content>
<wp:comment_approved>0</wp:comment_approved><wp:comment_parent>5</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>7</wp:comment_id><wp:comment_content>buy</wp:comment_content>
<wp:comment_approved>spam</wp:comment_approved></wp:comment>"#;
    let f = file(export(&item(1, "publish", comments)).as_bytes());
    let post = Posts::open(f.path(), Tz::UTC)
        .unwrap_or_else(|e| panic!("{e}"))
        .next()
        .unwrap_or_else(|| panic!("one post"))
        .unwrap_or_else(|e| panic!("{e}"));
    let states: Vec<_> = post.comments.iter().map(|c| c.state).collect();
    assert_eq!(
        states,
        [
            CommentState::Approved,
            CommentState::Pending,
            CommentState::Spam
        ]
    );
    assert_eq!(post.comments[1].parent.as_deref(), Some("5"));
    assert_eq!(post.comments[1].body_html, "Reply & more");
}

#[test]
fn entity_declarations_are_refused_before_they_expand() {
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss><channel><title>&lol2;</title></channel></rss>"#;
    let (line, _, reason) = refused(bomb.as_bytes());
    assert_eq!(line, 2);
    assert!(reason.contains("DOCTYPE"), "{reason}");

    let xxe = r#"<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title></channel></rss>"#;
    let (_, _, reason) = refused(xxe.as_bytes());
    assert!(reason.contains("DOCTYPE"), "{reason}");

    let undeclared = export("<item><title>&nbsp;</title></item>");
    let (_, _, reason) = refused(undeclared.as_bytes());
    assert!(reason.contains("unknown entity &nbsp;"), "{reason}");
}

#[test]
fn broken_files_are_refused_with_line_and_column() {
    let whole = export(&item(1, "publish", ""));
    let cut = &whole[..whole.len() - 40];
    let (line, _, reason) = refused(cut.as_bytes());
    assert!(reason.contains("truncated"), "{reason}");
    assert!(line >= 7, "{line}");

    let mismatched = export("<item><title>x</item>");
    let (line, column, reason) = refused(mismatched.as_bytes());
    // Column 15 is the `<` of the `</item>` that should have been `</title>`.
    assert_eq!((line, column), (7, 15), "{reason}");

    let (_, _, reason) = refused(b"<html><body>hi</body></html>");
    assert!(reason.contains("not a WordPress export"), "{reason}");
    let (_, _, reason) = refused(br#"{"db": []}"#);
    assert!(reason.contains("not XML"), "{reason}");
    let (_, _, reason) = refused(b"");
    assert!(reason.contains("not XML"), "{reason}");
    let (_, _, reason) =
        refused(b"<?xml version=\"1.0\"?><rss><channel><title>feed</title></channel></rss>");
    assert!(reason.contains("wxr_version"), "{reason}");
    let nested = export(&format!(
        "<item>{}{}</item>",
        "<a>".repeat(40),
        "</a>".repeat(40)
    ));
    let (_, _, reason) = refused(nested.as_bytes());
    assert!(reason.contains("deeper"), "{reason}");
}

#[test]
fn the_declared_encoding_is_honoured_and_a_wrong_one_refused() {
    // "Café" in ISO-8859-1: é is the single byte 0xE9.
    let mut latin = export(&item(1, "publish", ""))
        .replace("UTF-8", "ISO-8859-1")
        .into_bytes();
    let at = latin
        .windows(6)
        .position(|w| w == b"Post 1")
        .unwrap_or_else(|| panic!("title"));
    latin.splice(at..at + 6, b"Caf\xE9".iter().copied());
    let f = file(&latin);
    scan(f.path(), Tz::UTC).unwrap_or_else(|e| panic!("{e}"));
    let post = Posts::open(f.path(), Tz::UTC)
        .unwrap_or_else(|e| panic!("{e}"))
        .next()
        .unwrap_or_else(|| panic!("a post"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(post.title, "Café");

    let mut bad = export(&item(1, "publish", "")).into_bytes();
    let at = bad
        .windows(6)
        .position(|w| w == b"Post 1")
        .unwrap_or_else(|| panic!("title"));
    bad[at] = 0xFF;
    let (line, _, reason) = refused(&bad);
    assert_eq!(line, 7, "{reason}");
}

/// The WordPress importer's own fixtures: counts as the files hold them.
#[test]
fn the_wordpress_importers_fixtures_are_read_whole() {
    let Some(dir) = shared_data("wxr") else {
        return;
    };
    // (file, posts, pages, comments, authors, categories, tags)
    for (name, posts, pages, comments, authors, categories, tags) in [
        ("valid-wxr-1.0.xml", 3, 3, 1, 1, 5, 4),
        ("valid-wxr-1.1.xml", 1, 1, 1, 1, 1, 1),
        ("small-export.xml", 6, 5, 1, 3, 30, 3),
    ] {
        let path = dir.join(name);
        let catalog = scan(&path, Tz::UTC).unwrap_or_else(|e| panic!("{name}: {e}"));
        let all: Vec<_> = Posts::open(&path, Tz::UTC)
            .unwrap_or_else(|e| panic!("{e}"))
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let count = |kind| all.iter().filter(|p| p.kind == kind).count();
        assert_eq!(count(PostKind::Post), posts, "{name} posts");
        assert_eq!(count(PostKind::Page), pages, "{name} pages");
        assert_eq!(catalog.posts as usize, all.len(), "{name}");
        let n_comments: usize = all.iter().map(|p| p.comments.len()).sum();
        assert_eq!(n_comments, comments, "{name} comments");
        assert_eq!(catalog.people.len(), authors, "{name} authors");
        let terms = |kind| catalog.terms.iter().filter(|t| t.kind == kind).count();
        assert!(terms(TermKind::Category) >= categories, "{name} categories");
        assert!(terms(TermKind::Tag) >= tags, "{name} tags");
    }
    let small = scan(&dir.join("small-export.xml"), Tz::UTC).unwrap_or_else(|e| panic!("{e}"));
    let chinese = small.terms.iter().find(|t| t.key == "eternity");
    assert_eq!(chinese.map(|t| t.name.as_str()), Some("远征手记"));
}

#[test]
fn the_malformed_fixture_is_refused_where_it_breaks() {
    let Some(dir) = shared_data("wxr") else {
        return;
    };
    // Its channel is `<notachanneltag>` (line 27), closed by `</channel>`
    // at line 90: refused at the first of the two.
    match scan(&dir.join("malformed.xml"), Tz::UTC) {
        Err(ImportError::Malformed { line, reason, .. }) => {
            assert_eq!(line, 27, "{reason}");
            assert!(reason.contains("not a WordPress export"), "{reason}");
        }
        other => panic!("malformed.xml was not refused: {other:?}"),
    }
}
