//! Real feeds: RSS 2.0 podcasts, jsonfeed.org's own JSON Feed, a KOI8-R
//! feed that names no encoding, and a feed cut off by a server error.

use super::{only_item, parse_file, refusal};
use crate::wire::{WireFormat, WireKind};

#[test]
fn bbc_rss() {
    let Some(dir) = crate::testing::shared_data("feeds") else {
        return;
    };
    let item = only_item(&dir.join("rss_2.0_bbc.xml"));
    assert_eq!(item.format, WireFormat::Rss);
    assert_eq!(item.kind, WireKind::Text);
    assert_eq!(item.version, None);
    assert_eq!(item.guid, "urn:bbc:podcast:m000sjxt");
    assert_eq!(item.headline, "Marcus Aurelius");
    assert_eq!(item.link, "http://www.bbc.co.uk/programmes/m000sjxt");
    // From the channel.
    assert_eq!(item.language, "en");
    assert_eq!(item.copyright, "(C) BBC 2021");
    assert_eq!(item.provider, "In Our Time");
    // The only text is the description: it is the body.
    assert_eq!(item.lead, "");
    assert_eq!(item.body_html, "<p>Melvyn Bragg and guests discuss...</p>");
    assert_eq!(item.first_created, Some(1_614_248_100));
    // The enclosure and media:content are audio: no picture.
    assert!(item.pictures.is_empty());
}

#[test]
fn spiegel_rss() {
    let Some(dir) = crate::testing::shared_data("feeds") else {
        return;
    };
    let item = only_item(&dir.join("rss_2.0_spiegel.xml"));
    assert_eq!(item.guid, "c7e3cca2-665e-4bc4-bcac-acc6011b9fa2");
    assert_eq!(
        item.headline,
        "07.02. – die Wochenvorschau: Lockdown-Verlängerung, Kriegsverbrecher vor Gericht, Super Bowl, Karneval"
    );
    assert_eq!(item.language, "de");
    assert_eq!(item.copyright, "2021 DER SPIEGEL GmbH & Co. KG");
    // content:encoded is the body, the description its lead.
    assert_eq!(
        item.lead,
        "Die wichtigsten Nachrichten aus der SPIEGEL-Redaktion. See omnystudio.com/listener for privacy information."
    );
    assert!(item
        .body_html
        .contains("<a href=\"https://omnystudio.com/listener\">omnystudio.com/listener</a>"));
    // Of the enclosure (audio) and the two media:content (audio, image),
    // only the image is a picture.
    assert_eq!(item.pictures.len(), 1);
    assert_eq!(item.pictures[0].mime, "image/jpeg");
    assert!(item.pictures[0]
        .href
        .starts_with("https://www.omnycontent.com/d/programs/"));
    assert!(item.pictures[0]
        .href
        .ends_with("image.jpg?t=1589902935&size=Large"));
}

#[test]
fn json_feed_spec() {
    let Some(dir) = crate::testing::shared_data("feeds") else {
        return;
    };
    let item = only_item(&dir.join("jsonfeed_spec_1.json"));
    assert_eq!(item.format, WireFormat::JsonFeed);
    assert_eq!(
        item.guid,
        "https://jsonfeed.org/2017/05/17/announcing_json_feed"
    );
    assert_eq!(
        item.link,
        "https://jsonfeed.org/2017/05/17/announcing_json_feed"
    );
    assert_eq!(item.headline, "Announcing JSON Feed");
    // The feed's author stands for the item's.
    assert_eq!(item.byline, "Brent Simmons and Manton Reece");
    assert_eq!(item.provider, "JSON Feed");
    assert!(item
        .body_html
        .starts_with("<p>We — Manton Reece and Brent Simmons — have noticed"));
    assert_eq!(item.first_created, Some(1_495_033_332));
}

#[test]
fn koi8_r_without_a_declaration() {
    let Some(dir) = crate::testing::shared_data("feeds") else {
        return;
    };
    let path = dir.join("koi8r.xml");
    let item = only_item(&path);
    assert_eq!(item.headline, "Как пережить новогоднюю ночь");
    assert!(item
        .body_html
        .contains("что Новый год обязательно наступит"));
    assert!(crate::html::to_text(&item.body_html).contains("\"нового счастья\""));
    // No guid, no link: an id made from the title, the same every time.
    assert!(
        item.guid.starts_with("urn:dateline:feed-item:"),
        "{}",
        item.guid
    );
    assert_eq!(only_item(&path).guid, item.guid);
}

#[test]
fn a_feed_cut_off_is_refused_where_it_breaks() {
    let Some(dir) = crate::testing::shared_data("feeds") else {
        return;
    };
    let (line, _column, reason) = refusal(parse_file(&dir.join("rss_2.0_invalid_1.xml")));
    // The file's last line (19) holds the server's error comment.
    assert_eq!(line, 19);
    assert_eq!(
        reason,
        "the file ends inside <rss> <channel>: it is truncated"
    );
}
