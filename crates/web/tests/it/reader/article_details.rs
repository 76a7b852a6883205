//! Details of the article page a reader relies on: a picture is described
//! by its stored alt text (its caption only when it has none), and the
//! newsfeed column beside the story says which day each time belongs to.

use crate::test_app::TestApp;
use dateline_store::{MediaTextUpdate, NewAudit};

use super::{all, attr, one, page, text};

const STORY: &str = "/en/world/bridge-reopens";

async fn pictures_are_described_by_their_alt_text_and_by_the_caption_only_without_one(
    app: TestApp,
) {
    let card = ".article-body aside.related img";
    let doc = page(&app, STORY).await;
    assert_eq!(
        attr(one(&doc, card), "alt"),
        "Alt 1 - Dateline, 1920, 14.11.2023"
    );

    let media = &app.newsroom.fixtures.media;
    let update = MediaTextUpdate {
        alt_text: Some(String::new()),
        ..MediaTextUpdate::default()
    };
    let audit = NewAudit {
        at: crate::newsroom::NOW,
        actor_user_id: None,
        actor_token_id: None,
        action: "media.update".into(),
        item_type: "media".into(),
        item_id: Some(media.id),
        details: serde_json::Value::Null,
        ip: String::new(),
    };
    app.store()
        .update_media_text(media.id, &update, &audit)
        .await
        .unwrap();
    let doc = page(&app, STORY).await;
    assert_eq!(
        attr(one(&doc, card), "alt"),
        "Picture 1 - Dateline, 1920, 14.11.2023"
    );
}

async fn the_newsfeed_column_groups_its_times_by_day(app: TestApp) {
    let doc = page(&app, STORY).await;
    let days = all(&doc, "aside.newsfeed .stream-day");
    let mut seen = Vec::new();
    for day in &days {
        let heading = text(one_in(*day, ".stream-date"));
        let items: Vec<String> = day
            .select(&super::sel("li.stream-item time"))
            .map(|t| attr(t, "datetime")[..10].to_owned())
            .collect();
        assert!(!items.is_empty(), "{heading}: no items");
        // Every time under a heading is of that day (ISO 2023-11-14 is 14.11.2023).
        for iso in &items {
            let (y, rest) = iso.split_once('-').unwrap();
            let (m, d) = rest.split_once('-').unwrap();
            assert_eq!(heading, format!("{d}.{m}.{y}"), "{items:?}");
        }
        seen.push(heading);
    }
    let mut distinct = seen.clone();
    distinct.dedup();
    assert_eq!(distinct, seen, "one heading per day");
    // The fixture's stories: three on the day of the story, then one a day.
    assert_eq!(
        seen,
        ["14.11.2023", "13.11.2023", "12.11.2023", "11.11.2023"]
    );
    let items = all(&doc, "aside.newsfeed li.stream-item").len();
    let grouped: usize = days
        .iter()
        .map(|d| d.select(&super::sel("li.stream-item")).count())
        .sum();
    assert_eq!(items, grouped, "every item under a day");
}

fn one_in<'a>(el: scraper::ElementRef<'a>, css: &str) -> scraper::ElementRef<'a> {
    el.select(&super::sel(css))
        .next()
        .unwrap_or_else(|| panic!("no {css}"))
}

on_both_backends!(
    crate::reader::fixture::reader_app_on;
    pictures_are_described_by_their_alt_text_and_by_the_caption_only_without_one,
    the_newsfeed_column_groups_its_times_by_day,
);
