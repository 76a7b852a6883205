//! Live coverage as readers see it: the view models of the article page's
//! "Live" block and its entries, and the HTML fragments streams send, made
//! from the same template macros (`live/macros.html`) so that an entry
//! added by the script looks exactly like one a reload shows.

use dateline_render::PageLocale;
use dateline_store::live::{LiveEntry, LiveStatus};
use dateline_store::StoreError;
use serde::Serialize;

use crate::AppState;

/// An edit this long after posting is worth an "updated" mark (seconds).
const EDIT_GRACE: i64 = 60;

/// One entry, as the page and the stream show it.
#[derive(Debug, Serialize)]
pub(crate) struct EntryView {
    pub id: i64,
    /// Sanitised when stored (`dateline_render::markdown`).
    pub html: String,
    pub posted_at: i64,
    pub updated_at: i64,
    pub edited: bool,
    pub pinned: bool,
}

impl EntryView {
    pub fn new(e: &LiveEntry) -> Self {
        Self {
            id: e.id,
            html: e.body_html.clone(),
            posted_at: e.posted_at,
            updated_at: e.updated_at,
            edited: e.updated_at > e.posted_at + EDIT_GRACE,
            pinned: e.pinned,
        }
    }
}

/// The article page's live block.
#[derive(Debug, Serialize)]
pub(crate) struct LiveView {
    /// Still going on: the "Live" badge shows.
    pub open: bool,
    /// The last change the page shows; the stream resumes after it.
    pub seq: i64,
    /// Every entry, newest first.
    pub entries: Vec<EntryView>,
    /// The pinned ones ("key events"), newest first.
    pub key: Vec<EntryView>,
}

/// The live block of article `article_id`, when it has (or had) coverage.
pub(crate) async fn live_view(
    state: &AppState,
    article_id: i64,
) -> Result<Option<LiveView>, StoreError> {
    let Some(coverage) = state.store.live_coverage(article_id).await? else {
        return Ok(None);
    };
    let entries = state.store.live_entries(article_id).await?;
    Ok(Some(LiveView {
        open: coverage.status == LiveStatus::Open,
        seq: coverage.seq,
        key: entries
            .iter()
            .filter(|e| e.pinned)
            .map(EntryView::new)
            .collect(),
        entries: entries.iter().map(EntryView::new).collect(),
    }))
}

#[derive(Serialize)]
struct Fragment<'a> {
    entry: &'a EntryView,
    key: bool,
}

/// An entry's `<li>` in the list of all entries (`key = false`) or in the
/// key events.
pub(crate) fn entry_html(
    state: &AppState,
    locale: &PageLocale,
    entry: &EntryView,
    key: bool,
) -> Result<String, dateline_render::RenderError> {
    state
        .renderer
        .render("live/entry.html", locale, &Fragment { entry, key })
}
