//! Media in any S3-compatible object store (AWS S3, MinIO, Ceph, R2…),
//! through the `object_store` crate, and the `media_store` setting that
//! chooses between it and a local folder.

use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::{ObjectStoreExt, PutPayload};

use crate::blob::check_key;
use crate::{BlobSink, LocalBlobs, MediaError};

/// Blobs as objects of one bucket, keys optionally under a prefix.
#[derive(Debug, Clone)]
pub struct ObjectStoreBlobs {
    store: Arc<AmazonS3>,
    prefix: String,
}

/// Where an S3-compatible bucket is and how to sign requests to it.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct S3Settings {
    pub bucket: String,
    /// `http://127.0.0.1:9000` for MinIO or a test server; `None` for AWS.
    pub endpoint: Option<String>,
    pub region: Option<String>,
    /// Keys are stored under `prefix/` (no leading or trailing slash).
    pub prefix: String,
    /// Needed for a plain-HTTP endpoint (loopback test servers).
    pub allow_http: bool,
    /// When `None`, the usual `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`
    /// variables (or an instance role) apply.
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
}

impl std::fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Settings")
            .field("bucket", &self.bucket)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("prefix", &self.prefix)
            .field("allow_http", &self.allow_http)
            .field("access_key_id", &self.access_key_id)
            .field(
                "secret_access_key",
                &self.secret_access_key.as_ref().map(|_| "***"),
            )
            .finish()
    }
}

/// The `media_store` setting: `local` (files under the data directory) or
/// `s3://bucket[/prefix]?endpoint=…&region=…&allow_http=true`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaStoreConfig {
    Local,
    S3(S3Settings),
}

impl std::str::FromStr for MediaStoreConfig {
    type Err = MediaError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let value = value.trim();
        if value.is_empty() || value == "local" {
            return Ok(Self::Local);
        }
        let bad = |why: &str| {
            MediaError::Config(format!(
                "{why}; expected `local` or `s3://bucket[/prefix]?endpoint=…&region=…&allow_http=true`"
            ))
        };
        let rest = value
            .strip_prefix("s3://")
            .ok_or_else(|| bad("unknown media store"))?;
        let (location, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (bucket, prefix) = location.split_once('/').unwrap_or((location, ""));
        if bucket.is_empty() {
            return Err(bad("the bucket name is missing"));
        }
        let mut settings = S3Settings {
            bucket: bucket.to_owned(),
            prefix: prefix.trim_matches('/').to_owned(),
            ..S3Settings::default()
        };
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(raw);
            match key {
                "endpoint" => settings.endpoint = Some(value),
                "region" => settings.region = Some(value),
                "allow_http" => settings.allow_http = matches!(value.as_str(), "true" | "1"),
                "access_key_id" => settings.access_key_id = Some(value),
                "secret_access_key" => settings.secret_access_key = Some(value),
                other => return Err(bad(&format!("unknown parameter {other:?}"))),
            }
        }
        Ok(Self::S3(settings))
    }
}

/// `%XX` escapes (for endpoints and secrets with reserved characters).
fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl MediaStoreConfig {
    /// The configured sink: for `local`, files under `local_root`.
    pub fn open(&self, local_root: &Path) -> Result<Arc<dyn BlobSink>, MediaError> {
        Ok(match self {
            Self::Local => Arc::new(LocalBlobs::new(local_root)),
            Self::S3(settings) => Arc::new(ObjectStoreBlobs::new(settings)?),
        })
    }
}

impl ObjectStoreBlobs {
    pub fn new(settings: &S3Settings) -> Result<Self, MediaError> {
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(&settings.bucket)
            .with_allow_http(settings.allow_http);
        if let Some(endpoint) = &settings.endpoint {
            builder = builder.with_endpoint(endpoint);
        }
        builder = builder.with_region(settings.region.as_deref().unwrap_or("us-east-1"));
        if let Some(id) = &settings.access_key_id {
            builder = builder.with_access_key_id(id);
        }
        if let Some(secret) = &settings.secret_access_key {
            builder = builder.with_secret_access_key(secret);
        }
        let store = builder
            .build()
            .map_err(|e| MediaError::Config(e.to_string()))?;
        Ok(Self {
            store: Arc::new(store),
            prefix: settings.prefix.clone(),
        })
    }

    fn location(&self, key: &str) -> Result<object_store::path::Path, MediaError> {
        check_key(key)?;
        let full = if self.prefix.is_empty() {
            key.to_owned()
        } else {
            format!("{}/{key}", self.prefix)
        };
        object_store::path::Path::parse(full).map_err(|_| MediaError::InvalidKey(key.to_owned()))
    }
}

fn failed(e: object_store::Error) -> MediaError {
    MediaError::Storage(e.to_string())
}

#[async_trait]
impl BlobSink for ObjectStoreBlobs {
    /// One PUT: S3 makes an object visible only once it is complete.
    async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), MediaError> {
        let location = self.location(key)?;
        self.store
            .put(&location, PutPayload::from(bytes))
            .await
            .map_err(failed)?;
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, MediaError> {
        let location = self.location(key)?;
        match self.store.get(&location).await {
            Ok(found) => Ok(Some(found.bytes().await.map_err(failed)?.to_vec())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(failed(e)),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), MediaError> {
        let location = self.location(key)?;
        match self.store.delete(&location).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(failed(e)),
        }
    }

    /// Every object under the prefix, the prefix taken off.
    async fn list(&self) -> Result<Vec<String>, MediaError> {
        use futures_util::TryStreamExt;
        use object_store::ObjectStore;
        let prefix = (!self.prefix.is_empty())
            .then(|| object_store::path::Path::parse(&self.prefix))
            .transpose()
            .map_err(|_| MediaError::InvalidKey(self.prefix.clone()))?;
        let objects: Vec<object_store::ObjectMeta> = self
            .store
            .list(prefix.as_ref())
            .try_collect()
            .await
            .map_err(failed)?;
        let strip = if self.prefix.is_empty() {
            String::new()
        } else {
            format!("{}/", self.prefix)
        };
        let mut keys: Vec<String> = objects
            .iter()
            .filter_map(|o| {
                o.location
                    .as_ref()
                    .strip_prefix(strip.as_str())
                    .map(str::to_owned)
            })
            .collect();
        keys.sort_unstable();
        Ok(keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_media_store_settings() {
        assert_eq!(
            "local".parse::<MediaStoreConfig>().unwrap(),
            MediaStoreConfig::Local
        );
        let MediaStoreConfig::S3(s) = "s3://news-media/prod/?endpoint=http%3A%2F%2F127.0.0.1%3A9000&region=eu-west-1&allow_http=true"
            .parse::<MediaStoreConfig>()
            .unwrap()
        else {
            panic!("not s3");
        };
        assert_eq!(
            (
                s.bucket.as_str(),
                s.prefix.as_str(),
                s.endpoint.as_deref(),
                s.region.as_deref(),
                s.allow_http
            ),
            (
                "news-media",
                "prod",
                Some("http://127.0.0.1:9000"),
                Some("eu-west-1"),
                true
            )
        );
        for bad in ["ftp://x", "s3://", "s3://b?colour=red"] {
            let err = bad.parse::<MediaStoreConfig>().unwrap_err();
            assert_eq!(err.code(), "media_store_config", "{bad}");
        }
        let secret = S3Settings {
            secret_access_key: Some("hunter2".into()),
            ..S3Settings::default()
        };
        assert!(!format!("{secret:?}").contains("hunter2"));
    }
}
