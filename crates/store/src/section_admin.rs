//! Section changes made by staff (Admin API, newsroom): each with its audit
//! entry in the same transaction.

use dateline_domain::NewSection;
use serde_json::json;
use sqlx::AnyConnection;

use crate::audit::{record_audit_on, NewAudit};
use crate::editions::section_from_row;
use crate::newsletters::add_section_list;
use crate::people::non_empty;
use crate::records::Section;
use crate::search::{note_search_changes, wall_clock, SearchEntity};
use crate::{Result, Store, StoreError};

const COLUMNS: &str = "id, edition_id, slug, title, description, position, article_count";

/// What an edit may change on a section; `None` leaves a field as it is.
/// The slug stays: it is part of every article URL in the section.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SectionUpdate {
    pub title: Option<String>,
    pub description: Option<String>,
    pub position: Option<i32>,
}

/// Inserts a validated section on `conn`. Taken slug →
/// `Duplicate { what: "section" }`; unknown edition → `MissingReference`.
pub(crate) async fn insert_section(conn: &mut AnyConnection, new: &NewSection) -> Result<Section> {
    new.validate()?;
    let sql = format!(
        "INSERT INTO sections (edition_id, slug, title, description, position) \
         VALUES ($1, $2, $3, $4, $5) RETURNING {COLUMNS}"
    );
    let row = sqlx::query(&sql)
        .bind(new.edition_id)
        .bind(new.slug.as_str())
        .bind(new.title.trim())
        .bind(new.description.trim())
        .bind(i64::from(new.position))
        .fetch_one(&mut *conn)
        .await
        .map_err(StoreError::on_constraint("section"))?;
    let section = section_from_row(&row)?;
    add_section_list(conn, section.edition_id, section.id, wall_clock()).await?;
    Ok(section)
}

impl Store {
    /// [`Store::create_section`] with `audit` (its `item_id` becomes the
    /// section's id) in the same transaction. Taken slug →
    /// `Duplicate { what: "section" }`; unknown edition → `MissingReference`.
    pub async fn create_section_audited(
        &self,
        new: &NewSection,
        audit: &NewAudit,
    ) -> Result<Section> {
        let mut tx = self.begin_write().await?;
        let section = insert_section(&mut tx, new).await?;
        let mut entry = audit.clone().on_item(section.id);
        if entry.details.as_object().is_some_and(|d| d.is_empty()) {
            entry.details = json!({ "edition_id": new.edition_id, "slug": new.slug.as_str() });
        }
        record_audit_on(&mut tx, &entry).await?;
        tx.commit().await?;
        self.emit_purge([crate::events::CacheKey::Site]).await?;
        Ok(section)
    }

    /// Changes a section's title, description or position and records
    /// `audit` with the old and new values, in one transaction, noting the
    /// section for search when its title changed. Unknown
    /// section → `NotFound`; blank title → `Invalid`.
    pub async fn update_section(
        &self,
        id: i64,
        update: &SectionUpdate,
        audit: &NewAudit,
    ) -> Result<Section> {
        let title = update
            .title
            .as_deref()
            .map(|t| non_empty(t, "title", "empty_title"))
            .transpose()?;
        let mut tx = self.begin_write().await?;
        let sql = format!("SELECT {COLUMNS} FROM sections WHERE id = $1");
        let before = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let before = section_from_row(&before)?;
        let sql = format!(
            "UPDATE sections SET title = $1, description = $2, position = $3 WHERE id = $4 \
             RETURNING {COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(title.unwrap_or(&before.title))
            .bind(
                update
                    .description
                    .as_deref()
                    .map_or(before.description.as_str(), str::trim),
            )
            .bind(i64::from(update.position.unwrap_or(before.position)))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        let after = section_from_row(&row)?;
        let mut changes = serde_json::Map::new();
        if before.title != after.title {
            changes.insert("title".into(), json!([before.title, after.title]));
        }
        if before.description != after.description {
            changes.insert(
                "description".into(),
                json!([before.description, after.description]),
            );
        }
        if before.position != after.position {
            changes.insert("position".into(), json!([before.position, after.position]));
        }
        let mut entry = audit.clone().on_item(id);
        if let serde_json::Value::Object(map) = &mut entry.details {
            map.insert("changes".into(), serde_json::Value::Object(changes));
        }
        record_audit_on(&mut tx, &entry).await?;
        // Article documents carry the section's title (its slug never
        // changes; description and position are in none).
        if before.title != after.title {
            let changes = [(SearchEntity::Section, id)];
            note_search_changes(&mut tx, self.backend, &changes, audit.at).await?;
        }
        tx.commit().await?;
        self.emit_purge([crate::events::CacheKey::Site]).await?;
        Ok(after)
    }
}
