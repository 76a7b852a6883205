//! WordPress's auto-embed: a line holding only an http(s) URL, outside
//! tags and comments, becomes an embed placeholder before parsing.

use super::links::http_url;
use super::shortcodes::escape;

/// Lines holding only an http(s) URL, outside tags and comments, become
/// embeds, as WordPress's auto-embed does; `None` when there is none.
pub(super) fn url_lines(html: &str) -> Option<String> {
    #[derive(PartialEq)]
    enum State {
        Text,
        Tag,
        Comment,
    }
    let mut state = State::Text;
    let mut out: Option<String> = None;
    let mut done = 0;
    let mut line_start = 0;
    for line in html.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        if state == State::Text {
            let candidate = line.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\r' | '\n'));
            let plain = !candidate
                .chars()
                .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"'));
            if plain {
                if let Some(url) = http_url(candidate) {
                    let buffer = out.get_or_insert_with(|| String::with_capacity(html.len() + 64));
                    buffer.push_str(&html[done..start]);
                    buffer.push_str(&format!("<dl-embed url=\"{}\"></dl-embed>", escape(&url)));
                    if line.ends_with('\n') {
                        buffer.push('\n');
                    }
                    done = line_start;
                    continue;
                }
            }
        }
        let mut i = 0;
        let bytes = line.as_bytes();
        while i < bytes.len() {
            match state {
                State::Text if bytes[i] == b'<' => {
                    if line[i..].starts_with("<!--") {
                        state = State::Comment;
                        i += 4;
                        continue;
                    }
                    if bytes
                        .get(i + 1)
                        .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'))
                    {
                        state = State::Tag;
                    }
                }
                State::Tag if bytes[i] == b'>' => state = State::Text,
                State::Comment if line[i..].starts_with("-->") => {
                    state = State::Text;
                    i += 3;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }
    let mut out = out?;
    out.push_str(&html[done..]);
    Some(out)
}
