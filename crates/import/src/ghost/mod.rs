//! Ghost JSON exports (0.x to 5.x) read as a stream into [`model`] records.
//!
//! Two passes over the file, each a streaming serde_json parse with the
//! posts visited one by one, so memory does not grow with the export:
//! [`scan`] proves the whole file well-formed, counts the posts and keeps
//! the small tables (site settings, users, tags, the links between posts
//! and them, members' comments); [`posts`] then yields the posts and pages
//! in file order.
//!
//! Site-URL placeholders (`__GHOST_URL__`, `{{blog-url}}`) are resolved the
//! same way in bodies and feature images: to the site's address when the
//! export gives it, else to a path on the old site (`/content/images/a.jpg`).
//!
//! [`model`]: crate::model

mod cards;
mod emit;
mod lexical;
mod mobiledoc;
mod post;
mod raw;
mod records;
mod scan;
mod source;
mod stream;
mod walk;

#[cfg(test)]
mod tests;

use std::path::Path;

use crate::error::Result;

pub use scan::Scanned;
pub use stream::PostIter;

/// First pass: reads the whole file, proves it well-formed, and returns
/// everything but the posts' bodies (site, people, tags, the relations the
/// second pass needs) with the number of posts and pages.
pub fn scan(path: &Path) -> Result<Scanned> {
    scan::scan(path)
}

/// Second pass: the posts and pages, one at a time, in file order. Relies
/// on `scanned` coming from the same, unchanged file.
pub fn posts<'a>(path: &Path, scanned: &'a Scanned) -> Result<PostIter<'a>> {
    stream::posts(path, scanned)
}
