//! Editions and their sections.

use dateline_domain::{EditionCode, NewEdition, NewSection, Slug};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::events::CacheKey;
use crate::newsletters::add_edition_lists;
use crate::records::{Edition, Section};
use crate::search::wall_clock;
use crate::section_admin::insert_section;
use crate::{Result, Store, StoreError};

pub(crate) const EDITION_COLUMNS: &str =
    "id, code, name, language, direction, time_zone, date_format, \
     logo_media_id, position, article_count, number_system, retired_at, comment_mode, \
     new_account_hold_hours";
const SECTION_COLUMNS: &str = "id, edition_id, slug, title, description, position, article_count";

/// Parses a stored text column into a domain type, reporting corruption
/// with the table's name.
pub(crate) fn parse_col<T: std::str::FromStr>(
    row: &AnyRow,
    col: &str,
    table: &'static str,
) -> Result<T>
where
    T::Err: std::fmt::Display,
{
    let raw: String = row.try_get(col)?;
    raw.parse().map_err(|e: T::Err| StoreError::Corrupt {
        table,
        detail: format!("{col}: {e}"),
    })
}

pub(crate) fn edition_from_row(row: &AnyRow) -> Result<Edition> {
    Ok(Edition {
        id: row.try_get("id")?,
        code: parse_col(row, "code", "editions")?,
        name: row.try_get("name")?,
        language: parse_col(row, "language", "editions")?,
        direction: parse_col(row, "direction", "editions")?,
        time_zone: parse_col(row, "time_zone", "editions")?,
        date_format: parse_col(row, "date_format", "editions")?,
        logo_media_id: row.try_get("logo_media_id")?,
        position: i32::try_from(row.try_get::<i64, _>("position")?).unwrap_or_default(),
        article_count: row.try_get("article_count")?,
        number_system: parse_col(row, "number_system", "editions")?,
        retired_at: row.try_get("retired_at")?,
        comment_mode: row
            .try_get::<Option<String>, _>("comment_mode")?
            .map(|m| {
                m.parse()
                    .map_err(|e: dateline_domain::ParseError| StoreError::Corrupt {
                        table: "editions",
                        detail: format!("comment_mode: {e}"),
                    })
            })
            .transpose()?,
        new_account_hold_hours: row.try_get("new_account_hold_hours")?,
    })
}

pub(crate) fn section_from_row(row: &AnyRow) -> Result<Section> {
    Ok(Section {
        id: row.try_get("id")?,
        edition_id: row.try_get("edition_id")?,
        slug: parse_col(row, "slug", "sections")?,
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        position: i32::try_from(row.try_get::<i64, _>("position")?).unwrap_or_default(),
        article_count: row.try_get("article_count")?,
    })
}

/// Inserts a validated edition on `conn` (a pool connection or a
/// transaction). Taken code → `Duplicate { what: "edition" }`; a logo
/// that is not in the media bank → `MissingReference { what: "logo" }`.
pub(crate) async fn insert_edition(conn: &mut AnyConnection, new: &NewEdition) -> Result<Edition> {
    new.validate()?;
    let sql = format!(
        "INSERT INTO editions (code, name, language, direction, time_zone, date_format, logo_media_id, \
         position, number_system) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING {EDITION_COLUMNS}"
    );
    let row = sqlx::query(&sql)
        .bind(new.code.as_str())
        .bind(new.name.trim())
        .bind(new.language.as_str())
        .bind(new.direction.as_str())
        .bind(new.time_zone.as_str())
        .bind(new.date_format.as_str())
        .bind(new.logo_media_id)
        .bind(i64::from(new.position))
        .bind(new.number_system.as_str())
        .fetch_one(&mut *conn)
        .await
        .map_err(|err| match &err {
            // The logo is the table's one reference.
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
                StoreError::MissingReference { what: "logo" }
            }
            _ => StoreError::on_constraint("edition")(err),
        })?;
    let edition = edition_from_row(&row)?;
    add_edition_lists(conn, edition.id, wall_clock()).await?;
    Ok(edition)
}

impl Store {
    pub async fn create_edition(&self, new: &NewEdition) -> Result<Edition> {
        // The edition and its newsletter lists, in one transaction.
        let mut tx = self.begin_write().await?;
        let edition = insert_edition(&mut tx, new).await?;
        tx.commit().await?;
        self.emit_purge([CacheKey::Site]).await?;
        Ok(edition)
    }

    /// All editions in display order, the retired ones included (their
    /// pages stay readable); [`Edition::is_active`] tells them apart.
    pub async fn editions(&self) -> Result<Vec<Edition>> {
        let sql = format!("SELECT {EDITION_COLUMNS} FROM editions ORDER BY position, id");
        sqlx::query(&sql)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(edition_from_row)
            .collect()
    }

    /// What staff may set on every edition, as one text that changes with
    /// any of it (not with article counts): another process's edition
    /// writes are seen by comparing it, where no event crosses processes
    /// (SQLite).
    pub async fn editions_stamp(&self) -> Result<String> {
        let rows = sqlx::query(&format!(
            "SELECT {EDITION_COLUMNS} FROM editions ORDER BY id"
        ))
        .fetch_all(&self.pool)
        .await?;
        let mut stamp = String::new();
        for row in &rows {
            let e = edition_from_row(row)?;
            stamp.push_str(&format!(
                "{}|{}|{}|{}|{}|{}|{}|{:?}|{}|{}|{:?}|{:?}|{:?}\n",
                e.id,
                e.code,
                e.name,
                e.language,
                e.direction.as_str(),
                e.time_zone,
                e.date_format.as_str(),
                e.logo_media_id,
                e.position,
                e.number_system.as_str(),
                e.retired_at,
                e.comment_mode.map(|m| m.as_str()),
                e.new_account_hold_hours,
            ));
        }
        Ok(stamp)
    }

    pub async fn edition_by_code(&self, code: &EditionCode) -> Result<Option<Edition>> {
        let sql = format!("SELECT {EDITION_COLUMNS} FROM editions WHERE code = $1");
        sqlx::query(&sql)
            .bind(code.as_str())
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(edition_from_row)
            .transpose()
    }

    pub async fn edition_by_id(&self, id: i64) -> Result<Option<Edition>> {
        let sql = format!("SELECT {EDITION_COLUMNS} FROM editions WHERE id = $1");
        sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(edition_from_row)
            .transpose()
    }

    /// Sets or clears an edition's logo (the demo's installer; staff
    /// change it with [`Store::update_edition`], audited). The old and the
    /// new picture change visibility: both keys are purged with `site`.
    pub async fn set_edition_logo(&self, edition_id: i64, media_id: Option<i64>) -> Result<()> {
        let before: Option<Option<i64>> =
            sqlx::query_scalar("SELECT logo_media_id FROM editions WHERE id = $1")
                .bind(edition_id)
                .fetch_optional(&self.pool)
                .await?;
        let before = before.ok_or(StoreError::NotFound)?;
        let done = sqlx::query("UPDATE editions SET logo_media_id = $1 WHERE id = $2")
            .bind(media_id)
            .bind(edition_id)
            .execute(&self.pool)
            .await
            .map_err(StoreError::on_constraint("media asset"))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let logos = before.into_iter().chain(media_id).map(CacheKey::Media);
        self.emit_purge([CacheKey::Site].into_iter().chain(logos))
            .await
    }

    pub async fn create_section(&self, new: &NewSection) -> Result<Section> {
        let mut tx = self.begin_write().await?;
        let section = insert_section(&mut tx, new).await?;
        tx.commit().await?;
        self.emit_purge([CacheKey::Site]).await?;
        Ok(section)
    }

    /// An edition's sections in display order.
    pub async fn sections(&self, edition_id: i64) -> Result<Vec<Section>> {
        let sql = format!(
            "SELECT {SECTION_COLUMNS} FROM sections WHERE edition_id = $1 ORDER BY position, id"
        );
        sqlx::query(&sql)
            .bind(edition_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(section_from_row)
            .collect()
    }

    pub async fn section_by_slug(&self, edition_id: i64, slug: &Slug) -> Result<Option<Section>> {
        let sql =
            format!("SELECT {SECTION_COLUMNS} FROM sections WHERE edition_id = $1 AND slug = $2");
        sqlx::query(&sql)
            .bind(edition_id)
            .bind(slug.as_str())
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(section_from_row)
            .transpose()
    }

    pub async fn section_by_id(&self, id: i64) -> Result<Option<Section>> {
        let sql = format!("SELECT {SECTION_COLUMNS} FROM sections WHERE id = $1");
        sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(section_from_row)
            .transpose()
    }
}
