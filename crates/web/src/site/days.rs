//! Stories grouped by the local day they were published, newest first: the
//! newsfeed page and the newsfeed column beside stories both show times
//! under the day they belong to.

use chrono::{DateTime, NaiveDate};
use dateline_store::ArticleCard;
use serde::Serialize;

use super::cards::Card;
use super::chrome::EditionCtx;
use super::pictures::MediaMap;

/// One local day of a stream of stories.
#[derive(Debug, Serialize)]
pub(crate) struct Day {
    /// A moment of that day, for the `date` filter.
    pub date: i64,
    pub cards: Vec<Card>,
}

impl Day {
    /// `cards`, newest first, split where the local date in the edition's
    /// time zone changes.
    pub fn group(cards: &[ArticleCard], ctx: &EditionCtx, media: &MediaMap) -> Vec<Day> {
        let tz = ctx.edition.time_zone.tz();
        let local_day = |ts: i64| -> NaiveDate {
            DateTime::from_timestamp(ts, 0)
                .unwrap_or_default()
                .with_timezone(&tz)
                .date_naive()
        };
        let mut days: Vec<(NaiveDate, Day)> = Vec::new();
        for card in cards {
            let day = local_day(card.published_at);
            let view = Card::new(card, ctx.code(), media);
            match days.last_mut() {
                Some((d, group)) if *d == day => group.cards.push(view),
                _ => days.push((
                    day,
                    Day {
                        date: card.published_at,
                        cards: vec![view],
                    },
                )),
            }
        }
        days.into_iter().map(|(_, d)| d).collect()
    }
}
