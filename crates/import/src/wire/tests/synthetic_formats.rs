//! Files written here for what the corpora do not show: feeds without
//! ids, dates with named zones, Atom's XHTML, JSON Feed's plain text,
//! RSS 1.0, a NewsML-G2 message of several items, ninjs odd cases.

use super::{parse_text, parsed_text};
use crate::wire::{parse, AltId, PubStatus, WireFormat, WireKind};

/// 2021-02-25T10:15:00Z.
const T: i64 = 1_614_248_100;

fn rss_item(item: &str) -> String {
    format!(
        "<rss version=\"2.0\"><channel><title>Test &amp; Co</title><link>https://news.example.com/</link>\
         <language>fr-FR</language><copyright>© Test</copyright>{item}</channel></rss>"
    )
}

#[test]
fn a_feed_item_without_a_guid_gets_a_stable_one() {
    let feed = rss_item(
        "<item><title>Same</title><pubDate>Thu, 25 Feb 2021 10:15:00 GMT</pubDate></item>",
    );
    let first = parsed_text(&feed).items.remove(0);
    let again = parsed_text(&feed).items.remove(0);
    assert_eq!(first.guid, again.guid);
    assert!(first.guid.starts_with("urn:dateline:feed-item:"));
    // Another title or date is another item.
    let other = parsed_text(&rss_item(
        "<item><title>Other</title><pubDate>Thu, 25 Feb 2021 10:15:00 GMT</pubDate></item>",
    ))
    .items
    .remove(0);
    assert_ne!(other.guid, first.guid);
    // With a link and no guid, the link is the id; a relative link is
    // resolved against the channel's.
    let linked = parsed_text(&rss_item(
        "<item><title>L</title><link>/2021/story</link></item>",
    ))
    .items
    .remove(0);
    assert_eq!(linked.guid, "https://news.example.com/2021/story");
    assert_eq!(linked.link, "https://news.example.com/2021/story");
    assert_eq!(linked.language, "fr-FR");
    assert_eq!(linked.provider, "Test & Co");
    assert_eq!(linked.credit, "Test & Co");
    assert_eq!(linked.copyright, "© Test");
}

#[test]
fn rfc_2822_dates_with_named_zones() {
    for (date, expected) in [
        ("Thu, 25 Feb 2021 05:15:00 EST", T),
        ("Thu, 25 Feb 2021 02:15:00 PST", T),
        ("Thu, 25 Feb 2021 10:15:00 UT", T),
        ("25 Feb 2021 11:15 CET", T),
        ("Thursday, 25 February 2021 10:15:00 GMT", T),
        ("2021-02-25T10:15:00Z", T),
    ] {
        let item = parsed_text(&rss_item(&format!(
            "<item><guid>g</guid><title>t</title><pubDate>{date}</pubDate></item>"
        )))
        .items
        .remove(0);
        assert_eq!(item.first_created, Some(expected), "{date}");
    }
    // An unreadable date costs the date, not the item.
    let item = parsed_text(&rss_item(
        "<item><guid>g</guid><title>t</title><pubDate>soon</pubDate></item>",
    ))
    .items
    .remove(0);
    assert_eq!(item.first_created, None);
}

#[test]
fn rss_items_with_html_titles_categories_and_media() {
    let feed = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:m="http://search.yahoo.com/mrss/" xmlns:c="http://purl.org/rss/1.0/modules/content/" xmlns:d="http://purl.org/dc/elements/1.1/">
<channel><title>Wire</title><link>https://wire.example.com/</link>
<item>
  <title>&lt;b&gt;Storm&lt;/b&gt; hits &amp;amp; floods</title>
  <guid isPermaLink="false">storm-1</guid>
  <description><![CDATA[<p>Short <em>summary</em></p>]]></description>
  <c:encoded><![CDATA[<p>Full text.</p>]]></c:encoded>
  <author>desk@example.com (Ann Reporter)</author>
  <d:creator>Bo Writer</d:creator>
  <category>Weather</category><category>Weather</category><d:subject>Floods</d:subject>
  <enclosure url="/img/storm.jpg" type="image/jpeg" length="1"/>
  <enclosure url="https://wire.example.com/a.mp3" type="audio/mpeg" length="1"/>
  <m:group>
    <m:content url="https://cdn.example.com/s.jpg" medium="image" width="320" height="200"/>
    <m:content url="https://cdn.example.com/l.jpg" medium="image" width="1280" height="800"/>
    <m:description>Water in the streets</m:description>
    <m:credit>Jo Photographer</m:credit>
  </m:group>
  <m:thumbnail url="file:///etc/thumb.jpg"/>
</item>
</channel></rss>"#;
    let item = parsed_text(feed).items.remove(0);
    assert_eq!(item.headline, "Storm hits & floods");
    assert_eq!(item.lead, "Short summary");
    assert_eq!(item.body_html, "<p>Full text.</p>");
    assert_eq!(item.byline, "Ann Reporter, Bo Writer");
    assert_eq!(item.subjects, ["Weather", "Floods"]);
    let hrefs: Vec<&str> = item.pictures.iter().map(|p| p.href.as_str()).collect();
    // The group's largest content, then the image enclosure (resolved);
    // not the audio, not the file: thumbnail.
    assert_eq!(
        hrefs,
        [
            "https://cdn.example.com/l.jpg",
            "https://wire.example.com/img/storm.jpg"
        ]
    );
    assert_eq!(item.pictures[0].caption, "Water in the streets");
    assert_eq!(item.pictures[0].credit, "Jo Photographer");
    assert_eq!(item.pictures[0].width, Some(1280));
}

#[test]
fn rss_1_0() {
    let feed = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.org/rss"><title>RDF Wire</title><link>https://example.org/</link><dc:language>it</dc:language></channel>
  <item rdf:about="https://example.org/a"><title>Primo</title><link>https://example.org/a</link>
    <description>Testo breve.</description><dc:date>2021-02-25T11:15:00+01:00</dc:date><dc:creator>Ada</dc:creator></item>
  <item rdf:about="https://example.org/b"><title>Secondo</title><link>https://example.org/b</link></item>
</rdf:RDF>"#;
    let parsed = parsed_text(feed);
    assert_eq!(parsed.format, WireFormat::Rss);
    assert_eq!(parsed.items.len(), 2);
    let item = &parsed.items[0];
    assert_eq!(item.guid, "https://example.org/a");
    assert_eq!(item.headline, "Primo");
    assert_eq!(item.body_html, "<p>Testo breve.</p>");
    assert_eq!(item.language, "it");
    assert_eq!(item.byline, "Ada");
    assert_eq!(item.first_created, Some(T));
    assert_eq!(item.provider, "RDF Wire");
}

#[test]
fn an_atom_feed_with_xhtml_content() {
    let feed = r#"<?xml version="1.0" encoding="utf-8"?>
<a:feed xmlns:a="http://www.w3.org/2005/Atom" xml:lang="en-GB" xml:base="https://blog.example.com/">
  <a:title type="html">Example &amp;amp; Sons</a:title>
  <a:id>urn:feed</a:id><a:updated>2021-02-25T10:15:00Z</a:updated>
  <a:author><a:name>Feed Author</a:name></a:author>
  <a:rights>© Example</a:rights>
  <a:link rel="alternate" href="https://blog.example.com/"/>
  <a:entry xml:lang="de">
    <a:id>tag:example.com,2021:1</a:id>
    <a:title type="text">Less &lt; more</a:title>
    <a:link rel="alternate" type="text/html" href="posts/1"/>
    <a:link rel="enclosure" type="image/png" href="img/1.png" title="A chart"/>
    <a:link rel="enclosure" type="audio/mpeg" href="a.mp3"/>
    <a:published>2021-02-25T10:15:00Z</a:published>
    <a:updated>2021-02-26T10:15:00Z</a:updated>
    <a:category term="politics" label="Politik"/><a:category term="eu"/>
    <a:summary>Short.</a:summary>
    <a:content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First <strong>bold</strong> <a href="/x">link</a>.</p><ul><li>one</li></ul></div></a:content>
  </a:entry>
  <a:entry><a:id>tag:example.com,2021:2</a:id><a:title>Two</a:title>
    <a:author><a:name>Own Author</a:name></a:author>
    <a:content type="html">&lt;p&gt;Escaped &lt;b&gt;HTML&lt;/b&gt;&lt;/p&gt;</a:content></a:entry>
</a:feed>"#;
    let parsed = parsed_text(feed);
    assert_eq!(parsed.format, WireFormat::Atom);
    assert_eq!(parsed.items.len(), 2);
    let item = &parsed.items[0];
    assert_eq!(item.guid, "tag:example.com,2021:1");
    assert_eq!(item.headline, "Less < more");
    assert_eq!(item.lead, "Short.");
    assert_eq!(
        item.body_html,
        "<p>First <strong>bold</strong> <a href=\"https://blog.example.com/x\">link</a>.</p>\n<ul><li>one</li></ul>"
    );
    assert_eq!(item.link, "https://blog.example.com/posts/1");
    assert_eq!(item.language, "de");
    assert_eq!(item.byline, "Feed Author");
    assert_eq!(item.copyright, "© Example");
    assert_eq!(item.provider, "Example & Sons");
    assert_eq!(item.subjects, ["Politik", "eu"]);
    assert_eq!(item.first_created, Some(T));
    assert_eq!(item.version_created, Some(T + 86_400));
    assert_eq!(item.pictures.len(), 1);
    assert_eq!(item.pictures[0].href, "https://blog.example.com/img/1.png");
    assert_eq!(item.pictures[0].caption, "A chart");
    let second = &parsed.items[1];
    assert_eq!(second.body_html, "<p>Escaped <b>HTML</b></p>");
    assert_eq!(second.byline, "Own Author");
    assert_eq!(second.language, "en-GB");

    // A lone entry.
    let entry = parsed_text(
        "<entry xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:e</id><title>Alone</title>\
         <summary>Only a summary.</summary></entry>",
    );
    assert_eq!(entry.format, WireFormat::Atom);
    assert_eq!(entry.items[0].headline, "Alone");
    assert_eq!(entry.items[0].body_html, "<p>Only a summary.</p>");
}

#[test]
fn a_json_feed_with_plain_text() {
    let feed = r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Micro",
  "home_page_url": "https://micro.example.com/",
  "language": "nl",
  "authors": [{"name": "Feed Person"}],
  "items": [
    {"id": 42, "content_text": "No title here, just a post that goes on for a while longer than twelve words do.\n\nSecond <para>.",
     "url": "/42", "tags": ["a", "b"], "date_published": "2021-02-25T10:15:00Z",
     "attachments": [{"url": "/p.jpg", "mime_type": "image/jpeg", "title": "Pic"}, {"url": "/a.mp3", "mime_type": "audio/mpeg"}]},
    {"id": "x", "title": "With summary", "summary": "Sum.", "content_html": "<p>Full</p>",
     "authors": [{"name": "Own"}], "language": "de"},
    {"title": "No id, no url"},
    "not an object"
  ]
}"#;
    let parsed = parsed_text(feed);
    assert_eq!(parsed.format, WireFormat::JsonFeed);
    assert_eq!(parsed.items.len(), 3);
    let item = &parsed.items[0];
    assert_eq!(item.guid, "42");
    assert_eq!(
        item.headline,
        "No title here, just a post that goes on for a while…"
    );
    assert_eq!(
        item.body_html,
        "<p>No title here, just a post that goes on for a while longer than twelve words do.</p>\n<p>Second &lt;para&gt;.</p>"
    );
    assert_eq!(item.link, "https://micro.example.com/42");
    assert_eq!(item.subjects, ["a", "b"]);
    assert_eq!(item.language, "nl");
    assert_eq!(item.byline, "Feed Person");
    assert_eq!(item.first_created, Some(T));
    assert_eq!(item.pictures.len(), 1);
    assert_eq!(item.pictures[0].href, "https://micro.example.com/p.jpg");
    let second = &parsed.items[1];
    assert_eq!(
        (second.lead.as_str(), second.body_html.as_str()),
        ("Sum.", "<p>Full</p>")
    );
    assert_eq!(
        (second.byline.as_str(), second.language.as_str()),
        ("Own", "de")
    );
    assert!(parsed.items[2].guid.starts_with("urn:dateline:feed-item:"));
    assert_eq!(
        parsed.skipped,
        ["item 4: it is not a JSON object: not taken"]
    );
}

#[test]
fn a_newsml_g2_message_with_two_items() {
    let message = r#"<?xml version="1.0" encoding="UTF-8"?>
<nar:newsMessage xmlns:nar="http://iptc.org/std/nar/2006-10-01/" xmlns:h="http://www.w3.org/1999/xhtml">
  <nar:header><nar:sent>2021-02-25T10:15:00Z</nar:sent></nar:header>
  <nar:itemSet>
    <nar:newsItem guid="urn:wire:1" version="3" xml:lang="fr">
      <nar:itemMeta><nar:itemClass qcode="ninat:text"/><nar:provider literal="Agence Test"/>
        <nar:versionCreated>2021-02-25T10:15:00Z</nar:versionCreated><nar:pubStatus qcode="stat:canceled"/>
        <nar:link rel="irel:seeAlso" href="https://agence.example.com/1" contenttype="text/html"/></nar:itemMeta>
      <nar:contentMeta><nar:urgency>2</nar:urgency><nar:by>Par Jeanne</nar:by><nar:creditline>AT</nar:creditline>
        <nar:altId type="idType:ref">REF-1</nar:altId>
        <nar:headline role="hld:short">Court</nar:headline><nar:headline>Titre principal</nar:headline>
        <nar:description role="drol:caption">Légende</nar:description><nar:description role="drol:summary">Résumé</nar:description>
        <nar:subject qcode="medtop:01000000"/><nar:subject literal="Lit"/></nar:contentMeta>
      <nar:contentSet><nar:inlineXML contenttype="application/xhtml+xml">
        <h:html><h:head><h:title>x</h:title></h:head><h:body><h:p>Texte <h:em>ici</h:em>.</h:p></h:body></h:html>
      </nar:inlineXML></nar:contentSet>
    </nar:newsItem>
    <nar:conceptItem guid="urn:concept" version="1"/>
    <nar:newsItem guid="urn:wire:2">
      <nar:itemMeta><nar:itemClass qcode="ninat:video"/><nar:title>Only a title</nar:title></nar:itemMeta>
      <nar:contentSet><nar:inlineData contenttype="text/plain">Line one

Line two &amp; more</nar:inlineData></nar:contentSet>
    </nar:newsItem>
  </nar:itemSet>
</nar:newsMessage>"#;
    let parsed = parsed_text(message);
    assert_eq!(parsed.format, WireFormat::NewsmlG2);
    assert_eq!(parsed.items.len(), 2);
    assert_eq!(
        parsed.skipped,
        ["item 2 (urn:concept): NewsML-G2 <conceptItem> holds no news: not taken"]
    );
    let first = &parsed.items[0];
    assert_eq!(
        (first.guid.as_str(), first.version),
        ("urn:wire:1", Some(3))
    );
    assert_eq!(first.kind, WireKind::Text);
    assert_eq!(first.pub_status, PubStatus::Canceled);
    assert_eq!(first.headline, "Titre principal");
    assert_eq!(first.lead, "Résumé");
    assert_eq!(first.body_html, "<p>Texte <em>ici</em>.</p>");
    assert_eq!(first.byline, "Par Jeanne");
    assert_eq!(
        (first.credit.as_str(), first.provider.as_str()),
        ("AT", "Agence Test")
    );
    assert_eq!(first.language, "fr");
    assert_eq!(first.urgency, Some(2));
    assert_eq!(first.subjects, ["01000000", "Lit"]);
    assert_eq!(first.link, "https://agence.example.com/1");
    assert_eq!(
        first.alt_ids,
        [AltId {
            kind: "idType:ref".into(),
            value: "REF-1".into()
        }]
    );
    assert_eq!(first.version_created, Some(T));
    let second = &parsed.items[1];
    assert_eq!((second.kind, second.version), (WireKind::Video, Some(1)));
    assert_eq!(second.headline, "Only a title");
    assert_eq!(
        second.body_html,
        "<p>Line one</p>\n<p>Line two &amp; more</p>"
    );
}

#[test]
fn ninjs_odd_cases() {
    // A list of items; versions as numbers; urgency out of range; an
    // item of another kind; one with no uri.
    let list = r#"[
      {"uri": "urn:a", "version": 7, "type": "planning", "headline": "A", "urgency": 12, "pubstatus": "withheld",
       "embargoed": "2021-02-25T10:15:00Z", "copyrightholder": {"name": "Holder Ltd"}},
      {"headline": "no uri"},
      {"uri": "urn:c", "headlines": [{"role": "sub", "value": "Sub"}, {"value": "Main one"}],
       "descriptions": [{"role": "creditline", "value": "CR"}, {"role": "summary", "contentType": "text/html", "value": "<p>Sum &amp; more</p>"}],
       "people": [{"name": "Writer", "rel": "author"}, {"name": "Mentioned", "rel": "about"}],
       "links": [{"href": "https://x.example.com/c", "contenttype": "text/html"}]}
    ]"#;
    let parsed = parsed_text(list);
    assert_eq!(parsed.format, WireFormat::Ninjs);
    assert_eq!(parsed.items.len(), 2);
    assert_eq!(
        parsed.skipped,
        ["item 2: it has no identifier (guid): not taken"]
    );
    let a = &parsed.items[0];
    assert_eq!(
        (a.version, a.kind, a.urgency),
        (Some(7), WireKind::Other, None)
    );
    assert_eq!(a.pub_status, PubStatus::Withheld);
    assert_eq!(a.embargoed_until, Some(T));
    assert_eq!(
        (a.credit.as_str(), a.copyright.as_str()),
        ("Holder Ltd", "Holder Ltd")
    );
    let c = &parsed.items[1];
    assert_eq!(c.headline, "Main one");
    assert_eq!(c.lead, "Sum & more");
    assert_eq!(c.credit, "CR");
    assert_eq!(c.byline, "Writer");
    assert_eq!(c.link, "https://x.example.com/c");
    // A collection object holding items.
    let wrapped = parsed_text(r#"{"items": [{"uri": "urn:w", "headline": "Wrapped"}]}"#);
    assert_eq!(wrapped.items[0].headline, "Wrapped");
    // A ninjs item fetched from the web: relative renditions resolve.
    let picture = parse(
        br#"{"uri": "urn:p", "type": "picture", "headline": "P", "renditions": {"big": {"href": "p.jpg", "width": 10, "height": 10}}}"#,
        "https://api.example.com/items/p.json",
        None,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        picture.items[0].pictures[0].href,
        "https://api.example.com/items/p.jpg"
    );
    assert!(parse_text("[]").is_err());
}
