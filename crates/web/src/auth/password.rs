//! Password hashing with argon2id (the crate's default parameters, OWASP's
//! recommendation), always off the async runtime.

use std::sync::LazyLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::error::ApiError;

/// Shortest password accepted for a new account or a change.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// An argon2id PHC string for `password` (blocking; see [`hash_password`]).
pub fn hash_password_blocking(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
}

/// Hashes on a blocking thread, so that a login never stalls other requests.
pub async fn hash_password(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || hash_password_blocking(&password))
        .await
        .map_err(|e| ApiError::internal(format!("hashing task failed: {e}")))?
        .map_err(|e| ApiError::internal(format!("cannot hash a password: {e}")))
}

/// A hash of a random password, verified against when the account does not
/// exist so that unknown addresses take as long as wrong passwords.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_password_blocking(&super::secrets::new_secret()).unwrap_or_default());

/// Whether `password` matches `phc` (or, with `None`, spends the same time
/// and answers false). A malformed stored hash never matches.
pub async fn verify_password(password: String, phc: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let known = phc.is_some();
        let phc = phc.unwrap_or_else(|| DUMMY_HASH.clone());
        let matches = PasswordHash::new(&phc)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        known && matches
    })
    .await
    .unwrap_or(false)
}

/// A new password is long enough: [`MIN_PASSWORD_CHARS`] characters.
pub fn check_new_password(password: &str) -> Result<(), ApiError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ApiError::new(
            crate::error::ErrorCode::InvalidInput,
            format!("password: must be at least {MIN_PASSWORD_CHARS} characters"),
        )
        .with_field("password"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let hash = hash_password("correct horse".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse".into(), Some(hash.clone())).await);
        assert!(!verify_password("wrong horse".into(), Some(hash)).await);
        assert!(!verify_password("anything".into(), None).await);
        assert!(!verify_password("x".into(), Some("not a hash".into())).await);
        assert!(check_new_password("short").is_err());
        assert!(check_new_password("long enough!").is_ok());
    }
}
