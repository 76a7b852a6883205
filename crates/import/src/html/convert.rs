//! The walk's visitor for [`super::to_blocks`]. A stack of open containers
//! ("targets": the body, a heading, a list, a table, a quote, a figure)
//! says where text goes; each element opens a mark, a container or a block
//! boundary, and leaves an [`Action`] saying what to do when it closes.

use dateline_domain::rich::Mark;
use dateline_domain::BodyBlock;
use scraper::ElementRef;
use url::Url;

use super::inline::{collapse, Gap, Inline, Style};
use super::limits::tidy_marks;
use super::links::{bare_url, link_href};
use super::notes::Notes;
use super::targets::{Action, EmbedQuote, Figure, Kind, List, Quote, Target};
use super::walk::{class_of, Class, Visitor};
use super::Block;

pub(super) struct Converter<'a> {
    pub base: Option<&'a Url>,
    pub blocks: Vec<Block>,
    root: Target,
    pub targets: Vec<Target>,
    /// Pictures and embeds met inside a heading, list, quote or table,
    /// placed after it.
    pub deferred: Vec<Block>,
    pub notes: Notes,
}

impl<'a> Converter<'a> {
    pub(super) fn new(base: Option<&'a Url>, notes: Notes) -> Self {
        Self {
            base,
            blocks: Vec::new(),
            root: Target {
                kind: Kind::Flow,
                inline: Inline::default(),
            },
            targets: Vec::new(),
            deferred: Vec::new(),
            notes,
        }
    }

    pub(super) fn finish(mut self) -> (Vec<Block>, Notes) {
        while !self.targets.is_empty() {
            self.pop();
        }
        self.flush();
        let deferred = std::mem::take(&mut self.deferred);
        self.blocks.extend(deferred);
        (self.blocks, self.notes)
    }

    pub(super) fn top(&mut self) -> &mut Target {
        match self.targets.last_mut() {
            Some(target) => target,
            None => &mut self.root,
        }
    }

    pub(super) fn top_kind(&self) -> &Kind {
        self.targets
            .last()
            .map_or(&self.root.kind, |target| &target.kind)
    }

    /// Whether blocks may start here: in the body or a figure.
    pub(super) fn flow_like(&self) -> bool {
        matches!(
            self.top_kind(),
            Kind::Flow
                | Kind::Figure(Figure {
                    shortcode: false,
                    ..
                })
        )
    }

    /// Ends the paragraph being written in the body or a figure.
    pub(super) fn flush(&mut self) {
        if let Some((text, marks)) = self.top().inline.take() {
            let block = self.paragraph(text, marks);
            self.blocks.push(block);
        }
    }

    /// A paragraph, or an embed when it is only a bare URL.
    fn paragraph(&mut self, text: String, marks: Vec<Mark>) -> Block {
        if !marks.iter().any(|mark| mark.href().is_some()) {
            if let Some(url) = bare_url(&text) {
                return Block::Body(BodyBlock::Embed { url, title: None });
            }
        }
        let marks = tidy_marks(&text, marks, &mut self.notes);
        Block::Body(BodyBlock::Paragraph { text, marks })
    }

    /// The start or end of a block-level element.
    fn boundary(&mut self) {
        if self.flow_like() {
            self.flush();
            return;
        }
        let gap = match self.top_kind() {
            Kind::Pre => Gap::Line,
            Kind::Quote(_) => Gap::Paragraph,
            _ => Gap::Space,
        };
        self.top().inline.gap(gap);
    }

    fn block_boundary(&mut self) -> Option<Action> {
        self.boundary();
        Some(Action::Boundary)
    }

    fn line_break(&mut self) {
        if self.flow_like() || matches!(self.top_kind(), Kind::Quote(_) | Kind::Pre) {
            self.top().inline.line_break();
        } else {
            self.top().inline.gap(Gap::Space);
        }
    }

    /// Opens a container where blocks may start (the caller checked).
    fn push(&mut self, kind: Kind) -> Option<Action> {
        self.flush();
        let inline = match kind {
            Kind::Pre => Inline::preformatted(),
            _ => Inline::default(),
        };
        self.targets.push(Target { kind, inline });
        Some(Action::Pop)
    }

    /// Places a picture or an embed where it was met: in the body at once
    /// (ending the paragraph around it), elsewhere after the container.
    pub(super) fn place(&mut self, block: Block) {
        let shortcode = match self.top_kind() {
            Kind::Flow => false,
            Kind::Figure(figure) => figure.shortcode,
            _ => {
                self.deferred.push(block);
                return;
            }
        };
        if !shortcode {
            self.flush();
        }
        let index = self.blocks.len();
        let is_image = matches!(block, Block::Image(_));
        self.blocks.push(block);
        if let (true, Kind::Figure(figure)) = (is_image, &mut self.top().kind) {
            figure.last_image = Some(index);
        }
    }

    /// Places what waited for a container to close, if blocks may go here.
    pub(super) fn place_deferred(&mut self) {
        if self.deferred.is_empty() || !matches!(self.top_kind(), Kind::Flow | Kind::Figure(_)) {
            return;
        }
        for block in std::mem::take(&mut self.deferred) {
            self.place(block);
        }
    }

    fn open_mark(&mut self, style: Style) -> Option<Action> {
        let inline = &mut self.top().inline;
        if inline.is_open(&style) {
            // Bold inside bold adds nothing, and keeps the open marks few.
            return Some(Action::Nothing);
        }
        inline.open(style);
        Some(Action::CloseMark)
    }

    fn open_link(&mut self, element: &scraper::node::Element) -> Option<Action> {
        let Some(raw) = element.attr("href") else {
            return Some(Action::Nothing);
        };
        let href = link_href(raw, self.base);
        let top = self.top();
        if let (
            Kind::Quote(Quote {
                embed: Some(embed), ..
            }),
            Some(href),
        ) = (&mut top.kind, &href)
        {
            embed.links.push(href.clone());
        }
        if top.inline.link().is_some() {
            // A link inside a link: the outer one is kept.
            return Some(Action::Nothing);
        }
        match href {
            Some(href) => {
                top.inline.open(Style::Link(href));
                Some(Action::CloseMark)
            }
            None => {
                if !raw.trim().is_empty() {
                    self.notes.links_dropped += 1;
                }
                Some(Action::Nothing)
            }
        }
    }

    fn open_heading(&mut self, level: u8) -> Option<Action> {
        if self.flow_like() {
            self.push(Kind::Heading(level))
        } else {
            self.block_boundary()
        }
    }

    fn open_list(&mut self, ordered: bool) -> Option<Action> {
        if self.flow_like() {
            self.push(Kind::List(List {
                ordered,
                items: Vec::new(),
            }))
        } else if matches!(self.top_kind(), Kind::List(_)) {
            self.end_item();
            Some(Action::EndItem)
        } else {
            self.block_boundary()
        }
    }

    fn open_table(&mut self) -> Option<Action> {
        if self.flow_like() {
            self.push(Kind::Table { rows: 0 })
        } else if matches!(self.top_kind(), Kind::Table { .. }) {
            self.end_row();
            Some(Action::EndRow)
        } else {
            self.block_boundary()
        }
    }

    fn open_quote(&mut self, element: &scraper::node::Element) -> Option<Action> {
        if !self.flow_like() {
            return self.block_boundary();
        }
        let classes = element.attr("class").unwrap_or("");
        let has = |names: &[&str]| classes.split_whitespace().any(|c| names.contains(&c));
        let twitter = has(&["twitter-tweet", "twitter-video"]);
        let embed = (twitter || has(&["instagram-media", "tiktok-embed"])).then(|| EmbedQuote {
            twitter,
            permalink: element
                .attr("data-instgrm-permalink")
                .or_else(|| element.attr("cite"))
                .map(str::to_owned),
            links: Vec::new(),
        });
        self.push(Kind::Quote(Quote {
            attribution: Vec::new(),
            embed,
        }))
    }

    /// A `<figure>`, or a `[caption]` shortcode with its caption attribute.
    fn open_figure(&mut self, shortcode_caption: Option<&str>) -> Option<Action> {
        if !self.flow_like() {
            return self.block_boundary();
        }
        self.flush();
        let caption = shortcode_caption
            .map(|caption| {
                // The attribute may hold markup.
                let text = super::text::to_text(caption);
                collapse(&text, &mut self.notes.forbidden_chars)
            })
            .filter(|caption| !caption.is_empty());
        let figure = Figure {
            caption: caption.into_iter().collect(),
            shortcode: shortcode_caption.is_some(),
            first_block: self.blocks.len(),
            last_image: None,
        };
        self.push(Kind::Figure(figure))
    }

    fn open_inner(&mut self, kind: Kind) -> Option<Action> {
        self.targets.push(Target {
            kind,
            inline: Inline::default(),
        });
        Some(Action::Pop)
    }
}

impl Visitor for Converter<'_> {
    type Action = Action;

    fn open(&mut self, element: ElementRef<'_>) -> Option<Action> {
        let el = element.value();
        let name = el.name();
        let top = self.top_kind();
        let in_list = matches!(top, Kind::List(_));
        let in_table = matches!(top, Kind::Table { .. });
        let in_quote = matches!(top, Kind::Quote(_));
        let in_figure = matches!(top, Kind::Figure(_));
        match name {
            "a" => self.open_link(el),
            "b" | "strong" => self.open_mark(Style::Bold),
            "i" | "em" => self.open_mark(Style::Italic),
            "br" => {
                self.line_break();
                None
            }
            "img" => {
                self.image(el);
                None
            }
            "iframe" | "embed" => {
                self.embed(el.attr("src"), el.attr("title"));
                None
            }
            "video" | "audio" => {
                let src = el.attr("src").or_else(|| {
                    element
                        .child_elements()
                        .filter(|child| child.value().name() == "source")
                        .find_map(|child| child.value().attr("src"))
                });
                self.embed(src, el.attr("title"));
                None
            }
            "dl-media" => {
                self.embed(el.attr("src"), None);
                None
            }
            "dl-embed" => {
                self.boundary();
                self.text(el.attr("url").unwrap_or(""));
                self.boundary();
                None
            }
            "dl-gallery" => {
                self.gallery(el.attr("ids").unwrap_or(""));
                None
            }
            "dl-caption" => self.open_figure(Some(el.attr("cap").unwrap_or(""))),
            "figure" => self.open_figure(None),
            "figcaption" if in_figure => self.open_inner(Kind::Caption),
            "h1" | "h2" => self.open_heading(2),
            "h3" => self.open_heading(3),
            "h4" | "h5" | "h6" => self.open_heading(4),
            "ul" | "ol" => self.open_list(name == "ol"),
            "li" if in_list => {
                self.end_item();
                Some(Action::EndItem)
            }
            "table" => self.open_table(),
            "tr" | "caption" if in_table => {
                self.end_row();
                Some(Action::EndRow)
            }
            "td" | "th" if in_table => {
                self.top().inline.gap(Gap::Cell);
                Some(Action::Nothing)
            }
            "blockquote" => self.open_quote(el),
            "cite" | "footer" if in_quote => self.open_inner(Kind::Attribution),
            "pre" if self.flow_like() => self.push(Kind::Pre),
            _ => match class_of(name) {
                Class::Dropped => {
                    self.notes.drop_element(name);
                    None
                }
                Class::Silent => None,
                Class::Block => self.block_boundary(),
                Class::Inline => Some(Action::Nothing),
            },
        }
    }

    fn close(&mut self, action: Action) {
        match action {
            Action::Nothing => {}
            Action::CloseMark => self.top().inline.close(),
            Action::Boundary => self.boundary(),
            Action::Pop => self.pop(),
            Action::EndItem => self.end_item(),
            Action::EndRow => self.end_row(),
        }
    }

    fn text(&mut self, text: &str) {
        let mut rest = text;
        loop {
            let mut removed = 0;
            let next = self.top().inline.push_text(rest, &mut removed);
            self.notes.forbidden_chars += removed;
            match next {
                // A blank line ends a paragraph, as WordPress's wpautop reads it.
                Some(after) => {
                    self.boundary();
                    rest = after;
                }
                None => break,
            }
        }
    }
}
