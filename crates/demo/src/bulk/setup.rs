//! `bulk_setup`: makes sure there is something for bulk articles to attach
//! to — the demo's editions when installed, otherwise a minimal English
//! edition with its sections, tags, authors and a few pictures.

use dateline_domain::{NewAuthor, NewMediaAsset, NewSection, UnixTime};
use dateline_media::BlobSink;
use dateline_store::{MediaQuery, Store};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::{BulkEdition, BulkTargets};
use crate::install::{new_edition, render_bank, store_picture};
use crate::plan::{authors, edition_meta, pictures, sections, slug_of, PicturePlan};
use crate::text::Lang;
use crate::DemoError;

/// Finds (or creates) editions with sections and tags, authors and media,
/// and returns their ids for [`super::BulkGenerator::new`]. Creates only
/// what is missing, so it is safe to run before every `dateline gen`.
/// Needs a blob sink only when the media bank is empty: it then paints one
/// picture per section.
pub async fn bulk_setup(
    store: &Store,
    media: &dyn BlobSink,
    seed: u64,
    now: UnixTime,
) -> Result<BulkTargets, DemoError> {
    let mut editions = store.editions().await?;
    if editions.is_empty() {
        store
            .create_edition(&new_edition(&edition_meta(Lang::En))?)
            .await?;
        editions = store.editions().await?;
    }
    let mut targets = BulkTargets::default();
    for edition in &editions {
        let lang = Lang::from_tag(edition.language.as_str());
        let mut found = store.sections(edition.id).await?;
        if found.is_empty() {
            for (position, s) in sections(lang)?.into_iter().enumerate() {
                store
                    .create_section(&NewSection {
                        edition_id: edition.id,
                        slug: s.slug,
                        title: s.title,
                        description: s.description,
                        position: i32::try_from(position).unwrap_or(i32::MAX),
                    })
                    .await?;
            }
            found = store.sections(edition.id).await?;
        }
        // The edition's most used tags, and the section tags of its
        // language (`upsert_tag` returns them when they exist already).
        let mut tag_ids: Vec<i64> = store
            .top_tags(edition.id, 100)
            .await?
            .into_iter()
            .map(|t| t.id)
            .collect();
        for section in lang.words().sections {
            for name in section.tags {
                tag_ids.push(
                    store
                        .upsert_tag(edition.id, &slug_of(name)?, name)
                        .await?
                        .id,
                );
            }
        }
        tag_ids.sort_unstable();
        tag_ids.dedup();
        targets.editions.push(BulkEdition {
            edition_id: edition.id,
            lang,
            sections: found.into_iter().map(|s| (s.id, s.slug)).collect(),
            tag_ids,
            author_ids: Vec::new(),
        });
    }

    if store.authors().await?.is_empty() {
        let langs: Vec<Lang> = targets.editions.iter().map(|e| e.lang).collect();
        for a in authors()?.into_iter().filter(|a| langs.contains(&a.lang)) {
            let editions = targets
                .editions
                .iter()
                .filter(|e| e.lang == a.lang)
                .map(|e| e.edition_id)
                .collect();
            store
                .create_author(&NewAuthor::new(a.slug, &a.name, &a.bio, editions))
                .await?;
        }
    }
    for edition in &mut targets.editions {
        let people = store.authors_of_edition(edition.edition_id).await?;
        edition.author_ids = people.into_iter().map(|a| a.id).collect();
        edition.author_ids.sort_unstable();
    }

    let query = MediaQuery {
        limit: 100,
        include_hidden: true,
        ..MediaQuery::default()
    };
    let mut bank: Vec<i64> = store
        .list_media(&query)
        .await?
        .items
        .into_iter()
        .map(|m| m.id)
        .collect();
    if bank.is_empty() {
        if let Some(first) = targets.editions.first() {
            bank = seed_pictures(store, media, seed, now, first.edition_id, first.lang).await?;
        }
    }
    bank.sort_unstable();
    targets.media_ids = bank;
    Ok(targets)
}

/// One picture per section, with renditions, captioned in `lang` and filed
/// under `edition_id`.
async fn seed_pictures(
    store: &Store,
    media: &dyn BlobSink,
    seed: u64,
    now: UnixTime,
    edition_id: i64,
    lang: Lang,
) -> Result<Vec<i64>, DemoError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut plan: Vec<PicturePlan> = pictures(&mut rng, now);
    plan.retain(|p| p.lang == lang);
    plan.dedup_by_key(|p| p.section);
    let chosen = plan.clone();
    let (rendered, _) = tokio::task::spawn_blocking(move || render_bank(&chosen, &[]))
        .await
        .map_err(|e| DemoError::Task(e.to_string()))??;
    let mut ids = Vec::with_capacity(plan.len());
    for (p, r) in plan.iter().zip(&rendered) {
        let asset = NewMediaAsset {
            caption: p.caption.clone(),
            alt_text: p.alt.clone(),
            credit: p.credit.clone(),
            copyright: p.copyright.clone(),
            source: p.source.clone(),
            is_file_photo: p.is_file_photo,
            created_at: p.created_at,
            edition_id: Some(edition_id),
            section_id: None,
            ..r.asset_base()
        };
        ids.push(store_picture(store, media, r, &asset).await?.0);
    }
    Ok(ids)
}
