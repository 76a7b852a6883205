//! The search page's address: what a reader's form or a facet link asks
//! for, read leniently (the first value of each parameter; unknown or
//! malformed filter values are ignored, as the media bank's are) and written
//! back for links that change one part.

use dateline_domain::UnixTime;
use dateline_search::{Kind, Order};
use serde::Serialize;

/// One of the date ranges a reader can narrow to, counted back from now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Since {
    Day,
    Week,
    Month,
    Year,
}

impl Since {
    pub const ALL: [Since; 4] = [Since::Day, Since::Week, Since::Month, Since::Year];

    pub fn parse(text: &str) -> Option<Since> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Since::Day => "day",
            Since::Week => "week",
            Since::Month => "month",
            Since::Year => "year",
        }
    }

    /// The earliest date a document may have.
    pub fn from(self, now: UnixTime) -> UnixTime {
        const DAY: i64 = 86_400;
        now - DAY
            * match self {
                Since::Day => 1,
                Since::Week => 7,
                Since::Month => 30,
                Since::Year => 365,
            }
    }
}

/// The parameters as typed: `q` raw (shown back in the form), the filters
/// as the link spelled them (checked against the edition later).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(super) struct SearchParams {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub q: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub section: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub tag: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub author: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub kind: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub date: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub order: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cursor: String,
}

impl SearchParams {
    /// The first value of each known parameter; anything else is ignored.
    /// Never fails: bytes that are not UTF-8 become replacement characters.
    pub fn read(raw_query: Option<&str>) -> SearchParams {
        let mut params = SearchParams::default();
        for (key, value) in form_urlencoded::parse(raw_query.unwrap_or_default().as_bytes()) {
            let slot = match key.as_ref() {
                "q" => &mut params.q,
                "section" => &mut params.section,
                "tag" => &mut params.tag,
                "author" => &mut params.author,
                "kind" => &mut params.kind,
                "date" => &mut params.date,
                "order" => &mut params.order,
                "cursor" => &mut params.cursor,
                _ => continue,
            };
            if slot.is_empty() {
                *slot = value.into_owned();
            }
        }
        params
    }

    pub fn kind(&self) -> Option<Kind> {
        Kind::parse(&self.kind)
    }

    pub fn since(&self) -> Option<Since> {
        Since::parse(&self.date)
    }

    pub fn order(&self) -> Order {
        Order::parse(&self.order).unwrap_or_default()
    }

    /// The query string of these parameters (empty values left out).
    pub fn encode(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }

    /// The same search from its first page, with `change` applied.
    pub fn with(&self, change: impl FnOnce(&mut SearchParams)) -> SearchParams {
        let mut next = SearchParams {
            cursor: String::new(),
            ..self.clone()
        };
        change(&mut next);
        next
    }

    /// Whether anything narrows the search besides the words.
    pub fn narrowed(&self) -> bool {
        !(self.section.is_empty()
            && self.tag.is_empty()
            && self.author.is_empty()
            && self.kind.is_empty()
            && self.date.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_first_value_and_ignores_the_rest() {
        let p = SearchParams::read(Some("q=a+b&q=c&kind=picture&x=1&order=newest&date=week"));
        assert_eq!(p.q, "a b");
        assert_eq!(p.kind(), Some(Kind::Picture));
        assert_eq!(p.order(), Order::Newest);
        assert_eq!(p.since(), Some(Since::Week));
        let odd = SearchParams::read(Some("q=%FF%00&kind=bogus&order=up&date=%"));
        assert_eq!(odd.q, "\u{fffd}\u{0}");
        assert_eq!(
            (odd.kind(), odd.order(), odd.since()),
            (None, Order::Relevance, None)
        );
    }

    #[test]
    fn links_round_trip_and_restart_at_the_first_page() {
        let p = SearchParams::read(Some("q=%3Cb%3E+%26&section=world&cursor=abc"));
        let link = p.with(|p| p.tag = "city".into()).encode();
        assert_eq!(link, "q=%3Cb%3E+%26&section=world&tag=city");
        assert_eq!(SearchParams::read(Some(&link)).q, "<b> &");
        assert!(p.narrowed());
        assert!(!SearchParams::read(Some("q=x")).narrowed());
    }
}
