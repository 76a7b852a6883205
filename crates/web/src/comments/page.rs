//! `GET {article}/comments?sort=&after=`: a story's comments, rendered per
//! request with the reader's own forms; and the same page answering a form
//! that could not be accepted (the typed text kept, the reason shown).

use std::collections::HashSet;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use dateline_domain::comment::{may_post, CommentSort, CommentStatus, ReportReason};
use dateline_store::comments::{CommentPage, CommentQuery, CommentThread};
use dateline_store::Cursor;
use serde::{Deserialize, Serialize};

use super::checks::refusal_text;
use super::story::Story;
use super::view::{ids, threads_view, ModerationNote, ThreadView, Viewer, PAGE_SIZE};
use crate::account::Reader;
use crate::auth::now;
use crate::site::{respond, Layout, Meta, PageError};
use crate::AppState;

/// Replies on one page of a thread.
const THREAD_PAGE: u32 = 100;

/// The id of the page's section (`comments/page.html`), around the box.
const PAGE_ANCHOR: &str = "comments";

#[derive(Debug, Default, Deserialize)]
pub(super) struct PageQuery {
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub after: String,
    /// A top-level comment whose whole thread to show, a page at a time.
    #[serde(default)]
    pub thread: Option<i64>,
    /// Set after a POST: one of [`DONE`].
    #[serde(default)]
    pub done: String,
    /// A comment to report: its report box opens (signed in), or the
    /// reader logs in first and comes back here.
    #[serde(default)]
    pub report: Option<i64>,
}

/// What `?done=` may say (each has a `comment-done-{done}` message); the
/// `confirm-*` ones answer a button pressed on the cached article page
/// without JavaScript, whose form carries no token.
const DONE: [&str; 8] = [
    "published",
    "pending",
    "edited",
    "edited-pending",
    "deleted",
    "liked",
    "reported",
    "confirm-like",
];

/// The comment form as it comes back: what was typed, and why not.
#[derive(Debug, Default, Serialize)]
pub(super) struct FormState {
    pub body: String,
    pub reply_to: Option<i64>,
    pub error: Option<String>,
    pub notice: Option<String>,
    /// The notice says the comment waits for a moderator.
    pub held: bool,
    /// A refused edit of this comment: the text and the reason go back into
    /// that comment's edit box, open, rather than into the comment box.
    #[serde(skip)]
    pub editing: Option<i64>,
}

#[derive(Serialize)]
struct SortLink {
    sort: &'static str,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct ReaderView {
    name: String,
    csrf: String,
    /// Why this reader cannot post, if they cannot.
    blocked: Option<String>,
    /// Until when a moderator reads this reader's comments first, as the
    /// account is new (`CommentPolicy::new_account_secs`).
    new_until: Option<i64>,
}

#[derive(Serialize)]
struct PageView {
    #[serde(flatten)]
    layout: Layout,
    headline: String,
    article_url: String,
    comments_url: String,
    comment_count: i64,
    threads: Vec<ThreadView>,
    sorts: Vec<SortLink>,
    sort: &'static str,
    more_url: Option<String>,
    first_url: Option<String>,
    open: bool,
    moderation: ModerationNote,
    form: FormState,
    reader: Option<ReaderView>,
    login_url: String,
    register_url: String,
    reasons: Vec<&'static str>,
}

pub(super) async fn page(
    State(state): State<AppState>,
    Path((edition, section, slug)): Path<(String, String, String)>,
    Query(query): Query<PageQuery>,
    reader: Option<Reader>,
) -> Response {
    let result = async {
        let story = Story::load(&state, &edition, &section, &slug).await?;
        if let (Some(id), None) = (query.report, &reader) {
            let back = format!("{}?report={id}#c{id}", story.comments_url);
            let login = crate::urls::account_page("login", story.ctx.code().as_str(), &back);
            return Ok(Story::see_other(&login));
        }
        let notice = DONE.contains(&query.done.as_str()).then(|| {
            state.renderer.t(
                &story.ctx.locale,
                &format!("comment-done-{}", query.done),
                &[],
            )
        });
        let form = FormState {
            notice,
            held: matches!(query.done.as_str(), "pending" | "edited-pending"),
            ..FormState::default()
        };
        render(
            &state,
            &story,
            reader.as_ref(),
            &query,
            form,
            StatusCode::OK,
        )
        .await
    }
    .await;
    respond(&state, Some(&edition), result).await
}

/// Renders the comments page of `story` with `form` in the comment box.
pub(super) async fn render(
    state: &AppState,
    story: &Story,
    reader: Option<&Reader>,
    query: &PageQuery,
    form: FormState,
    status: StatusCode,
) -> Result<Response, PageError> {
    let sort: CommentSort = query.sort.parse().unwrap_or_default();
    let after = Cursor::decode(&query.after).ok();
    let now = now();
    let query_page = CommentQuery {
        article_id: story.article.id,
        sort,
        after,
        limit: PAGE_SIZE,
    };
    let (page, settings) = match query.thread {
        None => tokio::try_join!(
            state.store.list_comments(&query_page),
            state.store.comment_settings(story.article.id),
        )?,
        Some(root) => (
            thread_page(state, story, root, after).await?,
            state.store.comment_settings(story.article.id).await?,
        ),
    };
    let locale = &story.ctx.locale;
    let (viewer, reader_view) = match reader {
        Some(r) => {
            let liked: HashSet<i64> = state
                .store
                .liked_by(r.id, &ids(&page))
                .await?
                .into_iter()
                .collect();
            let who = state
                .store
                .commenter(r.id)
                .await?
                .ok_or_else(|| PageError::not_found("reader"))?;
            let blocked = may_post(&who.standing, now)
                .err()
                .map(|refusal| refusal_text(state, locale, &refusal));
            let new_until =
                who.standing.created_at + settings.policy(&state.comment_policy).new_account_secs;
            (
                Some(Viewer {
                    reader_id: r.id,
                    liked,
                    now,
                    edit_window: state.comment_policy.edit_window_secs,
                }),
                Some(ReaderView {
                    name: r.display_name.clone(),
                    csrf: r.csrf.clone(),
                    blocked,
                    new_until: (new_until > now).then_some(new_until),
                }),
            )
        }
        None => (None, None),
    };
    let base = &story.comments_url;
    // Logging in from here comes back to the comment box.
    let back = format!("{base}#{PAGE_ANCHOR}");
    let sorts = CommentSort::ALL
        .iter()
        .map(|s| SortLink {
            sort: s.as_str(),
            url: format!("{base}?sort={}", s.as_str()),
            current: *s == sort,
        })
        .collect();
    let code = story.ctx.code();
    let title = state.renderer.t(
        locale,
        "comments-page-title",
        &[("headline", story.article.headline.clone().into())],
    );
    // The discussion's first page, in the default order, is a page for
    // search engines (its own canonical address); sorted, later, single
    // thread and refused-form answers are not.
    let description = state.renderer.t(
        locale,
        "comments-page-description",
        &[("headline", story.article.headline.clone().into())],
    );
    let mut meta = Meta::new(story.ctx.title(&title), description);
    let plain = query.sort.is_empty()
        && query.after.is_empty()
        && query.thread.is_none()
        && query.report.is_none()
        && query.done.is_empty();
    if plain && status == StatusCode::OK {
        meta = meta.canonical(base.clone());
    } else {
        meta = meta.noindex();
    }
    let mut threads = threads_view(&page, base, viewer.as_ref());
    if let (Some(id), Some(_)) = (query.report, &viewer) {
        let reported = threads
            .iter_mut()
            .flat_map(ThreadView::comments_mut)
            .find(|c| c.id == id && !c.mine);
        if let Some(c) = reported {
            c.report_open = true;
        }
    }
    let mut form = form;
    if let Some(id) = form.editing {
        let edited = threads
            .iter_mut()
            .flat_map(ThreadView::comments_mut)
            .find(|c| c.id == id && c.edit_source.is_some());
        if let Some(c) = edited {
            c.edit_source = Some(std::mem::take(&mut form.body));
            c.edit_error = form.error.take();
            c.edit_open = true;
        }
    }
    let view = PageView {
        layout: story.ctx.chrome(state, "comments", meta).await?,
        headline: story.article.headline.clone(),
        article_url: story.url.clone(),
        comments_url: base.clone(),
        comment_count: story.article.comment_count,
        threads,
        sorts,
        sort: sort.as_str(),
        more_url: page.next.map(|n| match query.thread {
            Some(root) => format!("{base}?thread={root}&after={}", n.encode()),
            None => format!("{base}?sort={}&after={}", sort.as_str(), n.encode()),
        }),
        first_url: (after.is_some() || query.thread.is_some())
            .then(|| format!("{base}?sort={}", sort.as_str())),
        open: settings.open_at(now),
        moderation: ModerationNote::new(&settings, &state.comment_policy),
        form,
        reader: reader_view,
        login_url: crate::urls::account_page("login", code.as_str(), &back),
        register_url: crate::urls::account_page("register", code.as_str(), &back),
        reasons: ReportReason::ALL.iter().map(|r| r.as_str()).collect(),
    };
    let mut response = story.ctx.render(state, "comments/page.html", &view)?;
    *response.status_mut() = status;
    let cache = if reader.is_some() {
        "private, no-store"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    Ok(response.into_response())
}

/// One thread as a page: its top comment and its replies after `after`.
async fn thread_page(
    state: &AppState,
    story: &Story,
    root_id: i64,
    after: Option<Cursor>,
) -> Result<CommentPage, PageError> {
    let root = state
        .store
        .comment_by_id(root_id)
        .await?
        .filter(|c| {
            c.article_id == story.article.id
                && c.parent_id.is_none()
                && c.status == CommentStatus::Published
        })
        .ok_or_else(|| PageError::not_found("comment"))?;
    let (replies, next) = state
        .store
        .thread_replies(root_id, after, THREAD_PAGE)
        .await?;
    Ok(CommentPage {
        threads: vec![CommentThread {
            comment: root,
            replies,
            more_replies: 0,
        }],
        next,
    })
}
