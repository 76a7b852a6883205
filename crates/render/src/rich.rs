//! Body text with marks (bold, italic, links) in the two forms people see:
//! HTML for pages and feeds, and the editor's plain-text markup, where
//! `**bold**`, `*italic*` and `[words](address)` mark ranges and a
//! backslash makes `\ * [ ] ( )` literal.
//!
//! The markup is Dateline's own small grammar rather than Markdown: a text
//! and its marks must come back unchanged from the editor (`parse(write(x))
//! == x` for every normalised text), which CommonMark's emphasis rules do
//! not give (`**a**b` and `** a**` read differently from their marks).
//! Markdown proper stays where readers type it (comments, `markdown.rs`).

use dateline_domain::rich::{is_valid_href, normalize_marks, Mark, MarkKind};

/// The HTML of a text with its marks: escaped text in properly nested
/// `<a href>`, `<strong>` and `<em>` elements. Marks are used in their
/// normal form; a link overlapping an earlier one is left out, and so is a
/// link to an address a story may not link (`is_valid_href`): stored marks
/// never hold one, but the editor shows typed markup that was refused.
pub fn html(text: &str, marks: &[Mark]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let marks = drop_overlapping_links(normalize_marks(text, marks))
        .into_iter()
        .filter(|m| match m {
            Mark::Link { href, .. } => is_valid_href(href),
            _ => true,
        })
        .collect::<Vec<_>>();
    let mut out = String::with_capacity(text.len() + marks.len() * 16);
    let mut open: Vec<usize> = Vec::new();
    let cuts = boundaries(chars.len() as u32, &marks);
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        // Marks covering this segment, outermost first: those that began
        // earlier (and end later) stay open across more segments.
        let mut wanted: Vec<usize> = (0..marks.len())
            .filter(|&i| {
                let (start, end) = marks[i].range();
                start <= from && to <= end
            })
            .collect();
        wanted.sort_by_key(|&i| {
            let (start, end) = marks[i].range();
            (start, std::cmp::Reverse(end), marks[i].kind())
        });
        let keep = open.iter().zip(&wanted).take_while(|(a, b)| a == b).count();
        for i in open.drain(keep..).rev() {
            out.push_str(close_tag(&marks[i]));
        }
        for &i in &wanted[keep..] {
            open_tag(&mut out, &marks[i]);
            open.push(i);
        }
        chars[from as usize..to as usize]
            .iter()
            .for_each(|&c| escape_into(&mut out, c));
    }
    while let Some(i) = open.pop() {
        out.push_str(close_tag(&marks[i]));
    }
    out
}

fn boundaries(len: u32, marks: &[Mark]) -> Vec<u32> {
    let mut cuts: Vec<u32> = marks
        .iter()
        .flat_map(|m| {
            let (start, end) = m.range();
            [start, end]
        })
        .chain([0, len])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

fn drop_overlapping_links(marks: Vec<Mark>) -> Vec<Mark> {
    let mut link_end = 0;
    marks
        .into_iter()
        .filter(|mark| {
            if mark.kind() != MarkKind::Link {
                return true;
            }
            let (start, end) = mark.range();
            if start < link_end {
                return false;
            }
            link_end = end;
            true
        })
        .collect()
}

fn open_tag(out: &mut String, mark: &Mark) {
    match mark {
        Mark::Bold { .. } => out.push_str("<strong>"),
        Mark::Italic { .. } => out.push_str("<em>"),
        Mark::Link { href, .. } => {
            out.push_str("<a href=\"");
            href.chars().for_each(|c| escape_into(out, c));
            out.push_str("\">");
        }
    }
}

/// Escapes one character for HTML text or a quoted attribute.
fn escape_into(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c => out.push(c),
    }
}

fn close_tag(mark: &Mark) -> &'static str {
    match mark {
        Mark::Bold { .. } => "</strong>",
        Mark::Italic { .. } => "</em>",
        Mark::Link { .. } => "</a>",
    }
}

/// Characters the markup gives a meaning; a backslash makes them literal.
const SPECIAL: [char; 6] = ['\\', '*', '[', ']', '(', ')'];

/// The editor's markup for a text and its marks.
pub fn write_markup(text: &str, marks: &[Mark]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let marks = drop_overlapping_links(normalize_marks(text, marks));
    let mut out = String::with_capacity(text.len() + marks.len() * 8);
    for pos in 0..=chars.len() as u32 {
        // Closing first, then opening: `**` and `*` toggle, so their order
        // at one position does not matter; a link's end must come before
        // the next one's start.
        for mark in marks.iter().filter(|m| m.range().1 == pos) {
            match mark {
                Mark::Bold { .. } => out.push_str("**"),
                Mark::Italic { .. } => out.push('*'),
                Mark::Link { href, .. } => {
                    out.push_str("](");
                    for c in href.chars() {
                        if c == ')' || c == '\\' {
                            out.push('\\');
                        }
                        out.push(c);
                    }
                    out.push(')');
                }
            }
        }
        for mark in marks.iter().filter(|m| m.range().0 == pos) {
            match mark {
                Mark::Bold { .. } => out.push_str("**"),
                Mark::Italic { .. } => out.push('*'),
                Mark::Link { .. } => out.push('['),
            }
        }
        if let Some(&c) = chars.get(pos as usize) {
            if SPECIAL[..4].contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[derive(Debug)]
enum Token {
    Char(char),
    /// A run of `*` split into `**` (bold) or `*` (italic); whether it may
    /// open (text follows it) or close (text precedes it) a range.
    Star {
        bold: bool,
        can_open: bool,
        can_close: bool,
    },
    LinkStart,
    /// `](address)`; `raw` is the source, kept in case nothing opened it.
    LinkEnd {
        href: String,
        raw: String,
    },
}

/// Reads the editor's markup into text and (normalised) marks. Delimiters
/// that pair with nothing stay in the text as typed; links are not checked
/// here (`dateline_domain::rich::validate_marks` does, with a message).
pub fn parse_markup(source: &str) -> (String, Vec<Mark>) {
    let tokens = tokenize(source);
    let pairs = pair(&tokens);
    let mut text = String::with_capacity(source.len());
    let mut pos: u32 = 0;
    let mut starts: Vec<Option<u32>> = vec![None; tokens.len()];
    let mut marks = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        match (token, pairs[i]) {
            (Token::Char(c), _) => {
                text.push(*c);
                pos += 1;
            }
            (Token::Star { .. } | Token::LinkStart, Some(Pairing::Opens)) => starts[i] = Some(pos),
            (Token::Star { bold, .. }, Some(Pairing::Closes(opener))) => {
                // An opener comes before its closer, so its start is known.
                let start = starts[opener].unwrap_or(pos);
                marks.push(if *bold {
                    Mark::Bold { start, end: pos }
                } else {
                    Mark::Italic { start, end: pos }
                });
            }
            (Token::LinkEnd { href, .. }, Some(Pairing::Closes(opener))) => {
                let start = starts[opener].unwrap_or(pos);
                marks.push(Mark::Link {
                    start,
                    end: pos,
                    href: href.clone(),
                });
            }
            (unpaired, _) => {
                let raw = match unpaired {
                    Token::Star { bold: true, .. } => "**",
                    Token::Star { bold: false, .. } => "*",
                    Token::LinkStart => "[",
                    Token::LinkEnd { raw, .. } => raw.as_str(),
                    Token::Char(_) => unreachable!("matched above"),
                };
                text.push_str(raw);
                pos += raw.chars().count() as u32;
            }
        }
    }
    let marks = normalize_marks(&text, &marks);
    (text, marks)
}

fn tokenize(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' if chars.get(i + 1).is_some_and(|c| SPECIAL.contains(c)) => {
                tokens.push(Token::Char(chars[i + 1]));
                i += 2;
            }
            '*' => {
                let run = chars[i..].iter().take_while(|&&c| c == '*').count();
                let before = i.checked_sub(1).map(|b| chars[b]);
                let after = chars.get(i + run).copied();
                let can_open = after.is_some_and(|c| !c.is_whitespace());
                let can_close = before.is_some_and(|c| !c.is_whitespace());
                let mut left = run;
                while left > 0 {
                    let bold = left >= 2;
                    tokens.push(Token::Star {
                        bold,
                        can_open,
                        can_close,
                    });
                    left -= if bold { 2 } else { 1 };
                }
                i += run;
            }
            '[' => {
                tokens.push(Token::LinkStart);
                i += 1;
            }
            ']' if chars.get(i + 1) == Some(&'(') => match link_target(&chars, i + 2) {
                Some((href, next)) => {
                    tokens.push(Token::LinkEnd {
                        href,
                        raw: chars[i..next].iter().collect(),
                    });
                    i = next;
                }
                None => {
                    tokens.push(Token::Char(']'));
                    i += 1;
                }
            },
            c => {
                tokens.push(Token::Char(c));
                i += 1;
            }
        }
    }
    tokens
}

/// The address of `](address)` from just after `(`: up to the first
/// unescaped `)`, with no whitespace in it. Returns it and the index
/// after `)`.
fn link_target(chars: &[char], from: usize) -> Option<(String, usize)> {
    let mut href = String::new();
    let mut i = from;
    while let Some(&c) = chars.get(i) {
        match c {
            ')' if !href.is_empty() => return Some((href, i + 1)),
            '\\' if chars.get(i + 1).is_some_and(|n| SPECIAL.contains(n)) => {
                href.push(chars[i + 1]);
                i += 2;
            }
            c if c.is_whitespace() || c == ')' => return None,
            c => {
                href.push(c);
                i += 1;
            }
        }
    }
    None
}

#[derive(Debug, Clone, Copy)]
enum Pairing {
    Opens,
    Closes(usize),
}

/// Which delimiters pair up: each kind of star with the next of its kind
/// that may close it; a link's `[` with the next `](…)` (links do not nest:
/// a later `[` replaces an earlier unclosed one).
fn pair(tokens: &[Token]) -> Vec<Option<Pairing>> {
    let mut pairs = vec![None; tokens.len()];
    let (mut bold, mut italic, mut link) = (None::<usize>, None::<usize>, None::<usize>);
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Star {
                bold: is_bold,
                can_open,
                can_close,
            } => {
                let pending = if *is_bold { &mut bold } else { &mut italic };
                match *pending {
                    Some(opener) if *can_close => {
                        pairs[opener] = Some(Pairing::Opens);
                        pairs[i] = Some(Pairing::Closes(opener));
                        *pending = None;
                    }
                    _ if *can_open => *pending = Some(i),
                    _ => {}
                }
            }
            Token::LinkStart => link = Some(i),
            Token::LinkEnd { .. } => {
                if let Some(opener) = link.take() {
                    pairs[opener] = Some(Pairing::Opens);
                    pairs[i] = Some(Pairing::Closes(opener));
                }
            }
            Token::Char(_) => {}
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bold(start: u32, end: u32) -> Mark {
        Mark::Bold { start, end }
    }

    fn italic(start: u32, end: u32) -> Mark {
        Mark::Italic { start, end }
    }

    fn link(start: u32, end: u32, href: &str) -> Mark {
        Mark::Link {
            start,
            end,
            href: href.into(),
        }
    }

    #[test]
    fn html_nests_overlapping_marks_and_escapes_everything() {
        // "Bold and both" bold 0..13, italic 5..13, a link over "both".
        let text = "Bold and both <now>";
        let marks = [bold(0, 13), italic(9, 13), link(9, 13, "/en/a?b=1&c=\"2\"")];
        assert_eq!(
            html(text, &marks),
            "<strong>Bold and <a href=\"/en/a?b=1&amp;c=&quot;2&quot;\"><em>both</em></a></strong> &lt;now&gt;"
        );
        // Ranges that cross close and reopen the inner element.
        assert_eq!(
            html("abcdef", &[bold(0, 4), italic(2, 6)]),
            "<strong>ab<em>cd</em></strong><em>ef</em>"
        );
        assert_eq!(html("plain & simple", &[]), "plain &amp; simple");
    }

    #[test]
    fn html_never_links_an_address_a_story_may_not_link() {
        // Typed markup the editor refused is shown again through `html`.
        let (text, marks) =
            parse_markup(r"[click](javascript:alert(1\)) and [away](/\\evil.example)");
        assert_eq!(html(&text, &marks), "click and away");
        assert_eq!(
            html("ok", &[link(0, 2, "https://example.org/")]),
            "<a href=\"https://example.org/\">ok</a>"
        );
    }

    #[test]
    fn markup_reads_bold_italic_links_and_escapes() {
        let (text, marks) = parse_markup(
            r"Mayor **Anna Petrova** said *twice*: see [the plan](https://example.org/plan_(2026\)) \*not\* a mark",
        );
        assert_eq!(
            text,
            "Mayor Anna Petrova said twice: see the plan *not* a mark"
        );
        assert_eq!(
            marks,
            vec![
                bold(6, 18),
                italic(24, 29),
                link(35, 43, "https://example.org/plan_(2026)"),
            ]
        );
    }

    #[test]
    fn unpaired_or_spaced_delimiters_stay_as_typed() {
        for typed in [
            "5 * 3 = 15",
            "a ** b",
            "**unfinished",
            "[no address]",
            "[spaces](not an address)",
            "closing] alone",
            "(brackets) are text",
        ] {
            let (text, marks) = parse_markup(typed);
            assert_eq!(text, typed, "{typed}");
            assert!(marks.is_empty(), "{typed}: {marks:?}");
        }
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let cases: Vec<(&str, Vec<Mark>)> = vec![
            ("plain", vec![]),
            ("Привет, мир", vec![bold(0, 6), italic(8, 11)]),
            ("abcdef", vec![bold(0, 4), italic(2, 6)]),
            ("abc", vec![bold(0, 3), italic(0, 3), link(0, 3, "/x")]),
            (
                "one two",
                vec![
                    link(0, 3, "https://a.example/(x)"),
                    link(4, 7, "mailto:a@b.example"),
                ],
            ),
            ("stars * and [brackets] \\ too", vec![italic(0, 5)]),
            ("ab", vec![bold(0, 1), italic(1, 2)]),
            ("x y z", vec![bold(0, 1), bold(4, 5), link(2, 3, "/y")]),
            ("line one\nline two", vec![italic(5, 12)]),
        ];
        for (text, marks) in cases {
            let written = write_markup(text, &marks);
            let (back, back_marks) = parse_markup(&written);
            assert_eq!(back, text, "{written}");
            assert_eq!(back_marks, normalize_marks(text, &marks), "{written}");
        }
    }

    #[test]
    fn marks_around_spaces_are_trimmed_when_written() {
        assert_eq!(write_markup("a bold b", &[bold(1, 7)]), "a **bold** b");
    }
}
