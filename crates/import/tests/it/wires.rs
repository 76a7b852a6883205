//! Wire ingest end to end: files dropped in a watched folder and feeds
//! polled over HTTP land in the queue; new versions update items and flag
//! drafts; the same copy from two sources is a duplicate; a malformed file
//! is set aside with its reason and changes nothing.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use dateline_import::ingest::{self, draft_of, Tally};
use dateline_import::testing::shared_data;
use dateline_store::testing::Fixtures;
use dateline_store::wires::{WireQuery, WireSource, WireSourceInput, WireSourceKind};
use dateline_store::{NewAudit, Store};

const T: i64 = Fixtures::NOW;

async fn add_source(store: &Store, name: &str, kind: WireSourceKind, location: &str) -> WireSource {
    store
        .create_wire_source(
            &WireSourceInput {
                name: name.into(),
                kind,
                location: location.into(),
                poll_seconds: 60,
                enabled: true,
            },
            &NewAudit::new("wire_source.create", "wire_source", None, T),
        )
        .await
        .unwrap()
}

/// Writes `name` into `dir` as a file finished a while ago (a folder poll
/// leaves files younger than two seconds for the next one).
fn drop_file(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(60))
        .unwrap();
}

async fn headlines(store: &Store) -> Vec<String> {
    store
        .wire_queue(&WireQuery {
            limit: 200,
            with_duplicates: true,
            ..WireQuery::default()
        })
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|i| i.headline)
        .collect()
}

fn ninjs(guid: &str, version: u32, headline: &str, body: &str) -> Vec<u8> {
    serde_json::json!({
        "uri": guid,
        "version": version.to_string(),
        "type": "text",
        "language": "en",
        "urgency": 3,
        "headlines": [{ "value": headline }],
        "bodies": [{ "role": "main", "contenttype": "text/html", "value": body }],
        "copyrightholder": "Example Wire",
        "firstcreated": "2026-12-05T06:00:00Z",
        "versioncreated": "2026-12-05T06:30:00Z",
    })
    .to_string()
    .into_bytes()
}

async fn every_shared_file_is_taken_or_set_aside(store: &Store) {
    let Some(feeds) = shared_data("feeds") else {
        return;
    };
    let Some(ninjs_dir) = shared_data("ninjs") else {
        return;
    };
    let Some(newsml) = shared_data("newsml-g2") else {
        return;
    };
    let inbox = tempfile::tempdir().unwrap();
    let mut dropped = Vec::new();
    let mut copy = |path: &Path, prefix: &str| {
        let name = format!("{prefix}-{}", path.file_name().unwrap().to_string_lossy());
        drop_file(inbox.path(), &name, &std::fs::read(path).unwrap());
        dropped.push(name);
    };
    for entry in std::fs::read_dir(&feeds).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "xml" || e == "json") {
            copy(&path, "feed");
        }
    }
    for entry in std::fs::read_dir(&newsml).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "xml") {
            copy(&path, "g2");
        }
    }
    for version in ["1.4", "2.1", "3.0"] {
        for entry in std::fs::read_dir(ninjs_dir.join("examples").join(version)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                copy(&path, &format!("ninjs{version}"));
            }
        }
    }
    let source = add_source(
        store,
        "inbox",
        WireSourceKind::Folder,
        &inbox.path().display().to_string(),
    )
    .await;
    let client = ingest::client();
    let (tally, result) = ingest::poll(store, &client, &source, T).await;

    // The truncated Reuters feed is the one refused, with where it breaks.
    assert_eq!(tally.refused, 1, "{tally:?} {}", result.error);
    assert!(
        result.error.contains("feed-rss_2.0_invalid_1.xml:"),
        "{}",
        result.error
    );
    let failed = inbox.path().join("failed");
    assert!(failed.join("feed-rss_2.0_invalid_1.xml").is_file());
    let why = std::fs::read_to_string(failed.join("feed-rss_2.0_invalid_1.xml.error.txt")).unwrap();
    assert!(why.contains("feed-rss_2.0_invalid_1.xml:"), "{why}");

    // Everything else moved to processed/, and the folder is empty.
    let processed = inbox.path().join("processed");
    assert_eq!(
        std::fs::read_dir(&processed).unwrap().count(),
        dropped.len() - 1
    );
    let left: Vec<_> = std::fs::read_dir(inbox.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "processed" && n != "failed")
        .collect();
    assert!(left.is_empty(), "{left:?}");

    let queued = headlines(store).await;
    assert_eq!(queued.len() as u64, tally.new, "{tally:?}");
    // Every item the files hold was taken: new, or the same id and version
    // as one taken from an earlier file (the ninjs examples repeat stories
    // across versions of the standard).
    let mut held = 0u64;
    let mut skipped = 0u64;
    for name in dropped
        .iter()
        .filter(|n| *n != "feed-rss_2.0_invalid_1.xml")
    {
        let bytes = std::fs::read(processed.join(name)).unwrap();
        let parsed = dateline_import::wire::parse(&bytes, name, None).unwrap();
        held += parsed.items.len() as u64;
        skipped += parsed.skipped.len() as u64;
    }
    assert_eq!(
        tally.new + tally.unchanged + tally.updated,
        held,
        "{tally:?}"
    );
    assert_eq!(tally.skipped, skipped, "{tally:?}");
    assert!(
        tally.new > dropped.len() as u64 / 2,
        "{tally:?} for {} files",
        dropped.len()
    );
    // The KOI8-R feed with no declaration reads as Russian.
    assert!(
        queued.iter().any(|h| h == "Как пережить новогоднюю ночь"),
        "{queued:?}"
    );
    // The same Business Wire story in ninjs 1.4, 2.1 and 3.0 is one copy.
    assert!(tally.duplicates >= 2, "{tally:?}");

    // The same files again: nothing new.
    for name in &dropped {
        let from = if name == "feed-rss_2.0_invalid_1.xml" {
            &failed
        } else {
            &processed
        };
        let bytes = std::fs::read(from.join(name)).unwrap();
        drop_file(inbox.path(), name, &bytes);
    }
    let (again, _) = ingest::poll(store, &client, &source, T + 60).await;
    assert_eq!(
        (again.new, again.updated, again.refused),
        (0, 0, 1),
        "{again:?}"
    );
    assert_eq!(again.unchanged, held, "{again:?}");
    assert_eq!(headlines(store).await.len(), queued.len());
}

async fn a_new_version_updates_the_item_and_flags_its_draft(store: &Store) {
    let fx = Fixtures::new(store).await;
    let desk = store
        .create_user(
            &dateline_domain::NewUser {
                email: "desk@example.org".parse().unwrap(),
                display_name: "Desk".into(),
                role: dateline_domain::Role::Editor,
                password_hash: None,
            },
            T,
        )
        .await
        .unwrap()
        .id;
    let inbox = tempfile::tempdir().unwrap();
    let second_inbox = tempfile::tempdir().unwrap();
    let source = add_source(
        store,
        "agency",
        WireSourceKind::Folder,
        &inbox.path().display().to_string(),
    )
    .await;
    let other = add_source(
        store,
        "partner",
        WireSourceKind::Folder,
        &second_inbox.path().display().to_string(),
    )
    .await;
    let client = ingest::client();

    drop_file(
        inbox.path(),
        "a.json",
        &ninjs(
            "urn:example:harbour",
            1,
            "Harbour reopens",
            "<p>Ships return to the quay.</p>",
        ),
    );
    let (tally, result) = ingest::poll(store, &client, &source, T).await;
    assert_eq!((tally.new, tally.refused), (1, 0), "{}", result.error);
    let item_id = store
        .wire_queue(&WireQuery {
            limit: 5,
            ..WireQuery::default()
        })
        .await
        .unwrap()
        .items[0]
        .id;
    let item = store.wire_item(item_id).await.unwrap();
    assert_eq!(
        (
            item.version,
            item.content.credit.as_str(),
            item.content.urgency
        ),
        (1, "Example Wire", Some(3))
    );

    let draft = draft_of(&item, fx.en.id, fx.world.id, None, T).unwrap();
    let article = store
        .create_wire_draft(
            item_id,
            &draft,
            desk,
            &NewAudit::new("article.create_from_wire", "article", None, T),
        )
        .await
        .unwrap();
    assert_eq!(article.headline, "Harbour reopens");

    // The partner sends the same copy under its own id: a duplicate.
    drop_file(
        second_inbox.path(),
        "copy.json",
        &ninjs(
            "urn:partner:991",
            1,
            "Harbour reopens",
            "<p>Ships return to the quay.</p>",
        ),
    );
    let (copy, _) = ingest::poll(store, &client, &other, T).await;
    assert_eq!((copy.new, copy.duplicates), (1, 1));

    drop_file(
        inbox.path(),
        "b.json",
        &ninjs(
            "urn:example:harbour",
            2,
            "Harbour reopens after repairs",
            "<p>Ships return to the quay.</p><p>Cranes are back.</p>",
        ),
    );
    let (update, _) = ingest::poll(store, &client, &source, T + 60).await;
    assert_eq!(
        update,
        Tally {
            updated: 1,
            flagged: 1,
            ..Tally::default()
        }
    );
    let origin = store.wire_origin(article.id).await.unwrap().unwrap();
    assert!(origin.has_update());
    assert_eq!((origin.item_version, origin.current_version), (1, Some(2)));
    assert_eq!(
        store.wire_item(item_id).await.unwrap().content.headline,
        "Harbour reopens after repairs"
    );
}

async fn a_failed_poll_names_the_address_without_its_password(store: &Store) {
    // Nothing listens on port 1: the connection is refused.
    let source = add_source(
        store,
        "closed",
        WireSourceKind::Url,
        "http://desk:s3cret@127.0.0.1:1/feed",
    )
    .await;
    let (tally, result) = ingest::poll(store, &ingest::client(), &source, T).await;
    assert_eq!(tally.refused, 1);
    assert!(
        result.error.starts_with("http://127.0.0.1:1/feed: "),
        "{}",
        result.error
    );
    assert!(!result.error.contains("s3cret"), "{}", result.error);
}

async fn a_file_stays_in_the_folder_while_the_database_is_away(store: &Store) {
    let inbox = tempfile::tempdir().unwrap();
    let source = add_source(
        store,
        "agency",
        WireSourceKind::Folder,
        &inbox.path().display().to_string(),
    )
    .await;
    drop_file(
        inbox.path(),
        "a.json",
        &ninjs(
            "urn:example:outage",
            1,
            "Power cut downtown",
            "<p>Lights out.</p>",
        ),
    );
    store.close().await;
    let (tally, result) = ingest::poll(store, &ingest::client(), &source, T).await;
    assert_eq!(tally, Tally::default());
    assert!(
        result.error.contains("stays in the folder"),
        "{}",
        result.error
    );
    assert!(
        inbox.path().join("a.json").is_file(),
        "the file was not moved"
    );
    assert!(!inbox.path().join("failed").exists(), "nothing was refused");
}

/// A feed server: answers with an ETag, 304 when it is sent back, and
/// counts the requests.
#[derive(Clone, Default)]
struct Feed {
    body: Arc<Mutex<(Vec<u8>, &'static str, String)>>,
    requests: Arc<AtomicUsize>,
    not_modified: Arc<AtomicUsize>,
}

async fn serve(feed: Feed) -> String {
    let app = axum::Router::new().route(
        "/feed",
        axum::routing::get(move |headers: HeaderMap| {
            let feed = feed.clone();
            async move {
                feed.requests.fetch_add(1, Ordering::SeqCst);
                let (body, content_type, etag) = feed.body.lock().unwrap().clone();
                if etag.is_empty() {
                    return StatusCode::SERVICE_UNAVAILABLE.into_response();
                }
                if headers
                    .get(header::IF_NONE_MATCH)
                    .and_then(|v| v.to_str().ok())
                    == Some(etag.as_str())
                {
                    feed.not_modified.fetch_add(1, Ordering::SeqCst);
                    return StatusCode::NOT_MODIFIED.into_response();
                }
                (
                    [
                        (header::CONTENT_TYPE, content_type.to_owned()),
                        (header::ETAG, etag),
                    ],
                    body,
                )
                    .into_response()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}/feed")
}

fn rss(items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(guid, title)| format!("<item><guid>{guid}</guid><title>{title}</title><description>&lt;p&gt;{title}, in full.&lt;/p&gt;</description></item>"))
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>City desk</title><link>https://city.example/</link><language>en</language>{items}</channel></rss>")
}

async fn a_polled_feed_is_read_again_only_when_it_changed(store: &Store) {
    let feed = Feed::default();
    *feed.body.lock().unwrap() = (
        rss(&[("c-1", "Tram line opens")]).into_bytes(),
        "application/rss+xml",
        "\"one\"".into(),
    );
    let url = serve(feed.clone()).await;
    let source = add_source(store, "city", WireSourceKind::Url, &url).await;
    let client = ingest::client();

    let claimed = store.claim_due_wire_source(T, 60).await.unwrap().unwrap();
    let (first, result) = ingest::poll(store, &client, &claimed, T).await;
    assert_eq!(first.new, 1, "{}", result.error);
    store.finish_wire_poll(source.id, &result, T).await.unwrap();
    let polled = store.wire_source(source.id).await.unwrap();
    assert_eq!(polled.etag, "\"one\"");

    // Unchanged: the server answers 304 and nothing is read.
    let (second, result) = ingest::poll(store, &client, &polled, T + 60).await;
    assert_eq!(second, Tally::default());
    assert!(result.error.is_empty());
    assert_eq!(feed.not_modified.load(Ordering::SeqCst), 1);
    store
        .finish_wire_poll(source.id, &result, T + 60)
        .await
        .unwrap();
    assert_eq!(
        store.wire_source(source.id).await.unwrap().etag,
        "\"one\"",
        "a 304 keeps the validators"
    );

    // Changed: one item edited, one new; the first counts as version 2.
    *feed.body.lock().unwrap() = (
        rss(&[
            ("c-1", "Tram line opens early"),
            ("c-2", "Library extends hours"),
        ])
        .into_bytes(),
        "application/rss+xml",
        "\"two\"".into(),
    );
    let polled = store.wire_source(source.id).await.unwrap();
    let (third, _) = ingest::poll(store, &client, &polled, T + 120).await;
    assert_eq!((third.new, third.updated), (1, 1), "{third:?}");
    let queue = store
        .wire_queue(&WireQuery {
            limit: 5,
            ..WireQuery::default()
        })
        .await
        .unwrap();
    let tram = queue
        .items
        .iter()
        .find(|i| i.headline == "Tram line opens early")
        .unwrap();
    assert_eq!(
        (tram.version, tram.language.as_str(), tram.provider.as_str()),
        (2, "en", "City desk")
    );

    // KOI8-R with the charset only in the Content-Type header.
    let text = rss(&[("r-1", "Мост открыт после ремонта")]);
    let (koi8, _, _) = encoding_rs::KOI8_R.encode(&text);
    *feed.body.lock().unwrap() = (
        koi8.into_owned(),
        "application/rss+xml; charset=KOI8-R",
        "\"three\"".into(),
    );
    let (russian, result) = ingest::poll(store, &client, &polled, T + 180).await;
    assert_eq!(russian.new, 1, "{}", result.error);
    assert!(headlines(store)
        .await
        .iter()
        .any(|h| h == "Мост открыт после ремонта"));

    // A failing server: the reason is kept, nothing changes.
    feed.body.lock().unwrap().2 = String::new();
    let before = headlines(store).await;
    let (failed, result) = ingest::poll(store, &client, &polled, T + 240).await;
    assert_eq!(failed.refused, 1);
    assert!(result.error.contains("503"), "{}", result.error);
    assert_eq!(headlines(store).await, before);
}

on_both_backends!(
    every_shared_file_is_taken_or_set_aside,
    a_new_version_updates_the_item_and_flags_its_draft,
    a_polled_feed_is_read_again_only_when_it_changed,
    a_file_stays_in_the_folder_while_the_database_is_away,
    a_failed_poll_names_the_address_without_its_password,
);
