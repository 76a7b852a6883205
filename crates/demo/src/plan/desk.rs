//! The fixed parts of the demo: editions, sections, bylines, and the media
//! bank's pictures with their captions and credits.

use dateline_domain::{ParseError, Slug, UnixTime};
use rand::Rng;

use super::{AuthorPlan, PicturePlan, SectionPlan, PICTURES_PER_SECTION};
use crate::pictures::Scene;
use crate::text::{lexicon, render, Ctx, Facts, Lang};

const DAY: i64 = 86_400;

/// How an edition presents itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionMeta {
    pub lang: Lang,
    pub code: &'static str,
    pub name: &'static str,
    pub language: &'static str,
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
            time_zone: "Europe/Moscow",
            date_format: "%d.%m.%Y",
            utc_offset: 3 * 3600,
            position: 1,
            logo_word: "ДЕЙТЛАЙН",
            logo_subtitle: None,
            logo_accent: 0xc8102e,
        },
    }
}

/// A slug for free text (with Cyrillic transliterated).
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

/// Bylines of both editions, English first.
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

/// The media bank: `PICTURES_PER_SECTION` pictures for each section, filed
/// alternately under the English and the Russian edition.
pub fn pictures<R: Rng>(rng: &mut R, now: UnixTime) -> Vec<PicturePlan> {
    let mut out = Vec::with_capacity(7 * PICTURES_PER_SECTION);
    for section in 0..7 {
        let scenes = Scene::for_section(section);
        for i in 0..PICTURES_PER_SECTION {
            let scene = scenes[(i + rng.gen_range(0..scenes.len())) % scenes.len()];
            let lang = if (i + section) % 2 == 0 {
                Lang::En
            } else {
                Lang::Ru
            };
            let facts = Facts::roll(rng, section);
            let caption_idx = rng.gen_range(0..2);
            let is_file_photo = rng.gen_bool(0.3);
            let caption: [String; 2] = Lang::ALL.map(|l| {
                let lex = lexicon().get(l);
                let desk = l.words().desk;
                let captions = desk.scene_captions[scene.index()];
                let text = render(
                    captions[caption_idx % captions.len()],
                    &Ctx { lex, facts: &facts },
                );
                if is_file_photo {
                    format!("{text}. {}", desk.file_photo)
                } else {
                    text
                }
            });
            let alt = Lang::ALL.map(|l| l.words().desk.scene_alts[scene.index()].to_owned());
            let desk = lang.words().desk;
            let photographer = desk.photographers[rng.gen_range(0..desk.photographers.len())];
            let agency_idx = rng.gen_range(0..desk.agencies.len());
            let agency = desk.agencies[agency_idx];
            let staff = agency_idx + 1 == desk.agencies.len();
            let created_at = if is_file_photo {
                now - rng.gen_range(90..720) * DAY - rng.gen_range(0..DAY)
            } else {
                now - rng.gen_range(1..super::SPAN_DAYS) * DAY - rng.gen_range(0..DAY)
            };
            out.push(PicturePlan {
                scene,
                seed: rng.gen(),
                section,
                lang,
                caption,
                alt,
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
                is_file_photo,
                created_at,
            });
        }
    }
    out
}
