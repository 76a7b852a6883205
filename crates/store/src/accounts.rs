//! Staff accounts: a user with its security state (disabled, failed logins,
//! lockout) and the editions an editor is assigned to. Every change is
//! audited in its own transaction.

use dateline_domain::{EmailAddress, NewUser, Role, UnixTime};
use serde::Serialize;
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::audit::{record_audit_on, NewAudit};
use crate::folding::email_key;
use crate::people::{non_empty, user_from_row};
use crate::records::User;
use crate::{Result, Store, StoreError};

/// Columns of `users` as an account reads them, from the table aliased `u`.
pub(crate) const ACCOUNT_COLUMNS: &str = "u.id, u.email, u.display_name, u.role, \
     u.password_hash, u.created_at, u.disabled, u.failed_logins, u.locked_until";

/// A user with what authentication and permissions need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Account {
    #[serde(flatten)]
    pub user: User,
    /// A disabled account cannot sign in, and its sessions and tokens stop working.
    pub disabled: bool,
    /// Consecutive failed logins since the last success or lockout.
    pub failed_logins: i64,
    /// Logins are refused until then.
    pub locked_until: Option<UnixTime>,
    /// Editions an editor works in, by id ascending (meaningful for editors).
    pub editions: Vec<i64>,
}

impl Account {
    pub fn id(&self) -> i64 {
        self.user.id
    }

    pub fn role(&self) -> Role {
        self.user.role
    }

    pub fn is_locked(&self, now: UnixTime) -> bool {
        self.locked_until.is_some_and(|until| until > now)
    }
}

/// What an admin may change on an account; `None` leaves a field as it is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AccountUpdate {
    pub display_name: Option<String>,
    pub role: Option<Role>,
    pub editions: Option<Vec<i64>>,
    pub disabled: Option<bool>,
    /// A new argon2id PHC string.
    pub password_hash: Option<String>,
}

/// Reads the account columns; `editions` is filled separately.
pub(crate) fn account_from_row(row: &AnyRow) -> Result<Account> {
    let disabled: i64 = row.try_get("disabled")?;
    Ok(Account {
        user: user_from_row(row)?,
        disabled: disabled != 0,
        failed_logins: row.try_get("failed_logins")?,
        locked_until: row.try_get("locked_until")?,
        editions: Vec::new(),
    })
}

/// The account with id `id`, with its editions, on any connection.
pub(crate) async fn load_account(conn: &mut AnyConnection, id: i64) -> Result<Option<Account>> {
    let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM users u WHERE u.id = $1");
    let Some(row) = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let mut account = account_from_row(&row)?;
    account.editions = editions_of(conn, id).await?;
    Ok(Some(account))
}

async fn editions_of(conn: &mut AnyConnection, user_id: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT edition_id FROM user_editions WHERE user_id = $1 ORDER BY edition_id",
    )
    .bind(user_id)
    .fetch_all(&mut *conn)
    .await?)
}

async fn set_editions(conn: &mut AnyConnection, user_id: i64, editions: &[i64]) -> Result<()> {
    sqlx::query("DELETE FROM user_editions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    let mut sorted = editions.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    for edition_id in sorted {
        sqlx::query("INSERT INTO user_editions (user_id, edition_id) VALUES ($1, $2)")
            .bind(user_id)
            .bind(edition_id)
            .execute(&mut *conn)
            .await
            .map_err(StoreError::on_constraint("edition"))?;
    }
    Ok(())
}

/// Creates an account with its editions and the audit entry on `conn`
/// (inside the caller's transaction).
pub(crate) async fn insert_account(
    conn: &mut AnyConnection,
    new: &NewUser,
    editions: &[i64],
    audit: &NewAudit,
) -> Result<Account> {
    let display_name = non_empty(&new.display_name, "display_name", "empty_display_name")?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, display_name, role, password_hash, created_at, email_key) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(new.email.as_str())
    .bind(display_name)
    .bind(new.role.as_str())
    .bind(new.password_hash.as_deref())
    .bind(audit.at)
    .bind(email_key(&new.email))
    .fetch_one(&mut *conn)
    .await
    .map_err(StoreError::on_constraint("e-mail address"))?;
    set_editions(conn, id, editions).await?;
    let mut entry = audit.clone().on_item(id);
    merge_details(
        &mut entry.details,
        json!({ "email": new.email.as_str(), "role": new.role.as_str(), "editions": editions }),
    );
    record_audit_on(conn, &entry).await?;
    load_account(conn, id).await?.ok_or(StoreError::NotFound)
}

impl Store {
    pub async fn account_by_id(&self, id: i64) -> Result<Option<Account>> {
        let mut conn = self.pool.acquire().await?;
        load_account(&mut conn, id).await
    }

    /// Matches the address whatever its case.
    pub async fn account_by_email(&self, email: &EmailAddress) -> Result<Option<Account>> {
        let mut conn = self.pool.acquire().await?;
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email_key = $1")
            .bind(email_key(email))
            .fetch_optional(&mut *conn)
            .await?;
        match id {
            Some(id) => load_account(&mut conn, id).await,
            None => Ok(None),
        }
    }

    /// Every staff account (all roles but reader), by e-mail address. Staff
    /// lists are small; readers are never listed here.
    pub async fn staff_accounts(&self) -> Result<Vec<Account>> {
        let mut conn = self.pool.acquire().await?;
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS} FROM users u WHERE u.role <> 'reader' ORDER BY u.email_key, u.id"
        );
        let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
        let mut accounts = rows
            .iter()
            .map(account_from_row)
            .collect::<Result<Vec<_>>>()?;
        let links: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT ue.user_id, ue.edition_id FROM user_editions ue \
             JOIN users u ON u.id = ue.user_id WHERE u.role <> 'reader' ORDER BY ue.edition_id",
        )
        .fetch_all(&mut *conn)
        .await?;
        for account in &mut accounts {
            account.editions = links
                .iter()
                .filter(|(user, _)| *user == account.id())
                .map(|(_, edition)| *edition)
                .collect();
        }
        Ok(accounts)
    }

    /// Creates an account with its editions and the audit entry (its
    /// `item_id` is set to the new account) in one transaction.
    /// Duplicate e-mail → `Duplicate { what: "e-mail address" }`; unknown
    /// edition → `MissingReference { what: "edition" }`.
    pub async fn create_account(
        &self,
        new: &NewUser,
        editions: &[i64],
        audit: &NewAudit,
    ) -> Result<Account> {
        let mut tx = self.begin_write().await?;
        let account = insert_account(&mut tx, new, editions, audit).await?;
        tx.commit().await?;
        Ok(account)
    }

    /// Applies `update` and records `audit` (with the old and new values
    /// filled in) in one transaction. Disabling an account or changing its
    /// password ends all its sessions. Unknown account → `NotFound`.
    pub async fn update_account(
        &self,
        id: i64,
        update: &AccountUpdate,
        audit: &NewAudit,
    ) -> Result<Account> {
        let mut tx = self.begin_write().await?;
        let before = load_account(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut changes = serde_json::Map::new();
        if let Some(name) = &update.display_name {
            let name = non_empty(name, "display_name", "empty_display_name")?;
            sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
                .bind(name)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            changes.insert(
                "display_name".into(),
                json!([before.user.display_name, name]),
            );
        }
        if let Some(role) = update.role {
            sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
                .bind(role.as_str())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            changes.insert("role".into(), json!([before.role(), role]));
        }
        if let Some(editions) = &update.editions {
            set_editions(&mut tx, id, editions).await?;
            changes.insert("editions".into(), json!([before.editions, editions]));
        }
        if let Some(disabled) = update.disabled {
            sqlx::query(
                "UPDATE users SET disabled = $1, failed_logins = 0, locked_until = NULL WHERE id = $2",
            )
            .bind(i64::from(disabled))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            changes.insert("disabled".into(), json!([before.disabled, disabled]));
        }
        if let Some(hash) = &update.password_hash {
            sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                .bind(hash.as_str())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            changes.insert("password".into(), json!("changed"));
        }
        if update.disabled == Some(true) || update.password_hash.is_some() {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        let mut entry = audit.clone().on_item(id);
        merge_details(&mut entry.details, json!({ "changes": changes }));
        record_audit_on(&mut tx, &entry).await?;
        let account = load_account(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(account)
    }

    /// Counts a failed login. At the `max_failures`-th consecutive failure
    /// the account is locked until `now + lock_for` and the count starts
    /// again; returns the lock's end when this failure locked it. The check
    /// and the increment are one statement, so parallel attempts cannot
    /// slip past the limit.
    pub async fn record_login_failure(
        &self,
        user_id: i64,
        max_failures: u32,
        lock_for: i64,
        now: UnixTime,
    ) -> Result<Option<UnixTime>> {
        let max = i64::from(max_failures.max(1));
        let until = now + lock_for;
        let row = sqlx::query(
            "UPDATE users SET \
             locked_until = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until END, \
             failed_logins = CASE WHEN failed_logins + 1 >= $1 THEN 0 ELSE failed_logins + 1 END \
             WHERE id = $3 RETURNING locked_until",
        )
        .bind(max)
        .bind(until)
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        let locked_until: Option<i64> = row.try_get("locked_until")?;
        Ok(locked_until.filter(|t| *t == until))
    }
}

/// Adds the keys of `extra` to `details` (an object), keeping the caller's.
fn merge_details(details: &mut serde_json::Value, extra: serde_json::Value) {
    let serde_json::Value::Object(extra) = extra else {
        return;
    };
    match details {
        serde_json::Value::Object(map) => {
            for (k, v) in extra {
                map.entry(k).or_insert(v);
            }
        }
        other => *other = serde_json::Value::Object(extra),
    }
}
