//! A story as a NewsML-G2 text `newsItem`: rights, item and content
//! metadata (byline, language, section and tags, headline, lead, slug) and
//! the body as XHTML; a corrected story says so (`sig:correction` and its
//! notes), and the lead picture is linked as its own picture item.

use std::io;

use super::{
    body, catalog_ref, described, document, item_root, party, picture_guid, qcode, text, time,
    Provider, Xml, NEWS_ITEM_TYPE,
};
use crate::distribution::Story;
use crate::urls::story_tag;

/// The text item's `guid`: the same `tag:` URI as the story's feed items.
pub(crate) fn story_guid(base_url: &str, story: &Story) -> String {
    let article = &story.article;
    story_tag(
        base_url,
        article.published_at.unwrap_or(article.created_at),
        article.id,
    )
}

/// The story's text `newsItem`.
pub(crate) fn text_item(story: &Story, provider: Provider<'_>) -> io::Result<String> {
    let article = &story.article;
    let guid = story_guid(provider.base_url, story);
    let language = story.edition.language.to_string();
    document(|xml| {
        item_root(xml, "newsItem", &guid, article.version, Some(&language)).write_inner_content(
            |xml| {
                catalog_ref(xml)?;
                rights(xml, provider)?;
                item_meta(xml, story, provider)?;
                content_meta(xml, story, provider, &language)?;
                xml.create_element("contentSet")
                    .write_inner_content(|xml| {
                        xml.create_element("inlineXML")
                            .with_attribute(("contenttype", "application/xhtml+xml"))
                            .write_inner_content(|xml| {
                                body::xhtml(xml, story, provider, &language)
                            })?;
                        Ok(())
                    })?;
                Ok(())
            },
        )?;
        Ok(())
    })
}

/// The site holds the copyright of its stories.
pub(super) fn rights(xml: &mut Xml, provider: Provider<'_>) -> io::Result<()> {
    xml.create_element("rightsInfo")
        .write_inner_content(|xml| party(xml, "copyrightHolder", &provider.uri(), provider.name))?;
    Ok(())
}

fn item_meta(xml: &mut Xml, story: &Story, provider: Provider<'_>) -> io::Result<()> {
    let article = &story.article;
    let urls = provider.urls();
    xml.create_element("itemMeta").write_inner_content(|xml| {
        qcode(xml, "itemClass", "ninat:text")?;
        party(xml, "provider", &provider.uri(), provider.name)?;
        time(xml, "versionCreated", article.updated_at)?;
        time(
            xml,
            "firstCreated",
            article.published_at.unwrap_or(article.created_at),
        )?;
        qcode(xml, "pubStatus", "stat:usable")?;
        // What each correction changed, oldest first, and the signal that
        // this version corrects an earlier one.
        for correction in &article.corrections {
            text(xml, "edNote", &correction.note)?;
        }
        if article.status == dateline_domain::ArticleStatus::Corrected
            || !article.corrections.is_empty()
        {
            qcode(xml, "signal", "sig:correction")?;
        }
        let page = urls.article(&story.edition.code, &story.section.slug, &article.slug);
        xml.create_element("link")
            .with_attribute(("rel", "irel:seeAlso"))
            .with_attribute(("href", page.as_str()))
            .with_attribute(("contenttype", "text/html"))
            .write_empty()?;
        if let Some(picture) = story.lead_picture() {
            let guid = picture_guid(provider.base_url, picture);
            let href = urls.newsml_media(picture.id);
            xml.create_element("link")
                .with_attribute(("rel", "irel:seeAlso"))
                .with_attribute(("residref", guid.as_str()))
                .with_attribute(("href", href.as_str()))
                .with_attribute(("contenttype", NEWS_ITEM_TYPE))
                .write_inner_content(|xml| qcode(xml, "itemClass", "ninat:picture"))?;
        }
        Ok(())
    })?;
    Ok(())
}

fn content_meta(
    xml: &mut Xml,
    story: &Story,
    provider: Provider<'_>,
    language: &str,
) -> io::Result<()> {
    let article = &story.article;
    let urls = provider.urls();
    let code = &story.edition.code;
    xml.create_element("contentMeta")
        .write_inner_content(|xml| {
            time(
                xml,
                "contentCreated",
                article.published_at.unwrap_or(article.created_at),
            )?;
            time(xml, "contentModified", article.updated_at)?;
            for author in &article.authors {
                let uri = urls.author(code, &author.slug);
                party(xml, "creator", &uri, &author.name)?;
            }
            xml.create_element("language")
                .with_attribute(("tag", language))
                .write_empty()?;
            let section = urls.section(code, &story.section.slug);
            subject(xml, &section, &story.section.title)?;
            for tag in &article.tags {
                subject(xml, &urls.tag(code, &tag.slug), &tag.name)?;
            }
            text(xml, "slugline", article.slug.as_str())?;
            text(xml, "headline", &article.headline)?;
            if !article.authors.is_empty() {
                let names: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
                text(xml, "by", &names.join(", "))?;
            }
            described(xml, "drol:summary", &article.lead)
        })?;
    Ok(())
}

/// A section or tag, named by its page's address.
fn subject(xml: &mut Xml, uri: &str, name: &str) -> io::Result<()> {
    party(xml, "subject", uri, name)
}
