//! A small, fixed newsroom on top of the store's `Fixtures`: enough articles,
//! tags, translations and pictures to exercise every API endpoint.

use dateline_domain::{
    ArticleStatus, BodyBlock, NewArticle, NewAuthor, NewRendition, RENDITION_WIDTHS,
};
use dateline_store::testing::{slug, Fixtures};
use dateline_store::{Article, MediaAsset, Store};

pub const NOW: i64 = Fixtures::NOW;
const HOUR: i64 = 3600;

/// What `seed` created, for tests that need ids.
#[derive(Debug)]
pub struct Newsroom {
    pub fixtures: Fixtures,
    /// Filed under `en/world`, with renditions.
    pub world_picture: MediaAsset,
    /// Filed under `ru`, no section.
    pub ru_picture: MediaAsset,
    pub bridge: Article,
    pub ru_bridge: Article,
    pub draft: Article,
    pub withdrawn: Article,
    /// Every public article in `en`, newest first.
    pub en_public_slugs: Vec<&'static str>,
}

pub async fn seed(store: &Store) -> Newsroom {
    let fx = Fixtures::new(store).await;
    renditions(store, &fx.media).await;
    let mut world_new = Fixtures::media_asset(2, NOW - HOUR);
    world_new.edition_id = Some(fx.en.id);
    world_new.section_id = Some(fx.world.id);
    world_new.is_file_photo = true;
    let world_picture = media(store, &world_new).await;
    renditions(store, &world_picture).await;
    let mut ru_new = Fixtures::media_asset(3, NOW - 2 * HOUR);
    ru_new.edition_id = Some(fx.ru.id);
    let ru_picture = media(store, &ru_new).await;
    for n in 4..=6 {
        let mut old = Fixtures::media_asset(n, NOW - i64::from(n) * 24 * HOUR);
        old.edition_id = Some(fx.en.id);
        let old = media(store, &old).await;
        // No story uses them: public only because an editor released them.
        let audit = dateline_store::NewAudit::new("media.release", "media", Some(old.id), NOW);
        store.release_media(old.id, true, &audit).await.unwrap();
    }
    let john = store
        .create_author(&NewAuthor::new(
            slug("john-doe"),
            "John Doe",
            "Markets and money.",
            vec![fx.en.id],
        ))
        .await
        .unwrap();

    let bridge = create(
        store,
        NewArticle {
            body: vec![
                BodyBlock::paragraph("The bridge reopened at dawn."),
                BodyBlock::Heading {
                    level: 2.try_into().unwrap(),
                    text: "Traffic".into(),
                },
                BodyBlock::Quote {
                    text: "We are back.".into(),
                    attribution: "the mayor said".into(),
                },
                BodyBlock::Image {
                    media_id: world_picture.id,
                    caption: Some("The bridge at dawn".into()),
                },
                BodyBlock::Embed {
                    url: "https://video.example/bridge".into(),
                    title: Some("Video".into()),
                },
            ],
            tags: vec![
                (slug("transport"), "Transport".into()),
                (slug("city"), "City".into()),
            ],
            ..fx.article("bridge-reopens", NOW)
        },
    )
    .await;
    let ru_bridge = create(
        store,
        NewArticle {
            edition_id: fx.ru.id,
            section_id: fx.ru_world.id,
            headline: "Мост открыт".into(),
            translation_group: Some(bridge.translation_group),
            lead_media_id: Some(ru_picture.id),
            ..fx.article("most-otkryt", NOW - HOUR)
        },
    )
    .await;
    create(
        store,
        NewArticle {
            section_id: fx.business.id,
            author_ids: vec![john.id],
            lead_media_id: None,
            tags: vec![(slug("economy"), "Economy".into())],
            ..fx.article("markets-rally", NOW - HOUR)
        },
    )
    .await;
    create(
        store,
        NewArticle {
            status: ArticleStatus::Corrected,
            tags: vec![(slug("transport"), "Transport".into())],
            ..fx.article("storm-warning", NOW - 2 * HOUR)
        },
    )
    .await;
    for (i, name) in ["older-one", "older-two", "older-three"]
        .into_iter()
        .enumerate()
    {
        let hours = 24 * (i64::try_from(i).unwrap() + 1);
        create(store, fx.article(name, NOW - hours * HOUR)).await;
    }
    let draft = create(store, fx.draft("secret-plan")).await;
    let withdrawn = create(store, fx.article("withdrawn-story", NOW - 3 * HOUR)).await;
    let withdrawn = store
        .set_article_status(withdrawn.id, ArticleStatus::Unpublished, NOW)
        .await
        .unwrap();
    Newsroom {
        fixtures: fx,
        world_picture,
        ru_picture,
        bridge,
        ru_bridge,
        draft,
        withdrawn,
        en_public_slugs: vec![
            "bridge-reopens",
            "markets-rally",
            "storm-warning",
            "older-one",
            "older-two",
            "older-three",
        ],
    }
}

async fn create(store: &Store, new: NewArticle) -> Article {
    store
        .create_article(&new)
        .await
        .unwrap_or_else(|e| panic!("seed article {}: {e}", new.slug))
}

async fn media(store: &Store, new: &dateline_domain::NewMediaAsset) -> MediaAsset {
    let (asset, created) = store.create_media(new).await.unwrap();
    assert!(created, "seed pictures must be distinct");
    asset
}

/// Two WebP renditions, then the asset is read back with them.
async fn renditions(store: &Store, asset: &MediaAsset) {
    for width in RENDITION_WIDTHS.into_iter().take(2) {
        store
            .add_rendition(&NewRendition {
                shape: None,
                media_id: asset.id,
                width,
                height: width * asset.height / asset.width,
                format: dateline_domain::ImageFormat::Webp,
                storage_key: format!("renditions/{}-{width}.webp", asset.id),
                byte_size: u64::from(width) * 10,
            })
            .await
            .unwrap();
    }
}
