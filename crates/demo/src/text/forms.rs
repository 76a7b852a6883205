//! Inflected phrases: `Национальн[ый|ого|ому|ый|ым|ом] банк[|а|у||ом|е]`
//! expands to the phrase in each of the six Russian cases. Every form is
//! written out by hand in the word lists; nothing is inflected by rule.

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
}
