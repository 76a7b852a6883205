//! `dateline import wordpress FILE.xml` and `dateline import ghost FILE.json`:
//! a site's archive brought in, with a progress bar and a report. Running
//! it again changes nothing, or brings what changed in the export; an
//! interrupted run (Ctrl-C finishes the story in hand) resumes.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use dateline_domain::{EditionCode, Slug};
use dateline_import::apply::{self, Format, Options, Progress, Report};
use indicatif::{ProgressBar, ProgressStyle};

use crate::config::Config;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// What wrote the export.
    #[arg(value_enum)]
    format: FormatArg,
    /// The export: a WXR file (WordPress: Tools → Export) or a Ghost JSON
    /// export (Settings → Labs → Export your content).
    file: PathBuf,
    /// The edition the stories go to (its code, e.g. `en`).
    #[arg(long)]
    edition: String,
    /// A category (by its slug in the export) that becomes a section;
    /// repeat or separate with commas. Other categories become tags.
    #[arg(long = "section", value_delimiter = ',')]
    sections: Vec<String>,
    /// The section for stories none of whose categories is a section
    /// (default: the edition's first).
    #[arg(long)]
    default_section: Option<String>,
    /// The old site's uploads folder (`wp-content/uploads`,
    /// `content/images`): pictures are taken from it first.
    #[arg(long)]
    uploads: Option<PathBuf>,
    /// Do not download pictures the uploads folder lacks.
    #[arg(long)]
    no_fetch: bool,
    /// The old site's time zone (IANA name), for times the export gives
    /// without one (default: the edition's).
    #[arg(long)]
    time_zone: Option<String>,
    /// The old site's address, when the export lacks it (Ghost exports do):
    /// pictures named by a path on it are fetched from there.
    #[arg(long)]
    site_url: Option<String>,
    /// Show the report of what would be imported, writing nothing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Wordpress,
    Ghost,
}

struct Bar(ProgressBar);

impl Progress for Bar {
    fn start(&self, total: u64) {
        self.0.set_length(total);
    }

    fn advance(&self, what: &str) {
        self.0
            .set_message(what.chars().take(40).collect::<String>());
        self.0.inc(1);
    }

    fn finish(&self, _: &Report) {
        self.0.finish_and_clear();
    }
}

pub async fn run(config: Config, args: ImportArgs) -> anyhow::Result<()> {
    let edition: EditionCode = args
        .edition
        .parse()
        .with_context(|| format!("--edition {:?}", args.edition))?;
    let default_section = args
        .default_section
        .as_deref()
        .map(str::parse::<Slug>)
        .transpose()
        .context("--default-section")?;
    let time_zone = args
        .time_zone
        .as_deref()
        .map(|z| {
            z.parse::<chrono_tz::Tz>()
                .map_err(|_| anyhow::anyhow!("--time-zone {z:?} is not an IANA time zone name"))
        })
        .transpose()?;
    let site_url = args
        .site_url
        .as_deref()
        .map(|u| {
            url::Url::parse(u)
                .map_err(|e| anyhow::anyhow!("--site-url {u:?} is not an address: {e}"))
        })
        .transpose()?;
    let options = Options {
        format: match args.format {
            FormatArg::Wordpress => Format::WordPress,
            FormatArg::Ghost => Format::Ghost,
        },
        file: args.file,
        edition,
        section_categories: args
            .sections
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect(),
        default_section,
        uploads: args.uploads,
        fetch: !args.no_fetch,
        dry_run: args.dry_run,
        time_zone,
        site_url,
    };
    let store = super::open_store(&config, super::Site::MustExist).await?;
    let media = Arc::new(super::serve::media_service(&config, &store)?);
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{spinner} posts {bar:40} {pos}/{len} ({eta} left) {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let (stop_tx, stop) = tokio::sync::watch::channel(false);
    let ctrl_c = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!("\nstopping after the story in hand…");
            let _ = stop_tx.send(true);
        }
    });
    let result = apply::run(&store, media, &options, &Bar(bar), stop).await;
    ctrl_c.abort();
    store.close().await;
    let report = result?;
    println!("{report}");
    if report.interrupted {
        anyhow::bail!("the import was interrupted; run the same command again to finish it");
    }
    Ok(())
}
