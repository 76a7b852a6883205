//! The theme's static files (CSS, script, icons): embedded, overridable from
//! `{theme_dir}/static/`, and served under fingerprinted names
//! (`style.3f9a1c0b2d4e.css`) so that browsers may cache them forever.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use sha2::{Digest, Sha256};

const EMBEDDED: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../static/style.css")),
    ("site.js", include_bytes!("../static/site.js")),
    ("comments.js", include_bytes!("../static/comments.js")),
    ("chat.js", include_bytes!("../static/chat.js")),
    ("newsroom.js", include_bytes!("../static/newsroom.js")),
    ("editor.js", include_bytes!("../static/editor.js")),
    ("front.js", include_bytes!("../static/front.js")),
    ("framing.js", include_bytes!("../static/framing.js")),
    ("search.js", include_bytes!("../static/search.js")),
    ("newsletter.js", include_bytes!("../static/newsletter.js")),
    ("push-worker.js", include_bytes!("../static/push-worker.js")),
    (
        "picture-texts.js",
        include_bytes!("../static/picture-texts.js"),
    ),
    ("favicon.svg", include_bytes!("../static/favicon.svg")),
    ("logo.svg", include_bytes!("../static/logo.svg")),
];

/// One static file, ready to serve.
#[derive(Debug, Clone)]
pub struct StaticFile {
    pub bytes: Cow<'static, [u8]>,
    pub content_type: &'static str,
    /// `/static/` plus the fingerprinted file name.
    pub url: String,
}

/// Every static file by logical name (`style.css`) and by fingerprinted name.
#[derive(Debug, Clone, Default)]
pub struct StaticAssets {
    by_name: HashMap<String, StaticFile>,
    by_fingerprint: HashMap<String, String>,
}

impl StaticAssets {
    /// Loads the embedded files, then every regular file of
    /// `{theme_dir}/static/` (replacing an embedded file of the same name).
    /// Read once at start-up: restart the server after changing a theme.
    pub fn load(theme_dir: Option<&Path>) -> Self {
        let mut assets = Self::default();
        for (name, bytes) in EMBEDDED {
            assets.insert(name, Cow::Borrowed(bytes));
        }
        if let Some(dir) = theme_dir.map(|d| d.join("static")) {
            let entries = std::fs::read_dir(&dir).into_iter().flatten().flatten();
            for entry in entries {
                let path = entry.path();
                let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned)
                else {
                    continue;
                };
                if !path.is_file() || name.starts_with('.') {
                    continue;
                }
                match std::fs::read(&path) {
                    Ok(bytes) => assets.insert(&name, Cow::Owned(bytes)),
                    Err(error) => tracing::warn!(?path, %error, "cannot read a theme file"),
                }
            }
        }
        assets
    }

    fn insert(&mut self, name: &str, bytes: Cow<'static, [u8]>) {
        let hash = hex::encode(&Sha256::digest(&bytes)[..6]);
        let fingerprinted = match name.rsplit_once('.') {
            Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
            None => format!("{name}.{hash}"),
        };
        let file = StaticFile {
            bytes,
            content_type: content_type(name),
            url: format!("/static/{fingerprinted}"),
        };
        if let Some(old) = self.by_name.insert(name.to_owned(), file) {
            self.by_fingerprint
                .remove(old.url.trim_start_matches("/static/"));
        }
        self.by_fingerprint.insert(fingerprinted, name.to_owned());
    }

    /// The URL to put in pages for a logical name; unknown names get an
    /// unfingerprinted URL (which the server answers with 404).
    pub fn url(&self, name: &str) -> Cow<'_, str> {
        match self.by_name.get(name) {
            Some(file) => Cow::Borrowed(&file.url),
            None => Cow::Owned(format!("/static/{name}")),
        }
    }

    /// A file by the name in its URL. `immutable` is true when the name was
    /// the fingerprinted one, so the response may be cached forever.
    pub fn get(&self, file_name: &str) -> Option<(&StaticFile, bool)> {
        if let Some(name) = self.by_fingerprint.get(file_name) {
            return self.by_name.get(name).map(|f| (f, true));
        }
        self.by_name.get(file_name).map(|f| (f, false))
    }
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or_default() {
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        "json" | "webmanifest" => "application/json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprinted_names_resolve_and_change_with_content() {
        let assets = StaticAssets::load(None);
        let url = assets.url("style.css").into_owned();
        assert!(
            url.starts_with("/static/style.") && url.ends_with(".css"),
            "{url}"
        );
        let (file, immutable) = assets.get(url.trim_start_matches("/static/")).unwrap();
        assert!(immutable);
        assert_eq!(file.content_type, "text/css; charset=utf-8");
        assert!(!assets.get("style.css").unwrap().1);
        assert!(assets.get("style.000000000000.css").is_none());

        let theme = tempfile::tempdir().unwrap();
        std::fs::create_dir(theme.path().join("static")).unwrap();
        std::fs::write(theme.path().join("static/style.css"), "body{color:red}").unwrap();
        let themed = StaticAssets::load(Some(theme.path()));
        let themed_url = themed.url("style.css").into_owned();
        assert_ne!(themed_url, url);
        assert!(themed.get(url.trim_start_matches("/static/")).is_none());
        let (file, _) = themed
            .get(themed_url.trim_start_matches("/static/"))
            .unwrap();
        assert_eq!(&*file.bytes, b"body{color:red}");
    }
}
