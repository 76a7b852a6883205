//! What the reader tests add to the shared newsroom: full renditions, an
//! edition logo, related-article cards, comments and a rich Russian body.

use dateline_domain::{
    ArticleStatus, BodyBlock, ImageFormat, NewArticle, NewRendition, RENDITION_WIDTHS,
};
use dateline_store::testing::TestDb;
use dateline_store::{ArticleUpdate, MediaAsset, Store};

use crate::newsroom::NOW;
use crate::test_app::TestApp;

const HOUR: i64 = 3600;

/// The second Russian story: related card and "next article" of `most-otkryt`.
pub const RU_OTHER: &str = "/ru/world/rynki-rastut";
/// A Russian story taken down (410).
pub const RU_WITHDRAWN: &str = "/ru/world/snyato";

/// A newsroom whose two bridge articles show every element of the page, on `db`.
pub async fn reader_app_on(db: TestDb) -> TestApp {
    let app = TestApp::on(db).await;
    let store = app.store();
    let nr = &app.newsroom;
    let fx = &nr.fixtures;
    for asset in [&fx.media, &nr.world_picture, &nr.ru_picture] {
        full_renditions(store, asset).await;
    }
    store
        .set_edition_logo(fx.en.id, Some(fx.media.id))
        .await
        .unwrap();

    let storm = store
        .article_by_slug(fx.en.id, &"storm-warning".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let mut body = nr.bridge.body.clone();
    body.insert(
        3,
        BodyBlock::Related {
            article_id: storm.id,
        },
    );
    update_body(store, nr.bridge.id, nr.bridge.version, body).await;

    let ru = |slug: &str, hours: i64, headline: &str| NewArticle {
        edition_id: fx.ru.id,
        section_id: fx.ru_world.id,
        headline: headline.into(),
        lead: "Краткое изложение.".into(),
        lead_media_id: Some(nr.ru_picture.id),
        ..fx.article(slug, NOW - hours * HOUR)
    };
    let other = store
        .create_article(&ru("rynki-rastut", 2, "Рынки растут"))
        .await
        .unwrap();
    let gone = store
        .create_article(&ru("snyato", 3, "Снятый материал"))
        .await
        .unwrap();
    store
        .set_article_status(gone.id, ArticleStatus::Unpublished, NOW)
        .await
        .unwrap();

    let ru_body = vec![
        BodyBlock::paragraph("Мост открыли на рассвете."),
        BodyBlock::Quote {
            text: "Мы вернулись.".into(),
            attribution: "заявил мэр".into(),
        },
        BodyBlock::Related {
            article_id: other.id,
        },
        BodyBlock::Image {
            media_id: nr.ru_picture.id,
            caption: None,
        },
    ];
    update_body(store, nr.ru_bridge.id, nr.ru_bridge.version, ru_body).await;

    store.add_comment_count(nr.bridge.id, 2).await.unwrap();
    store.add_comment_count(nr.ru_bridge.id, 21).await.unwrap();
    app
}

async fn update_body(store: &Store, id: i64, version: i64, body: Vec<BodyBlock>) {
    let update = ArticleUpdate {
        body: Some(body),
        ..ArticleUpdate::default()
    };
    // Keep the original timestamps meaningful: the edit is "an hour later".
    store
        .update_article(id, version, &update, NOW + HOUR)
        .await
        .unwrap();
}

/// JPEG and WebP at every standard width, as the media pipeline makes them.
pub(crate) async fn full_renditions(store: &Store, asset: &MediaAsset) {
    for format in [ImageFormat::Jpeg, ImageFormat::Webp] {
        for width in RENDITION_WIDTHS {
            store
                .add_rendition(&NewRendition {
                    shape: None,
                    media_id: asset.id,
                    width,
                    height: width * asset.height / asset.width,
                    format,
                    storage_key: format!(
                        "renditions/{:02x}/{}-{width}.{}",
                        asset.id,
                        asset.sha256,
                        format.extension()
                    ),
                    byte_size: u64::from(width) * 100,
                })
                .await
                .unwrap();
        }
    }
}
