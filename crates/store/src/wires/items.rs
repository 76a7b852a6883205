//! The "Wires" queue: each item at its latest version, one row per source
//! and provider id. A higher version replaces the row and flags the drafts
//! made from it; the same copy under another id is marked a duplicate of
//! the first one seen; the queue is searched on folded text.

use dateline_domain::UnixTime;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::articles::AnyQuery;
use crate::cursor::Cursor;
use crate::params::Params;
use crate::records::Page;
use crate::{Result, Store, StoreError};

/// What an item says, as the queue keeps it: the same whether it is
/// arriving or stored. Lists (subjects, pictures, the provider's other
/// ids) are JSON text, the ingest's own records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WireContent {
    pub format: String,
    pub kind: String,
    pub pub_status: String,
    pub headline: String,
    pub lead: String,
    pub body_html: String,
    pub byline: String,
    pub credit: String,
    pub copyright: String,
    pub usage_terms: String,
    pub language: String,
    pub urgency: Option<i64>,
    pub subjects: String,
    pub link: String,
    pub pictures: String,
    pub alt_ids: String,
    pub provider: String,
    pub first_created: Option<UnixTime>,
    pub version_created: Option<UnixTime>,
    pub embargoed_until: Option<UnixTime>,
}

/// An item as a source delivered it, ready to store. `content_key`
/// identifies the copy whatever its id (equal keys are duplicates);
/// `body_text` is the body as plain text, for the search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncomingWireItem {
    pub guid: String,
    /// `None` when the format has no versions (feeds): a changed item then
    /// becomes the next version.
    pub version: Option<i64>,
    pub content: WireContent,
    pub body_text: String,
    pub content_key: String,
}

/// How long an item stays in the queue after its latest version arrived.
pub const WIRE_ITEMS_KEPT_SECS: i64 = 30 * 86_400;

/// What [`Store::ingest_wire_item`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireOutcome {
    /// A new item; `duplicate_of` when the same copy was already queued.
    New { id: i64, duplicate_of: Option<i64> },
    /// A higher version replaced the item; `flagged` drafts made from it
    /// now have a newer version to look at.
    Updated { id: i64, version: i64, flagged: i64 },
    /// The same version (or an older one, or the same text again).
    Unchanged { id: i64 },
}

/// A queue row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireListRow {
    pub id: i64,
    pub source_id: i64,
    pub source_name: String,
    pub version: i64,
    pub kind: String,
    pub pub_status: String,
    pub headline: String,
    pub lead: String,
    pub language: String,
    pub urgency: Option<i64>,
    pub provider: String,
    pub version_created: Option<UnixTime>,
    pub received_at: UnixTime,
    pub updated_at: UnixTime,
    pub duplicate_of: Option<i64>,
    /// Drafts begun from the item.
    pub drafts: i64,
}

/// The queue's filters; `limit` is clamped to 1..=200.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WireQuery {
    /// Words that must all appear (headline, lead, body, byline, subjects,
    /// provider), in any case.
    pub text: Option<String>,
    pub source_id: Option<i64>,
    pub language: Option<String>,
    /// Items at least this urgent (1 is the most urgent).
    pub max_urgency: Option<i64>,
    pub kind: Option<String>,
    /// Duplicates are left out unless asked for.
    pub with_duplicates: bool,
    pub limit: u32,
    pub after: Option<Cursor>,
}

/// One item with everything it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireItemRecord {
    pub id: i64,
    pub source_id: i64,
    pub source_name: String,
    pub guid: String,
    pub version: i64,
    pub content: WireContent,
    pub received_at: UnixTime,
    pub updated_at: UnixTime,
    pub duplicate_of: Option<i64>,
}

/// The folded text the queue's search matches: SQLite's `lower()` folds
/// ASCII only, so folding happens here, the same on both backends.
fn search_text(item: &IncomingWireItem) -> String {
    let c = &item.content;
    [
        c.headline.as_str(),
        &c.lead,
        &item.body_text,
        &c.byline,
        &c.subjects,
        &c.provider,
        &c.credit,
    ]
    .join("\n")
    .to_lowercase()
}

const LIST_COLUMNS: &str = "i.id, i.source_id, s.name AS source_name, i.version, i.kind, \
     i.pub_status, i.headline, i.lead, i.language, i.urgency, i.provider, i.version_created, \
     i.received_at, i.updated_at, i.duplicate_of, \
     (SELECT COUNT(*) FROM wire_drafts d WHERE d.item_id = i.id) AS drafts";

fn list_row(row: &AnyRow) -> Result<WireListRow> {
    Ok(WireListRow {
        id: row.try_get("id")?,
        source_id: row.try_get("source_id")?,
        source_name: row.try_get("source_name")?,
        version: row.try_get("version")?,
        kind: row.try_get("kind")?,
        pub_status: row.try_get("pub_status")?,
        headline: row.try_get("headline")?,
        lead: row.try_get("lead")?,
        language: row.try_get("language")?,
        urgency: row.try_get("urgency")?,
        provider: row.try_get("provider")?,
        version_created: row.try_get("version_created")?,
        received_at: row.try_get("received_at")?,
        updated_at: row.try_get("updated_at")?,
        duplicate_of: row.try_get("duplicate_of")?,
        drafts: row.try_get("drafts")?,
    })
}

fn record_from(row: &AnyRow) -> Result<WireItemRecord> {
    Ok(WireItemRecord {
        id: row.try_get("id")?,
        source_id: row.try_get("source_id")?,
        source_name: row.try_get("source_name")?,
        guid: row.try_get("guid")?,
        version: row.try_get("version")?,
        content: WireContent {
            format: row.try_get("format")?,
            kind: row.try_get("kind")?,
            pub_status: row.try_get("pub_status")?,
            headline: row.try_get("headline")?,
            lead: row.try_get("lead")?,
            body_html: row.try_get("body_html")?,
            byline: row.try_get("byline")?,
            credit: row.try_get("credit")?,
            copyright: row.try_get("copyright")?,
            usage_terms: row.try_get("usage_terms")?,
            language: row.try_get("language")?,
            urgency: row.try_get("urgency")?,
            subjects: row.try_get("subjects")?,
            link: row.try_get("link")?,
            pictures: row.try_get("pictures")?,
            alt_ids: row.try_get("alt_ids")?,
            provider: row.try_get("provider")?,
            first_created: row.try_get("first_created")?,
            version_created: row.try_get("version_created")?,
            embargoed_until: row.try_get("embargoed_until")?,
        },
        received_at: row.try_get("received_at")?,
        updated_at: row.try_get("updated_at")?,
        duplicate_of: row.try_get("duplicate_of")?,
    })
}

/// The columns an ingest writes, in bind order after `source_id`.
const ITEM_FIELDS: [&str; 24] = [
    "guid",
    "version",
    "format",
    "kind",
    "pub_status",
    "headline",
    "lead",
    "body_html",
    "byline",
    "credit",
    "copyright",
    "usage_terms",
    "language",
    "urgency",
    "subjects",
    "link",
    "pictures",
    "alt_ids",
    "provider",
    "first_created",
    "version_created",
    "embargoed_until",
    "content_key",
    "search_text",
];

/// Binds `item`'s fields in [`ITEM_FIELDS`] order, `version` as given.
fn bind_item<'q>(q: AnyQuery<'q>, item: &'q IncomingWireItem, version: i64) -> AnyQuery<'q> {
    let c = &item.content;
    q.bind(&item.guid)
        .bind(version)
        .bind(&c.format)
        .bind(&c.kind)
        .bind(&c.pub_status)
        .bind(&c.headline)
        .bind(&c.lead)
        .bind(&c.body_html)
        .bind(&c.byline)
        .bind(&c.credit)
        .bind(&c.copyright)
        .bind(&c.usage_terms)
        .bind(&c.language)
        .bind(c.urgency)
        .bind(&c.subjects)
        .bind(&c.link)
        .bind(&c.pictures)
        .bind(&c.alt_ids)
        .bind(&c.provider)
        .bind(c.first_created)
        .bind(c.version_created)
        .bind(c.embargoed_until)
        .bind(&item.content_key)
        .bind(search_text(item))
}

impl Store {
    /// Queues `item` from source `source_id`, or brings the queued one up
    /// to its version; see [`WireOutcome`].
    pub async fn ingest_wire_item(
        &self,
        source_id: i64,
        item: &IncomingWireItem,
        now: UnixTime,
    ) -> Result<WireOutcome> {
        let mut tx = self.begin_write().await?;
        let existing = sqlx::query(
            "SELECT id, version, content_key FROM wire_items WHERE source_id = $1 AND guid = $2",
        )
        .bind(source_id)
        .bind(&item.guid)
        .fetch_optional(&mut *tx)
        .await?;
        let outcome = match existing {
            None => {
                let duplicate_of: Option<i64> = sqlx::query(
                    "SELECT id FROM wire_items WHERE content_key = $1 AND duplicate_of IS NULL \
                     ORDER BY id LIMIT 1",
                )
                .bind(&item.content_key)
                .fetch_optional(&mut *tx)
                .await?
                .map(|row| row.try_get("id"))
                .transpose()?;
                let params: Vec<String> = (3..ITEM_FIELDS.len() + 3)
                    .map(|n| format!("${n}"))
                    .collect();
                let sql = format!(
                    "INSERT INTO wire_items (source_id, duplicate_of, {}, received_at, updated_at) \
                     VALUES ($1, $2, {}, ${n}, ${n}) RETURNING id",
                    ITEM_FIELDS.join(", "),
                    params.join(", "),
                    n = ITEM_FIELDS.len() + 3,
                );
                let q = sqlx::query(&sql).bind(source_id).bind(duplicate_of);
                let id: i64 = bind_item(q, item, item.version.unwrap_or(1))
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(StoreError::on_constraint("wire item"))?
                    .try_get("id")?;
                WireOutcome::New { id, duplicate_of }
            }
            Some(row) => {
                let id: i64 = row.try_get("id")?;
                let stored: i64 = row.try_get("version")?;
                let key: String = row.try_get("content_key")?;
                let version = match item.version {
                    Some(v) if v > stored => Some(v),
                    Some(_) => None,
                    None if key != item.content_key => Some(stored + 1),
                    None => None,
                };
                match version {
                    None => WireOutcome::Unchanged { id },
                    Some(version) => {
                        let sets: Vec<String> = ITEM_FIELDS
                            .iter()
                            .enumerate()
                            .map(|(n, f)| format!("{f} = ${}", n + 2))
                            .collect();
                        let sql = format!(
                            "UPDATE wire_items SET {}, updated_at = ${} WHERE id = $1",
                            sets.join(", "),
                            ITEM_FIELDS.len() + 2
                        );
                        let q = sqlx::query(&sql).bind(id);
                        bind_item(q, item, version)
                            .bind(now)
                            .execute(&mut *tx)
                            .await?;
                        let flagged: i64 = sqlx::query(
                            "SELECT COUNT(*) AS n FROM wire_drafts WHERE item_id = $1 AND item_version < $2",
                        )
                        .bind(id)
                        .bind(version)
                        .fetch_one(&mut *tx)
                        .await?
                        .try_get("n")?;
                        WireOutcome::Updated {
                            id,
                            version,
                            flagged,
                        }
                    }
                }
            }
        };
        tx.commit().await?;
        Ok(outcome)
    }

    /// A page of the queue, latest first (by when the item or its last
    /// version arrived).
    pub async fn wire_queue(&self, query: &WireQuery) -> Result<Page<WireListRow>> {
        let mut params = Params::default();
        let mut clauses: Vec<String> = Vec::new();
        if let Some(id) = query.source_id {
            clauses.push(format!("i.source_id = {}", params.int(id)));
        }
        if let Some(language) = query.language.as_deref().filter(|l| !l.is_empty()) {
            // "en" matches "en" and "en-GB". A tag is letters, digits and
            // hyphens: nothing LIKE treats specially; anything else matches
            // no item.
            let tag: String = language
                .to_lowercase()
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' {
                        c
                    } else {
                        '#'
                    }
                })
                .collect();
            let exact = params.text(language.to_lowercase());
            let prefix = params.text(format!("{tag}-%"));
            clauses.push(format!(
                "(LOWER(i.language) = {exact} OR LOWER(i.language) LIKE {prefix})"
            ));
        }
        if let Some(urgency) = query.max_urgency {
            clauses.push(format!(
                "i.urgency IS NOT NULL AND i.urgency <= {}",
                params.int(urgency)
            ));
        }
        if let Some(kind) = query.kind.as_deref().filter(|k| !k.is_empty()) {
            clauses.push(format!("i.kind = {}", params.text(kind)));
        }
        if !query.with_duplicates {
            clauses.push("i.duplicate_of IS NULL".to_owned());
        }
        clauses.extend(params.words("i.search_text", query.text.as_deref().unwrap_or(""), 8));
        if let Some(after) = query.after {
            clauses.push(params.before("i.updated_at", "i.id", after));
        }
        let limit = query.limit.clamp(1, 200);
        let limit_param = params.int(i64::from(limit) + 1);
        let filter = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let sql = format!(
            "SELECT {LIST_COLUMNS} FROM wire_items i JOIN wire_sources s ON s.id = i.source_id \
             {filter} ORDER BY i.updated_at DESC, i.id DESC LIMIT {limit_param}"
        );
        let rows = params
            .bind_to(sqlx::query(&sql))
            .fetch_all(&self.pool)
            .await?;
        let mut items = rows.iter().map(list_row).collect::<Result<Vec<_>>>()?;
        let next = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items.last().map(|r| Cursor {
                time: r.updated_at,
                id: r.id,
            })
        } else {
            None
        };
        Ok(Page { items, next })
    }

    /// Deletes the items whose latest version is older than
    /// [`WIRE_ITEMS_KEPT_SECS`]: the queue is the desk's working set, not an
    /// archive. Stories made from them keep their provenance; a newer copy
    /// of one loses only its "duplicate of" mark.
    pub(crate) async fn purge_old_wire_items(&self, now: UnixTime) -> Result<u64> {
        Ok(sqlx::query("DELETE FROM wire_items WHERE updated_at < $1")
            .bind(now - WIRE_ITEMS_KEPT_SECS)
            .execute(&self.pool)
            .await?
            .rows_affected())
    }

    /// The languages items in the queue are in, for the queue's filter.
    pub async fn wire_languages(&self) -> Result<Vec<String>> {
        let rows = sqlx::query(
            "SELECT DISTINCT language FROM wire_items WHERE language <> '' ORDER BY language",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| r.try_get("language").map_err(StoreError::from))
            .collect()
    }

    pub async fn wire_item(&self, id: i64) -> Result<WireItemRecord> {
        let row = sqlx::query(
            "SELECT i.*, s.name AS source_name FROM wire_items i \
             JOIN wire_sources s ON s.id = i.source_id WHERE i.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        record_from(&row)
    }

    /// Items that are the same copy as item `id` (it included), oldest
    /// first: the first one seen and those marked its duplicates.
    pub async fn wire_copies(&self, id: i64) -> Result<Vec<WireListRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {LIST_COLUMNS} FROM wire_items i JOIN wire_sources s ON s.id = i.source_id \
             WHERE i.content_key = (SELECT content_key FROM wire_items WHERE id = $1) \
             ORDER BY i.id"
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(list_row).collect()
    }
}
