//! Typed configuration: defaults, then an optional TOML file, then
//! `DATELINE_*` environment variables, then command-line options;
//! validated once at start-up.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

/// Everything the program can be told. Passed down as a value, never global.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `sqlite:<path>` or `postgres://…`. Defaults to `<data_dir>/dateline.db`.
    pub database_url: Option<String>,
    /// Where the SQLite file and media live.
    pub data_dir: PathBuf,
    /// Address the HTTP server binds to.
    pub listen: SocketAddr,
    /// Public address of the site, as readers reach it (used in links, feeds, sitemaps).
    pub base_url: Option<String>,
    /// Templates and static files that override the built-in theme.
    pub theme_dir: Option<PathBuf>,
    /// Size of the database connection pool.
    pub max_connections: u32,
    /// SQLite only: `full` (a commit is on disk before it is acknowledged)
    /// or `normal` (faster commits; a power cut can lose the last ones).
    pub sqlite_synchronous: SqliteSynchronous,
    /// `pretty` for people, `json` for log collectors.
    pub log_format: LogFormat,
    /// Memory for rendered reader pages, in MiB (0 turns the cache off).
    pub page_cache_mb: u64,
    /// `PURGE` endpoint of a CDN or Varnish in front of the site.
    pub cdn_purge_url: Option<String>,
    /// Seconds browsers may keep a reader page (`max-age`).
    pub cache_max_age: u32,
    /// Seconds CDNs may keep a reader page (`s-maxage`); they are purged on change.
    pub cache_s_maxage: u32,
    /// Seconds a stale page may be served while it is refetched.
    pub cache_stale_while_revalidate: u32,
    /// Where media files live: `local` (`<data_dir>/media`) or
    /// `s3://bucket[/prefix]?endpoint=…&region=…&allow_http=true`.
    pub media_store: String,
    /// Largest media upload, in MiB.
    pub max_upload_mb: u64,
    /// SMTP server for mail to readers: `smtp://host:port`,
    /// `smtp://host:587?tls=required` or `smtps://user:pass@host`. Without
    /// it, mail is written as `.eml` files under `<data_dir>/mail/`.
    pub smtp_url: Option<String>,
    /// Sender of mail to readers, `Name <address>`; default
    /// `Dateline <no-reply@{base_url host}>`.
    pub mail_from: Option<String>,
    /// Seconds from a connection being ready for a request (accepted, or
    /// the previous answer sent) to the request's last header.
    pub header_read_timeout_secs: u64,
    /// Seconds a connection with no request in flight may stay silent.
    pub keep_alive_timeout_secs: u64,
    /// Seconds from a request's headers to the end of its body.
    pub body_read_timeout_secs: u64,
    /// Open client connections in all (live streams and chat sockets
    /// included); lowered at start-up to fit the open-file limit.
    pub max_client_connections: usize,
    /// Open client connections per address (IPv4 address or IPv6 /64).
    /// Connections from `trusted_proxies` are exempt.
    pub max_client_connections_per_address: usize,
    /// Chat sockets per signed-in reader (per address for anonymous
    /// readers) on this node.
    pub max_chat_sockets_per_reader: usize,
    /// A secret that lets a Prometheus server from anywhere read `/metrics`
    /// (`Authorization: Bearer <token>`); without it only loopback clients
    /// may. At least 16 characters.
    pub metrics_token: Option<String>,
    /// An address of its own for `/metrics` (`127.0.0.1:9464`): served
    /// there to whoever reaches it, and no longer on `listen`.
    pub metrics_listen: Option<SocketAddr>,
    /// Seconds `serve` has after SIGTERM (or Ctrl-C) to finish requests in
    /// flight and background jobs; what is still running then is
    /// abandoned. Below the 30 s after which systemd and Kubernetes kill.
    pub shutdown_timeout_secs: u64,
    /// Proxies and CDNs in front of the site (addresses and CIDR networks,
    /// e.g. `["127.0.0.1", "10.0.0.0/8", "::1"]`; in the environment
    /// `DATELINE_TRUSTED_PROXIES="127.0.0.1,10.0.0.0/8"`): from them the
    /// client's address is read from `Forwarded` / `X-Forwarded-For`, and
    /// they are exempt from the per-address connection cap. None by default.
    pub trusted_proxies: dateline_web::server::TrustedProxies,
    /// OTLP/HTTP collector to send traces to (`http://127.0.0.1:4318`;
    /// `/v1/traces` is added). None: no traces are sent.
    pub otlp_endpoint: Option<String>,
    /// `service.name` of the traces sent to `otlp_endpoint`.
    pub otlp_service_name: String,
}

/// The keys of [`Config`], as the file and the environment name them.
const KEYS: [&str; 29] = [
    "database_url",
    "data_dir",
    "listen",
    "base_url",
    "theme_dir",
    "max_connections",
    "sqlite_synchronous",
    "log_format",
    "page_cache_mb",
    "cdn_purge_url",
    "cache_max_age",
    "cache_s_maxage",
    "cache_stale_while_revalidate",
    "media_store",
    "max_upload_mb",
    "smtp_url",
    "mail_from",
    "header_read_timeout_secs",
    "keep_alive_timeout_secs",
    "body_read_timeout_secs",
    "max_client_connections",
    "max_client_connections_per_address",
    "max_chat_sockets_per_reader",
    "metrics_token",
    "metrics_listen",
    "shutdown_timeout_secs",
    "trusted_proxies",
    "otlp_endpoint",
    "otlp_service_name",
];

/// SQLite's `PRAGMA synchronous`, as the configuration names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SqliteSynchronous {
    #[default]
    Full,
    Normal,
}

impl From<SqliteSynchronous> for dateline_store::SqliteSync {
    fn from(value: SqliteSynchronous) -> Self {
        match value {
            SqliteSynchronous::Full => Self::Full,
            SqliteSynchronous::Normal => Self::Normal,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database_url: None,
            data_dir: PathBuf::from("dateline-data"),
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            base_url: None,
            theme_dir: None,
            max_connections: 16,
            sqlite_synchronous: SqliteSynchronous::Full,
            log_format: LogFormat::Pretty,
            page_cache_mb: 256,
            cdn_purge_url: None,
            cache_max_age: 60,
            cache_s_maxage: 600,
            cache_stale_while_revalidate: 30,
            media_store: "local".into(),
            max_upload_mb: 40,
            smtp_url: None,
            mail_from: None,
            header_read_timeout_secs: 20,
            keep_alive_timeout_secs: 10,
            body_read_timeout_secs: 300,
            max_client_connections: 4096,
            max_client_connections_per_address: 128,
            max_chat_sockets_per_reader: dateline_web::chats::MAX_SOCKETS_PER_READER,
            metrics_token: None,
            metrics_listen: None,
            shutdown_timeout_secs: 25,
            trusted_proxies: dateline_web::server::TrustedProxies::default(),
            otlp_endpoint: None,
            otlp_service_name: "dateline".into(),
        }
    }
}

/// The settings the command line gives (`--data-dir`, `--database-url`,
/// `--listen`): they win over the environment and the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listen: Option<SocketAddr>,
}

/// A configuration problem, phrased as one line naming the key.
#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(String);

impl Config {
    /// Loads defaults ← `file` (when given, it must exist) ← environment
    /// ← command-line `overrides`.
    pub fn load(file: Option<&Path>, overrides: &Overrides) -> Result<Self, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(path) = file {
            if !path.is_file() {
                return Err(ConfigError(format!(
                    "config file {} does not exist",
                    path.display()
                )));
            }
            figment = figment.merge(Toml::file_exact(path));
        }
        // Only the settings' own variables: other DATELINE_* variables belong
        // to tests and tools, and the file already refuses unknown keys.
        figment = figment.merge(Env::prefixed("DATELINE_").only(&KEYS));
        figment = figment.merge(Serialized::defaults(overrides));
        let config: Config = figment.extract().map_err(|e| ConfigError(one_line(&e)))?;
        config.validate()
    }

    fn validate(mut self) -> Result<Self, ConfigError> {
        if let Some(url) = &self.database_url {
            if dateline_store::Backend::from_url(url).is_none() {
                return Err(ConfigError(
                    "database_url (DATELINE_DATABASE_URL) must start with sqlite: or postgres://"
                        .into(),
                ));
            }
        }
        if let Some(base) = &self.base_url {
            let trimmed = base.trim_end_matches('/');
            let scheme_ok = trimmed.starts_with("http://") || trimmed.starts_with("https://");
            let host = trimmed
                .split_once("://")
                .map(|(_, h)| h)
                .unwrap_or_default();
            if !scheme_ok || host.is_empty() || host.contains(char::is_whitespace) {
                return Err(ConfigError(format!(
                    "base_url (DATELINE_BASE_URL) must be an http(s) URL such as https://news.example, not {base:?}"
                )));
            }
            self.base_url = Some(trimmed.to_owned());
        }
        if !(1..=512).contains(&self.max_connections) {
            return Err(ConfigError(
                "max_connections (DATELINE_MAX_CONNECTIONS) must be 1 to 512".into(),
            ));
        }
        self.validate_cache()?;
        self.validate_media()?;
        self.validate_mail()?;
        self.validate_connections()?;
        self.validate_metrics()?;
        self.validate_otlp()?;
        if self.data_dir.as_os_str().is_empty() {
            return Err(ConfigError(
                "data_dir (DATELINE_DATA_DIR) must not be empty".into(),
            ));
        }
        Ok(self)
    }

    fn validate_otlp(&mut self) -> Result<(), ConfigError> {
        if let Some(endpoint) = &self.otlp_endpoint {
            let trimmed = endpoint.trim_end_matches('/');
            let host = trimmed
                .strip_prefix("http://")
                .or_else(|| trimmed.strip_prefix("https://"));
            if host.is_none_or(|h| h.is_empty() || h.contains(char::is_whitespace)) {
                return Err(ConfigError(format!(
                    "otlp_endpoint (DATELINE_OTLP_ENDPOINT) must be an http(s) URL such as http://127.0.0.1:4318, not {endpoint:?}"
                )));
            }
            self.otlp_endpoint = Some(trimmed.to_owned());
        }
        if self.otlp_service_name.trim().is_empty() {
            return Err(ConfigError(
                "otlp_service_name (DATELINE_OTLP_SERVICE_NAME) must not be empty".into(),
            ));
        }
        Ok(())
    }

    fn validate_media(&self) -> Result<(), ConfigError> {
        if let Err(e) = self.media_store.parse::<dateline_media::MediaStoreConfig>() {
            return Err(ConfigError(format!(
                "media_store (DATELINE_MEDIA_STORE): {}",
                e.to_string()
                    .trim_start_matches("media store configuration: ")
            )));
        }
        if !(1..=1024).contains(&self.max_upload_mb) {
            return Err(ConfigError(
                "max_upload_mb (DATELINE_MAX_UPLOAD_MB) must be 1 to 1024".into(),
            ));
        }
        Ok(())
    }

    fn validate_mail(&self) -> Result<(), ConfigError> {
        if let Some(url) = &self.smtp_url {
            let ok = (url.starts_with("smtp://") || url.starts_with("smtps://"))
                && !url.contains(char::is_whitespace);
            if !ok {
                return Err(ConfigError(format!(
                    "smtp_url (DATELINE_SMTP_URL) must be an smtp:// or smtps:// URL such as smtp://127.0.0.1:2525, not {url:?}"
                )));
            }
        }
        if let Some(from) = &self.mail_from {
            if !from.contains('@') {
                return Err(ConfigError(format!(
                    "mail_from (DATELINE_MAIL_FROM) must be an address such as \"News <news@example.org>\", not {from:?}"
                )));
            }
        }
        Ok(())
    }

    fn validate_connections(&self) -> Result<(), ConfigError> {
        let in_range = |key: &str, value: u64, max: u64| {
            if (1..=max).contains(&value) {
                Ok(())
            } else {
                Err(ConfigError(format!(
                    "{key} (DATELINE_{}) must be 1 to {max}",
                    key.to_uppercase()
                )))
            }
        };
        in_range(
            "header_read_timeout_secs",
            self.header_read_timeout_secs,
            3600,
        )?;
        in_range(
            "keep_alive_timeout_secs",
            self.keep_alive_timeout_secs,
            3600,
        )?;
        in_range(
            "body_read_timeout_secs",
            self.body_read_timeout_secs,
            86_400,
        )?;
        in_range(
            "max_client_connections",
            self.max_client_connections as u64,
            1_000_000,
        )?;
        in_range(
            "max_client_connections_per_address",
            self.max_client_connections_per_address as u64,
            self.max_client_connections as u64,
        )?;
        in_range(
            "max_chat_sockets_per_reader",
            self.max_chat_sockets_per_reader as u64,
            1000,
        )?;
        in_range("shutdown_timeout_secs", self.shutdown_timeout_secs, 3600)?;
        Ok(())
    }

    fn validate_metrics(&self) -> Result<(), ConfigError> {
        if let Some(token) = &self.metrics_token {
            if token.chars().count() < 16 || !token.chars().all(|c| c.is_ascii_graphic()) {
                return Err(ConfigError(
                    "metrics_token (DATELINE_METRICS_TOKEN) must be at least 16 printable characters without spaces"
                        .into(),
                ));
            }
        }
        if self.metrics_listen == Some(self.listen) {
            return Err(ConfigError(format!(
                "metrics_listen (DATELINE_METRICS_LISTEN) must differ from listen ({})",
                self.listen
            )));
        }
        Ok(())
    }

    /// Who may read `/metrics` on the main address.
    pub fn metrics_access(&self) -> dateline_web::metrics::MetricsAccess {
        dateline_web::metrics::MetricsAccess {
            token: self.metrics_token.clone(),
            elsewhere: self.metrics_listen.is_some(),
        }
    }

    /// The server's connection limits.
    pub fn server_limits(&self) -> dateline_web::server::ServerLimits {
        use std::time::Duration;
        dateline_web::server::ServerLimits {
            header_read_timeout: Duration::from_secs(self.header_read_timeout_secs),
            keep_alive_timeout: Duration::from_secs(self.keep_alive_timeout_secs),
            body_read_timeout: Duration::from_secs(self.body_read_timeout_secs),
            max_connections: self.max_client_connections,
            max_connections_per_address: self.max_client_connections_per_address,
            trusted_proxies: self.trusted_proxies.clone(),
        }
    }

    /// Where mail to readers goes.
    pub fn mail_config(&self) -> dateline_web::mail::MailConfig {
        dateline_web::mail::MailConfig {
            smtp_url: self.smtp_url.clone(),
            from: self.mail_from.clone(),
        }
    }

    /// The media store in effect (validated at load).
    pub fn media_store(&self) -> dateline_media::MediaStoreConfig {
        self.media_store
            .parse()
            .unwrap_or(dateline_media::MediaStoreConfig::Local)
    }

    fn validate_cache(&self) -> Result<(), ConfigError> {
        if self.page_cache_mb > 65_536 {
            return Err(ConfigError(
                "page_cache_mb (DATELINE_PAGE_CACHE_MB) must be 0 to 65536".into(),
            ));
        }
        if let Some(url) = &self.cdn_purge_url {
            let host = url
                .strip_prefix("http://")
                .or_else(|| url.strip_prefix("https://"))
                .unwrap_or_default();
            if host.is_empty() || url.contains(char::is_whitespace) {
                return Err(ConfigError(format!(
                    "cdn_purge_url (DATELINE_CDN_PURGE_URL) must be an http(s) URL such as http://127.0.0.1:6081/, not {url:?}"
                )));
            }
        }
        if self.cache_max_age > self.cache_s_maxage {
            return Err(ConfigError(
                "cache_max_age (DATELINE_CACHE_MAX_AGE) must not exceed cache_s_maxage: browsers cannot be purged"
                    .into(),
            ));
        }
        Ok(())
    }

    /// The web layer's caching settings.
    pub fn cache_config(&self) -> dateline_web::CacheConfig {
        dateline_web::CacheConfig {
            page_cache_mb: self.page_cache_mb,
            cdn_purge_url: self.cdn_purge_url.clone(),
            max_age: self.cache_max_age,
            s_maxage: self.cache_s_maxage,
            stale_while_revalidate: self.cache_stale_while_revalidate,
        }
    }

    /// The database URL in effect: the configured one, or an SQLite file in the data directory.
    pub fn effective_database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite:{}", self.data_dir.join("dateline.db").display()))
    }

    /// The public base URL in effect, without a trailing slash.
    pub fn effective_base_url(&self) -> String {
        self.base_url.clone().unwrap_or_else(|| {
            let host = if self.listen.ip().is_unspecified() {
                "127.0.0.1".to_owned()
            } else {
                self.listen.ip().to_string()
            };
            format!("http://{host}:{}", self.listen.port())
        })
    }
}

/// figment's messages can span lines and name env keys in upper case; a CLI
/// error is one line naming the key as the user typed it.
fn one_line(err: &figment::Error) -> String {
    err.clone()
        .into_iter()
        .map(|e| {
            let key = e.path.join(".").to_lowercase();
            let problem = e.kind.to_string().replace('\n', " ");
            let origin = e.metadata.as_ref().map(|m| match &m.source {
                Some(figment::Source::File(path)) => format!("in {}", path.display()),
                _ if m.name.contains("environment") => {
                    format!("in DATELINE_{}", key.to_uppercase().replace('.', "_"))
                }
                _ => String::new(),
            });
            match (key.is_empty(), origin) {
                (true, Some(origin)) => format!("{problem} ({origin})"),
                (true, None) => problem,
                (false, Some(origin)) => format!("{key} ({origin}): {problem}"),
                (false, None) => format!("{key}: {problem}"),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
// figment's Jail closures return its own (large) error type.
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;

    // Environment variables are process-wide, so these tests use figment's
    // jail, which serialises them and restores the environment.
    #[test]
    fn env_overrides_file_and_defaults() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "d.toml",
                "listen = \"127.0.0.1:9000\"\nbase_url = \"https://news.example/\"",
            )?;
            jail.set_env("DATELINE_DATA_DIR", "/srv/dateline");
            jail.set_env(
                "DATELINE_TEST_POSTGRES_URL",
                "postgres://other-tools-variable",
            );
            let c = Config::load(Some(Path::new("d.toml")), &Overrides::default())
                .map_err(|e| e.to_string())?;
            assert_eq!(c.listen.port(), 9000);
            assert_eq!(c.data_dir, PathBuf::from("/srv/dateline"));
            assert_eq!(c.effective_base_url(), "https://news.example");
            assert_eq!(
                c.effective_database_url(),
                "sqlite:/srv/dateline/dateline.db"
            );
            Ok(())
        });
    }

    #[test]
    fn sqlite_synchronous_defaults_to_full_and_takes_normal() {
        figment::Jail::expect_with(|jail| {
            let c = Config::load(None, &Overrides::default()).map_err(|e| e.to_string())?;
            assert_eq!(c.sqlite_synchronous, SqliteSynchronous::Full);
            jail.set_env("DATELINE_SQLITE_SYNCHRONOUS", "normal");
            let c = Config::load(None, &Overrides::default()).map_err(|e| e.to_string())?;
            assert_eq!(c.sqlite_synchronous, SqliteSynchronous::Normal);
            jail.set_env("DATELINE_SQLITE_SYNCHRONOUS", "off");
            let err = Config::load(None, &Overrides::default()).unwrap_err();
            assert!(err.to_string().contains("sqlite_synchronous"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn command_line_options_override_environment_and_file() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "d.toml",
                "listen = \"127.0.0.1:9000\"\ndata_dir = \"/from/file\"",
            )?;
            jail.set_env("DATELINE_DATA_DIR", "/from/env");
            jail.set_env("DATELINE_LISTEN", "127.0.0.1:9001");
            let overrides = Overrides {
                data_dir: Some("/from/cli".into()),
                database_url: Some("sqlite:/elsewhere/x.db".into()),
                listen: Some(SocketAddr::from(([127, 0, 0, 1], 9002))),
            };
            let c =
                Config::load(Some(Path::new("d.toml")), &overrides).map_err(|e| e.to_string())?;
            assert_eq!(c.data_dir, PathBuf::from("/from/cli"));
            assert_eq!(c.listen.port(), 9002);
            assert_eq!(c.effective_database_url(), "sqlite:/elsewhere/x.db");
            // Options not given leave the environment's values.
            let c = Config::load(Some(Path::new("d.toml")), &Overrides::default())
                .map_err(|e| e.to_string())?;
            assert_eq!(
                (c.data_dir, c.listen.port()),
                (PathBuf::from("/from/env"), 9001)
            );
            let bad = Overrides {
                database_url: Some("mysql://x".into()),
                ..Overrides::default()
            };
            let err = Config::load(None, &bad).unwrap_err().to_string();
            assert!(err.contains("database_url"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn bad_values_name_the_key() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("DATELINE_LISTEN", "not-an-address");
            let err = Config::load(None, &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(err.contains("listen"), "{err}");
            assert!(!err.contains('\n'));
            jail.set_env("DATELINE_LISTEN", "127.0.0.1:1");
            jail.set_env("DATELINE_DATABASE_URL", "mysql://x");
            let err = Config::load(None, &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(err.contains("DATELINE_DATABASE_URL"), "{err}");
            jail.set_env("DATELINE_DATABASE_URL", "sqlite:x.db");
            jail.set_env("DATELINE_BASE_URL", "ftp://x");
            let err = Config::load(None, &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(err.contains("base_url"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn media_store_and_upload_limit_are_checked() {
        figment::Jail::expect_with(|jail| {
            let c = Config::load(None, &Overrides::default()).map_err(|e| e.to_string())?;
            assert_eq!(c.media_store(), dateline_media::MediaStoreConfig::Local);
            assert_eq!(c.max_upload_mb, 40);
            jail.set_env(
                "DATELINE_MEDIA_STORE",
                "s3://media?endpoint=http://127.0.0.1:9000&allow_http=true",
            );
            let c = Config::load(None, &Overrides::default()).map_err(|e| e.to_string())?;
            assert!(matches!(
                c.media_store(),
                dateline_media::MediaStoreConfig::S3(s) if s.bucket == "media" && s.allow_http
            ));
            jail.set_env("DATELINE_MEDIA_STORE", "ftp://media");
            let err = Config::load(None, &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(err.contains("DATELINE_MEDIA_STORE"), "{err}");
            jail.set_env("DATELINE_MEDIA_STORE", "local");
            jail.set_env("DATELINE_MAX_UPLOAD_MB", "0");
            let err = Config::load(None, &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(err.contains("max_upload_mb"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn mail_settings_are_read_and_checked() {
        figment::Jail::expect_with(|jail| {
            let c = Config::load(None, &Overrides::default()).map_err(|e| e.to_string())?;
            assert_eq!(c.mail_config().smtp_url, None);
            jail.set_env("DATELINE_SMTP_URL", "smtp://127.0.0.1:2525");
            jail.set_env("DATELINE_MAIL_FROM", "News <news@example.org>");
            let c = Config::load(None, &Overrides::default()).map_err(|e| e.to_string())?;
            let mail = c.mail_config();
            assert_eq!(mail.smtp_url.as_deref(), Some("smtp://127.0.0.1:2525"));
            assert_eq!(mail.from.as_deref(), Some("News <news@example.org>"));
            jail.set_env("DATELINE_SMTP_URL", "http://mail.example");
            let err = Config::load(None, &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(err.contains("smtp_url (DATELINE_SMTP_URL)"), "{err}");
            jail.set_env("DATELINE_SMTP_URL", "smtp://127.0.0.1:2525");
            jail.set_env("DATELINE_MAIL_FROM", "nobody");
            let err = Config::load(None, &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(err.contains("mail_from"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn unknown_keys_and_missing_files_are_refused() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("bad.toml", "lisen = \"127.0.0.1:1\"")?;
            let err = Config::load(Some(Path::new("bad.toml")), &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(err.contains("lisen"), "{err}");
            let err = Config::load(Some(Path::new("missing.toml")), &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(err.contains("missing.toml"), "{err}");
            jail.create_file("broken.toml", "listen = ")?;
            let err = Config::load(Some(Path::new("broken.toml")), &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(err.contains("broken.toml"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn connection_limits_are_read_and_checked() {
        figment::Jail::expect_with(|jail| {
            let limits = Config::load(None, &Overrides::default())
                .map_err(|e| e.to_string())?
                .server_limits();
            assert_eq!(limits, dateline_web::server::ServerLimits::default());
            jail.create_file(
                "d.toml",
                "header_read_timeout_secs = 5\nmax_client_connections = 50",
            )?;
            jail.set_env("DATELINE_MAX_CLIENT_CONNECTIONS_PER_ADDRESS", "7");
            jail.set_env("DATELINE_MAX_CHAT_SOCKETS_PER_READER", "3");
            let c = Config::load(Some(Path::new("d.toml")), &Overrides::default())
                .map_err(|e| e.to_string())?;
            let limits = c.server_limits();
            assert_eq!(limits.header_read_timeout.as_secs(), 5);
            assert_eq!(
                (limits.max_connections, limits.max_connections_per_address),
                (50, 7)
            );
            assert_eq!(c.max_chat_sockets_per_reader, 3);
            assert_eq!(c.shutdown_timeout_secs, 25);
            jail.set_env("DATELINE_SHUTDOWN_TIMEOUT_SECS", "5");
            let c = Config::load(None, &Overrides::default()).map_err(|e| e.to_string())?;
            assert_eq!(c.shutdown_timeout_secs, 5);
            jail.set_env("DATELINE_SHUTDOWN_TIMEOUT_SECS", "0");
            let err = Config::load(None, &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(err.contains("DATELINE_SHUTDOWN_TIMEOUT_SECS"), "{err}");
            jail.set_env("DATELINE_SHUTDOWN_TIMEOUT_SECS", "25");
            jail.set_env("DATELINE_MAX_CLIENT_CONNECTIONS_PER_ADDRESS", "51");
            let err = Config::load(Some(Path::new("d.toml")), &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(err.contains("max_client_connections_per_address"), "{err}");
            jail.set_env("DATELINE_MAX_CLIENT_CONNECTIONS_PER_ADDRESS", "7");
            jail.set_env("DATELINE_KEEP_ALIVE_TIMEOUT_SECS", "0");
            let err = Config::load(None, &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(err.contains("DATELINE_KEEP_ALIVE_TIMEOUT_SECS"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn trusted_proxies_are_read_and_checked() {
        figment::Jail::expect_with(|jail| {
            let c = Config::load(None, &Overrides::default()).map_err(|e| e.to_string())?;
            assert!(c.server_limits().trusted_proxies.is_empty());
            jail.create_file("d.toml", "trusted_proxies = [\"10.0.0.0/8\", \"::1\"]")?;
            let c = Config::load(Some(Path::new("d.toml")), &Overrides::default())
                .map_err(|e| e.to_string())?;
            let proxies = c.server_limits().trusted_proxies;
            assert!(proxies.contains("10.9.8.7".parse().unwrap()));
            assert!(proxies.contains("::1".parse().unwrap()));
            assert!(!proxies.contains("127.0.0.1".parse().unwrap()));
            jail.set_env("DATELINE_TRUSTED_PROXIES", "127.0.0.1,192.0.2.0/24");
            let c = Config::load(Some(Path::new("d.toml")), &Overrides::default())
                .map_err(|e| e.to_string())?;
            let proxies = c.server_limits().trusted_proxies;
            assert_eq!(proxies.to_string(), "127.0.0.1/32,192.0.2.0/24");
            jail.set_env("DATELINE_TRUSTED_PROXIES", "127.0.0.1,cdn.example");
            let err = Config::load(None, &Overrides::default())
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("trusted_proxies")
                    && err.contains("DATELINE_TRUSTED_PROXIES")
                    && err.contains("\"cdn.example\" is not an IP address"),
                "{err}"
            );
            Ok(())
        });
    }

    #[test]
    fn cache_settings_are_read_and_checked() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("DATELINE_PAGE_CACHE_MB", "64");
            jail.set_env("DATELINE_CDN_PURGE_URL", "http://127.0.0.1:6081/");
            let cache = Config::load(None, &Overrides::default())
                .map_err(|e| e.to_string())?
                .cache_config();
            assert_eq!(cache.page_cache_mb, 64);
            assert_eq!(
                cache.cdn_purge_url.as_deref(),
                Some("http://127.0.0.1:6081/")
            );
            assert_eq!((cache.max_age, cache.s_maxage), (60, 600));
            for (key, value) in [
                ("DATELINE_CDN_PURGE_URL", "varnish"),
                ("DATELINE_CACHE_MAX_AGE", "900"),
                ("DATELINE_CACHE_MAX_AGE", "-1"),
                ("DATELINE_PAGE_CACHE_MB", "100000"),
            ] {
                let before = std::env::var(key).ok();
                jail.set_env(key, value);
                let err = Config::load(None, &Overrides::default())
                    .unwrap_err()
                    .to_string();
                let name = key.trim_start_matches("DATELINE_").to_lowercase();
                assert!(err.contains(&name) && !err.contains('\n'), "{err}");
                match before {
                    Some(v) => jail.set_env(key, v),
                    None => std::env::remove_var(key),
                }
            }
            Ok(())
        });
    }
}
