//! Which cached page carries which key, and when each key was last purged.
//!
//! Purges advance an epoch. A render remembers the epoch it started at; its
//! page is stored only if none of its keys was purged since, so a page built
//! from data read before a write can never outlive the write's purge.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Purge times kept per key before they are folded into one floor: past
/// it, renders started before the floor are refused wholesale.
const PURGED_KEYS_KEPT: usize = 100_000;

#[derive(Debug, Default)]
pub(super) struct Index {
    epoch: u64,
    /// Renders started before this epoch are refused (after a resync).
    floor: u64,
    /// The epoch of each key's last purge.
    purged_at: HashMap<String, u64>,
    /// The keys of the page stored under each URL, with the page's id.
    pages: HashMap<Arc<str>, (u64, Vec<String>)>,
    by_key: HashMap<String, HashSet<Arc<str>>>,
}

impl Index {
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Whether a page with `keys` whose render started at `started` may be
    /// stored: nothing it shows has been purged since.
    pub fn admits(&self, started: u64, keys: &[String]) -> bool {
        started >= self.floor
            && keys
                .iter()
                .all(|k| self.purged_at.get(k).is_none_or(|at| *at <= started))
    }

    /// Records the page stored under `url`, replacing what was there.
    pub fn add(&mut self, url: Arc<str>, id: u64, keys: Vec<String>) {
        self.remove(&url);
        for key in &keys {
            self.by_key
                .entry(key.clone())
                .or_default()
                .insert(url.clone());
        }
        self.pages.insert(url, (id, keys));
    }

    /// The cache evicted page `id` of `url` (for size or age): forget it,
    /// unless a newer page has replaced it since.
    pub fn forget(&mut self, url: &str, id: u64) {
        if self.pages.get(url).is_some_and(|(stored, _)| *stored == id) {
            self.remove(url);
        }
    }

    fn remove(&mut self, url: &str) {
        let Some((_, keys)) = self.pages.remove(url) else {
            return;
        };
        for key in keys {
            if let Some(urls) = self.by_key.get_mut(&key) {
                urls.remove(url);
                if urls.is_empty() {
                    self.by_key.remove(&key);
                }
            }
        }
    }

    /// Purges `keys`: returns the URLs of every page carrying any of them
    /// (to drop from the cache) and refuses renders already under way.
    pub fn purge(&mut self, keys: &[String]) -> Vec<Arc<str>> {
        self.epoch += 1;
        if self.purged_at.len() + keys.len() > PURGED_KEYS_KEPT {
            self.purged_at.clear();
            self.floor = self.epoch;
        }
        let mut urls = Vec::new();
        for key in keys {
            self.purged_at.insert(key.clone(), self.epoch);
            if let Some(found) = self.by_key.get(key) {
                urls.extend(found.iter().cloned());
            }
        }
        urls.sort_unstable();
        urls.dedup();
        for url in &urls {
            self.remove(url);
        }
        urls
    }

    /// Everything may be stale: forget every page and refuse every render
    /// under way.
    pub fn reset(&mut self) {
        self.epoch += 1;
        self.floor = self.epoch;
        self.purged_at.clear();
        self.pages.clear();
        self.by_key.clear();
    }

    #[cfg(test)]
    fn urls_of(&self, key: &str) -> Vec<&str> {
        let mut urls: Vec<&str> = self
            .by_key
            .get(key)
            .map(|s| s.iter().map(|u| &**u).collect())
            .unwrap_or_default();
        urls.sort_unstable();
        urls
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(list: &[&str]) -> Vec<String> {
        list.iter().map(|k| (*k).to_owned()).collect()
    }

    #[test]
    fn purging_a_key_drops_exactly_the_pages_carrying_it() {
        let mut index = Index::default();
        index.add("/en/".into(), 1, keys(&["site", "e1", "a1", "a2"]));
        index.add("/en/world/one".into(), 2, keys(&["site", "a1"]));
        index.add("/ru/".into(), 3, keys(&["site", "e2", "a9"]));
        let purged = index.purge(&keys(&["a2", "e1"]));
        assert_eq!(purged, vec![Arc::<str>::from("/en/")]);
        assert_eq!(index.urls_of("a1"), ["/en/world/one"]);
        assert_eq!(index.urls_of("site"), ["/en/world/one", "/ru/"]);
        assert!(index.purge(&keys(&["nothing"])).is_empty());
    }

    #[test]
    fn renders_started_before_a_purge_of_their_keys_are_refused() {
        let mut index = Index::default();
        let started = index.epoch();
        index.purge(&keys(&["a1"]));
        assert!(!index.admits(started, &keys(&["site", "a1"])));
        assert!(index.admits(started, &keys(&["site", "a2"])));
        assert!(index.admits(index.epoch(), &keys(&["a1"])));
        let before_reset = index.epoch();
        index.reset();
        assert!(!index.admits(before_reset, &keys(&["a2"])));
        assert!(index.admits(index.epoch(), &keys(&["a2"])));
    }

    #[test]
    fn evictions_forget_only_the_page_evicted() {
        let mut index = Index::default();
        index.add("/x".into(), 1, keys(&["a1"]));
        index.add("/x".into(), 2, keys(&["a2"]));
        assert!(index.urls_of("a1").is_empty());
        index.forget("/x", 1);
        assert_eq!(index.urls_of("a2"), ["/x"]);
        index.forget("/x", 2);
        assert!(index.urls_of("a2").is_empty());
    }

    #[test]
    fn too_many_purged_keys_fold_into_a_floor() {
        let mut index = Index::default();
        let started = index.epoch();
        let many: Vec<String> = (0..PURGED_KEYS_KEPT + 1).map(|i| format!("a{i}")).collect();
        index.purge(&many);
        assert!(index.purged_at.len() <= PURGED_KEYS_KEPT + 1);
        assert!(!index.admits(started, &keys(&["unrelated"])));
    }
}
