//! Editions, sections and the site's settings, which every reader page
//! shows, kept in memory between changes instead of being read on every
//! request.

use std::sync::{Arc, Mutex, PoisonError};

use dateline_domain::SiteSettings;
use dateline_store::{Edition, Section, Store, StoreError};

/// Every edition in display order and its sections in display order, and
/// the site-wide settings (a change to them purges `site` too).
#[derive(Debug)]
pub struct Site {
    pub editions: Vec<Edition>,
    /// `(edition id, its sections)`, in the order of `editions`.
    pub sections: Vec<(i64, Vec<Section>)>,
    pub settings: SiteSettings,
}

impl Site {
    pub fn sections(&self, edition_id: i64) -> &[Section] {
        self.sections
            .iter()
            .find(|(id, _)| *id == edition_id)
            .map_or(&[], |(_, s)| s.as_slice())
    }
}

#[derive(Debug, Default)]
struct State {
    /// Advanced by every invalidation; a load started under an older
    /// generation is used once but not kept.
    generation: u64,
    site: Option<Arc<Site>>,
}

#[derive(Debug, Default)]
pub(super) struct SiteCache(Mutex<State>);

impl SiteCache {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub async fn get(&self, store: &Store) -> Result<Arc<Site>, StoreError> {
        let generation = {
            let state = self.state();
            if let Some(site) = &state.site {
                return Ok(Arc::clone(site));
            }
            state.generation
        };
        let editions = store.editions().await?;
        let mut sections = Vec::with_capacity(editions.len());
        for edition in &editions {
            sections.push((edition.id, store.sections(edition.id).await?));
        }
        let settings = store.site_settings().await?;
        let site = Arc::new(Site {
            editions,
            sections,
            settings,
        });
        let mut state = self.state();
        if state.generation == generation {
            state.site = Some(Arc::clone(&site));
        }
        Ok(site)
    }

    pub fn invalidate(&self) {
        let mut state = self.state();
        state.generation += 1;
        state.site = None;
    }
}
