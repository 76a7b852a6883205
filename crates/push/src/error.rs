//! What can go wrong before a message reaches a push service.

/// An error in our own input: a bad key, subscription, option or payload.
///
/// What a push service answers is an [`Outcome`](crate::Outcome), not an error.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// The VAPID private key is not base64url of a valid 32-byte P-256 scalar.
    #[error("invalid VAPID private key: {0}")]
    InvalidVapidKey(&'static str),
    /// The VAPID contact is neither a `mailto:` address nor an `https://` URL.
    #[error("invalid VAPID contact {0:?}: expected mailto:… or https://…")]
    InvalidContact(String),
    /// The endpoint is not a usable absolute URL.
    #[error("invalid push endpoint: {0}")]
    InvalidEndpoint(String),
    /// The endpoint is a valid URL that the endpoint policy does not allow.
    #[error("push endpoint not allowed: {0}")]
    EndpointNotAllowed(String),
    /// A host given to the endpoint policy is not a plain domain name.
    #[error("invalid push service host {0:?}")]
    InvalidPolicyHost(String),
    /// The subscription's `p256dh` key is not an uncompressed P-256 point.
    #[error("invalid p256dh key: {0}")]
    InvalidP256dh(&'static str),
    /// The subscription's `auth` secret is not 16 bytes of base64url.
    #[error("invalid auth secret: {0}")]
    InvalidAuth(&'static str),
    /// A subscription in JSON form could not be read.
    #[error("invalid subscription JSON: {0}")]
    InvalidJson(String),
    /// A topic is not 1 to 32 base64url characters.
    #[error("invalid topic {0:?}: expected 1 to 32 base64url characters")]
    InvalidTopic(String),
    /// The payload is empty; an alert always carries a message.
    #[error("empty payload")]
    EmptyPayload,
    /// The payload is larger than a push message can carry once encrypted.
    #[error("payload of {len} bytes is over the {max}-byte limit")]
    PayloadTooLarge {
        /// The payload's size in bytes.
        len: usize,
        /// The largest payload allowed ([`MAX_PAYLOAD`](crate::MAX_PAYLOAD)).
        max: usize,
    },
    /// Encrypting the payload failed.
    #[error("encryption failed: {0}")]
    Encryption(String),
    /// The HTTP client could not be built.
    #[error("HTTP client: {0}")]
    Client(String),
}
