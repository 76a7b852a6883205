//! Front-page curation: an edition's arrangement (top slots, the lead
//! first, and stories pinned per section), read in one statement and
//! replaced whole in one transaction guarded by its version.
//!
//! Two editors saving at once: each save names the version it was read
//! at; the first to commit moves it on and the other is refused
//! (`Conflict`), changing nothing. On PostgreSQL the version row's update
//! waits for the other transaction and then finds the version moved; on
//! SQLite writers queue behind `BEGIN IMMEDIATE`.

use std::collections::HashMap;

use dateline_domain::{FrontLayout, ParseError, SectionPins, UnixTime};
use serde_json::json;
use sqlx::{AnyConnection, Row};

use crate::articles::placeholders;
use crate::audit::{record_audit_on, NewAudit};
use crate::events::{CacheKey, Event};
use crate::{Result, Store, StoreError};

/// An edition's front page as arranged, with the version a save must name.
/// Version 0: never arranged (newest first everywhere).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontArrangement {
    pub edition_id: i64,
    pub version: i64,
    /// When it was last saved; `None` when never.
    pub updated_at: Option<UnixTime>,
    pub layout: FrontLayout,
}

/// Slots and pins of one edition, with the version row, in one statement
/// so that a save in between cannot be half seen. Kind -1 is the version
/// row (section_id = version, position = updated_at), 0 a top slot, 1 a pin.
const READ: &str = "\
    SELECT CAST(-1 AS BIGINT) AS kind, version AS section_id, updated_at AS position, \
           CAST(0 AS BIGINT) AS article_id \
      FROM front_pages WHERE edition_id = $1 \
    UNION ALL \
    SELECT CAST(0 AS BIGINT), CAST(0 AS BIGINT), position, article_id \
      FROM front_slots WHERE edition_id = $1 \
    UNION ALL \
    SELECT CAST(1 AS BIGINT), p.section_id, p.position, p.article_id \
      FROM front_pins p JOIN sections s ON s.id = p.section_id WHERE s.edition_id = $1 \
    ORDER BY 1, 2, 3";

async fn read_on(conn: &mut AnyConnection, edition_id: i64) -> Result<FrontArrangement> {
    let rows = sqlx::query(READ)
        .bind(edition_id)
        .fetch_all(&mut *conn)
        .await?;
    let mut version = 0;
    let mut updated_at = None;
    let mut top = Vec::new();
    let mut pins: Vec<SectionPins> = Vec::new();
    for row in rows {
        let kind: i64 = row.try_get(0)?;
        let section_id: i64 = row.try_get(1)?;
        let position: i64 = row.try_get(2)?;
        let article_id: i64 = row.try_get(3)?;
        match kind {
            -1 => {
                version = section_id;
                updated_at = Some(position);
            }
            0 => top.push(article_id),
            _ => match pins.last_mut() {
                Some(last) if last.section_id == section_id => last.article_ids.push(article_id),
                _ => pins.push(SectionPins {
                    section_id,
                    article_ids: vec![article_id],
                }),
            },
        }
    }
    let layout = FrontLayout::new(top, pins).map_err(|e| StoreError::Corrupt {
        table: "front_slots",
        detail: e.message,
    })?;
    Ok(FrontArrangement {
        edition_id,
        version,
        updated_at,
        layout,
    })
}

impl Store {
    /// The arrangement of an edition's front page (empty, version 0, when
    /// nobody arranged it). Stories are named whatever their status: the
    /// reader site shows only the public ones.
    pub async fn front_arrangement(&self, edition_id: i64) -> Result<FrontArrangement> {
        let mut conn = self.pool.acquire().await?;
        read_on(&mut conn, edition_id).await
    }

    /// Replaces the arrangement of `edition_id` with `layout`, if it is
    /// still at `version` (else `Conflict`, nothing changed), recording
    /// `audit` (before and after) and purging the edition's listings (its
    /// front page) on every node, all in one transaction. Every story must
    /// belong to the edition and every pinned story to the section it is
    /// pinned in; refusals (`Invalid`, field `top` or `pins`, codes
    /// `unknown_article`, `other_edition`, `foreign_section`,
    /// `wrong_section`) change nothing.
    pub async fn save_front(
        &self,
        edition_id: i64,
        layout: &FrontLayout,
        version: i64,
        audit: &NewAudit,
    ) -> Result<FrontArrangement> {
        let mut tx = self.begin_write().await?;
        let now = audit.at;
        // The version row first: it is the lock two savers meet at.
        let moved = if version == 0 {
            sqlx::query(
                "INSERT INTO front_pages (edition_id, version, updated_at) VALUES ($1, 1, $2) \
                 ON CONFLICT (edition_id) DO NOTHING",
            )
            .bind(edition_id)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(StoreError::on_constraint("edition"))?
        } else {
            sqlx::query(
                "UPDATE front_pages SET version = version + 1, updated_at = $1 \
                 WHERE edition_id = $2 AND version = $3",
            )
            .bind(now)
            .bind(edition_id)
            .bind(version)
            .execute(&mut *tx)
            .await?
        };
        if moved.rows_affected() == 0 {
            return Err(StoreError::Conflict { what: "front page" });
        }
        let before = read_on(&mut tx, edition_id).await?;
        check_references(&mut tx, edition_id, layout).await?;
        sqlx::query("DELETE FROM front_slots WHERE edition_id = $1")
            .bind(edition_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "DELETE FROM front_pins WHERE section_id IN \
             (SELECT id FROM sections WHERE edition_id = $1)",
        )
        .bind(edition_id)
        .execute(&mut *tx)
        .await?;
        for (position, article_id) in (0_i64..).zip(layout.top()) {
            sqlx::query(
                "INSERT INTO front_slots (edition_id, position, article_id) VALUES ($1, $2, $3)",
            )
            .bind(edition_id)
            .bind(position)
            .bind(*article_id)
            .execute(&mut *tx)
            .await?;
        }
        for pins in layout.pins() {
            for (position, article_id) in (0_i64..).zip(&pins.article_ids) {
                sqlx::query(
                    "INSERT INTO front_pins (section_id, position, article_id) VALUES ($1, $2, $3)",
                )
                .bind(pins.section_id)
                .bind(position)
                .bind(*article_id)
                .execute(&mut *tx)
                .await?;
            }
        }
        let after = read_on(&mut tx, edition_id).await?;
        let entry = audit.clone().on_item(edition_id).details(json!({
            "version": after.version,
            "before": layout_json(&before.layout),
            "after": layout_json(&after.layout),
        }));
        record_audit_on(&mut tx, &entry).await?;
        let events = vec![Event::purge(
            self.node_id(),
            [CacheKey::Edition(edition_id)],
        )];
        let staged = self.stage_events(&mut tx, events).await?;
        tx.commit().await?;
        staged.deliver();
        Ok(after)
    }
}

fn layout_json(layout: &FrontLayout) -> serde_json::Value {
    let pins: serde_json::Map<String, serde_json::Value> = layout
        .pins()
        .iter()
        .map(|p| (p.section_id.to_string(), json!(p.article_ids)))
        .collect();
    json!({ "top": layout.top(), "pins": pins })
}

/// Every story exists in this edition, every pinned one in its section,
/// and every section is one of the edition's.
async fn check_references(
    conn: &mut AnyConnection,
    edition_id: i64,
    layout: &FrontLayout,
) -> Result<()> {
    let ids: Vec<i64> = layout.article_ids().collect();
    let mut found = HashMap::new();
    if !ids.is_empty() {
        let sql = format!(
            "SELECT id, edition_id, section_id FROM articles WHERE id IN ({})",
            placeholders(1, ids.len())
        );
        let mut query = sqlx::query(&sql);
        for id in &ids {
            query = query.bind(*id);
        }
        for row in query.fetch_all(&mut *conn).await? {
            let id: i64 = row.try_get("id")?;
            found.insert(
                id,
                (
                    row.try_get::<i64, _>("edition_id")?,
                    row.try_get::<i64, _>("section_id")?,
                ),
            );
        }
    }
    let place = |field: &'static str, id: i64| -> Result<i64> {
        match found.get(&id) {
            None => Err(refusal(
                field,
                "unknown_article",
                format!("there is no story {id}"),
            )),
            Some((edition, _)) if *edition != edition_id => Err(refusal(
                field,
                "other_edition",
                format!("story {id} belongs to another edition"),
            )),
            Some((_, section)) => Ok(*section),
        }
    };
    for id in layout.top() {
        place("top", *id)?;
    }
    let sections: Vec<i64> = layout.pins().iter().map(|p| p.section_id).collect();
    let mut of_edition = std::collections::HashSet::new();
    if !sections.is_empty() {
        let sql = format!(
            "SELECT id FROM sections WHERE edition_id = $1 AND id IN ({})",
            placeholders(2, sections.len())
        );
        let mut query = sqlx::query_scalar::<_, i64>(&sql).bind(edition_id);
        for id in &sections {
            query = query.bind(*id);
        }
        of_edition.extend(query.fetch_all(&mut *conn).await?);
    }
    for pins in layout.pins() {
        if !of_edition.contains(&pins.section_id) {
            return Err(refusal(
                "pins",
                "foreign_section",
                format!("section {} is not one of this edition's", pins.section_id),
            ));
        }
        for id in &pins.article_ids {
            if place("pins", *id)? != pins.section_id {
                return Err(refusal(
                    "pins",
                    "wrong_section",
                    format!("story {id} is not in the section it is pinned in"),
                ));
            }
        }
    }
    Ok(())
}

fn refusal(field: &'static str, code: &'static str, message: String) -> StoreError {
    StoreError::Invalid(ParseError::new(field, code, message))
}
