//! Small text and HTML helpers shared by the format readers: wire fields
//! arrive as plain text where HTML is wanted and the other way round.

/// `text` escaped for HTML text or a quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Plain text as HTML paragraphs: a blank line separates paragraphs, a
/// single line break inside one stays a `<br>`.
pub fn paragraphs(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::new();
    let mut para: Vec<&str> = Vec::new();
    let flush = |para: &mut Vec<&str>, out: &mut String| {
        if para.is_empty() {
            return;
        }
        let lines: Vec<String> = para.iter().map(|l| escape(&one_line(l))).collect();
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str("<p>");
        out.push_str(&lines.join("<br>"));
        out.push_str("</p>");
        para.clear();
    };
    for line in text.split('\n') {
        if line.trim().is_empty() {
            flush(&mut para, &mut out);
        } else {
            para.push(line);
        }
    }
    flush(&mut para, &mut out);
    out
}

/// A field that may hold HTML or plain text (an RSS description), as
/// HTML: markup is kept, plain text becomes paragraphs (its entities, if
/// it was escaped HTML without tags, decoded first).
pub fn html_or_text(value: &str) -> String {
    let value = value.trim();
    if looks_like_html(value) {
        return value.to_owned();
    }
    if value.contains('&') {
        return paragraphs(&crate::html::to_text(value));
    }
    paragraphs(value)
}

/// `text` on one line: runs of white space become one space, trimmed.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The plain text of an HTML fragment, entities decoded, on one line.
pub fn html_line(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return one_line(html);
    }
    one_line(&crate::html::to_text(html))
}

/// The first `n` words of `text`, with an ellipsis when there were more:
/// a headline for an item that has none.
pub fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= n {
        return words.join(" ");
    }
    let mut out = words[..n].join(" ");
    out.push('…');
    out
}

/// Whether `text` has something to read: a letter or a digit.
pub fn has_words(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// Whether a value of unknown type looks like HTML rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
        && text.contains('>')
}

/// What is inside `<body>` when `html` is a whole document (some
/// agencies send `<html><head><title>…`), else `html` itself.
pub fn document_body(html: &str) -> &str {
    let lower = html.to_ascii_lowercase();
    let Some(open) = lower.find("<body") else {
        return html.trim();
    };
    let Some(close_of_open) = lower[open..].find('>') else {
        return html.trim();
    };
    let start = open + close_of_open + 1;
    let end = lower[start..]
        .rfind("</body")
        .map_or(html.len(), |at| start + at);
    html.get(start..end).unwrap_or(html).trim()
}

/// A person's name from an RSS `author` ("jo@example.com (Jo Smith)"):
/// the name when there is one, the address otherwise.
pub fn author_name(author: &str) -> String {
    let author = author.trim();
    if let (Some(open), true) = (author.find('('), author.ends_with(')')) {
        let name = one_line(&author[open + 1..author.len() - 1]);
        if !name.is_empty() {
            return name;
        }
    }
    one_line(author)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_becomes_paragraphs() {
        assert_eq!(
            paragraphs("One <two>\nline\n\n\nThree & four"),
            "<p>One &lt;two&gt;<br>line</p>\n<p>Three &amp; four</p>"
        );
        assert_eq!(paragraphs("  \n "), "");
    }

    #[test]
    fn words_and_documents() {
        assert_eq!(first_words("a b c d", 2), "a b…");
        assert_eq!(first_words(" a  b ", 2), "a b");
        assert_eq!(
            document_body(
                "<html><head><title>x</title></head><BODY class=a><p>hi</p></body></html>"
            ),
            "<p>hi</p>"
        );
        assert_eq!(document_body(" <p>hi</p> "), "<p>hi</p>");
        assert_eq!(author_name("jo@example.com (Jo  Smith)"), "Jo Smith");
        assert_eq!(html_line("Caf&eacute; <b>au</b>  lait"), "Café au lait");
        assert!(looks_like_html("a <p>b</p>"));
        assert!(!looks_like_html("1 < 2 > 0"));
    }
}
