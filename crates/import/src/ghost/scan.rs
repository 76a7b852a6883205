//! The first pass: every table read, posts only checked and counted; the
//! small tables (users, tags, their links to posts, settings, comments) kept
//! and turned into the catalog and the relations the second pass needs.

use std::collections::HashMap;
use std::path::Path;

use chrono_tz::Tz;
use serde::de::{IgnoredAny, MapAccess};

use super::raw::{
    CheckedPost, RawComment, RawMember, RawMeta, RawPostAuthor, RawPostMeta, RawPostTag,
    RawSetting, RawTag, RawUser, Time,
};
use super::source::{Tracker, NOT_GHOST};
use super::walk::{self, each, Tables};
use crate::error::{ImportError, Result};
use crate::model::{Catalog, Comment, CommentState, Person, SiteInfo, Term, TermKind};

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
const SETTINGS: [&str; 9] = [
    "title",
    "url",
    "locale",
    "lang",
    "default_locale",
    "defaultLang",
    "permalinks",
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
            "comments" => each(map, tracker, push(&mut self.comments))?,
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
                let mut n = 0;
                each(map, tracker, |_, row: RawMember| {
                    n += 1;
                    members.insert(row.id.0.clone(), row);
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
        let timezone = setting(&["active_timezone", "activeTimezone"])
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

fn text(s: &Option<String>) -> String {
    s.as_deref().unwrap_or("").trim().to_owned()
}

/// Ghost's tags, all plain tags (Ghost has no categories); internal
/// `#tags` organise themes and are not tags.
fn terms(tags: &[RawTag]) -> (Vec<Term>, HashMap<String, String>) {
    let public: Vec<&RawTag> = tags
        .iter()
        .filter(|t| !text(&t.name).starts_with('#') && t.visibility.as_deref() != Some("internal"))
        .collect();
    let mut slugs = HashMap::new();
    for tag in &public {
        let slug = match text(&tag.slug) {
            s if s.is_empty() => slugify(&text(&tag.name)),
            s => s,
        };
        if let Some(id) = &tag.id {
            slugs.insert(id.0.clone(), slug);
        }
    }
    let terms = public
        .iter()
        .filter_map(|tag| {
            let key = slugs.get(&tag.id.as_ref()?.0)?.clone();
            Some(Term {
                kind: TermKind::Tag,
                name: match text(&tag.name) {
                    n if n.is_empty() => key.clone(),
                    n => n,
                },
                key,
                parent: tag
                    .parent_id
                    .as_ref()
                    .and_then(|p| slugs.get(&p.0))
                    .cloned(),
                description: text(&tag.description),
            })
        })
        .collect();
    (terms, slugs)
}

fn people(users: &[RawUser]) -> Vec<Person> {
    users
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let login = match text(&u.slug) {
                s if s.is_empty() => slugify(&text(&u.name)),
                s => s,
            };
            let key = match (&u.id, text(&u.email)) {
                (Some(id), _) => id.0.clone(),
                (None, _) if !login.is_empty() => login.clone(),
                (None, email) if !email.is_empty() => email,
                (None, _) => format!("user-{}", i + 1),
            };
            Person {
                key,
                name: match text(&u.name) {
                    n if n.is_empty() => login.clone(),
                    n => n,
                },
                login,
                email: text(&u.email),
                bio: text(&u.bio),
                website: text(&u.website),
            }
        })
        .collect()
}

/// Rows `(post, sort_order, other)` grouped by post, each group in its
/// `sort_order` (file order where equal or missing).
fn by_post(
    rows: impl Iterator<Item = (String, Option<i64>, String)>,
) -> HashMap<String, Vec<String>> {
    let mut grouped: HashMap<String, Vec<(i64, String)>> = HashMap::new();
    for (post, order, other) in rows {
        grouped
            .entry(post)
            .or_default()
            .push((order.unwrap_or(0), other));
    }
    grouped
        .into_iter()
        .map(|(post, mut rows)| {
            rows.sort_by_key(|(order, _)| *order);
            let mut others: Vec<String> = Vec::with_capacity(rows.len());
            for (_, other) in rows {
                if !others.contains(&other) {
                    others.push(other);
                }
            }
            (post, others)
        })
        .collect()
}

/// Members' comments (Ghost 5), by post, oldest first so that a reply
/// follows what it answers.
fn comments(
    rows: Vec<RawComment>,
    members: &HashMap<String, RawMember>,
) -> HashMap<String, Vec<Comment>> {
    let mut by_post: HashMap<String, Vec<Comment>> = HashMap::new();
    for row in rows {
        let member = row.member_id.as_ref().and_then(|m| members.get(&m.0));
        let comment = Comment {
            key: row.id.0,
            parent: row.parent_id.map(|p| p.0),
            author_name: member.map(|m| text(&m.name)).unwrap_or_default(),
            author_email: member.map(|m| text(&m.email)).unwrap_or_default(),
            author_url: String::new(),
            created_at: Time::get(row.created_at).unwrap_or(0),
            body_html: row.html.unwrap_or_default(),
            state: match row.status.as_deref() {
                Some("published") => CommentState::Approved,
                Some("deleted") => CommentState::Trashed,
                _ => CommentState::Pending,
            },
            is_ping: false,
        };
        by_post.entry(row.post_id.0).or_default().push(comment);
    }
    for list in by_post.values_mut() {
        list.sort_by_key(|c| c.created_at);
    }
    by_post
}

/// A slug for a name that has none (0.x users): lowercase ASCII words
/// joined by hyphens.
fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}
