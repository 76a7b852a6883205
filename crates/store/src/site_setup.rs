//! First run: one-time setup tokens and the one transaction that creates the
//! first admin, the first edition with its sections, and their audit rows.

use dateline_domain::{NewEdition, NewSection, NewUser, Role, SiteSettings, Slug, UnixTime};
use serde_json::json;

use crate::accounts::{insert_account, Account};
use crate::audit::{record_audit_on, NewAudit};
use crate::editions::insert_edition;
use crate::events::CacheKey;
use crate::records::{Edition, Section};
use crate::section_admin::insert_section;
use crate::site_settings::write_settings;
use crate::{Result, Store, StoreError};

/// What the setup form asks for, parsed. The admin's role is forced to
/// `admin`; the edition's sections get positions in the order given.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteSetup {
    /// SHA-256 of the token the visitor typed.
    pub token_hash: String,
    pub admin: NewUser,
    /// The site's name; `None` leaves it unset (the edition's name stands
    /// for it).
    pub site_name: Option<String>,
    /// Its logo, when one was uploaded with the form, is already in the
    /// media bank.
    pub edition: NewEdition,
    /// Slug and title of each section, in display order.
    pub sections: Vec<(Slug, String)>,
}

/// What setup created.
#[derive(Debug, Clone, PartialEq)]
pub struct SetUpSite {
    pub admin: Account,
    pub edition: Edition,
    pub sections: Vec<Section>,
}

/// Why setup was refused.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// A staff account exists (or another setup won the race).
    #[error("the site is already set up")]
    AlreadyDone,
    /// The token is unknown (mistyped, or already spent).
    #[error("the setup token is not valid")]
    BadToken,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for SetupError {
    fn from(err: sqlx::Error) -> Self {
        Self::Store(err.into())
    }
}

impl Store {
    /// Whether any staff account (any role but reader) exists.
    pub async fn has_staff(&self) -> Result<bool> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT id FROM users WHERE role <> 'reader' LIMIT 1")
                .fetch_optional(&self.pool)
                .await?;
        Ok(found.is_some())
    }

    /// Whether a setup token with this SHA-256 is waiting to be used
    /// (setup checks it before it stores an uploaded logo).
    pub async fn setup_token_known(&self, token_hash: &str) -> Result<bool> {
        let found: Option<String> =
            sqlx::query_scalar("SELECT token_hash FROM setup_tokens WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
        Ok(found.is_some())
    }

    /// Keeps the SHA-256 of a setup token `serve` printed. Every node that
    /// starts on an unset site adds its own; any of them is accepted.
    pub async fn add_setup_token(&self, token_hash: &str, at: UnixTime) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("INSERT INTO setup_tokens (token_hash, created_at) VALUES ($1, $2)")
            .bind(token_hash)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets the site up in one transaction: claims the single `site_setup`
    /// row first (of two racing setups the second fails there, on both
    /// backends), checks the token and that no staff exists, creates the
    /// admin, the edition and its sections and the site's name with audit
    /// rows, and spends every setup token.
    pub async fn set_up_site(
        &self,
        setup: &SiteSetup,
        at: UnixTime,
    ) -> std::result::Result<SetUpSite, SetupError> {
        setup.edition.validate().map_err(StoreError::from)?;
        let settings = SiteSettings {
            site_name: setup.site_name.clone(),
            ..SiteSettings::default()
        };
        settings.validate().map_err(StoreError::from)?;
        let mut tx = self.begin_write().await?;
        let claimed = sqlx::query("INSERT INTO site_setup (id, done_at) VALUES (1, $1)")
            .bind(at)
            .execute(&mut *tx)
            .await;
        match claimed {
            Err(sqlx::Error::Database(db)) if db.is_unique_violation() => {
                return Err(SetupError::AlreadyDone)
            }
            other => other?,
        };
        let staff: Option<i64> =
            sqlx::query_scalar("SELECT id FROM users WHERE role <> 'reader' LIMIT 1")
                .fetch_optional(&mut *tx)
                .await?;
        if staff.is_some() {
            return Err(SetupError::AlreadyDone);
        }
        let spent = sqlx::query("DELETE FROM setup_tokens WHERE token_hash = $1")
            .bind(&setup.token_hash)
            .execute(&mut *tx)
            .await?;
        if spent.rows_affected() == 0 {
            return Err(SetupError::BadToken);
        }
        sqlx::query("DELETE FROM setup_tokens")
            .execute(&mut *tx)
            .await?;

        let edition = insert_edition(&mut tx, &setup.edition).await?;
        let admin = NewUser {
            role: Role::Admin,
            ..setup.admin.clone()
        };
        let audit = NewAudit::new("site.setup", "user", None, at);
        let account = insert_account(&mut tx, &admin, &[], &audit).await?;
        let by_admin = |action: &str, item: &str, id: i64| {
            NewAudit::new(action, item, Some(id), at).by(Some(account.id()), None)
        };
        record_audit_on(
            &mut tx,
            &by_admin("edition.create", "edition", edition.id).details(json!({
                "code": edition.code.as_str(),
                "date_format": edition.date_format.as_str(),
                "logo_media_id": edition.logo_media_id,
                "setup": true,
            })),
        )
        .await?;
        if settings.site_name.is_some() {
            write_settings(&mut tx, &settings, at).await?;
            let entry = NewAudit::new("site.settings", "site", None, at)
                .by(Some(account.id()), None)
                .details(json!({ "after": settings, "setup": true }));
            record_audit_on(&mut tx, &entry).await?;
        }
        let mut sections = Vec::with_capacity(setup.sections.len());
        for (position, (slug, title)) in setup.sections.iter().enumerate() {
            let new = NewSection {
                edition_id: edition.id,
                slug: slug.clone(),
                title: title.clone(),
                description: String::new(),
                position: i32::try_from(position).unwrap_or(i32::MAX),
            };
            let section = insert_section(&mut tx, &new).await?;
            record_audit_on(
                &mut tx,
                &by_admin("section.create", "section", section.id).details(
                    json!({ "edition_id": edition.id, "slug": section.slug.as_str(), "setup": true }),
                ),
            )
            .await?;
            sections.push(section);
        }
        sqlx::query("UPDATE site_setup SET admin_id = $1 WHERE id = 1")
            .bind(account.id())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        let logo = edition.logo_media_id.map(CacheKey::Media);
        self.emit_purge([CacheKey::Site].into_iter().chain(logo))
            .await?;
        Ok(SetUpSite {
            admin: account,
            edition,
            sections,
        })
    }
}
