//! The one error a domain value's parser returns: which field, and why.

/// A value that failed validation. `field` names the input (e.g. `slug`),
/// `code` is a stable snake_case reason that the i18n layer translates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ParseError {
    pub field: &'static str,
    pub code: &'static str,
    pub message: String,
}

impl ParseError {
    pub fn new(field: &'static str, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            code,
            message: message.into(),
        }
    }
}
