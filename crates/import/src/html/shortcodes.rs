//! WordPress shortcodes and auto-embeds, rewritten before parsing into
//! placeholder elements the converter knows (`dl-caption`, `dl-embed`,
//! `dl-media`, `dl-gallery`). Done on the source text, as WordPress does,
//! because a `[caption]` spans elements. Brackets that are only text
//! ("[sic]", "[1]") stay as they are.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::autoembed;
use super::links::http_url;
use super::notes::Notes;

/// Shortcodes that embed third-party content named by a URL attribute
/// (Jetpack's `[youtube URL]`, `[youtube=URL]`, `[tweet URL]`, …).
const EMBED_NAMES: [&str; 10] = [
    "youtube",
    "vimeo",
    "soundcloud",
    "tweet",
    "instagram",
    "dailymotion",
    "spotify",
    "googlemaps",
    "ted",
    "slideshare",
];

/// Shortcodes taken as such even without attributes or a closing tag.
const KNOWN_NAMES: [&str; 16] = [
    "caption",
    "wp_caption",
    "embed",
    "gallery",
    "video",
    "audio",
    "playlist",
    "toc",
    "contact-form",
    "contact-form-7",
    "wpforms",
    "mc4wp_form",
    "gravityform",
    "related_posts",
    "adsense",
    "nextpage",
];

/// Attributes of `[video]` and `[audio]` that name the file.
const MEDIA_SOURCES: [&str; 11] = [
    "src", "mp4", "m4v", "webm", "ogv", "wmv", "flv", "mp3", "m4a", "ogg", "wav",
];

/// Longest shortcode tag looked at: attributes never run to pages.
const TAG_MAX_BYTES: usize = 4096;

/// Rewrites shortcodes, then URLs alone on their line, into placeholders.
pub(super) fn expand<'h>(html: &'h str, notes: &mut Notes) -> Cow<'h, str> {
    let expanded = if html.contains('[') {
        Cow::Owned(expand_shortcodes(html, notes))
    } else {
        Cow::Borrowed(html)
    };
    let has_http = expanded
        .as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"http"));
    if !has_http {
        return expanded;
    }
    match autoembed::url_lines(&expanded) {
        Some(rewritten) => Cow::Owned(rewritten),
        None => expanded,
    }
}

#[derive(Debug)]
struct Tag<'h> {
    start: usize,
    end: usize,
    name: String,
    closing: bool,
    self_closing: bool,
    attrs: &'h str,
    /// `[[name]]`: WordPress shows it as `[name]`.
    escaped: bool,
}

/// Every shortcode-looking tag outside HTML tags and comments, in order.
fn scan(html: &str) -> Vec<Tag<'_>> {
    let mut tags = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(found) = html.get(i..).and_then(|rest| rest.find(['<', '['])) {
        i += found;
        if bytes[i] == b'<' {
            i = skip_markup(html, i);
            continue;
        }
        let escaped = bytes.get(i + 1) == Some(&b'[');
        let at = if escaped { i + 1 } else { i };
        match parse_tag(html, at) {
            Some(mut tag) if escaped && bytes.get(tag.end) == Some(&b']') => {
                tag.start = i;
                tag.end += 1;
                tag.escaped = true;
                i = tag.end;
                tags.push(tag);
            }
            Some(tag) if !escaped => {
                i = tag.end;
                tags.push(tag);
            }
            _ => i += 1,
        }
    }
    tags
}

/// The position after the HTML tag or comment starting at `i` (a `<`).
fn skip_markup(html: &str, i: usize) -> usize {
    let rest = &html[i..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        return comment
            .find("-->")
            .map_or(html.len(), |end| i + 4 + end + 3);
    }
    let starts_tag = rest
        .as_bytes()
        .get(1)
        .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'));
    if !starts_tag {
        return i + 1;
    }
    rest.find('>').map_or(html.len(), |end| i + end + 1)
}

/// The shortcode tag starting at `start` (a `[`), if it is one.
fn parse_tag(html: &str, start: usize) -> Option<Tag<'_>> {
    let rest = html.get(start + 1..)?;
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(after) => (true, after),
        None => (false, rest),
    };
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    let name = &rest[..name_len];
    if name.is_empty() || name_len > 50 || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let after = &rest[name_len..];
    let next = after.chars().next()?;
    let allowed = if closing {
        next == ']'
    } else {
        next == ']' || next == '/' || next == '=' || next.is_whitespace()
    };
    if !allowed {
        return None;
    }
    let window = &after[..floor_char_boundary(after, TAG_MAX_BYTES)];
    // Stopping at the next `[` keeps the scan linear over any input.
    let close = window.find([']', '['])?;
    if window.as_bytes()[close] == b'[' {
        return None;
    }
    let mut attrs = &after[..close];
    let self_closing = attrs.trim_end().ends_with('/');
    if self_closing {
        attrs = attrs.trim_end().trim_end_matches('/');
    }
    let name_start = start + 1 + usize::from(closing);
    Some(Tag {
        start,
        end: name_start + name_len + close + 1,
        name: name.to_ascii_lowercase(),
        closing,
        self_closing,
        attrs,
        escaped: false,
    })
}

fn floor_char_boundary(text: &str, max: usize) -> usize {
    if max >= text.len() {
        return text.len();
    }
    (0..=max)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// Parses `key="value" key=value "positional" positional` pairs.
fn attributes(attrs: &str) -> Vec<(Option<&str>, &str)> {
    let mut out = Vec::new();
    let mut rest = attrs.trim_start();
    if let Some(value) = rest.strip_prefix('=') {
        // Jetpack's `[youtube=URL]`.
        let (value, after) = split_value(value);
        out.push((None, value));
        rest = after.trim_start();
    }
    while !rest.is_empty() {
        if rest.starts_with(['"', '\'']) {
            let (value, after) = split_value(rest);
            out.push((None, value));
            rest = after.trim_start();
            continue;
        }
        let key_len = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let key = &rest[..key_len];
        let after_key = rest[key_len..].trim_start();
        if let Some(value) = after_key.strip_prefix('=') {
            let (value, after) = split_value(value.trim_start());
            out.push((Some(key), value));
            rest = after.trim_start();
        } else {
            out.push((None, key));
            rest = after_key;
        }
    }
    out
}

/// A quoted or bare value at the start of `text`, and what follows it.
fn split_value(text: &str) -> (&str, &str) {
    let closing = match text.chars().next() {
        Some(quote @ ('"' | '\'')) => quote,
        Some('\u{201c}') => '\u{201d}',
        _ => {
            let end = text.find(char::is_whitespace).unwrap_or(text.len());
            return (&text[..end], &text[end..]);
        }
    };
    let open_len = text.chars().next().map_or(1, char::len_utf8);
    let inner = &text[open_len..];
    match inner.find(closing) {
        Some(end) => (&inner[..end], &inner[end + closing.len_utf8()..]),
        None => (inner, ""),
    }
}

fn attribute<'a>(attrs: &[(Option<&str>, &'a str)], names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|name| {
        attrs
            .iter()
            .find(|(key, _)| key.is_some_and(|key| key.eq_ignore_ascii_case(name)))
            .map(|(_, value)| *value)
    })
}

/// An attribute value inside a double-quoted HTML attribute.
pub(super) fn escape(value: &str) -> String {
    value.replace('"', "&quot;")
}

fn expand_shortcodes(html: &str, notes: &mut Notes) -> String {
    let tags = scan(html);
    // For each tag, where the next closing tag of its name is.
    let mut next_close = vec![None; tags.len()];
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (index, tag) in tags.iter().enumerate().rev() {
        next_close[index] = seen.get(tag.name.as_str()).copied();
        if tag.closing && !tag.escaped {
            seen.insert(tag.name.as_str(), index);
        }
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut copied = 0;
    let mut open_captions = 0usize;
    // Names of the shortcodes opened so far: their closing tags go too.
    let mut opened: HashSet<&str> = HashSet::new();
    let mut index = 0;
    while let Some(tag) = tags.get(index) {
        index += 1;
        out.push_str(&html[copied..tag.start]);
        copied = tag.start;
        if tag.escaped {
            out.push_str(&html[tag.start + 1..tag.end - 1]);
            copied = tag.end;
            continue;
        }
        let name = tag.name.as_str();
        let closes = next_close[index - 1].filter(|_| !tag.closing && !tag.self_closing);
        if tag.closing {
            if matches!(name, "caption" | "wp_caption") && open_captions > 0 {
                open_captions -= 1;
                out.push_str("</dl-caption>");
            } else if !(KNOWN_NAMES.contains(&name)
                || EMBED_NAMES.contains(&name)
                || opened.contains(name))
            {
                // An unknown closing tag with no opening one is text.
                continue;
            }
            copied = tag.end;
            continue;
        }
        let is_shortcode = closes.is_some()
            || tag.self_closing
            || tag.attrs.contains('=')
            || KNOWN_NAMES.contains(&name)
            || EMBED_NAMES.contains(&name);
        if !is_shortcode {
            continue;
        }
        copied = tag.end;
        opened.insert(name);
        let attrs = attributes(tag.attrs);
        match name {
            "caption" | "wp_caption" if closes.is_some() => {
                let caption = attribute(&attrs, &["caption"]).unwrap_or("");
                out.push_str(&format!("<dl-caption cap=\"{}\">", escape(caption)));
                open_captions += 1;
            }
            "embed" => {
                let content = closes.map(|close| &html[tag.end..tags[close].start]);
                match content.map(str::trim).and_then(http_url) {
                    Some(url) if content.is_some_and(|c| !c.contains('<')) => {
                        out.push_str(&format!("<dl-embed url=\"{}\"></dl-embed>", escape(&url)));
                        if let Some(close) = closes {
                            copied = tags[close].end;
                            index = close + 1;
                        }
                    }
                    _ => note(notes, name),
                }
            }
            "video" | "audio" => match attribute(&attrs, &MEDIA_SOURCES) {
                Some(src) => {
                    out.push_str(&format!("<dl-media src=\"{}\"></dl-media>", escape(src)))
                }
                None => note(notes, name),
            },
            "gallery" => {
                let ids = attribute(&attrs, &["ids", "include"]).unwrap_or("");
                out.push_str(&format!(
                    "<dl-gallery ids=\"{}\"></dl-gallery>",
                    escape(ids)
                ));
            }
            _ if EMBED_NAMES.contains(&name) => {
                let url = attrs.iter().find_map(|(_, value)| http_url(value.trim()));
                match url {
                    Some(url) => {
                        out.push_str(&format!("<dl-embed url=\"{}\"></dl-embed>", escape(&url)))
                    }
                    None => note(notes, name),
                }
            }
            _ => note(notes, name),
        }
    }
    out.push_str(&html[copied..]);
    out
}

fn note(notes: &mut Notes, name: &str) {
    *notes.shortcodes.entry(name.to_owned()).or_default() += 1;
}
