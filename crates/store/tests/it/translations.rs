//! Translations: one story across editions.

use dateline_domain::{ArticleStatus, NewArticle};
use dateline_store::testing::{slug, Fixtures};
use dateline_store::Store;

const T: i64 = Fixtures::NOW;

async fn translations_link_editions(store: &Store) {
    let fx = Fixtures::new(store).await;
    let en = store.create_article(&fx.article("storm", T)).await.unwrap();
    let ru = store
        .create_article(&NewArticle {
            edition_id: fx.ru.id,
            section_id: fx.ru_world.id,
            slug: slug("shtorm"),
            headline: "Шторм".into(),
            translation_group: Some(en.translation_group),
            ..fx.article("shtorm", T + 10)
        })
        .await
        .unwrap();
    assert_eq!(ru.translation_group, en.id);

    let found = store.translations(en.translation_group).await.unwrap();
    let summary: Vec<_> = found
        .iter()
        .map(|t| {
            (
                t.article_id,
                t.edition_code.as_str(),
                t.language.as_str(),
                t.section_slug.as_str(),
                t.slug.as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (en.id, "en", "en", "world", "storm"),
            (ru.id, "ru", "ru", "world", "shtorm")
        ]
    );
    assert_eq!(found[1].headline, "Шторм");

    store
        .set_article_status(ru.id, ArticleStatus::Unpublished, T + 20)
        .await
        .unwrap();
    let found = store.translations(en.translation_group).await.unwrap();
    assert_eq!(
        found.iter().map(|t| t.article_id).collect::<Vec<_>>(),
        [en.id]
    );
    assert!(store.translations(9_999).await.unwrap().is_empty());
}
on_both_backends!(translations_link_editions);
