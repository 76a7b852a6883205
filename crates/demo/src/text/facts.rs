//! The facts of one story: who, where, how many. Language-neutral indices
//! into the aligned word lists, so one set of facts reads the same in every
//! language.

use rand::Rng;

use super::{civil_date, lexicon, Lang};
use dateline_domain::UnixTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Facts {
    pub section: u8,
    pub kind: u8,
    pub country: u8,
    pub country2: u8,
    /// Which of the country's three cities; 0 is the capital.
    pub city: u8,
    pub p1: u8,
    pub p2: u8,
    pub r1: u8,
    pub r2: u8,
    pub org: u8,
    pub org2: u8,
    pub thing: u8,
    pub thing2: u8,
    pub team: u8,
    pub team2: u8,
    /// A small count, 3–19.
    pub n: u32,
    /// A large count, 120–9,800.
    pub big: u32,
    /// A percentage in tenths, 1.1–14.9.
    pub pct: u32,
    /// An amount in tenths (billions, millions), 1.2–48.5.
    pub money: u32,
    /// A span of years, 2–15.
    pub years: u32,
    pub score1: u32,
    pub score2: u32,
    pub weekday: u8,
    pub day: u8,
    pub month: u8,
}

fn pick<R: Rng>(rng: &mut R, len: usize) -> u8 {
    u8::try_from(rng.gen_range(0..len.clamp(1, 256))).unwrap_or(0)
}

/// Two different indices below `len` (the same one when `len` is 1).
fn pick_two<R: Rng>(rng: &mut R, len: usize) -> (u8, u8) {
    let a = pick(rng, len);
    if len < 2 {
        return (a, a);
    }
    let b = (usize::from(a) + 1 + rng.gen_range(0..len - 1)) % len;
    (a, u8::try_from(b).unwrap_or(0))
}

impl Facts {
    /// Rolls a story of `section` (0–6), of a random kind.
    pub fn roll<R: Rng>(rng: &mut R, section: usize) -> Facts {
        let lex = lexicon().get(Lang::En);
        let sec = &lex.sections[section.min(lex.sections.len() - 1)];
        let (country, country2) = pick_two(rng, lex.countries.len());
        let (p1, p2) = pick_two(rng, lex.persons.len());
        let (r1, r2) = pick_two(rng, sec.roles.len());
        let (org, org2) = pick_two(rng, sec.orgs.len());
        let (thing, thing2) = pick_two(rng, sec.things.len());
        let (team, team2) = pick_two(rng, lex.teams.len());
        let score2 = rng.gen_range(0..3);
        let kind = pick(rng, sec.words.kinds.len());
        let meta = &crate::words::KIND_META[section.min(6)][usize::from(kind).min(5)];
        let (r1, r2) = (meta.r1.unwrap_or(r1), meta.r2.unwrap_or(r2));
        Facts {
            section: u8::try_from(section).unwrap_or(0),
            kind,
            country,
            country2,
            city: pick(rng, 3),
            p1,
            p2,
            r1,
            r2,
            org,
            org2,
            thing,
            thing2,
            team,
            team2,
            n: rng.gen_range(3..20),
            big: rng.gen_range(12..980) * 10,
            pct: rng.gen_range(11..150),
            money: rng.gen_range(12..486),
            years: rng.gen_range(2..16),
            score1: score2 + rng.gen_range(1..4),
            score2,
            weekday: 0,
            day: 1,
            month: 1,
        }
    }

    /// The same story with fresh numbers, for background sentences that
    /// should not repeat the story's own figures. `salt` picks the variant.
    pub fn salted(&self, salt: u32) -> Facts {
        let mut h = u64::from(salt).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            ^ u64::from(self.n) << 32
            ^ u64::from(self.big) << 16
            ^ u64::from(self.p1) << 8
            ^ u64::from(self.country);
        let mut next = |range: u32| {
            // splitmix64
            h = h.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = h;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            ((z ^ (z >> 31)) % u64::from(range)) as u32
        };
        let mut f = *self;
        f.n = 3 + next(17);
        f.big = (12 + next(968)) * 10;
        f.pct = 11 + next(139);
        f.money = 12 + next(474);
        f.years = 2 + next(14);
        f
    }

    /// Sets the day the story is told ("on Tuesday", "31 января").
    pub fn set_date(&mut self, time: UnixTime, utc_offset: i64) {
        let d = civil_date(time, utc_offset);
        self.weekday = d.weekday;
        self.day = d.day;
        self.month = d.month;
    }
}
