//! Parameters of a query whose conditions depend on the filters given
//! (the desk's list, the media bank's search, the wire queue): each value
//! pushed returns its placeholder (`$1`, `$2`…), so clauses and binds are
//! written together and cannot fall out of order.

use crate::articles::{like_word, AnyQuery};
use crate::Cursor;

#[derive(Debug, Default)]
pub(crate) struct Params(Vec<Param>);

#[derive(Debug)]
enum Param {
    Int(i64),
    Text(String),
}

impl Params {
    /// Adds an integer; returns its placeholder.
    pub fn int(&mut self, value: i64) -> String {
        self.0.push(Param::Int(value));
        format!("${}", self.0.len())
    }

    /// Adds a text; returns its placeholder.
    pub fn text(&mut self, value: impl Into<String>) -> String {
        self.0.push(Param::Text(value.into()));
        format!("${}", self.0.len())
    }

    /// One `column LIKE '%word%'` condition per word of `text` (the first
    /// `max_words`), on a column holding folded text: every word must be
    /// there.
    pub fn words(&mut self, column: &str, text: &str, max_words: usize) -> Vec<String> {
        text.split_whitespace()
            .take(max_words)
            .map(|word| {
                let p = self.text(like_word(word));
                format!("{column} LIKE {p} ESCAPE '\\'")
            })
            .collect()
    }

    /// The rows after `cursor` in newest-first `(time, id)` order.
    pub fn before(&mut self, time: &str, id: &str, cursor: Cursor) -> String {
        let t = self.int(cursor.time);
        let i = self.int(cursor.id);
        format!("({time} < {t} OR ({time} = {t} AND {id} < {i}))")
    }

    /// Binds every value, in the order added, to `query`.
    pub fn bind_to<'q>(self, mut query: AnyQuery<'q>) -> AnyQuery<'q> {
        for param in self.0 {
            query = match param {
                Param::Int(v) => query.bind(v),
                Param::Text(v) => query.bind(v),
            };
        }
        query
    }
}

#[cfg(test)]
mod tests {
    use super::Params;
    use crate::Cursor;

    #[test]
    fn placeholders_follow_the_order_values_are_added() {
        let mut params = Params::default();
        assert_eq!(params.int(7), "$1");
        assert_eq!(params.text("flood"), "$2");
        assert_eq!(params.int(9), "$3");
        let words = params.words("a.search_text", "Flood  50%", 8);
        assert_eq!(
            words,
            vec![
                "a.search_text LIKE $4 ESCAPE '\\'",
                "a.search_text LIKE $5 ESCAPE '\\'"
            ]
        );
        let after = params.before("a.updated_at", "a.id", Cursor { time: 5, id: 6 });
        assert_eq!(
            after,
            "(a.updated_at < $6 OR (a.updated_at = $6 AND a.id < $7))"
        );
    }
}
