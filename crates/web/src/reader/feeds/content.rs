//! A story's full text as feeds carry it: the lead picture, then the body
//! as every distribution format renders it (`distribution::body`), with
//! every address absolute, since feed readers resolve none.

use dateline_domain::BodyBlock;
use dateline_store::{ArticleCard, MediaAsset};

use crate::distribution::{self, body::BodyRefs};
use crate::site::{EditionCtx, MediaMap};
use crate::urls::Urls;

/// What a story's body refers to, loaded once for the whole feed.
pub(super) struct Refs<'a> {
    pub urls: Urls<'a>,
    pub ctx: &'a EditionCtx,
    pub media: &'a MediaMap,
    /// Public stories that bodies place as related cards.
    pub related: &'a [ArticleCard],
}

/// The bodies' pictures and related stories, as loaded for the feed.
impl BodyRefs for Refs<'_> {
    fn picture(&self, id: i64) -> Option<&MediaAsset> {
        self.media.get(id)
    }

    /// A related story is a link in a feed (the article page shows a card).
    fn related(&self, article_id: i64) -> Option<(String, String)> {
        let card = self.related.iter().find(|c| c.id == article_id)?;
        let code = self.ctx.edition_code(card.edition_id);
        let url = self.urls.article(code, &card.section_slug, &card.slug);
        Some((url, card.headline.clone()))
    }
}

/// The lead picture (when there is one) above the body, as the article
/// page shows them; the body is `distribution::body`'s, the same for every
/// format.
pub(super) fn story_html(refs: &Refs<'_>, lead: Option<&MediaAsset>, body: &[BodyBlock]) -> String {
    let mut out = String::new();
    if let Some(asset) = lead {
        out.push_str(&distribution::body::figure_html(
            asset,
            &asset.caption,
            refs.urls,
        ));
    }
    out.push_str(&distribution::body::html(body, refs, refs.urls));
    out
}
