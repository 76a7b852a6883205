//! The server's VAPID key pair (RFC 8292).

use std::fmt;

use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use p256::FieldBytes;
use rand::rngs::OsRng;

use crate::{b64, PushError};

/// The P-256 key pair that identifies this server to the push services.
///
/// Browsers subscribe with its public key, so it must stay the same for as
/// long as the subscriptions live: generate it once and keep the private half
/// in configuration. `Debug` shows only the public key.
#[derive(Clone)]
pub struct VapidKeys {
    signing: SigningKey,
    public: String,
}

impl VapidKeys {
    /// Makes a new random key pair.
    pub fn generate() -> Self {
        Self::from_signing(SigningKey::random(&mut OsRng))
    }

    /// Reads a private key: base64url (padded or not) of the 32-byte P-256 scalar.
    pub fn from_private(private: &str) -> Result<Self, PushError> {
        let bytes =
            b64::decode(private.trim()).ok_or(PushError::InvalidVapidKey("not base64url"))?;
        if bytes.len() != 32 {
            return Err(PushError::InvalidVapidKey("not 32 bytes"));
        }
        let signing = SigningKey::from_bytes(FieldBytes::from_slice(&bytes))
            .map_err(|_| PushError::InvalidVapidKey("not a valid P-256 scalar"))?;
        Ok(Self::from_signing(signing))
    }

    fn from_signing(signing: SigningKey) -> Self {
        let public = b64::encode(signing.verifying_key().to_encoded_point(false).as_bytes());
        Self { signing, public }
    }

    /// The private key as base64url without padding, for configuration.
    pub fn private_base64url(&self) -> String {
        b64::encode(self.signing.to_bytes())
    }

    /// The public key (the 65-byte uncompressed point) as base64url without
    /// padding: the `applicationServerKey` for `pushManager.subscribe`.
    pub fn public_base64url(&self) -> &str {
        &self.public
    }

    /// Signs `message` with ES256 and gives the 64-byte `r || s` signature.
    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
        let signature: Signature = self.signing.sign(message);
        signature.to_bytes().into()
    }
}

impl fmt::Debug for VapidKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VapidKeys")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}
