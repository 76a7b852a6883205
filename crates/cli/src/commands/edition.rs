//! `dateline edition add|list|set|retire|restore`: editions from the
//! command line, through the same use cases as the newsroom and the Admin
//! API (`dateline_web::editions`), so validation and audit are the same;
//! the audit entries have no actor, as the CLI's other writes.
//!
//! A running server sees the change without a restart: on PostgreSQL at
//! once (the purge of `site` crosses processes through the store's event
//! channel); on SQLite, where events stay in the writing process, within
//! seconds (the page cache compares `Store::editions_stamp` every 5 s and
//! drops what it holds when another process changed an edition).

use anyhow::Context;
use clap::Subcommand;
use dateline_domain::{NewSection, Slug};
use dateline_store::{NewAudit, Store};
use dateline_web::editions::{
    add_edition, change_edition, edition_in, retire_action, set_retired, EditionChange,
    EditionInput, DEFAULT_DATE_FORMAT,
};
use dateline_web::ApiError;

use crate::config::Config;

#[derive(Debug, Subcommand)]
pub enum EditionCommand {
    /// Create an edition (and its sections), placed after the others.
    Add {
        /// The edition's code, first in every address of the edition (`de`).
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// BCP 47 language tag (`de`, `ar`, `pt-BR`).
        #[arg(long)]
        language: String,
        /// ltr or rtl (default: the way the language is written).
        #[arg(long)]
        direction: Option<String>,
        /// IANA time zone of the edition's dates.
        #[arg(long, default_value = "UTC")]
        time_zone: String,
        /// strftime-style date format, one of those the newsroom offers.
        #[arg(long, default_value = DEFAULT_DATE_FORMAT)]
        date_format: String,
        /// latin or native digits.
        #[arg(long)]
        numbers: Option<String>,
        /// Sections as slug:Title, comma-separated (world:World,sport:Sport).
        #[arg(long, value_delimiter = ',')]
        sections: Vec<String>,
    },
    /// List the editions, retired ones marked.
    List,
    /// Change an edition; options left out stay as they are.
    Set {
        code: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        language: Option<String>,
        #[arg(long)]
        direction: Option<String>,
        #[arg(long)]
        time_zone: Option<String>,
        #[arg(long)]
        date_format: Option<String>,
        /// latin or native digits.
        #[arg(long)]
        numbers: Option<String>,
        /// pre or post moderation of comments, or `site` for the site's.
        #[arg(long)]
        comment_mode: Option<String>,
        /// Hours new accounts' comments are held, or `site` for the site's.
        #[arg(long)]
        hold_hours: Option<String>,
    },
    /// Retire an edition: it leaves the switcher, `/` and the sitemap
    /// index; its pages stay readable and take no new publication.
    Retire { code: String },
    /// Bring a retired edition back.
    Restore { code: String },
}

/// A section as `slug:Title` on the command line.
fn parse_section(spec: &str) -> anyhow::Result<(Slug, String)> {
    let (slug, title) = spec
        .split_once(':')
        .with_context(|| format!("sections: {spec:?} is not slug:Title"))?;
    let slug: Slug = slug.trim().parse()?;
    Ok((slug, title.trim().to_owned()))
}

/// An error of the shared use cases, as the command prints it.
fn plain(err: ApiError) -> anyhow::Error {
    match err.field {
        Some(field) if !err.message.starts_with(field) => {
            anyhow::anyhow!("{field}: {} ({})", err.message, err.code)
        }
        _ => anyhow::anyhow!("{} ({})", err.message, err.code),
    }
}

fn audit(action: &str, item_id: Option<i64>) -> NewAudit {
    NewAudit::new(action, "edition", item_id, super::now())
}

pub async fn run(config: Config, command: EditionCommand) -> anyhow::Result<()> {
    let store = super::open_store(&config, super::Site::MustExist).await?;
    let result = execute(&store, command).await;
    store.close().await;
    result
}

/// Runs `command` on `store`, printing what it did.
pub async fn execute(store: &Store, command: EditionCommand) -> anyhow::Result<()> {
    match command {
        EditionCommand::Add {
            code,
            name,
            language,
            direction,
            time_zone,
            date_format,
            numbers,
            sections,
        } => {
            // Every typed value is checked before anything is written.
            let sections = sections
                .iter()
                .filter(|s| !s.trim().is_empty())
                .map(|s| parse_section(s))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let input = EditionInput {
                code,
                name,
                language,
                time_zone,
                date_format: Some(date_format),
                logo_media_id: None,
                direction,
                number_system: numbers,
            };
            input.parse().map_err(plain)?;
            let edition = add_edition(store, &input, audit("edition.create", None))
                .await
                .map_err(plain)?;
            println!("created edition {} ({})", edition.code, edition.name);
            for (position, (slug, title)) in sections.into_iter().enumerate() {
                let new = NewSection {
                    edition_id: edition.id,
                    slug,
                    title,
                    description: String::new(),
                    position: i32::try_from(position).unwrap_or(i32::MAX),
                };
                let audit = NewAudit::new("section.create", "section", None, super::now());
                let section = store
                    .create_section_audited(&new, &audit)
                    .await
                    .map_err(|e| plain(e.into()))?;
                println!("created section {}/{}", edition.code, section.slug);
            }
        }
        EditionCommand::List => {
            for e in store.editions().await? {
                let state = if e.is_active() { "" } else { "  (retired)" };
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}{state}",
                    e.code,
                    e.name,
                    e.language,
                    e.direction.as_str(),
                    e.number_system.as_str(),
                    e.time_zone,
                );
            }
        }
        EditionCommand::Set {
            code,
            name,
            language,
            direction,
            time_zone,
            date_format,
            numbers,
            comment_mode,
            hold_hours,
        } => {
            let edition = edition_in(store, &code).await.map_err(plain)?;
            let hold_hours = match hold_hours.as_deref().map(str::trim) {
                None => None,
                Some("site") => Some(None),
                Some(hours) => Some(Some(hours.parse::<i64>().with_context(|| {
                    format!("hold-hours: {hours:?} is neither a number of hours nor \"site\"")
                })?)),
            };
            let change = EditionChange {
                name: name.as_deref(),
                time_zone: time_zone.as_deref(),
                date_format: date_format.as_deref(),
                logo_media_id: None,
                language: language.as_deref(),
                direction: direction.as_deref(),
                number_system: numbers.as_deref(),
                comment_mode: comment_mode
                    .as_deref()
                    .map(|m| Some(m).filter(|m| *m != "site")),
                new_account_hold_hours: hold_hours,
            };
            let update = change.parse(&edition).map_err(plain)?;
            let changed = change_edition(
                store,
                &edition,
                &update,
                audit("edition.update", Some(edition.id)),
            )
            .await
            .map_err(plain)?;
            println!("changed edition {} ({})", changed.code, changed.name);
        }
        EditionCommand::Retire { code } => retire(store, &code, true).await?,
        EditionCommand::Restore { code } => retire(store, &code, false).await?,
    }
    Ok(())
}

async fn retire(store: &Store, code: &str, retired: bool) -> anyhow::Result<()> {
    let edition = edition_in(store, code).await.map_err(plain)?;
    let audit = audit(retire_action(retired), Some(edition.id));
    let changed = set_retired(store, &edition, retired, audit)
        .await
        .map_err(plain)?;
    let what = if retired { "retired" } else { "restored" };
    println!("{what} edition {} ({})", changed.code, changed.name);
    Ok(())
}
