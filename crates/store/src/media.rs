//! The media bank: assets, their renditions, browsing the archive; uploads
//! and rendition jobs in `uploads`, search and text edits in `search`, who
//! may see a picture in `visibility`.

mod framing;
mod search;
mod uploads;
mod visibility;

pub use search::{MediaSearch, MediaTextUpdate};
pub use uploads::{
    JobOutcome, NewUpload, RenditionJob, RenditionsState, UploadInfo, MAX_RENDITION_ATTEMPTS,
};
pub use visibility::FileOwner;
pub(crate) use visibility::{purge_flipped, shift_uses};

use std::collections::HashMap;

use dateline_domain::{
    Crop, FocalPoint, Framing, ImageFormat, NewMediaAsset, NewRendition, ParseError, Shape,
    ShapeCrops,
};
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::articles::placeholders;
use crate::connect::Backend;
use crate::records::{MediaAsset, MediaQuery, Page, Rendition};
use crate::search::{note_search_changes, SearchEntity};
use crate::{Cursor, Result, Store, StoreError};

const MEDIA_COLUMNS: &str =
    "id, storage_key, format, width, height, byte_size, sha256, caption, alt_text, \
     credit, copyright, source, is_file_photo, created_at, edition_id, section_id, usage_count, \
     public_use_count, is_released, is_public, crop_left, crop_top, crop_width, crop_height, \
     focal_x, focal_y, shape_crops";

/// Largest archive page.
const MAX_PAGE: u32 = 100;

/// The lower-cased text the media bank searches (see `search`).
fn search_text(fields: &[&str]) -> String {
    fields
        .iter()
        .map(|f| f.trim())
        .filter(|f| !f.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase()
}

fn format_col(row: &AnyRow, table: &'static str) -> Result<ImageFormat> {
    let raw: String = row.try_get("format")?;
    ImageFormat::parse(&raw).ok_or_else(|| StoreError::Corrupt {
        table,
        detail: format!("format: {raw:?} is not an image format"),
    })
}

fn unsigned<T: TryFrom<i64>>(row: &AnyRow, col: &str, table: &'static str) -> Result<T> {
    let raw: i64 = row.try_get(col)?;
    T::try_from(raw).map_err(|_| StoreError::Corrupt {
        table,
        detail: format!("{col}: {raw} is out of range"),
    })
}

fn byte_size(value: u64) -> Result<i64> {
    i64::try_from(value)
        .map_err(|_| ParseError::new("byte_size", "file_too_large", "the file is too large").into())
}

fn media_from_row(row: &AnyRow) -> Result<MediaAsset> {
    Ok(MediaAsset {
        id: row.try_get("id")?,
        storage_key: row.try_get("storage_key")?,
        format: format_col(row, "media_assets")?,
        width: unsigned(row, "width", "media_assets")?,
        height: unsigned(row, "height", "media_assets")?,
        byte_size: unsigned(row, "byte_size", "media_assets")?,
        sha256: row.try_get("sha256")?,
        caption: row.try_get("caption")?,
        alt_text: row.try_get("alt_text")?,
        credit: row.try_get("credit")?,
        copyright: row.try_get("copyright")?,
        source: row.try_get("source")?,
        is_file_photo: row.try_get::<i64, _>("is_file_photo")? != 0,
        created_at: row.try_get("created_at")?,
        edition_id: row.try_get("edition_id")?,
        section_id: row.try_get("section_id")?,
        usage_count: row.try_get("usage_count")?,
        public_use_count: row.try_get("public_use_count")?,
        is_released: row.try_get::<i64, _>("is_released")? != 0,
        is_public: row.try_get::<i64, _>("is_public")? != 0,
        framing: framing_from_row(row)?,
        renditions: Vec::new(),
    })
}

/// The shape crops as stored (migration 0024): JSON, keys in shape order.
fn shape_crops_json(framing: &Framing) -> Result<String> {
    serde_json::to_string(framing.shape_crops()).map_err(|e| StoreError::Corrupt {
        table: "media_assets",
        detail: format!("shape_crops: {e}"),
    })
}

/// The crop, focal point and shape crop columns (migrations 0020, 0024).
fn framing_from_row(row: &AnyRow) -> Result<Framing> {
    let get = |col: &str| -> Result<Option<u32>> {
        match row.try_get::<Option<i64>, _>(col)? {
            None => Ok(None),
            Some(raw) => u32::try_from(raw)
                .map(Some)
                .map_err(|_| StoreError::Corrupt {
                    table: "media_assets",
                    detail: format!("{col}: {raw} is out of range"),
                }),
        }
    };
    let crop = match (
        get("crop_left")?,
        get("crop_top")?,
        get("crop_width")?,
        get("crop_height")?,
    ) {
        (Some(left), Some(top), Some(width), Some(height)) => Some(Crop {
            left,
            top,
            width,
            height,
        }),
        _ => None,
    };
    let focal_point = match (get("focal_x")?, get("focal_y")?) {
        (Some(x), Some(y)) => Some(FocalPoint { x, y }),
        _ => None,
    };
    let shapes: String = row.try_get("shape_crops")?;
    let shapes: ShapeCrops = serde_json::from_str(&shapes).map_err(|e| StoreError::Corrupt {
        table: "media_assets",
        detail: format!("shape_crops: {e}"),
    })?;
    Ok(Framing::stored(crop, focal_point, shapes))
}

/// A picture's renditions from their JSON array of `[shape, format,
/// width, height, storage_key, byte_size]`, by shape, format and width.
fn renditions_from_json(json: &str) -> Result<Vec<Rendition>> {
    let corrupt = |detail: String| StoreError::Corrupt {
        table: "media_renditions",
        detail,
    };
    let rows: Vec<(String, String, i64, i64, String, i64)> =
        serde_json::from_str(json).map_err(|e| corrupt(e.to_string()))?;
    let number = |name: &str, value: i64| {
        u32::try_from(value).map_err(|_| corrupt(format!("{name}: {value} is out of range")))
    };
    let mut renditions = rows
        .into_iter()
        .map(|(shape, format, width, height, storage_key, byte_size)| {
            Ok(Rendition {
                shape: match shape.as_str() {
                    "" => None,
                    name => Some(
                        Shape::parse(name)
                            .ok_or_else(|| corrupt(format!("unknown shape {name:?}")))?,
                    ),
                },
                width: number("width", width)?,
                height: number("height", height)?,
                format: ImageFormat::parse(&format)
                    .ok_or_else(|| corrupt(format!("format: {format:?} is not an image format")))?,
                storage_key,
                byte_size: u64::try_from(byte_size)
                    .map_err(|_| corrupt(format!("byte_size: {byte_size} is out of range")))?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    renditions.sort_by(|a, b| {
        let shape = |r: &Rendition| r.shape.map(Shape::as_str).unwrap_or_default();
        (shape(a), a.format.as_str(), a.width).cmp(&(shape(b), b.format.as_str(), b.width))
    });
    Ok(renditions)
}

/// Checks what the database would reject less helpfully; returns the
/// digest in lowercase so that the same file always dedupes.
fn validate(new: &NewMediaAsset) -> Result<String> {
    if new.width == 0 || new.height == 0 {
        return Err(ParseError::new(
            "width",
            "empty_image",
            "a picture needs a width and a height",
        )
        .into());
    }
    if new.storage_key.trim().is_empty() {
        return Err(ParseError::new(
            "storage_key",
            "empty_storage_key",
            "the storage key is empty",
        )
        .into());
    }
    if new.sha256.len() != 64 || !new.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(
            ParseError::new("sha256", "invalid_sha256", "expected 64 hexadecimal digits").into(),
        );
    }
    Ok(new.sha256.to_ascii_lowercase())
}

impl Store {
    /// Stores an asset; an identical file (same sha256) returns the existing
    /// asset and `false` instead of a duplicate.
    ///
    /// A new asset comes back with `true` and no renditions yet, noted for
    /// search in the same transaction.
    pub async fn create_media(&self, new: &NewMediaAsset) -> Result<(MediaAsset, bool)> {
        let sha256 = validate(new)?;
        let search = search_text(&[
            &new.caption,
            &new.alt_text,
            &new.credit,
            &new.copyright,
            &new.source,
        ]);
        let sql = format!(
            "INSERT INTO media_assets (storage_key, format, width, height, byte_size, sha256, caption, alt_text, \
             credit, copyright, source, is_file_photo, created_at, edition_id, section_id, search_text) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
             ON CONFLICT (sha256) DO NOTHING RETURNING {MEDIA_COLUMNS}"
        );
        let mut tx = self.begin_write().await?;
        let inserted = sqlx::query(&sql)
            .bind(new.storage_key.as_str())
            .bind(new.format.as_str())
            .bind(i64::from(new.width))
            .bind(i64::from(new.height))
            .bind(byte_size(new.byte_size)?)
            .bind(sha256.as_str())
            .bind(new.caption.trim())
            .bind(new.alt_text.trim())
            .bind(new.credit.trim())
            .bind(new.copyright.trim())
            .bind(new.source.trim())
            .bind(i64::from(new.is_file_photo))
            .bind(new.created_at)
            .bind(new.edition_id)
            .bind(new.section_id)
            .bind(search.as_str())
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(row) = inserted {
            let asset = media_from_row(&row)?;
            let changes = [(SearchEntity::Media, asset.id)];
            note_search_changes(&mut tx, self.backend, &changes, new.created_at).await?;
            tx.commit().await?;
            return Ok((asset, true));
        }
        // Nothing was written.
        drop(tx);
        let id: i64 = sqlx::query_scalar("SELECT id FROM media_assets WHERE sha256 = $1")
            .bind(sha256.as_str())
            .fetch_one(&self.pool)
            .await?;
        let existing = self.media_by_id(id).await?.ok_or(StoreError::NotFound)?;
        Ok((existing, false))
    }

    /// Adds or replaces the rendition of (media, format, width).
    ///
    /// Unknown asset → `MissingReference { what: "media asset" }`.
    pub async fn add_rendition(&self, new: &NewRendition) -> Result<()> {
        if new.width == 0 || new.height == 0 {
            return Err(ParseError::new(
                "width",
                "empty_image",
                "a rendition needs a width and a height",
            )
            .into());
        }
        sqlx::query(
            "INSERT INTO media_renditions (media_id, format, width, height, storage_key, byte_size, shape) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (media_id, shape, format, width) DO UPDATE SET \
             height = excluded.height, storage_key = excluded.storage_key, byte_size = excluded.byte_size",
        )
        .bind(new.media_id)
        .bind(new.format.as_str())
        .bind(i64::from(new.width))
        .bind(i64::from(new.height))
        .bind(new.storage_key.as_str())
        .bind(byte_size(new.byte_size)?)
        .bind(new.shape.map_or("", Shape::as_str))
        .execute(&self.pool)
        .await
        .map_err(StoreError::on_constraint("media asset"))?;
        Ok(())
    }

    pub async fn media_by_id(&self, id: i64) -> Result<Option<MediaAsset>> {
        Ok(self.media_by_ids(&[id]).await?.pop())
    }

    /// Assets for the given ids with renditions, in the order of `ids`, skipping unknown ids.
    pub async fn media_by_ids(&self, ids: &[i64]) -> Result<Vec<MediaAsset>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {MEDIA_COLUMNS} FROM media_assets WHERE id IN ({})",
            placeholders(1, ids.len())
        );
        let mut query = sqlx::query(&sql);
        for id in ids {
            query = query.bind(*id);
        }
        let rows = query.fetch_all(&self.pool).await?;
        let mut found = rows
            .iter()
            .map(|row| media_from_row(row).map(|m| (m.id, m)))
            .collect::<Result<HashMap<_, _>>>()?;
        self.fill_renditions(found.values_mut()).await?;
        Ok(ids.iter().filter_map(|id| found.get(id).cloned()).collect())
    }

    /// Loads the renditions of all `assets` in one query.
    async fn fill_renditions<'a>(
        &self,
        assets: impl Iterator<Item = &'a mut MediaAsset>,
    ) -> Result<()> {
        let mut by_id: HashMap<i64, &mut MediaAsset> = assets.map(|m| (m.id, m)).collect();
        if by_id.is_empty() {
            return Ok(());
        }
        // One row per picture, its renditions as a JSON array: a picture
        // has dozens, and each row read costs a hand-over between threads.
        let aggregate = match self.backend {
            Backend::Sqlite => "json_group_array(json_array(shape, format, width, height, storage_key, byte_size))",
            Backend::Postgres => "json_agg(json_build_array(shape, format, width, height, storage_key, byte_size))::text",
        };
        let sql = format!(
            "SELECT media_id, {aggregate} AS renditions FROM media_renditions \
             WHERE media_id IN ({}) GROUP BY media_id",
            placeholders(1, by_id.len())
        );
        let mut query = sqlx::query(&sql);
        for id in by_id.keys() {
            query = query.bind(*id);
        }
        for row in query.fetch_all(&self.pool).await? {
            let media_id: i64 = row.try_get("media_id")?;
            if let Some(asset) = by_id.get_mut(&media_id) {
                asset.renditions = renditions_from_json(&row.try_get::<String, _>("renditions")?)?;
            }
        }
        Ok(())
    }

    /// The archive, newest first, filtered and keyset-paginated: by
    /// default only the pictures readers may see (one range of a partial
    /// `WHERE is_public = 1` index), every asset with `include_hidden`.
    ///
    /// `limit` is clamped to 1..=100.
    pub async fn list_media(&self, query: &MediaQuery) -> Result<Page<MediaAsset>> {
        let limit = query.limit.clamp(1, MAX_PAGE);
        let mut conditions = Vec::new();
        let mut binds: Vec<i64> = Vec::new();
        let mut push = |condition: &str, values: &[i64]| {
            let mut text = condition.to_owned();
            for value in values {
                binds.push(*value);
                text = text.replacen('?', &format!("${}", binds.len()), 1);
            }
            conditions.push(text);
        };
        if !query.include_hidden {
            // A literal, not a bind: the planners match it to the partial indexes.
            push("is_public = 1", &[]);
        }
        if let Some(edition_id) = query.edition_id {
            push("edition_id = ?", &[edition_id]);
        }
        if let Some(section_id) = query.section_id {
            push("section_id = ?", &[section_id]);
        }
        if let Some(from) = query.from {
            push("created_at >= ?", &[from]);
        }
        if let Some(until) = query.until {
            push("created_at < ?", &[until]);
        }
        if let Some(after) = query.after {
            // The redundant upper bound keeps the index scan a range scan.
            push("created_at <= ?", &[after.time]);
            push(
                "(created_at < ? OR (created_at = ? AND id < ?))",
                &[after.time, after.time, after.id],
            );
        }
        let filter = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        let sql = format!(
            "SELECT {MEDIA_COLUMNS} FROM media_assets {filter} ORDER BY created_at DESC, id DESC LIMIT ${}",
            binds.len() + 1
        );
        let mut q = sqlx::query(&sql);
        for value in &binds {
            q = q.bind(*value);
        }
        let rows = q.bind(i64::from(limit) + 1).fetch_all(&self.pool).await?;
        let mut items = rows
            .iter()
            .map(media_from_row)
            .collect::<Result<Vec<_>>>()?;
        let next = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items.last().map(|m| Cursor {
                time: m.created_at,
                id: m.id,
            })
        } else {
            None
        };
        self.fill_renditions(items.iter_mut()).await?;
        Ok(Page { items, next })
    }
}
