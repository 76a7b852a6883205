//! The key a request's page is cached under: its path and query, without
//! the tracking parameters that share links carry and in one order, so
//! that `?utm_source=x` or `?b=1&a=2` finds the page `?a=2&b=1` stored.
//! Only the key is normalised: handlers see the request as it came.

use std::sync::Arc;

use axum::http::Uri;

/// Parameters that only tell analytics where a click came from; no reader
/// page reads them.
const TRACKING: [&str; 18] = [
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "gclsrc",
    "msclkid",
    "yclid",
    "twclid",
    "ttclid",
    "igshid",
    "li_fat_id",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "mkt_tok",
    "_hsenc",
];

fn is_tracking(pair: &str) -> bool {
    let name = pair.split_once('=').map_or(pair, |(name, _)| name);
    name.starts_with("utm_") || TRACKING.contains(&name)
}

/// `path?query` with tracking parameters dropped and the rest sorted by
/// name; parameters of one name keep their order (it can matter).
pub(super) fn page_key(uri: &Uri) -> Arc<str> {
    let path = uri.path();
    let Some(query) = uri.query() else {
        return path.into();
    };
    let mut pairs: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && !is_tracking(pair))
        .collect();
    if pairs.is_empty() {
        return path.into();
    }
    pairs.sort_by_key(|pair| pair.split_once('=').map_or(*pair, |(name, _)| name));
    format!("{path}?{}", pairs.join("&")).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(uri: &str) -> String {
        page_key(&uri.parse().unwrap()).to_string()
    }

    #[test]
    fn tracking_parameters_are_dropped_and_the_rest_ordered() {
        assert_eq!(key("/en/x"), "/en/x");
        assert_eq!(key("/en/x?"), "/en/x");
        assert_eq!(key("/en/x?utm_source=a&utm_medium=b&fbclid=c"), "/en/x");
        assert_eq!(key("/en/?page=2&gclid=z"), "/en/?page=2");
        assert_eq!(key("/en/?b=1&a=2&utm_campaign=q"), "/en/?a=2&b=1");
        assert_eq!(key("/en/?t=2&a&t=1"), "/en/?a&t=2&t=1");
        // A parameter merely starting like one is kept.
        assert_eq!(key("/en/?utmost=1&fbclidx=2"), "/en/?fbclidx=2&utmost=1");
    }
}
