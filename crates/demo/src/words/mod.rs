//! The demo's word lists and sentence templates, one file per language and
//! section. Lists that a story draws from are aligned across languages:
//! entry `i` in Russian says what entry `i` says in English, so a story
//! rendered in every language is a translation.
//!
//! Template syntax (see `text::template`): `{slot}`, `{slot.g}` for a case
//! (n g d a i p), `{slot?m|f|n|pl}` for agreement with the slot's gender,
//! `{num#one|few|many}` for a number with its plural noun, `{^slot}` to
//! capitalise. Inflected phrases mark their varying parts as six-way groups
//! `[nom|gen|dat|acc|ins|pre]`.
//!
//! Arabic differs: agreement is `{slot?m|f}` for every slot; numbers take
//! five forms in CLDR order `{num#one|two|few|many|other}`, the first two
//! saying the number themselves (شهر واحد، شهرين); `{slot.d}` and
//! `{slot.i}` join لـ and بـ to the phrase, spelling the definite article as
//! they need; job titles mark their feminine forms as `[m|f]` groups.

pub mod ar;
pub mod en;
pub mod ru;

/// Grammatical gender (or number) of a phrase, for agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum G {
    M,
    F,
    N,
    P,
}

/// An inflected phrase and its gender.
#[derive(Debug, Clone, Copy)]
pub struct E(pub &'static str, pub G);

/// A country and three of its cities, the first being the capital.
#[derive(Debug)]
pub struct CountryWords {
    pub name: E,
    pub cities: [E; 3],
}

/// One kind of story (a rate decision, a cup final, …): every headline and
/// lead says the same thing in other words, so any of them fits the facts.
#[derive(Debug)]
pub struct Kind {
    pub headlines: &'static [&'static str],
    pub leads: &'static [&'static str],
    pub paragraphs: &'static [&'static str],
    pub quotes: &'static [&'static str],
}

/// Everything a section's stories draw from.
#[derive(Debug)]
pub struct SectionWords {
    pub slug: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// Job titles of the people quoted (`{r1}`, `{r2}`).
    pub roles: &'static [&'static str],
    pub orgs: &'static [E],
    pub things: &'static [E],
    pub kinds: &'static [Kind],
    pub paragraphs: &'static [&'static str],
    pub quotes: &'static [&'static str],
    pub headings: &'static [&'static str],
    pub tags: &'static [&'static str],
}

/// Words shared by every section of a language.
#[derive(Debug)]
pub struct CommonWords {
    pub countries: &'static [CountryWords],
    pub men: &'static [&'static str],
    pub women: &'static [&'static str],
    pub teams: &'static [E],
    pub weekdays: [&'static str; 7],
    pub months: [&'static str; 12],
    /// Background paragraphs that fit any story.
    pub context: &'static [&'static str],
    /// Last paragraphs: what happens next.
    pub closers: &'static [&'static str],
    /// Who said a quote: "{p1}, {r1}, told reporters".
    pub attributions: &'static [&'static str],
    pub corrections: &'static [&'static str],
}

/// Words for the media bank and the bylines; not aligned across languages
/// except `scene_captions` and `scene_alts`, indexed by scene kind, and
/// `agencies` (the same agencies, the edition's own staff last), so that
/// twin pictures of every edition come from the same agency.
#[derive(Debug)]
pub struct DeskWords {
    pub edition_name: &'static str,
    pub authors: &'static [&'static str],
    pub author_bios: &'static [&'static str],
    pub photographers: &'static [&'static str],
    pub agencies: &'static [&'static str],
    /// Printed before the credit: "© Photo: ".
    pub credit_prefix: &'static str,
    pub staff_source: &'static str,
    pub logo_caption: &'static str,
    pub scene_captions: &'static [&'static [&'static str]],
    pub scene_alts: &'static [&'static str],
}

/// One language's words.
#[derive(Debug)]
pub struct LanguageWords {
    pub common: &'static CommonWords,
    pub desk: &'static DeskWords,
    pub sections: [&'static SectionWords; 7],
}

/// Language-neutral facts about one kind of story.
#[derive(Debug)]
pub struct KindMeta {
    /// The job of the first and second person quoted, when the story
    /// fixes it (a novelist wins the book prize), as indices into `roles`.
    pub r1: Option<u8>,
    pub r2: Option<u8>,
    /// Indices into the section's `tags`.
    pub tags: &'static [u8],
}

const fn k(r1: Option<u8>, r2: Option<u8>, tags: &'static [u8]) -> KindMeta {
    KindMeta { r1, r2, tags }
}

/// `KIND_META[section][kind]`, in the order of `LanguageWords::sections`.
pub static KIND_META: [[KindMeta; 6]; 7] = [
    [
        k(None, None, &[0, 1, 5]),
        k(None, None, &[4]),
        k(None, None, &[3, 0, 5]),
        k(None, None, &[1, 5, 6, 0]),
        k(None, None, &[2, 7]),
        k(None, None, &[]),
    ],
    [
        k(None, None, &[0, 3]),
        k(None, None, &[1, 7]),
        k(None, None, &[2]),
        k(None, None, &[4, 2]),
        k(None, None, &[5, 7]),
        k(None, Some(3), &[0, 6]),
    ],
    [
        k(Some(1), None, &[7, 1, 4]),
        k(Some(5), None, &[3, 2]),
        k(None, None, &[2, 0]),
        k(None, None, &[3, 6, 0]),
        k(None, None, &[1]),
        k(None, None, &[6, 3]),
    ],
    [
        k(Some(2), None, &[0]),
        k(Some(1), None, &[1, 6, 7]),
        k(Some(5), None, &[3]),
        k(Some(3), None, &[2, 1]),
        k(Some(4), None, &[4, 6]),
        k(Some(1), None, &[5, 0]),
    ],
    [
        k(None, None, &[0, 1]),
        k(Some(1), None, &[4, 7]),
        k(Some(2), None, &[5, 2]),
        k(Some(5), None, &[3]),
        k(Some(3), None, &[1]),
        k(None, None, &[6]),
    ],
    [
        k(Some(4), None, &[0]),
        k(Some(4), None, &[0]),
        k(Some(3), Some(3), &[]),
        k(Some(5), Some(3), &[5]),
        k(Some(0), None, &[0, 7]),
        k(None, None, &[6, 0]),
    ],
    [
        k(None, None, &[0, 6]),
        k(Some(3), Some(1), &[1]),
        k(Some(4), None, &[2]),
        k(Some(2), None, &[3, 6]),
        k(None, None, &[4, 7]),
        k(Some(0), None, &[5, 2]),
    ],
];

#[cfg(test)]
mod tests;
