//! Random secrets (session cookies, API tokens, login-form tokens), their
//! stored form (hex SHA-256) and the CSRF token derived from a session.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// What every API token starts with, so that secret scanners and people
/// recognise one.
pub const API_TOKEN_PREFIX: &str = "dl_";

/// 32 random bytes from the operating system, base64url without padding.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A new API token: `dl_` followed by a secret.
pub fn new_api_token() -> String {
    format!("{API_TOKEN_PREFIX}{}", new_secret())
}

/// The stored form of a secret: hex SHA-256. Secrets carry 256 random
/// bits, so a fast hash is enough (no salt or stretching needed).
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// The CSRF token of a session: derived from the cookie's secret, so it
/// needs no storage, changes whenever the session does, and cannot be
/// computed by anyone who cannot read the cookie. Distinct from the stored
/// hash by its domain-separation prefix.
pub fn csrf_token_for(session_secret: &str) -> String {
    let digest = Sha256::new()
        .chain_update(b"dateline csrf v1\0")
        .chain_update(session_secret.as_bytes())
        .finalize();
    URL_SAFE_NO_PAD.encode(digest)
}

/// Compares two tokens in time independent of where they differ.
pub fn same_token(a: &str, b: &str) -> bool {
    !a.is_empty() && a.as_bytes().ct_eq(b.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_random_and_hashes_stable() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(hash_secret("x"), hash_secret("x"));
        assert_eq!(hash_secret("x").len(), 64);
        assert!(new_api_token().starts_with("dl_"));
    }

    #[test]
    fn csrf_tokens_follow_the_session() {
        let s = new_secret();
        assert_eq!(csrf_token_for(&s), csrf_token_for(&s));
        assert_ne!(csrf_token_for(&s), csrf_token_for(&new_secret()));
        assert_ne!(csrf_token_for(&s), hash_secret(&s));
        assert!(same_token(&csrf_token_for(&s), &csrf_token_for(&s)));
        assert!(!same_token("", ""));
        assert!(!same_token("abc", "abd"));
    }
}
