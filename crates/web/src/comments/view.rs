//! What the comment templates show: comments, threads and the article
//! page's discussion box, built from store pages.

use std::collections::HashSet;

use dateline_domain::comment::{CommentPolicy, CommentSort, ModerationMode};
use dateline_domain::UnixTime;
use dateline_store::comments::{
    Comment, CommentPage, CommentQuery, CommentSettings, CommentThread,
};
use dateline_store::{Article, StoreError};
use serde::Serialize;

use crate::auth::now;
use crate::urls::account_page;
use crate::AppState;

/// Top-level comments on the article page and on each comments page.
pub(super) const PAGE_SIZE: u32 = 20;

/// The id of the article page's discussion (`article.html`), where a
/// reader who logs in from it comes back to.
const DISCUSSION_ANCHOR: &str = "discussion";

/// Who is looking, for the buttons only they get.
pub(super) struct Viewer {
    pub reader_id: i64,
    pub liked: HashSet<i64>,
    pub now: UnixTime,
    pub edit_window: i64,
}

#[derive(Debug, Serialize)]
pub(crate) struct CommentView {
    pub id: i64,
    pub author: String,
    /// Sanitised when it was stored (`dateline_render::markdown`).
    pub html: String,
    pub created_at: UnixTime,
    pub edited: bool,
    /// Removed by its author after others replied: a placeholder.
    pub erased: bool,
    /// `None` on the cached article page: likes do not purge it, so it
    /// shows no count that a like would make stale (the comments page,
    /// rendered for each request, shows them).
    pub like_count: Option<i64>,
    pub reply_count: i64,
    pub depth: i64,
    /// Set for the viewer's own comments.
    pub mine: bool,
    pub liked: bool,
    /// The text to edit, while the edit window is open.
    pub edit_source: Option<String>,
    /// Whole minutes left of the edit window (at least 1 while it is open).
    pub edit_minutes_left: Option<i64>,
    /// The edit box comes back open with why an edit was refused.
    pub edit_open: bool,
    pub edit_error: Option<String>,
    /// The report box comes back open (`?report={id}` from a shared page).
    pub report_open: bool,
    pub action_url: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct BranchView {
    pub comment: CommentView,
    pub replies: Vec<CommentView>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ThreadView {
    pub comment: CommentView,
    pub replies: Vec<BranchView>,
    pub more_replies: i64,
}

impl ThreadView {
    /// The thread's comment and every reply shown under it.
    pub fn comments_mut(&mut self) -> impl Iterator<Item = &mut CommentView> {
        std::iter::once(&mut self.comment).chain(
            self.replies
                .iter_mut()
                .flat_map(|b| std::iter::once(&mut b.comment).chain(b.replies.iter_mut())),
        )
    }

    /// For the cached article page, which likes do not purge.
    fn hide_like_counts(&mut self) {
        self.comment.like_count = None;
        for branch in &mut self.replies {
            branch.comment.like_count = None;
            branch.replies.iter_mut().for_each(|r| r.like_count = None);
        }
    }
}

fn comment_view(c: &Comment, comments_url: &str, viewer: Option<&Viewer>) -> CommentView {
    let mine = viewer.is_some_and(|v| v.reader_id == c.reader_id);
    let edit_left = viewer
        .filter(|_| mine)
        .map(|v| v.edit_window - (v.now - c.created_at))
        .filter(|left| *left >= 0);
    CommentView {
        id: c.id,
        author: c.author_name.clone(),
        html: c.body_html.clone(),
        created_at: c.created_at,
        edited: c.edited_at.is_some(),
        erased: c.erased_at.is_some(),
        like_count: Some(c.like_count),
        reply_count: c.reply_count,
        depth: c.depth,
        mine,
        liked: viewer.is_some_and(|v| v.liked.contains(&c.id)),
        edit_source: edit_left.map(|_| c.body_source.clone()),
        edit_minutes_left: edit_left.map(|secs| (secs + 59) / 60).map(|m| m.max(1)),
        edit_open: false,
        edit_error: None,
        report_open: false,
        action_url: format!("{comments_url}/{}", c.id),
    }
}

fn thread_view(t: &CommentThread, url: &str, viewer: Option<&Viewer>) -> ThreadView {
    ThreadView {
        comment: comment_view(&t.comment, url, viewer),
        replies: t
            .replies
            .iter()
            .map(|b| BranchView {
                comment: comment_view(&b.comment, url, viewer),
                replies: b
                    .replies
                    .iter()
                    .map(|r| comment_view(r, url, viewer))
                    .collect(),
            })
            .collect(),
        more_replies: t.more_replies,
    }
}

pub(super) fn threads_view(
    page: &CommentPage,
    comments_url: &str,
    viewer: Option<&Viewer>,
) -> Vec<ThreadView> {
    page.threads
        .iter()
        .map(|t| thread_view(t, comments_url, viewer))
        .collect()
}

/// Every comment id on a page (for the viewer's likes).
pub(super) fn ids(page: &CommentPage) -> Vec<i64> {
    let mut ids = Vec::new();
    for t in &page.threads {
        ids.push(t.comment.id);
        for b in &t.replies {
            ids.push(b.comment.id);
            ids.extend(b.replies.iter().map(|r| r.id));
        }
    }
    ids
}

/// Which comments a moderator reads before they appear, as the checks
/// (`dateline_domain::comment::check`) decide it: every comment on a
/// pre-moderated story, else those of accounts younger than the policy's
/// `new_account_secs` (0 hours: no such hold). Comments with a suspect
/// word are held too, which the note does not announce.
#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct ModerationNote {
    pub pre_moderated: bool,
    /// The age in hours, rounded up, below which an account is new.
    pub new_account_hours: i64,
}

impl ModerationNote {
    pub fn new(settings: &CommentSettings, policy: &CommentPolicy) -> Self {
        Self {
            pre_moderated: settings.mode == ModerationMode::Pre,
            new_account_hours: (settings.policy(policy).new_account_secs.max(0) + 3599) / 3600,
        }
    }
}

/// The article page's discussion: the newest comments, the same for
/// everyone (the page is cached), and where to read and write more. Its
/// forms carry no token (comments.js fills it in for a signed-in reader;
/// without it, each handler sends the reader somewhere to go on from).
#[derive(Debug, Serialize)]
pub(crate) struct Discussion {
    pub threads: Vec<ThreadView>,
    pub comments_url: String,
    pub more_url: Option<String>,
    pub open: bool,
    pub moderation: ModerationNote,
    /// Log in and register, coming back to the discussion.
    pub login_url: String,
    pub register_url: String,
}

/// The discussion of `article` (at `article_url`, in edition `edition`).
pub(crate) async fn discussion(
    state: &AppState,
    edition: &str,
    article: &Article,
    article_url: &str,
) -> Result<Discussion, StoreError> {
    let comments_url = crate::urls::comments_of(article_url);
    let query_page = CommentQuery {
        article_id: article.id,
        sort: CommentSort::Newest,
        after: None,
        limit: PAGE_SIZE,
    };
    let (page, settings) = tokio::try_join!(
        state.store.list_comments(&query_page),
        state.store.comment_settings(article.id),
    )?;
    let more_url = page
        .next
        .map(|next| format!("{comments_url}?sort=newest&after={}", next.encode()));
    let mut threads = threads_view(&page, &comments_url, None);
    threads.iter_mut().for_each(ThreadView::hide_like_counts);
    let back = format!("{article_url}#{DISCUSSION_ANCHOR}");
    Ok(Discussion {
        threads,
        comments_url,
        more_url,
        open: settings.open_at(now()),
        moderation: ModerationNote::new(&settings, &state.comment_policy),
        login_url: account_page("login", edition, &back),
        register_url: account_page("register", edition, &back),
    })
}
