//! The word lists expanded once into ready forms, for every language.

use std::sync::OnceLock;

use super::{arabic_forms, parse_forms, parse_genders, Case, Lang};
use crate::words::{LanguageWords, SectionWords, E, G};

/// A phrase in its six cases, with its gender.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub forms: [String; 6],
    pub gender: G,
}

impl Phrase {
    fn new(lang: Lang, e: &E) -> Self {
        Self {
            forms: expand(lang, e.0),
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
    /// Job titles as said of a man, and `roles_f` of a woman: the same
    /// titles except in languages where titles agree with the holder.
    pub roles: Vec<Phrase>,
    pub roles_f: Vec<Phrase>,
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

/// Every language, built on first use.
#[derive(Debug)]
pub struct Lexicon {
    langs: [LangLex; Lang::COUNT],
}

impl Lexicon {
    pub fn get(&self, lang: Lang) -> &LangLex {
        &self.langs[lang.index()]
    }
}

pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon {
        langs: Lang::ALL.map(LangLex::build),
    })
}

/// A malformed entry keeps its raw text; the word-list tests catch it.
fn expand(lang: Lang, src: &str) -> [String; 6] {
    match lang {
        Lang::Ar => arabic_forms(src),
        Lang::En | Lang::Ru => {
            parse_forms(src).unwrap_or_else(|_| std::array::from_fn(|_| src.to_owned()))
        }
    }
}

/// A section's job titles for men and for women.
fn roles(lang: Lang, list: &[&'static str]) -> (Vec<Phrase>, Vec<Phrase>) {
    list.iter()
        .map(|r| {
            if lang.gendered_roles() {
                if let Ok([his, hers]) = parse_genders(r) {
                    let phrase = |text: &str, gender| Phrase {
                        forms: expand(lang, text),
                        gender,
                    };
                    return (phrase(&his, G::M), phrase(&hers, G::F));
                }
            }
            let p = Phrase::new(lang, &E(r, G::M));
            (p.clone(), p)
        })
        .unzip()
}

impl LangLex {
    fn build(lang: Lang) -> Self {
        let words = lang.words();
        let common = words.common;
        let person = |src: &&'static str, sex: G| {
            let surname = src.split_once(' ').map_or(*src, |(_, s)| s);
            Person {
                full: Phrase::new(lang, &E(src, sex)),
                surname: Phrase::new(lang, &E(surname, sex)),
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
            .map(|s| {
                let (roles, roles_f) = roles(lang, s.roles);
                SectionLex {
                    words: s,
                    roles,
                    roles_f,
                    orgs: s.orgs.iter().map(|e| Phrase::new(lang, e)).collect(),
                    things: s.things.iter().map(|e| Phrase::new(lang, e)).collect(),
                }
            })
            .collect();
        Self {
            lang,
            words,
            countries: common
                .countries
                .iter()
                .map(|c| {
                    (
                        Phrase::new(lang, &c.name),
                        c.cities.each_ref().map(|e| Phrase::new(lang, e)),
                    )
                })
                .collect(),
            persons,
            teams: common.teams.iter().map(|e| Phrase::new(lang, e)).collect(),
            sections,
        }
    }
}
