//! A story and its lead picture as one NewsML-G2 `packageItem`: a single
//! main group referring to the story's text item and, when it has one, its
//! lead picture's item, each by its `guid` and its address in the Content
//! API. The package takes the story's version, so a correction gives a
//! new version of the package too.

use std::io;

use dateline_domain::UnixTime;

use super::news_item::{rights, story_guid};
use super::{
    catalog_ref, described, document, item_root, party, picture_guid, qcode, text, time, Provider,
    Xml, NEWS_ITEM_TYPE,
};
use crate::distribution::Story;
use crate::urls::tag_uri;

/// The story's `packageItem`.
pub(crate) fn package_item(story: &Story, provider: Provider<'_>) -> io::Result<String> {
    let article = &story.article;
    let first = article.published_at.unwrap_or(article.created_at);
    let guid = tag_uri(provider.base_url, day(first), "package", article.id);
    let language = story.edition.language.to_string();
    document(|xml| {
        item_root(xml, "packageItem", &guid, article.version, Some(&language))
            .write_inner_content(|xml| {
                catalog_ref(xml)?;
                rights(xml, provider)?;
                xml.create_element("itemMeta").write_inner_content(|xml| {
                    qcode(xml, "itemClass", "ninat:composite")?;
                    party(xml, "provider", &provider.uri(), provider.name)?;
                    time(xml, "versionCreated", article.updated_at)?;
                    time(xml, "firstCreated", first)?;
                    qcode(xml, "pubStatus", "stat:usable")
                })?;
                xml.create_element("contentMeta")
                    .write_inner_content(|xml| {
                        xml.create_element("language")
                            .with_attribute(("tag", language.as_str()))
                            .write_empty()?;
                        text(xml, "headline", &article.headline)
                    })?;
                xml.create_element("groupSet")
                    .with_attribute(("root", "main"))
                    .write_inner_content(|xml| {
                        xml.create_element("group")
                            .with_attribute(("id", "main"))
                            .with_attribute(("role", "group:main"))
                            .write_inner_content(|xml| members(xml, story, provider))?;
                        Ok(())
                    })?;
                Ok(())
            })?;
        Ok(())
    })
}

/// The story's text item, then its lead picture's item.
fn members(xml: &mut Xml, story: &Story, provider: Provider<'_>) -> io::Result<()> {
    let article = &story.article;
    let urls = provider.urls();
    let guid = story_guid(provider.base_url, story);
    let href = urls.newsml_article(article.id);
    let version = article.version.max(1).to_string();
    xml.create_element("itemRef")
        .with_attribute(("residref", guid.as_str()))
        .with_attribute(("href", href.as_str()))
        .with_attribute(("version", version.as_str()))
        .with_attribute(("contenttype", NEWS_ITEM_TYPE))
        .write_inner_content(|xml| {
            qcode(xml, "itemClass", "ninat:text")?;
            party(xml, "provider", &provider.uri(), provider.name)?;
            qcode(xml, "pubStatus", "stat:usable")?;
            text(xml, "title", &article.headline)?;
            described(xml, "drol:summary", &article.lead)
        })?;
    if let Some(picture) = story.lead_picture() {
        let guid = picture_guid(provider.base_url, picture);
        let href = urls.newsml_media(picture.id);
        xml.create_element("itemRef")
            .with_attribute(("residref", guid.as_str()))
            .with_attribute(("href", href.as_str()))
            .with_attribute(("version", "1"))
            .with_attribute(("contenttype", NEWS_ITEM_TYPE))
            .write_inner_content(|xml| {
                qcode(xml, "itemClass", "ninat:picture")?;
                party(xml, "provider", &provider.uri(), provider.name)?;
                qcode(xml, "pubStatus", "stat:usable")?;
                described(xml, "drol:caption", &picture.caption)
            })?;
    }
    Ok(())
}

fn day(at: UnixTime) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(at, 0).unwrap_or_default()
}
