//! Edition and section-order changes made by admins (newsroom pages and
//! Admin API alike): each with its audit entry in the same transaction, and
//! a purge of the `site` key so reader pages show the change at once.

use dateline_domain::{DateFormat, NewEdition, TimeZoneName};
use serde_json::json;

use crate::audit::{record_audit_on, NewAudit};
use crate::editions::{edition_from_row, insert_edition, section_from_row, EDITION_COLUMNS};
use crate::events::{CacheKey, Event};
use crate::people::non_empty;
use crate::records::{Edition, Section};
use crate::{Result, Store, StoreError};

/// What an edit may change on an edition; `None` leaves a field as it is.
/// The code stays: it is the first segment of every address in the edition.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EditionUpdate {
    pub name: Option<String>,
    pub time_zone: Option<TimeZoneName>,
    pub date_format: Option<DateFormat>,
    /// `Some(None)` removes the logo.
    pub logo_media_id: Option<Option<i64>>,
}

/// The fields an edition update changed, each as `[before, after]`.
fn changes(before: &Edition, after: &Edition) -> serde_json::Map<String, serde_json::Value> {
    let pairs = [
        ("name", json!(before.name), json!(after.name)),
        (
            "time_zone",
            json!(before.time_zone.as_str()),
            json!(after.time_zone.as_str()),
        ),
        (
            "date_format",
            json!(before.date_format.as_str()),
            json!(after.date_format.as_str()),
        ),
        (
            "logo_media_id",
            json!(before.logo_media_id),
            json!(after.logo_media_id),
        ),
    ];
    pairs
        .into_iter()
        .filter(|(_, was, is)| was != is)
        .map(|(field, was, is)| (field.to_owned(), json!([was, is])))
        .collect()
}

/// Which way a section moves in its edition's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
}

impl Store {
    /// Creates an edition, placed after the others, with `audit` (its
    /// `item_id` becomes the edition's id). Taken code → `Duplicate`.
    pub async fn create_edition_audited(
        &self,
        new: &NewEdition,
        audit: &NewAudit,
    ) -> Result<Edition> {
        let mut tx = self.begin_write().await?;
        let last: Option<i64> = sqlx::query_scalar("SELECT MAX(position) FROM editions")
            .fetch_one(&mut *tx)
            .await?;
        let new = NewEdition {
            position: last.map_or(0, |p| i32::try_from(p + 1).unwrap_or(i32::MAX)),
            ..new.clone()
        };
        let edition = insert_edition(&mut tx, &new).await?;
        let entry = audit.clone().on_item(edition.id).details(json!({
            "code": edition.code.as_str(),
            "name": edition.name,
            "language": edition.language.as_str(),
            "time_zone": edition.time_zone.as_str(),
            "date_format": edition.date_format.as_str(),
            "logo_media_id": edition.logo_media_id,
        }));
        record_audit_on(&mut tx, &entry).await?;
        let keys = [CacheKey::Site]
            .into_iter()
            .chain(edition.logo_media_id.map(CacheKey::Media));
        let staged = self
            .stage_events(&mut tx, vec![Event::purge(self.node_id(), keys)])
            .await?;
        tx.commit().await?;
        staged.deliver();
        Ok(edition)
    }

    /// Changes an edition's name, time zone, date format or logo and
    /// records `audit` with the old and new values. Unknown edition →
    /// `NotFound`; blank name → `Invalid`; a logo that is not in the media
    /// bank → `MissingReference { what: "logo" }`. A new logo is public
    /// from the commit (readers see every edition's logo), the old one no
    /// longer is: both pictures' keys are purged with `site`.
    pub async fn update_edition(
        &self,
        id: i64,
        update: &EditionUpdate,
        audit: &NewAudit,
    ) -> Result<Edition> {
        let name = update
            .name
            .as_deref()
            .map(|n| non_empty(n, "name", "empty_name"))
            .transpose()?;
        let mut tx = self.begin_write().await?;
        let sql = format!("SELECT {EDITION_COLUMNS} FROM editions WHERE id = $1");
        let before = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let before = edition_from_row(&before)?;
        let sql = format!(
            "UPDATE editions SET name = $1, time_zone = $2, date_format = $3, logo_media_id = $4 \
             WHERE id = $5 RETURNING {EDITION_COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(name.unwrap_or(&before.name))
            .bind(
                update
                    .time_zone
                    .as_ref()
                    .unwrap_or(&before.time_zone)
                    .as_str(),
            )
            .bind(
                update
                    .date_format
                    .as_ref()
                    .unwrap_or(&before.date_format)
                    .as_str(),
            )
            .bind(update.logo_media_id.unwrap_or(before.logo_media_id))
            .bind(id)
            .fetch_one(&mut *tx)
            .await
            .map_err(StoreError::on_constraint("logo"))?;
        let after = edition_from_row(&row)?;
        let entry = audit
            .clone()
            .on_item(id)
            .details(json!({ "code": after.code.as_str(), "changes": changes(&before, &after) }));
        record_audit_on(&mut tx, &entry).await?;
        let mut keys = vec![CacheKey::Site];
        if before.logo_media_id != after.logo_media_id {
            keys.extend(before.logo_media_id.map(CacheKey::Media));
            keys.extend(after.logo_media_id.map(CacheKey::Media));
        }
        let staged = self
            .stage_events(&mut tx, vec![Event::purge(self.node_id(), keys)])
            .await?;
        tx.commit().await?;
        staged.deliver();
        Ok(after)
    }

    /// Swaps a section with its neighbour in the edition's order and
    /// renumbers the edition's sections 0, 1, 2… (older data may have equal
    /// positions). At either end nothing moves and nothing is recorded.
    /// Returns the sections in their new order.
    pub async fn move_section(
        &self,
        section_id: i64,
        direction: Move,
        audit: &NewAudit,
    ) -> Result<Vec<Section>> {
        let mut tx = self.begin_write().await?;
        let edition_id: i64 = sqlx::query_scalar("SELECT edition_id FROM sections WHERE id = $1")
            .bind(section_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut sections = sqlx::query(
            "SELECT id, edition_id, slug, title, description, position, article_count \
             FROM sections WHERE edition_id = $1 ORDER BY position, id",
        )
        .bind(edition_id)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(section_from_row)
        .collect::<Result<Vec<_>>>()?;
        let at = sections
            .iter()
            .position(|s| s.id == section_id)
            .ok_or(StoreError::NotFound)?;
        let other = match direction {
            Move::Up => at.checked_sub(1),
            Move::Down => Some(at + 1).filter(|&i| i < sections.len()),
        };
        let Some(other) = other else {
            return Ok(sections);
        };
        sections.swap(at, other);
        for (position, section) in sections.iter_mut().enumerate() {
            let position = i32::try_from(position).unwrap_or(i32::MAX);
            if section.position != position {
                sqlx::query("UPDATE sections SET position = $1 WHERE id = $2")
                    .bind(i64::from(position))
                    .bind(section.id)
                    .execute(&mut *tx)
                    .await?;
                section.position = position;
            }
        }
        let order: Vec<&str> = sections.iter().map(|s| s.slug.as_str()).collect();
        let entry = audit
            .clone()
            .on_item(section_id)
            .details(json!({ "edition_id": edition_id, "order": order }));
        record_audit_on(&mut tx, &entry).await?;
        tx.commit().await?;
        self.emit_purge([CacheKey::Site]).await?;
        Ok(sections)
    }
}
