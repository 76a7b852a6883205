//! A page of hits as readers see them: each story as a card (headline,
//! section, date, lead picture) and each picture as a media-bank tile, with
//! the matching passage marked. Only what readers may see is shown, whatever
//! the index says (it follows the database a moment behind).

use std::collections::HashMap;

use dateline_search::{card_text, media_text, Hit, Kind, SearchResults};
use serde::Serialize;

use crate::site::{card_media, Card, EditionCtx, MediaMap, PageError, Picture};
use crate::visibility::public_picture;
use crate::AppState;

/// One hit.
#[derive(Debug, Serialize)]
pub(crate) struct ResultView {
    /// `article`, `live` or `picture`.
    pub kind: &'static str,
    /// A story (articles and live coverage).
    pub card: Option<Card>,
    /// A picture of the media bank (its page is `mediabank_url`).
    pub picture: Option<Picture>,
    /// The best matching passage: escaped HTML with the matched words in
    /// `<mark>`; empty when only the headline or names matched.
    pub snippet: String,
}

/// The hits of `results` that readers may see, in rank order, and every
/// picture they show (for the layout's logo too).
pub(crate) async fn load(
    state: &AppState,
    ctx: &EditionCtx,
    results: &SearchResults,
) -> Result<(Vec<ResultView>, MediaMap), PageError> {
    let (stories, pictures): (Vec<&Hit>, Vec<&Hit>) = results
        .hits
        .iter()
        .partition(|hit| hit.kind != Kind::Picture);
    let story_ids: Vec<i64> = stories.iter().map(|h| h.id).collect();
    let picture_ids: Vec<i64> = pictures.iter().map(|h| h.id).collect();
    let store = &state.store;
    // Cards are public only: a story withdrawn since the index saw it
    // drops out here.
    let (found, picture_rows) = tokio::try_join!(
        store.search_cards(&story_ids),
        store.search_pictures(&picture_ids),
    )?;
    let texts: HashMap<i64, String> = found
        .iter()
        .map(|c| {
            let analysis = state.search.analysis_of(c.card.edition_id);
            let text = card_text(&c.card.lead, &c.body);
            (c.card.id, results.snippet(analysis, &text))
        })
        .collect();
    let cards: Vec<_> = found.into_iter().map(|c| c.card).collect();
    let media = MediaMap::fetch(
        state,
        card_media(&cards)
            .into_iter()
            .chain(picture_ids.iter().copied())
            .chain(ctx.edition.logo_media_id),
    )
    .await?;
    let cards: HashMap<i64, _> = cards.into_iter().map(|c| (c.id, c)).collect();
    let picture_texts: HashMap<i64, String> = picture_rows
        .iter()
        .map(|row| {
            let analysis = state.search.analysis_of(row.edition_id.unwrap_or_default());
            (row.id, results.snippet(analysis, &media_text(row, true)))
        })
        .collect();
    let mut views = Vec::with_capacity(results.hits.len());
    for hit in &results.hits {
        let view = match hit.kind {
            Kind::Picture => media
                .get(hit.id)
                .filter(|a| public_picture(a.id, a.is_public, &ctx.editions))
                .map(|asset| ResultView {
                    kind: hit.kind.as_str(),
                    card: None,
                    picture: Some(Picture::new(
                        asset,
                        ctx.edition_code(asset.edition_id.unwrap_or(ctx.edition.id)),
                    )),
                    snippet: picture_texts.get(&hit.id).cloned().unwrap_or_default(),
                }),
            Kind::Article | Kind::Live => cards.get(&hit.id).map(|card| ResultView {
                kind: hit.kind.as_str(),
                card: Some(Card::new(card, ctx.edition_code(card.edition_id), &media)),
                picture: None,
                snippet: texts.get(&hit.id).cloned().unwrap_or_default(),
            }),
        };
        views.extend(view);
    }
    Ok((views, media))
}
