//! CLDR plural categories, for the languages whose plural forms need more
//! than a one/other split; Arabic templates list their forms in the order
//! one|two|few|many|other.

/// A CLDR plural category (`zero`, `one`, `two`, `few`, `many`, `other`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralCategory {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl PluralCategory {
    /// The Arabic category of a whole number, by the CLDR rules: 0 zero,
    /// 1 one, 2 two, 3–10 few and 11–99 many (counted on the last two
    /// digits: 103 is few, 111 many), everything else (100, 101, 102,
    /// 1,200) other.
    pub fn arabic(n: u64) -> PluralCategory {
        match (n, n % 100) {
            (0, _) => Self::Zero,
            (1, _) => Self::One,
            (2, _) => Self::Two,
            (_, 3..=10) => Self::Few,
            (_, 11..=99) => Self::Many,
            _ => Self::Other,
        }
    }

    /// Which of an Arabic template's five forms the category takes:
    /// one (مقعد واحد), two (مقعدين), few, a plural in the genitive
    /// (5 مقاعد), many, a singular in the accusative (15 مقعدًا), and other,
    /// a singular in the genitive (100 مقعد). The demo never counts
    /// nothing, so zero shares the last form.
    pub fn arabic_form(self) -> usize {
        match self {
            Self::One => 0,
            Self::Two => 1,
            Self::Few => 2,
            Self::Many => 3,
            Self::Zero | Self::Other => 4,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PluralCategory::{self, *};

    #[test]
    fn arabic_categories_follow_cldr() {
        let got = [
            0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111, 1200, 1210, 1250,
        ]
        .map(PluralCategory::arabic);
        assert_eq!(
            got,
            [
                Zero, One, Two, Few, Few, Many, Many, Other, Other, Other, Few, Many, Other, Few,
                Many
            ]
        );
    }
}
