//! Error pages in HTML: the public site's (400, 404, 410, 500…) in the
//! edition's language, with the status from the web layer's one `ErrorCode`
//! table. Like the newsroom's, they become answers through
//! [`crate::error::html_error_response`], which keeps `Retry-After`.

use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dateline_render::RenderError;
use dateline_store::StoreError;
use serde::Serialize;

use super::chrome::{EditionCtx, Layout, Meta};
use super::pictures::MediaMap;
use crate::error::{html_error_response, ApiError, ErrorCode, ErrorReport};
use crate::AppState;

/// Why a reader page could not be shown.
#[derive(Debug)]
pub(crate) struct PageError {
    pub code: ErrorCode,
    /// For the log only.
    pub detail: String,
    /// Seconds after which the request may succeed (a busy database).
    pub retry_after: Option<u64>,
}

impl PageError {
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self {
            code,
            detail: detail.into(),
            retry_after: None,
        }
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorCode::NotFound, format!("no such {what}"))
    }

    pub fn gone(what: &str) -> Self {
        Self::new(ErrorCode::Gone, format!("{what} was taken down"))
    }
}

/// Store failures map exactly as in the API (pool exhaustion → 503 with
/// `Retry-After`, …).
impl From<StoreError> for PageError {
    fn from(err: StoreError) -> Self {
        Self::from(ApiError::from(err))
    }
}

impl From<dateline_search::Error> for PageError {
    fn from(err: dateline_search::Error) -> Self {
        Self::from(ApiError::from(err))
    }
}

impl From<ApiError> for PageError {
    fn from(api: ApiError) -> Self {
        Self {
            code: api.code,
            detail: api.detail.unwrap_or(api.message),
            retry_after: api.retry_after,
        }
    }
}

impl From<ErrorReport> for PageError {
    fn from(report: ErrorReport) -> Self {
        Self {
            code: report.code,
            detail: report.detail,
            retry_after: report.retry_after,
        }
    }
}

impl From<RenderError> for PageError {
    fn from(err: RenderError) -> Self {
        Self::new(ErrorCode::Internal, err.to_string())
    }
}

/// The page a handler produced, or its error page. `edition` is the code in
/// the URL, so that the error page speaks the edition's language.
pub(crate) async fn respond(
    state: &AppState,
    edition: Option<&str>,
    result: Result<Response, PageError>,
) -> Response {
    match result {
        Ok(response) => response,
        Err(err) => error_page(state, edition, err).await,
    }
}

/// Middleware for pages whose handlers (or layers) answer errors as
/// [`ApiError`] JSON (the reader's account pages; comments and chats for
/// forms `input_text` refuses): a browser that asked for HTML gets the
/// error page instead, in the language of the `edition` named in the query.
pub(crate) async fn html_errors(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let wants_html = request
        .headers()
        .get(axum::http::header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let edition = request.uri().query().and_then(|query| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix("edition="))
            .map(str::to_owned)
    });
    let response = next.run(request).await;
    let is_json = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"application/json"));
    match response.extensions().get::<ErrorReport>() {
        Some(report) if wants_html && is_json => {
            let err = PageError::from(report.clone());
            error_page(&state, edition.as_deref(), err).await
        }
        _ => response,
    }
}

/// Any path the reader site does not know: 301 to a public story that
/// had this address on a site imported into this one (`redirects`), else
/// 404 in the language of the edition named by the first path segment, if any.
pub(crate) async fn fallback(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
) -> Response {
    if let Some(to) = imported_address(&state, &uri).await {
        return moved_permanently(&to);
    }
    let first = uri
        .path()
        .trim_start_matches('/')
        .split('/')
        .next()
        .map(str::to_owned);
    let err = PageError::new(ErrorCode::NotFound, format!("no page at {}", uri.path()));
    error_page(&state, first.as_deref(), err).await
}

/// `301 Moved Permanently` to `to`, as search engines expect of a site
/// that moved (308 would say the same, but not every crawler knows it);
/// cached for an hour.
pub(crate) fn moved_permanently(to: &str) -> Response {
    match axum::http::HeaderValue::from_str(to) {
        Ok(location) => (
            StatusCode::MOVED_PERMANENTLY,
            [
                (axum::http::header::LOCATION, location),
                (
                    axum::http::header::CACHE_CONTROL,
                    axum::http::HeaderValue::from_static("public, max-age=3600"),
                ),
            ],
        )
            .into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Where an old address of an imported story leads now, when the story is
/// public (a draft's old address stays a 404, as its page is).
pub(crate) async fn imported_address(state: &AppState, uri: &axum::http::Uri) -> Option<String> {
    let path = uri.path_and_query()?.as_str();
    let id = state.store.redirect_target(path).await.ok()??;
    let article = state.store.article_by_id(id).await.ok()??;
    if !article.status.is_public() {
        return None;
    }
    let edition = state.store.edition_by_id(article.edition_id).await.ok()??;
    let section = state.store.section_by_id(article.section_id).await.ok()??;
    Some(crate::urls::Urls::new(&state.config.base_url).article(
        &edition.code,
        &section.slug,
        &article.slug,
    ))
}

/// How long an error page waits for its edition's chrome.
const CONTEXT_WAIT: std::time::Duration = std::time::Duration::from_secs(1);

#[derive(Serialize)]
struct ErrorView {
    #[serde(flatten)]
    layout: Layout,
    error: ErrorInfo,
}

#[derive(Serialize)]
struct ErrorInfo {
    status: u16,
    title_key: &'static str,
    text_key: &'static str,
    /// This request's `X-Request-Id`, for the reader to quote to support.
    request_id: Option<String>,
}

async fn error_page(state: &AppState, edition: Option<&str>, err: PageError) -> Response {
    let status = err.code.status();
    let (title_key, text_key) = match status {
        _ if err.code == ErrorCode::CsrfFailed => ("error-csrf-title", "error-csrf-text"),
        StatusCode::UNAUTHORIZED => ("error-401-title", "error-401-text"),
        StatusCode::FORBIDDEN => ("error-403-title", "error-403-text"),
        StatusCode::TOO_MANY_REQUESTS => ("error-429-title", "error-429-text"),
        StatusCode::NOT_FOUND => ("error-404-title", "error-404-text"),
        StatusCode::GONE => ("error-410-title", "error-410-text"),
        StatusCode::UNPROCESSABLE_ENTITY => ("error-422-title", "error-422-text"),
        s if s.is_client_error() => ("error-400-title", "error-400-text"),
        _ => ("error-500-title", "error-500-text"),
    };
    // A second look-up only on the error path; the handler's own context
    // is gone by now. It usually comes from the page cache's copy of the
    // editions; a failing store must neither hide the error page nor hold
    // it up, so it gets a moment and then the page goes out in English.
    let ctx = match edition {
        Some(code) => tokio::time::timeout(CONTEXT_WAIT, EditionCtx::load(state, code))
            .await
            .ok()
            .and_then(Result::ok),
        None => None,
    };
    let locale = ctx.as_ref().map_or_else(
        || state.renderer.locale("en", "UTC", "%d.%m.%Y"),
        |c| c.locale.clone(),
    );
    let title = state.renderer.t(&locale, title_key, &[]);
    let title = match &ctx {
        Some(ctx) => ctx.title(&title),
        None => title,
    };
    let meta = Meta::new(title, String::new()).noindex();
    let layout = match &ctx {
        Some(ctx) => {
            // The masthead's logo, on the same terms as the context.
            let logo = MediaMap::fetch(state, ctx.edition.logo_media_id);
            let logo = tokio::time::timeout(CONTEXT_WAIT, logo)
                .await
                .ok()
                .and_then(Result::ok);
            ctx.layout(state, "error", meta, logo.as_ref())
        }
        None => Layout::fallback(state, meta),
    };
    let view = ErrorView {
        layout,
        error: ErrorInfo {
            status: status.as_u16(),
            title_key,
            text_key,
            request_id: crate::request_id::current().map(|id| id.to_string()),
        },
    };
    let html = state.renderer.render("error.html", &locale, &view);
    html_error_response(
        status,
        html,
        ErrorReport {
            code: err.code,
            detail: err.detail,
            retry_after: err.retry_after,
        },
    )
}
