//! The reader site: server-rendered HTML pages that work without JavaScript,
//! plus the files around them (feeds, sitemaps, static and media files).
//!
//! Each page handler fetches what it shows with a bounded number of queries
//! (pictures in one `media_by_ids` call), builds a serialisable view model and
//! renders it with `dateline-render`. The chrome, picture and card view
//! models and the error pages are shared with the other public features
//! and live in `crate::site`.

mod article;
mod assets;
mod author;
mod feeds;
mod front;
mod mediabank;
mod newsfeed;
// The search page and suggestions as one types (not in the page cache).
mod search;
mod section;
mod seo;
// The sitemap index, story, listing and news sitemaps.
mod sitemaps;
mod structured;
mod tag;
mod view;

pub(crate) use article::{render_article, Shown};

use axum::routing::get;
use axum::Router;

use crate::AppState;

/// The reader site's routes. Static segments (`tag`, `author`, `newsfeed`,
/// `mediabank`, `search`, `sitemap-N.xml`, and the feeds' file names,
/// `feeds::routes`) win over section and story slugs.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(front::root))
        .route("/robots.txt", get(seo::robots))
        .route("/sitemap.xml", get(sitemaps::sitemap_index))
        .route("/static/{file}", get(assets::static_file))
        .route("/media/{*key}", get(assets::media_file))
        .route("/{edition}", get(front::add_slash))
        .route("/{edition}/", get(front::page))
        .route("/{edition}/sitemap-{file}", get(sitemaps::sitemap))
        .route("/{edition}/newsfeed", get(newsfeed::page))
        .route("/{edition}/tag/{slug}", get(tag::page))
        .route("/{edition}/author/{slug}", get(author::page))
        .route("/{edition}/search", get(search::page))
        .route("/{edition}/search/suggest", get(search::suggest))
        .route("/{edition}/mediabank", get(mediabank::add_slash))
        .route("/{edition}/mediabank/", get(mediabank::archive))
        .route("/{edition}/mediabank/{id}", get(mediabank::asset))
        .route("/{edition}/{section}", get(section::add_slash))
        .route("/{edition}/{section}/", get(section::page))
        .route("/{edition}/{section}/{slug}", get(article::page))
        .merge(feeds::routes())
        .fallback(crate::site::fallback)
}
