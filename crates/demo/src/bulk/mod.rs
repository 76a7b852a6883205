//! Bulk generation for load tests (`dateline gen`): plausible articles by
//! the million, drawn from pools of text rendered once up front, so that an
//! article costs a handful of string copies and no template work.
//!
//! Comments are added by `dateline gen --comments N` itself, through
//! `Store::insert_comments_bulk`, once the articles exist.
//!
//! `Store::insert_articles_bulk` notes nothing in the search change log;
//! `dateline gen` calls `Store::note_search_rebuild` once the load is in.

mod setup;

use dateline_domain::{ArticleStatus, BodyBlock, HeadingLevel, NewArticle, Slug, UnixTime};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub use setup::bulk_setup;

use crate::plan::slug_of;
use crate::story::{BlockPlan, StoryPlan};
use crate::text::Lang;

/// Stories rendered per section and language for the pools.
const POOL_STORIES: usize = 320;
/// How far back bulk articles go.
const SPAN_SECONDS: i64 = 3 * 365 * 86_400;

/// What bulk articles attach to: existing rows, by id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BulkTargets {
    pub editions: Vec<BulkEdition>,
    pub media_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkEdition {
    pub edition_id: i64,
    /// Russian text for Russian editions, English for every other.
    pub lang: Lang,
    /// `(id, slug)`; a slug of the demo's sections picks matching words.
    pub sections: Vec<(i64, Slug)>,
    pub tag_ids: Vec<i64>,
    /// The edition's authors: bylines come from the story's edition.
    pub author_ids: Vec<i64>,
}

/// One story's headline, lead and slug base.
#[derive(Debug, Clone)]
struct PoolStory {
    headline: String,
    lead: String,
    slug: String,
}

/// Ready text for one section in one language.
#[derive(Debug, Default)]
struct Pool {
    stories: Vec<PoolStory>,
    paragraphs: Vec<String>,
    quotes: Vec<(String, String)>,
    headings: Vec<String>,
}

/// Produces batches of new articles for `Store::insert_articles_bulk`.
#[derive(Debug)]
pub struct BulkGenerator {
    rng: ChaCha8Rng,
    targets: BulkTargets,
    /// `pools[lang][section]`
    pools: [Vec<Pool>; Lang::COUNT],
    /// For each edition, the word section behind each of its sections.
    section_words: Vec<Vec<usize>>,
    now: UnixTime,
    serial: u64,
}

impl BulkGenerator {
    /// A generator for `targets`, reproducible from `seed`, with
    /// publication times spread over the three years before `now`.
    /// Slugs end in a serial number that starts from a seed-dependent base,
    /// so runs with different seeds do not collide; a second run with the
    /// same seed on the same database does (the store answers `Duplicate`).
    pub fn new(seed: u64, targets: BulkTargets, now: UnixTime) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x0b01_c0de);
        let langs: Vec<Lang> = targets.editions.iter().map(|e| e.lang).collect();
        let pools = Lang::ALL.map(|lang| {
            if langs.contains(&lang) {
                (0..7).map(|s| build_pool(&mut rng, lang, s, now)).collect()
            } else {
                Vec::new()
            }
        });
        let section_words = targets
            .editions
            .iter()
            .map(|e| {
                let words = e.lang.words();
                e.sections
                    .iter()
                    .enumerate()
                    .map(|(i, (_, slug))| {
                        words
                            .sections
                            .iter()
                            .position(|w| w.slug == slug.as_str())
                            .unwrap_or(i % 7)
                    })
                    .collect()
            })
            .collect();
        Self {
            rng,
            targets,
            pools,
            section_words,
            now,
            serial: (seed % 9_000 + 1_000) * 100_000_000,
        }
    }

    /// The next `n` articles and, parallel to them, their tag ids. Empty
    /// when there is no edition with a section to put articles in.
    pub fn next_batch(&mut self, n: usize) -> (Vec<NewArticle>, Vec<Vec<i64>>) {
        let mut articles = Vec::with_capacity(n);
        let mut tags = Vec::with_capacity(n);
        let usable: Vec<usize> = (0..self.targets.editions.len())
            .filter(|e| !self.targets.editions[*e].sections.is_empty())
            .collect();
        if usable.is_empty() {
            return (articles, tags);
        }
        for _ in 0..n {
            let e = usable[self.rng.gen_range(0..usable.len())];
            let (article, tag_ids) = self.article(e);
            articles.push(article);
            tags.push(tag_ids);
        }
        (articles, tags)
    }

    fn article(&mut self, e: usize) -> (NewArticle, Vec<i64>) {
        let rng = &mut self.rng;
        let edition = &self.targets.editions[e];
        let s = rng.gen_range(0..edition.sections.len());
        let pool = &self.pools[edition.lang.index()][self.section_words[e][s]];
        let story = &pool.stories[rng.gen_range(0..pool.stories.len())];
        self.serial += 1;
        let slug = format!("{}-{}", story.slug, self.serial)
            .parse::<Slug>()
            .ok();

        let blocks = rng.gen_range(5..=8);
        let mut body = Vec::with_capacity(blocks);
        for i in 0..blocks {
            let roll: f32 = rng.gen();
            let block = if i > 0 && roll < 0.18 {
                let (text, attribution) = &pool.quotes[rng.gen_range(0..pool.quotes.len())];
                BodyBlock::Quote {
                    text: text.clone(),
                    attribution: attribution.clone(),
                }
            } else if i > 1 && roll < 0.24 {
                match HeadingLevel::try_from(2u8) {
                    Ok(level) => BodyBlock::Heading {
                        level,
                        text: pool.headings[rng.gen_range(0..pool.headings.len())].clone(),
                    },
                    Err(_) => continue,
                }
            } else if i > 1 && roll < 0.3 && !self.targets.media_ids.is_empty() {
                BodyBlock::Image {
                    media_id: self.targets.media_ids
                        [rng.gen_range(0..self.targets.media_ids.len())],
                    caption: None,
                }
            } else {
                BodyBlock::paragraph(
                    pool.paragraphs[rng.gen_range(0..pool.paragraphs.len())].clone(),
                )
            };
            body.push(block);
        }

        let roll: f32 = rng.gen();
        let status = if roll < 0.95 {
            ArticleStatus::Published
        } else if roll < 0.97 {
            ArticleStatus::Corrected
        } else if roll < 0.99 {
            ArticleStatus::Draft
        } else {
            ArticleStatus::InReview
        };
        let time = self.now - rng.gen_range(0..SPAN_SECONDS);
        let authors = &edition.author_ids;
        let author_ids = if authors.is_empty() {
            Vec::new()
        } else {
            let count = if rng.gen_bool(0.2) { 2 } else { 1 };
            authors.choose_multiple(rng, count).copied().collect()
        };
        let tag_count = rng.gen_range(2..=4).min(edition.tag_ids.len());
        let tag_ids = edition
            .tag_ids
            .choose_multiple(rng, tag_count)
            .copied()
            .collect();
        let media = &self.targets.media_ids;
        let article = NewArticle {
            edition_id: edition.edition_id,
            section_id: edition.sections[s].0,
            slug: slug.unwrap_or_else(|| edition.sections[s].1.clone()),
            headline: story.headline.clone(),
            lead: story.lead.clone(),
            body,
            status,
            published_at: status.is_public().then_some(time),
            updated_at: time,
            lead_media_id: (!media.is_empty()).then(|| media[rng.gen_range(0..media.len())]),
            translation_group: None,
            author_ids,
            tags: Vec::new(),
            seo: dateline_domain::ArticleSeo::default(),
        };
        (article, tag_ids)
    }
}

/// Renders `POOL_STORIES` stories of one section in one language.
fn build_pool<R: Rng>(rng: &mut R, lang: Lang, section: usize, now: UnixTime) -> Pool {
    let mut pool = Pool::default();
    for _ in 0..POOL_STORIES {
        let mut story = StoryPlan::roll(rng, section, false);
        story
            .facts
            .set_date(now - rng.gen_range(0..SPAN_SECONDS), 0);
        let headline = story.headline(lang);
        // At most 80 characters: room for the serial within the 120 allowed.
        let slug = slug_of(&headline).map_or_else(|_| "article".to_owned(), String::from);
        for block in &story.blocks {
            if matches!(block, BlockPlan::Related | BlockPlan::Image) {
                continue;
            }
            match story.render_block(block, lang) {
                Some(BodyBlock::Paragraph { text, .. }) => pool.paragraphs.push(text),
                Some(BodyBlock::Quote { text, attribution }) => {
                    pool.quotes.push((text, attribution))
                }
                Some(BodyBlock::Heading { text, .. }) => pool.headings.push(text),
                _ => {}
            }
        }
        pool.stories.push(PoolStory {
            lead: story.lead(lang),
            headline,
            slug,
        });
    }
    pool.paragraphs.sort_unstable();
    pool.paragraphs.dedup();
    if pool.headings.is_empty() {
        pool.headings
            .push(lang.words().sections[section].title.to_owned());
    }
    pool
}
