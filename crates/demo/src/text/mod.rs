//! Text generation: languages, inflected phrases, the facts of a story and
//! the template engine that writes them out.

mod calendar;
mod facts;
mod forms;
mod lexicon;
mod plural;
mod template;

pub use calendar::{civil_date, CivilDate};
pub use facts::Facts;
pub use forms::{arabic_forms, parse_forms, parse_genders, Case};
pub use lexicon::{lexicon, LangLex, Person, Phrase, SectionLex};
pub use plural::PluralCategory;
pub use template::{capitalise_first, render, render_into, slot_names, Ctx};

use crate::words::{self, LanguageWords};

/// The languages of the demo editions, in edition order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    Ru,
    Ar,
}

impl Lang {
    /// How many languages (and demo editions) there are.
    pub const COUNT: usize = 3;
    /// Every language, each at its `index()`.
    pub const ALL: [Lang; Lang::COUNT] = [Lang::En, Lang::Ru, Lang::Ar];

    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Ru => "ru",
            Self::Ar => "ar",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// From a BCP 47 tag: Russian for `ru*`, Arabic for `ar*`, English
    /// otherwise.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split('-').next().unwrap_or_default();
        Self::ALL
            .into_iter()
            .find(|l| primary.eq_ignore_ascii_case(l.code()))
            .unwrap_or(Self::En)
    }

    pub fn words(self) -> &'static LanguageWords {
        match self {
            Self::En => &words::en::WORDS,
            Self::Ru => &words::ru::WORDS,
            Self::Ar => &words::ar::WORDS,
        }
    }

    /// Whether job titles take the holder's sex (Arabic وزير / وزيرة)
    /// rather than one form for everybody (English, Russian usage).
    pub fn gendered_roles(self) -> bool {
        self == Self::Ar
    }

    /// Which plural form a whole number takes: English one/other, Russian
    /// one/few/many (1 статья, 2 статьи, 5 статей, 21 статья, 11 статей),
    /// Arabic one/two/few/many/other (see [`PluralCategory::arabic`]).
    pub fn plural_index(self, n: u64) -> usize {
        match self {
            Self::En => usize::from(n != 1),
            Self::Ar => PluralCategory::arabic(n).arabic_form(),
            Self::Ru => {
                let (d, h) = (n % 10, n % 100);
                if d == 1 && h != 11 {
                    0
                } else if (2..=4).contains(&d) && !(12..=14).contains(&h) {
                    1
                } else {
                    2
                }
            }
        }
    }

    /// Plural form after a number with a fractional part: English "other",
    /// Russian genitive singular (2,5 процента), which is the "few" form,
    /// Arabic "other" (the singular genitive: 2.5 مليار).
    pub fn fraction_plural_index(self) -> usize {
        match self {
            Self::En | Self::Ru => 1,
            Self::Ar => PluralCategory::Other.arabic_form(),
        }
    }

    /// Whether the number itself is left out before its noun: Arabic says
    /// "أسبوع واحد" and "أسبوعين", not "1 أسبوع" and "2 أسبوعين".
    pub fn number_in_noun(self, n: u64) -> bool {
        self == Self::Ar
            && matches!(
                PluralCategory::arabic(n),
                PluralCategory::One | PluralCategory::Two
            )
    }

    /// 12,400 / 12 400 (with a no-break space). Arabic text keeps Latin
    /// digits grouped as in English: the edition's renderer decides which
    /// digits a reader sees.
    pub fn format_int(self, n: u64, out: &mut String) {
        let digits = n.to_string();
        let sep = match self {
            Self::En | Self::Ar => ',',
            Self::Ru => '\u{a0}',
        };
        // Russian style leaves four-digit numbers unseparated.
        let group = n >= 10_000 || (self != Self::Ru && n >= 1_000);
        for (i, ch) in digits.chars().enumerate() {
            if group && i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(ch);
        }
    }

    /// A number given in tenths: 3.4 / 3,4 (whole numbers without ".0").
    pub fn format_tenths(self, tenths: u32, out: &mut String) {
        self.format_int(u64::from(tenths / 10), out);
        if !tenths.is_multiple_of(10) {
            out.push(if self == Self::Ru { ',' } else { '.' });
            out.push(char::from(b'0' + (tenths % 10) as u8));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plurals_follow_the_rules() {
        let forms = ["статья", "статьи", "статей"];
        let pick = |n| forms[Lang::Ru.plural_index(n)];
        assert_eq!(
            [1, 2, 5, 11, 12, 21, 22, 25, 111, 104].map(pick),
            [
                "статья",
                "статьи",
                "статей",
                "статей",
                "статей",
                "статья",
                "статьи",
                "статей",
                "статей",
                "статьи"
            ]
        );
        assert_eq!(Lang::En.plural_index(1), 0);
        assert_eq!(Lang::En.plural_index(0), 1);
    }

    #[test]
    fn numbers_are_formatted_per_language() {
        let fmt = |lang: Lang, n| {
            let mut s = String::new();
            lang.format_int(n, &mut s);
            s
        };
        assert_eq!(fmt(Lang::En, 1234567), "1,234,567");
        assert_eq!(fmt(Lang::Ru, 1234567), "1\u{a0}234\u{a0}567");
        assert_eq!(fmt(Lang::Ru, 4500), "4500");
        let mut s = String::new();
        Lang::Ru.format_tenths(34, &mut s);
        assert_eq!(s, "3,4");
        assert_eq!(fmt(Lang::Ar, 12400), "12,400");
        let mut s = String::new();
        Lang::Ar.format_tenths(34, &mut s);
        assert_eq!(s, "3.4");
    }

    #[test]
    fn languages_come_from_tags() {
        assert_eq!(Lang::from_tag("ar-EG"), Lang::Ar);
        assert_eq!(Lang::from_tag("RU"), Lang::Ru);
        assert_eq!(Lang::from_tag("fr"), Lang::En);
        for (i, lang) in Lang::ALL.into_iter().enumerate() {
            assert_eq!(lang.index(), i);
        }
    }
}
