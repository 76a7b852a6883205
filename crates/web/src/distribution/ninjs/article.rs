//! A public story as a ninjs `text` item: dates and version, headline, lead
//! and correction notes, the body as HTML and as plain text, byline and
//! authors, section and tags, rights, its page, and associations for its
//! pictures (lead first, then the body's in order, with every rendition)
//! and for its other editions' versions.

use dateline_domain::Slug;
use dateline_store::{ArticleCard, Store};

use super::model::{date_time, Association, Body, Concept, Item, Rendition, Text};
use super::{picture, NinjsDocument, NinjsVersion, Publisher};
use crate::distribution::{body, Story};
use crate::error::ApiError;
use crate::urls::story_tag;

/// The ninjs document of `story`; one query more, for the first
/// publication dates the translations' `uri`s are made of.
pub(crate) async fn article(
    store: &Store,
    story: &Story,
    publisher: &Publisher<'_>,
    version: NinjsVersion,
) -> Result<NinjsDocument, ApiError> {
    let ids: Vec<i64> = story.translations.iter().map(|t| t.article_id).collect();
    let translations = store.article_cards(&ids).await?;
    NinjsDocument::new(&item(story, &translations, publisher, version), version)
}

fn item(
    story: &Story,
    translations: &[ArticleCard],
    publisher: &Publisher<'_>,
    version: NinjsVersion,
) -> Item {
    let article = &story.article;
    let urls = publisher.urls();
    let code = &story.edition.code;
    let first_published = article.published_at.unwrap_or(article.updated_at);
    let html = body::html(&article.body, story, urls);
    let text = body::text(&article.body);
    let mut descriptions = vec![Text::plain("lead", article.lead.clone())];
    descriptions.extend(article.corrections.iter().map(|c| {
        Text::plain(
            "correction",
            format!("{}: {}", date_time(c.created_at), c.note),
        )
    }));
    let page = urls.article(code, &story.section.slug, &article.slug);
    Item {
        uri: story_tag(publisher.base_url, first_published, article.id),
        kind: "text",
        representation_type: Some("full"),
        version: Some(article.version.to_string()),
        first_created: Some(date_time(first_published)),
        version_created: Some(date_time(article.updated_at.max(first_published))),
        content_created: Some(date_time(article.created_at)),
        pub_status: Some("usable"),
        copyright_holder: Some(publisher.site_name.to_owned()),
        copyright_notice: Some(format!(
            "© {} {}",
            date_time(first_published).get(..4).unwrap_or_default(),
            publisher.site_name
        )),
        language: Some(story.edition.language.to_string()),
        slugline: Some(article.slug.to_string()),
        headlines: vec![Text::plain("main", article.headline.clone())],
        descriptions,
        bodies: vec![
            Body {
                role: "richtext",
                content_type: "text/html",
                char_count: count_chars(&text),
                word_count: count_words(&text),
                value: html,
            },
            Body {
                role: "main",
                content_type: "text/plain",
                char_count: count_chars(&text),
                word_count: count_words(&text),
                value: text,
            },
        ],
        by: (!article.authors.is_empty()).then(|| {
            let names: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
            names.join(", ")
        }),
        people: (article.authors.iter())
            .map(|a| concept(&a.name, "author", urls.author(code, &a.slug), &a.slug))
            .collect(),
        subjects: std::iter::once(concept(
            &story.section.title,
            "section",
            urls.section(code, &story.section.slug),
            &story.section.slug,
        ))
        .chain(
            (article.tags.iter())
                .map(|t| concept(&t.name, "tag", urls.tag(code, &t.slug), &t.slug)),
        )
        .collect(),
        renditions: vec![html_page(page)],
        associations: associations(story, translations, publisher, version),
        ..Item::default()
    }
}

/// The lead picture, the body's pictures in order, then the translations.
fn associations(
    story: &Story,
    translations: &[ArticleCard],
    publisher: &Publisher<'_>,
    version: NinjsVersion,
) -> Vec<Association> {
    let urls = publisher.urls();
    let lead = story.lead_picture().map(|asset| Association {
        name: "lead-picture".to_owned(),
        rel: "lead",
        item: picture::item(asset, publisher),
    });
    let inline = story
        .body_pictures()
        .enumerate()
        .map(|(n, asset)| Association {
            name: format!("picture-{}", n + 1),
            rel: "inline",
            item: picture::item(asset, publisher),
        });
    let other_editions = story.translations.iter().filter_map(|t| {
        let card = translations.iter().find(|c| c.id == t.article_id)?;
        Some(Association {
            name: format!("translation-{}", t.edition_code),
            rel: "translation",
            item: Item {
                uri: story_tag(publisher.base_url, card.published_at, t.article_id),
                kind: "text",
                representation_type: Some("partial"),
                first_created: Some(date_time(card.published_at)),
                version_created: Some(date_time(card.updated_at.max(card.published_at))),
                pub_status: Some("usable"),
                language: Some(t.language.to_string()),
                headlines: vec![Text::plain("main", t.headline.clone())],
                renditions: vec![
                    Rendition {
                        name: "ninjs".to_owned(),
                        href: urls.ninjs_article(t.article_id, version.as_str()),
                        content_type: version.media_type(),
                        width: None,
                        height: None,
                        size_in_bytes: None,
                    },
                    html_page(urls.article(&t.edition_code, &t.section_slug, &t.slug)),
                ],
                ..Item::default()
            },
        })
    });
    lead.into_iter()
        .chain(inline)
        .chain(other_editions)
        .collect()
}

fn concept(name: &str, rel: &'static str, uri: String, slug: &Slug) -> Concept {
    Concept {
        name: name.to_owned(),
        rel,
        uri,
        literal: slug.to_string(),
    }
}

/// The page readers see, as a rendition of the item.
fn html_page(href: String) -> Rendition {
    Rendition {
        name: "html".to_owned(),
        href,
        content_type: "text/html".to_owned(),
        width: None,
        height: None,
        size_in_bytes: None,
    }
}

fn count_chars(text: &str) -> u64 {
    text.chars().count() as u64
}

fn count_words(text: &str) -> u64 {
    text.split_whitespace().count() as u64
}
