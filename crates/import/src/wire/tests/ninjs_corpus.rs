//! IPTC's own ninjs files: the examples of every version, the
//! documentation's examples and the conformance vectors that should pass,
//! and the NewsML 1 sources of the Business Wire examples.

use std::path::Path;

use serde_json::Value;

use super::{files_under, only_item, parse_file, refusal};
use crate::wire::{AltId, PubStatus, WireFormat, WireKind};

/// What a folder of files gave: items taken, files whose only item was
/// left out, files refused.
#[derive(Debug, Default, PartialEq, Eq)]
struct Tally {
    files: usize,
    items: usize,
    skipped: usize,
    refused: usize,
}

/// Whether a ninjs object has anything a headline could be made of.
fn has_nameable_text(path: &Path) -> bool {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
    let value: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let Some(map) = value.as_object() else {
        return true;
    };
    map.iter().any(|(k, v)| {
        let k = k.to_ascii_lowercase();
        ["headline", "title", "slugline", "body", "description"]
            .iter()
            .any(|p| k.starts_with(p))
            && has_words(v)
    })
}

/// Whether a value (a string, or a list of `{value}`) has a letter or digit.
fn has_words(value: &Value) -> bool {
    match value {
        Value::String(s) => s.chars().any(char::is_alphanumeric),
        Value::Array(list) => list.iter().any(|e| e.get("value").is_some_and(has_words)),
        _ => false,
    }
}

/// Parses every file of `dir` that `take` accepts; an item left out must
/// be one with nothing to call it by, said so in `skipped`.
fn tally(dir: &Path, take: impl Fn(&Path) -> bool) -> Tally {
    let mut tally = Tally::default();
    for path in files_under(dir).into_iter().filter(|p| take(p)) {
        tally.files += 1;
        match parse_file(&path) {
            Ok(parsed) => {
                tally.items += parsed.items.len();
                tally.skipped += parsed.skipped.len();
                for reason in &parsed.skipped {
                    assert!(
                        reason.ends_with(
                            "it has no headline and no text to take one from: not taken"
                        ),
                        "{}: {reason}",
                        path.display()
                    );
                    assert!(!has_nameable_text(&path), "{}: {reason}", path.display());
                }
                assert!(
                    !parsed.items.is_empty() || !parsed.skipped.is_empty(),
                    "{}: nothing taken and nothing said",
                    path.display()
                );
                for item in &parsed.items {
                    assert!(
                        !item.guid.is_empty() && !item.headline.is_empty(),
                        "{item:?}"
                    );
                }
            }
            Err(e) => {
                tally.refused += 1;
                // The only file of the examples that is not news: a JSON
                // Schema extending ninjs.
                assert!(
                    path.ends_with("schema-extension/extension-schema.json"),
                    "{} was refused: {e}",
                    path.display()
                );
                let (line, column, reason) = refusal(Err(e));
                assert_eq!((line, column), (1, 1));
                assert!(
                    reason.starts_with("this JSON is neither an IPTC ninjs document"),
                    "{reason}"
                );
            }
        }
    }
    tally
}

fn is_json_or_xml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "json" || e == "xml")
}

#[test]
fn every_example_parses() {
    let Some(ninjs) = crate::testing::shared_data("ninjs") else {
        return;
    };
    assert_eq!(
        tally(&ninjs.join("examples"), is_json_or_xml),
        Tally {
            files: 47,
            // The 3.0 collection holds 14 items; every other file one.
            items: 59,
            skipped: 0,
            refused: 1,
        }
    );
    // Each renditions example is a bare `{uri, bodies: ["..."],
    // renditions}` with nothing to call it by, and is left out, said so.
    assert_eq!(
        tally(
            &ninjs.join("documentation/includes/examples"),
            is_json_or_xml
        ),
        Tally {
            files: 23,
            items: 19,
            skipped: 4,
            refused: 0,
        }
    );
}

#[test]
fn every_conformance_vector_that_should_pass_parses() {
    let Some(ninjs) = crate::testing::shared_data("ninjs") else {
        return;
    };
    let suite = ninjs.join("validation/test_suite");
    let tally = tally(&suite, |p| {
        is_json_or_xml(p) && p.parent().is_some_and(|d| d.ends_with("should_pass"))
    });
    // Most vectors test one property on an item with no headline: those
    // are said to be left out; the rest are taken.
    assert_eq!(tally.files, tally.items + tally.skipped, "{tally:?}");
    assert_eq!(tally.refused, 0);
    assert_eq!((tally.files, tally.items), (158, 66), "{tally:?}");
}

#[test]
fn ninjs_1_x_fields() {
    let Some(ninjs) = crate::testing::shared_data("ninjs") else {
        return;
    };
    let item = only_item(&ninjs.join("examples/1.4/ninjsExComplex1.json"));
    assert_eq!(item.format, WireFormat::Ninjs);
    assert_eq!(
        item.guid,
        "http://ninjs.example.com/newsitems/20130709cplx123"
    );
    assert_eq!(item.kind, WireKind::Composite);
    assert_eq!(item.version, None);
    assert_eq!(
        item.headline,
        "Captain of wrecked cruise ship on trial in Italy"
    );
    assert_eq!(item.byline, "Paulo Santalucia and Frances d'Emilio");
    assert_eq!(item.language, "en");
    assert_eq!(
        item.copyright,
        "Copyright 2013 The News Agency, www.tna.org - all rights reserved."
    );
    // body_xhtml is preferred to body_text.
    assert!(
        item.body_html.starts_with("<p>GROSSETO, Italy (AP)"),
        "{}",
        item.body_html
    );
    assert_eq!(item.version_created, Some(1_373_366_220));
    // The associated picture, its largest rendition, captioned.
    assert_eq!(item.pictures.len(), 1);
    let picture = &item.pictures[0];
    assert_eq!(
        picture.href,
        "http://hosted.ap.org/photos/2/2643c588-dc8d-4923-bebd-e3b904edbb3a-big.jpg"
    );
    assert_eq!((picture.width, picture.height), (Some(429), Some(281)));
    assert!(picture
        .caption
        .starts_with("The Costa Concordia cruise ship lies on its side"));
    assert_eq!(picture.credit, "Paulo Santalucia");

    // A Business Wire release: a logo (graphic) is a picture, a video is not.
    let item = only_item(&ninjs.join("examples/1.4/businesswire-newsml-20130731006140.json"));
    assert_eq!(item.version, Some(1));
    assert_eq!(item.subjects.len(), 10);
    assert_eq!(item.subjects[0], "Other Consumer");
    assert_eq!(item.pictures.len(), 1);
    assert!(item.pictures[0].href.ends_with("/AB_LOGO_webready.jpg"));

    // 1.4's new properties, `altids` as an object.
    let item = only_item(&ninjs.join("examples/1.4/ninjs-1-4-examples.json"));
    assert_eq!(item.headline, "Test of three new properties");
    assert_eq!(item.alt_ids.len(), 11);
    assert!(item.alt_ids.contains(&AltId {
        kind: "itemid".into(),
        value: "(ap):f40b0304-0454-4ba2-a84d-686378279ba4".into(),
    }));
    assert_eq!(item.first_created, Some(1_650_544_496));

    // 1.6's patterned names: headline_main, body_main.
    let item =
        only_item(&ninjs.join("documentation/includes/examples/1.6/001_simple_example.json"));
    assert_eq!(
        item.headline,
        "Captain of wrecked cruise ship on trial in Italy"
    );
    assert!(
        item.body_html.starts_with("<p>GROSSETO"),
        "{}",
        item.body_html
    );
}

#[test]
fn ninjs_2_x_fields() {
    let Some(ninjs) = crate::testing::shared_data("ninjs") else {
        return;
    };
    let item = only_item(&ninjs.join("examples/2.1/tt_text_image_2.json"));
    assert_eq!(
        item.guid,
        "http://tt.se/media/text/210526-militarovning-a0f2d045"
    );
    assert_eq!(item.version, Some(1));
    assert_eq!(item.headline, "Militärövning i jätteformat hålls 2023");
    assert_eq!(item.language, "sv");
    assert_eq!(item.urgency, Some(3));
    assert_eq!(item.pub_status, PubStatus::Usable);
    assert_eq!(item.credit, "TT");
    assert_eq!(item.subjects, ["Krig, konflikter och oroligheter"]);
    assert_eq!(
        item.alt_ids,
        [AltId {
            kind: "originaltransmissionreference".into(),
            value: "a0f2d045-1058-46d1-9f9a-ad80ed1bc86f".into(),
        }]
    );
    // The HTML body, not the plain or TTNITF one, without its <head>.
    assert!(
        item.body_html.starts_with("<article>"),
        "{}",
        item.body_html
    );
    assert!(!item.body_html.contains("<title>"));
    // The person mentioned is not the author.
    assert_eq!(item.byline, "");
    let picture = &item.pictures[0];
    assert!(picture.href.ends_with("/a001_NormalHires.jpg"));
    assert_eq!(picture.width, Some(4724));
    assert_eq!(picture.credit, "Karl Melander/TT");

    let item = only_item(&ninjs.join("examples/2.1/ap_image.json"));
    assert_eq!(item.kind, WireKind::Picture);
    assert_eq!(item.version, Some(0));
    assert_eq!(item.urgency, Some(5));
    // The creditline description is the credit, the caption the lead.
    assert_eq!(item.credit, "ASSOCIATED PRESS");
    assert!(item
        .lead
        .starts_with("FILE - In this Monday, Nov. 11, 2019 file photo"));
    assert_eq!(item.first_created, Some(1_573_825_199));
    assert_eq!(item.pictures.len(), 1);
    assert_eq!(item.pictures[0].mime, "image/jpeg");

    let item = only_item(&ninjs.join("validation/test_suite/2.1/should_pass/004_headlines.json"));
    assert_eq!(item.headline, "Test of headline property");
}

#[test]
fn ninjs_3_x_fields() {
    let Some(ninjs) = crate::testing::shared_data("ninjs") else {
        return;
    };
    // camelCase names: versionCreated, copyrightHolder, pubStatus.
    let item = only_item(&ninjs.join("examples/3.0/dpa_text.json"));
    assert_eq!(item.guid, "urn:newsml:dpa.com:20090101:190510-99-167362");
    assert_eq!(item.version, Some(2));
    assert_eq!(
        item.headline,
        "Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?"
    );
    assert_eq!(item.byline, "Von Christian Hollmann, dpa");
    assert_eq!(item.credit, "dpa");
    assert_eq!(item.language, "de");
    assert_eq!(item.urgency, Some(4));
    assert!(item.body_html.contains("<p>Für Lucien Favre"));

    let item = only_item(&ninjs.join("examples/3.0/ntb_text.json"));
    assert_eq!((item.version, item.language.as_str()), (Some(6), "nb-NO"));
    assert_eq!(item.headline, "Google har kjøpt giganttomt i Skien");

    let item = only_item(&ninjs.join("examples/3.0/tt_text_image_3.json"));
    assert_eq!(item.alt_ids.len(), 1);
    assert_eq!(item.pictures.len(), 1);

    // A collection: the array of events it holds, each taken.
    let parsed =
        super::parsed(&ninjs.join("examples/3.0/collection/20231016-event-timeline-sample.json"));
    assert_eq!(parsed.items.len(), 14);
    assert_eq!(parsed.items[0].guid, "https://iptc.org/example/uri/1");
    assert_eq!(
        parsed.items[0].headline,
        "Athlete uses medicine containing prohibited substance"
    );

    // An event is not text.
    let item = only_item(&ninjs.join("examples/3.0/tt_event_pressconference_3.0.json"));
    assert_eq!(item.kind, WireKind::Other);
    assert_eq!(item.urgency, Some(1));

    let item = only_item(&ninjs.join("documentation/includes/examples/3.1/007_multimedia.json"));
    assert_eq!(item.kind, WireKind::Composite);
    assert_eq!(item.pictures.len(), 2);
    assert!(item.pictures[1]
        .caption
        .starts_with("Francesco Schettino the captain"));
    assert_eq!(
        item.copyright,
        "Copyright 2013 The News Agency, www.tnag.org - all rights reserved."
    );
}

#[test]
fn items_with_nothing_to_call_them_are_left_out_said_so() {
    let Some(ninjs) = crate::testing::shared_data("ninjs") else {
        return;
    };
    let parsed =
        super::parsed(&ninjs.join("validation/test_suite/1.0/should_pass/001_simplest_file.json"));
    assert!(parsed.items.is_empty());
    assert_eq!(
        parsed.skipped,
        ["item 1 (ninjs_test_suite_001): it has no headline and no text to take one from: not taken"]
    );
}

#[test]
fn newsml_1_sources_of_the_business_wire_examples() {
    let Some(ninjs) = crate::testing::shared_data("ninjs") else {
        return;
    };
    let item = only_item(&ninjs.join("examples/NewsML/businesswire-newsml-20130731006140.xml"));
    assert_eq!(item.format, WireFormat::Newsml1);
    assert_eq!(
        item.guid,
        "urn:newsml:businesswire.com:20010714:20130731006140"
    );
    assert_eq!(item.version, Some(1));
    assert_eq!(
        item.headline,
        "Lunch Taking a Toll? Let Applebee’s® Industrial Strength Lunch Decoy Stand In"
    );
    assert!(item.lead.starts_with("With a Year’s Worth of Lunch Combos"));
    assert!(item
        .body_html
        .starts_with("<p>With more Applebee’s<sup>®</sup> Lunch Combos"));
    assert!(item
        .body_html
        .contains("<ul><li>The<b> Classic Turkey Breast Sandwich </b>"));
    // The contact and the style sheet are not the text.
    assert!(!item.body_html.contains("bwalignc") && !item.body_html.contains("Chase Wagner"));
    assert_eq!(item.language, "en");
    assert_eq!(item.provider, "Business Wire");
    assert_eq!(item.credit, "Business Wire");
    assert_eq!(item.copyright, "Copyright Business Wire 2013");
    assert_eq!(item.first_created, Some(1_375_284_720));
    assert!(item.subjects.contains(&"Restaurant/Bar".to_owned()));
    // The logo is a picture (its largest rendition); the video's stills are not.
    assert_eq!(item.pictures.len(), 1);
    assert!(item.pictures[0].href.ends_with("/AB_LOGO_webready.jpg"));
    assert_eq!(item.pictures[0].width, Some(216));
}
