//! What a reader typed, read into words and phrases.
//!
//! The grammar is the one search boxes teach: words (all must match),
//! `"quoted phrases"`, and `-word` or `-"phrase"` to leave out. Everything
//! else is text: operators of other engines (`AND`, `+`, `*`, brackets)
//! are punctuation the analysers drop, an unbalanced quote runs to the end,
//! and control characters are spaces. Nothing a reader types is an error
//! except a query with no words at all or one longer than [`MAX_BYTES`].

/// Longer queries are refused: nobody types a kilobyte into a search box.
pub const MAX_BYTES: usize = 1024;

/// Words and phrases beyond this many are ignored.
pub const MAX_CLAUSES: usize = 16;

/// Why a query cannot run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryProblem {
    /// Nothing typed (or only spaces).
    Empty,
    /// Longer than [`MAX_BYTES`].
    TooLong,
    /// Only operators or punctuation: no word to look for.
    NoWords,
}

impl QueryProblem {
    /// A stable code for APIs and message catalogs.
    pub fn code(self) -> &'static str {
        match self {
            QueryProblem::Empty => "query_empty",
            QueryProblem::TooLong => "query_too_long",
            QueryProblem::NoWords => "query_no_words",
        }
    }
}

/// One part of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// The words as typed (one for a word, several for a phrase).
    pub text: String,
    pub phrase: bool,
    /// `-word`: documents containing it are left out.
    pub exclude: bool,
    /// The last word of the query, still being typed: matched as a prefix.
    pub open: bool,
}

/// A query ready to analyse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryText {
    raw: String,
    clauses: Vec<Clause>,
}

impl QueryText {
    pub fn parse(raw: &str) -> Result<QueryText, QueryProblem> {
        if raw.len() > MAX_BYTES {
            return Err(QueryProblem::TooLong);
        }
        let cleaned: String = raw
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let trimmed = cleaned.trim();
        if trimmed.is_empty() {
            return Err(QueryProblem::Empty);
        }
        let mut clauses = split(trimmed);
        // A query whose last character is a letter is still being typed.
        let open = cleaned.chars().last().is_some_and(char::is_alphanumeric);
        if let Some(last) = clauses.last_mut() {
            last.open = open && !last.phrase && !last.exclude;
        }
        clauses.retain(|c| c.text.chars().any(char::is_alphanumeric));
        clauses.truncate(MAX_CLAUSES);
        if clauses.iter().all(|c| c.exclude) {
            return Err(QueryProblem::NoWords);
        }
        Ok(QueryText {
            raw: trimmed.to_owned(),
            clauses,
        })
    }

    /// The query as typed (control characters made spaces, trimmed).
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    pub fn clauses(&self) -> &[Clause] {
        &self.clauses
    }
}

fn split(text: &str) -> Vec<Clause> {
    let mut clauses = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return clauses;
        }
        let (exclude, body) = match rest.strip_prefix('-') {
            Some(after) if after.starts_with(|c: char| c == '"' || c.is_alphanumeric()) => {
                (true, after)
            }
            _ => (false, rest),
        };
        if let Some(quoted) = body.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            clauses.push(Clause {
                text: quoted[..end].trim().to_owned(),
                phrase: true,
                exclude,
                open: false,
            });
            rest = quoted.get(end + 1..).unwrap_or("");
        } else {
            let end = body
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(body.len());
            clauses.push(Clause {
                text: body[..end].to_owned(),
                phrase: false,
                exclude,
                open: false,
            });
            rest = &body[end..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(q: &str) -> Vec<(String, bool, bool, bool)> {
        QueryText::parse(q)
            .unwrap()
            .clauses()
            .iter()
            .map(|c| (c.text.clone(), c.phrase, c.exclude, c.open))
            .collect()
    }

    #[test]
    fn words_phrases_and_exclusions() {
        assert_eq!(
            texts(r#"budget "prime minister" -sport elec"#),
            vec![
                ("budget".into(), false, false, false),
                ("prime minister".into(), true, false, false),
                ("sport".into(), false, true, false),
                ("elec".into(), false, false, true),
            ]
        );
    }

    #[test]
    fn a_trailing_space_closes_the_last_word() {
        assert!(!texts("harbour ")[0].3);
    }

    #[test]
    fn an_unbalanced_quote_runs_to_the_end() {
        assert_eq!(
            texts(r#"storm "over the"#),
            vec![
                ("storm".into(), false, false, false),
                ("over the".into(), true, false, false),
            ]
        );
    }

    #[test]
    fn bad_input_is_named() {
        assert_eq!(QueryText::parse("   "), Err(QueryProblem::Empty));
        assert_eq!(QueryText::parse("\u{0}\u{7}"), Err(QueryProblem::Empty));
        assert_eq!(QueryText::parse("+ * ( ) \"\""), Err(QueryProblem::NoWords));
        assert_eq!(QueryText::parse("-only"), Err(QueryProblem::NoWords));
        assert_eq!(
            QueryText::parse(&"a".repeat(1025)),
            Err(QueryProblem::TooLong)
        );
    }

    #[test]
    fn operators_of_other_engines_are_plain_text() {
        // `AND` is a word like any other here; punctuation-only parts go.
        assert_eq!(
            texts("rates AND (banks*)"),
            vec![
                ("rates".into(), false, false, false),
                ("AND".into(), false, false, false),
                ("(banks*)".into(), false, false, false),
            ]
        );
    }

    #[test]
    fn control_characters_are_spaces_and_markup_is_text() {
        assert_eq!(
            texts("a\u{1}b <script>"),
            vec![
                ("a".into(), false, false, false),
                ("b".into(), false, false, false),
                ("<script>".into(), false, false, false),
            ]
        );
    }
}
