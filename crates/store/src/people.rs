//! Authors, tags and user accounts.

use dateline_domain::{EmailAddress, NewAuthor, NewUser, ParseError, Slug, UnixTime};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::articles::placeholders;
use crate::editions::parse_col;
use crate::folding::email_key;
use crate::records::{Author, Tag, User};
use crate::{Result, Store, StoreError};

pub(crate) const AUTHOR_COLUMNS: &str =
    "id, slug, name, bio, article_count, photo_media_id, links, user_id";
pub(crate) const TAG_COLUMNS: &str = "id, edition_id, slug, name, article_count";
/// The most ids a look-up by ids reads.
const MAX_IDS: usize = 100;
pub(crate) const USER_COLUMNS: &str = "id, email, display_name, role, password_hash, created_at";

pub(crate) fn author_from_row(row: &AnyRow) -> Result<Author> {
    Ok(Author {
        id: row.try_get("id")?,
        slug: parse_col(row, "slug", "authors")?,
        name: row.try_get("name")?,
        bio: row.try_get("bio")?,
        article_count: row.try_get("article_count")?,
        photo_media_id: row.try_get("photo_media_id")?,
        links: serde_json::from_str(&row.try_get::<String, _>("links")?).map_err(|e| {
            StoreError::Corrupt {
                table: "authors",
                detail: e.to_string(),
            }
        })?,
        user_id: row.try_get("user_id")?,
    })
}

pub(crate) fn tag_from_row(row: &AnyRow) -> Result<Tag> {
    Ok(Tag {
        id: row.try_get("id")?,
        edition_id: row.try_get("edition_id")?,
        slug: parse_col(row, "slug", "tags")?,
        name: row.try_get("name")?,
        article_count: row.try_get("article_count")?,
    })
}

pub(crate) fn user_from_row(row: &AnyRow) -> Result<User> {
    Ok(User {
        id: row.try_get("id")?,
        email: parse_col(row, "email", "users")?,
        display_name: row.try_get("display_name")?,
        role: parse_col(row, "role", "users")?,
        password_hash: row.try_get("password_hash")?,
        created_at: row.try_get("created_at")?,
    })
}

pub(crate) fn non_empty<'a>(
    value: &'a str,
    field: &'static str,
    code: &'static str,
) -> Result<&'a str> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(ParseError::new(field, code, format!("the {field} is empty")).into());
    }
    Ok(trimmed)
}

/// Finds or creates a tag on a given connection, so that article writes can
/// do it inside their transaction. A new tag is inserted first and looked up
/// only when it already existed, which stays correct when two writers race.
pub(crate) async fn upsert_tag_on(
    conn: &mut AnyConnection,
    edition_id: i64,
    slug: &Slug,
    name: &str,
) -> Result<Tag> {
    let name = non_empty(name, "name", "empty_tag_name")?;
    let sql = format!(
        "INSERT INTO tags (edition_id, slug, name) VALUES ($1, $2, $3) \
         ON CONFLICT (edition_id, slug) DO NOTHING RETURNING {TAG_COLUMNS}"
    );
    let inserted = sqlx::query(&sql)
        .bind(edition_id)
        .bind(slug.as_str())
        .bind(name)
        .fetch_optional(&mut *conn)
        .await
        .map_err(StoreError::on_constraint("edition"))?;
    if let Some(row) = inserted {
        return tag_from_row(&row);
    }
    let sql = format!("SELECT {TAG_COLUMNS} FROM tags WHERE edition_id = $1 AND slug = $2");
    let row = sqlx::query(&sql)
        .bind(edition_id)
        .bind(slug.as_str())
        .fetch_one(&mut *conn)
        .await?;
    tag_from_row(&row)
}

impl Store {
    /// Creates an author writing for its editions. A slug already taken →
    /// `Duplicate { what: "author slug" }`; see also
    /// [`Store::create_author_audited`].
    pub async fn create_author(&self, new: &NewAuthor) -> Result<Author> {
        let mut tx = self.begin_write().await?;
        let author = crate::author_admin::insert_author(&mut tx, new).await?;
        let photo = new.profile.photo_media_id;
        let now = crate::search::wall_clock();
        crate::author_admin::note_photo_release(&mut tx, self.backend, photo, now).await?;
        tx.commit().await?;
        Ok(author)
    }

    pub async fn author_by_slug(&self, slug: &Slug) -> Result<Option<Author>> {
        let sql = format!("SELECT {AUTHOR_COLUMNS} FROM authors WHERE slug = $1");
        sqlx::query(&sql)
            .bind(slug.as_str())
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(author_from_row)
            .transpose()
    }

    pub async fn author_by_id(&self, id: i64) -> Result<Option<Author>> {
        let sql = format!("SELECT {AUTHOR_COLUMNS} FROM authors WHERE id = $1");
        sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(author_from_row)
            .transpose()
    }

    /// All authors by name.
    pub async fn authors(&self) -> Result<Vec<Author>> {
        let sql = format!("SELECT {AUTHOR_COLUMNS} FROM authors ORDER BY name, id");
        sqlx::query(&sql)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(author_from_row)
            .collect()
    }

    /// The authors with these ids that exist, by id; at most 100 ids are
    /// read (facets name a dozen).
    pub async fn authors_by_ids(&self, ids: &[i64]) -> Result<Vec<Author>> {
        self.rows_by_ids(AUTHOR_COLUMNS, "authors", ids, author_from_row)
            .await
    }

    /// `columns` of the rows of `table` with these ids, by id, each parsed
    /// by `parse`; at most [`MAX_IDS`] ids are read.
    async fn rows_by_ids<T>(
        &self,
        columns: &str,
        table: &str,
        ids: &[i64],
        parse: fn(&AnyRow) -> Result<T>,
    ) -> Result<Vec<T>> {
        let ids = &ids[..ids.len().min(MAX_IDS)];
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {columns} FROM {table} WHERE id IN ({}) ORDER BY id",
            placeholders(1, ids.len())
        );
        let mut query = sqlx::query(&sql);
        for id in ids {
            query = query.bind(*id);
        }
        query
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(parse)
            .collect()
    }

    /// Returns the tag with this slug in the edition, creating it when new.
    ///
    /// An existing tag keeps its name. Unknown edition →
    /// `MissingReference { what: "edition" }`.
    pub async fn upsert_tag(&self, edition_id: i64, slug: &Slug, name: &str) -> Result<Tag> {
        let mut conn = self.pool.acquire().await?;
        upsert_tag_on(&mut conn, edition_id, slug, name).await
    }

    pub async fn tag_by_slug(&self, edition_id: i64, slug: &Slug) -> Result<Option<Tag>> {
        let sql = format!("SELECT {TAG_COLUMNS} FROM tags WHERE edition_id = $1 AND slug = $2");
        sqlx::query(&sql)
            .bind(edition_id)
            .bind(slug.as_str())
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(tag_from_row)
            .transpose()
    }

    /// The tags with these ids that exist, by id; at most 100 ids are read.
    pub async fn tags_by_ids(&self, ids: &[i64]) -> Result<Vec<Tag>> {
        self.rows_by_ids(TAG_COLUMNS, "tags", ids, tag_from_row)
            .await
    }

    /// An edition's most used tags.
    ///
    /// Only tags on at least one published article, by count descending,
    /// then slug; `limit` is clamped to 1..=100.
    pub async fn top_tags(&self, edition_id: i64, limit: u32) -> Result<Vec<Tag>> {
        let sql = format!(
            "SELECT {TAG_COLUMNS} FROM tags WHERE edition_id = $1 AND article_count > 0 \
             ORDER BY article_count DESC, slug, id LIMIT $2"
        );
        sqlx::query(&sql)
            .bind(edition_id)
            .bind(i64::from(limit.clamp(1, 100)))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(tag_from_row)
            .collect()
    }

    /// Duplicate e-mail (any case) → `Duplicate { what: "e-mail address" }`.
    pub async fn create_user(&self, new: &NewUser, now: UnixTime) -> Result<User> {
        let display_name = non_empty(&new.display_name, "display_name", "empty_display_name")?;
        let sql = format!(
            "INSERT INTO users (email, display_name, role, password_hash, created_at, email_key) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING {USER_COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(new.email.as_str())
            .bind(display_name)
            .bind(new.role.as_str())
            .bind(new.password_hash.as_deref())
            .bind(now)
            .bind(email_key(&new.email))
            .fetch_one(&self.pool)
            .await
            .map_err(StoreError::on_constraint("e-mail address"))?;
        user_from_row(&row)
    }

    /// Matches the address whatever its case.
    pub async fn user_by_email(&self, email: &EmailAddress) -> Result<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email_key = $1");
        sqlx::query(&sql)
            .bind(email_key(email))
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(user_from_row)
            .transpose()
    }
}
