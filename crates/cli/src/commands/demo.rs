//! `dateline demo`: create a generated demo site once, then serve it.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dateline_domain::{EmailAddress, NewUser, Role};
use dateline_media::BlobSink;
use dateline_store::Store;

use crate::config::Config;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where the demo keeps its database and media (default: the configured data directory).
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Address to serve on (default: the configured one, 127.0.0.1:8080).
    #[arg(long)]
    listen: Option<SocketAddr>,
    /// Seed of the generated content: the same seed gives the same site.
    #[arg(long, default_value_t = 2024)]
    seed: u64,
}

const STAFF_EMAIL: &str = "editor@dateline.test";
const CREDENTIALS_FILE: &str = "demo-login.txt";
/// A verified reader account, to try comments and the account pages.
const READER_EMAIL: &str = "reader@dateline.test";

pub async fn run(mut config: Config, args: DemoArgs) -> anyhow::Result<()> {
    if let Some(dir) = args.data_dir {
        config.data_dir = dir;
    }
    if let Some(listen) = args.listen {
        config.listen = listen;
    }
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("cannot create data directory {}", config.data_dir.display()))?;
    let store = super::open_store(&config).await?;
    let [password, reader_password] = if store.editions().await?.is_empty() {
        let blobs = super::serve::media_blobs(&config)?;
        install(&store, blobs.as_ref(), &config.data_dir, args.seed).await?
    } else {
        read_passwords(&config.data_dir)
    };
    let url = format!("{}/", config.effective_base_url());
    let banner = format!(
        "\nDateline demo is running at {url}\n  English edition: {url}en/\n  Russian edition: {url}ru/\n  \
         Staff login:     {STAFF_EMAIL} / {password}\n  Reader login:    {READER_EMAIL} / {reader_password} ({url}account/login)\n  \
         Data directory:  {}\nPress Ctrl-C to stop.",
        config.data_dir.display()
    );
    super::serve::serve(config, store, Some(banner)).await
}

/// Fills an empty database with the demo site, a staff account and a
/// verified reader; returns their passwords.
async fn install(
    store: &Store,
    blobs: &dyn BlobSink,
    data_dir: &Path,
    seed: u64,
) -> anyhow::Result<[String; 2]> {
    println!("Generating the demo site (seed {seed}); this takes a few seconds…");
    let started = Instant::now();
    let summary = dateline_demo::install(store, blobs, seed, super::now())
        .await
        .context("cannot install the demo content")?;
    println!(
        "Created {} editions, {} sections, {} articles, {} pictures and {} authors in {:.1} s.",
        summary.editions,
        summary.sections,
        summary.articles,
        summary.media_assets,
        summary.authors,
        started.elapsed().as_secs_f64()
    );
    let password = super::user::generate_password();
    let email: EmailAddress = STAFF_EMAIL.parse()?;
    let user = NewUser {
        email,
        display_name: "Demo Editor".into(),
        role: Role::Editor,
        password_hash: Some(super::user::hash_password(&password)?),
    };
    // An editor of every edition, so that the printed login can do everything
    // an editor does.
    let editions: Vec<i64> = store.editions().await?.iter().map(|e| e.id).collect();
    let audit = dateline_store::NewAudit::new("user.create", "user", None, super::now());
    store
        .create_account(&user, &editions, &audit)
        .await
        .context("cannot create the demo staff account")?;
    let reader_password = super::user::generate_password();
    store
        .create_reader(&dateline_store::NewReader {
            email: READER_EMAIL.parse()?,
            display_name: "Demo Reader".into(),
            password_hash: Some(super::user::hash_password(&reader_password)?),
            language: "en".into(),
            created_at: super::now(),
            verified_at: Some(super::now()),
        })
        .await
        .context("cannot create the demo reader account")?;
    let path = data_dir.join(CREDENTIALS_FILE);
    std::fs::write(
        &path,
        format!("{STAFF_EMAIL}\n{password}\n{READER_EMAIL}\n{reader_password}\n"),
    )
    .with_context(|| format!("cannot write {}", path.display()))?;
    restrict_permissions(&path);
    Ok([password, reader_password])
}

/// The staff and reader passwords saved at installation (the database
/// only has their hashes).
fn read_passwords(data_dir: &Path) -> [String; 2] {
    let text = std::fs::read_to_string(data_dir.join(CREDENTIALS_FILE)).unwrap_or_default();
    let line = |n: usize| {
        text.lines().nth(n).map(str::to_owned).unwrap_or_else(|| {
            format!("(see {CREDENTIALS_FILE}, or create one with `dateline user add`)")
        })
    };
    [line(1), line(3)]
}

#[cfg(unix)]
fn restrict_permissions(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn restrict_permissions(_path: &Path) {}
