//! The outbox: the writes that make an event (a status move, a new public
//! story, a comment shown) call these on their own transaction, so a
//! delivery is queued exactly when the change commits. With no active hook
//! wanting the event and no WebSub hub, it costs one small query.
//!
//! The payload is what the event was about at that moment: the story's
//! numbers and names (and the comment's), never an address. The sender
//! adds addresses from the names (`dateline_web::webhooks::payload`).

use dateline_domain::UnixTime;
use serde_json::{json, Value};
use sqlx::{AnyConnection, Row};

use super::{parse_events, WebhookEvent};
use crate::comments::comment_on;
use crate::records::Article;
use crate::Result;

/// The active hooks that want `event`.
async fn hooks_wanting(conn: &mut AnyConnection, event: WebhookEvent) -> Result<Vec<i64>> {
    let rows = sqlx::query("SELECT id, events FROM webhooks WHERE active = 1 ORDER BY id")
        .fetch_all(&mut *conn)
        .await?;
    let mut ids = Vec::new();
    for row in rows {
        let events: String = row.try_get("events")?;
        if parse_events(&events).contains(&event) {
            ids.push(row.try_get("id")?);
        }
    }
    Ok(ids)
}

/// Whether the site names a WebSub hub (site settings, migration 0032).
async fn hub_configured(conn: &mut AnyConnection) -> Result<bool> {
    let hub: Option<Option<String>> =
        sqlx::query_scalar("SELECT websub_hub FROM site_settings WHERE id = 1")
            .fetch_optional(&mut *conn)
            .await?;
    Ok(hub.flatten().is_some_and(|h| !h.trim().is_empty()))
}

/// The story as every payload names it; `None` when it is gone.
async fn story_data(conn: &mut AnyConnection, article_id: i64) -> Result<Option<Value>> {
    let row = sqlx::query(
        "SELECT a.id, e.code AS edition, s.slug AS section, a.slug, a.headline, a.status, \
         a.version, a.published_at, a.updated_at \
         FROM articles a JOIN editions e ON e.id = a.edition_id \
         JOIN sections s ON s.id = a.section_id WHERE a.id = $1",
    )
    .bind(article_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    Ok(Some(json!({
        "id": row.try_get::<i64, _>("id")?,
        "edition": row.try_get::<String, _>("edition")?,
        "section": row.try_get::<String, _>("section")?,
        "slug": row.try_get::<String, _>("slug")?,
        "headline": row.try_get::<String, _>("headline")?,
        "status": row.try_get::<String, _>("status")?,
        "version": row.try_get::<i64, _>("version")?,
        "published_at": row.try_get::<Option<i64>, _>("published_at")?,
        "updated_at": row.try_get::<i64, _>("updated_at")?,
    })))
}

async fn insert_delivery(
    conn: &mut AnyConnection,
    webhook_id: Option<i64>,
    event: WebhookEvent,
    subject_id: i64,
    payload: &str,
    now: UnixTime,
) -> Result<i64> {
    let kind = if webhook_id.is_some() {
        "webhook"
    } else {
        "websub"
    };
    Ok(sqlx::query(
        "INSERT INTO webhook_deliveries (webhook_id, kind, event, subject_id, payload, \
         next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(webhook_id)
    .bind(kind)
    .bind(event.as_str())
    .bind(subject_id)
    .bind(payload)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")?)
}

/// Queues `event` about `article` (as it is after the change) for every
/// hook that wants it and, for a publication or a correction, a WebSub
/// ping when a hub is set. `correction` is the note a correction added.
pub(crate) async fn enqueue_article_event(
    conn: &mut AnyConnection,
    event: WebhookEvent,
    article: &Article,
    correction: Option<&str>,
    now: UnixTime,
) -> Result<()> {
    let hooks = hooks_wanting(conn, event).await?;
    let pings = matches!(
        event,
        WebhookEvent::ArticlePublished | WebhookEvent::ArticleCorrected
    ) && hub_configured(conn).await?;
    if hooks.is_empty() && !pings {
        return Ok(());
    }
    let Some(mut story) = story_data(conn, article.id).await? else {
        return Ok(());
    };
    story["tags"] = article.tags.iter().map(|t| t.slug.as_str()).collect();
    story["authors"] = article.authors.iter().map(|a| a.slug.as_str()).collect();
    let mut data = json!({ "article": story });
    if let Some(note) = correction {
        data["correction"] = json!({ "note": note, "created_at": now });
    }
    let payload = data.to_string();
    for hook in hooks {
        insert_delivery(conn, Some(hook), event, article.id, &payload, now).await?;
    }
    if pings {
        insert_delivery(conn, None, event, article.id, &payload, now).await?;
    }
    Ok(())
}

/// Queues `comment.posted` for comment `comment_id`, which just became
/// visible, for every hook that wants it.
pub(crate) async fn enqueue_comment_posted(
    conn: &mut AnyConnection,
    comment_id: i64,
    now: UnixTime,
) -> Result<()> {
    let hooks = hooks_wanting(conn, WebhookEvent::CommentPosted).await?;
    if hooks.is_empty() {
        return Ok(());
    }
    let comment = comment_on(conn, comment_id).await?;
    let Some(story) = story_data(conn, comment.article_id).await? else {
        return Ok(());
    };
    let payload = json!({
        "comment": {
            "id": comment.id,
            "author_name": comment.author_name,
            "body": comment.body_source,
            "parent_id": comment.parent_id,
            "created_at": comment.created_at,
        },
        "article": story,
    })
    .to_string();
    for hook in hooks {
        insert_delivery(
            conn,
            Some(hook),
            WebhookEvent::CommentPosted,
            comment.id,
            &payload,
            now,
        )
        .await?;
    }
    Ok(())
}

/// Queues a `ping` for hook `webhook_id` alone; its id.
pub(crate) async fn enqueue_ping(
    conn: &mut AnyConnection,
    webhook_id: i64,
    now: UnixTime,
) -> Result<i64> {
    let payload = json!({ "webhook_id": webhook_id }).to_string();
    insert_delivery(
        conn,
        Some(webhook_id),
        WebhookEvent::Ping,
        webhook_id,
        &payload,
        now,
    )
    .await
}
