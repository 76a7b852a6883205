//! The word lists expanded once into ready forms, for both languages.

use std::sync::OnceLock;

use super::{parse_forms, Case, Lang};
use crate::words::{LanguageWords, SectionWords, E, G};

/// A phrase in its six cases, with its gender.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub forms: [String; 6],
    pub gender: G,
}

impl Phrase {
    fn new(e: &E) -> Self {
        Self {
            forms: expand(e.0),
            gender: e.1,
        }
    }

    pub fn get(&self, case: Case) -> &str {
        &self.forms[case as usize]
    }
}

/// A person: full name, surname for later mentions, and sex for agreement.
#[derive(Debug, Clone)]
pub struct Person {
    pub full: Phrase,
    pub surname: Phrase,
}

/// A section's inflected lists.
#[derive(Debug)]
pub struct SectionLex {
    pub words: &'static SectionWords,
    pub roles: Vec<Phrase>,
    pub orgs: Vec<Phrase>,
    pub things: Vec<Phrase>,
}

/// One language's expanded lists.
#[derive(Debug)]
pub struct LangLex {
    pub lang: Lang,
    pub words: &'static LanguageWords,
    /// `(country, [capital, city, city])`
    pub countries: Vec<(Phrase, [Phrase; 3])>,
    /// Men first, then women.
    pub persons: Vec<Person>,
    pub teams: Vec<Phrase>,
    pub sections: Vec<SectionLex>,
}

/// Both languages, built on first use.
#[derive(Debug)]
pub struct Lexicon {
    langs: [LangLex; 2],
}

impl Lexicon {
    pub fn get(&self, lang: Lang) -> &LangLex {
        &self.langs[lang.index()]
    }
}

pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon {
        langs: [LangLex::build(Lang::En), LangLex::build(Lang::Ru)],
    })
}

/// A malformed entry keeps its raw text; the word-list tests catch it.
fn expand(src: &str) -> [String; 6] {
    parse_forms(src).unwrap_or_else(|_| std::array::from_fn(|_| src.to_owned()))
}

impl LangLex {
    fn build(lang: Lang) -> Self {
        let words = lang.words();
        let common = words.common;
        let person = |src: &&'static str, sex: G| {
            let surname = src.split_once(' ').map_or(*src, |(_, s)| s);
            Person {
                full: Phrase::new(&E(src, sex)),
                surname: Phrase::new(&E(surname, sex)),
            }
        };
        let persons = common
            .men
            .iter()
            .map(|p| person(p, G::M))
            .chain(common.women.iter().map(|p| person(p, G::F)))
            .collect();
        let sections = words
            .sections
            .iter()
            .map(|s| SectionLex {
                words: s,
                roles: s.roles.iter().map(|r| Phrase::new(&E(r, G::M))).collect(),
                orgs: s.orgs.iter().map(Phrase::new).collect(),
                things: s.things.iter().map(Phrase::new).collect(),
            })
            .collect();
        Self {
            lang,
            words,
            countries: common
                .countries
                .iter()
                .map(|c| (Phrase::new(&c.name), c.cities.each_ref().map(Phrase::new)))
                .collect(),
            persons,
            teams: common.teams.iter().map(Phrase::new).collect(),
            sections,
        }
    }
}
