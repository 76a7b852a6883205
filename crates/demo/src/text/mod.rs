//! Text generation: languages, inflected phrases, the facts of a story and
//! the template engine that writes them out.

mod calendar;
mod facts;
mod forms;
mod lexicon;
mod template;

pub use calendar::{civil_date, CivilDate};
pub use facts::Facts;
pub use forms::{parse_forms, Case};
pub use lexicon::{lexicon, LangLex, Person, Phrase, SectionLex};
pub use template::{capitalise_first, render, render_into, slot_names, Ctx};

use crate::words::{self, LanguageWords};

/// The two languages of the demo editions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ru];

    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Ru => "ru",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn other(self) -> Lang {
        match self {
            Self::En => Self::Ru,
            Self::Ru => Self::En,
        }
    }

    /// From a BCP 47 tag: Russian for `ru*`, English otherwise.
    pub fn from_tag(tag: &str) -> Lang {
        if tag
            .split('-')
            .next()
            .is_some_and(|p| p.eq_ignore_ascii_case("ru"))
        {
            Self::Ru
        } else {
            Self::En
        }
    }

    pub fn words(self) -> &'static LanguageWords {
        match self {
            Self::En => &words::en::WORDS,
            Self::Ru => &words::ru::WORDS,
        }
    }

    /// Which plural form a whole number takes: English one/other, Russian
    /// one/few/many (1 статья, 2 статьи, 5 статей, 21 статья, 11 статей).
    pub fn plural_index(self, n: u64) -> usize {
        match self {
            Self::En => usize::from(n != 1),
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
    /// Russian genitive singular (2,5 процента), which is the "few" form.
    pub fn fraction_plural_index(self) -> usize {
        1
    }

    /// 12,400 / 12 400 (with a no-break space).
    pub fn format_int(self, n: u64, out: &mut String) {
        let digits = n.to_string();
        let sep = match self {
            Self::En => ',',
            Self::Ru => '\u{a0}',
        };
        // Russian style leaves four-digit numbers unseparated.
        let group = n >= 10_000 || (self == Self::En && n >= 1_000);
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
            out.push(if self == Self::En { '.' } else { ',' });
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
    }
}
