//! Feeds of every listing: the newest 50 public stories of an edition, a
//! section, a tag or an author, in full, as RSS 2.0 (`rss.rs`), Atom 1.0
//! (`atom.rs`) and JSON Feed 1.1 (`json.rs`), at the addresses
//! `Urls::feed` builds. Stories covered live are marked so while their
//! coverage runs. Each feed is a reader page in the page cache, purged by
//! its listing's key and each story's. When the site names a WebSub hub,
//! every feed links to it (in the document and a `Link` header).

mod atom;
mod content;
mod json;
mod listing;
mod model;
mod rss;

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, LINK};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use self::listing::Named;
use crate::error::ErrorCode;
use crate::site::{respond, EditionCtx, PageError};
use crate::urls::FeedFormat;
use crate::AppState;

/// Every feed's route, three formats of four kinds of listing. Their file
/// names are static segments, so they win over section and story slugs.
pub(super) fn routes() -> Router<AppState> {
    let mut router = Router::new();
    for format in FeedFormat::ALL {
        let file = format.file_name();
        router = router
            .route(
                &format!("/{{edition}}/{file}"),
                get(move |state: State<AppState>, Path(edition): Path<String>| {
                    serve(state, edition, Named::Edition, format)
                }),
            )
            .route(
                &format!("/{{edition}}/{{section}}/{file}"),
                get(
                    move |state: State<AppState>,
                          Path((edition, section)): Path<(String, String)>| {
                        serve(state, edition, Named::Section(section), format)
                    },
                ),
            )
            .route(
                &format!("/{{edition}}/tag/{{slug}}/{file}"),
                get(
                    move |state: State<AppState>, Path((edition, slug)): Path<(String, String)>| {
                        serve(state, edition, Named::Tag(slug), format)
                    },
                ),
            )
            .route(
                &format!("/{{edition}}/author/{{slug}}/{file}"),
                get(
                    move |state: State<AppState>, Path((edition, slug)): Path<(String, String)>| {
                        serve(state, edition, Named::Author(slug), format)
                    },
                ),
            );
    }
    router
}

async fn serve(
    State(state): State<AppState>,
    edition: String,
    named: Named,
    format: FeedFormat,
) -> Response {
    let result = feed(&state, &edition, named, format).await;
    respond(&state, Some(&edition), result).await
}

async fn feed(
    state: &AppState,
    code: &str,
    named: Named,
    format: FeedFormat,
) -> Result<Response, PageError> {
    let ctx = EditionCtx::load(state, code).await?;
    let found = named.find(state, &ctx).await?;
    let (doc, keys) = listing::load(state, &ctx, &found, format).await?;
    let body = match format {
        FeedFormat::Rss => rss::write(&doc).map_err(unwritable),
        FeedFormat::Atom => atom::write(&doc, ctx.site_name()).map_err(unwritable),
        FeedFormat::Json => json::write(&doc).map_err(unwritable),
    }?;
    let content_type = format!("{}; charset=utf-8", format.media_type());
    let mut response = (
        [
            (CONTENT_TYPE, content_type),
            (CACHE_CONTROL, "public, max-age=300".to_owned()),
        ],
        body,
    )
        .into_response();
    if let Some(hub) = &doc.hub {
        // WebSub §4: the hub and the topic's own address, as a header too.
        let link = format!("<{hub}>; rel=\"hub\", <{}>; rel=\"self\"", doc.self_url);
        if let Ok(value) = HeaderValue::from_str(&link) {
            response.headers_mut().insert(LINK, value);
        }
    }
    Ok(keys.attach(response))
}

fn unwritable(e: impl std::fmt::Display) -> PageError {
    PageError::new(ErrorCode::Internal, format!("feed not written: {e}"))
}
