//! Parameters of a query whose conditions depend on the filters given
//! (the desk's list, the media bank's search, the wire queue): each value
//! pushed returns its placeholder (`$1`, `$2`…), so clauses and binds are
//! written together and cannot fall out of order.

use crate::articles::AnyQuery;

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

    #[test]
    fn placeholders_follow_the_order_values_are_added() {
        let mut params = Params::default();
        assert_eq!(params.int(7), "$1");
        assert_eq!(params.text("flood"), "$2");
        assert_eq!(params.int(9), "$3");
    }
}
