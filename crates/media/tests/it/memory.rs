//! Decode memory: a picture is weighed by pixels × bytes per pixel before
//! it is decoded, refused over the per-picture limit, and uploads share a
//! budget so that parallel decodes cannot exhaust the server's memory.

use std::sync::Arc;
use std::time::Duration;

use dateline_media::{
    ingest, memory_needed, DecodeBudget, Limits, MediaError, MediaService, MemoryBlobs, Upload,
};
use dateline_store::{MediaQuery, Store};
use image::{DynamicImage, ImageBuffer, Rgb};

/// A PNG of `width` × `height` pixels, 16 bits per channel when `deep`.
fn png(width: u32, height: u32, deep: bool) -> Vec<u8> {
    let picture = if deep {
        DynamicImage::ImageRgb16(ImageBuffer::from_fn(width, height, |x, y| {
            Rgb([(x * 60) as u16, (y * 60) as u16, 30_000])
        }))
    } else {
        DynamicImage::ImageRgb8(ImageBuffer::from_fn(width, height, |x, y| {
            Rgb([x as u8, y as u8, 120])
        }))
    };
    let mut out = Vec::new();
    picture
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

#[test]
fn sixteen_bits_per_channel_weigh_twice_as_much_as_eight() {
    let (shallow, deep) = (png(600, 400, false), png(600, 400, true));
    let pixels = 600 * 400;
    let margin = 16 << 20;
    // Decoded (3 or 6 bytes a pixel) plus the 8-bit RGB copy renditions use.
    assert_eq!(
        memory_needed(&shallow, u64::MAX).unwrap(),
        pixels * 6 + margin
    );
    assert_eq!(memory_needed(&deep, u64::MAX).unwrap(), pixels * 9 + margin);
}

#[test]
fn a_picture_over_the_memory_limit_is_refused_before_decoding() {
    let limits = Limits {
        // Between what the 8-bit and the 16-bit picture need.
        max_decode_bytes: 600 * 400 * 7 + (16 << 20),
        ..Limits::default()
    };
    ingest(&png(600, 400, false), "flat.png", &limits).unwrap();
    match ingest(&png(600, 400, true), "deep.png", &limits) {
        Err(err @ MediaError::TooMuchMemory { .. }) => {
            assert!(err.is_bad_input());
            assert_eq!(err.code(), "image_needs_too_much_memory");
            assert!(err.to_string().contains("8 bits per channel"), "{err}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn media_count(store: &Store) -> usize {
    let query = MediaQuery {
        limit: 50,
        include_hidden: true,
        ..MediaQuery::default()
    };
    store.list_media(&query).await.unwrap().items.len()
}

fn service(store: &Store, budget: DecodeBudget) -> MediaService {
    MediaService::new(
        store.clone(),
        Arc::new(MemoryBlobs::new()),
        Limits::default(),
    )
    .with_decode_budget(budget)
}

fn upload(bytes: Vec<u8>, name: &str) -> Upload {
    Upload {
        bytes,
        filename: name.into(),
        ..Upload::default()
    }
}

/// Uploads that together need more than the budget wait their turn and all
/// succeed; one that alone needs more is refused and leaves nothing behind.
async fn uploads_share_the_decode_budget(store: &Store) {
    let picture = |seed: u32| png(800 + seed, 600, true);
    let one = memory_needed(&picture(0), u64::MAX).unwrap();
    // Room for one decode at a time, not two.
    let media = Arc::new(service(store, DecodeBudget::new(one * 3 / 2)));
    let uploads = (0..4).map(|seed| {
        let media = Arc::clone(&media);
        tokio::spawn(async move { media.upload(upload(picture(seed), "deep.png")).await })
    });
    for done in futures_join(uploads).await {
        assert!(done.unwrap().unwrap().created);
    }
    assert_eq!(media_count(store).await, 4);

    let tight = service(store, DecodeBudget::new(one / 2));
    match tight.upload(upload(picture(9), "big.png")).await {
        Err(MediaError::TooMuchMemory { .. }) => {}
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(media_count(store).await, 4);

    // A decode that cannot get room in time is refused as busy.
    let busy = DecodeBudget::with_wait(one * 3 / 2, Duration::from_millis(20));
    let held = busy.reserve(one).await.unwrap();
    let waiting = service(store, busy.clone());
    match waiting.upload(upload(picture(10), "later.png")).await {
        Err(MediaError::Busy) => {}
        other => panic!("expected busy, got {other:?}"),
    }
    drop(held);
    waiting
        .upload(upload(picture(10), "later.png"))
        .await
        .unwrap();
}

async fn futures_join<T>(
    tasks: impl Iterator<Item = tokio::task::JoinHandle<T>>,
) -> Vec<Result<T, tokio::task::JoinError>> {
    let mut out = Vec::new();
    for task in tasks.collect::<Vec<_>>() {
        out.push(task.await);
    }
    out
}

on_both_backends!(uploads_share_the_decode_budget);
