//! Containers closing into blocks (headings, lists, tables, quotes,
//! figures, preformatted text), and the elements that are blocks by
//! themselves: pictures, embedded players, galleries.

use dateline_domain::rich::LIST_MAX_ITEMS;
use dateline_domain::{BodyBlock, HeadingLevel, ListItem};
use scraper::node::Element;

use super::convert::Converter;
use super::inline::collapse;
use super::limits::tidy_marks;
use super::links::{embed_url, http_url, image_src};
use super::targets::{Figure, Kind, List, Quote, Target};
use super::{Block, ImageRef};

/// Attributes lazy-loading plugins keep the real picture address in.
const LAZY_SOURCES: [&str; 3] = ["data-src", "data-lazy-src", "data-orig-file"];

impl Converter<'_> {
    /// Closes the innermost container into its block(s).
    pub(super) fn pop(&mut self) {
        // What is still being written belongs to the container.
        match self.top_kind() {
            Kind::Table { .. } => self.end_row(),
            Kind::List(_) => self.end_item(),
            Kind::Figure(Figure {
                shortcode: false, ..
            }) => self.flush(),
            _ => {}
        }
        let Some(Target { kind, mut inline }) = self.targets.pop() else {
            return;
        };
        match kind {
            Kind::Flow => {}
            Kind::Heading(level) => {
                let text = inline.take_plain();
                if !text.is_empty() {
                    let block = match HeadingLevel::try_from(level) {
                        Ok(level) => BodyBlock::Heading { level, text },
                        Err(_) => BodyBlock::paragraph(text),
                    };
                    self.blocks.push(Block::Body(block));
                }
            }
            Kind::List(list) => self.close_list(list),
            Kind::Table { rows } => {
                if rows > 0 {
                    self.notes.tables += 1;
                    self.notes.table_rows += rows;
                }
            }
            Kind::Quote(quote) => {
                let text = inline.take_plain();
                self.close_quote(quote, text);
            }
            Kind::Attribution => {
                let text = inline.take_plain();
                if let Kind::Quote(quote) = &mut self.top().kind {
                    quote.attribution.push(text);
                }
            }
            Kind::Caption => {
                let text = inline.take_plain();
                match &mut self.top().kind {
                    Kind::Figure(figure) => figure.caption.push(text),
                    _ if !text.is_empty() => {
                        self.blocks.push(Block::Body(BodyBlock::paragraph(text)));
                    }
                    _ => {}
                }
            }
            Kind::Figure(mut figure) => {
                if figure.shortcode {
                    figure.caption.push(inline.take_plain());
                }
                self.close_figure(figure);
            }
            Kind::Pre => {
                if let Some((text, marks)) = inline.take() {
                    self.notes.preformatted += 1;
                    let marks = tidy_marks(&text, marks, &mut self.notes);
                    self.blocks
                        .push(Block::Body(BodyBlock::Paragraph { text, marks }));
                }
            }
        }
        self.place_deferred();
    }

    /// Ends the list item being written.
    pub(super) fn end_item(&mut self) {
        let Some((text, marks)) = self.top().inline.take() else {
            return;
        };
        let marks = tidy_marks(&text, marks, &mut self.notes);
        if let Kind::List(list) = &mut self.top().kind {
            list.items.push(ListItem { text, marks });
        }
    }

    /// Ends the table row being written: it becomes a paragraph.
    pub(super) fn end_row(&mut self) {
        let Some((text, marks)) = self.top().inline.take() else {
            return;
        };
        if let Kind::Table { rows } = &mut self.top().kind {
            *rows += 1;
        }
        let marks = tidy_marks(&text, marks, &mut self.notes);
        self.blocks
            .push(Block::Body(BodyBlock::Paragraph { text, marks }));
    }

    fn close_list(&mut self, list: List) {
        if list.items.len() > LIST_MAX_ITEMS {
            self.notes.lists_split += 1;
        }
        let mut chunk = Vec::new();
        for item in list.items {
            chunk.push(item);
            if chunk.len() == LIST_MAX_ITEMS {
                self.blocks.push(Block::Body(BodyBlock::List {
                    ordered: list.ordered,
                    items: std::mem::take(&mut chunk),
                }));
            }
        }
        if !chunk.is_empty() {
            self.blocks.push(Block::Body(BodyBlock::List {
                ordered: list.ordered,
                items: chunk,
            }));
        }
    }

    fn close_quote(&mut self, quote: Quote, text: String) {
        if let Some(embed) = quote.embed {
            let from_links = || {
                let link = if embed.twitter {
                    embed
                        .links
                        .iter()
                        .rev()
                        .find(|link| link.contains("/status/"))
                } else {
                    embed.links.first()
                };
                link.and_then(|link| http_url(link))
            };
            let url = embed
                .permalink
                .as_deref()
                .and_then(http_url)
                .or_else(from_links);
            if let Some(url) = url {
                self.blocks
                    .push(Block::Body(BodyBlock::Embed { url, title: None }));
                return;
            }
        }
        let attribution = quote
            .attribution
            .iter()
            .filter(|part| !part.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        let attribution = attribution
            .trim_start_matches(|c: char| {
                matches!(c, '—' | '–' | '―' | '-' | '~') || c.is_whitespace()
            })
            .to_owned();
        let block = if !text.is_empty() {
            BodyBlock::Quote { text, attribution }
        } else if !attribution.is_empty() {
            BodyBlock::paragraph(attribution)
        } else {
            return;
        };
        self.blocks.push(Block::Body(block));
    }

    /// A figure's caption goes to its last picture, else titles its embed,
    /// else stands as a paragraph.
    fn close_figure(&mut self, figure: Figure) {
        let caption = figure
            .caption
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(index) = figure.last_image {
            if let (Some(Block::Image(image)), false) =
                (self.blocks.get_mut(index), caption.is_empty())
            {
                image.caption = Some(caption);
            }
            return;
        }
        if caption.is_empty() {
            return;
        }
        let untitled = self
            .blocks
            .get_mut(figure.first_block..)
            .and_then(|blocks| {
                blocks.iter_mut().rev().find_map(|block| match block {
                    Block::Body(BodyBlock::Embed { title, .. }) if title.is_none() => Some(title),
                    _ => None,
                })
            });
        match untitled {
            Some(title) => *title = Some(caption),
            None => self.blocks.push(Block::Body(BodyBlock::paragraph(caption))),
        }
    }

    pub(super) fn image(&mut self, element: &Element) {
        let usable = |src: &&str| {
            let src = src.trim();
            !src.is_empty() && !src.starts_with("data:")
        };
        let src = element
            .attr("src")
            .filter(usable)
            .or_else(|| {
                LAZY_SOURCES
                    .iter()
                    .find_map(|name| element.attr(name))
                    .filter(usable)
            })
            .or_else(|| element.attr("src"))
            .and_then(|src| image_src(src, self.base));
        let Some(src) = src else {
            self.notes.images_dropped += 1;
            return;
        };
        let alt = collapse(
            element.attr("alt").unwrap_or(""),
            &mut self.notes.forbidden_chars,
        );
        let link = self.top().inline.link().map(str::to_owned);
        self.place(Block::Image(ImageRef {
            src,
            alt,
            caption: None,
            link,
        }));
    }

    pub(super) fn embed(&mut self, src: Option<&str>, title: Option<&str>) {
        let Some(url) = src.and_then(|src| embed_url(src, self.base)) else {
            self.notes.embeds_dropped += 1;
            return;
        };
        let title = title
            .map(|title| collapse(title, &mut self.notes.forbidden_chars))
            .filter(|title| !title.is_empty());
        self.place(Block::Body(BodyBlock::Embed { url, title }));
    }

    /// A `[gallery ids="…"]`: pictures known by WordPress attachment id.
    pub(super) fn gallery(&mut self, ids: &str) {
        let ids: Vec<&str> = ids
            .split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
            .collect();
        if ids.is_empty() {
            *self.notes.shortcodes.entry("gallery".into()).or_default() += 1;
            return;
        }
        self.notes.galleries += 1;
        self.notes.gallery_pictures += ids.len();
        for id in ids {
            self.place(Block::Image(ImageRef {
                src: format!("wp-attachment:{id}"),
                alt: String::new(),
                caption: None,
                link: None,
            }));
        }
    }
}
