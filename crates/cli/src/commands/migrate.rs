//! `dateline migrate`: apply pending migrations and exit.

use crate::config::Config;

pub async fn run(config: Config) -> anyhow::Result<()> {
    let store = super::open_store(&config, super::Site::MayCreate).await?;
    println!("database is up to date ({})", store.backend().name());
    store.close().await;
    Ok(())
}
