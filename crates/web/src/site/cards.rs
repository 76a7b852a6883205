//! Article cards: a story in a listing, the newsfeed column or a front page.

use dateline_domain::{EditionCode, UnixTime};
use dateline_store::ArticleCard;
use serde::Serialize;

use super::pictures::{MediaMap, Picture};
use crate::urls::Urls;

/// Ids of the lead pictures of some cards, for [`MediaMap::fetch`].
pub(crate) fn card_media<'a>(cards: impl IntoIterator<Item = &'a ArticleCard>) -> Vec<i64> {
    cards
        .into_iter()
        .filter_map(|c| c.lead_media.as_ref().map(|m| m.id))
        .collect()
}

/// An article in a listing.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Card {
    pub id: i64,
    pub url: String,
    pub headline: String,
    pub lead: String,
    pub section_title: String,
    pub section_url: String,
    pub published_at: UnixTime,
    pub updated_at: UnixTime,
    pub comment_count: i64,
    /// Live coverage is running: the card carries the "Live" badge.
    pub live: bool,
    pub picture: Option<Picture>,
}

impl Card {
    /// `edition` is the card's own edition (cards may cross editions).
    pub fn new(card: &ArticleCard, edition: &EditionCode, media: &MediaMap) -> Self {
        let urls = Urls::relative();
        Self {
            id: card.id,
            url: urls.article(edition, &card.section_slug, &card.slug),
            headline: card.headline.clone(),
            lead: card.lead.clone(),
            section_title: card.section_title.clone(),
            section_url: urls.section(edition, &card.section_slug),
            published_at: card.published_at,
            updated_at: card.updated_at,
            comment_count: card.comment_count,
            live: card.live,
            picture: media.picture(card.lead_media.as_ref().map(|m| m.id), edition),
        }
    }

    pub fn list(cards: &[ArticleCard], edition: &EditionCode, media: &MediaMap) -> Vec<Self> {
        cards.iter().map(|c| Self::new(c, edition, media)).collect()
    }
}
