//! Bylines managed by staff (newsroom, Admin API): create and change an
//! author's profile with its audit entry in the same transaction, the
//! editions an author writes for, and the rule that a story's byline is
//! chosen from its edition's authors.

use dateline_domain::{validate_author, AuthorProfile, NewAuthor, UnixTime};
use serde_json::json;
use sqlx::{AnyConnection, Row};

use crate::audit::{record_audit_on, NewAudit};
use crate::events::{CacheKey, Event};
use crate::people::{author_from_row, AUTHOR_COLUMNS};
use crate::records::Author;
use crate::search::{note_search_changes, SearchEntity};
use crate::{Backend, Result, Store, StoreError};

/// What an edit may change on an author: everything but the slug, which
/// is part of the author page's address.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorUpdate {
    pub name: String,
    pub bio: String,
    pub profile: AuthorProfile,
}

/// Inserts a checked author and its editions on `conn`. Taken slug →
/// `Duplicate { what: "author slug" }`; a linked account that already has
/// a byline → `Duplicate { what: "author account" }`.
pub(crate) async fn insert_author(conn: &mut AnyConnection, new: &NewAuthor) -> Result<Author> {
    validate_author(&new.name, &new.bio, &new.profile)?;
    check_references(conn, &new.profile).await?;
    let sql = format!(
        "INSERT INTO authors (slug, name, bio, photo_media_id, links, user_id) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING {AUTHOR_COLUMNS}"
    );
    let row = sqlx::query(&sql)
        .bind(new.slug.as_str())
        .bind(new.name.trim())
        .bind(new.bio.trim())
        .bind(new.profile.photo_media_id)
        .bind(links_json(&new.profile.links)?)
        .bind(new.profile.user_id)
        .fetch_one(&mut *conn)
        .await
        .map_err(on_author_write)?;
    let author = author_from_row(&row)?;
    set_editions(conn, author.id, &new.profile.edition_ids).await?;
    release_photo(conn, new.profile.photo_media_id).await?;
    Ok(author)
}

/// A unique key an author write broke: the slug, or the linked account
/// (`authors_user`), which already has a byline.
fn on_author_write(err: sqlx::Error) -> StoreError {
    match &err {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Duplicate {
            what: if db.message().contains("user") {
                "author account"
            } else {
                "author slug"
            },
        },
        _ => StoreError::Database(err),
    }
}

/// The photo and the linked account must exist: `MissingReference`
/// naming which does not.
async fn check_references(conn: &mut AnyConnection, profile: &AuthorProfile) -> Result<()> {
    let checks = [
        (
            "photo",
            "SELECT 1 AS one FROM media_assets WHERE id = $1",
            profile.photo_media_id,
        ),
        (
            "user",
            "SELECT 1 AS one FROM users WHERE id = $1",
            profile.user_id,
        ),
    ];
    for (what, sql, id) in checks {
        let Some(id) = id else { continue };
        if sqlx::query(sql)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .is_none()
        {
            return Err(StoreError::MissingReference { what });
        }
    }
    Ok(())
}

fn links_json(links: &[String]) -> Result<String> {
    serde_json::to_string(links).map_err(|e| StoreError::Corrupt {
        table: "authors",
        detail: e.to_string(),
    })
}

/// Replaces the author's editions; an unknown edition →
/// `MissingReference { what: "edition" }`.
async fn set_editions(conn: &mut AnyConnection, author_id: i64, editions: &[i64]) -> Result<()> {
    sqlx::query("DELETE FROM author_editions WHERE author_id = $1")
        .bind(author_id)
        .execute(&mut *conn)
        .await?;
    let mut seen = Vec::with_capacity(editions.len());
    for &edition_id in editions {
        if seen.contains(&edition_id) {
            continue;
        }
        seen.push(edition_id);
        sqlx::query("INSERT INTO author_editions (author_id, edition_id) VALUES ($1, $2)")
            .bind(author_id)
            .bind(edition_id)
            .execute(&mut *conn)
            .await
            .map_err(StoreError::on_constraint("edition"))?;
    }
    Ok(())
}

/// An author's photo is shown on the public author page, so choosing it
/// releases the picture to the media bank (as an editor's release would).
async fn release_photo(conn: &mut AnyConnection, photo: Option<i64>) -> Result<()> {
    if let Some(id) = photo {
        sqlx::query("UPDATE media_assets SET is_released = 1, is_public = 1 WHERE id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Notes a photo [`release_photo`] released (it may have become public).
pub(crate) async fn note_photo_release(
    conn: &mut AnyConnection,
    backend: Backend,
    photo: Option<i64>,
    now: UnixTime,
) -> Result<()> {
    let changes: Vec<_> = photo
        .map(|id| (SearchEntity::Media, id))
        .into_iter()
        .collect();
    note_search_changes(conn, backend, &changes, now).await
}

async fn editions_on(conn: &mut AnyConnection, author_id: i64) -> Result<Vec<i64>> {
    let rows = sqlx::query(
        "SELECT edition_id FROM author_editions WHERE author_id = $1 ORDER BY edition_id",
    )
    .bind(author_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| r.try_get("edition_id").map_err(StoreError::from))
        .collect()
}

/// Refuses bylines from outside the story's edition. Authors already on
/// the story (`kept`) stay allowed, so that a story whose author has since
/// left the edition can still be saved. → `Invalid` on `author_ids`, or
/// `MissingReference { what: "author" }` for an author that does not exist.
pub(crate) async fn check_bylines(
    conn: &mut AnyConnection,
    edition_id: i64,
    author_ids: &[i64],
    kept: &[i64],
) -> Result<()> {
    for &author_id in author_ids.iter().filter(|id| !kept.contains(id)) {
        let found = sqlx::query(
            "SELECT 1 AS one FROM author_editions WHERE edition_id = $1 AND author_id = $2",
        )
        .bind(edition_id)
        .bind(author_id)
        .fetch_optional(&mut *conn)
        .await?;
        if found.is_none() {
            let known = sqlx::query("SELECT 1 AS one FROM authors WHERE id = $1")
                .bind(author_id)
                .fetch_optional(&mut *conn)
                .await?;
            if known.is_none() {
                return Err(StoreError::MissingReference { what: "author" });
            }
            return Err(dateline_domain::ParseError::new(
                "author_ids",
                "author_not_in_edition",
                format!("author {author_id} does not write for this edition"),
            )
            .into());
        }
    }
    Ok(())
}

impl Store {
    /// [`Store::create_author`] with `audit` (its `item_id` becomes the
    /// author's id) in the same transaction.
    pub async fn create_author_audited(&self, new: &NewAuthor, audit: &NewAudit) -> Result<Author> {
        let mut tx = self.begin_write().await?;
        let author = insert_author(&mut tx, new).await?;
        let mut entry = audit.clone().on_item(author.id);
        entry.details = json!({ "slug": new.slug.as_str(), "name": author.name });
        record_audit_on(&mut tx, &entry).await?;
        note_photo_release(&mut tx, self.backend, new.profile.photo_media_id, audit.at).await?;
        tx.commit().await?;
        Ok(author)
    }

    /// Replaces an author's name, biography and profile, records `audit`
    /// with the old and new values, and purges every page that shows the
    /// byline, in one transaction. Unknown author → `NotFound`.
    pub async fn update_author(
        &self,
        id: i64,
        update: &AuthorUpdate,
        audit: &NewAudit,
    ) -> Result<Author> {
        validate_author(&update.name, &update.bio, &update.profile)?;
        let mut tx = self.begin_write().await?;
        let sql = format!("SELECT {AUTHOR_COLUMNS} FROM authors WHERE id = $1");
        let before = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .as_ref()
            .map(author_from_row)
            .transpose()?
            .ok_or(StoreError::NotFound)?;
        let editions_before = editions_on(&mut tx, id).await?;
        check_references(&mut tx, &update.profile).await?;
        let sql = format!(
            "UPDATE authors SET name = $1, bio = $2, photo_media_id = $3, links = $4, \
             user_id = $5 WHERE id = $6 RETURNING {AUTHOR_COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(update.name.trim())
            .bind(update.bio.trim())
            .bind(update.profile.photo_media_id)
            .bind(links_json(&update.profile.links)?)
            .bind(update.profile.user_id)
            .bind(id)
            .fetch_one(&mut *tx)
            .await
            .map_err(on_author_write)?;
        let author = author_from_row(&row)?;
        set_editions(&mut tx, id, &update.profile.edition_ids).await?;
        if update.profile.photo_media_id != before.photo_media_id {
            release_photo(&mut tx, update.profile.photo_media_id).await?;
        }
        let editions_after = editions_on(&mut tx, id).await?;
        let mut entry = audit.clone().on_item(id);
        entry.details = json!({
            "before": profile_facts(&before, &editions_before),
            "after": profile_facts(&author, &editions_after),
        });
        record_audit_on(&mut tx, &entry).await?;
        // Article documents carry bylines by name (and the indexer may keep
        // the biography); a newly chosen photo was released just now.
        let mut changes = Vec::new();
        if author.name != before.name || author.bio != before.bio {
            changes.push((SearchEntity::Author, id));
        }
        if update.profile.photo_media_id != before.photo_media_id {
            changes.extend(
                update
                    .profile
                    .photo_media_id
                    .map(|photo| (SearchEntity::Media, photo)),
            );
        }
        note_search_changes(&mut tx, self.backend, &changes, audit.at).await?;
        let mut keys = vec![CacheKey::Author(id)];
        keys.extend(author.photo_media_id.map(CacheKey::Media));
        let staged = self
            .stage_events(&mut tx, vec![Event::purge(self.node_id(), keys)])
            .await?;
        tx.commit().await?;
        staged.deliver();
        Ok(author)
    }

    /// The editions an author writes for, by id.
    pub async fn author_editions(&self, author_id: i64) -> Result<Vec<i64>> {
        let mut conn = self.pool.acquire().await?;
        editions_on(&mut conn, author_id).await
    }

    /// The editions of every author, as `(author_id, edition_id)` pairs in
    /// that order: one query for a whole list of authors.
    pub async fn all_author_editions(&self) -> Result<Vec<(i64, i64)>> {
        let rows = sqlx::query(
            "SELECT author_id, edition_id FROM author_editions ORDER BY author_id, edition_id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("author_id")?, r.try_get("edition_id")?)))
            .collect()
    }

    /// The authors writing for an edition, by name: a story's byline is
    /// chosen from these.
    pub async fn authors_of_edition(&self, edition_id: i64) -> Result<Vec<Author>> {
        let columns = AUTHOR_COLUMNS
            .split(", ")
            .map(|c| format!("au.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {columns} FROM authors au \
             JOIN author_editions ae ON ae.author_id = au.id \
             WHERE ae.edition_id = $1 ORDER BY au.name, au.id"
        );
        sqlx::query(&sql)
            .bind(edition_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(author_from_row)
            .collect()
    }

    /// The byline that belongs to a staff account, if any.
    pub async fn author_of_user(&self, user_id: i64) -> Result<Option<Author>> {
        let sql = format!("SELECT {AUTHOR_COLUMNS} FROM authors WHERE user_id = $1");
        sqlx::query(&sql)
            .bind(user_id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(author_from_row)
            .transpose()
    }
}

/// What the audit log keeps of a profile: never more than the page shows.
fn profile_facts(author: &Author, editions: &[i64]) -> serde_json::Value {
    json!({
        "name": author.name,
        "bio": author.bio,
        "photo_media_id": author.photo_media_id,
        "links": author.links,
        "user_id": author.user_id,
        "edition_ids": editions,
    })
}
