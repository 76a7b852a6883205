//! The containers text is gathered in while converting ("targets"), and
//! what an open element does when it closes.

use dateline_domain::ListItem;

use super::inline::Inline;

/// What a target is, with what it gathers until it closes.
pub(super) enum Kind {
    /// The body itself: text becomes paragraphs.
    Flow,
    Figure(Figure),
    /// A `<figcaption>`: its text captions the figure around it.
    Caption,
    Heading(u8),
    List(List),
    /// A table: each row becomes a paragraph.
    Table {
        rows: usize,
    },
    Quote(Quote),
    /// A `<cite>` or `<footer>` inside a quote: who said it.
    Attribution,
    Pre,
}

pub(super) struct Figure {
    pub caption: Vec<String>,
    /// A `[caption]` shortcode, whose own text is the caption.
    pub shortcode: bool,
    /// The first block written inside the figure.
    pub first_block: usize,
    /// The last picture written inside it, which the caption goes to.
    pub last_image: Option<usize>,
}

pub(super) struct List {
    pub ordered: bool,
    /// Nested lists' items follow their parent item here, flattened.
    pub items: Vec<ListItem>,
}

pub(super) struct Quote {
    pub attribution: Vec<String>,
    pub embed: Option<EmbedQuote>,
}

/// A blockquote that a social network's script turns into its post.
pub(super) struct EmbedQuote {
    pub twitter: bool,
    pub permalink: Option<String>,
    pub links: Vec<String>,
}

pub(super) struct Target {
    pub kind: Kind,
    pub inline: Inline,
}

/// What to do when an element closes.
pub(super) enum Action {
    Nothing,
    CloseMark,
    Boundary,
    Pop,
    EndItem,
    EndRow,
}
