//! The index a node searches: one generation at a time, swapped whole.
//!
//! `{root}/CURRENT` names the generation in use (a folder `{root}/g…`,
//! holding its schema's fingerprint in `FINGERPRINT`). Every commit carries
//! the change-log position it reached as its payload.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

use dateline_store::{SearchEntity, Store};
use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher};

use crate::document::{self, EditionLanguages};
use crate::find::{self, SearchRequest, SearchResults};
use crate::languages::Analysis;
use crate::schema::{self, Fields};
use crate::Error;

const CURRENT: &str = "CURRENT";
const FINGERPRINT: &str = "FINGERPRINT";
/// Heap of the writer that follows the change log.
const FOLLOW_HEAP: usize = 50_000_000;
/// Changes read from the log at a time.
const BATCH: u32 = 500;
/// Documents read from the database at a time.
const CHUNK: usize = 500;
/// How often a node looks at the log when nothing woke it.
const POLL: Duration = Duration::from_millis(500);

/// One generation of the index, open for searching.
pub(crate) struct Generation {
    pub name: String,
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
}

impl Generation {
    fn open(root: &Path, name: &str) -> Result<Generation, Error> {
        let dir = root.join(name);
        let (schema, fields) = schema::build();
        let written = std::fs::read_to_string(dir.join(FINGERPRINT)).unwrap_or_default();
        if written.trim() != schema::fingerprint(&schema) {
            return Err(Error::Schema);
        }
        let index = Index::open(MmapDirectory::open(&dir)?)?;
        if index.schema() != schema
            || index.settings().sort_by_field != schema::settings().sort_by_field
        {
            return Err(Error::Schema);
        }
        schema::register_tokenizers(index.tokenizers());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Generation {
            name: name.to_owned(),
            index,
            reader,
            fields,
        })
    }

    /// A new, empty generation folder under `root`.
    pub(crate) fn create(root: &Path) -> Result<Generation, Error> {
        std::fs::create_dir_all(root)?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let name = format!("g{nanos:x}");
        let dir = root.join(&name);
        std::fs::create_dir_all(&dir)?;
        let (schema, fields) = schema::build();
        std::fs::write(dir.join(FINGERPRINT), schema::fingerprint(&schema))?;
        let index = Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .create_in_dir(&dir)?;
        schema::register_tokenizers(index.tokenizers());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Generation {
            name,
            index,
            reader,
            fields,
        })
    }

    /// An index in memory, for a node whose folder cannot be written.
    pub(crate) fn in_memory() -> Generation {
        let (schema, fields) = schema::build();
        let index = Index::builder()
            .schema(schema)
            .settings(schema::settings())
            .create_in_ram()
            .unwrap_or_else(|_| unreachable!("a new in-memory index is made"));
        schema::register_tokenizers(index.tokenizers());
        // A fresh index in memory always has a reader.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .unwrap_or_else(|_| unreachable!("a new in-memory index opens"));
        Generation {
            name: String::from("memory"),
            index,
            reader,
            fields,
        }
    }

    /// The change-log position the last commit reached (0 for none).
    pub(crate) fn position(&self) -> Result<i64, Error> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .and_then(|p| p.parse().ok())
            .unwrap_or_default())
    }

    pub(crate) fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }
}

/// Makes `name` the generation in use (atomically: a rename).
pub(crate) fn make_current(root: &Path, name: &str) -> Result<(), Error> {
    let temp = root.join(format!("{CURRENT}.{name}.tmp"));
    std::fs::write(&temp, name)?;
    std::fs::rename(&temp, root.join(CURRENT))?;
    Ok(())
}

fn current_name(root: &Path) -> Option<String> {
    std::fs::read_to_string(root.join(CURRENT))
        .ok()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

fn open_or_create(root: &Path) -> Result<(Generation, bool), Error> {
    if let Some(name) = current_name(root) {
        match Generation::open(root, &name) {
            Ok(generation) => return Ok((generation, false)),
            Err(e) => {
                tracing::warn!(error = %e, generation = %name, "search index will be rebuilt");
            }
        }
    }
    Ok((Generation::create(root)?, true))
}

struct Live {
    generation: Arc<Generation>,
    writer: Option<IndexWriter>,
}

struct Inner {
    root: PathBuf,
    store: Store,
    live: RwLock<Arc<Generation>>,
    /// The writer of the live generation; only `sync` uses it.
    writer: tokio::sync::Mutex<Live>,
    /// Each edition's analysis, refreshed when the log is applied.
    editions: RwLock<EditionLanguages>,
    /// Whether the live generation was never built from the database.
    unbuilt: Mutex<bool>,
}

/// A node's search index and the task that keeps it current. Cheap to clone.
#[derive(Clone)]
pub struct Search {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Search {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Search")
            .field("root", &self.inner.root)
            .finish_non_exhaustive()
    }
}

impl Search {
    /// Opens the index under `root` (blocking: a few file reads). Without a
    /// usable one (first start, a schema from another version), searches
    /// find nothing until the first [`Search::sync`] has built it; when the
    /// folder cannot be written at all, the index lives in memory and the
    /// error is logged.
    pub fn open(root: &Path, store: Store) -> Search {
        let (generation, unbuilt) = match open_or_create(root) {
            Ok(opened) => opened,
            Err(e) => {
                tracing::error!(error = %e, folder = %root.display(), "search index folder unusable: searching from memory");
                (Generation::in_memory(), true)
            }
        };
        let generation = Arc::new(generation);
        Search {
            inner: Arc::new(Inner {
                root: root.to_owned(),
                store,
                live: RwLock::new(generation.clone()),
                writer: tokio::sync::Mutex::new(Live {
                    generation,
                    writer: None,
                }),
                editions: RwLock::new(EditionLanguages::new()),
                unbuilt: Mutex::new(unbuilt),
            }),
        }
    }

    pub(crate) fn store(&self) -> &Store {
        &self.inner.store
    }

    pub(crate) fn live(&self) -> Arc<Generation> {
        self.inner
            .live
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The analysis of an edition's language (plain for an unknown edition).
    pub fn analysis_of(&self, edition_id: i64) -> Analysis {
        self.inner
            .editions
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&edition_id)
            .copied()
            .unwrap_or(Analysis::Plain)
    }

    /// The analyses a search of `edition_id` (or of all editions) reads.
    pub(crate) fn analyses_for(&self, edition_id: Option<i64>) -> Vec<Analysis> {
        let editions = self
            .inner
            .editions
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        // An edition the map does not know yet (made since the last
        // refresh) is searched in every language.
        let mut analyses: Vec<Analysis> = match edition_id.and_then(|id| editions.get(&id)) {
            Some(analysis) => vec![*analysis],
            None if edition_id.is_none() && !editions.is_empty() => {
                editions.values().copied().collect()
            }
            None => Analysis::all().collect(),
        };
        analyses.push(Analysis::Plain);
        analyses.sort_unstable();
        analyses.dedup();
        analyses
    }

    async fn refresh_editions(&self) -> Result<(), Error> {
        let editions = self.inner.store.editions().await?;
        let map = editions
            .iter()
            .map(|e| (e.id, Analysis::for_language(e.language.primary())))
            .collect();
        *self
            .inner
            .editions
            .write()
            .unwrap_or_else(PoisonError::into_inner) = map;
        Ok(())
    }

    /// Runs one search (on a blocking thread: it is CPU work).
    pub async fn find(&self, request: SearchRequest) -> Result<SearchResults, Error> {
        let generation = self.live();
        let analyses = self.analyses_for(request.filters.edition_id);
        tokio::task::spawn_blocking(move || {
            find::run(
                &generation.searcher(),
                &generation.fields,
                &analyses,
                &request,
            )
        })
        .await?
    }

    /// The change-log position the index in use has applied.
    pub async fn position(&self) -> Result<i64, Error> {
        let generation = self.live();
        tokio::task::spawn_blocking(move || generation.position()).await?
    }

    /// Keeps the index in step with the log until the process ends: applies
    /// the log whenever the store announces a change, and every half second.
    pub fn follow(&self) -> tokio::task::JoinHandle<()> {
        let search = self.clone();
        let mut events = self.inner.store.subscribe();
        tokio::spawn(async move {
            loop {
                if let Err(e) = search.sync().await {
                    tracing::error!(error = %e, "search index could not follow the database");
                }
                tokio::select! {
                    event = events.recv() => {
                        if let Err(tokio::sync::broadcast::error::RecvError::Closed) = event {
                            return;
                        }
                    }
                    () = tokio::time::sleep(POLL) => {}
                }
            }
        })
    }

    /// Applies every change logged since the index's position: rebuilds
    /// when asked to (or when the log no longer reaches back that far),
    /// switches to a generation `dateline reindex` made, and commits the
    /// new position with the documents.
    pub async fn sync(&self) -> Result<(), Error> {
        let mut live = self.inner.writer.lock().await;
        self.adopt_current(&mut live).await?;
        let known = !self
            .inner
            .editions
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .is_empty();
        if !known {
            self.refresh_editions().await?;
        }
        let unbuilt = *self
            .inner
            .unbuilt
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if unbuilt {
            return self.rebuild(&mut live).await;
        }
        let mut position = {
            let generation = live.generation.clone();
            tokio::task::spawn_blocking(move || generation.position()).await??
        };
        loop {
            let changes = self
                .inner
                .store
                .search_changes_after(position, BATCH)
                .await?;
            // Read after the page: a prune between the two would otherwise
            // hide a gap. Pruning removes a prefix, so a floor at or below
            // the next position means the page missed nothing.
            let floor = self.inner.store.search_change_floor().await?;
            if floor > position + 1 {
                tracing::warn!(
                    position,
                    floor,
                    "search index fell behind the change log: rebuilding"
                );
                return self.rebuild(&mut live).await;
            }
            let Some(last) = changes.last().map(|c| c.seq) else {
                return Ok(());
            };
            if changes.iter().any(|c| c.entity == SearchEntity::Rebuild) {
                return self.rebuild(&mut live).await;
            }
            self.apply(&mut live, &changes, last).await?;
            position = last;
            if changes.len() < BATCH as usize {
                return Ok(());
            }
        }
    }

    /// Switches to the generation `CURRENT` names if another process made it.
    async fn adopt_current(&self, live: &mut Live) -> Result<(), Error> {
        let root = self.inner.root.clone();
        let Some(name) = current_name(&root) else {
            return Ok(());
        };
        if name == live.generation.name {
            return Ok(());
        }
        let generation = tokio::task::spawn_blocking({
            let root = root.clone();
            move || Generation::open(&root, &name)
        })
        .await??;
        tracing::info!(generation = %generation.name, "search index: switching to a rebuilt generation");
        self.swap(live, generation);
        Ok(())
    }

    fn swap(&self, live: &mut Live, generation: Generation) {
        let old = live.generation.name.clone();
        live.writer = None;
        live.generation = Arc::new(generation);
        *self
            .inner
            .live
            .write()
            .unwrap_or_else(PoisonError::into_inner) = live.generation.clone();
        *self
            .inner
            .unbuilt
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = false;
        if old != live.generation.name {
            // Searches still running on the old files keep them open
            // (mapped) until they finish.
            let _ = std::fs::remove_dir_all(self.inner.root.join(old));
        }
    }

    async fn rebuild(&self, live: &mut Live) -> Result<(), Error> {
        self.refresh_editions().await?;
        let name =
            build_generation_at(&self.inner.root, &self.inner.store, &crate::build::Quiet).await?;
        let root = self.inner.root.clone();
        let generation =
            tokio::task::spawn_blocking(move || Generation::open(&root, &name)).await??;
        self.swap(live, generation);
        Ok(())
    }

    async fn apply(
        &self,
        live: &mut Live,
        changes: &[dateline_store::SearchChange],
        last: i64,
    ) -> Result<(), Error> {
        let store = &self.inner.store;
        let mut articles = HashSet::new();
        let mut media = HashSet::new();
        for change in changes {
            match change.entity {
                SearchEntity::Article => {
                    articles.insert(change.id);
                }
                SearchEntity::Media => {
                    media.insert(change.id);
                }
                SearchEntity::Author | SearchEntity::Tag | SearchEntity::Section => {
                    articles.extend(store.article_ids_for(change.entity, change.id).await?);
                }
                SearchEntity::Rebuild => {}
            }
        }
        self.refresh_editions().await?;
        let articles: Vec<i64> = articles.into_iter().collect();
        let media: Vec<i64> = media.into_iter().collect();
        let languages = self
            .inner
            .editions
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let generation = live.generation.clone();
        let mut writer = match live.writer.take() {
            Some(writer) => writer,
            None => {
                let generation = generation.clone();
                tokio::task::spawn_blocking(move || {
                    generation.index.writer_with_num_threads(1, FOLLOW_HEAP)
                })
                .await??
            }
        };
        // A renamed section may name many thousands of stories: their rows
        // are read a chunk at a time, and committed together.
        for chunk in articles.chunks(CHUNK) {
            let rows = store.search_articles(chunk).await?;
            let (ids, fields) = (chunk.to_vec(), generation.fields.clone());
            writer = tokio::task::spawn_blocking(move || -> Result<IndexWriter, Error> {
                for id in ids {
                    writer.delete_term(document::key_term(&fields, &document::article_key(id)));
                }
                for row in &rows {
                    writer.add_document(document::article(&fields, row))?;
                }
                Ok(writer)
            })
            .await??;
        }
        for chunk in media.chunks(CHUNK) {
            let rows = store.search_pictures(chunk).await?;
            let (ids, fields, languages) =
                (chunk.to_vec(), generation.fields.clone(), languages.clone());
            writer = tokio::task::spawn_blocking(move || -> Result<IndexWriter, Error> {
                for id in ids {
                    writer.delete_term(document::key_term(&fields, &document::media_key(id)));
                }
                for row in &rows {
                    writer.add_document(document::media(&fields, row, &languages))?;
                }
                Ok(writer)
            })
            .await??;
        }
        let writer = tokio::task::spawn_blocking(move || -> Result<IndexWriter, Error> {
            let mut commit = writer.prepare_commit()?;
            commit.set_payload(&last.to_string());
            commit.commit()?;
            generation.reader.reload()?;
            Ok(writer)
        })
        .await??;
        live.writer = Some(writer);
        Ok(())
    }
}

pub(crate) use crate::build::build_generation_at;
