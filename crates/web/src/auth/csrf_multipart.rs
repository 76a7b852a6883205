//! The CSRF token of a `multipart/form-data` request (a file upload), read
//! from the body's first field before the handler streams the rest. Forms
//! put the token first, so it never travels in the address, where history,
//! server logs and `Referer` headers would keep it.

use axum::body::{Body, Bytes};
use futures_util::{stream, StreamExt};

use super::csrf::CSRF_FIELD;

/// The most of a body read to find its first field; the token is short.
const PREFIX_LIMIT: usize = 8 * 1024;

/// The `boundary` parameter of a `multipart/form-data` content type.
pub(super) fn boundary(content_type: &str) -> Option<String> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|param| {
        let (name, value) = param.trim().split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"').to_owned())
            .filter(|b| !b.is_empty())
    })
}

/// Reads `body` until its first field is complete. Returns the token when
/// that field is `csrf_token`, and a body that replays every byte read.
pub(super) async fn first_field_token(body: Body, boundary: &str) -> (Option<String>, Body) {
    let mut rest = body.into_data_stream();
    let mut prefix = Vec::new();
    let mut token = None;
    while prefix.len() < PREFIX_LIMIT {
        match rest.next().await {
            Some(Ok(chunk)) => prefix.extend_from_slice(&chunk),
            // A broken or short body has no token: the request is refused.
            Some(Err(_)) | None => break,
        }
        if let Some(found) = first_field(&prefix, boundary) {
            token = found;
            break;
        }
    }
    let replay = stream::once(async move { Ok::<_, axum::Error>(Bytes::from(prefix)) }).chain(rest);
    (token, Body::from_stream(replay))
}

/// `None` while `bytes` do not yet hold the whole first field; then the
/// token, or `Some(None)` when the first field is something else.
fn first_field(bytes: &[u8], boundary: &str) -> Option<Option<String>> {
    let delimiter = format!("--{boundary}");
    let start = find(bytes, delimiter.as_bytes())? + delimiter.len();
    let part = bytes.get(start..)?.strip_prefix(b"\r\n")?;
    let headers_end = find(part, b"\r\n\r\n")?;
    let headers = String::from_utf8_lossy(&part[..headers_end]);
    if field_name(&headers).as_deref() != Some(CSRF_FIELD) {
        return Some(None);
    }
    let value = &part[headers_end + 4..];
    let end = find(value, format!("\r\n{delimiter}").as_bytes())?;
    Some(std::str::from_utf8(&value[..end]).ok().map(str::to_owned))
}

/// The `name` of a part, from its `Content-Disposition` header.
fn field_name(headers: &str) -> Option<String> {
    headers.split("\r\n").find_map(|line| {
        let (header, value) = line.split_once(':')?;
        if !header.trim().eq_ignore_ascii_case("content-disposition") {
            return None;
        }
        value.split(';').skip(1).find_map(|param| {
            let (name, value) = param.trim().split_once('=')?;
            (name == "name").then(|| value.trim_matches('"').to_owned())
        })
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[u8] = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc123\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nPNG\r\n--XyZ--\r\n";

    #[test]
    fn the_token_is_the_first_field_once_it_is_complete() {
        assert_eq!(first_field(BODY, "XyZ"), Some(Some("abc123".to_owned())));
        // Cut before the token ends: wait for more.
        assert_eq!(first_field(&BODY[..70], "XyZ"), None);
        assert_eq!(
            boundary("multipart/form-data; boundary=\"XyZ\""),
            Some("XyZ".to_owned())
        );
        assert_eq!(boundary("application/json"), None);
    }

    #[test]
    fn a_file_first_or_a_file_named_like_the_token_gives_none() {
        let file_first = b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"csrf_token\"\r\n\r\nPNG";
        assert_eq!(first_field(file_first, "XyZ"), Some(None));
    }

    #[tokio::test]
    async fn the_body_replays_whole_after_the_token_is_read() {
        let (token, body) = first_field_token(Body::from(BODY), "XyZ").await;
        assert_eq!(token.as_deref(), Some("abc123"));
        let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
        assert_eq!(&bytes[..], BODY);
    }
}
