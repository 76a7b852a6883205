//! Staff invitations: an admin creates an account without a password and
//! the store keeps the SHA-256 of a link's secret; the person invited
//! follows the link and chooses a password, which uses the invitation up.
//! Sending again replaces the earlier link. Every step is audited in its
//! own transaction.

use dateline_domain::{NewUser, UnixTime};
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::accounts::{insert_account, load_account, Account};
use crate::audit::{record_audit_on, NewAudit};
use crate::{Result, Store, StoreError};

/// A link to give: the SHA-256 of its secret and how long it works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvitation {
    pub token_hash: String,
    pub created_at: UnixTime,
    pub expires_at: UnixTime,
    /// The admin who sent it.
    pub invited_by: Option<i64>,
}

/// An invitation not yet used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub user_id: i64,
    pub created_at: UnixTime,
    pub expires_at: UnixTime,
}

fn invitation_from_row(row: &AnyRow) -> Result<Invitation> {
    Ok(Invitation {
        user_id: row.try_get("user_id")?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
    })
}

/// Replaces the account's open invitation by `new`.
async fn replace_invitation(
    conn: &mut AnyConnection,
    user_id: i64,
    new: &NewInvitation,
) -> Result<()> {
    sqlx::query("DELETE FROM staff_invitations WHERE user_id = $1 AND used_at IS NULL")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO staff_invitations (user_id, token_hash, created_at, expires_at, invited_by) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user_id)
    .bind(&new.token_hash)
    .bind(new.created_at)
    .bind(new.expires_at)
    .bind(new.invited_by)
    .execute(&mut *conn)
    .await
    .map_err(StoreError::on_constraint("invitation"))?;
    Ok(())
}

impl Store {
    /// Creates a staff account without a password, with its editions, its
    /// invitation and `audit`, in one transaction. A taken address →
    /// `Duplicate { what: "e-mail address" }`.
    pub async fn invite_staff(
        &self,
        new: &NewUser,
        editions: &[i64],
        invitation: &NewInvitation,
        audit: &NewAudit,
    ) -> Result<Account> {
        let new = NewUser {
            password_hash: None,
            ..new.clone()
        };
        let mut tx = self.begin_write().await?;
        let account = insert_account(&mut tx, &new, editions, audit).await?;
        replace_invitation(&mut tx, account.id(), invitation).await?;
        tx.commit().await?;
        Ok(account)
    }

    /// A new link for an account that has not accepted its invitation yet;
    /// the earlier one stops working. An account that has a password or is
    /// disabled → `Conflict { what: "invitation" }`; unknown → `NotFound`.
    pub async fn reinvite_staff(
        &self,
        user_id: i64,
        invitation: &NewInvitation,
        audit: &NewAudit,
    ) -> Result<Account> {
        let mut tx = self.begin_write().await?;
        let account = load_account(&mut tx, user_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        if account.user.password_hash.is_some() || account.disabled {
            return Err(StoreError::Conflict { what: "invitation" });
        }
        replace_invitation(&mut tx, user_id, invitation).await?;
        let mut entry = audit.clone().on_item(user_id);
        entry.details =
            json!({ "email": account.user.email.as_str(), "expires_at": invitation.expires_at });
        record_audit_on(&mut tx, &entry).await?;
        tx.commit().await?;
        Ok(account)
    }

    /// The open invitation whose link secret hashes to `token_hash`, with
    /// its account: not used, not expired, the account enabled and still
    /// without a password.
    pub async fn open_invitation(
        &self,
        token_hash: &str,
        now: UnixTime,
    ) -> Result<Option<(Invitation, Account)>> {
        let mut conn = self.pool.acquire().await?;
        let row = sqlx::query(
            "SELECT i.user_id, i.created_at, i.expires_at FROM staff_invitations i \
             JOIN users u ON u.id = i.user_id \
             WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2 \
             AND u.password_hash IS NULL AND u.disabled = 0",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let invitation = invitation_from_row(&row)?;
        let account = load_account(&mut conn, invitation.user_id).await?;
        Ok(account.map(|account| (invitation, account)))
    }

    /// Uses the invitation up and sets the account's first password
    /// (`password_hash`, an argon2id PHC string), recording `audit`, in one
    /// transaction. A link used, expired or replaced, or an account
    /// disabled meanwhile → `NotFound`.
    pub async fn accept_invitation(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: UnixTime,
        audit: &NewAudit,
    ) -> Result<Account> {
        let mut tx = self.begin_write().await?;
        let user_id: Option<i64> = sqlx::query_scalar(
            "UPDATE staff_invitations SET used_at = $2 \
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let user_id = user_id.ok_or(StoreError::NotFound)?;
        let done = sqlx::query(
            "UPDATE users SET password_hash = $1 \
             WHERE id = $2 AND password_hash IS NULL AND disabled = 0",
        )
        .bind(password_hash)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        record_audit_on(
            &mut tx,
            &audit.clone().by(Some(user_id), None).on_item(user_id),
        )
        .await?;
        let account = load_account(&mut tx, user_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(account)
    }

    /// Accounts waiting for their invitation to be accepted, with when the
    /// current link expires (expired links included: they can be sent
    /// again).
    pub async fn open_invitations(&self) -> Result<Vec<Invitation>> {
        sqlx::query(
            "SELECT i.user_id, i.created_at, i.expires_at FROM staff_invitations i \
             JOIN users u ON u.id = i.user_id \
             WHERE i.used_at IS NULL AND u.password_hash IS NULL ORDER BY i.user_id",
        )
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(invitation_from_row)
        .collect()
    }
}
