//! Lists of names as a language joins them (`A, B and C`, `A, B и C`,
//! `A وB وC`), by ICU4X's CLDR list patterns.

use std::fmt;

use dateline_domain::NumberSystem;
use icu_list::options::{ListFormatterOptions, ListLength};
use icu_list::ListFormatter;
use writeable::{LengthHint, Writeable};

use crate::numbers::icu_locale;

/// `items` joined as a conjunction ("and") list in `language`.
pub fn and_list<S: AsRef<str>>(language: &str, items: &[S]) -> String {
    let pieces: Vec<Piece<'_>> = items.iter().map(|s| Piece(s.as_ref())).collect();
    join(language, &pieces)
}

/// One item as it is written into the list.
#[derive(Clone, Copy)]
struct Piece<'a>(&'a str);

impl Writeable for Piece<'_> {
    fn write_to<W: fmt::Write + ?Sized>(&self, sink: &mut W) -> fmt::Result {
        sink.write_str(self.0)
    }
    fn writeable_length_hint(&self) -> LengthHint {
        LengthHint::exact(self.0.len())
    }
}

fn join(language: &str, pieces: &[Piece<'_>]) -> String {
    // List patterns have no digits: the numbering system does not matter.
    let locale = icu_locale(language, NumberSystem::Latin);
    let options = ListFormatterOptions::default().with_length(ListLength::Wide);
    match ListFormatter::try_new_and((&locale).into(), options) {
        Ok(formatter) => formatter.format_to_string(pieces.iter()),
        Err(error) => {
            tracing::warn!(%locale, %error, "no list patterns");
            pieces.iter().map(|p| p.0).collect::<Vec<_>>().join(", ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conjunction_lists_in_english_russian_and_arabic() {
        assert_eq!(and_list::<&str>("en", &[]), "");
        assert_eq!(and_list("en", &["Ann"]), "Ann");
        assert_eq!(and_list("en", &["Ann", "Bob"]), "Ann and Bob");
        assert_eq!(and_list("en", &["Ann", "Bob", "Cy"]), "Ann, Bob, and Cy");
        assert_eq!(
            and_list("ru", &["Анна", "Борис", "Вера"]),
            "Анна, Борис и Вера"
        );
        assert_eq!(
            and_list("ar", &["سلمى", "كريم", "ليلى"]),
            "سلمى وكريم وليلى"
        );
    }
}
