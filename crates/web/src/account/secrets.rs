//! The one-use secrets mailed to readers: long random tokens for links,
//! six-digit codes for typing. Only their hashes are stored.

use dateline_domain::UnixTime;
use dateline_store::{NewReaderToken, TokenPurpose};
use rand::Rng;

use crate::auth::{hash_secret, new_secret};
use crate::error::ApiError;
use crate::AppState;

/// How long each kind of mailed secret works (seconds).
pub(crate) fn lifetime(purpose: TokenPurpose) -> i64 {
    match purpose {
        TokenPurpose::VerifyEmail => 7 * 24 * 3600,
        TokenPurpose::ChangeEmail => 24 * 3600,
        TokenPurpose::ResetPassword => 3600,
        TokenPurpose::SignInLink | TokenPurpose::SignInCode => 15 * 60,
    }
}

/// The stored hash of a six-digit code: with the reader's id, so that
/// codes of different readers never collide.
pub(crate) fn code_hash(reader_id: i64, code: &str) -> String {
    hash_secret(&format!("reader-code\0{reader_id}\0{code}"))
}

/// A new six-digit code.
pub(crate) fn new_code() -> String {
    format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32))
}

/// Stores a new link secret for `purpose` and returns it (to be mailed).
pub(crate) async fn issue_link(
    state: &AppState,
    reader_id: i64,
    purpose: TokenPurpose,
    new_email: &str,
    now: UnixTime,
) -> Result<String, ApiError> {
    let secret = new_secret();
    state
        .store
        .create_reader_token(&NewReaderToken {
            token_hash: hash_secret(&secret),
            purpose,
            reader_id,
            new_email: new_email.to_owned(),
            created_at: now,
            expires_at: now + lifetime(purpose),
        })
        .await?;
    Ok(secret)
}

/// Stores a new sign-in link and code together; returns the link's secret
/// and the code (to be mailed in one message).
pub(crate) async fn issue_sign_in(
    state: &AppState,
    reader_id: i64,
    now: UnixTime,
) -> Result<(String, String), ApiError> {
    let secret = new_secret();
    let code = new_code();
    let token = |token_hash: String, purpose: TokenPurpose| NewReaderToken {
        token_hash,
        purpose,
        reader_id,
        new_email: String::new(),
        created_at: now,
        expires_at: now + lifetime(purpose),
    };
    state
        .store
        .create_reader_tokens(&[
            token(hash_secret(&secret), TokenPurpose::SignInLink),
            token(code_hash(reader_id, &code), TokenPurpose::SignInCode),
        ])
        .await?;
    Ok((secret, code))
}
