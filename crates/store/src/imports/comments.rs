//! Imported comments: written by no account of this site, so they belong
//! to one placeholder reader (whose address, under `.invalid`, can neither
//! sign in nor receive mail) and show the name the old site kept
//! (`comments.guest_name`). Threads keep their shape within the site's three
//! levels: a reply deeper than that sits beside its parent, answering it.

use std::collections::HashMap;

use dateline_domain::comment::CommentStatus;
use dateline_domain::UnixTime;
use sqlx::{AnyConnection, Row};

use super::{record_on, ImportKind};
use crate::comments::{comment_on, count_visibility, lock_comments_of, reply_place};
use crate::Result;

/// The reader imported comments are filed under.
const IMPORTED_READER_EMAIL: &str = "imported-comments@readers.invalid";

/// One comment from another system, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedComment {
    /// The source's id, unique within the source.
    pub key: String,
    /// The comment it answers, by key (imported in this run or before).
    pub parent_key: Option<String>,
    pub author_name: String,
    /// Plain text, for the moderators' views and search.
    pub body_source: String,
    /// Sanitised HTML, as pages show it.
    pub body_html: String,
    pub status: CommentStatus,
    pub status_reason: String,
    pub created_at: UnixTime,
}

/// Where a stored comment sits, for placing its replies.
#[derive(Debug, Clone, Copy)]
struct Placed {
    id: i64,
    depth: i64,
    parent_id: Option<i64>,
    root_id: Option<i64>,
}

async fn imported_reader(conn: &mut AnyConnection, now: UnixTime) -> Result<i64> {
    sqlx::query(
        "INSERT INTO readers (email, display_name, language, created_at) \
         VALUES ($1, 'Imported comments', 'en', $2) ON CONFLICT (email) DO NOTHING",
    )
    .bind(IMPORTED_READER_EMAIL)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(sqlx::query("SELECT id FROM readers WHERE email = $1")
        .bind(IMPORTED_READER_EMAIL)
        .fetch_one(&mut *conn)
        .await?
        .try_get("id")?)
}

async fn placed(conn: &mut AnyConnection, source: &str, key: &str) -> Result<Option<Placed>> {
    let row = sqlx::query(
        "SELECT c.id, c.depth, c.parent_id, c.root_id FROM import_items i \
         JOIN comments c ON c.id = i.target_id \
         WHERE i.source = $1 AND i.kind = 'comment' AND i.source_key = $2",
    )
    .bind(source)
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|row| {
        Ok(Placed {
            id: row.try_get("id")?,
            depth: row.try_get("depth")?,
            parent_id: row.try_get("parent_id")?,
            root_id: row.try_get("root_id")?,
        })
    })
    .transpose()
}

/// Writes the comments of `article_id` not imported before, parents first,
/// on the caller's transaction, and returns how many it wrote and whether
/// one of them is published. `fresh` says the article is new, so none can
/// have been imported before.
pub(crate) async fn insert_comments(
    conn: &mut AnyConnection,
    source: &str,
    article_id: i64,
    comments: &[ImportedComment],
    fresh: bool,
    now: UnixTime,
) -> Result<(usize, bool)> {
    if comments.is_empty() {
        return Ok((0, false));
    }
    let reader_id = imported_reader(conn, now).await?;
    lock_comments_of(conn, article_id).await?;
    let mut done: HashMap<&str, Placed> = HashMap::new();
    let mut todo: Vec<&ImportedComment> = Vec::new();
    for c in comments {
        match (fresh, done.contains_key(c.key.as_str())) {
            (_, true) => {}
            (false, false) => match placed(conn, source, &c.key).await? {
                Some(p) => {
                    done.insert(c.key.as_str(), p);
                }
                None => todo.push(c),
            },
            (true, false) => todo.push(c),
        }
    }
    let known: std::collections::HashSet<&str> = comments.iter().map(|c| c.key.as_str()).collect();
    let (mut written, mut shown) = (0, false);
    // Parents first: each round writes those whose parent is placed (or
    // missing from the export, as a deleted comment's replies are).
    while !todo.is_empty() {
        let before = todo.len();
        let mut waiting = Vec::new();
        for c in todo {
            let parent = match c.parent_key.as_deref() {
                None => None,
                Some(key) => match done.get(key) {
                    Some(p) => Some(*p),
                    None if known.contains(key) => {
                        waiting.push(c);
                        continue;
                    }
                    None => placed(conn, source, key).await?,
                },
            };
            let p = insert_one(conn, source, article_id, reader_id, c, parent, now).await?;
            written += 1;
            shown |= c.status == CommentStatus::Published;
            done.insert(c.key.as_str(), p);
        }
        if waiting.len() == before {
            // A cycle of parents: what is left starts its own threads.
            for c in waiting.drain(..) {
                let p = insert_one(conn, source, article_id, reader_id, c, None, now).await?;
                written += 1;
                shown |= c.status == CommentStatus::Published;
                done.insert(c.key.as_str(), p);
            }
        }
        todo = waiting;
    }
    Ok((written, shown))
}

async fn insert_one(
    conn: &mut AnyConnection,
    source: &str,
    article_id: i64,
    reader_id: i64,
    c: &ImportedComment,
    parent: Option<Placed>,
    now: UnixTime,
) -> Result<Placed> {
    let (parent_id, root_id, depth) = match parent {
        None => (None, None, 0),
        Some(p) => reply_place(p.id, p.depth, p.parent_id, p.root_id),
    };
    let id: i64 = sqlx::query(
        "INSERT INTO comments (article_id, reader_id, parent_id, reply_to_id, root_id, depth, \
         body_source, body_html, status, status_reason, created_at, guest_name) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(article_id)
    .bind(reader_id)
    .bind(parent_id)
    .bind(parent.map(|p| p.id))
    .bind(root_id)
    .bind(depth)
    .bind(&c.body_source)
    .bind(&c.body_html)
    .bind(c.status.as_str())
    .bind(&c.status_reason)
    .bind(c.created_at)
    .bind(&c.author_name)
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")?;
    if c.status == CommentStatus::Published {
        let stored = comment_on(conn, id).await?;
        count_visibility(conn, &stored, 1).await?;
    }
    record_on(conn, source, ImportKind::Comment, &c.key, id, "", now).await?;
    Ok(Placed {
        id,
        depth,
        parent_id,
        root_id,
    })
}
