//! Comment settings: moderation mode and closing period per section, the
//! per-article override, and the moderation word lists. Every change
//! writes a moderation log line and its staff audit entry in the same
//! transaction.

use dateline_domain::comment::{comments_open, CommentPolicy, ModerationMode, WordKind};
use dateline_domain::UnixTime;
use sqlx::{AnyConnection, Row};

use crate::audit::{record_audit_on, NewAudit};
use crate::editions::parse_col;
use crate::{events, Result, Store, StoreError};

/// Logs a rule change: a moderation log line (the audit's action and
/// actor, `what` as its text) and the audit entry itself.
async fn log_rule_change(conn: &mut AnyConnection, audit: &NewAudit, what: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO moderation_log (at, actor_user_id, action, reason) VALUES ($1, $2, $3, $4)",
    )
    .bind(audit.at)
    .bind(audit.actor_user_id)
    .bind(&audit.action)
    .bind(what)
    .execute(&mut *conn)
    .await?;
    record_audit_on(conn, audit).await?;
    Ok(())
}

fn describe_mode(mode: Option<ModerationMode>) -> &'static str {
    mode.map_or("section", ModerationMode::as_str)
}

/// A section's rules; sections without a row are post-moderated and never close.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionCommentSettings {
    pub section_id: i64,
    pub mode: ModerationMode,
    pub close_after_days: Option<i64>,
}

/// An article's override of its section's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ArticleCommentSettings {
    pub mode: Option<ModerationMode>,
    pub closed: bool,
}

/// The rules in force for one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentSettings {
    pub mode: ModerationMode,
    /// Closed by an editor.
    pub closed: bool,
    pub close_after_days: Option<i64>,
    pub published_at: Option<UnixTime>,
    /// The story's edition's hold of new accounts' comments, in seconds,
    /// when the edition sets one (else the site's policy holds).
    pub new_account_secs: Option<i64>,
}

impl CommentSettings {
    /// The site's `policy` with the edition's hold of new accounts in it.
    pub fn policy(&self, site: &CommentPolicy) -> CommentPolicy {
        CommentPolicy {
            new_account_secs: self.new_account_secs.unwrap_or(site.new_account_secs),
            ..site.clone()
        }
    }

    /// Whether the story takes comments at `now`.
    pub fn open_at(&self, now: UnixTime) -> bool {
        comments_open(self.closed, self.published_at, self.close_after_days, now)
    }
}

/// A word on a moderation list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModerationWord {
    pub id: i64,
    pub word: String,
    pub kind: WordKind,
}

impl Store {
    /// The rules in force for an article: its override, else its section's,
    /// else its edition's, else post-moderation with no closing period.
    /// `NotFound` for no article.
    pub async fn comment_settings(&self, article_id: i64) -> Result<CommentSettings> {
        let row = sqlx::query(
            "SELECT a.published_at, s.mode AS s_mode, s.close_after_days, o.mode AS o_mode, \
             COALESCE(o.closed, 0) AS closed, e.comment_mode AS e_mode, \
             e.new_account_hold_hours FROM articles a \
             JOIN editions e ON e.id = a.edition_id \
             LEFT JOIN section_comment_settings s ON s.section_id = a.section_id \
             LEFT JOIN article_comment_settings o ON o.article_id = a.id WHERE a.id = $1",
        )
        .bind(article_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        let mode_of = |col: &str| -> Result<Option<ModerationMode>> {
            let raw: Option<String> = row.try_get(col)?;
            raw.map(|m| {
                m.parse()
                    .map_err(|e: dateline_domain::ParseError| StoreError::Corrupt {
                        table: "comment settings",
                        detail: e.to_string(),
                    })
            })
            .transpose()
        };
        let closed: i64 = row.try_get("closed")?;
        Ok(CommentSettings {
            mode: mode_of("o_mode")?
                .or(mode_of("s_mode")?)
                .or(mode_of("e_mode")?)
                .unwrap_or(ModerationMode::Post),
            closed: closed == 1,
            close_after_days: row.try_get("close_after_days")?,
            published_at: row.try_get("published_at")?,
            new_account_secs: row
                .try_get::<Option<i64>, _>("new_account_hold_hours")?
                .map(|hours| hours * 3600),
        })
    }

    /// Every section's rules (defaults for sections without a row), by section id.
    pub async fn section_comment_settings(&self) -> Result<Vec<SectionCommentSettings>> {
        let rows = sqlx::query(
            "SELECT x.id AS section_id, COALESCE(s.mode, 'post') AS mode, s.close_after_days \
             FROM sections x LEFT JOIN section_comment_settings s ON s.section_id = x.id ORDER BY x.id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(SectionCommentSettings {
                    section_id: row.try_get("section_id")?,
                    mode: parse_col(row, "mode", "section_comment_settings")?,
                    close_after_days: row.try_get("close_after_days")?,
                })
            })
            .collect()
    }

    /// Sets a section's rules; purges the site (every story's form may open
    /// or close). `audit` is the staff entry logged with it.
    pub async fn set_section_comment_settings(
        &self,
        s: &SectionCommentSettings,
        audit: &NewAudit,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO section_comment_settings (section_id, mode, close_after_days) VALUES ($1, $2, $3) \
             ON CONFLICT (section_id) DO UPDATE SET mode = excluded.mode, close_after_days = excluded.close_after_days",
        )
        .bind(s.section_id)
        .bind(s.mode.as_str())
        .bind(s.close_after_days)
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_constraint("section"))?;
        let days = s
            .close_after_days
            .map_or_else(|| "never".to_owned(), |d| format!("{d} days"));
        let what = format!(
            "section {}: {}, closes after {days}",
            s.section_id,
            s.mode.as_str()
        );
        log_rule_change(&mut tx, audit, &what).await?;
        let events = vec![events::Event::purge(
            self.node_id(),
            [
                events::CacheKey::Section(s.section_id),
                events::CacheKey::Site,
            ],
        )];
        let staged = self.stage_events(&mut tx, events).await?;
        tx.commit().await?;
        staged.deliver();
        Ok(())
    }

    /// Sets an article's override and purges its page; `audit` is the
    /// staff entry logged with it.
    pub async fn set_article_comment_settings(
        &self,
        article_id: i64,
        s: ArticleCommentSettings,
        audit: &NewAudit,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO article_comment_settings (article_id, mode, closed) VALUES ($1, $2, $3) \
             ON CONFLICT (article_id) DO UPDATE SET mode = excluded.mode, closed = excluded.closed",
        )
        .bind(article_id)
        .bind(s.mode.map(ModerationMode::as_str))
        .bind(i64::from(s.closed))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_constraint("article"))?;
        let what = format!(
            "article {article_id}: {}{}",
            describe_mode(s.mode),
            if s.closed { ", closed" } else { "" }
        );
        log_rule_change(&mut tx, audit, &what).await?;
        let events = events::comments_changed(self.node_id(), article_id);
        let staged = self.stage_events(&mut tx, events).await?;
        tx.commit().await?;
        staged.deliver();
        Ok(())
    }

    /// Both word lists, alphabetical.
    pub async fn moderation_words(&self) -> Result<Vec<ModerationWord>> {
        let mut conn = self.pool.acquire().await?;
        moderation_words_on(&mut conn).await
    }

    /// Adds a (normalised) word to a list, or moves it to that list;
    /// `audit` (its time is the word's) is logged with it.
    pub async fn add_moderation_word(
        &self,
        word: &str,
        kind: WordKind,
        audit: &NewAudit,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO moderation_words (word, kind, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (word) DO UPDATE SET kind = excluded.kind",
        )
        .bind(word)
        .bind(kind.as_str())
        .bind(audit.at)
        .execute(&mut *tx)
        .await?;
        log_rule_change(&mut tx, audit, &format!("{}: {word}", kind.as_str())).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes a word from the lists; `NotFound` when it is not there.
    pub async fn remove_moderation_word(&self, id: i64, audit: &NewAudit) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query("DELETE FROM moderation_words WHERE id = $1 RETURNING word, kind")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let word: String = row.try_get("word")?;
        let kind: String = row.try_get("kind")?;
        log_rule_change(&mut tx, audit, &format!("{kind}: {word}")).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The word lists on the caller's connection, by word.
pub(crate) async fn moderation_words_on(
    conn: &mut sqlx::AnyConnection,
) -> Result<Vec<ModerationWord>> {
    let rows = sqlx::query("SELECT id, word, kind FROM moderation_words ORDER BY word")
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|row| {
            Ok(ModerationWord {
                id: row.try_get("id")?,
                word: row.try_get("word")?,
                kind: parse_col(row, "kind", "moderation_words")?,
            })
        })
        .collect()
}
