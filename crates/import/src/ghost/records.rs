//! Ghost's small tables as model records: tags as terms, users as people,
//! link tables grouped by post, members' comments with their authors.

use std::collections::HashMap;

use super::raw::{RawComment, RawMember, RawTag, RawUser, Time};
use crate::model::{Comment, CommentState, Person, Term, TermKind};

fn text(s: &Option<String>) -> String {
    s.as_deref().unwrap_or("").trim().to_owned()
}

/// Ghost's tags, all plain tags (Ghost has no categories); internal
/// `#tags` organise themes and are not tags.
pub(super) fn terms(tags: &[RawTag]) -> (Vec<Term>, HashMap<String, String>) {
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

pub(super) fn people(users: &[RawUser]) -> Vec<Person> {
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
pub(super) fn by_post(
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
pub(super) fn comments(
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
