//! Site-wide settings (read, replaced whole, audited, `site` purged) and
//! what admins change on an edition beyond its name: the date format and
//! the logo, whose pictures' keys are purged when it changes.

use std::sync::Arc;
use std::time::Duration;

use dateline_domain::{DateFormat, SiteSettings, SocialLink};
use dateline_store::events::{CacheKey, Event};
use dateline_store::testing::Fixtures;
use dateline_store::{AuditQuery, EditionUpdate, NewAudit, Store, StoreError};
use tokio::sync::broadcast::Receiver;

use crate::site_setup::setup;

const WAIT: Duration = Duration::from_secs(10);

/// The keys of the next purge this store's node announced (other nodes'
/// events are skipped).
async fn own_purge(store: &Store, rx: &mut Receiver<Arc<Event>>) -> Vec<String> {
    loop {
        match tokio::time::timeout(WAIT, rx.recv()).await {
            Ok(Ok(event)) => match &*event {
                Event::Purge { keys, origin } if *origin == store.node_id() => return keys.clone(),
                _ => continue,
            },
            other => panic!("no purge within {WAIT:?}: {other:?}"),
        }
    }
}

async fn audit_entries(store: &Store, action: &str) -> Vec<serde_json::Value> {
    let query = AuditQuery {
        limit: 100,
        ..AuditQuery::default()
    };
    store
        .audit_log(&query)
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|e| e.action == action)
        .map(|e| e.details)
        .collect()
}

async fn settings_are_unset_until_saved_then_replaced_whole(store: &Store) {
    let fx = Fixtures::new(store).await;
    assert_eq!(
        store.site_settings().await.unwrap(),
        SiteSettings::default()
    );
    let mut events = store.subscribe();
    let settings = SiteSettings {
        site_name: Some("The Daily".into()),
        default_edition_id: Some(fx.ru.id),
        social_links: vec![
            SocialLink::parse("Mastodon", "https://social.example/@daily").unwrap(),
            SocialLink::parse("Телеграм", "https://t.example/daily").unwrap(),
        ],
        contact_email: Some("desk@example.org".parse().unwrap()),
        contact_text: "1 Main Street\nSpringfield".into(),
        websub_hub: Some("https://hub.example/".into()),
    };
    let audit = NewAudit::new("site.settings", "site", None, Fixtures::NOW).by(None, None);
    let saved = store.update_site_settings(&settings, &audit).await.unwrap();
    assert_eq!(saved, settings);
    assert_eq!(store.site_settings().await.unwrap(), settings);
    assert_eq!(own_purge(store, &mut events).await, ["site"]);

    // Replaced whole: what is left out is unset again.
    let fewer = SiteSettings {
        site_name: Some("The Daily".into()),
        ..SiteSettings::default()
    };
    store.update_site_settings(&fewer, &audit).await.unwrap();
    assert_eq!(store.site_settings().await.unwrap(), fewer);
    let details = audit_entries(store, "site.settings").await;
    assert_eq!(details.len(), 2);
    // Newest first: the second change, from the first settings.
    assert_eq!(details[0]["before"]["contact_email"], "desk@example.org");
    assert_eq!(details[0]["before"]["websub_hub"], "https://hub.example/");
    assert_eq!(details[0]["after"]["websub_hub"], serde_json::Value::Null);
    assert_eq!(details[0]["after"]["social_links"], serde_json::json!([]));
    assert_eq!(details[1]["before"]["site_name"], serde_json::Value::Null);
    assert_eq!(details[1]["after"]["social_links"][1]["label"], "Телеграм");
}

async fn bad_settings_are_refused_and_change_nothing(store: &Store) {
    Fixtures::new(store).await;
    let audit = NewAudit::new("site.settings", "site", None, Fixtures::NOW);
    let nowhere = SiteSettings {
        default_edition_id: Some(9_999),
        ..SiteSettings::default()
    };
    let refused = store.update_site_settings(&nowhere, &audit).await;
    assert!(
        matches!(
            refused,
            Err(StoreError::MissingReference { what: "edition" })
        ),
        "{refused:?}"
    );
    let unchecked = SiteSettings {
        social_links: vec![SocialLink {
            label: "X".into(),
            url: "javascript:alert(1)".into(),
        }],
        ..SiteSettings::default()
    };
    let refused = store.update_site_settings(&unchecked, &audit).await;
    assert!(
        matches!(&refused, Err(StoreError::Invalid(e)) if e.field == "social_url"),
        "{refused:?}"
    );
    assert_eq!(
        store.site_settings().await.unwrap(),
        SiteSettings::default()
    );
    assert!(audit_entries(store, "site.settings").await.is_empty());
}

async fn setup_names_the_site_and_gives_the_edition_its_logo(store: &Store) {
    let (logo, _) = store
        .create_media(&Fixtures::media_asset(7, Fixtures::NOW))
        .await
        .unwrap();
    store.add_setup_token("t", 1).await.unwrap();
    let mut first = setup("t", "a@example.org", "en");
    first.site_name = Some("Morning Group".into());
    first.edition.date_format = "%e %B %Y".parse().unwrap();
    first.edition.logo_media_id = Some(logo.id);
    let site = store.set_up_site(&first, 2).await.unwrap();
    assert_eq!(site.edition.logo_media_id, Some(logo.id));
    assert_eq!(site.edition.date_format.as_str(), "%e %B %Y");
    let settings = store.site_settings().await.unwrap();
    assert_eq!(settings.site_name.as_deref(), Some("Morning Group"));
    let details = audit_entries(store, "site.settings").await;
    assert_eq!(details.len(), 1, "{details:?}");
    assert_eq!(details[0]["after"]["site_name"], "Morning Group");
}

async fn a_setup_without_a_site_name_leaves_the_settings_unset(store: &Store) {
    store.add_setup_token("t", 1).await.unwrap();
    store
        .set_up_site(&setup("t", "a@example.org", "en"), 2)
        .await
        .unwrap();
    assert_eq!(
        store.site_settings().await.unwrap(),
        SiteSettings::default()
    );
    assert!(audit_entries(store, "site.settings").await.is_empty());
}

async fn an_edition_changes_its_date_format_and_logo_audited(store: &Store) {
    let fx = Fixtures::new(store).await;
    let (first, _) = store
        .create_media(&Fixtures::media_asset(2, Fixtures::NOW))
        .await
        .unwrap();
    let (second, _) = store
        .create_media(&Fixtures::media_asset(3, Fixtures::NOW))
        .await
        .unwrap();
    let audit = NewAudit::new("edition.update", "edition", Some(fx.en.id), Fixtures::NOW);
    let mut events = store.subscribe();
    let update = EditionUpdate {
        date_format: Some("%B %e, %Y".parse::<DateFormat>().unwrap()),
        logo_media_id: Some(Some(first.id)),
        ..EditionUpdate::default()
    };
    let changed = store
        .update_edition(fx.en.id, &update, &audit)
        .await
        .unwrap();
    assert_eq!(
        (changed.date_format.as_str(), changed.logo_media_id),
        ("%B %e, %Y", Some(first.id))
    );
    assert_eq!(changed.name, fx.en.name, "unnamed fields stay");
    assert_eq!(
        own_purge(store, &mut events).await,
        ["site".to_owned(), CacheKey::Media(first.id).to_string()]
    );

    let swap = EditionUpdate {
        logo_media_id: Some(Some(second.id)),
        ..EditionUpdate::default()
    };
    store.update_edition(fx.en.id, &swap, &audit).await.unwrap();
    assert_eq!(
        own_purge(store, &mut events).await,
        [
            "site".to_owned(),
            CacheKey::Media(first.id).to_string(),
            CacheKey::Media(second.id).to_string()
        ],
        "the old logo is hidden again, the new one shown"
    );

    let missing = EditionUpdate {
        logo_media_id: Some(Some(9_999)),
        ..EditionUpdate::default()
    };
    let refused = store.update_edition(fx.en.id, &missing, &audit).await;
    assert!(
        matches!(refused, Err(StoreError::MissingReference { what: "logo" })),
        "{refused:?}"
    );
    let removed = EditionUpdate {
        logo_media_id: Some(None),
        ..EditionUpdate::default()
    };
    let plain = store
        .update_edition(fx.en.id, &removed, &audit)
        .await
        .unwrap();
    assert_eq!(plain.logo_media_id, None);
    assert_eq!(plain.date_format.as_str(), "%B %e, %Y");

    let details = audit_entries(store, "edition.update").await;
    assert_eq!(details.len(), 3, "the refused change is not recorded");
    assert_eq!(
        details[2]["changes"]["date_format"],
        serde_json::json!(["%d.%m.%Y", "%B %e, %Y"])
    );
    assert_eq!(
        details[1]["changes"]["logo_media_id"],
        serde_json::json!([first.id, second.id])
    );
    assert_eq!(
        details[0]["changes"]["logo_media_id"],
        serde_json::json!([second.id, null])
    );
}

on_both_backends!(
    settings_are_unset_until_saved_then_replaced_whole,
    bad_settings_are_refused_and_change_nothing,
    setup_names_the_site_and_gives_the_edition_its_logo,
    a_setup_without_a_site_name_leaves_the_settings_unset,
    an_edition_changes_its_date_format_and_logo_audited,
);
