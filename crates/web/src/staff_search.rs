//! What a staff member may find, shared by the newsroom's search and the
//! Admin API's: the index's audience from the same role rules as
//! `auth::permits` and the desk list (editors: their editions; contributors
//! and authors: their own work and what is public; admins: everything), and
//! every hit checked again with `Permission::ReadArticle` (or `ReadMedia`)
//! against the database before it is shown, since the index follows the
//! database a moment behind.

use std::collections::HashMap;

use dateline_search::{article_text, media_text, Audience, Kind, SearchResults};
use dateline_store::{Account, ArticleSearchRow, MediaAsset};

use crate::auth::{ArticleRef, Permission, Staff};
use crate::error::ApiError;
use crate::newsroom::{desk_editions, desk_owner};
use crate::AppState;

/// The part of the index this account may search.
pub(crate) fn audience(account: &Account) -> Audience {
    Audience::Staff {
        editions: desk_editions(account),
        own_or_public: desk_owner(account),
    }
}

/// One hit the staff member may read, with its passage (escaped HTML,
/// matched words in `<mark>`; empty when only a title or name matched).
#[derive(Debug)]
pub(crate) enum StaffHit {
    Article {
        row: Box<ArticleSearchRow>,
        snippet: String,
    },
    Picture {
        asset: Box<MediaAsset>,
        snippet: String,
    },
}

/// The hits of `results` that `staff` may read, in rank order.
pub(crate) async fn load(
    state: &AppState,
    staff: &Staff,
    results: &SearchResults,
) -> Result<Vec<StaffHit>, ApiError> {
    let article_ids: Vec<i64> = ids(results, |k| k != Kind::Picture);
    let picture_ids: Vec<i64> = ids(results, |k| k == Kind::Picture);
    let store = &state.store;
    let (rows, assets, picture_rows) = tokio::try_join!(
        store.search_articles(&article_ids),
        store.media_by_ids(&picture_ids),
        store.search_pictures(&picture_ids),
    )?;
    let mut rows: HashMap<i64, ArticleSearchRow> = rows.into_iter().map(|r| (r.id, r)).collect();
    let mut assets: HashMap<i64, MediaAsset> = assets.into_iter().map(|a| (a.id, a)).collect();
    let picture_texts: HashMap<i64, String> = picture_rows
        .iter()
        .map(|row| {
            let analysis = state.search.analysis_of(row.edition_id.unwrap_or_default());
            (row.id, results.snippet(analysis, &media_text(row, false)))
        })
        .collect();
    let may_read_media = staff.can(Permission::ReadMedia);
    let mut hits = Vec::with_capacity(results.hits.len());
    for hit in &results.hits {
        match hit.kind {
            Kind::Article | Kind::Live => {
                let Some(row) = rows.remove(&hit.id) else {
                    continue;
                };
                let article = ArticleRef {
                    edition_id: row.edition_id,
                    created_by: row.created_by,
                    status: row.status,
                };
                if !staff.can(Permission::ReadArticle(article)) {
                    continue;
                }
                let analysis = state.search.analysis_of(row.edition_id);
                let snippet = results.snippet(analysis, &article_text(&row));
                hits.push(StaffHit::Article {
                    row: Box::new(row),
                    snippet,
                });
            }
            Kind::Picture => {
                let Some(asset) = assets.remove(&hit.id).filter(|_| may_read_media) else {
                    continue;
                };
                hits.push(StaffHit::Picture {
                    snippet: picture_texts.get(&hit.id).cloned().unwrap_or_default(),
                    asset: Box::new(asset),
                });
            }
        }
    }
    Ok(hits)
}

fn ids(results: &SearchResults, keep: impl Fn(Kind) -> bool) -> Vec<i64> {
    results
        .hits
        .iter()
        .filter(|h| keep(h.kind))
        .map(|h| h.id)
        .collect()
}
