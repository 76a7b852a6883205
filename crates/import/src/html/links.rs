//! Addresses found in a body: links resolved against the old site and
//! checked against what a story may link, embed addresses and picture
//! sources made absolute.

use dateline_domain::is_forbidden_char;
use dateline_domain::rich::is_valid_href;
use url::Url;

/// Ghost writes its own site's address as this placeholder.
const GHOST_URL: &str = "__GHOST_URL__";

/// An attribute's address as a browser reads it: surrounding whitespace
/// and line breaks inside dropped (and characters no text may hold); Ghost's
/// placeholder for its own address makes it a path on the old site.
fn clean(raw: &str) -> String {
    let trimmed = raw.trim_matches(|c: char| c.is_ascii_whitespace());
    let trimmed = trimmed.strip_prefix(GHOST_URL).unwrap_or(trimmed);
    trimmed
        .chars()
        .filter(|&c| !matches!(c, '\t' | '\n' | '\r') && !is_forbidden_char(c))
        .collect()
}

/// Whether `address` starts with a scheme (`https:`, `javascript:`, …).
fn has_scheme(address: &str) -> bool {
    let Some((scheme, _)) = address.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn starts_with_http(address: &str) -> bool {
    let lower = address.get(..8).unwrap_or(address).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// `address` made absolute: against `base`, or for a scheme-relative one
/// (`//host/path`) with https when there is no base.
fn absolute(address: String, base: Option<&Url>) -> Option<String> {
    if has_scheme(&address) {
        return Some(address);
    }
    match base {
        Some(base) => base.join(&address).ok().map(String::from),
        None if address.starts_with("//") => Some(format!("https:{address}")),
        None => None,
    }
}

/// A link's target as a story may hold it, or `None` when it may not be
/// linked (`javascript:`, `tel:`, an anchor on the old page, a relative
/// address without a base).
pub(super) fn link_href(raw: &str, base: Option<&Url>) -> Option<String> {
    let href = clean(raw);
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    if starts_with_http(&href) {
        if is_valid_href(&href) {
            return Some(href);
        }
        return http_url(&href).filter(|url| is_valid_href(url));
    }
    if href.to_ascii_lowercase().starts_with("mailto:") {
        return is_valid_href(&href).then_some(href);
    }
    if has_scheme(&href) {
        return None;
    }
    let resolved = match base {
        None if href.starts_with('/') && !href.starts_with("//") => href,
        _ => absolute(href, base)?,
    };
    is_valid_href(&resolved).then_some(resolved)
}

/// A picture's source, made absolute when it can be; `None` when empty.
pub(super) fn image_src(raw: &str, base: Option<&Url>) -> Option<String> {
    let src = clean(raw);
    if src.is_empty() {
        return None;
    }
    match absolute(src.clone(), base) {
        Some(resolved) => Some(resolved),
        None => Some(src),
    }
}

/// The address of an embedded frame or player, when it is http(s).
pub(super) fn embed_url(raw: &str, base: Option<&Url>) -> Option<String> {
    let src = clean(raw);
    if src.is_empty() {
        return None;
    }
    http_url(&absolute(src, base)?)
}

/// `text` as an http(s) URL the way an embed block holds it (lowercase
/// scheme, no whitespace), or `None` when it is not one.
pub(super) fn http_url(text: &str) -> Option<String> {
    if !starts_with_http(text) {
        return None;
    }
    let url = Url::parse(text).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return None;
    }
    let tidy = (text.starts_with("http://") || text.starts_with("https://"))
        && !text.chars().any(|c| c.is_whitespace() || c.is_control());
    Some(if tidy { text.to_owned() } else { url.into() })
}

/// Whether a whole paragraph is one bare http(s) address, the way
/// WordPress auto-embeds a URL alone on its line.
pub(super) fn bare_url(text: &str) -> Option<String> {
    if text.chars().any(char::is_whitespace) {
        return None;
    }
    http_url(text)
}
