//! A public picture as a NewsML-G2 picture `newsItem`: its copyright, its
//! caption, alternative text and credit, and one `remoteContent` per
//! rendition of the whole picture (address, type, size in pixels and bytes).
//! Originals are never offered, as on the site.

use std::io;

use dateline_store::{Edition, MediaAsset};

use super::{
    catalog_ref, described, document, item_root, party, picture_guid, qcode, text, time,
    whole_renditions, Provider, Xml,
};

/// The picture's `newsItem`. `edition` is the one the asset is filed
/// under, which gives its language and media-bank page.
///
/// Pictures have no version counter of their own, so every picture item
/// is version 1, dated from the upload.
pub(crate) fn picture_item(
    asset: &MediaAsset,
    edition: Option<&Edition>,
    provider: Provider<'_>,
) -> io::Result<String> {
    let guid = picture_guid(provider.base_url, asset);
    let language = edition.map(|e| e.language.to_string());
    document(|xml| {
        item_root(xml, "newsItem", &guid, 1, language.as_deref()).write_inner_content(|xml| {
            catalog_ref(xml)?;
            if !asset.copyright.is_empty() {
                xml.create_element("rightsInfo")
                    .write_inner_content(|xml| text(xml, "copyrightNotice", &asset.copyright))?;
            }
            item_meta(xml, asset, edition, provider)?;
            content_meta(xml, asset, language.as_deref())?;
            xml.create_element("contentSet")
                .write_inner_content(|xml| remote_contents(xml, asset, provider))?;
            Ok(())
        })?;
        Ok(())
    })
}

fn item_meta(
    xml: &mut Xml,
    asset: &MediaAsset,
    edition: Option<&Edition>,
    provider: Provider<'_>,
) -> io::Result<()> {
    xml.create_element("itemMeta").write_inner_content(|xml| {
        qcode(xml, "itemClass", "ninat:picture")?;
        party(xml, "provider", &provider.uri(), provider.name)?;
        time(xml, "versionCreated", asset.created_at)?;
        time(xml, "firstCreated", asset.created_at)?;
        qcode(xml, "pubStatus", "stat:usable")?;
        if let Some(edition) = edition {
            let page = provider.urls().media_page(&edition.code, asset.id);
            xml.create_element("link")
                .with_attribute(("rel", "irel:seeAlso"))
                .with_attribute(("href", page.as_str()))
                .with_attribute(("contenttype", "text/html"))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn content_meta(xml: &mut Xml, asset: &MediaAsset, language: Option<&str>) -> io::Result<()> {
    xml.create_element("contentMeta")
        .write_inner_content(|xml| {
            time(xml, "contentCreated", asset.created_at)?;
            if !asset.source.is_empty() {
                xml.create_element("infoSource")
                    .write_inner_content(|xml| text(xml, "name", &asset.source))?;
            }
            if let Some(tag) = language {
                xml.create_element("language")
                    .with_attribute(("tag", tag))
                    .write_empty()?;
            }
            if !asset.credit.is_empty() {
                text(xml, "creditline", &asset.credit)?;
            }
            described(xml, "drol:caption", &asset.caption)?;
            described(xml, "drol:altText", &asset.alt_text)
        })?;
    Ok(())
}

/// One `remoteContent` per file readers may fetch, smallest first within
/// each format.
fn remote_contents(xml: &mut Xml, asset: &MediaAsset, provider: Provider<'_>) -> io::Result<()> {
    let urls = provider.urls();
    for file in whole_renditions(asset) {
        let href = urls.media_file(&file.storage_key);
        let (width, height) = (file.width.to_string(), file.height.to_string());
        let size = file.byte_size.to_string();
        xml.create_element("remoteContent")
            .with_attribute(("href", href.as_str()))
            .with_attribute(("contenttype", file.format.mime()))
            .with_attribute(("size", size.as_str()))
            .with_attribute(("width", width.as_str()))
            .with_attribute(("height", height.as_str()))
            .write_empty()?;
    }
    Ok(())
}
