//! The web layer's one error type: stable codes, one status table, a JSON body.

use std::fmt;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use dateline_domain::ParseError;
use dateline_render::RenderError;
use dateline_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// Why a request failed, as a stable snake_case code. Clients and the i18n
/// layer key on these strings: add codes, never rename or repurpose one.
/// Independent of any body format, so HTML pages can use it too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    NotFound,
    UnknownEdition,
    UnknownSection,
    UnknownTag,
    UnknownAuthor,
    /// The thing existed and was taken down on purpose.
    Gone,
    MethodNotAllowed,
    InvalidCursor,
    InvalidLimit,
    /// A malformed path segment or query string.
    InvalidQuery,
    /// Submitted data failed validation.
    InvalidInput,
    /// Submitted data points at something that does not exist.
    MissingReference,
    /// Someone else saved first (optimistic concurrency).
    Conflict,
    Duplicate,
    /// A dependency (the database) cannot be reached right now.
    Unavailable,
    Internal,
    /// No valid session or API token.
    Unauthenticated,
    /// A login with an unknown address or a wrong password (the same answer for both).
    InvalidCredentials,
    /// Signed in, but the role or the token's scopes do not allow this.
    Forbidden,
    /// A state-changing request without the session's CSRF token.
    CsrfFailed,
    /// Too many failed logins from this client address (`Retry-After` says how long).
    RateLimited,
    /// Too many failed logins for this account (`Retry-After` says how long).
    AccountLocked,
    /// An upload (or a JSON body) larger than the configured limit.
    PayloadTooLarge,
    /// A body in a format the endpoint does not take (a form sent where
    /// JSON is expected).
    UnsupportedMediaType,
    /// A request body that did not arrive within the server's body timeout.
    RequestTimeout,
    /// Too many open connections (or chat sockets) from this client
    /// address or reader (`Retry-After` says when to try again).
    TooManyConnections,
    /// A search with nothing typed.
    QueryEmpty,
    /// A search longer than the search box takes (1 KiB).
    QueryTooLong,
    /// A search of only operators or punctuation: no word to look for.
    QueryNoWords,
    /// A document format version this site does not write (`?version=`).
    UnsupportedVersion,
    /// `Accept` asks only for representations this site does not write.
    NotAcceptable,
    /// A story of a retired edition cannot be published (or scheduled).
    EditionRetired,
    /// The site's home edition cannot be retired.
    HomeEdition,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 33] = [
        Self::NotFound,
        Self::UnknownEdition,
        Self::UnknownSection,
        Self::UnknownTag,
        Self::UnknownAuthor,
        Self::Gone,
        Self::MethodNotAllowed,
        Self::InvalidCursor,
        Self::InvalidLimit,
        Self::InvalidQuery,
        Self::InvalidInput,
        Self::MissingReference,
        Self::Conflict,
        Self::Duplicate,
        Self::Unavailable,
        Self::Internal,
        Self::Unauthenticated,
        Self::InvalidCredentials,
        Self::Forbidden,
        Self::CsrfFailed,
        Self::RateLimited,
        Self::AccountLocked,
        Self::PayloadTooLarge,
        Self::UnsupportedMediaType,
        Self::RequestTimeout,
        Self::TooManyConnections,
        Self::QueryEmpty,
        Self::QueryTooLong,
        Self::QueryNoWords,
        Self::UnsupportedVersion,
        Self::NotAcceptable,
        Self::EditionRetired,
        Self::HomeEdition,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotFound => "not_found",
            Self::UnknownEdition => "unknown_edition",
            Self::UnknownSection => "unknown_section",
            Self::UnknownTag => "unknown_tag",
            Self::UnknownAuthor => "unknown_author",
            Self::Gone => "gone",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::InvalidCursor => "invalid_cursor",
            Self::InvalidLimit => "invalid_limit",
            Self::InvalidQuery => "invalid_query",
            Self::InvalidInput => "invalid_input",
            Self::MissingReference => "missing_reference",
            Self::Conflict => "conflict",
            Self::Duplicate => "duplicate",
            Self::Unavailable => "unavailable",
            Self::Internal => "internal",
            Self::Unauthenticated => "unauthenticated",
            Self::InvalidCredentials => "invalid_credentials",
            Self::Forbidden => "forbidden",
            Self::CsrfFailed => "csrf_failed",
            Self::RateLimited => "rate_limited",
            Self::AccountLocked => "account_locked",
            Self::PayloadTooLarge => "payload_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::RequestTimeout => "request_timeout",
            Self::TooManyConnections => "too_many_connections",
            Self::QueryEmpty => "query_empty",
            Self::QueryTooLong => "query_too_long",
            Self::QueryNoWords => "query_no_words",
            Self::UnsupportedVersion => "unsupported_version",
            Self::NotAcceptable => "not_acceptable",
            Self::EditionRetired => "edition_retired",
            Self::HomeEdition => "home_edition",
        }
    }

    /// The one status table.
    pub fn status(self) -> StatusCode {
        match self {
            Self::NotFound
            | Self::UnknownEdition
            | Self::UnknownSection
            | Self::UnknownTag
            | Self::UnknownAuthor => StatusCode::NOT_FOUND,
            Self::Gone => StatusCode::GONE,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::InvalidCursor
            | Self::InvalidLimit
            | Self::InvalidQuery
            | Self::QueryEmpty
            | Self::QueryTooLong
            | Self::QueryNoWords
            | Self::UnsupportedVersion => StatusCode::BAD_REQUEST,
            Self::NotAcceptable => StatusCode::NOT_ACCEPTABLE,
            Self::InvalidInput | Self::MissingReference => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Conflict | Self::Duplicate | Self::EditionRetired | Self::HomeEdition => {
                StatusCode::CONFLICT
            }
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            Self::Unauthenticated | Self::InvalidCredentials => StatusCode::UNAUTHORIZED,
            Self::Forbidden | Self::CsrfFailed => StatusCode::FORBIDDEN,
            Self::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            Self::RateLimited | Self::AccountLocked | Self::TooManyConnections => {
                StatusCode::TOO_MANY_REQUESTS
            }
        }
    }

    /// The code for an upload the media service refused: too large (413)
    /// or not a usable picture (422).
    pub fn for_refused_upload(err: &dateline_media::MediaError) -> Self {
        if err.code() == "file_too_large" {
            Self::PayloadTooLarge
        } else {
            Self::InvalidInput
        }
    }

    /// The code spelled `s`, if there is one.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|code| code.as_str() == s)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failed request: what the client is told, plus what only the log sees.
#[derive(Debug)]
pub struct ApiError {
    pub code: ErrorCode,
    /// Safe to show: never SQL, paths or other internals.
    pub message: String,
    /// The input at fault, when one is.
    pub field: Option<&'static str>,
    /// Internal detail for the log (the underlying error), never sent.
    pub detail: Option<String>,
    /// Seconds to wait before retrying, sent as `Retry-After`.
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
            detail: None,
            retry_after: None,
        }
    }

    /// Adds `Retry-After: seconds` (at least 1) to the answer.
    pub fn with_retry_after(mut self, seconds: i64) -> Self {
        self.retry_after = Some(u64::try_from(seconds.max(1)).unwrap_or(1));
        self
    }

    pub fn with_field(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// 500 with a generic message; `detail` goes to the log only.
    pub fn internal(detail: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, "internal server error").with_detail(detail)
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorCode::NotFound, format!("no such {what}"))
    }

    /// A malformed path segment or query value: always 400 `invalid_query`,
    /// whatever the parser's own code, naming the parameter.
    pub fn invalid_query(err: ParseError) -> Self {
        Self::new(
            ErrorCode::InvalidQuery,
            format!("{}: {}", err.field, err.message),
        )
        .with_field(err.field)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ApiError {}

/// The JSON body of every error answer:
/// `{"error": {"code", "message", "field"?, "request_id"?}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorObject,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorObject {
    /// Stable machine-readable reason.
    #[schema(schema_with = error_code_schema)]
    pub code: &'static str,
    /// Human-readable explanation (English); may change between versions.
    pub message: String,
    /// The path or query parameter at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    /// This request's id, as in the `X-Request-Id` header: quote it to
    /// the site's support to find what went wrong.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "3f6c0a9e1b7d42c58e0f7a21d4b9c613")]
    pub request_id: Option<String>,
}

fn error_code_schema() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .description(Some(
            "Stable machine-readable reason; new codes may be added.",
        ))
        .enum_values(Some(ErrorCode::ALL.map(ErrorCode::as_str)))
        .examples(["unknown_edition"])
        .build()
}

/// Put on error responses so that [`log_errors`] can log what went
/// wrong (including internals the client never sees) in one place.
#[derive(Debug, Clone)]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub detail: String,
    /// The `Retry-After` seconds the answer carries, kept when a layer
    /// turns the answer into an HTML page.
    pub retry_after: Option<u64>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorObject {
                code: self.code.as_str(),
                message: self.message.clone(),
                field: self.field,
                request_id: crate::request_id::current().map(|id| id.to_string()),
            },
        };
        let mut response = (self.code.status(), Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, seconds.into());
        }
        if self.code == ErrorCode::Unauthenticated {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response.extensions_mut().insert(ErrorReport {
            code: self.code,
            detail: self.detail.unwrap_or(self.message),
            retry_after: self.retry_after,
        });
        response
    }
}

/// What a client is told to wait when the database is out of reach or busy.
const DATABASE_RETRY_AFTER_SECS: i64 = 5;

/// Whether a database error says "not now" rather than "never": the pool
/// exhausted or closed, the connection lost, the server shutting down or
/// full, or SQLite's write lock still held after the busy timeout. Such a
/// request may succeed when retried, so it answers 503 with Retry-After.
fn database_unavailable(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::PoolClosed
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            // SQLite: SQLITE_BUSY (5), SQLITE_LOCKED (6) and their extended
            // codes, all of at most four digits. PostgreSQL's SQLSTATEs have
            // five characters, some all digits (`22021`, `42501`): read as
            // numbers, their low byte could look busy.
            let sqlite_busy =
                code.len() < 5 && code.parse::<i32>().is_ok_and(|n| matches!(n & 0xff, 5 | 6));
            // PostgreSQL: connection exceptions (08…), shutdown or not yet
            // accepting connections (57P01–57P03), too many connections (53300).
            let postgres_down = code.starts_with("08")
                || matches!(code.as_ref(), "57P01" | "57P02" | "57P03" | "53300");
            sqlite_busy || postgres_down
        }
        _ => false,
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => Self::not_found("resource"),
            StoreError::Conflict { .. } => Self::new(ErrorCode::Conflict, err.to_string()),
            StoreError::Duplicate { .. } => Self::new(ErrorCode::Duplicate, err.to_string()),
            StoreError::MissingReference { .. } => {
                Self::new(ErrorCode::MissingReference, err.to_string())
            }
            StoreError::Invalid(parse) => parse.into(),
            StoreError::Database(sqlx_err) if database_unavailable(&sqlx_err) => Self::new(
                ErrorCode::Unavailable,
                "the database is unavailable, try again later",
            )
            .with_retry_after(DATABASE_RETRY_AFTER_SECS)
            .with_detail(sqlx_err.to_string()),
            StoreError::Database(_) | StoreError::Corrupt { .. } | StoreError::Migration(_) => {
                Self::internal(err.to_string())
            }
        }
    }
}

/// What a reader typed into a search box and why it cannot run (the
/// search crate names the problem; the code is ours).
impl From<dateline_search::QueryProblem> for ApiError {
    fn from(problem: dateline_search::QueryProblem) -> Self {
        use dateline_search::QueryProblem;
        let (code, message) = match problem {
            QueryProblem::Empty => (ErrorCode::QueryEmpty, "q: type something to search for"),
            QueryProblem::TooLong => (
                ErrorCode::QueryTooLong,
                "q: a search may be at most 1024 bytes long",
            ),
            QueryProblem::NoWords => (
                ErrorCode::QueryNoWords,
                "q: the search has no word to look for, only operators or punctuation",
            ),
        };
        Self::new(code, message).with_field("q")
    }
}

/// The index failing is the server's fault; the database behind it keeps
/// its own mapping (503 when out of reach).
impl From<dateline_search::Error> for ApiError {
    fn from(err: dateline_search::Error) -> Self {
        match err {
            dateline_search::Error::Store(store) => store.into(),
            other => Self::internal(other.to_string()),
        }
    }
}

/// Validation failures keep the parser's code when it is one of ours and a
/// client error (`invalid_cursor`, `invalid_limit`, …), else `invalid_input`.
impl From<ParseError> for ApiError {
    fn from(err: ParseError) -> Self {
        let code = ErrorCode::parse(err.code)
            .filter(|code| code.status().is_client_error())
            .unwrap_or(ErrorCode::InvalidInput);
        Self::new(code, format!("{}: {}", err.field, err.message)).with_field(err.field)
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        Self::new(ErrorCode::InvalidQuery, rejection.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        Self::new(ErrorCode::InvalidQuery, rejection.body_text())
    }
}

/// Middleware: logs every response that carries an [`ErrorReport`] —
/// server errors at `error`, client errors at `debug` — with the method and
/// path, so handlers and `IntoResponse` never log themselves.
pub async fn log_errors(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    if let Some(report) = response.extensions().get::<ErrorReport>() {
        let status = response.status().as_u16();
        let code = report.code.as_str();
        if response.status().is_server_error() {
            tracing::error!(%method, path, status, code, detail = %report.detail, "request failed");
        } else {
            tracing::debug!(%method, path, status, code, detail = %report.detail, "request refused");
        }
    }
    response
}

/// The answer for a rendered HTML error page: its status, never stored by
/// caches, `Retry-After` when the error says when to come back, and the
/// report [`log_errors`] logs. A page that failed to render falls back
/// to the status's plain reason.
pub(crate) fn html_error_response(
    status: StatusCode,
    html: Result<String, RenderError>,
    report: ErrorReport,
) -> Response {
    let mut response = match html {
        Ok(html) => (status, Html(html)).into_response(),
        Err(render) => {
            tracing::error!(error = %render, "cannot render the error page");
            (status, status.canonical_reason().unwrap_or("error")).into_response()
        }
    };
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(seconds) = report.retry_after {
        headers.insert(RETRY_AFTER, seconds.into());
    }
    response.extensions_mut().insert(report);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_map_to_one_status() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(code.as_str()), Some(code));
        }
        assert_eq!(ErrorCode::UnknownTag.status(), StatusCode::NOT_FOUND);
        assert_eq!(ErrorCode::Duplicate.status(), StatusCode::CONFLICT);
    }

    #[test]
    fn database_errors_never_leak() {
        let err = ApiError::from(StoreError::Corrupt {
            table: "articles",
            detail: "SELECT secret".into(),
        });
        assert_eq!(err.code, ErrorCode::Internal);
        assert!(!err.message.contains("SELECT"));
        assert!(err.detail.unwrap_or_default().contains("SELECT"));
    }

    #[test]
    fn responses_carry_the_report_for_the_log() {
        let response = ApiError::internal("disk on fire").into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let report = response.extensions().get::<ErrorReport>().unwrap();
        assert_eq!(
            (report.code, report.detail.as_str()),
            (ErrorCode::Internal, "disk on fire")
        );
    }

    /// A database error carrying only a code, as either backend reports one.
    #[derive(Debug)]
    struct Coded(&'static str);

    impl std::fmt::Display for Coded {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "error {}", self.0)
        }
    }

    impl std::error::Error for Coded {}

    impl sqlx::error::DatabaseError for Coded {
        fn message(&self) -> &str {
            "coded"
        }
        fn code(&self) -> Option<std::borrow::Cow<'_, str>> {
            Some(self.0.into())
        }
        fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
            self
        }
        fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
            self
        }
        fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
            self
        }
        fn kind(&self) -> sqlx::error::ErrorKind {
            sqlx::error::ErrorKind::Other
        }
    }

    #[test]
    fn only_busy_databases_answer_unavailable() {
        let unavailable =
            |code| database_unavailable(&sqlx::Error::Database(Box::new(Coded(code))));
        // SQLite busy and locked, with extended codes; PostgreSQL down.
        for code in ["5", "6", "517", "262", "08006", "57P01", "53300"] {
            assert!(unavailable(code), "{code}");
        }
        // SQLite constraint; PostgreSQL's bad text (NUL) and missing
        // privilege, whose low byte as a number is 5.
        for code in ["19", "2067", "22021", "42501", "23505"] {
            assert!(!unavailable(code), "{code}");
        }
    }

    #[test]
    fn parse_errors_keep_known_client_codes() {
        let cursor = ParseError::new("cursor", "invalid_cursor", "bad");
        assert_eq!(ApiError::from(cursor).code, ErrorCode::InvalidCursor);
        let slug = ParseError::new("slug", "invalid_slug", "bad");
        let err = ApiError::from(slug);
        assert_eq!(
            (err.code, err.field),
            (ErrorCode::InvalidInput, Some("slug"))
        );
    }
}
