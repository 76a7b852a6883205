//! Edition and section-order changes made by admins (newsroom pages and
//! Admin API alike): each with its audit entry in the same transaction, and
//! a purge of the `site` key so reader pages show the change at once.

use dateline_domain::comment::ModerationMode;
use dateline_domain::{
    DateFormat, LanguageTag, NewEdition, NumberSystem, ParseError, TextDirection, TimeZoneName,
};
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
    /// A new language; the audit entry notes how many published stories
    /// were written in the old one.
    pub language: Option<LanguageTag>,
    pub direction: Option<TextDirection>,
    pub number_system: Option<NumberSystem>,
    /// `Some(None)` goes back to the site's moderation.
    pub comment_mode: Option<Option<ModerationMode>>,
    /// `Some(None)` goes back to the site's hold for new accounts.
    pub new_account_hold_hours: Option<Option<i64>>,
}

/// The longest hold of new accounts' comments an edition may set (a year).
pub const MAX_NEW_ACCOUNT_HOLD_HOURS: i64 = 8760;

/// The fields an edition update changed, each as `[before, after]`.
fn changes(before: &Edition, after: &Edition) -> serde_json::Map<String, serde_json::Value> {
    let mode = |e: &Edition| e.comment_mode.map(ModerationMode::as_str);
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
        (
            "language",
            json!(before.language.as_str()),
            json!(after.language.as_str()),
        ),
        (
            "direction",
            json!(before.direction.as_str()),
            json!(after.direction.as_str()),
        ),
        (
            "number_system",
            json!(before.number_system.as_str()),
            json!(after.number_system.as_str()),
        ),
        ("comment_mode", json!(mode(before)), json!(mode(after))),
        (
            "new_account_hold_hours",
            json!(before.new_account_hold_hours),
            json!(after.new_account_hold_hours),
        ),
    ];
    pairs
        .into_iter()
        .filter(|(_, was, is)| was != is)
        .map(|(field, was, is)| (field.to_owned(), json!([was, is])))
        .collect()
}

fn check_hold_hours(hours: Option<Option<i64>>) -> Result<()> {
    match hours {
        Some(Some(h)) if !(0..=MAX_NEW_ACCOUNT_HOLD_HOURS).contains(&h) => {
            Err(StoreError::Invalid(ParseError::new(
                "new_account_hold_hours",
                "invalid_hold_hours",
                format!("must be 0 to {MAX_NEW_ACCOUNT_HOLD_HOURS} hours"),
            )))
        }
        _ => Ok(()),
    }
}

/// The edition with this id, read on `conn` (a transaction).
async fn edition_on(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Edition> {
    let sql = format!("SELECT {EDITION_COLUMNS} FROM editions WHERE id = $1");
    let row = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    edition_from_row(&row)
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
            "direction": edition.direction.as_str(),
            "number_system": edition.number_system.as_str(),
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

    /// Changes an edition's name, time zone, date format, logo, language,
    /// direction, digits or comment rules and records `audit` with the old
    /// and new values (a change of language also with the number of
    /// published stories written in the old one). Unknown edition →
    /// `NotFound`; blank name or a hold out of range → `Invalid`; a logo
    /// that is not in the media bank → `MissingReference { what: "logo" }`.
    /// A new logo is public from the commit (readers see every edition's
    /// logo), the old one no longer is: both pictures' keys are purged with
    /// `site`.
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
        check_hold_hours(update.new_account_hold_hours)?;
        let mut tx = self.begin_write().await?;
        let before = edition_on(&mut tx, id).await?;
        let sql = format!(
            "UPDATE editions SET name = $1, time_zone = $2, date_format = $3, logo_media_id = $4, \
             language = $5, direction = $6, number_system = $7, comment_mode = $8, \
             new_account_hold_hours = $9 WHERE id = $10 RETURNING {EDITION_COLUMNS}"
        );
        let pick = |new: Option<&str>, old: &'static str| -> String {
            new.map_or_else(|| old.to_owned(), str::to_owned)
        };
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
            .bind(
                update
                    .language
                    .as_ref()
                    .unwrap_or(&before.language)
                    .as_str(),
            )
            .bind(pick(
                update.direction.map(TextDirection::as_str),
                before.direction.as_str(),
            ))
            .bind(pick(
                update.number_system.map(NumberSystem::as_str),
                before.number_system.as_str(),
            ))
            .bind(
                update
                    .comment_mode
                    .unwrap_or(before.comment_mode)
                    .map(ModerationMode::as_str),
            )
            .bind(
                update
                    .new_account_hold_hours
                    .unwrap_or(before.new_account_hold_hours),
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await
            .map_err(StoreError::on_constraint("logo"))?;
        let after = edition_from_row(&row)?;
        let mut details =
            json!({ "code": after.code.as_str(), "changes": changes(&before, &after) });
        if before.language != after.language {
            // Stories written in the old language stay as they are: the
            // entry says how many there were.
            details["stories_in_old_language"] = json!(before.article_count);
        }
        record_audit_on(&mut tx, &audit.clone().on_item(id).details(details)).await?;
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

    /// Retires an edition (`retired: true`) or brings it back, with
    /// `audit`. A retired edition leaves the switcher, `/`, the sitemap
    /// index and the newsroom's choices for new stories; its pages stay
    /// readable and none of its stories can be published anew. The home
    /// edition of the site's settings cannot be retired
    /// (`Invalid { code: "home_edition" }`). Retiring a retired edition, or
    /// restoring an active one, changes nothing and records nothing.
    /// Unknown edition → `NotFound`.
    pub async fn set_edition_retired(
        &self,
        id: i64,
        retired: bool,
        audit: &NewAudit,
    ) -> Result<Edition> {
        let mut tx = self.begin_write().await?;
        let before = edition_on(&mut tx, id).await?;
        if before.is_active() != retired {
            return Ok(before);
        }
        if retired {
            let home: Option<Option<i64>> =
                sqlx::query_scalar("SELECT default_edition_id FROM site_settings WHERE id = 1")
                    .fetch_optional(&mut *tx)
                    .await?;
            if home.flatten() == Some(id) {
                return Err(StoreError::Invalid(ParseError::new(
                    "edition",
                    "home_edition",
                    "the site's home edition cannot be retired; choose another home first",
                )));
            }
        }
        let sql = format!(
            "UPDATE editions SET retired_at = $1 WHERE id = $2 RETURNING {EDITION_COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(retired.then_some(audit.at))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        let after = edition_from_row(&row)?;
        let entry = audit
            .clone()
            .on_item(id)
            .details(json!({ "code": after.code.as_str(), "retired": retired }));
        record_audit_on(&mut tx, &entry).await?;
        // The sitemap index and every page's switcher list editions (`site`);
        // the edition's own listings show the notice.
        let keys = [CacheKey::Site, CacheKey::Edition(id)];
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
