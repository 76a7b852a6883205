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
    let password = if store.editions().await?.is_empty() {
        let blobs = super::serve::media_blobs(&config)?;
        install(&store, blobs.as_ref(), &config.data_dir, args.seed).await?
    } else {
        read_password(&config.data_dir)
    };
    let url = format!("{}/", config.effective_base_url());
    let banner = format!(
        "\nDateline demo is running at {url}\n  English edition: {url}en/\n  Russian edition: {url}ru/\n  \
         Staff login:     {STAFF_EMAIL} / {password}\n  Data directory:  {}\nPress Ctrl-C to stop.",
        config.data_dir.display()
    );
    super::serve::serve(config, store, Some(banner)).await
}

/// Fills an empty database with the demo site and a staff account; returns its password.
async fn install(
    store: &Store,
    blobs: &dyn BlobSink,
    data_dir: &Path,
    seed: u64,
) -> anyhow::Result<String> {
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
    let path = data_dir.join(CREDENTIALS_FILE);
    std::fs::write(&path, format!("{STAFF_EMAIL}\n{password}\n"))
        .with_context(|| format!("cannot write {}", path.display()))?;
    restrict_permissions(&path);
    Ok(password)
}

/// The staff password saved at installation (the database only has its hash).
fn read_password(data_dir: &Path) -> String {
    std::fs::read_to_string(data_dir.join(CREDENTIALS_FILE))
        .ok()
        .and_then(|text| text.lines().nth(1).map(str::to_owned))
        .unwrap_or_else(|| {
            format!("(see {CREDENTIALS_FILE}, or create one with `dateline user add`)")
        })
}

#[cfg(unix)]
fn restrict_permissions(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn restrict_permissions(_path: &Path) {}
