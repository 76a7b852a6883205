//! Site-wide settings, one row (migration 0021): read for every page's
//! chrome (through the page cache's copy), and replaced whole by an admin
//! with its audit entry in the same transaction. A change purges `site`,
//! the key every reader page carries.

use dateline_domain::{SiteSettings, SocialLink, UnixTime};
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::audit::{record_audit_on, NewAudit};
use crate::editions::parse_col;
use crate::events::{CacheKey, Event};
use crate::{Result, Store, StoreError};

const COLUMNS: &str =
    "site_name, default_edition_id, social_links, contact_email, contact_text, websub_hub";

fn settings_from_row(row: &AnyRow) -> Result<SiteSettings> {
    let corrupt = |detail: String| StoreError::Corrupt {
        table: "site_settings",
        detail,
    };
    let links: String = row.try_get("social_links")?;
    let social_links: Vec<SocialLink> =
        serde_json::from_str(&links).map_err(|e| corrupt(format!("social_links: {e}")))?;
    let contact_email = match row.try_get::<Option<String>, _>("contact_email")? {
        Some(_) => Some(parse_col(row, "contact_email", "site_settings")?),
        None => None,
    };
    let settings = SiteSettings {
        site_name: row.try_get("site_name")?,
        default_edition_id: row.try_get("default_edition_id")?,
        social_links,
        contact_email,
        contact_text: row.try_get("contact_text")?,
        websub_hub: row.try_get("websub_hub")?,
    };
    settings.validate().map_err(|e| corrupt(e.to_string()))?;
    Ok(settings)
}

async fn read_on(conn: &mut AnyConnection) -> Result<SiteSettings> {
    let sql = format!("SELECT {COLUMNS} FROM site_settings WHERE id = 1");
    sqlx::query(&sql)
        .fetch_optional(&mut *conn)
        .await?
        .as_ref()
        .map_or_else(|| Ok(SiteSettings::default()), settings_from_row)
}

/// Writes checked `settings` as the one row on `conn` (a transaction).
/// An unknown default edition → `MissingReference { what: "edition" }`.
pub(crate) async fn write_settings(
    conn: &mut AnyConnection,
    settings: &SiteSettings,
    at: UnixTime,
) -> Result<()> {
    settings.validate()?;
    let links = serde_json::to_string(&settings.social_links).map_err(|e| StoreError::Corrupt {
        table: "site_settings",
        detail: e.to_string(),
    })?;
    let sql = format!(
        "INSERT INTO site_settings (id, {COLUMNS}, updated_at) VALUES (1, $1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (id) DO UPDATE SET site_name = excluded.site_name, \
         default_edition_id = excluded.default_edition_id, social_links = excluded.social_links, \
         contact_email = excluded.contact_email, contact_text = excluded.contact_text, \
         websub_hub = excluded.websub_hub, updated_at = excluded.updated_at"
    );
    sqlx::query(&sql)
        .bind(settings.site_name.as_deref())
        .bind(settings.default_edition_id)
        .bind(links)
        .bind(settings.contact_email.as_ref().map(|e| e.as_str()))
        .bind(settings.contact_text.as_str())
        .bind(settings.websub_hub.as_deref())
        .bind(at)
        .execute(&mut *conn)
        .await
        .map_err(StoreError::on_constraint("edition"))?;
    Ok(())
}

impl Store {
    /// The site's settings; all unset until an admin saves them.
    pub async fn site_settings(&self) -> Result<SiteSettings> {
        let mut conn = self.pool.acquire().await?;
        read_on(&mut conn).await
    }

    /// Replaces the site's settings and records `audit` (`site.settings`,
    /// with the settings before and after) in the same transaction, then
    /// purges every reader page. Bad values → `Invalid` naming the field;
    /// an unknown default edition → `MissingReference`.
    pub async fn update_site_settings(
        &self,
        settings: &SiteSettings,
        audit: &NewAudit,
    ) -> Result<SiteSettings> {
        settings.validate()?;
        let mut tx = self.begin_write().await?;
        let before = read_on(&mut tx).await?;
        write_settings(&mut tx, settings, audit.at).await?;
        let after = read_on(&mut tx).await?;
        let entry = audit
            .clone()
            .details(json!({ "before": before, "after": after }));
        record_audit_on(&mut tx, &entry).await?;
        let staged = self
            .stage_events(
                &mut tx,
                vec![Event::purge(self.node_id(), [CacheKey::Site])],
            )
            .await?;
        tx.commit().await?;
        staged.deliver();
        Ok(after)
    }
}
