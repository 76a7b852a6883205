//! One public story with everything a distribution format carries: the
//! article (body, byline, tags, corrections, version), its edition and
//! section, the pictures it shows and its other editions' versions.

use std::collections::HashSet;

use dateline_domain::BodyBlock;
use dateline_store::{self as store, Store};

/// A published or corrected article and what it refers to.
#[derive(Debug)]
pub(crate) struct Story {
    pub article: store::Article,
    pub edition: store::Edition,
    pub section: store::Section,
    /// The lead picture and the body's pictures (each once); only pictures
    /// readers may see, which a public story's own pictures always are.
    pub pictures: Vec<store::MediaAsset>,
    /// The story in other editions (this one left out).
    pub translations: Vec<store::Translation>,
}

impl Story {
    /// The public story with this id; `None` for a draft, a withdrawn story
    /// or no story at all. Five queries.
    pub async fn public_by_id(store: &Store, id: i64) -> Result<Option<Self>, store::StoreError> {
        let Some(article) = store.article_by_id(id).await? else {
            return Ok(None);
        };
        Self::complete(store, article).await
    }

    /// The rest of a story whose article is already loaded; `None` when it
    /// is not public or its edition or section has gone.
    pub async fn complete(
        store: &Store,
        article: store::Article,
    ) -> Result<Option<Self>, store::StoreError> {
        if !article.status.is_public() {
            return Ok(None);
        }
        let (Some(edition), Some(section)) = (
            store.edition_by_id(article.edition_id).await?,
            store.section_by_id(article.section_id).await?,
        ) else {
            return Ok(None);
        };
        let ids: Vec<i64> = article
            .lead_media_id
            .into_iter()
            .chain(body_picture_ids(&article.body))
            .collect();
        let pictures = store.media_by_ids(&ids).await?;
        let translations = store
            .translations(article.translation_group)
            .await?
            .into_iter()
            .filter(|t| t.article_id != article.id)
            .collect();
        Ok(Some(Self {
            article,
            edition,
            section,
            pictures,
            translations,
        }))
    }

    /// The lead picture, when the story has one.
    pub fn lead_picture(&self) -> Option<&store::MediaAsset> {
        let id = self.article.lead_media_id?;
        self.picture(id)
    }

    /// The pictures the body shows, first occurrence of each, in body order.
    pub fn body_pictures(&self) -> impl Iterator<Item = &store::MediaAsset> + '_ {
        body_picture_ids(&self.article.body).filter_map(|id| self.picture(id))
    }

    pub fn picture(&self, id: i64) -> Option<&store::MediaAsset> {
        self.pictures.iter().find(|p| p.id == id)
    }
}

/// A story's body names its own pictures; related stories are left out.
impl super::body::BodyRefs for Story {
    fn picture(&self, id: i64) -> Option<&store::MediaAsset> {
        Story::picture(self, id)
    }
}

/// Ids of the pictures a body shows, first occurrence of each, in order.
pub(crate) fn body_picture_ids(body: &[BodyBlock]) -> impl Iterator<Item = i64> + '_ {
    let mut seen = HashSet::new();
    body.iter()
        .filter_map(|block| match block {
            BodyBlock::Image { media_id, .. } => Some(*media_id),
            _ => None,
        })
        .filter(move |id| seen.insert(*id))
}
