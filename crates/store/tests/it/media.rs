//! The media bank: dedupe, renditions, archive browsing, usage.

use dateline_domain::{
    ArticleStatus, BodyBlock, ImageFormat, NewArticle, NewMediaAsset, NewRendition,
};
use dateline_store::events::Event;
use dateline_store::testing::Fixtures;
use dateline_store::{
    ArticleUpdate, AuditQuery, JobOutcome, MediaQuery, MediaSearch, MediaTextUpdate, NewAudit,
    NewUpload, RenditionsState, Store, StoreError,
};

use crate::assert_no_drift;

const T: i64 = Fixtures::NOW;

async fn identical_files_are_stored_once(store: &Store) {
    let new = NewMediaAsset {
        is_file_photo: true,
        edition_id: Some(7),
        ..Fixtures::media_asset(1, T)
    };
    let (first, created) = store.create_media(&new).await.unwrap();
    assert!(created);
    assert_eq!(first.sha256, format!("{:064x}", 1));
    assert_eq!(
        (first.width, first.height, first.byte_size),
        (1600, 900, 200_001)
    );
    assert_eq!(
        (
            first.format,
            first.is_file_photo,
            first.edition_id,
            first.section_id
        ),
        (ImageFormat::Jpeg, true, Some(7), None)
    );
    assert_eq!(
        (first.caption.as_str(), first.credit.as_str()),
        ("Picture 1", "© Photo: Test Agency")
    );
    assert_eq!((first.usage_count, first.created_at), (0, T));
    assert!(first.renditions.is_empty());

    // The same digest in capitals, with other metadata: still the same file.
    let same = NewMediaAsset {
        sha256: new.sha256.to_uppercase(),
        caption: "Other caption".into(),
        ..Fixtures::media_asset(1, T + 5)
    };
    let (again, created) = store.create_media(&same).await.unwrap();
    assert!(!created);
    assert_eq!(again, first);

    let (other, created) = store
        .create_media(&Fixtures::media_asset(2, T))
        .await
        .unwrap();
    assert!(created);
    assert_ne!(other.id, first.id);

    for (bad, code) in [
        (
            NewMediaAsset {
                width: 0,
                ..Fixtures::media_asset(3, T)
            },
            "empty_image",
        ),
        (
            NewMediaAsset {
                sha256: "abc".into(),
                ..Fixtures::media_asset(3, T)
            },
            "invalid_sha256",
        ),
        (
            NewMediaAsset {
                storage_key: " ".into(),
                ..Fixtures::media_asset(3, T)
            },
            "empty_storage_key",
        ),
    ] {
        let err = store.create_media(&bad).await.unwrap_err();
        assert!(
            matches!(err, StoreError::Invalid(ref e) if e.code == code),
            "{err:?}"
        );
    }
}

fn rendition(media_id: i64, format: ImageFormat, width: u32, key: &str) -> NewRendition {
    NewRendition {
        media_id,
        shape: None,
        width,
        height: width * 9 / 16,
        format,
        storage_key: key.into(),
        byte_size: u64::from(width) * 10,
    }
}

async fn renditions_are_replaced_and_sorted(store: &Store) {
    let (asset, _) = store
        .create_media(&Fixtures::media_asset(1, T))
        .await
        .unwrap();
    for (format, width, key) in [
        (ImageFormat::Webp, 640, "w640-old"),
        (ImageFormat::Webp, 320, "w320"),
        (ImageFormat::Jpeg, 1280, "j1280"),
        (ImageFormat::Jpeg, 320, "j320"),
        (ImageFormat::Webp, 640, "w640"),
    ] {
        store
            .add_rendition(&rendition(asset.id, format, width, key))
            .await
            .unwrap();
    }
    let stored = store.media_by_id(asset.id).await.unwrap().unwrap();
    let got: Vec<_> = stored
        .renditions
        .iter()
        .map(|r| (r.format, r.width, r.storage_key.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (ImageFormat::Jpeg, 320, "j320"),
            (ImageFormat::Jpeg, 1280, "j1280"),
            (ImageFormat::Webp, 320, "w320"),
            (ImageFormat::Webp, 640, "w640"),
        ]
    );
    assert_eq!(
        (stored.renditions[1].height, stored.renditions[1].byte_size),
        (720, 12_800)
    );
    let err = store
        .add_rendition(&rendition(9_999, ImageFormat::Jpeg, 320, "x"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::MissingReference {
                what: "media asset"
            }
        ),
        "{err:?}"
    );
}

async fn media_by_ids_keeps_the_order_asked(store: &Store) {
    let mut ids = Vec::new();
    for n in 1..=3 {
        ids.push(
            store
                .create_media(&Fixtures::media_asset(n, T))
                .await
                .unwrap()
                .0
                .id,
        );
    }
    store
        .add_rendition(&rendition(ids[2], ImageFormat::Jpeg, 320, "r"))
        .await
        .unwrap();
    let got = store.media_by_ids(&[ids[2], 9_999, ids[0]]).await.unwrap();
    assert_eq!(
        got.iter().map(|m| m.id).collect::<Vec<_>>(),
        [ids[2], ids[0]]
    );
    assert_eq!(got[0].renditions.len(), 1);
    assert!(got[1].renditions.is_empty());
    assert!(store.media_by_ids(&[]).await.unwrap().is_empty());
    assert_eq!(store.media_by_id(9_999).await.unwrap(), None);
}

async fn archive_filters_and_pages(store: &Store) {
    let fx = Fixtures::new(store).await; // asset 1 at T, no edition
    let filed = |n, created_at, section: Option<i64>| NewMediaAsset {
        edition_id: section.map(|_| fx.en.id),
        section_id: section,
        ..Fixtures::media_asset(n, created_at)
    };
    let mut ids = vec![(T, fx.media.id)];
    for (n, at, section) in [
        (2, T + 100, Some(fx.world.id)),
        (3, T + 100, Some(fx.business.id)),
        (4, T + 100, Some(fx.world.id)),
        (5, T + 200, None),
        (6, T - 100, Some(fx.world.id)),
    ] {
        let (asset, _) = store.create_media(&filed(n, at, section)).await.unwrap();
        ids.push((at, asset.id));
    }
    let with_rendition = ids[3].1;
    store
        .add_rendition(&rendition(with_rendition, ImageFormat::Webp, 320, "r"))
        .await
        .unwrap();
    ids.sort_unstable_by(|a, b| b.cmp(a));
    let newest_first: Vec<i64> = ids.iter().map(|(_, id)| *id).collect();

    let walk = |query: MediaQuery| async move {
        let mut out = Vec::new();
        let mut query = query;
        loop {
            let page = store.list_media(&query).await.unwrap();
            out.extend(page.items);
            match page.next {
                Some(next) => query.after = Some(next),
                None => return out,
            }
        }
    };
    let all = walk(MediaQuery {
        limit: 2,
        include_hidden: true,
        ..MediaQuery::default()
    })
    .await;
    assert_eq!(all.iter().map(|m| m.id).collect::<Vec<_>>(), newest_first);
    let with_rendition = all.iter().find(|m| m.id == with_rendition).unwrap();
    assert_eq!(with_rendition.renditions.len(), 1);
    assert!(all
        .iter()
        .filter(|m| m.id != with_rendition.id)
        .all(|m| m.renditions.is_empty()));

    let in_world = walk(MediaQuery {
        section_id: Some(fx.world.id),
        limit: 1,
        include_hidden: true,
        ..MediaQuery::default()
    })
    .await;
    let world_ids: Vec<i64> = in_world.iter().map(|m| m.id).collect();
    assert_eq!(world_ids.len(), 3);
    let expected: Vec<i64> = all
        .iter()
        .filter(|m| m.section_id == Some(fx.world.id))
        .map(|m| m.id)
        .collect();
    assert_eq!(
        world_ids, expected,
        "filtered pages keep the archive's order"
    );

    let in_en = walk(MediaQuery {
        edition_id: Some(fx.en.id),
        limit: 10,
        include_hidden: true,
        ..MediaQuery::default()
    })
    .await;
    assert_eq!(in_en.len(), 4);
    // `from` is inclusive and `until` exclusive.
    let window = walk(MediaQuery {
        from: Some(T),
        until: Some(T + 200),
        limit: 10,
        include_hidden: true,
        ..MediaQuery::default()
    })
    .await;
    let times: Vec<_> = window.iter().map(|m| m.created_at).collect();
    assert_eq!(times, [T + 100, T + 100, T + 100, T]);
    let empty = walk(MediaQuery {
        section_id: Some(9_999),
        limit: 10,
        include_hidden: true,
        ..MediaQuery::default()
    })
    .await;
    assert!(empty.is_empty());
}

async fn usage_counts_lead_and_body_pictures(store: &Store) {
    let fx = Fixtures::new(store).await;
    let (second, _) = store
        .create_media(&Fixtures::media_asset(2, T))
        .await
        .unwrap();
    let picture = |id| BodyBlock::Image {
        media_id: id,
        caption: None,
    };
    let a = store
        .create_article(&NewArticle {
            body: vec![picture(second.id), picture(second.id), picture(fx.media.id)],
            ..fx.article("a", T)
        })
        .await
        .unwrap();
    let b = store
        .create_article(&NewArticle {
            lead_media_id: Some(second.id),
            ..fx.article("b", T + 10)
        })
        .await
        .unwrap();
    let draft = store
        .create_article(&NewArticle {
            lead_media_id: None,
            body: vec![picture(second.id)],
            ..fx.draft("c")
        })
        .await
        .unwrap();
    let usage = |id| async move { store.media_by_id(id).await.unwrap().unwrap().usage_count };
    // `a` counts once for each picture however often it shows it.
    assert_eq!((usage(fx.media.id).await, usage(second.id).await), (1, 3));
    assert_no_drift(store).await;

    let cards = store.media_usage(second.id, 10).await.unwrap();
    assert_eq!(
        cards.iter().map(|c| c.id).collect::<Vec<_>>(),
        [b.id, a.id],
        "public only, newest first"
    );
    assert_eq!(store.media_usage(second.id, 1).await.unwrap().len(), 1);
    assert_eq!(store.media_usage(9_999, 10).await.unwrap(), vec![]);

    // Dropping the body picture from `a` keeps its lead picture counted.
    let update = ArticleUpdate {
        body: Some(vec![]),
        ..ArticleUpdate::default()
    };
    store
        .update_article(a.id, 1, &update, T + 20)
        .await
        .unwrap();
    assert_eq!((usage(fx.media.id).await, usage(second.id).await), (1, 2));
    let update = ArticleUpdate {
        lead_media_id: Some(Some(second.id)),
        ..ArticleUpdate::default()
    };
    store
        .update_article(a.id, 2, &update, T + 21)
        .await
        .unwrap();
    assert_eq!((usage(fx.media.id).await, usage(second.id).await), (0, 3));
    assert!(store.media_usage(fx.media.id, 10).await.unwrap().is_empty());
    store
        .set_article_status(draft.id, ArticleStatus::Published, T + 30)
        .await
        .unwrap();
    let cards = store.media_usage(second.id, 10).await.unwrap();
    assert_eq!(
        cards.iter().map(|c| c.id).collect::<Vec<_>>(),
        [draft.id, b.id, a.id]
    );
    assert_no_drift(store).await;
}

fn upload(n: u32, created_at: i64) -> NewUpload {
    NewUpload {
        asset: Fixtures::media_asset(n, created_at),
        creator: format!("Creator {n}"),
        keywords: vec!["flood".into(), format!("kw{n}")],
        uploaded_by: None,
        original_name: format!("IMG_{n}.JPG"),
        taken_at: Some(T - i64::from(n) * 1_000),
    }
}

/// Workers racing for jobs never get the same one; on PostgreSQL this is
/// `FOR UPDATE SKIP LOCKED` plus the re-checked condition at work.
async fn concurrent_claims_hand_out_each_job_once(store: &Store) {
    let mut ids = Vec::new();
    for n in 1..=12 {
        let (asset, created) = store.create_upload(&upload(n, T)).await.unwrap();
        assert!(created);
        ids.push(asset.id);
    }
    let (again, created) = store.create_upload(&upload(3, T + 9)).await.unwrap();
    assert!(!created, "an identical file is the same asset");
    assert_eq!(again.id, ids[2]);
    let mut workers = Vec::new();
    for _ in 0..4 {
        let store = store.clone();
        workers.push(tokio::spawn(async move {
            let mut got = Vec::new();
            while let Some(job) = store.claim_rendition_job(T, T + 300).await.unwrap() {
                assert_eq!(job.attempt, 1);
                got.push(job.media_id);
            }
            got
        }));
    }
    let mut claimed = Vec::new();
    for w in workers {
        claimed.extend(w.await.unwrap());
    }
    claimed.sort_unstable();
    assert_eq!(claimed, ids, "every job once, none twice");
    assert_eq!(store.pending_renditions(100).await.unwrap().len(), 12);
    // Leases still run: nothing to claim. Once they have run out, a job is
    // claimed again, counting the attempt.
    assert_eq!(
        store.claim_rendition_job(T + 299, T + 600).await.unwrap(),
        None
    );
    let retry = store
        .claim_rendition_job(T + 301, T + 600)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((retry.media_id, retry.attempt), (ids[0], 2));
    assert!(store
        .finish_rendition_job(ids[0], &JobOutcome::Ready)
        .await
        .unwrap());
    let info = store.upload_info(ids[0]).await.unwrap().unwrap();
    assert_eq!(info.renditions_state, RenditionsState::Ready);
    assert_eq!(
        (info.creator.as_str(), info.original_name.as_str()),
        ("Creator 1", "IMG_1.JPG")
    );
    assert_eq!(info.keywords, ["flood", "kw1"]);
    assert_eq!(store.release_rendition_leases().await.unwrap(), 11);
    assert_eq!(store.upload_info(9_999).await.unwrap(), None);
}

async fn search_finds_words_in_any_case_and_dates(store: &Store) {
    let mut ids = Vec::new();
    for (n, caption) in [
        (1, "Flooded street in Odesa"),
        (2, "Затопленная улица в ОДЕССЕ"),
        (3, "Press conference, 50% off_sale"),
    ] {
        let mut new = upload(n, T + i64::from(n));
        new.asset.caption = caption.into();
        ids.push(store.create_upload(&new).await.unwrap().0.id);
    }
    // An asset recorded the older way is searchable too.
    let (plain, _) = store
        .create_media(&Fixtures::media_asset(4, T + 4))
        .await
        .unwrap();
    let find = |text: &str| MediaSearch {
        text: text.into(),
        limit: 10,
        ..MediaSearch::default()
    };
    let ids_of = |page: dateline_store::Page<dateline_store::MediaAsset>| {
        page.items.iter().map(|m| m.id).collect::<Vec<_>>()
    };
    let search = |s: MediaSearch| async move { ids_of(store.search_media(&s).await.unwrap()) };
    assert_eq!(search(find("odesa FLOODED")).await, [ids[0]]);
    assert_eq!(
        search(find("одессе")).await,
        [ids[1]],
        "Unicode case folding"
    );
    assert_eq!(search(find("creator 2")).await, [ids[1]], "by-line");
    assert_eq!(search(find("KW3")).await, [ids[2]], "keywords");
    assert_eq!(search(find("50%")).await, [ids[2]]);
    assert!(
        search(find("5_%")).await.is_empty(),
        "LIKE wildcards are literal"
    );
    assert_eq!(
        search(find("test agency")).await,
        [plain.id, ids[2], ids[1], ids[0]]
    );
    assert_eq!(search(find("")).await.len(), 4);
    // Taken between T-2500 (inclusive) and T-1000 (exclusive): asset 2 only.
    let dated = MediaSearch {
        taken_from: Some(T - 2_500),
        taken_until: Some(T - 1_000),
        limit: 10,
        ..MediaSearch::default()
    };
    assert_eq!(search(dated).await, [ids[1]]);
    // Pages of one.
    let mut query = MediaSearch {
        text: "flood".into(),
        limit: 1,
        ..MediaSearch::default()
    };
    let mut walked = Vec::new();
    loop {
        let page = store.search_media(&query).await.unwrap();
        walked.extend(page.items.iter().map(|m| m.id));
        match page.next {
            Some(next) => query.after = Some(next),
            None => break,
        }
    }
    assert_eq!(walked, [ids[2], ids[1], ids[0]]);
}

async fn text_edits_are_searchable_and_announced(store: &Store) {
    let (asset, _) = store.create_upload(&upload(1, T)).await.unwrap();
    let mut events = store.subscribe();
    let update = MediaTextUpdate {
        credit: Some("  Photo: Новый Автор ".into()),
        keywords: Some(vec!["harbour".into()]),
        ..MediaTextUpdate::default()
    };
    let audit = NewAudit::new("media.update", "media", Some(asset.id), T);
    let job = store
        .claim_rendition_job(T, T + 300)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(job.media_id, asset.id);
    assert!(store
        .finish_rendition_job(asset.id, &JobOutcome::Ready)
        .await
        .unwrap());
    let edited = store
        .update_media_text(asset.id, &update, &audit)
        .await
        .unwrap();
    assert_eq!(edited.credit, "Photo: Новый Автор");
    let info = store.upload_info(asset.id).await.unwrap().unwrap();
    assert_eq!(
        info.renditions_state,
        RenditionsState::Pending,
        "a new credit queues the renditions again"
    );
    let logged = store
        .audit_log(&AuditQuery {
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert!(logged
        .items
        .iter()
        .any(|e| e.action == "media.update" && e.item_id == Some(asset.id)));
    assert_eq!(edited.caption, asset.caption, "untouched fields stay");
    let found = store
        .search_media(&MediaSearch {
            text: "новый harbour".into(),
            limit: 10,
            ..MediaSearch::default()
        })
        .await
        .unwrap();
    assert_eq!(found.items.len(), 1);
    let key = format!("m{}", asset.id);
    let event = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        loop {
            let event = events.recv().await.unwrap();
            if let Event::Purge { keys, .. } = &*event {
                if keys.contains(&key) {
                    return event;
                }
            }
        }
    })
    .await
    .expect("a purge of the asset's pages");
    assert!(matches!(&*event, Event::Purge { .. }));
    let err = store
        .update_media_text(9_999, &MediaTextUpdate::default(), &audit)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    assert_eq!(store.backfill_media_search(10).await.unwrap(), 0);
}

/// The audit entry of an upload is written by the transaction that records
/// the picture: one entry per call, naming the asset, `media.upload` for a
/// new file and `media.upload_duplicate` for one the bank already had.
async fn an_upload_and_its_audit_entry_are_one_write(store: &Store) {
    let entry = |id: i64, created: bool| {
        let action = if created {
            "media.upload"
        } else {
            "media.upload_duplicate"
        };
        NewAudit::new(action, "media", Some(id), T)
    };
    let (first, created) = store
        .create_upload_audited(&upload(1, T), Some(&entry))
        .await
        .unwrap();
    assert!(created);
    let (again, created) = store
        .create_upload_audited(&upload(1, T + 5), Some(&entry))
        .await
        .unwrap();
    assert!(!created);
    assert_eq!(again.id, first.id);
    let logged = store
        .audit_log(&AuditQuery {
            item_type: Some("media".into()),
            item_id: Some(first.id),
            limit: 10,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    let actions: Vec<_> = logged.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["media.upload_duplicate", "media.upload"]);
}

on_both_backends!(
    an_upload_and_its_audit_entry_are_one_write,
    identical_files_are_stored_once,
    renditions_are_replaced_and_sorted,
    media_by_ids_keeps_the_order_asked,
    archive_filters_and_pages,
    usage_counts_lead_and_body_pictures,
    concurrent_claims_hand_out_each_job_once,
    search_finds_words_in_any_case_and_dates,
    text_edits_are_searchable_and_announced,
);
