//! A run of text being built from HTML: whitespace collapsed the way a
//! browser shows it, and marks over character ranges. A mark starts at the
//! first character it covers, not where its element opened, and whitespace
//! waits until text follows it, so trimming a block never shifts a mark.

use std::mem;

use dateline_domain::{is_forbidden_char, Mark};

/// Whitespace waiting between two pieces of text; emitted only when more
/// text follows, so that no block starts or ends with it. A wider gap wins
/// over a narrower one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Gap {
    #[default]
    None,
    Space,
    Line,
    Paragraph,
    /// Between two cells of a table row.
    Cell,
}

impl Gap {
    fn as_str(self) -> &'static str {
        match self {
            Self::None => "",
            Self::Space => " ",
            Self::Line => "\n",
            Self::Paragraph => "\n\n",
            Self::Cell => " | ",
        }
    }

    fn chars(self) -> u32 {
        match self {
            Self::None => 0,
            Self::Space | Self::Line => 1,
            Self::Paragraph => 2,
            Self::Cell => 3,
        }
    }
}

/// What a mark does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Style {
    Bold,
    Italic,
    Link(String),
}

impl Style {
    fn mark(&self, start: u32, end: u32) -> Mark {
        match self {
            Self::Bold => Mark::Bold { start, end },
            Self::Italic => Mark::Italic { start, end },
            Self::Link(href) => Mark::Link {
                start,
                end,
                href: href.clone(),
            },
        }
    }
}

#[derive(Debug)]
struct OpenMark {
    style: Style,
    /// `None` until the first character it covers.
    start: Option<u32>,
}

/// Whitespace as HTML collapses it; the no-break space too, since editors
/// scatter it where they meant a space.
pub(super) fn is_collapsible(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}' | '\u{a0}')
}

/// Text with its marks, built piece by piece.
#[derive(Debug, Default)]
pub(super) struct Inline {
    text: String,
    /// `text` counted in characters, as marks count.
    len: u32,
    gap: Gap,
    /// Line feeds in the whitespace run being read: two make a blank line.
    newlines: u32,
    marks: Vec<Mark>,
    open: Vec<OpenMark>,
    unstarted: bool,
    /// Inside `<pre>`: whitespace kept as written.
    preformatted: bool,
}

impl Inline {
    pub(super) fn preformatted() -> Self {
        Self {
            preformatted: true,
            ..Self::default()
        }
    }

    /// Adds the text of a text node, dropping forbidden characters (counted
    /// in `removed`). Stops after a blank line (two line feeds in one run of
    /// whitespace) and returns what is left, for the caller to end a
    /// paragraph there first.
    pub(super) fn push_text<'t>(&mut self, text: &'t str, removed: &mut usize) -> Option<&'t str> {
        for (at, c) in text.char_indices() {
            if self.preformatted {
                if is_forbidden_char(c) {
                    *removed += 1;
                } else if !(self.len == 0 && c == '\n') {
                    self.put(c);
                }
            } else if is_collapsible(c) {
                self.gap = self.gap.max(Gap::Space);
                if c == '\n' {
                    self.newlines += 1;
                    if self.newlines == 2 {
                        self.newlines = 0;
                        return Some(&text[at + 1..]);
                    }
                }
            } else if is_forbidden_char(c) {
                *removed += 1;
            } else {
                self.put(c);
            }
        }
        None
    }

    fn put(&mut self, c: char) {
        if self.len > 0 {
            self.text.push_str(self.gap.as_str());
            self.len += self.gap.chars();
        }
        self.gap = Gap::None;
        self.newlines = 0;
        if self.unstarted {
            for mark in self.open.iter_mut().filter(|mark| mark.start.is_none()) {
                mark.start = Some(self.len);
            }
            self.unstarted = false;
        }
        self.text.push(c);
        self.len = self.len.saturating_add(1);
    }

    /// Asks for at least `gap` before the next text.
    pub(super) fn gap(&mut self, gap: Gap) {
        self.gap = self.gap.max(gap);
    }

    /// A `<br>`: a line feed, written at once inside `<pre>`.
    pub(super) fn line_break(&mut self) {
        if self.preformatted {
            if self.len > 0 {
                self.put('\n');
            }
        } else {
            self.gap(Gap::Line);
        }
    }

    pub(super) fn open(&mut self, style: Style) {
        self.open.push(OpenMark { style, start: None });
        self.unstarted = true;
    }

    pub(super) fn is_open(&self, style: &Style) -> bool {
        self.open.iter().any(|mark| mark.style == *style)
    }

    /// Ends the mark opened last; an empty one is dropped.
    pub(super) fn close(&mut self) {
        if let Some(OpenMark {
            style,
            start: Some(start),
        }) = self.open.pop()
        {
            if start < self.len {
                self.marks.push(style.mark(start, self.len));
            }
        }
    }

    /// The address of the link being read, if any.
    pub(super) fn link(&self) -> Option<&str> {
        self.open.iter().find_map(|mark| match &mark.style {
            Style::Link(href) => Some(href.as_str()),
            _ => None,
        })
    }

    /// Takes the text built so far with its marks, or `None` when it is
    /// blank. Marks still open go on over the next text.
    pub(super) fn take(&mut self) -> Option<(String, Vec<Mark>)> {
        let len = self.len;
        for mark in &mut self.open {
            if let Some(start) = mark.start.take() {
                if start < len {
                    self.marks.push(mark.style.mark(start, len));
                }
            }
        }
        self.unstarted = !self.open.is_empty();
        let mut text = mem::take(&mut self.text);
        let mut marks = mem::take(&mut self.marks);
        self.len = 0;
        self.gap = Gap::None;
        self.newlines = 0;
        if self.preformatted {
            let kept = text.trim_end().len();
            if kept < text.len() {
                let end = len.saturating_sub(count_chars(&text[kept..]));
                text.truncate(kept);
                marks = marks
                    .into_iter()
                    .filter_map(|mark| {
                        let (start, old_end) = mark.range();
                        let new_end = old_end.min(end);
                        (start < new_end).then(|| mark.with_range(start, new_end))
                    })
                    .collect();
            }
        }
        if text.trim().is_empty() {
            return None;
        }
        Some((text, marks))
    }

    /// The text built so far without marks; empty when blank.
    pub(super) fn take_plain(&mut self) -> String {
        self.take().map(|(text, _)| text).unwrap_or_default()
    }
}

/// `text` counted in characters, as marks count.
pub(super) fn count_chars(text: &str) -> u32 {
    u32::try_from(text.chars().count()).unwrap_or(u32::MAX)
}

/// `text` with its whitespace collapsed and forbidden characters dropped
/// (counted in `removed`), for attributes: alt texts, captions, titles.
pub(super) fn collapse(text: &str, removed: &mut usize) -> String {
    let mut inline = Inline::default();
    let mut rest = text;
    while let Some(after) = inline.push_text(rest, removed) {
        inline.gap(Gap::Space);
        rest = after;
    }
    inline.take_plain()
}
