//! Content negotiation for the Content API's documents of one story or one
//! picture: which representation an `Accept` header asks for. A new format
//! is one more [`Representation`] and one more arm in [`offer`].

use axum::http::header::{ACCEPT, VARY};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use mime::Mime;

use super::newsml;
use super::ninjs::{self, NinjsVersion};
use crate::error::{ApiError, ErrorCode};

/// A way the API can write a story or a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Representation {
    /// The Content API's own JSON (`application/json`), the default.
    Json,
    /// IPTC ninjs (`application/ninjs+json; version=…`).
    Ninjs(NinjsVersion),
    /// An IPTC NewsML-G2 news item (`application/vnd.iptc.g2.newsitem+xml`).
    NewsItem,
}

impl Representation {
    /// The representation `headers` ask for. No `Accept`, or one naming
    /// nothing this API writes, gets the API's JSON (RFC 9110 lets a server
    /// disregard `Accept`); one asking only for ninjs versions this site
    /// does not write is refused (406 `not_acceptable`), as that client
    /// cannot use the JSON instead.
    pub fn negotiate(headers: &HeaderMap) -> Result<Self, ApiError> {
        let mut best: Option<(u16, u8, Self)> = None;
        let mut refused: Option<String> = None;
        let accepted = headers
            .get_all(ACCEPT)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .filter_map(|range| range.trim().parse::<Mime>().ok());
        for range in accepted {
            let quality = quality(&range);
            if quality == 0 {
                continue;
            }
            match offer(&range) {
                Ok(Some((specificity, representation))) => {
                    // Higher quality wins, then the more specific range;
                    // ties go to the first listed.
                    if best.is_none_or(|(q, s, _)| (quality, specificity) > (q, s)) {
                        best = Some((quality, specificity, representation));
                    }
                }
                Ok(None) => {}
                Err(version) => refused = Some(version),
            }
        }
        match (best, refused) {
            (Some((_, _, representation)), _) => Ok(representation),
            (None, Some(version)) => Err(ApiError::new(
                ErrorCode::NotAcceptable,
                format!(
                    "Accept: ninjs \"{version}\" is not available; this site writes {}",
                    NinjsVersion::ALL
                        .map(|v| format!("{}; version={}", ninjs::MEDIA_TYPE, v.as_str()))
                        .join(" and ")
                ),
            )),
            (None, None) => Ok(Self::Json),
        }
    }

    /// `response` marked as chosen by `Accept`, for caches.
    pub fn vary(mut response: Response) -> Response {
        response
            .headers_mut()
            .append(VARY, HeaderValue::from_static("Accept"));
        response
    }
}

/// What a media range offers and how specifically it names it (2: the
/// type itself, 1: `type/*`, 0: `*/*`); `Err` with the version asked for
/// when it names ninjs in a version this site does not write.
fn offer(range: &Mime) -> Result<Option<(u8, Representation)>, String> {
    let essence = range.essence_str();
    if essence == ninjs::MEDIA_TYPE {
        return match range.get_param("version") {
            None => Ok(Some((2, Representation::Ninjs(NinjsVersion::LATEST)))),
            Some(asked) => asked
                .as_str()
                .parse()
                .map(|version| Some((2, Representation::Ninjs(version))))
                .map_err(|_| asked.as_str().to_owned()),
        };
    }
    Ok(match essence {
        "application/json" => Some((2, Representation::Json)),
        newsml::NEWS_ITEM_TYPE => Some((2, Representation::NewsItem)),
        "application/*" => Some((1, Representation::Json)),
        "*/*" => Some((0, Representation::Json)),
        _ => None,
    })
}

/// The range's `q` in thousandths (1000 when absent or unreadable).
fn quality(range: &Mime) -> u16 {
    range
        .get_param("q")
        .and_then(|q| q.as_str().parse::<f32>().ok())
        .filter(|q| (0.0..=1.0).contains(q))
        .map_or(1000, |q| (q * 1000.0).round() as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn negotiate(accept: &[&str]) -> Result<Representation, ErrorCode> {
        let mut headers = HeaderMap::new();
        for value in accept {
            headers.append(ACCEPT, HeaderValue::from_str(value).unwrap());
        }
        Representation::negotiate(&headers).map_err(|e| e.code)
    }

    #[test]
    fn picks_the_preferred_representation() {
        use NinjsVersion::{V2_2, V3_1};
        use Representation::{Json, Ninjs};
        let cases: [(&[&str], Result<Representation, ErrorCode>); 12] = [
            (
                &["application/vnd.iptc.g2.newsitem+xml, application/json;q=0.9"],
                Ok(Representation::NewsItem),
            ),
            (&[], Ok(Json)),
            (&["*/*"], Ok(Json)),
            (&["text/html"], Ok(Json)),
            (&["application/ninjs+json"], Ok(Ninjs(V3_1))),
            (&["application/ninjs+json;version=2"], Ok(Ninjs(V2_2))),
            (
                &["Application/NINJS+json; version=\"2.2\""],
                Ok(Ninjs(V2_2)),
            ),
            (
                &["*/*", "application/ninjs+json; version=3.1"],
                Ok(Ninjs(V3_1)),
            ),
            (&["application/json, application/ninjs+json"], Ok(Json)),
            (
                &["application/ninjs+json;q=0.5, application/json"],
                Ok(Json),
            ),
            (
                &["application/ninjs+json; version=9"],
                Err(ErrorCode::NotAcceptable),
            ),
            (
                &["application/ninjs+json; version=9, application/json;q=0.1"],
                Ok(Json),
            ),
        ];
        for (accept, expected) in cases {
            assert_eq!(negotiate(accept), expected, "{accept:?}");
        }
    }
}
