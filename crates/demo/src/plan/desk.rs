//! The fixed parts of the demo: editions, sections, bylines, and each
//! edition's media bank, with captions and credits in its own language.

use dateline_domain::{ParseError, Slug, TextDirection, UnixTime};
use rand::Rng;

use super::{AuthorPlan, PicturePlan, SectionPlan, PICTURES_PER_SECTION};
use crate::pictures::Scene;
use crate::text::{lexicon, render, Ctx, Facts, Lang};

const MINUTE: i64 = 60;
const DAY: i64 = 86_400;

/// The demo site's name, the same in every edition (each edition keeps
/// its own name on its masthead).
pub const SITE_NAME: &str = "Dateline";
/// The public address the footer of every page shows (a reserved domain:
/// the demo invents no real contact, and no social accounts at all).
pub const CONTACT_EMAIL: &str = "newsdesk@example.org";

/// How an edition presents itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionMeta {
    pub lang: Lang,
    pub code: &'static str,
    pub name: &'static str,
    pub language: &'static str,
    pub direction: TextDirection,
    pub time_zone: &'static str,
    pub date_format: &'static str,
    /// Offset used for dates written in the text ("on Tuesday").
    pub utc_offset: i64,
    pub position: i32,
    /// What the logo says, in stroke capitals, and its accent colour.
    pub logo_word: &'static str,
    pub logo_subtitle: Option<&'static str>,
    pub logo_accent: u32,
}

pub fn edition_meta(lang: Lang) -> EditionMeta {
    match lang {
        Lang::En => EditionMeta {
            lang,
            code: "en",
            name: lang.words().desk.edition_name,
            language: "en",
            direction: TextDirection::Ltr,
            time_zone: "Europe/London",
            date_format: "%d.%m.%Y",
            utc_offset: 0,
            position: 0,
            logo_word: "DATELINE",
            logo_subtitle: Some("INTERNATIONAL"),
            logo_accent: 0xe4572e,
        },
        Lang::Ru => EditionMeta {
            lang,
            code: "ru",
            name: lang.words().desk.edition_name,
            language: "ru",
            direction: TextDirection::Ltr,
            time_zone: "Europe/Moscow",
            date_format: "%d.%m.%Y",
            utc_offset: 3 * 3600,
            position: 1,
            logo_word: "ДЕЙТЛАЙН",
            logo_subtitle: None,
            logo_accent: 0xc8102e,
        },
        // The stroke letters are Latin and Cyrillic only: the Arabic
        // edition's logo carries the brand, its masthead the Arabic name.
        Lang::Ar => EditionMeta {
            lang,
            code: "ar",
            name: lang.words().desk.edition_name,
            language: "ar",
            direction: TextDirection::Rtl,
            time_zone: "Asia/Dubai",
            date_format: "%e %B %Y",
            utc_offset: 4 * 3600,
            position: 2,
            logo_word: "DATELINE",
            logo_subtitle: None,
            logo_accent: 0x0a7e5c,
        },
    }
}

/// A slug for free text, in any script (`Slug::from_title` spells it in
/// Latin letters).
pub fn slug_of(text: &str) -> Result<Slug, ParseError> {
    Slug::from_title(text).ok_or_else(|| {
        ParseError::new(
            "slug",
            "invalid_slug",
            format!("no slug can be made from {text:?}"),
        )
    })
}

pub fn sections(lang: Lang) -> Result<Vec<SectionPlan>, ParseError> {
    lang.words()
        .sections
        .iter()
        .map(|s| {
            Ok(SectionPlan {
                slug: slug_of(s.slug)?,
                title: s.title.to_owned(),
                description: s.description.to_owned(),
            })
        })
        .collect()
}

/// Bylines of every edition, English first.
pub fn authors() -> Result<Vec<AuthorPlan>, ParseError> {
    Lang::ALL
        .into_iter()
        .flat_map(|lang| {
            let desk = lang.words().desk;
            desk.authors
                .iter()
                .zip(desk.author_bios)
                .map(move |(name, bio)| {
                    Ok(AuthorPlan {
                        lang,
                        slug: slug_of(name)?,
                        name: (*name).to_owned(),
                        bio: (*bio).to_owned(),
                    })
                })
        })
        .collect()
}

/// What a picture shows and how it came to the desk, before it is shot for
/// each edition.
struct Subject {
    scene: Scene,
    section: usize,
    facts: Facts,
    caption: usize,
    agency: usize,
    is_file_photo: bool,
}

/// The seed of a picture's twin: the same kind of scene, painted again.
fn twin_seed(seed: u64) -> u64 {
    seed.rotate_left(29) ^ 0x5bd1_e995_9e37_79b9
}

/// One edition's picture of `subject`, with every word in `lang`.
fn shot<R: Rng>(
    rng: &mut R,
    subject: &Subject,
    lang: Lang,
    seed: u64,
    created_at: UnixTime,
    twins: [usize; Lang::COUNT],
) -> PicturePlan {
    let desk = lang.words().desk;
    let scene = subject.scene.index();
    let captions = desk.scene_captions[scene];
    let caption = render(
        captions[subject.caption % captions.len()],
        &Ctx {
            lex: lexicon().get(lang),
            facts: &subject.facts,
        },
    );
    let photographer = desk.photographers[rng.gen_range(0..desk.photographers.len())];
    let agency_idx = subject.agency % desk.agencies.len();
    let agency = desk.agencies[agency_idx];
    let staff = agency_idx + 1 == desk.agencies.len();
    PicturePlan {
        scene: subject.scene,
        seed,
        section: subject.section,
        lang,
        caption,
        alt: desk.scene_alts[scene].to_owned(),
        credit: format!("{}{photographer} / {agency}", desk.credit_prefix),
        copyright: if staff {
            desk.edition_name.to_owned()
        } else {
            agency.to_owned()
        },
        source: if staff {
            desk.staff_source.to_owned()
        } else {
            agency.to_owned()
        },
        is_file_photo: subject.is_file_photo,
        created_at,
        twins,
    }
}

/// The media bank: for each section, `PICTURES_PER_SECTION` subjects, each
/// shot once for each edition. A subject's first picture is filed under
/// the edition that had it first (each edition in turn), and its twins,
/// right after it, under the others, a little later each.
pub fn pictures<R: Rng>(rng: &mut R, now: UnixTime) -> Vec<PicturePlan> {
    let mut out = Vec::with_capacity(Lang::COUNT * 7 * PICTURES_PER_SECTION);
    for section in 0..7 {
        let scenes = Scene::for_section(section);
        for i in 0..PICTURES_PER_SECTION {
            let scene = scenes[(i + rng.gen_range(0..scenes.len())) % scenes.len()];
            let first = (i + section) % Lang::COUNT;
            let order: Vec<Lang> = (0..Lang::COUNT)
                .map(|k| Lang::ALL[(first + k) % Lang::COUNT])
                .collect();
            let subject = Subject {
                scene,
                section,
                facts: Facts::roll(rng, section),
                caption: rng.gen_range(0..2),
                agency: rng.gen_range(0..Lang::En.words().desk.agencies.len()),
                is_file_photo: rng.gen_bool(0.3),
            };
            let created_at = if subject.is_file_photo {
                now - rng.gen_range(90..720) * DAY - rng.gen_range(0..DAY)
            } else {
                now - rng.gen_range(1..super::SPAN_DAYS) * DAY - rng.gen_range(0..DAY)
            };
            let at = out.len();
            let twins =
                Lang::ALL.map(|lang| at + order.iter().position(|l| *l == lang).unwrap_or(0));
            let mut seed: u64 = rng.gen();
            let mut time = created_at;
            for lang in order {
                let picture = shot(rng, &subject, lang, seed, time, twins);
                out.push(picture);
                seed = twin_seed(seed);
                time = (time + rng.gen_range(5..120) * MINUTE).min(now);
            }
        }
    }
    out
}
