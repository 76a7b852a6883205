//! The export's people and terms, made or found before its posts: authors
//! become Dateline authors (bylines) of the edition, the categories named
//! as sections become sections, every other term a tag.

use std::collections::{HashMap, HashSet};

use dateline_domain::{NewAuthor, NewSection, Slug};
use dateline_store::imports::ImportKind;
use dateline_store::{Edition, Store};

use super::report::Report;
use super::Options;
use crate::error::{ImportError, Result};
use crate::model::{Catalog, Person, TermKind};

/// Where posts' people and terms went.
#[derive(Debug, Default)]
pub(super) struct Mapped {
    /// Person key → author id (0 on a dry run for one to be made).
    pub authors: HashMap<String, i64>,
    /// Category key → section id.
    pub sections: HashMap<String, i64>,
    pub default_section: i64,
    /// Term key (categories not sections, tags) → the tag.
    pub tags: HashMap<(bool, String), (Slug, String)>,
}

/// A slug from the source's slug, else its name, else `fallback` (give a
/// plain word: then there always is one).
pub(super) fn slug_of(key: &str, name: &str, fallback: &str) -> Option<Slug> {
    Slug::from_title(key)
        .or_else(|| Slug::from_title(name))
        .or_else(|| Slug::from_title(fallback))
}

pub(super) async fn map(
    store: &Store,
    source: &str,
    catalog: &Catalog,
    options: &Options,
    edition: &Edition,
    report: &mut Report,
    now: i64,
) -> Result<Mapped> {
    let mut mapped = Mapped {
        default_section: default_section(store, options, edition).await?,
        ..Mapped::default()
    };
    authors(
        store,
        source,
        catalog,
        options,
        edition,
        report,
        now,
        &mut mapped,
    )
    .await?;
    sections(store, catalog, options, edition, report, &mut mapped).await?;
    let mut seen = HashSet::new();
    for term in &catalog.terms {
        let is_category = term.kind == TermKind::Category;
        if is_category && mapped.sections.contains_key(&term.key) {
            continue;
        }
        let Some(slug) = slug_of(&term.key, &term.name, "tag") else {
            continue;
        };
        let name = if term.name.trim().is_empty() {
            term.key.clone()
        } else {
            term.name.trim().to_owned()
        };
        mapped.tags.insert(
            (is_category, term.key.clone()),
            (slug.clone(), name.clone()),
        );
        if !seen.insert(slug.clone()) {
            continue;
        }
        let exists = store.tag_by_slug(edition.id, &slug).await?.is_some();
        if exists {
            report.tally("tags").unchanged += 1;
        } else {
            report.tally("tags").created += 1;
            if !options.dry_run {
                store.upsert_tag(edition.id, &slug, &name).await?;
            }
        }
    }
    Ok(mapped)
}

async fn default_section(store: &Store, options: &Options, edition: &Edition) -> Result<i64> {
    match &options.default_section {
        Some(slug) => Ok(store
            .section_by_slug(edition.id, slug)
            .await?
            .ok_or_else(|| {
                ImportError::Options(format!(
                    "the edition {} has no section {:?}",
                    edition.code.as_str(),
                    slug.as_str()
                ))
            })?
            .id),
        None => store
            .sections(edition.id)
            .await?
            .first()
            .map(|s| s.id)
            .ok_or_else(|| {
                ImportError::Options(format!(
                    "the edition {} has no section yet: create one, or name categories to become sections",
                    edition.code.as_str()
                ))
            }),
    }
}

async fn sections(
    store: &Store,
    catalog: &Catalog,
    options: &Options,
    edition: &Edition,
    report: &mut Report,
    mapped: &mut Mapped,
) -> Result<()> {
    let mut position = i32::try_from(store.sections(edition.id).await?.len()).unwrap_or(i32::MAX);
    for key in &options.section_categories {
        let term = catalog
            .terms
            .iter()
            .find(|t| t.kind == TermKind::Category && &t.key == key)
            .ok_or_else(|| {
                ImportError::Options(format!(
                    "the export has no category {key:?} to make a section of"
                ))
            })?;
        let slug = slug_of(&term.key, &term.name, "section").ok_or_else(|| {
            ImportError::Options(format!("category {key:?} has no name to make a slug of"))
        })?;
        let id = match store.section_by_slug(edition.id, &slug).await? {
            Some(section) => {
                report.tally("sections").unchanged += 1;
                section.id
            }
            None if options.dry_run => {
                report.tally("sections").created += 1;
                0
            }
            None => {
                let new = NewSection {
                    edition_id: edition.id,
                    slug,
                    title: term.name.clone(),
                    description: term.description.clone(),
                    position,
                };
                new.validate().map_err(|e| {
                    ImportError::Options(format!("category {key:?} cannot be a section: {e}"))
                })?;
                position = position.saturating_add(1);
                report.tally("sections").created += 1;
                store.create_section(&new).await?.id
            }
        };
        mapped.sections.insert(key.clone(), id);
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn authors(
    store: &Store,
    source: &str,
    catalog: &Catalog,
    options: &Options,
    edition: &Edition,
    report: &mut Report,
    now: i64,
    mapped: &mut Mapped,
) -> Result<()> {
    let before = store.imported(source, ImportKind::Author).await?;
    for person in &catalog.people {
        if let Some(i) = before.get(&person.key) {
            if store.author_by_id(i.target_id).await?.is_some() {
                report.tally("authors").unchanged += 1;
                mapped.authors.insert(person.key.clone(), i.target_id);
                continue;
            }
        }
        match author_for(store, person, edition, options.dry_run).await {
            Ok((id, created)) => {
                if created {
                    report.tally("authors").created += 1;
                } else {
                    report.tally("authors").unchanged += 1;
                }
                if !options.dry_run {
                    store
                        .record_imported(source, ImportKind::Author, &person.key, id, "", now)
                        .await?;
                }
                mapped.authors.insert(person.key.clone(), id);
            }
            Err(reason) => report.skip("authors", format!("author {:?}", person.login), reason),
        }
    }
    Ok(())
}

/// The author for `person`: one of the same slug and name, else a new one
/// (with a free slug). `(id, created)`.
async fn author_for(
    store: &Store,
    person: &Person,
    edition: &Edition,
    dry_run: bool,
) -> std::result::Result<(i64, bool), String> {
    let name = person.name.trim();
    let base = slug_of(&person.login, name, "author").ok_or("no name to make a slug of")?;
    for n in 1..=20 {
        let slug = if n == 1 {
            Some(base.clone())
        } else {
            Slug::from_title(&format!("{}-{n}", base.as_str()))
        };
        let Some(slug) = slug else { continue };
        match store
            .author_by_slug(&slug)
            .await
            .map_err(|e| e.to_string())?
        {
            Some(author) if author.name == name => return Ok((author.id, false)),
            Some(_) => continue,
            None if dry_run => return Ok((0, true)),
            None => {
                let mut bio = person.bio.trim().to_owned();
                if !person.website.trim().is_empty() && bio.is_empty() {
                    bio = person.website.trim().to_owned();
                }
                let new = NewAuthor::new(slug, name, &bio, vec![edition.id]);
                return store
                    .create_author(&new)
                    .await
                    .map(|a| (a.id, true))
                    .map_err(|e| format!("cannot be made an author: {e}"));
            }
        }
    }
    Err("twenty authors already have slugs like this one".into())
}
