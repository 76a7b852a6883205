//! `ObjectStoreBlobs` against a real S3-compatible server on loopback
//! (moto's `moto_server`). The server is started when `DATELINE_TEST_S3=1`
//! (then it must be there) or when its binary is found; otherwise the test
//! prints why it skipped. `DATELINE_MOTO_SERVER` names the binary.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use dateline_media::{
    BlobSink, Limits, MediaService, MediaStoreConfig, ObjectStoreBlobs, S3Settings, Upload,
};
use dateline_store::RenditionsState;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::fixtures::agency_jpeg;

const BUCKET: &str = "dateline-media";

/// A running moto server, stopped when dropped.
struct Moto {
    child: Child,
    port: u16,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn moto_binary() -> Option<String> {
    if let Ok(path) = std::env::var("DATELINE_MOTO_SERVER") {
        return Some(path);
    }
    let candidates = ["/var/tmp/dateline-moto/bin/moto_server", "moto_server"];
    candidates.into_iter().map(str::to_owned).find(|c| {
        Command::new(c)
            .arg("--help")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

async fn start_moto() -> Option<Moto> {
    let required = std::env::var("DATELINE_TEST_S3").is_ok_and(|v| v == "1");
    let Some(binary) = moto_binary() else {
        assert!(
            !required,
            "DATELINE_TEST_S3=1 but moto_server was not found (pip install 'moto[server]')"
        );
        eprintln!("skipping S3: moto_server not found (set DATELINE_TEST_S3=1 to require it)");
        return None;
    };
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let child = Command::new(&binary)
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {binary}: {e}"));
    let moto = Moto { child, port };
    let started = Instant::now();
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "moto_server did not listen on {port}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // object_store does not create buckets: one plain PUT does (moto does
    // not check signatures).
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let request = format!(
        "PUT /{BUCKET} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).await.unwrap();
    assert!(
        reply.starts_with("HTTP/1.1 200"),
        "bucket creation: {reply}"
    );
    Some(moto)
}

fn settings(port: u16) -> S3Settings {
    S3Settings {
        bucket: BUCKET.into(),
        endpoint: Some(format!("http://127.0.0.1:{port}")),
        region: Some("us-east-1".into()),
        prefix: "media".into(),
        allow_http: true,
        access_key_id: Some("testing".into()),
        secret_access_key: Some("testing".into()),
    }
}

#[tokio::test]
async fn s3_blobs_store_uploads_and_renditions() {
    let Some(moto) = start_moto().await else {
        return;
    };
    // The configuration string the `media_store` setting takes.
    let config: MediaStoreConfig = format!(
        "s3://{BUCKET}/media?endpoint=http%3A%2F%2F127.0.0.1%3A{}&region=us-east-1&allow_http=true&access_key_id=testing&secret_access_key=testing",
        moto.port
    )
    .parse()
    .unwrap();
    assert_eq!(config, MediaStoreConfig::S3(settings(moto.port)));
    let blobs: Arc<dyn BlobSink> = config.open(std::path::Path::new("unused")).unwrap();

    blobs
        .put("originals/ab/x.jpg", b"first".to_vec())
        .await
        .unwrap();
    blobs
        .put("originals/ab/x.jpg", b"second".to_vec())
        .await
        .unwrap();
    assert_eq!(
        blobs.get("originals/ab/x.jpg").await.unwrap(),
        Some(b"second".to_vec())
    );
    assert_eq!(blobs.get("originals/ab/none.jpg").await.unwrap(), None);
    blobs.delete("originals/ab/x.jpg").await.unwrap();
    blobs.delete("originals/ab/x.jpg").await.unwrap();
    assert_eq!(blobs.get("originals/ab/x.jpg").await.unwrap(), None);
    assert!(blobs.put("../escape", vec![1]).await.is_err());

    // The whole upload path with S3 behind it.
    let db = dateline_store::testing::TestDb::sqlite().await;
    let media = MediaService::new(db.store().clone(), blobs.clone(), Limits::default());
    let done = media
        .upload(Upload {
            bytes: agency_jpeg(),
            filename: "odesa.jpg".into(),
            ..Upload::default()
        })
        .await
        .unwrap();
    assert_eq!(media.run_once().await.unwrap(), Some(done.asset.id));
    let info = db
        .store()
        .upload_info(done.asset.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(info.renditions_state, RenditionsState::Ready);
    let stored = db
        .store()
        .media_by_id(done.asset.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored
            .renditions
            .iter()
            .filter(|r| r.shape.is_none())
            .count(),
        6
    );
    assert!(stored.renditions.iter().any(|r| r.shape.is_some()));
    let direct = ObjectStoreBlobs::new(&settings(moto.port)).unwrap();
    for r in &stored.renditions {
        let bytes = direct.get(&r.storage_key).await.unwrap().unwrap();
        assert_eq!(bytes.len() as u64, r.byte_size);
    }
    assert_eq!(
        direct.get(&stored.storage_key).await.unwrap(),
        Some(agency_jpeg())
    );
    // `list` (what `dateline backup` copies) names every object by its key,
    // the prefix taken off, and nothing deleted.
    let keys = direct.list().await.unwrap();
    assert!(keys.contains(&stored.storage_key), "{keys:?}");
    for r in &stored.renditions {
        assert!(keys.contains(&r.storage_key), "{keys:?}");
    }
    assert!(keys.iter().all(|k| !k.starts_with("media/")), "{keys:?}");
    assert!(!keys.iter().any(|k| k == "originals/ab/x.jpg"), "{keys:?}");
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "sorted: {keys:?}");
}
