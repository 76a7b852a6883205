//! Blob sinks write where they say and refuse keys that escape the root.

use dateline_media::{BlobSink, LocalBlobs, MediaError, MemoryBlobs};

#[tokio::test]
async fn local_blobs_write_files_under_the_root() {
    let dir = tempfile::tempdir().unwrap();
    let blobs = LocalBlobs::new(dir.path());
    blobs
        .put("originals/ab/abc.jpg", b"first".to_vec())
        .await
        .unwrap();
    blobs
        .put("originals/ab/abc.jpg", b"second".to_vec())
        .await
        .unwrap();
    let path = dir.path().join("originals/ab/abc.jpg");
    assert_eq!(std::fs::read(&path).unwrap(), b"second");
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "temporary files left: {leftovers:?}");
    let err = blobs.put("../escape.jpg", vec![1]).await.unwrap_err();
    assert!(matches!(err, MediaError::InvalidKey(_)));
    assert!(!dir.path().parent().unwrap().join("escape.jpg").exists());
}

#[tokio::test]
async fn memory_blobs_are_dyn_compatible() {
    let blobs = MemoryBlobs::new();
    let sink: &dyn BlobSink = &blobs;
    sink.put("renditions/00/x-320.webp", vec![7, 8])
        .await
        .unwrap();
    assert_eq!(blobs.get("renditions/00/x-320.webp"), Some(vec![7, 8]));
    assert_eq!(blobs.keys(), vec!["renditions/00/x-320.webp".to_owned()]);
}

#[tokio::test]
async fn local_blobs_read_back_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let blobs = LocalBlobs::new(dir.path());
    let sink: &dyn BlobSink = &blobs;
    sink.put("renditions/ab/x-320.jpg", vec![1, 2, 3])
        .await
        .unwrap();
    assert_eq!(
        sink.get("renditions/ab/x-320.jpg").await.unwrap(),
        Some(vec![1, 2, 3])
    );
    assert_eq!(sink.get("renditions/ab/none.jpg").await.unwrap(), None);
    sink.delete("renditions/ab/x-320.jpg").await.unwrap();
    sink.delete("renditions/ab/x-320.jpg").await.unwrap();
    assert_eq!(sink.get("renditions/ab/x-320.jpg").await.unwrap(), None);
    assert!(matches!(
        sink.get("../outside").await.unwrap_err(),
        MediaError::InvalidKey(_)
    ));
}
