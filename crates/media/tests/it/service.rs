//! The upload path and the rendition worker, through a real store (SQLite
//! and PostgreSQL) and a blob sink.

use std::sync::Arc;

use dateline_domain::{ImageFormat, NewMediaAsset, RENDITION_WIDTHS};
use dateline_media::{
    read_metadata, rendition_key, BlobSink, Credits, Limits, MediaService, MemoryBlobs, Upload,
};
use dateline_store::{
    Backend, JobOutcome, MediaAsset, MediaQuery, MediaSearch, MediaTextUpdate, NewAudit, NewUpload,
    RenditionsState, Store,
};

use crate::fixtures::agency_jpeg;
use crate::sample_jpeg;

fn service(store: &Store, blobs: &Arc<MemoryBlobs>, limits: Limits) -> MediaService {
    MediaService::new(store.clone(), blobs.clone(), limits)
}

fn upload(bytes: Vec<u8>, name: &str) -> Upload {
    Upload {
        bytes,
        filename: name.into(),
        ..Upload::default()
    }
}

async fn state(store: &Store, id: i64) -> RenditionsState {
    store
        .upload_info(id)
        .await
        .unwrap()
        .unwrap()
        .renditions_state
}

async fn uploads_are_prefilled_deduplicated_and_rendered(store: &Store) {
    let blobs = Arc::new(MemoryBlobs::new());
    let media = service(store, &blobs, Limits::default());
    let bytes = agency_jpeg();
    let done = media
        .upload(upload(bytes.clone(), "C:\\Photos\\odesa.jpg"))
        .await
        .unwrap();
    assert!(done.created);
    let asset = &done.asset;
    assert_eq!(asset.credit, "Photo: Jane Roe / Northwind", "pre-filled");
    assert_eq!(asset.caption, "Flooded street in Odesa");
    assert_eq!(asset.copyright, "© 2024 Northwind Agency");
    assert_eq!(
        (asset.width, asset.height, asset.format),
        (1200, 800, ImageFormat::Jpeg)
    );
    assert!(asset.renditions.is_empty(), "made in the background");
    let info = store.upload_info(asset.id).await.unwrap().unwrap();
    assert_eq!(info.creator, "Jane Roe");
    assert_eq!(info.keywords, ["flood", "rescue"]);
    assert_eq!(info.original_name, "odesa.jpg");
    assert_eq!(info.taken_at, Some(1_715_945_400));
    assert_eq!(info.renditions_state, RenditionsState::Pending);
    assert_eq!(
        blobs.get(&asset.storage_key),
        Some(bytes.clone()),
        "original kept"
    );

    // The same file again: the same asset, nothing queued twice.
    let again = media.upload(upload(bytes, "copy.jpg")).await.unwrap();
    assert!(!again.created);
    assert_eq!(again.asset.id, asset.id);

    assert_eq!(media.run_once().await.unwrap(), Some(asset.id));
    assert_eq!(media.run_once().await.unwrap(), None, "one job only");
    assert_eq!(state(store, asset.id).await, RenditionsState::Ready);
    let stored = store.media_by_id(asset.id).await.unwrap().unwrap();
    let widths: Vec<u32> = RENDITION_WIDTHS
        .iter()
        .copied()
        .filter(|w| *w <= 1200)
        .collect();
    let whole = stored.renditions.iter().filter(|r| r.shape.is_none());
    assert_eq!(whole.count(), widths.len() * 2);
    let tag = credits_of(store, &stored).await.tag();
    assert_eq!(tag.len(), 8);
    for r in &stored.renditions {
        match r.shape {
            None => assert_eq!(
                r.storage_key,
                rendition_key(&asset.sha256, &tag, r.width, r.format)
            ),
            Some(shape) => assert!(r.storage_key.ends_with(&format!(
                "-{}-{}.{}",
                shape.as_str(),
                r.width,
                r.format.extension()
            ))),
        }
        let bytes = blobs.get(&r.storage_key).unwrap();
        assert_eq!(bytes.len() as u64, r.byte_size);
        let embedded = read_metadata(&bytes, r.format);
        assert_eq!(embedded.credit, "Photo: Jane Roe / Northwind");
        assert_eq!(embedded.creator, "Jane Roe");
    }

    // Found by words of its caption and credit, in any case, and by date.
    let find = |text: &str, from: Option<i64>| MediaSearch {
        text: text.into(),
        taken_from: from,
        limit: 10,
        ..MediaSearch::default()
    };
    for hit in ["flooded ODESA", "northwind", "jane"] {
        let page = store.search_media(&find(hit, None)).await.unwrap();
        assert_eq!(page.items.len(), 1, "{hit}");
    }
    assert!(store
        .search_media(&find("kyiv", None))
        .await
        .unwrap()
        .items
        .is_empty());
    let later = Some(1_715_945_401);
    assert!(store
        .search_media(&find("", later))
        .await
        .unwrap()
        .items
        .is_empty());
}

async fn credits_of(store: &Store, asset: &MediaAsset) -> Credits {
    let info = store.upload_info(asset.id).await.unwrap().unwrap();
    Credits {
        credit: asset.credit.clone(),
        copyright: asset.copyright.clone(),
        creator: info.creator,
    }
}

async fn a_new_credit_gives_new_public_files(store: &Store) {
    let blobs = Arc::new(MemoryBlobs::new());
    let media = service(store, &blobs, Limits::default());
    let done = media
        .upload(upload(agency_jpeg(), "odesa.jpg"))
        .await
        .unwrap();
    let id = done.asset.id;
    assert_eq!(media.run_once().await.unwrap(), Some(id));
    let before = store.media_by_id(id).await.unwrap().unwrap();

    // A caption fix alone keeps the files.
    let audit = NewAudit::new("media.update", "media", Some(id), 1_800_000_000);
    let caption = MediaTextUpdate {
        caption: Some("Flooded street in Odesa, May 2024".into()),
        ..MediaTextUpdate::default()
    };
    media.update_text(id, &caption, &audit).await.unwrap();
    assert_eq!(state(store, id).await, RenditionsState::Ready);
    assert_eq!(media.run_once().await.unwrap(), None);

    // A corrected credit: readers keep the old files until the new ones
    // exist, then every rendition has a new address and says the new credit.
    let credit = MediaTextUpdate {
        credit: Some("Photo: Jane Roe / Northwind Pool".into()),
        ..MediaTextUpdate::default()
    };
    let edited = media.update_text(id, &credit, &audit).await.unwrap();
    assert_eq!(state(store, id).await, RenditionsState::Pending);
    assert_eq!(
        edited.renditions, before.renditions,
        "old files still served"
    );
    assert_eq!(media.run_once().await.unwrap(), Some(id));
    let after = store.media_by_id(id).await.unwrap().unwrap();
    assert_eq!(after.renditions.len(), before.renditions.len());
    for r in &after.renditions {
        assert!(
            !before
                .renditions
                .iter()
                .any(|old| old.storage_key == r.storage_key),
            "{} reused",
            r.storage_key
        );
        let embedded = read_metadata(&blobs.get(&r.storage_key).unwrap(), r.format);
        assert_eq!(embedded.credit, "Photo: Jane Roe / Northwind Pool");
    }
}

/// A picture of one colour: many pixels in few bytes.
fn flat_png(width: u32, height: u32) -> Vec<u8> {
    let mut png = Vec::new();
    image::GrayImage::new(width, height)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png
}

async fn refused_uploads_leave_nothing_behind(store: &Store) {
    let blobs = Arc::new(MemoryBlobs::new());
    let small = Limits {
        max_bytes: 50_000,
        max_pixels: 1_000_000,
        ..Limits::default()
    };
    let media = service(store, &blobs, small);
    let mut truncated = sample_jpeg(800, 600);
    truncated.truncate(truncated.len() / 3);
    let big = sample_jpeg(1600, 1200);
    let cases: Vec<(Vec<u8>, &str, &str)> = vec![
        (b"%PDF-1.7".to_vec(), "not_an_image", "not a picture"),
        (big, "file_too_large", "upload limit"),
        (flat_png(1200, 900), "too_many_pixels", "1200×900"),
        (truncated, "corrupt_image", "damaged"),
    ];
    for (bytes, code, words) in cases {
        let err = media.upload(upload(bytes, "x.jpg")).await.unwrap_err();
        assert_eq!(err.code(), code, "{err}");
        assert!(err.is_bad_input());
        assert!(err.to_string().contains(words), "{err}");
    }
    assert!(blobs.is_empty(), "nothing stored: {:?}", blobs.keys());
    let listed = store
        .list_media(&MediaQuery {
            limit: 10,
            include_hidden: true,
            ..MediaQuery::default()
        })
        .await
        .unwrap();
    assert!(listed.items.is_empty());
}

async fn work_left_by_a_crash_is_resumed(store: &Store) {
    let blobs = Arc::new(MemoryBlobs::new());
    let media = service(store, &blobs, Limits::default());
    let first = media
        .upload(upload(sample_jpeg(700, 400), "a.jpg"))
        .await
        .unwrap();
    // A worker claimed the job and died: its lease is still running.
    let claimed = store
        .claim_rendition_job(1_000, i64::MAX / 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(claimed.media_id, first.asset.id);
    assert_eq!(state(store, first.asset.id).await, RenditionsState::Working);
    assert_eq!(media.run_once().await.unwrap(), None, "the lease holds");

    // A new process: on SQLite it alone can have been working, so the job
    // is released at once; on PostgreSQL another node may be, so it waits
    // for the lease to run out.
    let restarted = service(store, &blobs, Limits::default());
    let released = restarted.recover().await.unwrap();
    if store.backend() == Backend::Sqlite {
        assert_eq!(released, 1);
        assert_eq!(restarted.run_once().await.unwrap(), Some(first.asset.id));
        assert_eq!(state(store, first.asset.id).await, RenditionsState::Ready);
    } else {
        assert_eq!(released, 0);
        assert_eq!(restarted.run_once().await.unwrap(), None);
    }

    // A lease that ran out (the claim below expired long ago) is taken over
    // on both backends, and the late worker's finish then changes nothing.
    let second = media
        .upload(upload(sample_jpeg(500, 400), "b.jpg"))
        .await
        .unwrap();
    let stale = store
        .claim_rendition_job(1_000, 2_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stale.media_id, second.asset.id);
    assert_eq!(restarted.run_once().await.unwrap(), Some(second.asset.id));
    assert_eq!(state(store, second.asset.id).await, RenditionsState::Ready);
    let late = JobOutcome::Failed("late".into());
    assert!(!store
        .finish_rendition_job(second.asset.id, &late)
        .await
        .unwrap());
    assert_eq!(state(store, second.asset.id).await, RenditionsState::Ready);
}

async fn unusable_originals_fail_with_a_reason(store: &Store) {
    let blobs = Arc::new(MemoryBlobs::new());
    let media = service(store, &blobs, Limits::default());
    let record = |n: u8, key: &str| NewUpload {
        asset: NewMediaAsset {
            storage_key: key.into(),
            format: ImageFormat::Jpeg,
            width: 800,
            height: 600,
            byte_size: 10,
            sha256: format!("{n:064x}"),
            caption: String::new(),
            alt_text: String::new(),
            credit: String::new(),
            copyright: String::new(),
            source: String::new(),
            is_file_photo: false,
            created_at: 1,
            edition_id: None,
            section_id: None,
        },
        creator: String::new(),
        keywords: Vec::new(),
        uploaded_by: None,
        original_name: String::new(),
        taken_at: None,
    };
    let (missing, _) = store
        .create_upload(&record(1, "originals/00/missing.jpg"))
        .await
        .unwrap();
    blobs
        .put("originals/00/broken.jpg", b"\xFF\xD8\xFF garbage".to_vec())
        .await
        .unwrap();
    let (broken, _) = store
        .create_upload(&record(2, "originals/00/broken.jpg"))
        .await
        .unwrap();
    assert_eq!(media.run_once().await.unwrap(), Some(missing.id));
    assert_eq!(media.run_once().await.unwrap(), Some(broken.id));
    for (id, words) in [(missing.id, "missing"), (broken.id, "picture")] {
        let info = store.upload_info(id).await.unwrap().unwrap();
        assert_eq!(info.renditions_state, RenditionsState::Failed);
        assert!(
            info.renditions_error.contains(words),
            "{}",
            info.renditions_error
        );
    }
    // Queued again by hand, a failed job runs again.
    assert!(store.requeue_renditions(broken.id).await.unwrap());
    assert_eq!(state(store, broken.id).await, RenditionsState::Pending);
}

on_both_backends!(
    uploads_are_prefilled_deduplicated_and_rendered,
    refused_uploads_leave_nothing_behind,
    work_left_by_a_crash_is_resumed,
    unusable_originals_fail_with_a_reason,
    a_new_credit_gives_new_public_files,
);
