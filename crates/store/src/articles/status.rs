//! Moving an article through the workflow (schedule, publish, correct,
//! unpublish, …), and the scheduler's "publish what is due".

use dateline_domain::{ArticleStatus, ParseError, UnixTime, CORRECTION_MAX_CHARS};
use sqlx::Row;

use super::pictures::{linked_media, shift_public_uses};
use super::relations::{shift_visibility, sync_join_rows};
use super::revisions::record_revision;
use super::{flag, load_article, ArticleKey};
use crate::audit::record_audit_on;
use crate::editions::parse_col;
use crate::records::{Article, RevisionKind, StatusChange};
use crate::search::{article_and_pictures, note_search_changes};
use crate::webhooks::{enqueue_article_event, WebhookEvent};
use crate::{Result, Store, StoreError};

/// How often a status change re-reads the article after losing a race with
/// another save before giving up with `Conflict`.
const ATTEMPTS: usize = 5;

struct Current {
    edition_id: i64,
    section_id: i64,
    status: ArticleStatus,
    published_at: Option<UnixTime>,
    scheduled_at: Option<UnixTime>,
    version: i64,
}

/// What a move checks before it happens.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rules {
    /// Any status to any status: fixtures, imports, the demo.
    Any,
    /// The newsroom's workflow (`ArticleStatus::can_move_to`), with a
    /// publication time for scheduling and a note for corrections.
    Workflow,
    /// The scheduler: only a scheduled article whose time has come.
    Due,
}

fn invalid(field: &'static str, code: &'static str, message: String) -> StoreError {
    StoreError::Invalid(ParseError::new(field, code, message))
}

/// A retired edition takes no new publication (nor a schedule): its
/// stories stay as they are, an archive. Scheduled stories of a retired
/// edition wait (`publish_due` skips them) until it is restored.
async fn refuse_in_retired_edition(conn: &mut sqlx::AnyConnection, edition_id: i64) -> Result<()> {
    let retired: Option<Option<i64>> =
        sqlx::query_scalar("SELECT retired_at FROM editions WHERE id = $1")
            .bind(edition_id)
            .fetch_optional(&mut *conn)
            .await?;
    if retired.flatten().is_some() {
        return Err(invalid(
            "edition",
            "edition_retired",
            "the edition is retired: its stories cannot be published".into(),
        ));
    }
    Ok(())
}

/// The correction note, trimmed, when the change needs one.
fn correction_note(change: &StatusChange, rules: Rules) -> Result<Option<String>> {
    let note = change
        .correction
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    if change.status != ArticleStatus::Corrected {
        return Ok(None);
    }
    match note {
        None if rules == Rules::Workflow => Err(invalid(
            "correction",
            "correction_required",
            "a correction needs a note saying what was corrected".into(),
        )),
        Some(note) if note.chars().count() > CORRECTION_MAX_CHARS => Err(invalid(
            "correction",
            "too_long",
            format!("a correction note has at most {CORRECTION_MAX_CHARS} characters"),
        )),
        note => Ok(note.map(str::to_owned)),
    }
}

impl Store {
    async fn status_state(&self, id: i64) -> Result<Current> {
        let row = sqlx::query(
            "SELECT edition_id, section_id, status, published_at, scheduled_at, version \
             FROM articles WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(Current {
            edition_id: row.try_get("edition_id")?,
            section_id: row.try_get("section_id")?,
            status: parse_col(&row, "status", "articles")?,
            published_at: row.try_get("published_at")?,
            scheduled_at: row.try_get("scheduled_at")?,
            version: row.try_get("version")?,
        })
    }

    /// Moves an article to `status`, whatever its current status. Entering a
    /// public status for the first time sets `published_at = now`;
    /// `updated_at = now` always; version is bumped. Counters (edition,
    /// section, tags, authors, the pictures' public uses) change exactly
    /// when visibility changes.
    ///
    /// "For the first time" means no publication time is stored yet: an
    /// article taken down and republished keeps its original time. There is
    /// no version check for the caller; a concurrent save makes the change
    /// retry on the fresh state. Unknown article → `NotFound`.
    pub async fn set_article_status(
        &self,
        id: i64,
        status: ArticleStatus,
        now: UnixTime,
    ) -> Result<Article> {
        self.move_article(id, &StatusChange::to(status), now, Rules::Any)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// A move the newsroom's workflow allows (`ArticleStatus::can_move_to`,
    /// else `Invalid` with code `invalid_transition`). Scheduling needs
    /// `scheduled_at` (`scheduled_at_required`); correcting needs a note
    /// (`correction_required`), stored as a dated correction shown to
    /// readers. The move is recorded as a revision by `change.actor`.
    pub async fn change_status(
        &self,
        id: i64,
        change: &StatusChange,
        now: UnixTime,
    ) -> Result<Article> {
        self.move_article(id, change, now, Rules::Workflow)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Publishes the scheduled articles whose time has come, oldest first,
    /// at most `limit`, and returns them. Safe to run on several nodes at
    /// once: each article is published by exactly one caller (the write is
    /// guarded by the version read, and a loser re-reads and finds the
    /// article no longer scheduled).
    pub async fn publish_due(&self, now: UnixTime, limit: u32) -> Result<Vec<Article>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT a.id FROM articles a JOIN editions e ON e.id = a.edition_id \
             WHERE a.status = 'scheduled' AND a.scheduled_at <= $1 AND e.retired_at IS NULL \
             ORDER BY a.scheduled_at, a.id LIMIT $2",
        )
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let mut published = Vec::with_capacity(ids.len());
        for id in ids {
            match self
                .move_article(
                    id,
                    &StatusChange::to(ArticleStatus::Published),
                    now,
                    Rules::Due,
                )
                .await
            {
                Ok(Some(article)) => published.push(article),
                Ok(None) | Err(StoreError::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(published)
    }

    /// The next time the scheduler has work, if any.
    pub async fn next_scheduled_at(&self) -> Result<Option<UnixTime>> {
        Ok(
            sqlx::query_scalar("SELECT MIN(scheduled_at) FROM articles WHERE status = 'scheduled'")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// `Ok(None)`: under `Rules::Due`, the article was no longer due.
    async fn move_article(
        &self,
        id: i64,
        change: &StatusChange,
        now: UnixTime,
        rules: Rules,
    ) -> Result<Option<Article>> {
        let status = change.status;
        let note = correction_note(change, rules)?;
        let scheduled_at = match (status, change.scheduled_at) {
            (ArticleStatus::Scheduled, Some(at)) => Some(at),
            (ArticleStatus::Scheduled, None) if rules == Rules::Workflow => {
                return Err(invalid(
                    "scheduled_at",
                    "scheduled_at_required",
                    "scheduling needs a publication time".into(),
                ))
            }
            _ => None,
        };
        let kind = match rules {
            Rules::Due => RevisionKind::PublishedBySchedule,
            _ if note.is_some() => RevisionKind::Corrected,
            _ => RevisionKind::Status,
        };
        for _ in 0..ATTEMPTS {
            let current = self.status_state(id).await?;
            match rules {
                Rules::Any => {}
                Rules::Workflow if current.status.can_move_to(status) => {}
                Rules::Workflow => {
                    return Err(invalid(
                        "status",
                        "invalid_transition",
                        format!("an article cannot go from {} to {status}", current.status),
                    ))
                }
                Rules::Due => {
                    let due = current.status == ArticleStatus::Scheduled
                        && current.scheduled_at.is_some_and(|at| at <= now);
                    if !due {
                        return Ok(None);
                    }
                }
            }
            let was_public = current.status.is_public();
            let public = status.is_public();
            let published_at = match current.published_at {
                None if public => Some(now),
                kept => kept,
            };

            let mut tx = self.begin_write().await?;
            if (public && !was_public) || status == ArticleStatus::Scheduled {
                refuse_in_retired_edition(&mut tx, current.edition_id).await?;
            }
            // The version guard makes `current` the state being replaced.
            let done = sqlx::query(
                "UPDATE articles SET status = $1, is_public = $2, published_at = $3, updated_at = $4, \
                 scheduled_at = $5, version = version + 1 WHERE id = $6 AND version = $7",
            )
            .bind(status.as_str())
            .bind(flag(public))
            .bind(published_at)
            .bind(now)
            .bind(scheduled_at)
            .bind(id)
            .bind(current.version)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                continue;
            }
            if public != was_public || published_at != current.published_at {
                sync_join_rows(&mut tx, id, published_at, public).await?;
            }
            let mut flipped = Vec::new();
            if public != was_public {
                let delta = if public { 1 } else { -1 };
                shift_visibility(&mut tx, id, current.edition_id, current.section_id, delta)
                    .await?;
                flipped = shift_public_uses(&mut tx, id, delta).await?;
            }
            if let Some(note) = &note {
                sqlx::query(
                    "INSERT INTO article_corrections (article_id, note, created_by, created_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(note)
                .bind(change.actor)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            let article = load_article(&mut tx, ArticleKey::Id(id))
                .await?
                .ok_or(StoreError::NotFound)?;
            record_revision(&mut tx, &article, kind, change.actor, now).await?;
            if let Some(audit) = &change.audit {
                record_audit_on(&mut tx, audit).await?;
            }
            // Webhooks and WebSub pings, queued with the change (the outbox).
            let hook_event = match (was_public, public) {
                (false, true) => Some(WebhookEvent::ArticlePublished),
                (true, true) if note.is_some() => Some(WebhookEvent::ArticleCorrected),
                (true, false) => Some(WebhookEvent::ArticleUnpublished),
                _ => None,
            };
            if let Some(event) = hook_event {
                enqueue_article_event(&mut tx, event, &article, note.as_deref(), now).await?;
            }
            let mut events = crate::events::status_changed(self.node_id(), was_public, &article);
            crate::media::purge_flipped(&mut events, self.node_id(), &flipped);
            // The pictures' lists of stories show the story's visibility.
            let pictures = linked_media(&mut tx, id).await?;
            let changes = article_and_pictures(id, &pictures);
            note_search_changes(&mut tx, self.backend, &changes, now).await?;
            let staged = self.stage_events(&mut tx, events).await?;
            tx.commit().await?;
            staged.deliver();
            return Ok(Some(article));
        }
        Err(StoreError::Conflict { what: "article" })
    }
}
