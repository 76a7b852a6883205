//! HTML bodies (WordPress classic and Gutenberg, Ghost) into typed body
//! blocks: the text a reader could read is kept, markup without a block of
//! its own becomes paragraphs or embeds, and what changed is noted.
//!
//! The pipeline: `shortcodes` and `autoembed` rewrite WordPress shortcodes
//! and URLs alone on their line into placeholder elements, html5ever parses
//! the fragment, `walk` visits the tree with an explicit stack (no
//! recursion, so any nesting depth is safe), `convert` and `containers`
//! turn it into blocks through `inline` text buffers, and `limits` keeps
//! marks and blocks within the domain's caps. Every block written passes
//! `BodyBlock::validate`.

mod autoembed;
mod containers;
mod convert;
mod inline;
mod limits;
mod links;
mod notes;
mod shortcodes;
mod targets;
mod text;
mod walk;

#[cfg(test)]
mod tests;

use dateline_domain::BodyBlock;
use scraper::Html;
use url::Url;

/// A picture the body shows, still to be found in the media bank by the writer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// Absolute when the body gave enough to make it so; `wp-attachment:ID`
    /// for a gallery picture known only by its WordPress attachment id.
    pub src: String,
    pub alt: String,
    pub caption: Option<String>,
    /// Where the picture linked to (often a larger copy of itself).
    pub link: Option<String>,
}

/// One block of a converted body: ready, or a picture still to be resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Body(BodyBlock),
    Image(ImageRef),
}

/// A converted body and what could not be kept as it was.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Converted {
    pub blocks: Vec<Block>,
    /// What could not be kept as it was, for the import report ("a table
    /// became 3 paragraphs", "2 scripts dropped").
    pub notes: Vec<String>,
}

/// Converts an HTML body into blocks. `base` is the old site's address,
/// used to make relative links and image sources absolute.
pub fn to_blocks(html: &str, base: Option<&Url>) -> Converted {
    let mut notes = notes::Notes::default();
    let expanded = shortcodes::expand(html, &mut notes);
    let document = Html::parse_fragment(&expanded);
    let mut converter = convert::Converter::new(base, notes);
    walk::walk(&document, &mut converter);
    let (mut blocks, mut notes) = converter.finish();
    limits::cap_blocks(&mut blocks, &mut notes);
    Converted {
        blocks,
        notes: notes.render(),
    }
}

/// The text of an HTML fragment (for excerpts and comments): block
/// boundaries become blank lines, whitespace collapsed, entities decoded.
pub fn to_text(html: &str) -> String {
    text::to_text(html)
}
