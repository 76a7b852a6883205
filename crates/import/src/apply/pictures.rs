//! Pictures an export names (attachments, featured images, `<img>` in
//! bodies) brought into the media bank through the ordinary upload path:
//! from the uploads folder given on the command line when it has the file,
//! else fetched from its URL. A picture imported once is found again by
//! its key or URL (`import_items`), and identical files are one asset
//! anyway (uploads are keyed by content). A picture that cannot be had is
//! reported, and its story imported without it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use dateline_media::{MediaService, Upload};
use dateline_store::imports::ImportKind;
use dateline_store::{MediaTextUpdate, NewAudit, Store};
use url::Url;

use super::report::Report;
use crate::model::Picture;

/// How long one picture may take to download.
const FETCH_TIMEOUT: Duration = Duration::from_secs(30);

/// Where pictures come from, and what this run already found.
pub(super) struct Pictures {
    store: Store,
    media: Option<std::sync::Arc<MediaService>>,
    source: String,
    uploads: Option<PathBuf>,
    client: Option<reqwest::Client>,
    base: Option<Url>,
    edition_id: i64,
    /// `id:{key}` or `url:{address}` → media id.
    known: HashMap<String, i64>,
    /// Pictures this run could not have, with why (tried once).
    failed: HashMap<String, String>,
    now: i64,
}

impl std::fmt::Debug for Pictures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pictures")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

pub(super) struct PictureSources {
    pub uploads: Option<PathBuf>,
    pub fetch: bool,
    pub base: Option<Url>,
}

impl Pictures {
    /// `media` is `None` on a dry run: nothing is fetched or stored.
    pub async fn new(
        store: Store,
        media: Option<std::sync::Arc<MediaService>>,
        source: &str,
        sources: PictureSources,
        edition_id: i64,
        now: i64,
    ) -> crate::Result<Self> {
        let known = store
            .imported(source, ImportKind::Picture)
            .await?
            .into_iter()
            .map(|(key, i)| (key, i.target_id))
            .collect();
        let client = if sources.fetch {
            reqwest::Client::builder()
                .timeout(FETCH_TIMEOUT)
                .redirect(reqwest::redirect::Policy::limited(5))
                .user_agent("Dateline importer")
                .build()
                .ok()
        } else {
            None
        };
        Ok(Self {
            store,
            media,
            source: source.to_owned(),
            uploads: sources.uploads,
            client,
            base: sources.base,
            edition_id,
            known,
            failed: HashMap::new(),
            now,
        })
    }

    /// The absolute address of `url` (relative ones against the old site).
    pub fn absolute(&self, url: &str) -> Option<Url> {
        let url = url.trim();
        match Url::parse(url) {
            Ok(u) => Some(u),
            Err(url::ParseError::RelativeUrlWithoutBase) => {
                self.base.as_ref().and_then(|b| b.join(url).ok())
            }
            Err(_) => None,
        }
    }

    /// The media id of `picture`, bringing it in when new; `None` (reported
    /// against `owner`) when it cannot be had. On a dry run a picture not
    /// yet imported gets id 0 when its file could be found.
    pub async fn resolve(
        &mut self,
        picture: &Picture,
        owner: &str,
        report: &mut Report,
    ) -> Option<i64> {
        let id_key = picture.key.as_ref().map(|k| format!("id:{k}"));
        let url = self.absolute(&picture.url);
        let url_key = url.as_ref().map(|u| format!("url:{u}"));
        for key in id_key.iter().chain(url_key.iter()) {
            if let Some(id) = self.known.get(key) {
                report.tally("pictures").unchanged += 1;
                return Some(*id);
            }
        }
        let Some(url) = url else {
            report.skip(
                "pictures",
                format!("picture {:?} of {owner}", picture.url),
                "no address to find it by",
            );
            return None;
        };
        let first = id_key.clone().unwrap_or_else(|| format!("url:{url}"));
        if let Some(reason) = self.failed.get(&first) {
            let reason = reason.clone();
            report.skip("pictures", format!("picture {url} of {owner}"), reason);
            return None;
        }
        match self.bring_in(&url, picture).await {
            Ok(id) => {
                report.tally("pictures").created += 1;
                for key in id_key.into_iter().chain(url_key) {
                    if id != 0 {
                        if let Err(e) = self
                            .store
                            .record_imported(
                                &self.source,
                                ImportKind::Picture,
                                &key,
                                id,
                                "",
                                self.now,
                            )
                            .await
                        {
                            report.note(format!("picture {url}"), e.to_string());
                        }
                    }
                    self.known.insert(key, id);
                }
                Some(id)
            }
            Err(reason) => {
                report.skip(
                    "pictures",
                    format!("picture {url} of {owner}"),
                    reason.clone(),
                );
                self.failed.insert(first, reason);
                None
            }
        }
    }

    async fn bring_in(&self, url: &Url, picture: &Picture) -> Result<i64, String> {
        let filename = url
            .path_segments()
            .and_then(|mut s| s.next_back())
            .map(|s| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8_lossy()
                    .into_owned()
            })
            .unwrap_or_default();
        let local = self.local_file(url);
        let Some(media) = &self.media else {
            // A dry run: say whether the file could be had, no more.
            return match (&local, &self.client) {
                (Some(_), _) => Ok(0),
                (None, Some(_)) if matches!(url.scheme(), "http" | "https") => Ok(0),
                _ => Err(self.unavailable(url)),
            };
        };
        let bytes = match local {
            Some(path) => tokio::fs::read(&path)
                .await
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
            None => self.fetch(url, media.limits().max_bytes).await?,
        };
        let uploaded = media
            .upload(Upload {
                bytes,
                filename,
                edition_id: Some(self.edition_id),
                ..Upload::default()
            })
            .await
            .map_err(|e| e.to_string())?;
        let asset = uploaded.asset;
        // The old site's texts, where the file said nothing of its own.
        let pick = |ours: &str, theirs: &str| {
            (ours.trim().is_empty() && !theirs.trim().is_empty()).then(|| theirs.trim().to_owned())
        };
        let caption = if picture.caption.is_empty() {
            &picture.title
        } else {
            &picture.caption
        };
        let update = MediaTextUpdate {
            caption: pick(&asset.caption, caption),
            alt_text: pick(&asset.alt_text, &picture.alt),
            credit: pick(&asset.credit, &picture.credit),
            ..MediaTextUpdate::default()
        };
        if update.caption.is_some() || update.alt_text.is_some() || update.credit.is_some() {
            let audit = NewAudit::new("media.import", "media", Some(asset.id), self.now);
            media
                .update_text(asset.id, &update, &audit)
                .await
                .map_err(|e| e.to_string())?;
        }
        Ok(asset.id)
    }

    fn unavailable(&self, url: &Url) -> String {
        match (&self.uploads, &self.client) {
            (Some(dir), None) => {
                format!("not in {} and fetching is off (--no-fetch)", dir.display())
            }
            (None, None) => "fetching is off (--no-fetch) and no uploads folder was given".into(),
            _ => format!("{url} cannot be fetched"),
        }
    }

    /// The file in the uploads folder for `url`: the longest tail of the
    /// URL's path found there (`2019/05/a.jpg` for
    /// `https://old.example/wp-content/uploads/2019/05/a.jpg`).
    fn local_file(&self, url: &Url) -> Option<PathBuf> {
        let dir = self.uploads.as_ref()?;
        let segments: Vec<String> = url
            .path_segments()?
            .map(|s| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8_lossy()
                    .into_owned()
            })
            .collect();
        if segments
            .iter()
            .any(|s| s == ".." || s.contains('/') || s.contains('\\'))
        {
            return None;
        }
        (0..segments.len()).find_map(|skip| {
            let path: PathBuf = segments[skip..].iter().collect();
            let candidate = dir.join(&path);
            is_file_inside(&candidate, dir).then_some(candidate)
        })
    }

    async fn fetch(&self, url: &Url, max_bytes: u64) -> Result<Vec<u8>, String> {
        let Some(client) = &self.client else {
            return Err(self.unavailable(url));
        };
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("{url} is not an http(s) address"));
        }
        let mut response = client
            .get(url.clone())
            .send()
            .await
            .map_err(|e| format!("cannot fetch: {e}"))?;
        if !response.status().is_success() {
            return Err(format!("the server answered {}", response.status()));
        }
        if response.content_length().is_some_and(|n| n > max_bytes) {
            return Err(format!("larger than the upload limit of {max_bytes} bytes"));
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| format!("download failed: {e}"))?
        {
            bytes.extend_from_slice(&chunk);
            if bytes.len() as u64 > max_bytes {
                return Err(format!("larger than the upload limit of {max_bytes} bytes"));
            }
        }
        Ok(bytes)
    }
}

fn is_file_inside(candidate: &Path, dir: &Path) -> bool {
    match (candidate.canonicalize(), dir.canonicalize()) {
        (Ok(c), Ok(d)) => c.starts_with(d) && c.is_file(),
        _ => false,
    }
}
