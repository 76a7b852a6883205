//! A parsed item as the queue keeps it: the body sanitised (wire HTML is
//! someone else's markup), the lists as JSON, and the content key that
//! recognises the same copy arriving under another id or from another
//! source.

use dateline_store::wires::{IncomingWireItem, WireContent};
use sha2::{Digest, Sha256};

use crate::html;
use crate::wire::{AltId, WireItem, WirePicture};

/// Sanitised body HTML: text structure and links only (no scripts, styles,
/// frames, forms or remote pictures, which the preview must not load).
pub fn body_html(raw: &str) -> String {
    ammonia::Builder::default()
        .rm_tags(["img", "picture", "source", "video", "audio"])
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(raw)
        .to_string()
}

/// The same copy, whatever its id: the folded headline and body words.
pub fn content_key(headline: &str, body_text: &str) -> String {
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let mut hash = Sha256::new();
    hash.update(fold(headline).as_bytes());
    hash.update([0]);
    hash.update(fold(body_text).as_bytes());
    hex::encode(hash.finalize())
}

/// `item` as the store takes it.
pub fn incoming(item: &WireItem) -> IncomingWireItem {
    let body = body_html(&item.body_html);
    let body_text = html::to_text(&body);
    IncomingWireItem {
        guid: item.guid.clone(),
        version: item.version,
        content_key: content_key(&item.headline, &body_text),
        body_text,
        content: WireContent {
            format: item.format.as_str().to_owned(),
            kind: item.kind.as_str().to_owned(),
            pub_status: item.pub_status.as_str().to_owned(),
            headline: item.headline.clone(),
            lead: item.lead.clone(),
            body_html: body,
            byline: item.byline.clone(),
            credit: item.credit.clone(),
            copyright: item.copyright.clone(),
            usage_terms: item.usage_terms.clone(),
            language: item.language.clone(),
            urgency: item.urgency.map(i64::from),
            subjects: to_json(&item.subjects),
            link: item.link.clone(),
            pictures: to_json(&item.pictures),
            alt_ids: to_json(&item.alt_ids),
            provider: item.provider.clone(),
            first_created: item.first_created,
            version_created: item.version_created,
            embargoed_until: item.embargoed_until,
        },
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".to_owned())
}

/// The pictures a stored item lists.
pub fn pictures_of(json: &str) -> Vec<WirePicture> {
    serde_json::from_str(json).unwrap_or_default()
}

/// The provider's other ids a stored item (or draft) lists.
pub fn alt_ids_of(json: &str) -> Vec<AltId> {
    serde_json::from_str(json).unwrap_or_default()
}

/// The subjects a stored item lists.
pub fn subjects_of(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_copy_has_the_same_key_whatever_its_spacing_and_case() {
        assert_eq!(
            content_key("Flood  warning", "Rivers rise.\n\nRoads close."),
            content_key("flood warning", "Rivers rise. Roads close.")
        );
        assert_ne!(
            content_key("Flood warning", "Rivers rise."),
            content_key("Flood warning", "Rivers fall.")
        );
    }

    #[test]
    fn wire_markup_is_sanitised() {
        let clean = body_html(
            "<p onclick=\"x()\">Text <a href=\"https://example.org/\">link</a></p>\
             <script>alert(1)</script><img src=\"https://tracker.example/p.gif\"><iframe src=\"x\"></iframe>",
        );
        assert!(clean.contains("<p>Text <a href=\"https://example.org/\" rel=\"noopener noreferrer nofollow\">link</a></p>"), "{clean}");
        assert!(
            !clean.contains("script") && !clean.contains("img") && !clean.contains("iframe"),
            "{clean}"
        );
    }
}
