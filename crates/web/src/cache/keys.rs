//! What a page shows, declared by its handler as a response extension: the
//! cache keys under which it is stored, purged and labelled for CDNs.

use std::collections::BTreeSet;

use axum::response::Response;
use dateline_store::events::CacheKey;
use dateline_store::ArticleCard;

/// The cache keys of one response. A reader handler inserts it into its
/// response (`keys.attach(response)`); a response without keys is never
/// stored by the page cache.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageKeys(BTreeSet<CacheKey>);

impl PageKeys {
    /// Keys every reader page carries: editions and sections (navigation,
    /// edition switcher) are on all of them.
    pub fn site() -> Self {
        let mut keys = Self::default();
        keys.add(CacheKey::Site);
        keys
    }

    pub fn add(&mut self, key: CacheKey) -> &mut Self {
        self.0.insert(key);
        self
    }

    pub fn extend(&mut self, keys: impl IntoIterator<Item = CacheKey>) -> &mut Self {
        self.0.extend(keys);
        self
    }

    /// Articles shown as cards or links, by id.
    pub fn articles(&mut self, ids: impl IntoIterator<Item = i64>) -> &mut Self {
        self.extend(ids.into_iter().map(CacheKey::Article))
    }

    /// Cards shown: each article and its lead picture.
    pub fn cards<'a>(&mut self, cards: impl IntoIterator<Item = &'a ArticleCard>) -> &mut Self {
        for card in cards {
            self.0.insert(CacheKey::Article(card.id));
            if let Some(media) = &card.lead_media {
                self.0.insert(CacheKey::Media(media.id));
            }
        }
        self
    }

    /// Pictures shown, by media asset id.
    pub fn media(&mut self, ids: impl IntoIterator<Item = i64>) -> &mut Self {
        self.extend(ids.into_iter().map(CacheKey::Media))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &CacheKey> {
        self.0.iter()
    }

    /// The response, labelled with these keys.
    pub fn attach(self, mut response: Response) -> Response {
        response.extensions_mut().insert(self);
        response
    }
}
