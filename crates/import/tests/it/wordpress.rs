use std::sync::atomic::{AtomicUsize, Ordering};

use dateline_domain::comment::CommentSort;
use dateline_domain::comment::CommentStatus;
use dateline_domain::{ArticleStatus, BodyBlock};
use dateline_import::apply::{Format, Progress, Report};
use dateline_import::testing::shared_data;
use dateline_import::ImportError;
use dateline_store::comments::CommentQuery;
use dateline_store::Store;

use crate::Site;

/// A WordPress 1.2 export with what a real one has: two authors, a
/// category made a section and one that stays a tag, a featured picture
/// from the uploads folder, a threaded discussion four levels deep with a
/// pending reply, spam and a pingback, and posts in every state.
fn export(title: &str, extra_comment: bool) -> String {
    let more = if extra_comment {
        comment(9, 0, "1", "A late word")
    } else {
        String::new()
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Harbour Times</title><link>https://old.example</link><language>en-GB</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example</wp:base_site_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[mara]]></wp:author_login>
<wp:author_email>mara@old.example</wp:author_email><wp:author_display_name><![CDATA[Mara Quill]]></wp:author_display_name>
<wp:author_first_name></wp:author_first_name><wp:author_last_name></wp:author_last_name></wp:author>
<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[ole]]></wp:author_login>
<wp:author_display_name><![CDATA[Ole Brandt]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>harbour</wp:category_nicename>
<wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Harbour]]></wp:cat_name>
<wp:category_description><![CDATA[Ships and docks]]></wp:category_description></wp:category>
<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>weather</wp:category_nicename>
<wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Weather]]></wp:cat_name></wp:category>
<wp:tag><wp:term_id>5</wp:term_id><wp:tag_slug>ferries</wp:tag_slug><wp:tag_name><![CDATA[Ferries]]></wp:tag_name></wp:tag>
<item><title>Crane at the dock</title><link>https://old.example/?attachment_id=30</link>
<wp:post_id>30</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
<excerpt:encoded><![CDATA[The new crane on its first day]]></excerpt:encoded>
<wp:attachment_url>https://old.example/wp-content/uploads/2024/03/crane.png</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value><![CDATA[A yellow crane]]></wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_wp_attachment_metadata</wp:meta_key><wp:meta_value><![CDATA[a:1:{{s:10:"image_meta";a:1:{{s:6:"credit";s:9:"Ida Kranz";}}}}]]></wp:meta_value></wp:postmeta>
</item>
<item><title>{title}</title><link>https://old.example/2024/03/11/new-crane/</link>
<pubDate>Mon, 11 Mar 2024 09:30:00 +0000</pubDate><dc:creator><![CDATA[mara]]></dc:creator>
<guid isPermaLink="false">https://old.example/?p=10</guid>
<content:encoded><![CDATA[The harbour has a <strong>new crane</strong>.

It lifts <a href="/2024/01/old-crane/">twice</a> the load.

<h2>What it means</h2>
<ul><li>Faster ships</li><li>Fewer delays</li></ul>]]></content:encoded>
<excerpt:encoded><![CDATA[A crane that lifts twice the load.]]></excerpt:encoded>
<wp:post_id>10</wp:post_id><wp:post_date>2024-03-11 10:30:00</wp:post_date>
<wp:post_date_gmt>2024-03-11 09:30:00</wp:post_date_gmt><wp:post_name>new-crane</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="harbour"><![CDATA[Harbour]]></category>
<category domain="category" nicename="weather"><![CDATA[Weather]]></category>
<category domain="post_tag" nicename="ferries"><![CDATA[Ferries]]></category>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value><![CDATA[30]]></wp:meta_value></wp:postmeta>
{c1}{c2}{c3}{c4}{c5}{c6}{c7}{more}
</item>
<item><title>Tide tables, unfinished</title><link>https://old.example/?p=11</link>
<dc:creator><![CDATA[ole]]></dc:creator><content:encoded><![CDATA[Draft text]]></content:encoded>
<wp:post_id>11</wp:post_id><wp:post_date>2024-03-12 10:00:00</wp:post_date>
<wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt><wp:post_name></wp:post_name>
<wp:status>draft</wp:status><wp:post_type>post</wp:post_type></item>
<item><title>Old rumour</title><dc:creator><![CDATA[ole]]></dc:creator>
<content:encoded><![CDATA[Gone]]></content:encoded><wp:post_id>12</wp:post_id>
<wp:post_date_gmt>2024-01-01 10:00:00</wp:post_date_gmt><wp:status>trash</wp:status><wp:post_type>post</wp:post_type></item>
<item><title>About us</title><link>https://old.example/about/</link><dc:creator><![CDATA[mara]]></dc:creator>
<content:encoded><![CDATA[<p>We report on the harbour.</p>]]></content:encoded><wp:post_id>13</wp:post_id>
<wp:post_date_gmt>2023-05-01 10:00:00</wp:post_date_gmt><wp:post_name>about</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>page</wp:post_type></item>
<item><title>Next week's regatta</title><dc:creator><![CDATA[mara]]></dc:creator>
<content:encoded><![CDATA[Soon]]></content:encoded><wp:post_id>14</wp:post_id>
<wp:post_date_gmt>2099-06-01 10:00:00</wp:post_date_gmt><wp:post_name>regatta</wp:post_name>
<wp:status>future</wp:status><wp:post_type>post</wp:post_type></item>
<item><title>Menu</title><wp:post_id>15</wp:post_id><wp:post_type>nav_menu_item</wp:post_type></item>
</channel></rss>
"#,
        c1 = comment(1, 0, "1", "Great news"),
        c2 = comment(2, 1, "1", "Agreed"),
        c3 = comment(3, 2, "1", "Me too"),
        c4 = comment(4, 3, "1", "Deep down"),
        c5 = comment(5, 1, "0", "Waiting for approval"),
        c6 = comment(6, 0, "spam", "Cheap watches"),
        c7 = PINGBACK,
    )
}

const PINGBACK: &str = "<wp:comment><wp:comment_id>7</wp:comment_id><wp:comment_author>Blog</wp:comment_author>\
     <wp:comment_content>Linked</wp:comment_content><wp:comment_approved>1</wp:comment_approved>\
     <wp:comment_type>pingback</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>";

fn comment(id: u32, parent: u32, approved: &str, text: &str) -> String {
    format!(
        "<wp:comment><wp:comment_id>{id}</wp:comment_id><wp:comment_author><![CDATA[Reader {id}]]></wp:comment_author>\
         <wp:comment_author_email>r{id}@example.net</wp:comment_author_email>\
         <wp:comment_date_gmt>2024-03-11 1{}:00:00</wp:comment_date_gmt>\
         <wp:comment_content><![CDATA[{text}]]></wp:comment_content>\
         <wp:comment_approved>{approved}</wp:comment_approved><wp:comment_type>comment</wp:comment_type>\
         <wp:comment_parent>{parent}</wp:comment_parent></wp:comment>",
        id % 10
    )
}

/// The export and an uploads folder holding its picture.
struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new(content: &str) -> Files {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("export.xml"), content).unwrap();
        let pictures = dir.path().join("uploads/2024/03");
        std::fs::create_dir_all(&pictures).unwrap();
        let image = image::RgbImage::from_fn(320, 200, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        image.save(pictures.join("crane.png")).unwrap();
        Files { dir }
    }

    fn export(&self) -> std::path::PathBuf {
        self.dir.path().join("export.xml")
    }

    fn rewrite(&self, content: &str) {
        std::fs::write(self.export(), content).unwrap();
    }

    fn uploads(&self) -> std::path::PathBuf {
        self.dir.path().join("uploads")
    }
}

fn options(site: &Site, files: &Files) -> dateline_import::apply::Options {
    let mut options = site.options(Format::WordPress, &files.export());
    options.section_categories = vec!["harbour".into()];
    options.uploads = Some(files.uploads());
    options
}

async fn comments_of(store: &Store, article_id: i64) -> Vec<(String, String, CommentStatus, i64)> {
    let page = store
        .list_comments(&CommentQuery {
            article_id,
            sort: CommentSort::Oldest,
            after: None,
            limit: 50,
        })
        .await
        .unwrap();
    let mut out = Vec::new();
    for thread in page.threads {
        let c = thread.comment;
        out.push((c.author_name, c.body_source, c.status, c.depth));
        for branch in thread.replies {
            let r = branch.comment;
            out.push((r.author_name, r.body_source, r.status, r.depth));
            for r in branch.replies {
                out.push((r.author_name, r.body_source, r.status, r.depth));
            }
        }
    }
    out
}

async fn a_wordpress_export_comes_in_whole_and_a_second_run_changes_nothing(store: &Store) {
    let site = Site::new(store).await;
    let files = Files::new(&export("A new crane for the harbour", false));
    let report = site.import(&options(&site, &files)).await.unwrap();
    assert_eq!(report.get("posts").created, 3, "{report}");
    assert_eq!(report.get("posts").skipped, 1, "the trashed post: {report}");
    assert_eq!(report.get("pages").created, 1, "{report}");
    assert_eq!(report.get("authors").created, 2, "{report}");
    assert_eq!(report.get("sections").created, 1, "{report}");
    assert_eq!(report.get("pictures").created, 1, "{report}");
    // Five reader comments and the spam; the pingback is left out.
    assert_eq!(report.get("comments").created, 6, "{report}");
    assert_eq!(report.get("comments").skipped, 1, "{report}");
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.what.contains("nav_menu_item")),
        "{report}"
    );

    let en = site.fixtures.en.id;
    let harbour = store
        .section_by_slug(en, &"harbour".parse().unwrap())
        .await
        .unwrap()
        .expect("the category became a section");
    assert_eq!(harbour.description, "Ships and docks");
    let story = store
        .article_by_slug(en, &"new-crane".parse().unwrap())
        .await
        .unwrap()
        .expect("the post is a story");
    assert_eq!(story.status, ArticleStatus::Published);
    assert_eq!(story.section_id, harbour.id);
    assert_eq!(story.published_at, Some(1_710_149_400));
    assert_eq!(story.lead, "A crane that lifts twice the load.");
    assert_eq!(story.authors.len(), 1);
    assert_eq!(story.authors[0].name, "Mara Quill");
    let tags: Vec<&str> = story.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tags, ["Weather", "Ferries"]);
    match &story.body[..] {
        [BodyBlock::Paragraph { text, marks }, BodyBlock::Paragraph {
            text: t2,
            marks: m2,
        }, BodyBlock::Heading { text: h, .. }, BodyBlock::List { items, .. }] => {
            assert_eq!(text, "The harbour has a new crane.");
            assert_eq!(marks.len(), 1);
            assert_eq!(t2, "It lifts twice the load.");
            assert!(
                matches!(&m2[..], [dateline_domain::Mark::Link { href, .. }] if href == "https://old.example/2024/01/old-crane/"),
                "{m2:?}"
            );
            assert_eq!(h, "What it means");
            assert_eq!(items.len(), 2);
        }
        other => panic!("body: {other:#?}"),
    }
    let picture = story.lead_media_id.expect("the featured picture");
    let asset = store.media_by_id(picture).await.unwrap().unwrap();
    assert_eq!(asset.caption, "The new crane on its first day");
    assert_eq!(asset.alt_text, "A yellow crane");
    assert_eq!(asset.credit, "Ida Kranz");

    let comments = comments_of(store, story.id).await;
    let shown: Vec<(&str, i64)> = comments
        .iter()
        .filter(|c| c.2 == CommentStatus::Published)
        .map(|c| (c.0.as_str(), c.3))
        .collect();
    // The fourth level sits beside the third (the site has three).
    assert_eq!(
        shown,
        [
            ("Reader 1", 0),
            ("Reader 2", 1),
            ("Reader 3", 2),
            ("Reader 4", 2)
        ]
    );
    assert_eq!(story.comment_count, 4);

    let draft = site
        .articles()
        .await
        .into_iter()
        .find(|a| a.headline == "Tide tables, unfinished")
        .expect("the draft");
    assert_eq!(draft.status, ArticleStatus::Draft);
    let regatta = store
        .article_by_slug(en, &"regatta".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(regatta.status, ArticleStatus::Scheduled);
    assert_eq!(regatta.scheduled_at, Some(4_083_991_200));

    for old in ["/2024/03/11/new-crane/", "/?p=10"] {
        assert_eq!(
            store.redirect_target(old).await.unwrap(),
            Some(story.id),
            "{old}"
        );
    }

    let again = site.import(&options(&site, &files)).await.unwrap();
    for kind in ["posts", "pages", "authors", "sections", "pictures", "tags"] {
        let t = again.get(kind);
        assert_eq!((t.created, t.updated), (0, 0), "{kind}: {again}");
    }
    assert_eq!(again.get("posts").unchanged, 3, "{again}");
    assert_eq!(again.get("comments").created, 0, "{again}");
    assert_eq!(site.articles().await.len(), 4);
    let same = store.article_by_id(story.id).await.unwrap().unwrap();
    assert_eq!(same.version, story.version, "nothing was saved again");
}

async fn an_updated_export_brings_only_its_changes(store: &Store) {
    let site = Site::new(store).await;
    let files = Files::new(&export("A new crane for the harbour", false));
    site.import(&options(&site, &files)).await.unwrap();
    files.rewrite(&export("A bigger crane for the harbour", true));
    let report = site.import(&options(&site, &files)).await.unwrap();
    assert_eq!(report.get("posts").updated, 1, "{report}");
    assert_eq!(report.get("posts").unchanged, 2, "{report}");
    assert_eq!(report.get("comments").created, 1, "{report}");
    let story = store
        .article_by_slug(site.fixtures.en.id, &"new-crane".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(story.headline, "A bigger crane for the harbour");
    assert_eq!(story.comment_count, 5);
    assert_eq!(site.articles().await.len(), 4);
}

async fn a_dry_run_reports_and_writes_nothing(store: &Store) {
    let site = Site::new(store).await;
    let files = Files::new(&export("A new crane for the harbour", false));
    let mut options = options(&site, &files);
    options.dry_run = true;
    let report = site.import(&options).await.unwrap();
    assert!(report.dry_run);
    assert_eq!(report.get("posts").created, 3, "{report}");
    assert_eq!(report.get("comments").created, 6, "{report}");
    assert!(site.articles().await.is_empty());
    assert!(store
        .section_by_slug(site.fixtures.en.id, &"harbour".parse().unwrap())
        .await
        .unwrap()
        .is_none());
    assert!(store
        .author_by_slug(&"mara".parse().unwrap())
        .await
        .unwrap()
        .is_none());
}

async fn a_broken_export_is_refused_and_changes_nothing(store: &Store) {
    let site = Site::new(store).await;
    let whole = export("A new crane for the harbour", false);
    // Cut inside the draft: the first posts are well-formed, the file is not.
    let cut = &whole[..whole.find("Draft text").unwrap()];
    let files = Files::new(cut);
    match site.import(&options(&site, &files)).await {
        Err(ImportError::Malformed {
            file, line, reason, ..
        }) => {
            assert_eq!(file, files.export());
            assert!(line > 40, "{line}");
            assert!(reason.contains("CDATA not closed"), "{reason}");
        }
        other => panic!("expected a refusal: {other:?}"),
    }
    assert!(site.articles().await.is_empty());
    assert!(store
        .author_by_slug(&"mara".parse().unwrap())
        .await
        .unwrap()
        .is_none());
}

/// Stops the run once `after` posts are done, as Ctrl-C would.
struct StopAfter {
    after: usize,
    done: AtomicUsize,
    stop: tokio::sync::watch::Sender<bool>,
}

impl Progress for StopAfter {
    fn start(&self, _: u64) {}
    fn advance(&self, _: &str) {
        if self.done.fetch_add(1, Ordering::SeqCst) + 1 == self.after {
            let _ = self.stop.send(true);
        }
    }
    fn finish(&self, _: &Report) {}
}

async fn an_interrupted_import_resumes_where_it_stopped(store: &Store) {
    let site = Site::new(store).await;
    let files = Files::new(&export("A new crane for the harbour", false));
    let options = options(&site, &files);
    let (stop_tx, stop) = tokio::sync::watch::channel(false);
    let progress = StopAfter {
        after: 2,
        done: AtomicUsize::new(0),
        stop: stop_tx,
    };
    let first = dateline_import::apply::run(store, site.media.clone(), &options, &progress, stop)
        .await
        .unwrap();
    assert!(first.interrupted, "{first}");
    assert_eq!(site.articles().await.len(), 2);
    let rest = site.import(&options).await.unwrap();
    assert!(!rest.interrupted);
    assert_eq!(rest.get("posts").unchanged, 2, "{rest}");
    assert_eq!(
        rest.get("posts").created + rest.get("pages").created,
        2,
        "{rest}"
    );
    assert_eq!(site.articles().await.len(), 4);
}

async fn the_wordpress_importers_fixtures_come_in_with_their_counts(store: &Store) {
    let Some(dir) = shared_data("wxr") else {
        return;
    };
    let site = Site::new(store).await;
    // (file, posts, pages, comments): every one of them published or a
    // draft, none in the bin.
    let mut expected_articles = 0;
    for (name, posts, pages, comments) in [
        ("valid-wxr-1.0.xml", 3, 3, 1),
        ("valid-wxr-1.1.xml", 1, 1, 1),
        ("small-export.xml", 6, 5, 1),
    ] {
        let mut options = site.options(Format::WordPress, &dir.join(name));
        options.fetch = false;
        let report = site
            .import(&options)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let made = |kind: &str| report.get(kind).total() - report.get(kind).skipped;
        assert_eq!(made("posts"), posts, "{name}: {report}");
        assert_eq!(made("pages"), pages, "{name}: {report}");
        assert_eq!(made("comments"), comments, "{name}: {report}");
        expected_articles += posts + pages;
        let again = site.import(&options).await.unwrap();
        assert_eq!(
            again.get("posts").created + again.get("posts").updated,
            0,
            "{name}: {again}"
        );
    }
    // Two of the fixtures are one site's exports at different times: the
    // same post ids are the same stories.
    let distinct = site.articles().await.len() as u64;
    assert!(
        distinct <= expected_articles && distinct >= 11,
        "{distinct}"
    );
    match site
        .import(&site.options(Format::WordPress, &dir.join("malformed.xml")))
        .await
    {
        Err(ImportError::Malformed { line, .. }) => assert_eq!(line, 27),
        other => panic!("malformed.xml was taken: {other:?}"),
    }
}

on_both_backends!(
    a_wordpress_export_comes_in_whole_and_a_second_run_changes_nothing,
    an_updated_export_brings_only_its_changes,
    a_dry_run_reports_and_writes_nothing,
    a_broken_export_is_refused_and_changes_nothing,
    an_interrupted_import_resumes_where_it_stopped,
    the_wordpress_importers_fixtures_come_in_with_their_counts,
);
