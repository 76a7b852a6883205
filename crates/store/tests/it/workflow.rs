//! The newsroom's workflow: revisions, restore, autosave, corrections,
//! scheduling and the scheduler's exactly-once publication.

use dateline_domain::{ArticleStatus, EmailAddress, NewArticle, NewUser, Role};
use dateline_store::testing::{slug, Fixtures};
use dateline_store::{
    ArticleFilter, ArticleQuery, ArticleUpdate, DeskQuery, RevisionKind, Save, StatusChange, Store,
    StoreError,
};

use crate::assert_no_drift;

const T: i64 = Fixtures::NOW;

async fn staff(store: &Store, email: &str) -> i64 {
    store
        .create_user(
            &NewUser {
                email: email.parse::<EmailAddress>().unwrap(),
                display_name: format!("Staff {email}"),
                role: Role::Editor,
                password_hash: None,
            },
            T,
        )
        .await
        .unwrap()
        .id
}

fn headline(text: &str) -> ArticleUpdate {
    ArticleUpdate {
        headline: Some(text.into()),
        ..ArticleUpdate::default()
    }
}

async fn every_save_is_a_revision_and_restore_brings_text_back(store: &Store) {
    let fx = Fixtures::new(store).await;
    let editor = staff(store, "desk@example.org").await;
    let created = store
        .create_article_by(&fx.draft("river"), Some(editor), None)
        .await
        .unwrap();
    assert_eq!(created.created_by, Some(editor));
    let v2 = store
        .save_article(
            created.id,
            1,
            &headline("River rises"),
            Save::by(Some(editor)),
            T + 10,
        )
        .await
        .unwrap();
    let v3 = store
        .save_article(
            created.id,
            v2.version,
            &headline("River floods the town"),
            Save::by(None),
            T + 20,
        )
        .await
        .unwrap();

    let history = store.revisions(created.id).await.unwrap();
    let kinds: Vec<_> = history.iter().map(|r| (r.version, r.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            (3, RevisionKind::Saved),
            (2, RevisionKind::Saved),
            (1, RevisionKind::Created)
        ],
        "newest first"
    );
    assert_eq!(
        history[1].saved_by_name.as_deref(),
        Some("Staff desk@example.org")
    );
    assert_eq!(history[0].saved_by, None);

    let first = store.revision(created.id, history[2].id).await.unwrap();
    assert_eq!(first.content.headline, created.headline);
    let restored = store
        .restore_revision(
            created.id,
            history[1].id,
            v3.version,
            Save::by(Some(editor)),
            T + 30,
        )
        .await
        .unwrap();
    assert_eq!(restored.headline, "River rises");
    assert_eq!(restored.version, 4);
    let history = store.revisions(created.id).await.unwrap();
    assert_eq!(history.len(), 4, "restoring adds to the history");
    assert_eq!(history[0].kind, RevisionKind::Restored);

    // A restore from a stale page is refused and changes nothing.
    let stale = store
        .restore_revision(
            created.id,
            history[3].id,
            v3.version,
            Save::by(Some(editor)),
            T + 40,
        )
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    assert_eq!(store.revisions(created.id).await.unwrap().len(), 4);
    assert_eq!(
        store
            .article_by_id(created.id)
            .await
            .unwrap()
            .unwrap()
            .headline,
        "River rises"
    );
    // A revision id of another article is not found through this one.
    let other = store.create_article(&fx.draft("other")).await.unwrap();
    let theirs = store.revisions(other.id).await.unwrap()[0].id;
    assert!(matches!(
        store.revision(created.id, theirs).await,
        Err(StoreError::NotFound)
    ));
}

async fn autosaves_by_one_person_share_a_revision(store: &Store) {
    let fx = Fixtures::new(store).await;
    let alice = staff(store, "alice@example.org").await;
    let bob = staff(store, "bob@example.org").await;
    let article = store
        .create_article_by(&fx.draft("draft"), Some(alice), None)
        .await
        .unwrap();
    let mut version = article.version;
    for (i, at) in [T + 5, T + 35, T + 65].into_iter().enumerate() {
        version = store
            .save_article(
                article.id,
                version,
                &headline(&format!("Draft {i}")),
                Save::autosave(Some(alice)),
                at,
            )
            .await
            .unwrap()
            .version;
    }
    let history = store.revisions(article.id).await.unwrap();
    assert_eq!(history.len(), 2, "{history:?}");
    assert_eq!(
        (history[0].kind, history[0].version),
        (RevisionKind::Autosaved, version)
    );
    let latest = store.revision(article.id, history[0].id).await.unwrap();
    assert_eq!(latest.content.headline, "Draft 2");

    // Someone else's autosave, an explicit save, or a long pause start anew.
    version = store
        .save_article(
            article.id,
            version,
            &headline("Bob"),
            Save::autosave(Some(bob)),
            T + 70,
        )
        .await
        .unwrap()
        .version;
    version = store
        .save_article(
            article.id,
            version,
            &headline("Saved"),
            Save::by(Some(bob)),
            T + 80,
        )
        .await
        .unwrap()
        .version;
    store
        .save_article(
            article.id,
            version,
            &headline("Later"),
            Save::autosave(Some(bob)),
            T + 90,
        )
        .await
        .unwrap();
    let kinds: Vec<_> = store
        .revisions(article.id)
        .await
        .unwrap()
        .iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(
        kinds,
        vec![
            RevisionKind::Autosaved,
            RevisionKind::Saved,
            RevisionKind::Autosaved,
            RevisionKind::Autosaved,
            RevisionKind::Created
        ]
    );
}

async fn workflow_moves_are_checked(store: &Store) {
    let fx = Fixtures::new(store).await;
    let published = store.create_article(&fx.article("live", T)).await.unwrap();
    let back_to_draft = store
        .change_status(published.id, &StatusChange::to(ArticleStatus::Draft), T + 1)
        .await;
    match back_to_draft {
        Err(StoreError::Invalid(e)) => assert_eq!(e.code, "invalid_transition"),
        other => panic!("expected invalid_transition, got {other:?}"),
    }
    let draft = store.create_article(&fx.draft("later")).await.unwrap();
    match store
        .change_status(draft.id, &StatusChange::to(ArticleStatus::Scheduled), T + 1)
        .await
    {
        Err(StoreError::Invalid(e)) => assert_eq!(e.code, "scheduled_at_required"),
        other => panic!("expected scheduled_at_required, got {other:?}"),
    }
    match store
        .change_status(
            published.id,
            &StatusChange::to(ArticleStatus::Corrected),
            T + 1,
        )
        .await
    {
        Err(StoreError::Invalid(e)) => assert_eq!(e.code, "correction_required"),
        other => panic!("expected correction_required, got {other:?}"),
    }
    let unchanged = store.article_by_id(published.id).await.unwrap().unwrap();
    assert_eq!(
        (unchanged.status, unchanged.version),
        (ArticleStatus::Published, 1)
    );

    // Corrections: dated notes, the article stays public, a second one adds.
    let corrected = store
        .change_status(
            published.id,
            &StatusChange {
                correction: Some("  An earlier version misspelt the mayor's name.  ".into()),
                ..StatusChange::to(ArticleStatus::Corrected)
            },
            T + 100,
        )
        .await
        .unwrap();
    assert_eq!(corrected.status, ArticleStatus::Corrected);
    assert_eq!(
        corrected.published_at,
        Some(T),
        "a correction does not republish"
    );
    assert_eq!(corrected.corrections.len(), 1);
    assert_eq!(
        corrected.corrections[0].note,
        "An earlier version misspelt the mayor's name."
    );
    assert_eq!(corrected.corrections[0].created_at, T + 100);
    let again = store
        .change_status(
            published.id,
            &StatusChange {
                correction: Some("The bridge is 40 m long, not 400 m.".into()),
                ..StatusChange::to(ArticleStatus::Corrected)
            },
            T + 200,
        )
        .await
        .unwrap();
    assert_eq!(again.corrections.len(), 2);
    let listed = store
        .list_articles(&ArticleQuery {
            filter: ArticleFilter::Edition(fx.en.id),
            limit: 10,
            after: None,
        })
        .await
        .unwrap();
    assert!(listed.items.iter().any(|c| c.id == published.id));
    assert_eq!(
        store.revisions(published.id).await.unwrap()[0].kind,
        RevisionKind::Corrected
    );
    assert_no_drift(store).await;
}

async fn scheduler_publishes_each_due_article_exactly_once(store: &Store) {
    let fx = Fixtures::new(store).await;
    let mut scheduled = Vec::new();
    for i in 0..6 {
        let draft = store
            .create_article(&fx.draft(&format!("embargoed-{i}")))
            .await
            .unwrap();
        let article = store
            .change_status(
                draft.id,
                &StatusChange {
                    scheduled_at: Some(T + 60 + i),
                    ..StatusChange::to(ArticleStatus::Scheduled)
                },
                T,
            )
            .await
            .unwrap();
        assert_eq!(article.scheduled_at, Some(T + 60 + i));
        assert!(!article.status.is_public());
        scheduled.push(article.id);
    }
    assert_eq!(store.next_scheduled_at().await.unwrap(), Some(T + 60));
    assert!(
        store.publish_due(T + 59, 100).await.unwrap().is_empty(),
        "not yet due"
    );
    assert!(store
        .article_by_slug(fx.en.id, &slug("embargoed-0"))
        .await
        .unwrap()
        .unwrap()
        .published_at
        .is_none());

    // Three schedulers (as on three nodes) race for the same due articles.
    let (a, b, c) = tokio::join!(
        store.publish_due(T + 63, 100),
        store.publish_due(T + 63, 100),
        store.publish_due(T + 63, 100)
    );
    let mut ids: Vec<i64> = [a.unwrap(), b.unwrap(), c.unwrap()]
        .into_iter()
        .flatten()
        .map(|article| {
            assert_eq!(article.status, ArticleStatus::Published);
            assert_eq!(article.published_at, Some(T + 63));
            assert_eq!(article.scheduled_at, None);
            article.id
        })
        .collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        scheduled[..4].to_vec(),
        "each due article published once"
    );
    for id in &scheduled[..4] {
        let by_schedule = store
            .revisions(*id)
            .await
            .unwrap()
            .iter()
            .filter(|r| r.kind == RevisionKind::PublishedBySchedule)
            .count();
        assert_eq!(by_schedule, 1);
    }
    assert_eq!(store.next_scheduled_at().await.unwrap(), Some(T + 64));
    // Unscheduling takes an article out of the queue.
    store
        .change_status(
            scheduled[4],
            &StatusChange::to(ArticleStatus::Draft),
            T + 63,
        )
        .await
        .unwrap();
    let rest = store.publish_due(T + 1000, 100).await.unwrap();
    assert_eq!(
        rest.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![scheduled[5]]
    );
    assert_eq!(store.next_scheduled_at().await.unwrap(), None);
    let edition = store.edition_by_id(fx.en.id).await.unwrap().unwrap();
    let listed = store
        .list_articles(&ArticleQuery {
            filter: ArticleFilter::Edition(fx.en.id),
            limit: 100,
            after: None,
        })
        .await
        .unwrap();
    assert_eq!(listed.items.len() as i64, edition.article_count);
    assert_no_drift(store).await;
}

async fn the_desk_lists_every_status_with_filters(store: &Store) {
    let fx = Fixtures::new(store).await;
    let alice = staff(store, "alice@example.org").await;
    let live = store
        .create_article(&fx.article("bridge-opens", T))
        .await
        .unwrap();
    let draft = store
        .create_article_by(
            &NewArticle {
                headline: "Flood 50% worse than feared".into(),
                ..fx.draft("flood")
            },
            Some(alice),
            None,
        )
        .await
        .unwrap();
    let ru = store
        .create_article(&NewArticle {
            edition_id: fx.ru.id,
            section_id: fx.ru_world.id,
            ..fx.draft("most")
        })
        .await
        .unwrap();
    let ids = |page: dateline_store::Page<dateline_store::DeskRow>| {
        page.items.iter().map(|r| r.id).collect::<Vec<_>>()
    };
    let all = store
        .desk_articles(&DeskQuery {
            limit: 10,
            ..DeskQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(all.items.len(), 3);
    assert_eq!(all.items[0].id, ru.id, "most recently touched first");
    let en_drafts = store
        .desk_articles(&DeskQuery {
            editions: Some(vec![fx.en.id]),
            status: Some(ArticleStatus::Draft),
            limit: 10,
            ..DeskQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(ids(en_drafts), vec![draft.id]);
    let mine = store
        .desk_articles(&DeskQuery {
            created_by: Some(alice),
            limit: 10,
            ..DeskQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(ids(mine), vec![draft.id]);
    let text = store
        .desk_articles(&DeskQuery {
            text: Some("FLOOD 50%".into()),
            limit: 10,
            ..DeskQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(
        ids(text),
        vec![draft.id],
        "words match any case; % is literal"
    );
    let none = store
        .desk_articles(&DeskQuery {
            editions: Some(vec![]),
            limit: 10,
            ..DeskQuery::default()
        })
        .await
        .unwrap();
    assert!(none.items.is_empty());
    // Paging walks every row once.
    let first = store
        .desk_articles(&DeskQuery {
            limit: 2,
            ..DeskQuery::default()
        })
        .await
        .unwrap();
    let rest = store
        .desk_articles(&DeskQuery {
            limit: 2,
            after: first.next,
            ..DeskQuery::default()
        })
        .await
        .unwrap();
    let mut walked = ids(first);
    walked.extend(ids(rest));
    walked.sort_unstable();
    let mut expected = vec![live.id, draft.id, ru.id];
    expected.sort_unstable();
    assert_eq!(walked, expected);
}

on_both_backends!(
    the_desk_lists_every_status_with_filters,
    every_save_is_a_revision_and_restore_brings_text_back,
    autosaves_by_one_person_share_a_revision,
    workflow_moves_are_checked,
    scheduler_publishes_each_due_article_exactly_once,
);
