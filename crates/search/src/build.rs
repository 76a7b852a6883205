//! Building a whole generation of the index from the database.

use std::path::Path;

use dateline_store::Store;
use tantivy::IndexWriter;

use crate::document::{self, EditionLanguages};
use crate::index::{make_current, Generation};
use crate::languages::Analysis;
use crate::Error;

/// Rows read from the database at a time.
const PAGE: u32 = 1000;
/// Heap of a rebuild's writer, shared by its threads.
const BUILD_HEAP: usize = 200_000_000;
const BUILD_THREADS: usize = 2;

/// Told how a build advances (the command line draws a bar with it).
pub trait Progress: Send + Sync {
    /// `total` documents are to be written.
    fn start(&self, total: u64);
    /// `done` more were written.
    fn advance(&self, done: u64);
}

/// A build nobody watches.
pub(crate) struct Quiet;

impl Progress for Quiet {
    fn start(&self, _total: u64) {}
    fn advance(&self, _done: u64) {}
}

/// Builds a new generation under `root` from every article and picture in
/// the database and makes it current; returns its name. The generation in
/// use keeps answering meanwhile, and a running server switches to the new
/// one on its next look at the log.
pub async fn build_generation(
    root: &Path,
    store: &Store,
    progress: &dyn Progress,
) -> Result<String, Error> {
    build_generation_at(root, store, progress).await
}

pub(crate) async fn build_generation_at(
    root: &Path,
    store: &Store,
    progress: &dyn Progress,
) -> Result<String, Error> {
    let mut made = None;
    let built = build(root, store, progress, &mut made).await;
    if let (Err(_), Some(name)) = (&built, made) {
        // Half a generation is of no use to anyone.
        let _ = std::fs::remove_dir_all(root.join(name));
    }
    built
}

async fn build(
    root: &Path,
    store: &Store,
    progress: &dyn Progress,
    made: &mut Option<String>,
) -> Result<String, Error> {
    // Changes logged from here on are applied again after the build: a
    // document written twice is the same document.
    let head = store.search_change_head().await?;
    let languages: EditionLanguages = store
        .editions()
        .await?
        .iter()
        .map(|e| (e.id, Analysis::for_language(e.language.primary())))
        .collect();
    let root_owned = root.to_owned();
    let (generation, mut writer) = tokio::task::spawn_blocking(move || {
        let generation = Generation::create(&root_owned)?;
        let writer: IndexWriter = generation
            .index
            .writer_with_num_threads(BUILD_THREADS, BUILD_HEAP)?;
        Ok::<_, Error>((generation, writer))
    })
    .await??;
    *made = Some(generation.name.clone());
    let counts = store.search_document_counts().await?;
    progress.start(counts.0 + counts.1);
    let fields = generation.fields.clone();
    let mut after = 0;
    loop {
        let rows = store.search_articles_after(after, PAGE).await?;
        let Some(last) = rows.last().map(|r| r.id) else {
            break;
        };
        after = last;
        let fields = fields.clone();
        let n = rows.len() as u64;
        writer = tokio::task::spawn_blocking(move || {
            for row in &rows {
                writer.add_document(document::article(&fields, row))?;
            }
            Ok::<_, Error>(writer)
        })
        .await??;
        progress.advance(n);
    }
    let mut after = 0;
    loop {
        let rows = store.search_pictures_after(after, PAGE).await?;
        let Some(last) = rows.last().map(|r| r.id) else {
            break;
        };
        after = last;
        let fields = fields.clone();
        let languages = languages.clone();
        let n = rows.len() as u64;
        writer = tokio::task::spawn_blocking(move || {
            for row in &rows {
                writer.add_document(document::media(&fields, row, &languages))?;
            }
            Ok::<_, Error>(writer)
        })
        .await??;
        progress.advance(n);
    }
    let root = root.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&head.to_string());
        commit.commit()?;
        writer.wait_merging_threads()?;
        make_current(&root, &generation.name)?;
        Ok(generation.name.clone())
    })
    .await?
}
