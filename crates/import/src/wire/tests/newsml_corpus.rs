//! The NewsML-G2 listings of IPTC's Implementation Guidelines.

use super::{files_under, only_item, parse};
use crate::wire::{PubStatus, WireFormat, WireKind};

#[test]
fn every_listing_parses() {
    let Some(dir) = crate::testing::shared_data("newsml-g2") else {
        return;
    };
    let mut listings = 0;
    for path in files_under(&dir) {
        // The schemas and licence beside them are not news files.
        if path.extension().is_none_or(|e| e != "xml") {
            continue;
        }
        listings += 1;
        let item = only_item(&path);
        assert_eq!(item.format, WireFormat::NewsmlG2);
        assert_eq!(item.version, Some(11), "{}", path.display());
    }
    assert_eq!(listings, 4);
}

#[test]
fn a_news_item() {
    let Some(dir) = crate::testing::shared_data("newsml-g2") else {
        return;
    };
    let item = only_item(&dir.join("LISTING_1_A_NewsML-G2_News_Item.xml"));
    assert_eq!(item.guid, "urn:newsml:acmenews.com:20161018:US-FINANCE-FED");
    assert_eq!(item.kind, WireKind::Text);
    assert_eq!(item.pub_status, PubStatus::Usable);
    assert_eq!(item.headline, "Fed to halt QE to avert \"bubble\"");
    // No <language>: the item's xml:lang.
    assert_eq!(item.language, "en-GB");
    assert_eq!(item.byline, "Meredith Jameson");
    // A provider known by its code only.
    assert_eq!(item.provider, "REUTERS");
    assert_eq!(item.credit, "Example Enews LLP");
    assert_eq!(
        item.copyright,
        "Copyright 2017-18 Example Enews LLP, all rights reserved"
    );
    assert_eq!(item.usage_terms, "Not for use outside the United States");
    // Subject names in the item's language (not the German one).
    assert_eq!(
        item.subjects,
        ["economy, business and finance", "labour market"]
    );
    assert_eq!(
        item.link,
        "http://www.example.com/video/20081222-PNN-1517-407624/index.html"
    );
    assert_eq!(item.version_created, Some(1_540_157_132));
    assert_eq!(item.embargoed_until, Some(1_540_296_000));
    // Its inline XML holds only comments: no body, still an item.
    assert_eq!(item.body_html, "");
}

#[test]
fn a_text_document_with_nitf() {
    let Some(dir) = crate::testing::shared_data("newsml-g2") else {
        return;
    };
    let item = only_item(&dir.join("LISTING_2_NewsML-G2_Text_Document.xml"));
    assert_eq!(item.guid, "urn:newsml:acmenews.com:20161121:US-FINANCE-FED");
    assert_eq!(item.kind, WireKind::Text);
    assert_eq!(item.language, "en-US");
    assert_eq!(item.headline, "Fed to halt QE to avert \"bubble\"");
    assert_eq!(item.subjects.len(), 3);
    // NITF's body.content as HTML paragraphs; body.head (the headline
    // and byline again) is not the body.
    assert!(
        item.body_html
            .starts_with("<p>(New York, NY - October 21) Et, sent luptat luptat, commy Nim"),
        "{}",
        item.body_html
    );
    assert_eq!(item.body_html.matches("<p>").count(), 2);
    assert!(!item.body_html.contains("Staff Reporter"));
    assert_eq!(item.provider, "www.acmenews.com");
}

#[test]
fn a_photo() {
    let Some(dir) = crate::testing::shared_data("newsml-g2") else {
        return;
    };
    let path = dir.join("LISTING_3_Photo_in_NewsML-G2.xml");
    let item = only_item(&path);
    assert_eq!(item.guid, "tag:gettyimages.com,2010:GYI0062134533");
    assert_eq!(item.kind, WireKind::Picture);
    assert_eq!(item.language, "en-US");
    assert_eq!(
        item.headline,
        "Variety Of Recessionary Forces Leave Las Vegas Economy Scarred"
    );
    assert_eq!(item.credit, "Getty Images");
    assert_eq!(item.provider, "Getty Images Inc.");
    assert_eq!(item.byline, "Spencer Platt");
    assert!(item.lead.starts_with("A general view of part of downtown"));
    // The largest rendition. Its address is relative to the file: read
    // from disk, there is no web address to give.
    assert_eq!(item.pictures.len(), 1);
    let picture = &item.pictures[0];
    assert_eq!((picture.width, picture.height), (Some(1500), Some(1001)));
    assert_eq!(picture.mime, "image/jpeg");
    assert_eq!(picture.credit, "Getty Images");
    assert_eq!(picture.href, "");
    // Fetched from the web, it resolves against the file's address.
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
    let parsed = parse(
        &bytes,
        "https://wire.example.com/getty/LISTING_3_Photo_in_NewsML-G2.xml",
        None,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        parsed.items[0].pictures[0].href,
        "https://wire.example.com/getty/GYI0062134533.jpg"
    );
}

#[test]
fn a_package() {
    let Some(dir) = crate::testing::shared_data("newsml-g2") else {
        return;
    };
    let item = only_item(&dir.join("LISTING_6_Simple_NewsML-G2_Package.xml"));
    assert_eq!(
        item.guid,
        "tag:example.com,2008:UK-NEWS-TOPTEN:UK20081220098658"
    );
    assert_eq!(item.kind, WireKind::Composite);
    assert_eq!(item.headline, "UK");
    assert_eq!(item.provider, "AcmeNews");
    assert_eq!(item.language, "");
    // What the package holds, listed.
    assert!(item
        .body_html
        .starts_with("<ul>\n<li><strong>Obama annonce son équipe</strong>: Le rachat"));
    assert!(item
        .body_html
        .contains("<strong>Barack Obama arrive à Washington</strong>"));
    // Its picture is referred to by an id, not an address.
    assert!(item.pictures.is_empty());
}
