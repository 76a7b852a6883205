//! Authors, tags and user accounts.

use dateline_domain::{EmailAddress, NewAuthor, NewUser, Slug, UnixTime};

use crate::records::{Author, Tag, User};
use crate::{Result, Store};

impl Store {
    pub async fn create_author(&self, new: &NewAuthor) -> Result<Author> {
        unimplemented!()
    }

    pub async fn author_by_slug(&self, slug: &Slug) -> Result<Option<Author>> {
        unimplemented!()
    }

    pub async fn author_by_id(&self, id: i64) -> Result<Option<Author>> {
        unimplemented!()
    }

    /// All authors by name.
    pub async fn authors(&self) -> Result<Vec<Author>> {
        unimplemented!()
    }

    /// Returns the tag with this slug in the edition, creating it when new.
    pub async fn upsert_tag(&self, edition_id: i64, slug: &Slug, name: &str) -> Result<Tag> {
        unimplemented!()
    }

    pub async fn tag_by_slug(&self, edition_id: i64, slug: &Slug) -> Result<Option<Tag>> {
        unimplemented!()
    }

    /// An edition's most used tags.
    pub async fn top_tags(&self, edition_id: i64, limit: u32) -> Result<Vec<Tag>> {
        unimplemented!()
    }

    /// Duplicate e-mail (any case) → `Duplicate { what: "e-mail address" }`.
    pub async fn create_user(&self, new: &NewUser, now: UnixTime) -> Result<User> {
        unimplemented!()
    }

    pub async fn user_by_email(&self, email: &EmailAddress) -> Result<Option<User>> {
        unimplemented!()
    }
}
