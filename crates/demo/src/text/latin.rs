//! Arabic letters spelled in Latin ones, for slugs: addresses are ASCII,
//! and `Slug::from_title` knows only Latin and Cyrillic.

/// `text` with every Arabic letter replaced by a Latin spelling (a
/// consonant skeleton, as the script writes it: short vowels are not
/// written) and Arabic punctuation by spaces; other characters stay.
pub fn latin_slug_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for ch in text.chars() {
        match arabic_letter(ch) {
            Some(latin) => out.push_str(latin),
            None if ('\u{600}'..='\u{6ff}').contains(&ch) => out.push(' '),
            None => out.push(ch),
        }
    }
    out
}

fn arabic_letter(ch: char) -> Option<&'static str> {
    Some(match ch {
        'ا' | 'أ' | 'آ' | 'ى' | 'ة' => "a",
        'إ' | 'ئ' => "i",
        'ؤ' => "u",
        'ب' => "b",
        'ت' => "t",
        'ث' => "th",
        'ج' => "j",
        'ح' | 'ه' => "h",
        'خ' => "kh",
        'د' | 'ض' => "d",
        'ذ' => "dh",
        'ر' => "r",
        'ز' | 'ظ' => "z",
        'س' | 'ص' => "s",
        'ش' => "sh",
        'ط' => "t",
        'ع' | 'ء' | '\u{64b}'..='\u{652}' | 'ـ' => "",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' => "k",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'و' => "w",
        'ي' => "y",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_is_spelled_in_latin_letters() {
        assert_eq!(
            latin_slug_text("البرلمان يقر الميزانية"),
            "albrlman yqr almyzanya"
        );
        assert_eq!(latin_slug_text("شركة «نور»، 2024"), "shrka «nwr»  2024");
        assert_eq!(latin_slug_text("Dateline"), "Dateline");
    }
}
