//! The first pass: every table read, posts only checked and counted; the
//! small tables (users, tags, their links to posts, settings, comments) kept
//! and turned into the catalog and the relations the second pass needs.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono_tz::Tz;
use serde::de::{IgnoredAny, MapAccess};

use super::raw::{
    CheckedPost, RawComment, RawMember, RawMeta, RawPostAuthor, RawPostMeta, RawPostTag,
    RawSetting, RawTag, RawUser,
};
use super::records::{by_post, comments, people, terms};
use super::source::{Tracker, NOT_GHOST};
use super::walk::{self, each, Tables};
use crate::error::{ImportError, Result};
use crate::model::{Catalog, Comment, SiteInfo};

/// What the first pass learnt: the catalog, and the relations by post id
/// that the second pass joins to each post.
#[derive(Debug, Default)]
pub struct Scanned {
    pub catalog: Catalog,
    pub(super) relations: Relations,
}

#[derive(Debug, Default)]
pub(super) struct Relations {
    /// Public tags' slugs by tag id (internal `#tags` are absent).
    pub tag_slugs: HashMap<String, String>,
    /// Tag ids and author ids by post id, in their `sort_order`.
    pub post_tags: HashMap<String, Vec<String>>,
    pub post_authors: HashMap<String, Vec<String>>,
    /// `posts_meta`'s feature image caption and alt text by post id.
    pub feature_meta: HashMap<String, (String, String)>,
    pub comments: HashMap<String, Vec<Comment>>,
    /// Person keys, each with its login (for `:author` in permalinks).
    pub logins: HashMap<String, String>,
    /// The `permalinks` setting (0.x–1.x) when not Ghost's default `/:slug/`.
    pub permalink: Option<String>,
    /// The site's time zone, in which permalinks' dates were written.
    pub timezone: Tz,
}

/// Tables of content Dateline does not import, counted for the report.
const IGNORED: [&str; 10] = [
    "members",
    "newsletters",
    "snippets",
    "emails",
    "offers",
    "tiers",
    "products",
    "labels",
    "recommendations",
    "mentions",
];

/// Settings kept from `settings` (all small texts).
const SETTINGS: [&str; 10] = [
    "title",
    "url",
    "locale",
    "lang",
    "default_locale",
    "defaultLang",
    "permalinks",
    "timezone",
    "active_timezone",
    "activeTimezone",
];

pub(super) fn scan(path: &Path) -> Result<Scanned> {
    let mut found = Found::default();
    walk::read(path, &mut found)?;
    if !found.saw_posts {
        return Err(ImportError::malformed(
            path,
            (1, 1),
            format!("{NOT_GHOST}: no `data.posts`"),
        ));
    }
    Ok(found.finish())
}

#[derive(Default)]
struct Found {
    saw_posts: bool,
    posts: u64,
    version: Option<String>,
    tags: Vec<RawTag>,
    users: Vec<RawUser>,
    post_tags: Vec<RawPostTag>,
    post_authors: Vec<RawPostAuthor>,
    post_meta: Vec<RawPostMeta>,
    settings: HashMap<String, String>,
    saw_comments: bool,
    members: HashMap<String, RawMember>,
    comments: Vec<RawComment>,
    ignored: Vec<(String, u64)>,
}

fn push<X>(rows: &mut Vec<X>) -> impl FnMut(crate::model::Position, X) -> Result<(), String> + '_ {
    move |_, row| {
        rows.push(row);
        Ok(())
    }
}

impl Tables for Found {
    fn meta(&mut self, meta: RawMeta) {
        if let Some(version) = meta.version {
            self.version = Some(version.0);
        }
    }

    fn table<'de, A: MapAccess<'de>>(
        &mut self,
        name: &str,
        map: &mut A,
        tracker: &Tracker,
    ) -> Result<(), A::Error> {
        match name {
            "posts" => {
                self.saw_posts = true;
                let posts = &mut self.posts;
                each(map, tracker, |_, _: CheckedPost| {
                    *posts += 1;
                    Ok(())
                })?;
            }
            "tags" => each(map, tracker, push(&mut self.tags))?,
            "users" => each(map, tracker, push(&mut self.users))?,
            "posts_tags" => each(map, tracker, push(&mut self.post_tags))?,
            "posts_authors" => each(map, tracker, push(&mut self.post_authors))?,
            "posts_meta" => each(map, tracker, push(&mut self.post_meta))?,
            "comments" => {
                self.saw_comments = true;
                each(map, tracker, push(&mut self.comments))?;
            }
            "settings" => {
                let settings = &mut self.settings;
                each(map, tracker, |_, row: RawSetting| {
                    let (Some(key), Some(value)) = (row.key, row.value) else {
                        return Ok(());
                    };
                    if SETTINGS.contains(&key.as_str()) {
                        let value = match value {
                            serde_json::Value::String(s) => s,
                            other => other.to_string(),
                        };
                        settings.insert(key, value);
                    }
                    Ok(())
                })?;
            }
            "members" => {
                let members = &mut self.members;
                // Ghost writes its tables in alphabetical order: comments
                // first, so only the members who commented need keeping.
                let commenters: Option<HashSet<&str>> = self.saw_comments.then(|| {
                    self.comments
                        .iter()
                        .filter_map(|c| c.member_id.as_ref().map(|m| m.0.as_str()))
                        .collect()
                });
                let mut n = 0;
                each(map, tracker, |_, row: RawMember| {
                    n += 1;
                    if commenters
                        .as_ref()
                        .is_none_or(|c| c.contains(row.id.0.as_str()))
                    {
                        members.insert(row.id.0.clone(), row);
                    }
                    Ok(())
                })?;
                self.ignored.push(("members".to_owned(), n));
            }
            name if IGNORED.contains(&name) => {
                let mut n = 0;
                each(map, tracker, |_, _: IgnoredAny| {
                    n += 1;
                    Ok(())
                })?;
                self.ignored.push((name.to_owned(), n));
            }
            _ => {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

impl Found {
    fn finish(self) -> Scanned {
        let setting = |keys: &[&str]| {
            keys.iter()
                .filter_map(|k| self.settings.get(*k))
                .find(|v| !v.trim().is_empty())
                .map(|v| v.trim().to_owned())
        };
        let site = SiteInfo {
            title: setting(&["title"]).unwrap_or_default(),
            base_url: setting(&["url"]).unwrap_or_default(),
            language: setting(&["locale", "lang", "default_locale", "defaultLang"])
                .unwrap_or_default()
                .replace('_', "-"),
            format_version: self.version.clone().unwrap_or_default(),
        };
        let permalink = setting(&["permalinks"]).filter(|p| p != "/:slug/");
        let timezone = setting(&["timezone", "active_timezone", "activeTimezone"])
            .and_then(|tz| tz.parse::<Tz>().ok())
            .unwrap_or(Tz::UTC);

        let (terms, tag_slugs) = terms(&self.tags);
        let people = people(&self.users);
        let logins = people
            .iter()
            .map(|p| (p.key.clone(), p.login.clone()))
            .collect();
        let post_tags = by_post(
            self.post_tags
                .into_iter()
                .map(|r| (r.post_id.0, r.sort_order, r.tag_id.0)),
        );
        let post_authors = by_post(
            self.post_authors
                .into_iter()
                .map(|r| (r.post_id.0, r.sort_order, r.author_id.0)),
        );
        let feature_meta = self
            .post_meta
            .into_iter()
            .map(|m| {
                let caption = m.feature_image_caption.unwrap_or_default();
                let alt = m.feature_image_alt.unwrap_or_default();
                (m.post_id.0, (caption, alt))
            })
            .collect();
        let comments = comments(self.comments, &self.members);
        let ignored = self.ignored.into_iter().filter(|(_, n)| *n > 0).collect();
        Scanned {
            catalog: Catalog {
                site,
                people,
                terms,
                pictures: HashMap::new(),
                posts: self.posts,
                ignored,
            },
            relations: Relations {
                tag_slugs,
                post_tags,
                post_authors,
                feature_meta,
                comments,
                logins,
                permalink,
                timezone,
            },
        }
    }
}
