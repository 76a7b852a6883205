//! One story, planned once and written in any language: which headline,
//! lead, paragraphs and quotes it uses, in what order. Because the word
//! lists are aligned, the same plan in English and Russian is a translation.

use dateline_domain::{BodyBlock, HeadingLevel};
use rand::seq::SliceRandom;
use rand::Rng;

use crate::text::{lexicon, render, render_into, Ctx, Facts, Lang, LangLex};

/// Where a paragraph's template comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Kind(u8),
    Section(u8),
    Context(u8),
    Closer(u8),
    Correction(u8),
}

/// One planned body block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockPlan {
    Paragraph(Source),
    Heading(u8),
    /// A quote (from the kind's or the section's list) and who said it.
    Quote {
        text: Source,
        attribution: u8,
    },
    /// A card for another article; the demo plan picks which.
    Related,
    /// A picture from the media bank; the demo plan picks which.
    Image,
}

/// Everything needed to write a story in any language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryPlan {
    pub facts: Facts,
    pub headline: u8,
    pub lead: u8,
    pub blocks: Vec<BlockPlan>,
}

fn idx<R: Rng>(rng: &mut R, len: usize) -> u8 {
    u8::try_from(rng.gen_range(0..len.max(1))).unwrap_or(0)
}

fn shuffled<R: Rng>(rng: &mut R, len: usize) -> Vec<u8> {
    let mut v: Vec<u8> = (0..u8::try_from(len).unwrap_or(u8::MAX)).collect();
    v.shuffle(rng);
    v
}

impl StoryPlan {
    /// Plans a story of `section`: 6 to 12 blocks including one related
    /// card, 1 to 3 quotes, sometimes a heading and a picture, and a
    /// correction note last when `corrected`.
    pub fn roll<R: Rng>(rng: &mut R, section: usize, corrected: bool) -> StoryPlan {
        let facts = Facts::roll(rng, section);
        let lex = lexicon().get(Lang::En);
        let words = lex.sections[usize::from(facts.section)].words;
        let common = lex.words.common;
        let kind = &words.kinds[usize::from(facts.kind)];

        let target: usize = rng.gen_range(6..=12);
        let quotes = rng.gen_range(1..=3usize);
        let heading = rng.gen_bool(0.45);
        let image = rng.gen_bool(0.35);
        let fixed = 1 + quotes + usize::from(heading) + usize::from(image) + usize::from(corrected);
        let paragraphs = target.saturating_sub(fixed).max(quotes + 1).max(2);

        // Paragraph order: one from the kind first, the closer last, and in
        // between the rest of the kind's, the section's and the context's.
        let mut kind_paras = shuffled(rng, kind.paragraphs.len()).into_iter();
        let mut middle: Vec<Source> = kind_paras.by_ref().skip(1).map(Source::Kind).collect();
        middle.extend(
            shuffled(rng, words.paragraphs.len())
                .into_iter()
                .take(3)
                .map(Source::Section),
        );
        middle.extend(
            shuffled(rng, common.context.len())
                .into_iter()
                .take(4)
                .map(Source::Context),
        );
        middle.shuffle(rng);
        let first = Source::Kind(idx(rng, kind.paragraphs.len()));
        middle.retain(|s| *s != first);
        let mut paras = vec![first];
        paras.extend(middle.into_iter().take(paragraphs.saturating_sub(2)));
        paras.push(Source::Closer(idx(rng, common.closers.len())));

        let mut quote_sources: Vec<Source> = shuffled(rng, words.quotes.len())
            .into_iter()
            .map(Source::Section)
            .collect();
        quote_sources.insert(0, Source::Kind(idx(rng, kind.quotes.len())));
        let attributions = shuffled(rng, common.attributions.len());

        let mut blocks: Vec<BlockPlan> = Vec::with_capacity(target + 2);
        // Quotes follow evenly spaced paragraphs, never the closing one.
        let quote_after: Vec<usize> = (0..quotes)
            .map(|k| k * (paras.len() - 1) / quotes)
            .collect();
        for (i, source) in paras.iter().enumerate() {
            if heading && i == paras.len() / 2 && i > 0 {
                blocks.push(BlockPlan::Heading(idx(rng, words.headings.len())));
            }
            blocks.push(BlockPlan::Paragraph(*source));
            if let Some(n) = quote_after.iter().position(|q| *q == i) {
                blocks.push(BlockPlan::Quote {
                    text: quote_sources[n % quote_sources.len()],
                    attribution: attributions[n % attributions.len()],
                });
            }
        }
        let related_at = rng.gen_range(2..=3).min(blocks.len());
        blocks.insert(related_at, BlockPlan::Related);
        if image {
            let at = (blocks.len() * 2 / 3)
                .max(related_at + 1)
                .min(blocks.len() - 1);
            blocks.insert(at, BlockPlan::Image);
        }
        if corrected {
            blocks.push(BlockPlan::Paragraph(Source::Correction(idx(
                rng,
                common.corrections.len(),
            ))));
        }
        StoryPlan {
            facts,
            headline: idx(rng, kind.headlines.len()),
            lead: idx(rng, kind.leads.len()),
            blocks,
        }
    }

    fn ctx(&self, lang: Lang) -> Ctx<'_> {
        Ctx {
            lex: lexicon().get(lang),
            facts: &self.facts,
        }
    }

    /// Background sentences get their own numbers, so that a story does not
    /// repeat one figure in every paragraph.
    fn facts_for(&self, source: Source, quote: bool) -> Facts {
        let salt = match source {
            Source::Kind(_) | Source::Correction(_) => return self.facts,
            Source::Section(i) => 100 + u32::from(i) + if quote { 50 } else { 0 },
            Source::Context(i) => 200 + u32::from(i),
            Source::Closer(i) => 300 + u32::from(i),
        };
        self.facts.salted(salt)
    }

    fn kind<'a>(&self, lex: &'a LangLex) -> &'a crate::words::Kind {
        &lex.sections[usize::from(self.facts.section)].words.kinds[usize::from(self.facts.kind)]
    }

    pub fn headline(&self, lang: Lang) -> String {
        let ctx = self.ctx(lang);
        render(
            self.kind(ctx.lex).headlines[usize::from(self.headline)],
            &ctx,
        )
    }

    pub fn lead(&self, lang: Lang) -> String {
        let ctx = self.ctx(lang);
        render(self.kind(ctx.lex).leads[usize::from(self.lead)], &ctx)
    }

    fn source_text(&self, lex: &LangLex, source: Source, quote: bool) -> &'static str {
        let words = lex.sections[usize::from(self.facts.section)].words;
        let common = lex.words.common;
        let kind = self.kind(lex);
        let pick = |list: &'static [&'static str], i: u8| list[usize::from(i) % list.len()];
        match (source, quote) {
            (Source::Kind(i), false) => pick(kind.paragraphs, i),
            (Source::Kind(i), true) => pick(kind.quotes, i),
            (Source::Section(i), false) => pick(words.paragraphs, i),
            (Source::Section(i), true) => pick(words.quotes, i),
            (Source::Context(i), _) => pick(common.context, i),
            (Source::Closer(i), _) => pick(common.closers, i),
            (Source::Correction(i), _) => pick(common.corrections, i),
        }
    }

    /// The block in `lang`; `None` for related cards and pictures, which
    /// the caller fills in.
    pub fn render_block(&self, block: &BlockPlan, lang: Lang) -> Option<BodyBlock> {
        let ctx = self.ctx(lang);
        let lex = ctx.lex;
        Some(match *block {
            BlockPlan::Paragraph(source) => {
                let facts = self.facts_for(source, false);
                BodyBlock::paragraph(render(
                    self.source_text(lex, source, false),
                    &Ctx { lex, facts: &facts },
                ))
            }
            BlockPlan::Heading(i) => {
                let headings = lex.sections[usize::from(self.facts.section)].words.headings;
                BodyBlock::Heading {
                    level: HeadingLevel::try_from(2u8).ok()?,
                    text: render(headings[usize::from(i) % headings.len()], &ctx),
                }
            }
            BlockPlan::Quote { text, attribution } => {
                let attributions = lex.words.common.attributions;
                let mut who = String::new();
                render_into(
                    &mut who,
                    attributions[usize::from(attribution) % attributions.len()],
                    &ctx,
                );
                let facts = self.facts_for(text, true);
                BodyBlock::Quote {
                    text: render(
                        self.source_text(lex, text, true),
                        &Ctx { lex, facts: &facts },
                    ),
                    attribution: who,
                }
            }
            BlockPlan::Related | BlockPlan::Image => return None,
        })
    }

    /// Tag names in `lang`: the country, the kind's tags, and the city when
    /// fewer than two would remain; at most five.
    pub fn tags(&self, lang: Lang) -> Vec<String> {
        let lex = lexicon().get(lang);
        let section = usize::from(self.facts.section);
        let words = lex.sections[section].words;
        let meta = &crate::words::KIND_META[section.min(6)][usize::from(self.facts.kind).min(5)];
        let country = &lex.countries[usize::from(self.facts.country)];
        let mut tags = vec![country.0.forms[0].clone()];
        tags.extend(
            meta.tags
                .iter()
                .filter_map(|t| words.tags.get(usize::from(*t)))
                .map(|t| (*t).to_owned()),
        );
        if tags.len() < 3 {
            tags.push(country.1[usize::from(self.facts.city)].forms[0].clone());
        }
        tags.truncate(5);
        tags
    }
}
