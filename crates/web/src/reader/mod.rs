//! The reader site: server-rendered HTML pages that work without JavaScript,
//! plus the files around them (feeds, sitemaps, static and media files).
//!
//! Each page handler fetches what it shows with a bounded number of queries
//! (pictures in one `media_by_ids` call), builds a serialisable view model and
//! renders it with `dateline-render`. Errors become pages in the edition's
//! language (`errors.rs`).

mod article;
mod assets;
mod author;
mod context;
mod days;
mod errors;
mod feeds;
mod front;
mod mediabank;
mod newsfeed;
mod section;
mod seo;
mod structured;
mod tag;
mod view;

pub(crate) use article::render_article;
pub(crate) use context::EditionCtx;
// The comments pages (`crate::comments`) answer errors as reader pages do.
pub(crate) use errors::{html_errors, respond, PageError};
// Account pages (`crate::account`) wear the reader site's chrome.
pub(crate) use context::{Layout, Meta};

use axum::routing::get;
use axum::Router;

use crate::AppState;

/// The reader site's routes. Static segments (`tag`, `author`, `newsfeed`,
/// `mediabank`, `rss.xml`, `sitemap-N.xml`) win over section slugs.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(front::root))
        .route("/robots.txt", get(seo::robots))
        .route("/sitemap.xml", get(seo::sitemap_index))
        .route("/static/{file}", get(assets::static_file))
        .route("/media/{*key}", get(assets::media_file))
        .route("/{edition}", get(front::add_slash))
        .route("/{edition}/", get(front::page))
        .route("/{edition}/rss.xml", get(feeds::rss))
        .route("/{edition}/sitemap-{file}", get(seo::sitemap))
        .route("/{edition}/newsfeed", get(newsfeed::page))
        .route("/{edition}/tag/{slug}", get(tag::page))
        .route("/{edition}/author/{slug}", get(author::page))
        .route("/{edition}/mediabank", get(mediabank::add_slash))
        .route("/{edition}/mediabank/", get(mediabank::archive))
        .route("/{edition}/mediabank/{id}", get(mediabank::asset))
        .route("/{edition}/{section}", get(section::add_slash))
        .route("/{edition}/{section}/", get(section::page))
        .route("/{edition}/{section}/{slug}", get(article::page))
        .fallback(errors::fallback)
}
