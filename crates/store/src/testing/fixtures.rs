//! A small newsroom to test against: two editions, sections, an author, a picture.

use dateline_domain::{
    ArticleSeo, ArticleStatus, BodyBlock, ImageFormat, NewArticle, NewAuthor, NewEdition,
    NewMediaAsset, NewSection, Slug, UnixTime,
};

use crate::records::{Author, Edition, MediaAsset, Section};
use crate::Store;

/// Rows every test can build on. Created by [`Fixtures::new`]:
/// editions `en` (position 0) and `ru` (position 1); sections `en/world`,
/// `en/business` and `ru/world`; author `jane-roe`; one media asset.
#[derive(Debug, Clone)]
pub struct Fixtures {
    pub en: Edition,
    pub ru: Edition,
    /// `world` in `en`.
    pub world: Section,
    /// `business` in `en`.
    pub business: Section,
    /// `world` in `ru`, for translations.
    pub ru_world: Section,
    pub author: Author,
    pub media: MediaAsset,
}

/// Parses a slug written in a test.
pub fn slug(s: &str) -> Slug {
    s.parse()
        .unwrap_or_else(|e| panic!("bad slug {s:?} in a test: {e}"))
}

impl Fixtures {
    /// A fixed "now" (2023-11-14T22:13:20Z) so that tests do not depend on the clock.
    pub const NOW: UnixTime = 1_700_000_000;

    pub async fn new(store: &Store) -> Fixtures {
        let en = edition(store, "en", "Dateline", "en", "Europe/London", 0).await;
        let ru = edition(store, "ru", "Дейтлайн", "ru", "Europe/Moscow", 1).await;
        let world = section(store, en.id, "world", "World", 0).await;
        let business = section(store, en.id, "business", "Business", 1).await;
        let ru_world = section(store, ru.id, "world", "В мире", 0).await;
        let author = store
            .create_author(&NewAuthor::new(
                slug("jane-roe"),
                "Jane Roe",
                "Covers the world.",
                vec![en.id, ru.id],
            ))
            .await
            .unwrap_or_else(|e| panic!("fixture author: {e}"));
        let (media, _) = store
            .create_media(&Fixtures::media_asset(1, Self::NOW))
            .await
            .unwrap_or_else(|e| panic!("fixture media: {e}"));
        Fixtures {
            en,
            ru,
            world,
            business,
            ru_world,
            author,
            media,
        }
    }

    /// A published article in `en/world` by the fixture author, with the
    /// fixture picture as lead, a one-paragraph body and no tags.
    pub fn article(&self, slug_text: &str, published_at: UnixTime) -> NewArticle {
        NewArticle {
            edition_id: self.en.id,
            section_id: self.world.id,
            slug: slug(slug_text),
            headline: format!("Headline of {slug_text}"),
            lead: format!("Lead of {slug_text}"),
            body: vec![BodyBlock::paragraph(format!("Body of {slug_text}"))],
            status: ArticleStatus::Published,
            published_at: Some(published_at),
            updated_at: published_at,
            lead_media_id: Some(self.media.id),
            translation_group: None,
            author_ids: vec![self.author.id],
            tags: Vec::new(),
            seo: ArticleSeo::default(),
        }
    }

    /// The same article as a draft: no publication time yet.
    pub fn draft(&self, slug_text: &str) -> NewArticle {
        NewArticle {
            status: ArticleStatus::Draft,
            published_at: None,
            updated_at: Self::NOW,
            ..self.article(slug_text, Self::NOW)
        }
    }

    /// A distinct picture for each `n` (its sha256 is derived from `n`).
    pub fn media_asset(n: u32, created_at: UnixTime) -> NewMediaAsset {
        NewMediaAsset {
            storage_key: format!("originals/{n}.jpg"),
            format: ImageFormat::Jpeg,
            width: 1600,
            height: 900,
            byte_size: 200_000 + u64::from(n),
            sha256: format!("{n:064x}"),
            caption: format!("Picture {n}"),
            alt_text: format!("Alt {n}"),
            credit: "© Photo: Test Agency".into(),
            copyright: "Test Agency".into(),
            source: "tests".into(),
            is_file_photo: false,
            created_at,
            edition_id: None,
            section_id: None,
        }
    }
}

async fn edition(
    store: &Store,
    code: &str,
    name: &str,
    language: &str,
    zone: &str,
    position: i32,
) -> Edition {
    let new = NewEdition {
        code: code.parse().unwrap_or_else(|e| panic!("{e}")),
        name: name.into(),
        language: language.parse().unwrap_or_else(|e| panic!("{e}")),
        direction: dateline_domain::TextDirection::Ltr,
        time_zone: zone.parse().unwrap_or_else(|e| panic!("{e}")),
        date_format: "%d.%m.%Y".parse().unwrap_or_else(|e| panic!("{e}")),
        logo_media_id: None,
        position,
        number_system: dateline_domain::NumberSystem::Latin,
    };
    store
        .create_edition(&new)
        .await
        .unwrap_or_else(|e| panic!("fixture edition {code}: {e}"))
}

async fn section(
    store: &Store,
    edition_id: i64,
    slug_text: &str,
    title: &str,
    position: i32,
) -> Section {
    let new = NewSection {
        edition_id,
        slug: slug(slug_text),
        title: title.into(),
        description: format!("{title} news"),
        position,
    };
    store
        .create_section(&new)
        .await
        .unwrap_or_else(|e| panic!("fixture section {slug_text}: {e}"))
}
