//! Wire copy in whatever encoding it came in, as a UTF-8 string.
//!
//! The order is the one a browser would follow for a feed, with the XML
//! declaration before the HTTP hint because agencies' servers label
//! everything `text/xml; charset=utf-8` whatever the file says: a
//! byte-order mark wins; then `<?xml … encoding="…"?>`; then the HTTP
//! charset hint; then UTF-8 when the bytes are valid UTF-8; else a guess
//! by `chardetng` (Firefox's detector). The text is decoded before the
//! XML reader sees it, so quick-xml needs no encoding support of its own.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// The bytes decoded to text. `tld` ("ru") helps the guess when nothing
/// names the encoding. An encoding the XML declaration names but that
/// Dateline does not know is refused (the reason is returned).
pub fn decode(bytes: &[u8], hint: Option<&str>, tld: Option<&str>) -> Result<String, String> {
    let (encoding, body) = choose(bytes, hint, tld)?;
    // Bytes not valid in the chosen encoding become U+FFFD, as browsers
    // show them: one bad byte does not lose a whole wire.
    let (text, _had_errors) = encoding.decode_without_bom_handling(body);
    Ok(text.into_owned())
}

/// The encoding to read `bytes` in, and the bytes after any byte-order mark.
pub fn choose<'a>(
    bytes: &'a [u8],
    hint: Option<&str>,
    tld: Option<&str>,
) -> Result<(&'static Encoding, &'a [u8]), String> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return Ok((encoding, &bytes[bom..]));
    }
    // UTF-16 without a byte-order mark still shows itself: XML and JSON
    // start with an ASCII character, so one of the first two bytes is 0.
    match bytes {
        [0, b, ..] if b.is_ascii() && *b != 0 => return Ok((UTF_16BE, bytes)),
        [b, 0, ..] if b.is_ascii() && *b != 0 => return Ok((UTF_16LE, bytes)),
        _ => {}
    }
    if let Some(encoding) = declared(bytes)? {
        return Ok((encoding, bytes));
    }
    if let Some(encoding) = hint.and_then(from_hint) {
        return Ok((encoding, bytes));
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Ok((UTF_8, bytes));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    Ok((detector.guess(tld.map(str::as_bytes), false), bytes))
}

/// The encoding an XML declaration at the start of `bytes` names, if it
/// names one.
fn declared(bytes: &[u8]) -> Result<Option<&'static Encoding>, String> {
    let Some(rest) = bytes.strip_prefix(b"<?xml") else {
        return Ok(None);
    };
    let end = rest
        .iter()
        .take(512)
        .position(|b| *b == b'>')
        .unwrap_or(rest.len().min(512));
    if !String::from_utf8_lossy(&rest[..end]).contains("encoding") {
        return Ok(None);
    }
    let encoding = crate::decode::sniff(bytes)?;
    // A declaration read as ASCII cannot be in UTF-16: the label is wrong,
    // and the bytes are ASCII-compatible, most likely UTF-8.
    if encoding == UTF_16LE || encoding == UTF_16BE {
        return Ok(Some(UTF_8));
    }
    Ok(Some(encoding))
}

/// The encoding an HTTP charset parameter names; `None` for a label
/// Dateline does not know (servers send odd ones: the bytes then decide).
fn from_hint(hint: &str) -> Option<&'static Encoding> {
    let label = hint.trim().trim_matches(|c| c == '"' || c == '\'');
    let encoding = Encoding::for_label(label.as_bytes())?;
    // The same reasoning as for the declaration: UTF-16 text with no
    // byte-order mark and no zero bytes at its start is mislabelled.
    if encoding == UTF_16LE || encoding == UTF_16BE {
        return None;
    }
    Some(encoding)
}
