//! The exports written by Ghost's authors, kept in the shared data folder
//! (see its SOURCES.txt); counts checked against the files' contents.

use std::path::PathBuf;

use crate::ghost::{posts, scan};
use crate::model::{Post, PostKind};

/// `ghost-export/<name>` in the shared data folder, or `None` (with the
/// reason printed) when the folder is not there.
fn shared(name: &str) -> Option<PathBuf> {
    let dir = match std::env::var_os("DATELINE_SHARED_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    let path = dir.join("data/ghost-export").join(name);
    if path.is_file() {
        Some(path)
    } else {
        println!(
            "skipped: {} is missing (set DATELINE_SHARED_DIR)",
            path.display()
        );
        None
    }
}

fn kinds(posts: &[Post]) -> (usize, usize) {
    let pages = posts.iter().filter(|p| p.kind == PostKind::Page).count();
    (posts.len() - pages, pages)
}

#[test]
fn ghost_2_export_from_the_migration_tools() {
    let Some(path) = shared("ghost.json") else {
        return;
    };
    let scanned = scan(&path).unwrap();
    let catalog = &scanned.catalog;
    assert_eq!(catalog.posts, 3);
    assert_eq!(catalog.people.len(), 2);
    assert_eq!(catalog.terms.len(), 2);
    assert_eq!(catalog.site.title, "My Ghost Site");
    assert_eq!(catalog.site.format_version, "2.0.0");
    let posts: Vec<Post> = posts(&path, &scanned)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(kinds(&posts), (3, 0));
    assert_eq!(posts[0].authors, ["fe835e7afaec92ba935e11a7"]);
    assert_eq!(posts[1].tags, ["technology"]);
    assert_eq!(
        posts[0].featured.as_ref().map(|f| f.url.as_str()),
        Some("https://example.com/images/feature-1.jpg")
    );
    // The third post has only a Lexical document: rendered here.
    assert!(posts[2]
        .body_html
        .contains("<img src=\"https://example.com/images/lexical-image.jpg\""));
    assert!(posts.iter().all(|p| p.at.line > 1));
}

#[test]
fn ghost_0_export_in_the_importer_envelope() {
    let Some(path) = shared("import-data-1.json") else {
        return;
    };
    let scanned = scan(&path).unwrap();
    let catalog = &scanned.catalog;
    assert_eq!(catalog.posts, 1);
    assert_eq!(catalog.people.len(), 1);
    assert_eq!(catalog.terms.len(), 1);
    assert_eq!(catalog.site.format_version, "000");
    let posts: Vec<Post> = posts(&path, &scanned)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(kinds(&posts), (1, 0));
    let post = &posts[0];
    assert_eq!(
        (post.key.as_str(), post.slug.as_str()),
        ("1", "welcome-to-ghost")
    );
    assert_eq!(post.tags, ["getting-started"]);
    assert_eq!(post.published_at, Some(1_388_318_310));
    assert!(post.body_html.starts_with("<p>You're live! Nice."));
    assert_eq!(post.old_urls, ["/welcome-to-ghost/"]);
}
