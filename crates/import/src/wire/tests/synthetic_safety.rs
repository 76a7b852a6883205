//! Files written here to test what the parsers refuse and how they read
//! encodings: entity bombs, external entities, truncation, depth, size.

use super::{parse_text, parsed_text, refusal};
use crate::wire::{parse, WireFormat, MAX_WIRE_BYTES};

fn item_title(bytes: &[u8], hint: Option<&str>) -> String {
    let parsed = parse(bytes, "test-input", hint).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.items.len(), 1, "{parsed:?}");
    parsed.items[0].headline.clone()
}

#[test]
fn a_billion_laughs_is_refused() {
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0"><channel><item><title>&lol3;</title></item></channel></rss>"#;
    let (line, column, reason) = refusal(parse_text(bomb));
    assert_eq!((line, column), (2, 1));
    assert!(
        reason.starts_with("a document type declaration (<!DOCTYPE>) is not allowed"),
        "{reason}"
    );
}

#[test]
fn an_external_entity_is_refused() {
    let xxe = r#"<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&xxe;</title></item></channel></rss>"#;
    let (line, _, reason) = refusal(parse_text(xxe));
    assert_eq!(line, 1);
    assert!(reason.contains("(XXE)"), "{reason}");
}

#[test]
fn an_unknown_entity_is_refused_where_it_stands() {
    let text =
        "<rss version=\"2.0\"><channel>\n<item><title>Caf&eacutx;</title></item></channel></rss>";
    let (line, column, reason) = refusal(parse_text(text));
    assert_eq!((line, column), (2, 17));
    assert!(
        reason.starts_with("unknown entity &eacutx;: wire copy may use only XML's own entities"),
        "{reason}"
    );
    // HTML's named references are read in text, as feed readers do.
    let parsed = parsed_text(
        "<rss version=\"2.0\"><channel><item><title>Caf&eacute;&nbsp;&mdash; open</title></item></channel></rss>",
    );
    // White space in a headline is folded to plain spaces.
    assert_eq!(parsed.items[0].headline, "Café — open");
    // In an attribute too.
    let text = "<rss version=\"2.0\"><channel><item><title>t</title>\n<enclosure url=\"http://e.com/a&nbsp;.jpg\"/></item></channel></rss>";
    let (line, _, reason) = refusal(parse_text(text));
    assert_eq!(line, 2);
    assert!(reason.contains("unknown entity &nbsp;"), "{reason}");
    // XML's own and character references are read.
    let parsed = parsed_text("<rss><channel><item><title>A &amp; B &#233; &#x263A; &lt;i&gt;</title></item></channel></rss>");
    assert_eq!(parsed.items[0].headline, "A & B é ☺");
}

#[test]
fn truncated_files_are_refused_with_their_position() {
    let (line, column, reason) = refusal(parse_text(
        "<rss version=\"2.0\">\n  <channel>\n    <item><title>Cut",
    ));
    assert_eq!((line, column), (3, 21));
    assert_eq!(
        reason,
        "the file ends inside <rss> <channel> <item> <title>: it is truncated"
    );

    let (line, column, reason) = refusal(parse_text(
        "{\n  \"uri\": \"urn:x\",\n  \"headline\": \"Cut",
    ));
    assert_eq!((line, column), (3, 18));
    assert!(reason.starts_with("the JSON ends too soon"), "{reason}");
    assert!(reason.ends_with("the file is truncated"), "{reason}");

    let (line, _, reason) = refusal(parse_text("{\"uri\": \"x\",\n \"headline\": \"a\" \"b\"}"));
    assert_eq!(line, 2);
    assert!(
        reason.starts_with("this is not well-formed JSON"),
        "{reason}"
    );

    let (line, _, reason) = refusal(parse_text("<rss>\n<channel></rss>"));
    assert_eq!(line, 2);
    assert!(
        reason.starts_with("this is not well-formed XML"),
        "{reason}"
    );
}

#[test]
fn nesting_past_the_limit_is_refused() {
    let mut text = String::from("<rss><channel><item><title>t</title><description>");
    text.push_str(&"<div>".repeat(70));
    text.push_str(&"</div>".repeat(70));
    text.push_str("</description></item></channel></rss>");
    let (line, _, reason) = refusal(parse_text(&text));
    assert_eq!(line, 1);
    assert_eq!(
        reason,
        "elements nest deeper than 64 levels: refused, as no wire format needs that"
    );
    // 64 is still read.
    let mut text = String::from("<rss><channel><item><title>t</title><x>");
    text.push_str(&"<d>".repeat(59));
    text.push_str(&"</d>".repeat(59));
    text.push_str("</x></item></channel></rss>");
    assert_eq!(parsed_text(&text).items.len(), 1);
}

#[test]
fn a_file_over_the_size_limit_is_refused() {
    let mut bytes = b"<rss><channel>".to_vec();
    bytes.resize(MAX_WIRE_BYTES + 1, b' ');
    let (_, _, reason) = refusal(parse(&bytes, "big.xml", None));
    assert!(
        reason.ends_with("more than the 32 MB wire copy may have: refused as too large"),
        "{reason}"
    );
}

#[test]
fn what_is_not_wire_copy_is_refused_by_name() {
    let (_, _, reason) = refusal(parse_text("{\"name\": \"not news\", \"list\": [1, 2]}"));
    assert!(
        reason.starts_with("this JSON is neither an IPTC ninjs document"),
        "{reason}"
    );
    let (_, _, reason) = refusal(parse_text("[1, 2, 3]"));
    assert!(reason.starts_with("this JSON is neither"), "{reason}");
    let (_, _, reason) = refusal(parse_text("Just some text"));
    assert!(
        reason.starts_with("this is neither XML nor JSON"),
        "{reason}"
    );
    let (_, _, reason) = refusal(parse_text("  \n "));
    assert!(reason.starts_with("the file is empty"), "{reason}");
    let (_, _, reason) = refusal(parse_text("<html><body><p>A page</p></body></html>"));
    assert!(reason.starts_with("this is a web page (HTML)"), "{reason}");
    let (line, _, reason) = refusal(parse_text(
        "<?xml version=\"1.0\"?>\n<catalog xmlns=\"urn:x\"/>",
    ));
    assert_eq!(line, 2);
    assert_eq!(
        reason,
        "the root element <catalog> (namespace urn:x) is not one of RSS, Atom, NewsML-G2 or NewsML 1: this is not wire copy Dateline reads"
    );
    let (_, _, reason) = refusal(parse_text(
        "<knowledgeItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"k\" version=\"1\"/>",
    ));
    assert_eq!(reason, "NewsML-G2 <knowledgeItem> holds no news: not taken");
    let (_, _, reason) = refusal(parse_text("<rss version=\"2.0\"/>"));
    assert!(
        reason.starts_with("an <rss> element without a <channel>"),
        "{reason}"
    );
    let (_, _, reason) = refusal(parse_text("<rss><channel/></rss><rss/>"));
    assert!(
        reason.starts_with("a second root element <rss>"),
        "{reason}"
    );
    // A feed with no items is a feed: nothing to take, nothing wrong.
    let parsed = parsed_text("<rss version=\"2.0\"><channel><title>Quiet</title></channel></rss>");
    assert_eq!((parsed.format, parsed.items.len()), (WireFormat::Rss, 0));
}

#[test]
fn declared_legacy_encodings_are_decoded() {
    // "Café" in ISO-8859-1 (read as windows-1252, as browsers do).
    let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Caf\xE9 \x80</title></item></channel></rss>";
    assert_eq!(item_title(latin1, None), "Café €");
    // "Мир" in KOI8-R.
    let koi8 = b"<?xml version='1.0' encoding='koi8-r'?><rss><channel><item><title>\xED\xC9\xD2</title></item></channel></rss>";
    assert_eq!(item_title(koi8, None), "Мир");
    // The declaration wins over the HTTP hint.
    assert_eq!(item_title(koi8, Some("utf-8")), "Мир");
    // An unknown label is refused by name.
    let (_, _, reason) = refusal(parse(
        b"<?xml version=\"1.0\" encoding=\"x-klingon\"?><rss/>",
        "f",
        None,
    ));
    assert!(reason.contains("\"x-klingon\""), "{reason}");
}

#[test]
fn the_http_hint_and_detection_apply_when_the_file_says_nothing() {
    // "Мир" in windows-1251, no declaration.
    let cp1251 = b"<rss><channel><item><title>\xCC\xE8\xF0</title></item></channel></rss>";
    assert_eq!(item_title(cp1251, Some("windows-1251")), "Мир");
    assert_eq!(item_title(cp1251, Some("\"Windows-1251\"")), "Мир");
    // A hint naming nothing known is ignored: valid UTF-8 stays UTF-8.
    assert_eq!(
        item_title(
            "<rss><channel><item><title>Größe</title></item></channel></rss>".as_bytes(),
            Some("bogus")
        ),
        "Größe"
    );
    // No hint, not UTF-8: guessed. German in windows-1252.
    let german = b"<rss><channel><item><title>Gr\xF6\xDFere Stra\xDFen f\xFCr M\xFCnchen</title></item></channel></rss>";
    assert_eq!(item_title(german, None), "Größere Straßen für München");
}

#[test]
fn a_byte_order_mark_wins() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Größe</title></item></channel></rss>".as_bytes(),
    );
    assert_eq!(item_title(&bytes, Some("koi8-r")), "Größe");
    let mut json = b"\xEF\xBB\xBF".to_vec();
    json.extend_from_slice("{\"uri\": \"urn:bom\", \"headline\": \"Größe\"}".as_bytes());
    assert_eq!(item_title(&json, None), "Größe");
    // UTF-16 with its mark.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "{\"uri\": \"urn:16\", \"headline\": \"Größe\"}".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    assert_eq!(item_title(&utf16, None), "Größe");
}

/// Every prefix of real files (cut anywhere, even inside a UTF-8
/// character) is taken or refused, never a panic.
#[test]
fn files_cut_anywhere_never_panic() {
    let mut samples: Vec<Vec<u8>> = vec![
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Caf\xE9</title><enclosure url=\"a.jpg\"/></item></channel></rss>".to_vec(),
        "{\"uri\":\"u\",\"headlines\":[{\"value\":\"Größe\"}],\"associations\":{\"a\":{\"type\":\"picture\"}}}".as_bytes().to_vec(),
    ];
    for (folder, file) in [
        ("newsml-g2", "LISTING_2_NewsML-G2_Text_Document.xml"),
        ("newsml-g2", "LISTING_3_Photo_in_NewsML-G2.xml"),
        ("feeds", "rss_2.0_spiegel.xml"),
        ("feeds", "koi8r.xml"),
        ("feeds", "jsonfeed_spec_1.json"),
        ("ninjs", "examples/3.0/tt_text_image_3.json"),
        (
            "ninjs",
            "examples/NewsML/businesswire-newsml-20130605006126.xml",
        ),
    ] {
        if let Some(dir) = crate::testing::shared_data(folder) {
            samples.push(super::read(&dir.join(file)));
        }
    }
    for sample in samples {
        let step = (sample.len() / 150).max(1);
        for cut in (0..sample.len()).step_by(step) {
            let _ = parse(&sample[..cut], "cut", None);
        }
        let _ = parse(&sample, "whole", None);
    }
}
