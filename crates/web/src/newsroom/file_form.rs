//! A form that may carry one picture: `multipart/form-data` (its text
//! fields, and the first file field a file was chosen in), or a plain
//! URL-encoded form, which carries none. The edition page and setup send a
//! logo this way. The session's CSRF token of a multipart form is its
//! first field (`auth/csrf_multipart.rs`); setup checks its own token.

use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;

use super::form::FormData;
use crate::error::{ApiError, ErrorCode};

/// A file sent with a form.
#[derive(Debug, Clone)]
pub struct FormFile {
    /// The name the sender's computer gave it.
    pub filename: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct FileForm {
    pub fields: FormData,
    /// `None` when no file was chosen (an empty file part).
    pub file: Option<FormFile>,
}

/// A multipart body the form could not read: too large (the route's body
/// limit) or malformed.
fn unreadable(status: StatusCode, detail: String) -> ApiError {
    let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
        ErrorCode::PayloadTooLarge
    } else {
        ErrorCode::InvalidInput
    };
    ApiError::new(code, "the form could not be read").with_detail(detail)
}

impl<S: Send + Sync> FromRequest<S> for FileForm {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let multipart = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.trim_start().starts_with("multipart/form-data"));
        if !multipart {
            let fields = FormData::from_request(request, state).await?;
            return Ok(Self { fields, file: None });
        }
        let mut parts = Multipart::from_request(request, state)
            .await
            .map_err(|e| unreadable(e.status(), e.body_text()))?;
        let mut pairs = Vec::new();
        let mut file = None;
        loop {
            let field = match parts.next_field().await {
                Ok(Some(field)) => field,
                Ok(None) => break,
                Err(e) => return Err(unreadable(e.status(), e.body_text())),
            };
            let name = field.name().unwrap_or_default().to_owned();
            match field.file_name().map(str::to_owned) {
                Some(filename) => {
                    let bytes = field
                        .bytes()
                        .await
                        .map_err(|e| unreadable(e.status(), e.body_text()))?;
                    if file.is_none() && !bytes.is_empty() {
                        file = Some(FormFile {
                            filename,
                            bytes: bytes.to_vec(),
                        });
                    }
                }
                None => {
                    let text = field
                        .text()
                        .await
                        .map_err(|e| unreadable(e.status(), e.body_text()))?;
                    pairs.push((name, text));
                }
            }
        }
        Ok(Self {
            fields: FormData::from_pairs(pairs),
            file,
        })
    }
}
