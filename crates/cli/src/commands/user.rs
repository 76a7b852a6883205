//! `dateline user add`: create an account from the command line.

use anyhow::Context;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::Argon2;
use clap::Subcommand;
use dateline_domain::{EmailAddress, NewUser, Role};
use dateline_store::StoreError;
use rand::distributions::{Alphanumeric, DistString};

use crate::config::Config;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account. Without --password a random one is generated and printed.
    Add {
        #[arg(long)]
        email: String,
        /// reader, contributor, author, editor or admin.
        #[arg(long)]
        role: String,
        /// Name shown in the newsroom and under comments (default: the part before @).
        #[arg(long)]
        name: Option<String>,
        #[arg(long, env = "DATELINE_NEW_USER_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
}

pub async fn run(config: Config, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add {
            email,
            role,
            name,
            password,
        } => {
            // Parse everything before touching the database.
            let email: EmailAddress = email.parse()?;
            let role: Role = role.parse()?;
            let generated = password.is_none();
            let password = password.unwrap_or_else(generate_password);
            if password.chars().count() < 10 {
                anyhow::bail!("password: must be at least 10 characters");
            }
            let store = super::open_store(&config).await?;
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
            let created = match store.create_user(&user, super::now()).await {
                Err(StoreError::Duplicate { .. }) => {
                    anyhow::bail!("a user with the e-mail {} already exists", user.email)
                }
                other => other.context("cannot create the user")?,
            };
            println!(
                "created {} {} (id {})",
                created.role, created.email, created.id
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

/// argon2id with the crate's default (OWASP-recommended) parameters.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))
}
