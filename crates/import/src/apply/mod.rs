//! Writing an export into the store: the people and terms first, then each
//! post as one story (`Store::import_story`, one transaction for a new
//! one), in file order, streamed from a reader thread.
//!
//! A run is idempotent: every record is looked up by the source's own id
//! (`import_items`) and written only when new or changed, so a second run
//! changes nothing, a run on an updated export brings only the changes,
//! and a run stopped anywhere is finished by running it again.

mod people;
mod pictures;
mod report;
mod story;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono_tz::Tz;
use dateline_domain::{EditionCode, Slug};
use dateline_media::MediaService;
use dateline_store::Store;
use tokio::sync::{mpsc, watch};

use crate::error::{ImportError, Result};
use crate::model::{Catalog, Post};
pub use report::{Note, Report, Tally};

/// The export formats Dateline reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    WordPress,
    Ghost,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::WordPress => "wordpress",
            Self::Ghost => "ghost",
        }
    }
}

/// What an import is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub format: Format,
    pub file: PathBuf,
    /// The edition stories go to.
    pub edition: EditionCode,
    /// Categories (by their slug in the source) that become sections,
    /// created when the edition lacks them; other categories become tags.
    pub section_categories: Vec<String>,
    /// Where a story none of whose categories is a section goes (the
    /// edition's first section when not given).
    pub default_section: Option<Slug>,
    /// The folder holding the old site's uploads (`wp-content/uploads`,
    /// Ghost's `content/images`).
    pub uploads: Option<PathBuf>,
    /// Fetch pictures the uploads folder lacks from their URLs.
    pub fetch: bool,
    /// Report what would happen, writing nothing.
    pub dry_run: bool,
    /// The old site's time zone, for times an export gives without one
    /// (the edition's when not given).
    pub time_zone: Option<Tz>,
    /// The old site's address, when the export does not give it (Ghost's
    /// do not): pictures named by a path on it are fetched from it, and
    /// its links are recognised as old addresses.
    pub site_url: Option<url::Url>,
}

/// Told how far the import is; the CLI draws a bar, the newsroom stores it.
pub trait Progress: Send + Sync {
    /// `total` posts are to be read.
    fn start(&self, total: u64);
    /// One more post done; `what` is its title.
    fn advance(&self, what: &str);
    fn finish(&self, report: &Report);
}

/// A progress that shows nothing.
#[derive(Debug, Default)]
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: u64) {}
    fn advance(&self, _: &str) {}
    fn finish(&self, _: &Report) {}
}

/// What the reader thread hands over.
type PostResult = Result<Post>;

/// Runs an import; see the module's documentation. `media` stores the
/// pictures; `stop` turning true ends the run after the current story (the
/// report then says it was interrupted). A malformed file is refused
/// before anything is written.
pub async fn run(
    store: &Store,
    media: Arc<MediaService>,
    options: &Options,
    progress: &dyn Progress,
    mut stop: watch::Receiver<bool>,
) -> Result<Report> {
    let edition = store
        .edition_by_code(&options.edition)
        .await?
        .ok_or_else(|| {
            ImportError::Options(format!("no edition {:?}", options.edition.as_str()))
        })?;
    let zone = options.time_zone.unwrap_or_else(|| edition.time_zone.tz());
    let (mut catalog, mut posts) = open(options.format, &options.file, zone).await?;
    let mut report = Report {
        file: options.file.display().to_string(),
        format: format!(
            "{} {}",
            options.format.as_str(),
            catalog.site.format_version
        ),
        dry_run: options.dry_run,
        ..Report::default()
    };
    for (kind, n) in &catalog.ignored {
        report.note(
            format!("{n} item(s) of kind {kind:?}"),
            "not content Dateline imports",
        );
    }
    // Named before `site_url` fills in an address the export lacks, so that
    // runs with and without it are one source.
    let source = source_name(options.format, &catalog);
    if catalog.site.base_url.trim().is_empty() {
        if let Some(url) = &options.site_url {
            catalog.site.base_url = url.to_string();
        }
    }
    let now = now();
    let mut ctx = story::Context::new(
        store,
        (!options.dry_run).then_some(media),
        options,
        &edition,
        &catalog,
        &source,
        &mut report,
        now,
    )
    .await?;
    progress.start(catalog.posts);
    // Whether anyone can still ask to stop (a dropped sender never will).
    let mut stoppable = true;
    let mut statistics = Statistics::default();
    loop {
        if *stop.borrow() {
            ctx.report.interrupted = true;
            break;
        }
        let next = tokio::select! {
            next = posts.recv() => next,
            changed = stop.changed(), if stoppable => {
                stoppable = changed.is_ok();
                continue;
            }
        };
        let Some(post) = next else { break };
        let post = post?;
        ctx.import(&post).await?;
        progress.advance(&post.title);
        if !options.dry_run && statistics.due(ctx.report.stories_written()) {
            store.refresh_planner_statistics().await?;
        }
    }
    if !options.dry_run && ctx.report.stories_written() > 0 {
        store.refresh_planner_statistics().await?;
    }
    let report = ctx.finish();
    progress.finish(&report);
    Ok(report)
}

/// When to refresh the planner's statistics during a run. The tables an
/// import fills grow by orders of magnitude, and PostgreSQL keeps planning
/// (its foreign-key checks included, whose plans each connection caches)
/// for the sizes it saw when the run began: measured on 1,500 posts with
/// 7,500 comments, a run took twice as long without refreshes. They come
/// once 128 stories are written, then each time that count doubles, and
/// at the end; a run that writes nothing refreshes nothing.
#[derive(Debug)]
struct Statistics {
    next: u64,
}

impl Default for Statistics {
    fn default() -> Self {
        Self { next: 128 }
    }
}

impl Statistics {
    /// Whether to refresh now, `written` stories in.
    fn due(&mut self, written: u64) -> bool {
        if written < self.next {
            return false;
        }
        while self.next <= written {
            self.next *= 2;
        }
        true
    }
}

/// The catalog, and the posts from a reader thread.
async fn open(
    format: Format,
    file: &Path,
    zone: Tz,
) -> Result<(Catalog, mpsc::Receiver<PostResult>)> {
    let path = file.to_owned();
    let (tx, rx) = mpsc::channel::<PostResult>(32);
    let catalog = tokio::task::spawn_blocking(move || -> Result<Catalog> {
        match format {
            Format::WordPress => {
                let catalog = crate::wxr::scan(&path, zone)?;
                std::thread::spawn(move || feed(&tx, crate::wxr::Posts::open(&path, zone)));
                Ok(catalog)
            }
            Format::Ghost => {
                let scanned = crate::ghost::scan(&path)?;
                let catalog = scanned.catalog.clone();
                std::thread::spawn(move || feed(&tx, crate::ghost::posts(&path, &scanned)));
                Ok(catalog)
            }
        }
    })
    .await
    .map_err(|e| ImportError::Options(format!("the reader stopped: {e}")))??;
    Ok((catalog, rx))
}

/// Sends every post of `posts` (or why it cannot be read) until the
/// receiver is gone.
fn feed<I: Iterator<Item = PostResult>>(tx: &mpsc::Sender<PostResult>, posts: Result<I>) {
    match posts {
        Ok(posts) => {
            for post in posts {
                if tx.blocking_send(post).is_err() {
                    return;
                }
            }
        }
        Err(e) => {
            let _ = tx.blocking_send(Err(e));
        }
    }
}

/// Names the exporting site, so that two sites' post 12 are two stories.
fn source_name(format: Format, catalog: &Catalog) -> String {
    let site = catalog.site.base_url.trim().trim_end_matches('/');
    let site = if site.is_empty() {
        catalog.site.title.trim()
    } else {
        site
    };
    format!("{} {site}", format.as_str())
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

#[cfg(test)]
mod statistics_tests {
    use super::Statistics;

    #[test]
    fn refreshes_come_at_128_written_stories_then_at_each_doubling() {
        let mut statistics = Statistics::default();
        let due: Vec<u64> = (0..=1100).filter(|n| statistics.due(*n)).collect();
        assert_eq!(due, vec![128, 256, 512, 1024]);
        // Stories left unchanged do not count: the same total is not due twice.
        assert!(!statistics.due(1100));
    }
}
