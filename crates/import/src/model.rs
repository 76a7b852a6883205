//! What an export holds, whatever wrote it: the records every reader
//! (`wxr`, `ghost`) produces and the writer (`apply`) takes in.
//!
//! Keys are the source's own identifiers as text (a WordPress post id, a
//! Ghost object id): they are what makes a second run find what the first
//! one wrote. Bodies stay HTML here; `html` turns them into body blocks.

use std::collections::HashMap;

use dateline_domain::UnixTime;

/// Where a record starts in its file, for messages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Position {
    pub line: u64,
    pub column: u64,
}

/// The exporting site, as its export describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteInfo {
    pub title: String,
    /// The site's address (`http://example.com/`), used to recognise its
    /// own links and uploads; empty when the export does not say.
    pub base_url: String,
    pub language: String,
    /// The export format's version (`1.2` for WXR, `5.x` for Ghost).
    pub format_version: String,
}

/// A person who wrote posts: becomes a Dateline author (a byline).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    pub key: String,
    /// The login or slug in the source, the base of the author's slug.
    pub login: String,
    pub name: String,
    pub email: String,
    pub bio: String,
    pub website: String,
}

/// Categories may become sections (see the writer's options); tags stay tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermKind {
    Category,
    Tag,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub kind: TermKind,
    /// The term's slug in the source (WordPress `nicename`, Ghost `slug`):
    /// posts name their terms by it.
    pub key: String,
    pub name: String,
    pub parent: Option<String>,
    pub description: String,
}

/// A picture the export refers to: an attachment, a featured image.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picture {
    /// The source's id, when the picture is an object of its own.
    pub key: Option<String>,
    /// Where the file was (absolute URL, or a path on the old site).
    pub url: String,
    pub title: String,
    pub caption: String,
    pub alt: String,
    pub credit: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostKind {
    Post,
    Page,
}

impl PostKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Post => "post",
            Self::Page => "page",
        }
    }
}

/// A post's state in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostState {
    Published,
    Draft,
    /// Pending review.
    Review,
    Scheduled,
    /// Visible only to the old site's logged-in users: imported as a draft.
    Private,
    /// In the old site's bin: not imported.
    Trashed,
}

/// A comment's state in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentState {
    Approved,
    Pending,
    Spam,
    Trashed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub key: String,
    /// The comment it answers, by key.
    pub parent: Option<String>,
    pub author_name: String,
    pub author_email: String,
    pub author_url: String,
    pub created_at: UnixTime,
    /// The comment's text as the source kept it (HTML or plain text).
    pub body_html: String,
    pub state: CommentState,
    /// Pingbacks and trackbacks are not reader comments.
    pub is_ping: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub key: String,
    pub kind: PostKind,
    pub state: PostState,
    pub title: String,
    /// The slug in the source, percent-decoded; may be empty.
    pub slug: String,
    pub published_at: Option<UnixTime>,
    pub modified_at: Option<UnixTime>,
    /// Authors by [`Person::key`], the first being the main one.
    pub authors: Vec<String>,
    /// A custom excerpt: becomes the lead.
    pub excerpt: String,
    pub body_html: String,
    /// Categories and tags by [`Term::key`].
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub featured: Option<Picture>,
    /// The addresses the post had on the old site (permalink, `?p=` links):
    /// each answers 301 to the imported story.
    pub old_urls: Vec<String>,
    pub comments: Vec<Comment>,
    /// Where the post starts in the file.
    pub at: Position,
}

/// Everything an export holds besides its posts, read by a first pass over
/// the whole file (which also proves it well-formed before anything is
/// written). Posts are then streamed one at a time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    pub site: SiteInfo,
    pub people: Vec<Person>,
    pub terms: Vec<Term>,
    /// Pictures that are objects of their own (WordPress attachments), by key.
    pub pictures: HashMap<String, Picture>,
    /// Posts and pages in the file, trashed ones and other kinds included.
    pub posts: u64,
    /// Items of kinds Dateline has no use for (menus, custom post types),
    /// by kind, with how many there are.
    pub ignored: Vec<(String, u64)>,
}

impl Catalog {
    pub fn picture(&self, key: &str) -> Option<&Picture> {
        self.pictures.get(key)
    }
}
