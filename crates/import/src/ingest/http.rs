//! An address polled with conditional GET: the last answer's `ETag` and
//! `Last-Modified` are sent back, and "304 Not Modified" costs nothing.
//! Answers are read up to [`MAX_WIRE_BYTES`] and no further.

use std::time::Duration;

use dateline_domain::UnixTime;
use dateline_store::wires::{PollResult, WireSource};
use dateline_store::Store;
use reqwest::header::{CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};
use reqwest::StatusCode;

use super::Tally;
use crate::wire::MAX_WIRE_BYTES;

/// The client wire polls use: bounded in time and redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .user_agent(concat!(
            "Dateline/",
            env!("CARGO_PKG_VERSION"),
            " (wire ingest)"
        ))
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .redirect(reqwest::redirect::Policy::limited(5))
        .build()
        .unwrap_or_else(|_| reqwest::Client::new())
}

pub async fn poll(
    store: &Store,
    client: &reqwest::Client,
    source: &WireSource,
    now: UnixTime,
) -> (Tally, PollResult) {
    let failed = |error: String| {
        (
            Tally {
                refused: 1,
                ..Tally::default()
            },
            PollResult {
                error,
                ..PollResult::default()
            },
        )
    };
    // Errors and links name the address without its credentials.
    let shown = shown_address(&source.location);
    let mut request = client.get(&source.location);
    if !source.etag.is_empty() {
        request = request.header(IF_NONE_MATCH, &source.etag);
    }
    if !source.last_modified.is_empty() {
        request = request.header(IF_MODIFIED_SINCE, &source.last_modified);
    }
    let mut response = match request.send().await {
        Ok(r) => r,
        Err(e) => return failed(format!("{shown}: {}", describe(e))),
    };
    let status = response.status();
    if status == StatusCode::NOT_MODIFIED {
        return (Tally::default(), PollResult::default());
    }
    if !status.is_success() {
        return failed(format!("{shown}: the server answered {status}"));
    }
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
            .map(str::to_owned)
    };
    let etag = header(ETAG);
    let last_modified = header(LAST_MODIFIED);
    let charset = header(CONTENT_TYPE).and_then(|ct| charset_of(&ct));
    if response
        .content_length()
        .is_some_and(|n| n > MAX_WIRE_BYTES as u64)
    {
        return failed(too_large(&shown));
    }
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > MAX_WIRE_BYTES {
                    return failed(too_large(&shown));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(e) => return failed(format!("{shown}: {}", describe(e))),
        }
    }
    match super::ingest_bytes(
        store,
        source.id,
        body,
        &source.location,
        charset.as_deref(),
        now,
    )
    .await
    {
        Ok(tally) => (
            tally,
            PollResult {
                error: String::new(),
                etag: Some(etag.unwrap_or_default()),
                last_modified: Some(last_modified.unwrap_or_default()),
            },
        ),
        // Validators are not kept: the next poll reads the answer again.
        Err(e) => failed(e.to_string()),
    }
}

fn too_large(url: &str) -> String {
    format!(
        "{url}: the answer is larger than {} MB: refused",
        MAX_WIRE_BYTES / (1024 * 1024)
    )
}

/// A client error with its causes ("error sending request: connection
/// refused"), without the address (which may hold credentials).
fn describe(error: reqwest::Error) -> String {
    let error = error.without_url();
    let mut text = error.to_string();
    let mut cause = std::error::Error::source(&error);
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}

/// `location` without the user name and password it may carry (reqwest
/// sends them as HTTP basic authentication): what pages and messages show.
pub fn shown_address(location: &str) -> String {
    match url::Url::parse(location) {
        Ok(mut url) if !url.username().is_empty() || url.password().is_some() => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            url.to_string()
        }
        _ => location.to_owned(),
    }
}

/// The `charset` parameter of a Content-Type.
fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::{charset_of, shown_address};

    #[test]
    fn credentials_are_not_shown() {
        assert_eq!(
            shown_address("https://desk:s3cret@wire.example/feed?x=1"),
            "https://wire.example/feed?x=1"
        );
        assert_eq!(
            shown_address("https://wire.example/feed"),
            "https://wire.example/feed"
        );
        assert_eq!(shown_address("/srv/wires"), "/srv/wires");
    }

    #[test]
    fn the_charset_parameter_is_found() {
        assert_eq!(
            charset_of("application/rss+xml; charset=KOI8-R").as_deref(),
            Some("KOI8-R")
        );
        assert_eq!(
            charset_of("text/xml;Charset=\"utf-8\"").as_deref(),
            Some("utf-8")
        );
        assert_eq!(charset_of("application/json"), None);
    }
}
