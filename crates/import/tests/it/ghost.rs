use dateline_domain::ArticleStatus;
use dateline_import::apply::Format;
use dateline_import::testing::shared_data;
use dateline_import::ImportError;
use dateline_store::Store;

use crate::Site;

/// Ghost's own fixtures: every post and page, tag and user comes in; a
/// second run changes nothing.
async fn ghosts_fixtures_come_in_with_their_counts(store: &Store) {
    let Some(dir) = shared_data("ghost-export") else {
        return;
    };
    let site = Site::new(store).await;
    // (file, posts, pages, authors, tags) as the files hold them.
    let mut articles = 0;
    for (name, posts, pages, authors, tags) in [
        ("ghost.json", 3, 0, 2, 2),
        ("import-data-1.json", 1, 0, 1, 1),
    ] {
        let options = site.options(Format::Ghost, &dir.join(name));
        let report = site
            .import(&options)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let made = |kind: &str| report.get(kind).total() - report.get(kind).skipped;
        assert_eq!(made("posts"), posts, "{name}: {report}");
        assert_eq!(made("pages"), pages, "{name}: {report}");
        assert_eq!(made("authors"), authors, "{name}: {report}");
        assert_eq!(made("tags"), tags, "{name}: {report}");
        // Every story keeps its old address (`/{slug}/` at least).
        assert!(
            report.get("redirects").created >= posts + pages,
            "{name}: {report}"
        );
        articles += posts + pages;
        let again = site.import(&options).await.unwrap();
        assert_eq!(again.get("posts").unchanged, posts, "{name}: {again}");
        assert_eq!(
            again.get("posts").created + again.get("posts").updated,
            0,
            "{name}: {again}"
        );
    }
    let all = site.articles().await;
    assert_eq!(all.len() as u64, articles);
    assert!(all.iter().any(|a| a.status == ArticleStatus::Published));
}

async fn a_json_file_that_is_not_a_ghost_export_is_refused(store: &Store) {
    let site = Site::new(store).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.json");
    std::fs::write(
        &path,
        "{\"db\": [{\"meta\": {}, \"data\": {\"posts\": [{\"id\": \"1\",",
    )
    .unwrap();
    match site.import(&site.options(Format::Ghost, &path)).await {
        Err(ImportError::Malformed { file, .. }) => assert_eq!(file, path),
        other => panic!("expected a refusal: {other:?}"),
    }
    assert!(site.articles().await.is_empty());
}

on_both_backends!(
    ghosts_fixtures_come_in_with_their_counts,
    a_json_file_that_is_not_a_ghost_export_is_refused,
);
