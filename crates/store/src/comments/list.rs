//! Keyset pages of a story's published comments, threads two levels deep,
//! and the moderation queues. Every page is one index range scan from the
//! cursor on, so the 1,000th page costs what the first does.

use dateline_domain::comment::CommentSort;

use super::{comment_from_row, Comment, COMMENT_COLUMNS, COMMENT_FROM};
use crate::{Cursor, Result, Store};

/// Most top-level comments on one page.
const MAX_PAGE: u32 = 100;
/// Replies shown under one top-level comment on a listing page; the rest
/// are on the thread's own page.
pub const REPLIES_SHOWN: i64 = 20;

/// A page of a story's top-level comments in `sort` order after `after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentQuery {
    pub article_id: i64,
    pub sort: CommentSort,
    pub after: Option<Cursor>,
    pub limit: u32,
}

/// A level-1 reply with the level-2 replies shown under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyBranch {
    pub comment: Comment,
    pub replies: Vec<Comment>,
}

/// A top-level comment with the first of its replies, two levels deep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentThread {
    pub comment: Comment,
    pub replies: Vec<ReplyBranch>,
    /// Replies not shown here (see [`Store::thread_replies`]).
    pub more_replies: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentPage {
    pub threads: Vec<CommentThread>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<Cursor>,
}

/// The sort's key column and direction.
fn sort_key(sort: CommentSort) -> (&'static str, bool) {
    match sort {
        CommentSort::Newest => ("c.created_at", true),
        CommentSort::Oldest => ("c.created_at", false),
        CommentSort::MostReplies => ("c.reply_count", true),
        CommentSort::MostLiked => ("c.like_count", true),
    }
}

fn key_of(c: &Comment, sort: CommentSort) -> i64 {
    match sort {
        CommentSort::Newest | CommentSort::Oldest => c.created_at,
        CommentSort::MostReplies => c.reply_count,
        CommentSort::MostLiked => c.like_count,
    }
}

/// The top-level listing; binds `$1` article, then cursor `$2, $3`, then limit.
fn top_sql(sort: CommentSort, with_cursor: bool) -> String {
    let (key, desc) = sort_key(sort);
    let (cmp, bound, dir) = if desc {
        ("<", "<=", "DESC")
    } else {
        (">", ">=", "ASC")
    };
    // The redundant bound on the key keeps the scan an index range.
    let (keyset, limit) = if with_cursor {
        (
            format!(" AND {key} {bound} $2 AND ({key} {cmp} $2 OR ({key} = $2 AND c.id {cmp} $3))"),
            "$4",
        )
    } else {
        (String::new(), "$2")
    };
    format!(
        "SELECT {COMMENT_COLUMNS} FROM {COMMENT_FROM} WHERE c.article_id = $1 \
         AND c.status = 'published' AND c.parent_id IS NULL{keyset} \
         ORDER BY {key} {dir}, c.id {dir} LIMIT {limit}"
    )
}

/// Nests a thread's replies (oldest first) under their level-1 parents.
fn branches(replies: Vec<Comment>) -> Vec<ReplyBranch> {
    let mut out: Vec<ReplyBranch> = Vec::new();
    for reply in replies {
        if reply.depth == 1 {
            out.push(ReplyBranch {
                comment: reply,
                replies: Vec::new(),
            });
        } else if let Some(branch) = out
            .iter_mut()
            .find(|b| Some(b.comment.id) == reply.parent_id)
        {
            branch.replies.push(reply);
        }
    }
    out
}

impl Store {
    /// One page of a story's published top-level comments with their first
    /// replies; `limit` is clamped to 1..=100.
    pub async fn list_comments(&self, query: &CommentQuery) -> Result<CommentPage> {
        let limit = query.limit.clamp(1, MAX_PAGE);
        let sql = top_sql(query.sort, query.after.is_some());
        let mut q = sqlx::query(&sql).bind(query.article_id);
        if let Some(after) = query.after {
            q = q.bind(after.time).bind(after.id);
        }
        let rows = q.bind(i64::from(limit) + 1).fetch_all(&self.pool).await?;
        let mut tops = rows
            .iter()
            .map(comment_from_row)
            .collect::<Result<Vec<_>>>()?;
        let next = if tops.len() > limit as usize {
            tops.truncate(limit as usize);
            tops.last().map(|c| Cursor {
                time: key_of(c, query.sort),
                id: c.id,
            })
        } else {
            None
        };
        let mut replies = self.first_replies(&tops).await?;
        let threads = tops
            .into_iter()
            .map(|comment| {
                let mine: Vec<Comment> = replies.take_thread(comment.id).collect();
                let replies = branches(mine);
                let placed: i64 = replies.iter().map(|b| 1 + b.replies.len() as i64).sum();
                CommentThread {
                    more_replies: (comment.reply_count - placed).max(0),
                    comment,
                    replies,
                }
            })
            .collect();
        Ok(CommentPage { threads, next })
    }

    /// Up to [`REPLIES_SHOWN`] published replies of each given top-level
    /// comment, oldest first.
    async fn first_replies(&self, tops: &[Comment]) -> Result<Replies> {
        let with_replies: Vec<i64> = tops
            .iter()
            .filter(|c| c.reply_count > 0)
            .map(|c| c.id)
            .collect();
        if with_replies.is_empty() {
            return Ok(Replies(Vec::new()));
        }
        let binds = (2..with_replies.len() + 2)
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT * FROM (SELECT {COMMENT_COLUMNS}, ROW_NUMBER() OVER \
             (PARTITION BY c.root_id ORDER BY c.created_at, c.id) AS rn FROM {COMMENT_FROM} \
             WHERE c.status = 'published' AND c.root_id IN ({binds})) t \
             WHERE t.rn <= $1 ORDER BY t.root_id, t.created_at, t.id"
        );
        let mut q = sqlx::query(&sql).bind(REPLIES_SHOWN);
        for id in &with_replies {
            q = q.bind(*id);
        }
        let rows = q.fetch_all(&self.pool).await?;
        Ok(Replies(
            rows.iter()
                .map(comment_from_row)
                .collect::<Result<Vec<_>>>()?,
        ))
    }

    /// A thread's published replies, oldest first, after reply `after_id`
    /// (0 for the start), at most `limit` (clamped to 1..=100), nested as on
    /// a listing; and whether more follow.
    pub async fn thread_replies(
        &self,
        root_id: i64,
        after: Option<Cursor>,
        limit: u32,
    ) -> Result<(Vec<ReplyBranch>, Option<Cursor>)> {
        let limit = limit.clamp(1, MAX_PAGE);
        let (t, i) = after.map_or((i64::MIN, 0), |c| (c.time, c.id));
        let sql = format!(
            "SELECT {COMMENT_COLUMNS} FROM {COMMENT_FROM} WHERE c.root_id = $1 AND c.status = 'published' \
             AND c.created_at >= $2 AND (c.created_at > $2 OR c.id > $3) \
             ORDER BY c.created_at, c.id LIMIT $4"
        );
        let rows = sqlx::query(&sql)
            .bind(root_id)
            .bind(t)
            .bind(i)
            .bind(i64::from(limit) + 1)
            .fetch_all(&self.pool)
            .await?;
        let mut replies = rows
            .iter()
            .map(comment_from_row)
            .collect::<Result<Vec<_>>>()?;
        let next = if replies.len() > limit as usize {
            replies.truncate(limit as usize);
            replies.last().map(|c| Cursor {
                time: c.created_at,
                id: c.id,
            })
        } else {
            None
        };
        Ok((branches(replies), next))
    }
}

/// Replies fetched for a page, handed out per thread.
struct Replies(Vec<Comment>);

impl Replies {
    fn take_thread(&mut self, root: i64) -> impl Iterator<Item = Comment> {
        let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.0)
            .into_iter()
            .partition(|c| c.root_id == Some(root));
        self.0 = rest;
        mine.into_iter()
    }
}

/// A moderation queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueKind {
    /// Held for review.
    Pending,
    /// Published with open reports.
    Reported,
    Rejected,
}

impl QueueKind {
    fn filter(self) -> &'static str {
        match self {
            QueueKind::Pending => "c.status = 'pending'",
            QueueKind::Reported => "c.report_count > 0 AND c.status = 'published'",
            QueueKind::Rejected => "c.status = 'rejected'",
        }
    }
}

/// A queue page, newest first, with the story each comment is under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuePage {
    pub items: Vec<(Comment, String)>,
    /// `before` for the next page.
    pub next_before: Option<i64>,
}

impl Store {
    /// A moderation queue, newest first, ids below `before` (when given);
    /// each comment with its story's headline. `limit` is clamped to 1..=100.
    pub async fn comment_queue(
        &self,
        kind: QueueKind,
        before: Option<i64>,
        limit: u32,
    ) -> Result<QueuePage> {
        let limit = limit.clamp(1, MAX_PAGE);
        let sql = format!(
            "SELECT {COMMENT_COLUMNS}, a.headline FROM {COMMENT_FROM} JOIN articles a ON a.id = c.article_id \
             WHERE {} AND c.id < $1 ORDER BY c.id DESC LIMIT $2",
            kind.filter()
        );
        let rows = sqlx::query(&sql)
            .bind(before.unwrap_or(i64::MAX))
            .bind(i64::from(limit) + 1)
            .fetch_all(&self.pool)
            .await?;
        let mut items = Vec::with_capacity(rows.len());
        for row in &rows {
            items.push((
                comment_from_row(row)?,
                sqlx::Row::try_get::<String, _>(row, "headline")?,
            ));
        }
        let next_before = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items.last().map(|(c, _)| c.id)
        } else {
            None
        };
        Ok(QueuePage { items, next_before })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyset_sql_follows_the_sort() {
        let sql = top_sql(CommentSort::Oldest, true);
        assert!(
            sql.contains(
                "c.created_at >= $2 AND (c.created_at > $2 OR (c.created_at = $2 AND c.id > $3))"
            ),
            "{sql}"
        );
        assert!(
            sql.ends_with("ORDER BY c.created_at ASC, c.id ASC LIMIT $4"),
            "{sql}"
        );
        let sql = top_sql(CommentSort::MostLiked, false);
        assert!(
            sql.ends_with("ORDER BY c.like_count DESC, c.id DESC LIMIT $2"),
            "{sql}"
        );
    }
}
