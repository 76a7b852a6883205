//! Which cache keys each kind of write purges: the one place that decides
//! what a change makes stale.

use std::collections::BTreeSet;

use super::{CacheKey, Event, NodeId};
use crate::articles::media_ids;
use crate::records::Article;

/// Everything whose listings gain or lose the article when its visibility
/// changes: its own page and cards, the edition (front, newsfeed, feed, next
/// article), section, tag and author listings, its translations' hreflang
/// links, and the usage lists of the pictures it uses (not the pictures:
/// a file photo shown on many pages is not changed by one more use).
fn visibility_keys(article: &Article) -> Vec<CacheKey> {
    let mut keys = vec![
        CacheKey::Article(article.id),
        CacheKey::Edition(article.edition_id),
        CacheKey::Section(article.section_id),
        CacheKey::Translations(article.translation_group),
    ];
    keys.extend(article.tags.iter().map(|t| CacheKey::Tag(t.id)));
    keys.extend(article.authors.iter().map(|a| CacheKey::Author(a.id)));
    keys.extend(media_of(article).into_iter().map(CacheKey::MediaUse));
    keys
}

fn media_of(article: &Article) -> BTreeSet<i64> {
    media_ids(
        article.lead_media_id,
        article.seo.social_media_id,
        &article.body,
    )
    .into_iter()
    .collect()
}

/// Ids in exactly one of the two sets: the listings an article joined or left.
fn changed<T: Ord + Copy>(before: &BTreeSet<T>, after: &BTreeSet<T>) -> Vec<T> {
    before.symmetric_difference(after).copied().collect()
}

/// A new article: nothing to say unless it is public from the start.
pub(crate) fn article_created(node: NodeId, article: &Article) -> Vec<Event> {
    if !article.status.is_public() {
        return Vec::new();
    }
    vec![
        Event::purge(node, visibility_keys(article)),
        Event::Published {
            article_id: article.id,
            edition_id: article.edition_id,
        },
    ]
}

/// A status change from a status whose visibility was `was_public`.
/// Public to public (a correction, a republish) changes only the article's
/// own page and cards; a draft moving between hidden statuses shows nowhere.
pub(crate) fn status_changed(node: NodeId, was_public: bool, article: &Article) -> Vec<Event> {
    let public = article.status.is_public();
    match (was_public, public) {
        (false, false) => Vec::new(),
        (true, true) => vec![Event::purge(node, [CacheKey::Article(article.id)])],
        (true, false) => vec![Event::purge(node, visibility_keys(article))],
        (false, true) => vec![
            Event::purge(node, visibility_keys(article)),
            Event::Published {
                article_id: article.id,
                edition_id: article.edition_id,
            },
        ],
    }
}

/// An edit of a public article (edits of hidden ones show nowhere): its page
/// and cards, its translations' links to it, and the listings it joined or
/// left by a change of section, tags, byline or pictures.
pub(crate) fn article_updated(node: NodeId, before: &Article, after: &Article) -> Vec<Event> {
    if !before.status.is_public() && !after.status.is_public() {
        return Vec::new();
    }
    let mut keys = vec![
        CacheKey::Article(after.id),
        CacheKey::Translations(after.translation_group),
    ];
    if before.section_id != after.section_id {
        keys.push(CacheKey::Section(before.section_id));
        keys.push(CacheKey::Section(after.section_id));
    }
    let tags = |a: &Article| a.tags.iter().map(|t| t.id).collect::<BTreeSet<_>>();
    let authors = |a: &Article| a.authors.iter().map(|p| p.id).collect::<BTreeSet<_>>();
    keys.extend(
        changed(&tags(before), &tags(after))
            .into_iter()
            .map(CacheKey::Tag),
    );
    keys.extend(
        changed(&authors(before), &authors(after))
            .into_iter()
            .map(CacheKey::Author),
    );
    keys.extend(
        changed(&media_of(before), &media_of(after))
            .into_iter()
            .map(CacheKey::MediaUse),
    );
    vec![Event::purge(node, keys)]
}

/// The comment counter shows on the article page and on its cards.
pub(crate) fn comments_changed(node: NodeId, article_id: i64) -> Vec<Event> {
    vec![Event::purge(node, [CacheKey::Article(article_id)])]
}

/// A comment whose visibility moved from `was` to `is` published: open
/// article pages are told which one appeared or left.
pub(crate) fn comment_shown(article_id: i64, comment_id: i64, was: bool, is: bool) -> Vec<Event> {
    match (was, is) {
        (false, true) => vec![Event::CommentPublished {
            article_id,
            comment_id,
        }],
        (true, false) => vec![Event::CommentHidden {
            article_id,
            comment_id,
        }],
        _ => Vec::new(),
    }
}

/// Live coverage shows on the article page; streams learn the change number.
pub(crate) fn live_changed(node: NodeId, article_id: i64, seq: i64) -> Vec<Event> {
    vec![
        Event::purge(node, [CacheKey::Article(article_id)]),
        Event::LiveCoverage { article_id, seq },
    ]
}

#[cfg(test)]
mod tests {
    use dateline_domain::{ArticleStatus, BodyBlock};

    use super::*;
    use crate::records::{Author, Tag};

    const NODE: NodeId = NodeId(1);

    fn article(status: ArticleStatus) -> Article {
        Article {
            id: 10,
            edition_id: 1,
            section_id: 2,
            slug: "s".parse().unwrap(),
            headline: "h".into(),
            lead: String::new(),
            body: vec![BodyBlock::Image {
                media_id: 5,
                caption: None,
            }],
            status,
            published_at: Some(1),
            updated_at: 1,
            created_at: 1,
            lead_media_id: Some(4),
            translation_group: 10,
            comment_count: 0,
            version: 1,
            authors: vec![Author {
                id: 8,
                slug: "p".parse().unwrap(),
                name: "P".into(),
                bio: String::new(),
                article_count: 0,
                photo_media_id: None,
                links: Vec::new(),
                user_id: None,
            }],
            tags: vec![tag(6)],
            scheduled_at: None,
            created_by: None,
            corrections: Vec::new(),
            seo: dateline_domain::ArticleSeo::default(),
        }
    }

    fn tag(id: i64) -> Tag {
        Tag {
            id,
            edition_id: 1,
            slug: "t".parse().unwrap(),
            name: "T".into(),
            article_count: 0,
        }
    }

    fn keys(events: &[Event]) -> Vec<String> {
        match events.first() {
            Some(Event::Purge { keys, origin }) => {
                assert_eq!(*origin, NODE);
                keys.clone()
            }
            other => panic!("expected a purge first, got {other:?}"),
        }
    }

    #[test]
    fn publishing_purges_every_listing_and_announces_it() {
        let a = article(ArticleStatus::Published);
        let events = status_changed(NODE, false, &a);
        assert_eq!(
            keys(&events),
            ["a10", "e1", "s2", "g10", "t6", "p8", "u4", "u5"]
        );
        assert_eq!(
            events[1],
            Event::Published {
                article_id: 10,
                edition_id: 1
            }
        );
        assert_eq!(keys(&status_changed(NODE, true, &a)), ["a10"]);
        let hidden = article(ArticleStatus::Unpublished);
        assert_eq!(status_changed(NODE, true, &hidden).len(), 1);
        assert!(status_changed(NODE, false, &hidden).is_empty());
        assert!(article_created(NODE, &article(ArticleStatus::Draft)).is_empty());
        assert_eq!(article_created(NODE, &a).len(), 2);
    }

    #[test]
    fn edits_purge_the_listings_joined_or_left() {
        let before = article(ArticleStatus::Published);
        let mut after = before.clone();
        after.section_id = 3;
        after.tags = vec![tag(6), tag(7)];
        after.lead_media_id = None;
        assert_eq!(
            keys(&article_updated(NODE, &before, &after)),
            ["a10", "g10", "s2", "s3", "t7", "u4"]
        );
        let draft = article(ArticleStatus::Draft);
        assert!(article_updated(NODE, &draft, &draft).is_empty());
    }
}
