//! Who may see a picture: the public uses stories give it, an editor's
//! release, the public archive, file owners, and the purges that follow.

use dateline_domain::{ArticleStatus, BodyBlock, ImageFormat, NewArticle, NewRendition};
use dateline_store::events::Event;
use dateline_store::testing::Fixtures;
use dateline_store::{
    ArticleUpdate, AuditQuery, FileOwner, MediaAsset, MediaQuery, NewAudit, StatusChange, Store,
    StoreError,
};
use tokio::sync::broadcast::Receiver;

use crate::assert_no_drift;

const T: i64 = Fixtures::NOW;

async fn picture(store: &Store, fx: &Fixtures, n: u32) -> MediaAsset {
    let mut new = Fixtures::media_asset(n, T + i64::from(n));
    new.edition_id = Some(fx.en.id);
    store.create_media(&new).await.unwrap().0
}

fn image(media_id: i64) -> BodyBlock {
    BodyBlock::Image {
        media_id,
        caption: None,
    }
}

/// `(public uses, is_public)` as stored.
async fn state(store: &Store, id: i64) -> (i64, bool) {
    let m = store.media_by_id(id).await.unwrap().unwrap();
    (m.public_use_count, m.is_public)
}

/// Ids in the public archive of the edition, newest first.
async fn public_bank(store: &Store, fx: &Fixtures) -> Vec<i64> {
    let page = store
        .list_media(&MediaQuery {
            edition_id: Some(fx.en.id),
            limit: 100,
            ..MediaQuery::default()
        })
        .await
        .unwrap();
    page.items.iter().map(|m| m.id).collect()
}

/// The media keys (`m{id}`) of the purges received so far, in order;
/// `sentinel` is purged last by the caller so that nothing is missed.
async fn purged_media(events: &mut Receiver<std::sync::Arc<Event>>, sentinel: &str) -> Vec<String> {
    let mut out = Vec::new();
    loop {
        let event = tokio::time::timeout(std::time::Duration::from_secs(5), events.recv())
            .await
            .expect("the sentinel purge")
            .unwrap();
        if let Event::Purge { keys, .. } = &*event {
            if keys.iter().any(|k| k == sentinel) {
                return out;
            }
            out.extend(keys.iter().filter(|k| k.starts_with('m')).cloned());
        }
    }
}

async fn pictures_follow_their_stories_into_and_out_of_view(store: &Store) {
    let fx = Fixtures::new(store).await;
    let p = picture(store, &fx, 2).await;
    let draft = store
        .create_article(&NewArticle {
            lead_media_id: None,
            body: vec![image(p.id)],
            ..fx.draft("draft")
        })
        .await
        .unwrap();
    assert_eq!(state(store, p.id).await, (0, false), "a draft's picture");
    assert!(!public_bank(store, &fx).await.contains(&p.id));

    store
        .change_status(
            draft.id,
            &StatusChange {
                scheduled_at: Some(T + 3600),
                ..StatusChange::to(ArticleStatus::Scheduled)
            },
            T,
        )
        .await
        .unwrap();
    assert_eq!(state(store, p.id).await, (0, false), "a scheduled story's");
    assert_no_drift(store).await;

    let published = store.publish_due(T + 3600, 10).await.unwrap();
    assert_eq!(published.len(), 1);
    assert_eq!(state(store, p.id).await, (1, true), "published on time");
    assert_eq!(public_bank(store, &fx).await, [p.id]);

    let second = store
        .create_article(&NewArticle {
            lead_media_id: Some(p.id),
            ..fx.article("second", T + 10)
        })
        .await
        .unwrap();
    assert_eq!(state(store, p.id).await, (2, true));
    store
        .set_article_status(draft.id, ArticleStatus::Unpublished, T + 20)
        .await
        .unwrap();
    assert_eq!(state(store, p.id).await, (1, true), "another story uses it");
    store
        .set_article_status(second.id, ArticleStatus::Unpublished, T + 30)
        .await
        .unwrap();
    assert_eq!(state(store, p.id).await, (0, false), "withdrawn everywhere");
    assert!(!public_bank(store, &fx).await.contains(&p.id));
    assert_no_drift(store).await;
    // Its usage in hidden stories is still counted for the newsroom.
    assert_eq!(
        store.media_by_id(p.id).await.unwrap().unwrap().usage_count,
        2
    );
}

async fn edits_move_public_uses_and_purge_what_changed(store: &Store) {
    let fx = Fixtures::new(store).await;
    let (p, q) = (picture(store, &fx, 2).await, picture(store, &fx, 3).await);
    let story = store
        .create_article(&NewArticle {
            lead_media_id: None,
            body: vec![image(p.id)],
            ..fx.article("story", T)
        })
        .await
        .unwrap();
    assert_eq!(state(store, p.id).await, (1, true));
    let mut events = store.subscribe();
    let update = ArticleUpdate {
        body: Some(vec![image(q.id)]),
        ..ArticleUpdate::default()
    };
    let story = store
        .update_article(story.id, story.version, &update, T + 10)
        .await
        .unwrap();
    assert_eq!(
        (state(store, p.id).await, state(store, q.id).await),
        ((0, false), (1, true))
    );
    assert_eq!(public_bank(store, &fx).await, [q.id]);
    // Keeping the picture changes nothing about it.
    let update = ArticleUpdate {
        headline: Some("Still the same picture".into()),
        ..ArticleUpdate::default()
    };
    store
        .update_article(story.id, story.version, &update, T + 20)
        .await
        .unwrap();
    assert_eq!(state(store, q.id).await, (1, true));
    assert_no_drift(store).await;

    let audit = NewAudit::new("sentinel", "media", None, T);
    store
        .release_media(fx.media.id, true, &audit)
        .await
        .unwrap();
    let mut expected = vec![format!("m{}", p.id), format!("m{}", q.id)];
    expected.sort();
    let mut got = purged_media(&mut events, &format!("m{}", fx.media.id)).await;
    got.sort();
    assert_eq!(got, expected, "only the pictures that changed visibility");
}

async fn released_pictures_are_public_without_a_story(store: &Store) {
    let fx = Fixtures::new(store).await;
    let p = picture(store, &fx, 2).await;
    let unknown = store
        .release_media(
            9_999,
            true,
            &NewAudit::new("media.release", "media", Some(9_999), T),
        )
        .await
        .unwrap_err();
    assert!(matches!(unknown, StoreError::NotFound), "{unknown:?}");

    let release = NewAudit::new("media.release", "media", Some(p.id), T);
    let released = store.release_media(p.id, true, &release).await.unwrap();
    assert_eq!((released.is_released, released.is_public), (true, true));
    assert_eq!(public_bank(store, &fx).await, [p.id]);
    // Releasing again changes nothing and records nothing.
    store.release_media(p.id, true, &release).await.unwrap();
    assert_no_drift(store).await;

    // A story using it, then a withdrawn release: the story keeps it public.
    let story = store
        .create_article(&NewArticle {
            lead_media_id: Some(p.id),
            ..fx.article("story", T)
        })
        .await
        .unwrap();
    let withdraw = NewAudit::new("media.withdraw", "media", Some(p.id), T + 1);
    let kept = store.release_media(p.id, false, &withdraw).await.unwrap();
    assert_eq!((kept.is_released, kept.is_public), (false, true));
    store
        .set_article_status(story.id, ArticleStatus::Unpublished, T + 2)
        .await
        .unwrap();
    assert_eq!(state(store, p.id).await, (0, false));
    assert_eq!(public_bank(store, &fx).await, Vec::<i64>::new());
    assert_no_drift(store).await;

    let log = store
        .audit_log(&AuditQuery {
            item_type: Some("media".into()),
            item_id: Some(p.id),
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["media.withdraw", "media.release"]);
}

async fn files_name_their_picture(store: &Store) {
    let fx = Fixtures::new(store).await;
    let p = picture(store, &fx, 2).await;
    let key = "renditions/00/file-640.webp";
    store
        .add_rendition(&NewRendition {
            shape: None,
            media_id: p.id,
            format: ImageFormat::Webp,
            width: 640,
            height: 360,
            storage_key: key.into(),
            byte_size: 10,
        })
        .await
        .unwrap();
    let owner = |is_public| {
        Some(FileOwner {
            media_id: p.id,
            is_public,
        })
    };
    assert_eq!(store.rendition_owner(key).await.unwrap(), owner(false));
    let audit = NewAudit::new("media.release", "media", Some(p.id), T);
    store.release_media(p.id, true, &audit).await.unwrap();
    assert_eq!(store.rendition_owner(key).await.unwrap(), owner(true));
    assert_eq!(store.rendition_owner(&p.storage_key).await.unwrap(), None);
    assert_eq!(
        store.rendition_owner("renditions/none.webp").await.unwrap(),
        None
    );
}

on_both_backends!(
    pictures_follow_their_stories_into_and_out_of_view,
    edits_move_public_uses_and_purge_what_changed,
    released_pictures_are_public_without_a_story,
    files_name_their_picture,
);
