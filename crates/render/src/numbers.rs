//! Integer formatting with a locale's digit grouping (`12,345`, `12 345`).

/// The group separator for a catalog language: a no-break space in Russian
/// (so that a number never wraps), a comma otherwise.
pub fn group_separator(language: &str) -> char {
    match language {
        "ru" => '\u{a0}',
        _ => ',',
    }
}

/// Writes `n` with `sep` between groups of three digits.
pub fn group_digits(n: i64, sep: char) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * sep.len_utf8() + 1);
    if n < 0 {
        out.push('-');
    }
    // The leading group holds 1 to 3 digits; every later one exactly 3.
    let lead = match digits.len() % 3 {
        0 => 3.min(digits.len()),
        n => n,
    };
    let (head, tail) = digits.split_at(lead);
    out.push_str(head);
    for group in tail.as_bytes().chunks(3) {
        out.push(sep);
        out.extend(group.iter().map(|b| char::from(*b)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_of_three() {
        assert_eq!(group_digits(0, ','), "0");
        assert_eq!(group_digits(999, ','), "999");
        assert_eq!(group_digits(1000, ','), "1,000");
        assert_eq!(group_digits(-1234567, ','), "-1,234,567");
        assert_eq!(group_digits(12345, group_separator("ru")), "12\u{a0}345");
        assert_eq!(group_digits(i64::MIN, ','), "-9,223,372,036,854,775,808");
    }
}
