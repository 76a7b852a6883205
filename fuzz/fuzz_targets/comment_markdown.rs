//! Comment Markdown: whatever a reader types, the HTML that comes out holds
//! only the tags and attributes the sanitiser allows (`href` and `rel` on
//! links, `start` on numbered lists), links keep only safe
//! schemes, and rendering never panics.

#![no_main]

use libfuzzer_sys::fuzz_target;

/// The tags `dateline_render::markdown` lets through.
const ALLOWED_TAGS: &[&str] = &[
    "p",
    "br",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
];

const LINK_REL: &str = "nofollow ugc noopener";

fuzz_target!(|source: &str| {
    let html = dateline_render::markdown::comment_html(source);
    if let Err(why) = check(&html) {
        panic!("{why}\ninput: {source:?}\noutput: {html:?}");
    }
});

/// Walks the output as a browser's tokenizer would see it: text (where `<`
/// can only start one of our tags) and tags with double-quoted attributes
/// (whose values may hold `>`).
fn check(html: &str) -> Result<(), String> {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let (closing, body) = match rest.strip_prefix('/') {
            Some(body) => (true, body),
            None => (false, rest),
        };
        let name_end = body
            .find(|c: char| !c.is_ascii_alphanumeric())
            .ok_or("a tag is never closed")?;
        let name = &body[..name_end];
        if !ALLOWED_TAGS.contains(&name) {
            return Err(format!(
                "tag <{}{name}> is not allowed",
                if closing { "/" } else { "" }
            ));
        }
        rest = &body[name_end..];
        let mut seen: Vec<&str> = Vec::new();
        loop {
            if let Some(after) = rest.strip_prefix('>') {
                rest = after;
                break;
            }
            let attribute = rest
                .strip_prefix(' ')
                .filter(|_| !closing)
                .ok_or_else(|| format!("odd syntax in <{name}>: {:?}", truncate(rest)))?;
            let eq = attribute
                .find("=\"")
                .ok_or_else(|| format!("unquoted attribute in <{name}>"))?;
            let key = &attribute[..eq];
            let after = &attribute[eq + 2..];
            let end = after
                .find('"')
                .ok_or_else(|| format!("unterminated attribute in <{name}>"))?;
            let value = &after[..end];
            rest = &after[end + 1..];
            match (name, key) {
                ("a", "href") => check_href(value)?,
                ("a", "rel") if value == LINK_REL => {}
                ("ol", "start")
                    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {}
                _ => return Err(format!("attribute {key}={value:?} on <{name}>")),
            }
            if seen.contains(&key) {
                return Err(format!("attribute {key} twice on <{name}>"));
            }
            seen.push(key);
        }
        if name == "a" && seen.contains(&"href") && !seen.contains(&"rel") {
            return Err("a link without rel".into());
        }
    }
    Ok(())
}

fn truncate(s: &str) -> &str {
    s.char_indices().nth(40).map_or(s, |(at, _)| &s[..at])
}

/// A kept link is relative or uses http, https or mailto, as a browser
/// would read it (entities decoded, tabs and line breaks dropped).
fn check_href(value: &str) -> Result<(), String> {
    let decoded = value
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let url: String = decoded
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    // A scheme is a letter, then letters, digits, `+`, `-` or `.`, before
    // the first `:`; anything else ("://x") is a relative reference.
    if let Some((scheme, _)) = url.split_once(':') {
        let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if is_scheme && !["http", "https", "mailto"].contains(&scheme) {
            return Err(format!("href with scheme {scheme:?}"));
        }
    }
    Ok(())
}
