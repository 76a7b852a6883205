//! Inflected phrases: `Национальн[ый|ого|ому|ый|ым|ом] банк[|а|у||ом|е]`
//! expands to the phrase in each of the six Russian cases. Every form is
//! written out by hand in the word lists; nothing is inflected by rule,
//! except the Arabic prepositions that are written joined to the word
//! (لـ, بـ), whose spelling depends on the definite article.

/// Grammatical case, in the order of the six-way groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Nom,
    Gen,
    Dat,
    Acc,
    Ins,
    Pre,
}

impl Case {
    /// From the letter used in templates: n g d a i p.
    pub fn from_letter(c: char) -> Option<Case> {
        Some(match c {
            'n' => Self::Nom,
            'g' => Self::Gen,
            'd' => Self::Dat,
            'a' => Self::Acc,
            'i' => Self::Ins,
            'p' => Self::Pre,
            _ => return None,
        })
    }
}

/// Expands the six-way groups of `src`. A phrase without groups is the same
/// in every case (English, indeclinable names).
pub fn parse_forms(src: &str) -> Result<[String; 6], String> {
    let mut forms: [String; 6] = Default::default();
    let mut rest = src;
    while let Some(open) = rest.find('[') {
        let close = rest[open..]
            .find(']')
            .map(|c| open + c)
            .ok_or_else(|| format!("unclosed group in {src:?}"))?;
        let alternatives: Vec<&str> = rest[open + 1..close].split('|').collect();
        if alternatives.len() != 6 {
            return Err(format!(
                "a group in {src:?} has {} forms instead of 6",
                alternatives.len()
            ));
        }
        for (form, alt) in forms.iter_mut().zip(&alternatives) {
            form.push_str(&rest[..open]);
            form.push_str(alt);
        }
        rest = &rest[close + 1..];
    }
    if rest.contains(']') {
        return Err(format!("stray ']' in {src:?}"));
    }
    for form in &mut forms {
        form.push_str(rest);
    }
    Ok(forms)
}

/// Expands two-way groups `[masculine|feminine]`: an Arabic job title in
/// the form for a man and the form for a woman (`[وزير|وزيرة] الداخلية`).
pub fn parse_genders(src: &str) -> Result<[String; 2], String> {
    let mut forms: [String; 2] = Default::default();
    let mut rest = src;
    while let Some(open) = rest.find('[') {
        let close = rest[open..]
            .find(']')
            .map(|c| open + c)
            .ok_or_else(|| format!("unclosed group in {src:?}"))?;
        let alternatives: Vec<&str> = rest[open + 1..close].split('|').collect();
        let [m, f] = alternatives[..] else {
            return Err(format!(
                "a group in {src:?} has {} forms instead of 2",
                alternatives.len()
            ));
        };
        for (form, alt) in forms.iter_mut().zip([m, f]) {
            form.push_str(&rest[..open]);
            form.push_str(alt);
        }
        rest = &rest[close + 1..];
    }
    if rest.contains(']') {
        return Err(format!("stray ']' in {src:?}"));
    }
    for form in &mut forms {
        form.push_str(rest);
    }
    Ok(forms)
}

/// An Arabic phrase in the slots of the six cases: the phrase itself, and
/// for the dative and instrumental slots the phrase with the preposition
/// joined to it, لـ ("to, for") and بـ ("by, with"). Before the definite
/// article لـ drops the article's alif (للحكومة), and the whole article
/// when the word itself begins with lām (اللجنة → للجنة); بـ keeps it
/// (بالحكومة).
pub fn arabic_forms(src: &str) -> [String; 6] {
    let li = match src.strip_prefix("ال") {
        Some(word) if word.starts_with('ل') => format!("ل{word}"),
        Some(word) => format!("لل{word}"),
        None => format!("ل{src}"),
    };
    let bi = format!("ب{src}");
    [
        src.to_owned(),
        src.to_owned(),
        li,
        src.to_owned(),
        bi,
        src.to_owned(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_expand_to_six_cases() {
        let f = parse_forms("Национальн[ый|ого|ому|ый|ым|ом] банк[|а|у||ом|е]").unwrap();
        assert_eq!(f[Case::Nom as usize], "Национальный банк");
        assert_eq!(f[Case::Gen as usize], "Национального банка");
        assert_eq!(f[Case::Ins as usize], "Национальным банком");
        assert_eq!(parse_forms("Ingrid Salo").unwrap()[3], "Ingrid Salo");
        assert!(parse_forms("банк[а|у]").is_err());
        assert!(parse_forms("банк[|а|у||ом|е").is_err());
    }

    #[test]
    fn arabic_titles_have_a_form_for_each_sex() {
        let [m, f] = parse_genders("[وزير|وزيرة] الداخلية").unwrap();
        assert_eq!(
            (m.as_str(), f.as_str()),
            ("وزير الداخلية", "وزيرة الداخلية")
        );
        assert_eq!(parse_genders("مدرب").unwrap()[1], "مدرب");
        assert!(parse_genders("[رئيس|رئيسة|x]").is_err());
    }

    #[test]
    fn arabic_prepositions_join_the_definite_article() {
        let d = |s: &str| arabic_forms(s)[Case::Dat as usize].clone();
        let i = |s: &str| arabic_forms(s)[Case::Ins as usize].clone();
        assert_eq!(d("الحكومة"), "للحكومة");
        assert_eq!(d("اللجنة الانتخابية"), "للجنة الانتخابية");
        assert_eq!(d("حزب التجديد"), "لحزب التجديد");
        assert_eq!(i("البرلمان"), "بالبرلمان");
        assert_eq!(arabic_forms("البرلمان")[Case::Gen as usize], "البرلمان");
    }
}
