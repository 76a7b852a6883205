//! The whole demo as a plan: editions, sections, authors, pictures and
//! articles, decided from the seed alone, before anything is stored. Cross
//! references are indices into the plan; `install` turns them into ids.

mod articles;
mod desk;

use dateline_domain::{ArticleStatus, BodyBlock, ParseError, Slug, UnixTime};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::pictures::Scene;
use crate::story::StoryPlan;
use crate::text::Lang;

pub(crate) use desk::{authors, pictures, sections};
pub use desk::{edition_meta, slug_of, EditionMeta, CONTACT_EMAIL, SITE_NAME};

/// Articles per edition.
pub const ARTICLES_PER_EDITION: usize = 200;
/// Stories told in more than one language: a quarter of them in all three,
/// the rest in each pair of languages in turn (see [`story_languages`]).
pub const TRANSLATED_STORIES: usize = 80;
/// Pictures per section in each edition's media bank. Every picture has a
/// twin in each other edition's bank (see [`PicturePlan::twins`]), so the
/// demo paints `Lang::COUNT × 7 ×` this many.
pub const PICTURES_PER_SECTION: usize = 8;

/// The languages the `i`th translated story is told in, its original's
/// first: all three for every fourth story, else English and Russian,
/// English and Arabic, Russian and Arabic in turn, each language the
/// original about as often as the others.
pub fn story_languages(i: usize) -> Vec<Lang> {
    let set: &[Lang] = match i % 4 {
        0 => &Lang::ALL,
        1 => &[Lang::En, Lang::Ru],
        2 => &[Lang::En, Lang::Ar],
        _ => &[Lang::Ru, Lang::Ar],
    };
    let first = (i / 4) % set.len();
    set.iter()
        .cycle()
        .skip(first)
        .take(set.len())
        .copied()
        .collect()
}
/// How far back the demo's articles go.
pub const SPAN_DAYS: i64 = 60;

#[derive(Debug, Clone, PartialEq)]
pub struct SectionPlan {
    pub slug: Slug,
    pub title: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AuthorPlan {
    pub lang: Lang,
    pub slug: Slug,
    pub name: String,
    pub bio: String,
}

/// A media-bank picture: what to paint and what to say about it.
#[derive(Debug, Clone, PartialEq)]
pub struct PicturePlan {
    pub scene: Scene,
    pub seed: u64,
    pub section: usize,
    /// The edition it is filed under; every word about it (caption, alt
    /// text, credit, copyright, source) is in this language.
    pub lang: Lang,
    /// Without any "file photo" words: `is_file_photo` marks those.
    pub caption: String,
    pub alt: String,
    pub credit: String,
    pub copyright: String,
    pub source: String,
    pub is_file_photo: bool,
    pub created_at: UnixTime,
    /// Indices in `DemoPlan::pictures` of the pictures of the same subject,
    /// one per edition, at `Lang::index` (its own index at its own
    /// language's): the same kind of scene, each painted from its own seed
    /// (so another file) and captioned in its edition's language. A
    /// translation's pictures are the twins of its original's.
    pub twins: [usize; Lang::COUNT],
}

/// A body block whose references are still plan indices.
#[derive(Debug, Clone, PartialEq)]
pub enum PlannedBlock {
    Ready(BodyBlock),
    /// A card for the article at this index of `DemoPlan::articles`.
    Related(usize),
    /// A picture at this index of `DemoPlan::pictures`, always one filed
    /// under the article's edition, so its own caption fits.
    Image(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArticlePlan {
    pub lang: Lang,
    pub section: usize,
    pub story: StoryPlan,
    pub slug: Slug,
    pub headline: String,
    pub lead: String,
    pub body: Vec<PlannedBlock>,
    pub status: ArticleStatus,
    pub published_at: Option<UnixTime>,
    pub updated_at: UnixTime,
    /// A picture of the article's edition and section.
    pub lead_picture: usize,
    /// The article (earlier in the plan) this one translates.
    pub translation_of: Option<usize>,
    /// Indices into `DemoPlan::authors`.
    pub authors: Vec<usize>,
    pub tags: Vec<(Slug, String)>,
}

/// Everything the demo will create, in creation order.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoPlan {
    /// At `Lang::index`: English, Russian, Arabic.
    pub editions: [EditionMeta; Lang::COUNT],
    /// Seven per edition, indexed `[lang][section]`.
    pub sections: [Vec<SectionPlan>; Lang::COUNT],
    pub authors: Vec<AuthorPlan>,
    pub pictures: Vec<PicturePlan>,
    /// Oldest first, so that related cards and translations always point
    /// at an article created before them.
    pub articles: Vec<ArticlePlan>,
}

impl DemoPlan {
    /// The demo for `seed`, with times counted back from `now`.
    pub fn generate(seed: u64, now: UnixTime) -> Result<DemoPlan, ParseError> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let editions = Lang::ALL.map(edition_meta);
        let mut sections: [Vec<SectionPlan>; Lang::COUNT] = Default::default();
        for lang in Lang::ALL {
            sections[lang.index()] = desk::sections(lang)?;
        }
        let authors = desk::authors()?;
        let pictures = desk::pictures(&mut rng, now);
        let articles = articles::generate(&mut rng, now, &authors, &pictures)?;
        Ok(DemoPlan {
            editions,
            sections,
            authors,
            pictures,
            articles,
        })
    }
}

#[cfg(test)]
mod tests;
