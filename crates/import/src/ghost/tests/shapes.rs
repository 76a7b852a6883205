//! The three envelopes (db-wrapped, flat, 0.x importer) and what each
//! column becomes.

use super::read;
use crate::model::{CommentState, Position, PostKind, PostState, TermKind};

/// Ghost 5.x, as "Export your content" writes it (cut down).
const GHOST5: &str = r##"{"db":[{"meta":{"exported_on":1700000000000,"version":"5.75.1"},"data":{
"newsletters":[{"id":"n1"},{"id":"n2"}],
"posts":[
 {"id":"p1","title":"First","slug":"first","type":"post","status":"published","visibility":"public","html":"<p>Hello <a href=\"__GHOST_URL__/second/\">there</a></p><img src=\"__GHOST_URL__/content/images/2023/a.jpg\">","lexical":"{\"root\":{}}","feature_image":"__GHOST_URL__/content/images/2023/f.jpg","custom_excerpt":"Lead","published_at":"2023-11-02T10:00:00.000Z","updated_at":"2023-11-03T11:00:00.000Z","created_at":"2023-11-01T09:00:00.000Z"},
 {"id":"p2","title":"About","slug":"about","type":"page","status":"published","visibility":"public","html":"<p>Us</p>","published_at":"2023-01-01 00:00:00","updated_at":null},
 {"id":"p3","title":"Later","slug":"later","type":"post","status":"scheduled","visibility":"paid","html":"<p>Soon</p>","published_at":"2030-01-01T00:00:00.000Z"},
 {"id":"p4","title":"Idea","slug":"idea","type":"post","status":"draft","html":null,"lexical":null,"mobiledoc":null,"published_at":"0000-00-00 00:00:00"},
 {"id":"p5","title":"Letter","slug":"letter","type":"post","status":"sent","html":"<p>Mail</p>","published_at":"2023-05-05T05:05:05.000Z"}
],
"posts_authors":[{"id":"x1","post_id":"p1","author_id":"u2","sort_order":1},{"id":"x2","post_id":"p1","author_id":"u1","sort_order":0},{"id":"x3","post_id":"p2","author_id":"ghost","sort_order":0}],
"posts_meta":[{"id":"m1","post_id":"p1","feature_image_alt":"A field","feature_image_caption":"<i>By</i> Ann","email_subject":null}],
"posts_tags":[{"id":"t1","post_id":"p1","tag_id":"g2","sort_order":1},{"id":"t2","post_id":"p1","tag_id":"g1","sort_order":0},{"id":"t3","post_id":"p1","tag_id":"g3","sort_order":2}],
"tags":[{"id":"g1","name":"News","slug":"news","description":"All news","parent_id":null,"visibility":"public"},{"id":"g2","name":"Local","slug":"local","description":null,"parent_id":"g1","visibility":"public"},{"id":"g3","name":"#wide","slug":"hash-wide","visibility":"internal"}],
"users":[{"id":"u1","name":"Ann Lee","slug":"ann","email":"ann@example.com","bio":"Writes.","website":"https://ann.example","status":"active"},{"id":"u2","name":"Bo","slug":"bo","email":"bo@example.com","bio":null,"website":null}],
"settings":[{"id":"s1","group":"site","key":"title","value":"The Daily","type":"string"},{"id":"s2","group":"site","key":"locale","value":"fr","type":"string"},{"id":"s3","group":"site","key":"navigation","value":"[{\"label\":\"Home\"}]","type":"array"}],
"members":[{"id":"mb1","name":"Cy","email":"cy@example.com"}],
"comments":[{"id":"c2","post_id":"p1","member_id":"mb1","parent_id":"c1","html":"<p>Agreed</p>","status":"hidden","created_at":"2023-11-04T00:00:00.000Z"},{"id":"c1","post_id":"p1","member_id":"mb1","parent_id":null,"html":"<p>Nice</p>","status":"published","created_at":"2023-11-03T00:00:00.000Z"},{"id":"c3","post_id":"p1","member_id":"gone","parent_id":null,"html":"<p>x</p>","status":"deleted","created_at":"2023-11-05T00:00:00.000Z"}],
"snippets":[{"id":"sn1","name":"Sig","mobiledoc":"{}"}]
}}]}"##;

#[test]
fn db_wrapped_export_gives_site_people_tags_and_counts() {
    let (scanned, _) = read(GHOST5);
    let catalog = &scanned.catalog;
    assert_eq!(catalog.site.title, "The Daily");
    assert_eq!(catalog.site.language, "fr");
    assert_eq!(catalog.site.format_version, "5.75.1");
    assert_eq!(catalog.site.base_url, "");
    assert_eq!(catalog.posts, 5);
    let people: Vec<_> = catalog
        .people
        .iter()
        .map(|p| (p.key.as_str(), p.login.as_str()))
        .collect();
    assert_eq!(people, [("u1", "ann"), ("u2", "bo")]);
    let ann = &catalog.people[0];
    assert_eq!(
        (ann.name.as_str(), ann.email.as_str()),
        ("Ann Lee", "ann@example.com")
    );
    assert_eq!(
        (ann.bio.as_str(), ann.website.as_str()),
        ("Writes.", "https://ann.example")
    );
    // The internal `#wide` tag is no tag.
    let terms: Vec<_> = catalog
        .terms
        .iter()
        .map(|t| (t.key.as_str(), t.name.as_str()))
        .collect();
    assert_eq!(terms, [("news", "News"), ("local", "Local")]);
    assert!(catalog.terms.iter().all(|t| t.kind == TermKind::Tag));
    assert_eq!(catalog.terms[0].description, "All news");
    assert_eq!(catalog.terms[1].parent.as_deref(), Some("news"));
    let ignored: Vec<_> = catalog
        .ignored
        .iter()
        .map(|(k, n)| (k.as_str(), *n))
        .collect();
    assert_eq!(
        ignored,
        [("newsletters", 2), ("members", 1), ("snippets", 1)]
    );
}

#[test]
fn db_wrapped_export_maps_each_post() {
    let (_, posts) = read(GHOST5);
    let keys: Vec<_> = posts.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(keys, ["p1", "p2", "p3", "p4", "p5"]);
    let states: Vec<_> = posts.iter().map(|p| (p.kind, p.state)).collect();
    assert_eq!(
        states,
        [
            (PostKind::Post, PostState::Published),
            (PostKind::Page, PostState::Published),
            (PostKind::Post, PostState::Scheduled),
            (PostKind::Post, PostState::Draft),
            (PostKind::Post, PostState::Private),
        ]
    );
    let first = &posts[0];
    assert_eq!(
        (first.title.as_str(), first.slug.as_str()),
        ("First", "first")
    );
    assert_eq!(first.excerpt, "Lead");
    assert_eq!(first.published_at, Some(1_698_919_200));
    assert_eq!(first.modified_at, Some(1_699_009_200));
    // posts_authors and posts_tags in their sort_order; `#wide` left out.
    assert_eq!(first.authors, ["u1", "u2"]);
    assert_eq!(first.tags, ["news", "local"]);
    assert!(first.categories.is_empty());
    // `html` wins over `lexical`; placeholders become paths on the old site.
    assert_eq!(
        first.body_html,
        "<p>Hello <a href=\"/second/\">there</a></p><img src=\"/content/images/2023/a.jpg\">"
    );
    let featured = first.featured.as_ref().unwrap();
    assert_eq!(featured.url, "/content/images/2023/f.jpg");
    assert_eq!(featured.alt, "A field");
    assert_eq!(featured.caption, "<i>By</i> Ann");
    assert_eq!(first.old_urls, ["/first/"]);
    // A link to a user the export lacks makes no byline.
    assert!(posts[1].authors.is_empty());
    assert_eq!(posts[1].old_urls, ["/about/"]);
    assert_eq!(posts[1].published_at, Some(1_672_531_200));
    assert_eq!(posts[1].modified_at, None);
    assert_eq!(posts[3].body_html, "");
    assert_eq!(posts[3].published_at, None);
}

#[test]
fn members_comments_follow_their_post_oldest_first() {
    let (_, posts) = read(GHOST5);
    let comments = &posts[0].comments;
    let seen: Vec<_> = comments
        .iter()
        .map(|c| (c.key.as_str(), c.parent.as_deref(), c.state))
        .collect();
    assert_eq!(
        seen,
        [
            ("c1", None, CommentState::Approved),
            ("c2", Some("c1"), CommentState::Pending),
            ("c3", None, CommentState::Trashed),
        ]
    );
    assert_eq!(
        (
            comments[0].author_name.as_str(),
            comments[0].author_email.as_str()
        ),
        ("Cy", "cy@example.com")
    );
    assert_eq!(comments[0].body_html, "<p>Nice</p>");
    assert_eq!(comments[0].created_at, 1_698_969_600);
    assert!(!comments[0].is_ping);
    assert_eq!(comments[2].author_name, "");
    assert!(posts[1].comments.is_empty());
}

#[test]
fn posts_know_the_line_and_column_they_start_at() {
    let (_, posts) = read(GHOST5);
    // Line 4 is the first post, opening after one space.
    assert_eq!(posts[0].at, Position { line: 4, column: 2 });
    assert_eq!(posts[4].at, Position { line: 8, column: 2 });
}

#[test]
fn flat_export_with_mobiledoc_and_site_url() {
    let mobiledoc = serde_json::json!({
        "version": "0.3.1", "atoms": [], "markups": [], "cards": [],
        "sections": [[1, "p", [[0, [], 0, "From mobiledoc"]]], [2, "__GHOST_URL__/content/images/b.png"]]
    });
    let export = serde_json::json!({
        "meta": {"exported_on": 1, "version": "2.31.0"},
        "data": {
            "posts": [{"id": "5a1", "title": "T", "slug": "t", "page": false, "status": "published",
                       "mobiledoc": mobiledoc.to_string(), "html": "",
                       "feature_image": "{{blog-url}}/content/images/c.png",
                       "published_at": "2018-02-01T08:00:00.000Z"}],
            "settings": [{"key": "lang", "value": "en_GB"}, {"key": "url", "value": "https://old.example/"}]
        }
    });
    let (scanned, posts) = read(&export.to_string());
    assert_eq!(scanned.catalog.site.language, "en-GB");
    assert_eq!(scanned.catalog.site.format_version, "2.31.0");
    assert_eq!(scanned.catalog.site.base_url, "https://old.example/");
    assert_eq!(scanned.catalog.posts, 1);
    let post = &posts[0];
    assert_eq!(post.kind, PostKind::Post);
    assert_eq!(
        post.body_html,
        "<p>From mobiledoc</p><figure><img src=\"https://old.example/content/images/b.png\" alt=\"\"></figure>"
    );
    assert_eq!(
        post.featured.as_ref().unwrap().url,
        "https://old.example/content/images/c.png"
    );
}

/// Ghost 0.x inside the importer's envelope: integer ids, epoch
/// milliseconds, Markdown beside HTML, `page` and `author_id`, a date-based
/// permalink in the site's time zone, a BOM in front.
#[test]
fn legacy_envelope_with_markdown_and_permalinks() {
    let export = serde_json::json!({
        "images": [{"name": "a.png"}],
        "data": {
            "meta": {"exported_on": 1388318311015_u64, "version": "003"},
            "data": {
                "posts": [
                    {"id": 1, "title": "Hi", "slug": "hi", "markdown": "Some *stress* & [a link](/x/)",
                     "html": null, "image": "/content/images/hi.png", "page": 0, "status": "published",
                     "author_id": 7, "published_at": 1388534400000_u64, "updated_at": 1388534400999_u64},
                    {"id": 2, "title": "Colophon", "slug": "colophon", "markdown": "", "html": "<p>Made</p>",
                     "page": 1, "status": "published", "author_id": 7, "published_at": 1388534400000_u64}
                ],
                "tags": [{"id": 3, "name": "Life", "slug": "life"}],
                "posts_tags": [{"id": 1, "post_id": 1, "tag_id": 3}],
                "users": [{"id": 7, "name": "Old Hand", "slug": "old", "email": "o@example.com"},
                          {"name": "No Id Nor Slug", "email": "n@example.com"}],
                "settings": [{"key": "permalinks", "value": "/:year/:month/:day/:slug/"},
                             {"key": "activeTimezone", "value": "America/New_York"},
                             {"key": "defaultLang", "value": "en_US"},
                             {"key": "title", "value": "Old blog"}]
            }
        }
    });
    let content = format!("\u{feff}{export}");
    let (scanned, posts) = read(&content);
    let catalog = &scanned.catalog;
    assert_eq!(
        (catalog.site.title.as_str(), catalog.site.language.as_str()),
        ("Old blog", "en-US")
    );
    assert_eq!(catalog.site.format_version, "003");
    assert_eq!(catalog.posts, 2);
    let people: Vec<_> = catalog
        .people
        .iter()
        .map(|p| (p.key.as_str(), p.login.as_str()))
        .collect();
    assert_eq!(people, [("7", "old"), ("no-id-nor-slug", "no-id-nor-slug")]);
    let (post, page) = (&posts[0], &posts[1]);
    assert_eq!((post.key.as_str(), post.kind), ("1", PostKind::Post));
    assert_eq!((page.key.as_str(), page.kind), ("2", PostKind::Page));
    assert_eq!(
        post.body_html,
        "<p>Some <em>stress</em> &amp; <a href=\"/x/\">a link</a></p>\n"
    );
    assert_eq!(page.body_html, "<p>Made</p>");
    assert_eq!(post.published_at, Some(1_388_534_400));
    assert_eq!(post.modified_at, Some(1_388_534_400));
    assert_eq!(post.authors, ["7"]);
    assert_eq!(post.tags, ["life"]);
    assert_eq!(
        post.featured.as_ref().unwrap().url,
        "/content/images/hi.png"
    );
    // Midnight UTC on 1 January 2014 was still 2013 in New York.
    assert_eq!(post.old_urls, ["/2013/12/31/hi/"]);
    assert_eq!(page.old_urls, ["/colophon/"]);
}

#[test]
fn permalinks_with_author_tag_and_id() {
    let export = serde_json::json!({"db": [{"meta": {"version": "1.25.0"}, "data": {
        "posts": [{"id": "a", "slug": "one", "status": "published", "published_at": "2017-03-04T05:06:07.000Z"},
                  {"id": "b", "slug": "two", "status": "draft", "published_at": null}],
        "users": [{"id": "u", "slug": "writer", "name": "W"}],
        "posts_authors": [{"post_id": "a", "author_id": "u", "sort_order": 0}],
        "settings": [{"key": "permalinks", "value": "/:author/:primary_tag/:id-:slug/"}]
    }}]});
    let (_, posts) = read(&export.to_string());
    assert_eq!(posts[0].old_urls, ["/writer/all/a-one/"]);
    // No author to fill `:author` with: Ghost's default address.
    assert_eq!(posts[1].old_urls, ["/two/"]);
}

#[test]
fn comments_before_members_as_ghost_orders_its_tables() {
    let export = serde_json::json!({"db": [{"meta": {"version": "5.90.0"}, "data": {
        "comments": [{"id": "c", "post_id": "p", "member_id": "m2", "html": "<p>Hi</p>",
                      "status": "published", "created_at": "2024-01-01T00:00:00.000Z"}],
        "members": [{"id": "m1", "name": "Quiet", "email": "q@example.com"},
                    {"id": "m2", "name": "Talker", "email": "t@example.com"}],
        "posts": [{"id": "p", "slug": "p", "type": "post", "status": "published", "html": "<p>x</p>"}]
    }}]});
    let (scanned, posts) = read(&export.to_string());
    assert_eq!(scanned.catalog.ignored, [("members".to_owned(), 2)]);
    let comment = &posts[0].comments[0];
    assert_eq!(
        (comment.author_name.as_str(), comment.author_email.as_str()),
        ("Talker", "t@example.com")
    );
}
