//! `install`: writes the demo plan into a store and its pictures into a
//! blob sink — editions with logos, sections, bylines, the media bank with
//! renditions, and articles whose related cards point at real ids.

mod bank;

use std::collections::HashMap;

use dateline_domain::{
    ArticleStatus, BodyBlock, DateFormat, EditionCode, LanguageTag, NewArticle, NewAuthor,
    NewEdition, NewMediaAsset, NewRendition, NewSection, SiteSettings, TimeZoneName, UnixTime,
};
use dateline_media::{key_for, original_key, BlobSink, Credits};
use dateline_store::{Article, NewAudit, StatusChange, Store};

pub use bank::{render_bank, RenderedPicture};

use crate::plan::{DemoPlan, EditionMeta, PlannedBlock, CONTACT_EMAIL, SITE_NAME};
use crate::text::Lang;
use crate::{DemoError, DemoSummary};

/// Creates the demo through the store's public methods: the site's
/// settings (named "Dateline", `/` leading to `en`, a contact address and
/// no social links), three editions (`en` "Dateline International", `ru`
/// "Дейтлайн" and `ar` "ديتلاين بالعربية", right to left) with logos,
/// seven sections each, eight authors each, a media bank per edition
/// (`PICTURES_PER_SECTION` pictures per section, each with a twin in every
/// other edition: 168 in all) with renditions, and 200 articles per
/// edition, 80 stories of them in two or three languages. Every article
/// shows only pictures of its own edition.
///
/// Ends by noting a search rebuild (`Store::note_search_rebuild`).
///
/// Refuses with [`DemoError::AlreadyInstalled`] when an edition `en` exists.
/// Not transactional: if it fails half-way, start again on a fresh database.
pub async fn install(
    store: &Store,
    media: &dyn BlobSink,
    seed: u64,
    now: UnixTime,
) -> Result<DemoSummary, DemoError> {
    if store
        .edition_by_code(&"en".parse::<EditionCode>()?)
        .await?
        .is_some()
    {
        return Err(DemoError::AlreadyInstalled);
    }
    let plan = DemoPlan::generate(seed, now)?;
    let pictures = plan.pictures.clone();
    let editions = plan.editions.clone();
    let (rendered, logos) = tokio::task::spawn_blocking(move || render_bank(&pictures, &editions))
        .await
        .map_err(|e| DemoError::Task(e.to_string()))??;

    let mut summary = DemoSummary::default();
    let mut edition_ids = [0i64; Lang::COUNT];
    let mut section_ids: [Vec<i64>; Lang::COUNT] = Default::default();
    for (i, meta) in plan.editions.iter().enumerate() {
        let edition = store.create_edition(&new_edition(meta)?).await?;
        edition_ids[i] = edition.id;
        summary.editions += 1;
        for (position, s) in plan.sections[i].iter().enumerate() {
            let section = store
                .create_section(&NewSection {
                    edition_id: edition.id,
                    slug: s.slug.clone(),
                    title: s.title.clone(),
                    description: s.description.clone(),
                    position: i32::try_from(position).unwrap_or(i32::MAX),
                })
                .await?;
            section_ids[i].push(section.id);
            summary.sections += 1;
        }
        let desk = meta.lang.words().desk;
        let logo = &logos[i];
        let asset = NewMediaAsset {
            caption: desk.logo_caption.to_owned(),
            alt_text: meta.name.to_owned(),
            credit: format!("© {}", meta.name),
            copyright: meta.name.to_owned(),
            source: desk.staff_source.to_owned(),
            is_file_photo: false,
            created_at: now,
            edition_id: Some(edition.id),
            section_id: None,
            ..logo.asset_base()
        };
        let (logo_id, created) = store_picture(store, media, logo, &asset).await?;
        store.set_edition_logo(edition.id, Some(logo_id)).await?;
        summary.media_assets += usize::from(created);
    }

    let settings = SiteSettings {
        site_name: Some(SITE_NAME.to_owned()),
        default_edition_id: Some(edition_ids[0]),
        social_links: Vec::new(),
        contact_email: Some(CONTACT_EMAIL.parse()?),
        contact_text: String::new(),
        websub_hub: None,
    };
    // The installer is nobody on the staff: the entry has no actor.
    let audit = NewAudit::new("site.settings", "site", None, now);
    store.update_site_settings(&settings, &audit).await?;

    let mut author_ids = Vec::with_capacity(plan.authors.len());
    for a in &plan.authors {
        let editions = plan
            .editions
            .iter()
            .zip(edition_ids)
            .filter(|(meta, _)| meta.lang == a.lang)
            .map(|(_, id)| id)
            .collect();
        let author = store
            .create_author(&NewAuthor::new(a.slug.clone(), &a.name, &a.bio, editions))
            .await?;
        author_ids.push(author.id);
        summary.authors += 1;
    }

    let mut media_ids = Vec::with_capacity(plan.pictures.len());
    for (p, r) in plan.pictures.iter().zip(&rendered) {
        let e = p.lang.index();
        let asset = NewMediaAsset {
            caption: p.caption.clone(),
            alt_text: p.alt.clone(),
            credit: p.credit.clone(),
            copyright: p.copyright.clone(),
            source: p.source.clone(),
            is_file_photo: p.is_file_photo,
            created_at: p.created_at,
            edition_id: Some(edition_ids[e]),
            section_id: section_ids[e].get(p.section).copied(),
            ..r.asset_base()
        };
        let (id, created) = store_picture(store, media, r, &asset).await?;
        media_ids.push(id);
        // A twin painted into the same bytes as another picture would be
        // merged with it (the bank dedupes by SHA-256): count only new ones.
        summary.media_assets += usize::from(created);
    }

    let mut article_ids: Vec<i64> = Vec::with_capacity(plan.articles.len());
    let mut groups: HashMap<usize, i64> = HashMap::new();
    for (i, a) in plan.articles.iter().enumerate() {
        let e = a.lang.index();
        let body = a
            .body
            .iter()
            .filter_map(|b| match b {
                PlannedBlock::Ready(block) => Some(block.clone()),
                PlannedBlock::Related(t) => article_ids
                    .get(*t)
                    .map(|id| BodyBlock::Related { article_id: *id }),
                PlannedBlock::Image(picture) => {
                    media_ids.get(*picture).map(|id| BodyBlock::Image {
                        media_id: *id,
                        caption: None,
                    })
                }
            })
            .collect();
        let new = NewArticle {
            edition_id: edition_ids[e],
            section_id: section_ids[e].get(a.section).copied().unwrap_or_default(),
            slug: a.slug.clone(),
            headline: a.headline.clone(),
            lead: a.lead.clone(),
            body,
            status: a.status,
            published_at: a.published_at,
            updated_at: a.updated_at,
            lead_media_id: media_ids.get(a.lead_picture).copied(),
            translation_group: a.translation_of.and_then(|o| groups.get(&o).copied()),
            author_ids: a
                .authors
                .iter()
                .filter_map(|x| author_ids.get(*x).copied())
                .collect(),
            tags: a.tags.clone(),
            seo: dateline_domain::ArticleSeo::default(),
        };
        let article = store.create_article(&new).await?;
        finish_workflow(store, &article, a.lang, i, now).await?;
        groups.insert(i, article.translation_group);
        article_ids.push(article.id);
        summary.articles += 1;
    }
    // One request to index everything, for indexers that started while
    // the rows were going in.
    store.note_search_rebuild().await?;
    Ok(summary)
}

pub(crate) fn new_edition(meta: &EditionMeta) -> Result<NewEdition, DemoError> {
    Ok(NewEdition {
        code: meta.code.parse()?,
        name: meta.name.to_owned(),
        language: meta.language.parse::<LanguageTag>()?,
        direction: meta.direction,
        time_zone: meta.time_zone.parse::<TimeZoneName>()?,
        date_format: meta.date_format.parse::<DateFormat>()?,
        logo_media_id: None,
        position: meta.position,
        number_system: dateline_domain::NumberSystem::Latin,
    })
}

/// Writes a picture and its renditions to the sink and records them in the
/// media bank; returns the asset's id, and whether it is new (the bank
/// keeps one asset per SHA-256, so the same bytes give the existing one).
pub(crate) async fn store_picture(
    store: &Store,
    media: &dyn BlobSink,
    picture: &RenderedPicture,
    asset: &NewMediaAsset,
) -> Result<(i64, bool), DemoError> {
    media
        .put(&asset.storage_key, picture.original.clone())
        .await?;
    let (stored, created) = store.create_media(asset).await?;
    for r in &picture.renditions {
        let key = key_for(&asset.sha256, &Credits::default(), None, r);
        media.put(&key, r.bytes.clone()).await?;
        store
            .add_rendition(&NewRendition {
                shape: r.shape,
                media_id: stored.id,
                width: r.width,
                height: r.height,
                format: r.format,
                storage_key: key,
                byte_size: r.bytes.len() as u64,
            })
            .await?;
    }
    Ok((stored.id, created))
}

impl RenderedPicture {
    /// The file facts of an asset; the caller adds the words.
    pub(crate) fn asset_base(&self) -> NewMediaAsset {
        let p = &self.probe;
        NewMediaAsset {
            storage_key: original_key(&p.sha256, p.format),
            format: p.format,
            width: p.width,
            height: p.height,
            byte_size: p.byte_size,
            sha256: p.sha256.clone(),
            caption: String::new(),
            alt_text: String::new(),
            credit: String::new(),
            copyright: String::new(),
            source: String::new(),
            is_file_photo: false,
            created_at: 0,
            edition_id: None,
            section_id: None,
        }
    }
}

/// Gives scheduled stories a publication time (a few hours ahead, so the
/// demo's scheduler publishes them while one looks around) and corrected
/// stories a dated note, as the newsroom would have.
async fn finish_workflow(
    store: &Store,
    article: &Article,
    lang: Lang,
    n: usize,
    now: UnixTime,
) -> Result<(), DemoError> {
    let change = match article.status {
        ArticleStatus::Scheduled => StatusChange {
            scheduled_at: Some(now + 3600 * (2 + (n as i64 % 5) * 3)),
            ..StatusChange::to(ArticleStatus::Scheduled)
        },
        ArticleStatus::Corrected => {
            let notes = match lang {
                Lang::En => [
                    "An earlier version of this article gave the wrong date for the vote.",
                    "An earlier version misstated the number of people affected.",
                ],
                Lang::Ru => [
                    "В первоначальной версии материала была неверно указана дата голосования.",
                    "В первоначальной версии было неверно указано число пострадавших.",
                ],
                Lang::Ar => [
                    "ذكرت نسخة سابقة من هذا التقرير موعدًا خاطئًا للتصويت.",
                    "أوردت نسخة سابقة عددًا غير دقيق للمتضررين.",
                ],
            };
            StatusChange {
                correction: Some(notes[n % notes.len()].to_owned()),
                ..StatusChange::to(ArticleStatus::Corrected)
            }
        }
        _ => return Ok(()),
    };
    // A correction is dated when the plan last touched the story.
    let at = match article.status {
        ArticleStatus::Corrected => article.updated_at,
        _ => now,
    };
    store.change_status(article.id, &change, at).await?;
    Ok(())
}
