//! Framing a picture: a crop gives renditions of the cropped part under new
//! addresses, a shape's own crop gives that shape's files, a job made stale
//! by an edit records nothing, and the newsroom's preview shows the whole
//! picture.

use std::sync::Arc;

use dateline_domain::{Crop, FocalPoint, Framing, ImageFormat, Shape, ShapeCrops};
use dateline_media::{preview_key, Limits, MediaService, MemoryBlobs, Upload, PREVIEW_WIDTH};
use dateline_store::{NewAudit, RenditionsState, Store};
use image::{Rgb, RgbImage};

/// A picture whose left half is red and right half blue, as a PNG.
fn halves(width: u32, height: u32) -> Vec<u8> {
    let picture = RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    });
    let mut png = Vec::new();
    picture
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png
}

async fn uploaded(store: &Store, blobs: &Arc<MemoryBlobs>, bytes: Vec<u8>) -> (MediaService, i64) {
    let media = MediaService::new(store.clone(), blobs.clone(), Limits::default());
    let done = media
        .upload(Upload {
            bytes,
            filename: "halves.png".into(),
            ..Upload::default()
        })
        .await
        .unwrap();
    let id = done.asset.id;
    assert_eq!(media.run_once().await.unwrap(), Some(id));
    (media, id)
}

fn audit(id: i64) -> NewAudit {
    NewAudit::new("media.framing", "media", Some(id), 1_800_000_000)
}

async fn a_crop_gives_renditions_of_the_cropped_part(store: &Store) {
    let blobs = Arc::new(MemoryBlobs::new());
    let (media, id) = uploaded(store, &blobs, halves(2000, 1000)).await;
    let before = store.media_by_id(id).await.unwrap().unwrap();
    // The widths pages offer stop at 1920; the picture's full width is
    // one JPEG more ("Open the original").
    let whole: Vec<_> = (before.renditions.iter())
        .filter(|r| r.shape.is_none() && r.width > 1920)
        .map(|r| (r.width, r.height, r.format))
        .collect();
    assert_eq!(whole, [(2000, 1000, ImageFormat::Jpeg)]);
    let offered = (before.renditions.iter()).filter(|r| r.width <= 1920);
    assert_eq!(offered.map(|r| r.width).max(), Some(1920));

    // The right (blue) half, with its focal point low on the right.
    let crop = Crop {
        left: 1000,
        top: 0,
        width: 1000,
        height: 500,
    };
    let focal = FocalPoint { x: 1750, y: 400 };
    let framing = Framing::new(Some(crop), Some(focal), 2000, 1000).unwrap();
    let edited = media.set_framing(id, &framing, &audit(id)).await.unwrap();
    assert_eq!(edited.framing, framing);
    assert_eq!(
        edited.renditions, before.renditions,
        "old files serve meanwhile"
    );
    assert_eq!(
        store
            .upload_info(id)
            .await
            .unwrap()
            .unwrap()
            .renditions_state,
        RenditionsState::Pending
    );

    assert_eq!(media.run_once().await.unwrap(), Some(id));
    let after = store.media_by_id(id).await.unwrap().unwrap();
    let mut widths: Vec<u32> = (after.renditions.iter())
        .filter(|r| r.shape.is_none())
        .map(|r| r.width)
        .collect();
    widths.sort_unstable();
    assert_eq!(
        widths,
        [320, 320, 640, 640, 960, 960],
        "no width wider than the crop"
    );
    for r in &after.renditions {
        match r.shape {
            None => assert_eq!(r.height * 2, r.width, "the crop's 2:1 shape"),
            Some(shape) => assert_eq!(r.height, shape.height_for(r.width)),
        }
        assert!(
            !before
                .renditions
                .iter()
                .any(|old| old.storage_key == r.storage_key),
            "{} reused",
            r.storage_key
        );
        let pixels = image::load_from_memory(&blobs.get(&r.storage_key).unwrap())
            .unwrap()
            .to_rgb8();
        assert_eq!((pixels.width(), pixels.height()), (r.width, r.height));
        for x in [0, r.width / 2, r.width - 1] {
            let Rgb([red, _, blue]) = *pixels.get_pixel(x, r.height / 2);
            assert!(
                blue > 150 && red < 90,
                "{}: only the blue half",
                r.storage_key
            );
        }
    }

    // Moving only the focal point keeps the crop's files and moves the
    // shapes cut around it, under new addresses.
    let moved = Framing::new(Some(crop), Some(FocalPoint { x: 1100, y: 10 }), 2000, 1000).unwrap();
    media.set_framing(id, &moved, &audit(id)).await.unwrap();
    assert_eq!(media.run_once().await.unwrap(), Some(id));
    let kept = store.media_by_id(id).await.unwrap().unwrap();
    let of = |asset: &dateline_store::MediaAsset, shape: Option<Shape>| -> Vec<String> {
        (asset.renditions.iter())
            .filter(|r| r.shape == shape)
            .map(|r| r.storage_key.clone())
            .collect()
    };
    assert_eq!(of(&kept, None), of(&after, None));
    let wide = of(&kept, Some(Shape::Wide));
    assert!(
        !wide.is_empty()
            && wide
                .iter()
                .all(|k| !of(&after, Some(Shape::Wide)).contains(k))
    );
    assert_eq!(kept.framing, moved);

    // A square of its own, on the left (red) half, outside the crop.
    let square = Crop {
        left: 100,
        top: 100,
        width: 600,
        height: 600,
    };
    let own = moved
        .clone()
        .with_shape_crops(ShapeCrops::from([(Shape::Square, square)]), 2000, 1000)
        .unwrap();
    media.set_framing(id, &own, &audit(id)).await.unwrap();
    assert_eq!(media.run_once().await.unwrap(), Some(id));
    let squared = store.media_by_id(id).await.unwrap().unwrap();
    assert_eq!(
        squared.framing.shape_crops().get(&Shape::Square),
        Some(&square)
    );
    assert_eq!(
        of(&squared, Some(Shape::Wide)),
        wide,
        "other shapes keep their files"
    );
    for r in squared
        .renditions
        .iter()
        .filter(|r| r.shape == Some(Shape::Square))
    {
        assert_eq!(r.width, r.height);
        let pixels = image::load_from_memory(&blobs.get(&r.storage_key).unwrap())
            .unwrap()
            .to_rgb8();
        let Rgb([red, _, blue]) = *pixels.get_pixel(r.width / 2, r.height / 2);
        assert!(red > 150 && blue < 90, "{}: the red half", r.storage_key);
    }

    // Back to the whole picture: the widths of the whole come back.
    let whole = Framing::new(None, None, 2000, 1000).unwrap();
    media.set_framing(id, &whole, &audit(id)).await.unwrap();
    assert_eq!(media.run_once().await.unwrap(), Some(id));
    let restored = store.media_by_id(id).await.unwrap().unwrap();
    assert_eq!(
        restored.renditions, before.renditions,
        "the first files again"
    );
}

async fn renditions_made_stale_by_an_edit_are_not_recorded(store: &Store) {
    let blobs = Arc::new(MemoryBlobs::new());
    let (media, id) = uploaded(store, &blobs, halves(800, 400)).await;
    let before = store.media_by_id(id).await.unwrap().unwrap();
    store.requeue_renditions(id).await.unwrap();
    let job = store
        .claim_rendition_job(1_000, i64::MAX / 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(job.framing.crop(), None);
    // While the worker is busy, an editor crops the picture.
    let crop = Crop {
        left: 0,
        top: 0,
        width: 400,
        height: 400,
    };
    let framing = Framing::new(Some(crop), None, 800, 400).unwrap();
    media.set_framing(id, &framing, &audit(id)).await.unwrap();
    assert!(
        !store.record_renditions(&job, &[], 1_000).await.unwrap(),
        "stale"
    );
    let now = store.media_by_id(id).await.unwrap().unwrap();
    assert_eq!(now.renditions, before.renditions, "nothing replaced");
    // The queued job makes the cropped files.
    let job = store
        .claim_rendition_job(1_000, i64::MAX / 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(job.framing.crop(), Some(crop));
}

async fn the_framing_preview_shows_the_whole_picture(store: &Store) {
    let blobs = Arc::new(MemoryBlobs::new());
    let (media, id) = uploaded(store, &blobs, halves(2000, 1000)).await;
    let asset = store.media_by_id(id).await.unwrap().unwrap();
    let bytes = media.framing_preview(&asset).await.unwrap();
    let preview = image::load_from_memory(&bytes).unwrap().to_rgb8();
    assert_eq!((preview.width(), preview.height()), (PREVIEW_WIDTH, 640));
    let Rgb([red, _, _]) = *preview.get_pixel(10, 320);
    let Rgb([_, _, blue]) = *preview.get_pixel(PREVIEW_WIDTH - 10, 320);
    assert!(red > 150 && blue > 150, "both halves");
    let key = preview_key(&asset.sha256, PREVIEW_WIDTH);
    assert_eq!(blobs.get(&key), Some(bytes.clone()), "kept for next time");
    assert_eq!(media.framing_preview(&asset).await.unwrap(), bytes);
}

/// A page rendered before a re-crop (an open tab, a CDN's copy) names the
/// old files: they keep answering for a week, then go, unless a crop put
/// back made them current again.
async fn replaced_renditions_serve_for_a_week_then_go(store: &Store) {
    let blobs = Arc::new(MemoryBlobs::new());
    let (media, id) = uploaded(store, &blobs, halves(2000, 1000)).await;
    let keys = |asset: &dateline_store::MediaAsset| -> Vec<String> {
        asset
            .renditions
            .iter()
            .map(|r| r.storage_key.clone())
            .collect()
    };
    let whole = keys(&store.media_by_id(id).await.unwrap().unwrap());
    let crop = Crop {
        left: 1000,
        top: 0,
        width: 1000,
        height: 500,
    };
    let cropped = Framing::new(Some(crop), None, 2000, 1000).unwrap();
    media.set_framing(id, &cropped, &audit(id)).await.unwrap();
    assert_eq!(media.run_once().await.unwrap(), Some(id));
    let first_crop = keys(&store.media_by_id(id).await.unwrap().unwrap());
    assert!(whole.iter().all(|k| !first_crop.contains(k)));
    for key in &whole {
        let owner = store.rendition_owner(key).await.unwrap();
        assert_eq!(owner.map(|o| o.media_id), Some(id), "{key} still answers");
        assert!(blobs.get(key).is_some(), "{key} still stored");
    }

    // A second crop retires the first one's files; the whole picture's
    // come back when the crop is taken off again.
    let other = Crop {
        left: 0,
        top: 0,
        width: 1000,
        height: 500,
    };
    let framing = Framing::new(Some(other), None, 2000, 1000).unwrap();
    media.set_framing(id, &framing, &audit(id)).await.unwrap();
    assert_eq!(media.run_once().await.unwrap(), Some(id));
    let uncropped = Framing::new(None, None, 2000, 1000).unwrap();
    media.set_framing(id, &uncropped, &audit(id)).await.unwrap();
    assert_eq!(media.run_once().await.unwrap(), Some(id));
    assert_eq!(keys(&store.media_by_id(id).await.unwrap().unwrap()), whole);

    let now = chrono::Utc::now().timestamp();
    assert_eq!(
        media.remove_retired_renditions(now).await.unwrap(),
        0,
        "kept a week"
    );
    let week = i64::try_from(dateline_media::RETIRED_RENDITIONS_KEPT.as_secs()).unwrap();
    let gone = media
        .remove_retired_renditions(now + week + 60)
        .await
        .unwrap();
    assert!(gone >= first_crop.len(), "both crops' files went ({gone})");
    for key in &first_crop {
        assert_eq!(store.rendition_owner(key).await.unwrap(), None, "{key}");
        assert_eq!(blobs.get(key), None, "{key} deleted");
    }
    for key in &whole {
        assert!(
            store.rendition_owner(key).await.unwrap().is_some(),
            "{key} is current"
        );
        assert!(blobs.get(key).is_some(), "{key} kept");
    }
    assert_eq!(
        media
            .remove_retired_renditions(now + week + 60)
            .await
            .unwrap(),
        0
    );
}

on_both_backends!(
    a_crop_gives_renditions_of_the_cropped_part,
    replaced_renditions_serve_for_a_week_then_go,
    renditions_made_stale_by_an_edit_are_not_recorded,
    the_framing_preview_shows_the_whole_picture,
);
