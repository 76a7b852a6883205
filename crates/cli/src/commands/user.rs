//! `dateline user add`: create an account from the command line.

use anyhow::Context;
use clap::Subcommand;
use dateline_domain::{EditionCode, EmailAddress, NewUser, Role};
use dateline_store::{NewAudit, StoreError};
use dateline_web::auth::MIN_PASSWORD_CHARS;
use rand::distributions::{Alphanumeric, DistString};

use crate::config::Config;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a staff account. Without --password a random one is generated and printed.
    /// Readers register on the site.
    Add {
        /// The address the account signs in with.
        #[arg(long)]
        email: String,
        /// contributor, author, editor or admin.
        #[arg(long)]
        role: String,
        /// Name shown in the newsroom (default: the part before @).
        #[arg(long)]
        name: Option<String>,
        /// The account's password, at least 10 characters (default: a random one, printed).
        #[arg(long, env = "DATELINE_NEW_USER_PASSWORD", hide_env_values = true)]
        password: Option<String>,
        /// Editions an editor works in, by code (comma-separated: en,ru).
        #[arg(long, value_delimiter = ',')]
        editions: Vec<String>,
    },
}

pub async fn run(config: Config, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add {
            email,
            role,
            name,
            password,
            editions,
        } => {
            // Parse everything before touching the database.
            let email: EmailAddress = email.parse()?;
            let role: Role = role.parse()?;
            let codes = editions
                .iter()
                .map(|code| code.trim().parse::<EditionCode>())
                .collect::<Result<Vec<_>, _>>()?;
            let generated = password.is_none();
            let password = password.unwrap_or_else(generate_password);
            if password.chars().count() < MIN_PASSWORD_CHARS {
                anyhow::bail!("password: must be at least {MIN_PASSWORD_CHARS} characters");
            }
            let store = super::open_store(&config, super::Site::MustExist).await?;
            let mut edition_ids = Vec::new();
            for code in &codes {
                let edition = store
                    .edition_by_code(code)
                    .await?
                    .with_context(|| format!("editions: there is no edition {code}"))?;
                edition_ids.push(edition.id);
            }
            let display_name = name.unwrap_or_else(|| {
                email
                    .as_str()
                    .split('@')
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            });
            let user = NewUser {
                email,
                display_name,
                role,
                password_hash: Some(hash_password(&password)?),
            };
            let audit = NewAudit::new("user.create", "user", None, super::now());
            let created = match store.create_account(&user, &edition_ids, &audit).await {
                Err(StoreError::Duplicate { .. }) => {
                    anyhow::bail!("a user with the e-mail {} already exists", user.email)
                }
                other => other.context("cannot create the user")?,
            };
            println!(
                "created {} {} (id {})",
                created.user.role, created.user.email, created.user.id
            );
            if generated {
                println!("password: {password}");
            }
            store.close().await;
            Ok(())
        }
    }
}

/// A 20-character random password for generated accounts.
pub fn generate_password() -> String {
    Alphanumeric.sample_string(&mut rand::thread_rng(), 20)
}

/// argon2id, exactly as the newsroom login verifies it.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    dateline_web::auth::hash_password_blocking(password)
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))
}
