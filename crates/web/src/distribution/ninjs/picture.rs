//! A public picture as a ninjs `picture` item: caption and alternative
//! text, credit, copyright and source, the day it entered the bank, its
//! media-bank page and every rendition (address, width, height, type,
//! size). The same item is a story's association.

use dateline_store::MediaAsset;

use super::model::{date_time, InfoSource, Item, Rendition, Text};
use super::{NinjsDocument, NinjsVersion, Publisher};
use crate::error::ApiError;
use crate::urls::picture_tag;

/// The ninjs document of a picture readers may see (the caller checks).
pub(crate) fn picture(
    asset: &MediaAsset,
    publisher: &Publisher<'_>,
    version: NinjsVersion,
) -> Result<NinjsDocument, ApiError> {
    NinjsDocument::new(&item(asset, publisher), version)
}

pub(super) fn item(asset: &MediaAsset, publisher: &Publisher<'_>) -> Item {
    let urls = publisher.urls();
    let edition = asset
        .edition_id
        .and_then(|id| publisher.editions.iter().find(|e| e.id == id));
    let descriptions = [("caption", &asset.caption), ("alt", &asset.alt_text)]
        .into_iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(role, text)| Text::plain(role, text.clone()))
        .collect();
    let files = asset.renditions.iter().map(|r| Rendition {
        // Unique per picture: the shape (or the crop's own proportions),
        // the format and the width.
        name: format!(
            "{}-{}-{}",
            r.shape.map_or("crop", |s| s.as_str()),
            r.format.as_str(),
            r.width
        ),
        href: urls.media_file(&r.storage_key),
        content_type: r.format.mime().to_owned(),
        width: Some(r.width),
        height: Some(r.height),
        size_in_bytes: Some(r.byte_size),
    });
    let page = edition.map(|e| Rendition {
        name: "html".to_owned(),
        href: urls.media_page(&e.code, asset.id),
        content_type: "text/html".to_owned(),
        width: None,
        height: None,
        size_in_bytes: None,
    });
    Item {
        uri: picture_tag(publisher.base_url, asset.created_at, asset.id),
        kind: "picture",
        representation_type: Some("full"),
        first_created: Some(date_time(asset.created_at)),
        pub_status: Some("usable"),
        copyright_notice: non_empty(&asset.copyright),
        language: edition.map(|e| e.language.to_string()),
        descriptions,
        by: non_empty(&asset.credit),
        info_sources: non_empty(&asset.source)
            .map(|name| InfoSource {
                name,
                role: "source",
            })
            .into_iter()
            .collect(),
        renditions: files.chain(page).collect(),
        ..Item::default()
    }
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}
