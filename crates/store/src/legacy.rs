//! Repairs of rows that older versions could write and this one refuses to
//! read, run after every migration (each costs one statement once done).

use crate::Result;
use crate::Store;

impl Store {
    pub(crate) async fn repair_legacy_rows(&self) -> Result<()> {
        // Before readers had their own table, `dateline user add --role
        // reader` made a staff account with a role that no longer exists.
        // Such an account never had newsroom rights: it becomes a disabled
        // contributor, so that it loads, keeps its audit trail and cannot
        // sign in.
        sqlx::query("UPDATE users SET role = 'contributor', disabled = 1 WHERE role = 'reader'")
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use crate::testing::TestDb;

    async fn a_legacy_reader_role_loads_as_a_disabled_contributor(db: TestDb) {
        let store = db.store();
        sqlx::query(
            "INSERT INTO users (email, email_key, display_name, role, created_at) \
             VALUES ('old@example.org', 'old@example.org', 'Old reader', 'reader', 1)",
        )
        .execute(&store.pool)
        .await
        .unwrap();
        let email: dateline_domain::EmailAddress = "old@example.org".parse().unwrap();
        assert!(
            store.account_by_email(&email).await.is_err(),
            "the legacy row cannot be read before the repair"
        );
        store.migrate().await.unwrap();
        let old = store.account_by_email(&email).await.unwrap().unwrap();
        assert_eq!(
            (old.user.role, old.disabled),
            (dateline_domain::Role::Contributor, true)
        );
        let listed = store.staff_accounts().await.unwrap();
        assert!(listed.iter().any(|a| a.id() == old.id()));
    }

    #[tokio::test]
    async fn sqlite_legacy_reader_role() {
        a_legacy_reader_role_loads_as_a_disabled_contributor(TestDb::sqlite().await).await;
    }

    #[tokio::test]
    #[ignore = "needs PostgreSQL: set DATELINE_TEST_POSTGRES_URL and pass --include-ignored"]
    async fn postgres_legacy_reader_role() {
        a_legacy_reader_role_loads_as_a_disabled_contributor(TestDb::postgres_required().await)
            .await;
    }
}
