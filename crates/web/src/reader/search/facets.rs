//! The facets beside the results: links that narrow the search by section,
//! tag, author, kind and date, each with its number of matches (dates are
//! ranges back from now, without counts). A chosen value links back to the
//! search without it.

use std::collections::HashMap;

use dateline_search::{Facets, Kind};
use dateline_store::{Author, Tag};
use serde::Serialize;

use super::params::{SearchParams, Since};
use crate::site::EditionCtx;
use crate::urls::Urls;
use crate::AppState;

#[derive(Debug, Serialize)]
pub(super) struct FacetGroup {
    /// Catalog key of the group's heading.
    pub heading: &'static str,
    /// The parameter it sets, for the element's class.
    pub param: &'static str,
    pub items: Vec<FacetItem>,
}

#[derive(Debug, Serialize)]
pub(super) struct FacetItem {
    pub label: String,
    pub count: Option<u64>,
    /// The search narrowed to this value, or, for the chosen one, without it.
    pub url: String,
    pub current: bool,
}

/// What the facet links are named from.
pub(super) struct Names<'a> {
    pub tags: HashMap<i64, &'a Tag>,
    pub authors: HashMap<i64, &'a Author>,
}

impl<'a> Names<'a> {
    pub fn new(tags: &'a [Tag], authors: &'a [Author]) -> Self {
        Self {
            tags: tags.iter().map(|t| (t.id, t)).collect(),
            authors: authors.iter().map(|a| (a.id, a)).collect(),
        }
    }
}

/// The groups that have something to choose, in a fixed order.
pub(super) fn groups(
    state: &AppState,
    ctx: &EditionCtx,
    params: &SearchParams,
    facets: &Facets,
    names: &Names<'_>,
) -> Vec<FacetGroup> {
    let link = |p: SearchParams| Urls::relative().search(ctx.code(), &p.encode());
    let item = |label: String,
                count: Option<u64>,
                current: bool,
                set: &dyn Fn(&mut SearchParams, bool)| {
        FacetItem {
            label,
            count,
            url: link(params.with(|p| set(p, current))),
            current,
        }
    };
    let value = |chosen: bool, v: &str| if chosen { String::new() } else { v.to_owned() };

    let sections = facets
        .sections
        .iter()
        .filter_map(|(id, n)| {
            let s = ctx.section(*id)?;
            let slug = s.slug.as_str();
            Some(item(
                s.title.clone(),
                Some(*n),
                params.section == slug,
                &|p: &mut SearchParams, c: bool| {
                    p.section = value(c, slug);
                },
            ))
        })
        .collect();
    let tags = facets
        .tags
        .iter()
        .filter_map(|(id, n)| {
            let t = names.tags.get(id)?;
            let slug = t.slug.as_str();
            Some(item(
                t.name.clone(),
                Some(*n),
                params.tag == slug,
                &|p: &mut SearchParams, c: bool| {
                    p.tag = value(c, slug);
                },
            ))
        })
        .collect();
    let authors = facets
        .authors
        .iter()
        .filter_map(|(id, n)| {
            let a = names.authors.get(id)?;
            let slug = a.slug.as_str();
            Some(item(
                a.name.clone(),
                Some(*n),
                params.author == slug,
                &|p: &mut SearchParams, c: bool| {
                    p.author = value(c, slug);
                },
            ))
        })
        .collect();
    let kinds = facets
        .kinds
        .iter()
        .map(|(kind, n)| {
            let name = kind.as_str();
            let label = state.renderer.t(&ctx.locale, kind_key(*kind), &[]);
            item(
                label,
                Some(*n),
                params.kind == name,
                &|p: &mut SearchParams, c: bool| {
                    p.kind = value(c, name);
                },
            )
        })
        .collect();
    let dates = Since::ALL
        .into_iter()
        .map(|since| {
            let name = since.as_str();
            let label = state.renderer.t(&ctx.locale, date_key(since), &[]);
            item(
                label,
                None,
                params.date == name,
                &|p: &mut SearchParams, c: bool| {
                    p.date = value(c, name);
                },
            )
        })
        .collect();
    [
        ("search-facet-section", "section", sections),
        ("search-facet-kind", "kind", kinds),
        ("search-facet-date", "date", dates),
        ("search-facet-tag", "tag", tags),
        ("search-facet-author", "author", authors),
    ]
    .into_iter()
    .filter(|(_, _, items): &(_, _, Vec<FacetItem>)| !items.is_empty())
    .map(|(heading, param, items)| FacetGroup {
        heading,
        param,
        items,
    })
    .collect()
}

pub(super) fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Article => "search-kind-article",
        Kind::Live => "search-kind-live",
        Kind::Picture => "search-kind-picture",
    }
}

fn date_key(since: Since) -> &'static str {
    match since {
        Since::Day => "search-date-day",
        Since::Week => "search-date-week",
        Since::Month => "search-date-month",
        Since::Year => "search-date-year",
    }
}
