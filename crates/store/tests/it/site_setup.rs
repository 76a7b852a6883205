//! First-run setup (once, even when two race) and the admins' edition and
//! section-order changes, each with its audit row.

use dateline_domain::{NewEdition, NewUser, Role, TextDirection};
use dateline_store::testing::slug;
use dateline_store::{
    AuditQuery, EditionUpdate, Move, NewAudit, SetupError, SiteSetup, Store, StoreError,
};

pub(crate) fn setup(token_hash: &str, email: &str, code: &str) -> SiteSetup {
    SiteSetup {
        token_hash: token_hash.into(),
        admin: NewUser {
            email: email.parse().unwrap(),
            display_name: "First Admin".into(),
            role: Role::Admin,
            password_hash: Some("$argon2id$stub".into()),
        },
        site_name: None,
        edition: NewEdition {
            code: code.parse().unwrap(),
            name: "The Daily".into(),
            language: "en".parse().unwrap(),
            direction: TextDirection::Ltr,
            time_zone: "Europe/London".parse().unwrap(),
            date_format: "%d.%m.%Y".parse().unwrap(),
            logo_media_id: None,
            position: 0,
            number_system: dateline_domain::NumberSystem::Latin,
        },
        sections: vec![
            (slug("world"), "World".into()),
            (slug("sport"), "Sport".into()),
        ],
    }
}

async fn actions(store: &Store) -> Vec<String> {
    let query = AuditQuery {
        limit: 100,
        ..AuditQuery::default()
    };
    let mut all: Vec<String> = store
        .audit_log(&query)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|e| e.action)
        .collect();
    all.sort();
    all
}

async fn setup_happens_once_with_a_valid_token(store: &Store) {
    assert!(!store.has_staff().await.unwrap());
    store.add_setup_token("hash-a", 10).await.unwrap();
    store.add_setup_token("hash-b", 11).await.unwrap();

    let wrong = store
        .set_up_site(&setup("nope", "a@example.org", "en"), 20)
        .await;
    assert!(matches!(wrong, Err(SetupError::BadToken)), "{wrong:?}");
    assert!(
        store.editions().await.unwrap().is_empty(),
        "nothing created"
    );

    let done = store
        .set_up_site(&setup("hash-b", "a@example.org", "en"), 20)
        .await
        .unwrap();
    assert_eq!(done.admin.role(), Role::Admin);
    assert_eq!(done.edition.name, "The Daily");
    let slugs: Vec<_> = done.sections.iter().map(|s| s.slug.as_str()).collect();
    assert_eq!(slugs, ["world", "sport"]);
    assert_eq!(
        store.sections(done.edition.id).await.unwrap().len(),
        2,
        "sections stored in order"
    );
    assert!(store.has_staff().await.unwrap());
    assert_eq!(
        actions(store).await,
        [
            "edition.create",
            "section.create",
            "section.create",
            "site.setup"
        ]
    );

    // Every token is spent, and setup is over.
    let again = store
        .set_up_site(&setup("hash-a", "b@example.org", "de"), 30)
        .await;
    assert!(matches!(again, Err(SetupError::AlreadyDone)), "{again:?}");
    assert_eq!(store.staff_accounts().await.unwrap().len(), 1);
}

async fn a_refused_setup_keeps_the_token(store: &Store) {
    store.add_setup_token("hash", 10).await.unwrap();
    let mut dup = setup("hash", "a@example.org", "en");
    dup.sections.push((slug("world"), "World again".into()));
    let refused = store.set_up_site(&dup, 20).await;
    assert!(
        matches!(
            refused,
            Err(SetupError::Store(StoreError::Duplicate { what: "section" }))
        ),
        "{refused:?}"
    );
    assert!(!store.has_staff().await.unwrap());
    assert!(store.editions().await.unwrap().is_empty());
    store
        .set_up_site(&setup("hash", "a@example.org", "en"), 30)
        .await
        .unwrap();
}

async fn two_concurrent_setups_create_exactly_one_admin(store: &Store) {
    store.add_setup_token("one", 10).await.unwrap();
    store.add_setup_token("two", 10).await.unwrap();
    let first = setup("one", "one@example.org", "en");
    let second = setup("two", "two@example.org", "de");
    let (a, b) = tokio::join!(
        store.set_up_site(&first, 20),
        store.set_up_site(&second, 20)
    );
    let won = [a.is_ok(), b.is_ok()];
    assert_eq!(won.iter().filter(|w| **w).count(), 1, "{a:?} / {b:?}");
    let lost = if a.is_ok() { b } else { a };
    assert!(matches!(lost, Err(SetupError::AlreadyDone)), "{lost:?}");
    assert_eq!(store.staff_accounts().await.unwrap().len(), 1);
    assert_eq!(store.editions().await.unwrap().len(), 1);
}

async fn admins_create_and_change_editions_and_reorder_sections(store: &Store) {
    store.add_setup_token("t", 1).await.unwrap();
    let site = store
        .set_up_site(&setup("t", "a@example.org", "en"), 2)
        .await
        .unwrap();
    let by = |action: &str, item: &str| {
        NewAudit::new(action, item, None, 3).by(Some(site.admin.id()), None)
    };

    let mut de = setup("t", "x@example.org", "de").edition;
    de.name = "Die Zeitung".into();
    let de = store
        .create_edition_audited(&de, &by("edition.create", "edition"))
        .await
        .unwrap();
    assert_eq!(de.position, 1, "after the first edition");
    let taken = store
        .create_edition_audited(
            &setup("t", "x@example.org", "de").edition,
            &by("edition.create", "edition"),
        )
        .await;
    assert!(
        matches!(taken, Err(StoreError::Duplicate { .. })),
        "{taken:?}"
    );

    let update = EditionUpdate {
        name: Some("Die Morgenzeitung".into()),
        time_zone: Some("Europe/Berlin".parse().unwrap()),
        ..EditionUpdate::default()
    };
    let changed = store
        .update_edition(de.id, &update, &by("edition.update", "edition"))
        .await
        .unwrap();
    assert_eq!(
        (changed.name.as_str(), changed.time_zone.as_str()),
        ("Die Morgenzeitung", "Europe/Berlin")
    );
    let blank = EditionUpdate {
        name: Some("  ".into()),
        ..EditionUpdate::default()
    };
    assert!(store
        .update_edition(de.id, &blank, &by("edition.update", "edition"))
        .await
        .is_err());

    let sport = &site.sections[1];
    let order = store
        .move_section(sport.id, Move::Up, &by("section.move", "section"))
        .await
        .unwrap();
    let slugs: Vec<_> = order.iter().map(|s| s.slug.as_str()).collect();
    assert_eq!(slugs, ["sport", "world"]);
    // At the top already: nothing moves, nothing is recorded.
    store
        .move_section(sport.id, Move::Up, &by("section.move", "section"))
        .await
        .unwrap();
    let stored: Vec<_> = store
        .sections(site.edition.id)
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.slug.to_string(), s.position))
        .collect();
    assert_eq!(stored, [("sport".to_owned(), 0), ("world".to_owned(), 1)]);

    let log = actions(store).await;
    let count = |a: &str| log.iter().filter(|x| *x == a).count();
    assert_eq!(
        (
            count("edition.create"),
            count("edition.update"),
            count("section.move")
        ),
        (2, 1, 1),
        "{log:?}"
    );
    assert!(store.counter_drift().await.unwrap().mismatches.is_empty());
}

on_both_backends!(
    setup_happens_once_with_a_valid_token,
    a_refused_setup_keeps_the_token,
    two_concurrent_setups_create_exactly_one_admin,
    admins_create_and_change_editions_and_reorder_sections,
);
