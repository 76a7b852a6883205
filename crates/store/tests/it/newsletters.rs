//! Newsletters: every edition's and section's lists, double opt-in by
//! link or code, proved sign-ups and preferences, unsubscribing, digests
//! claimed once per day, breaking alerts, the send worker's deliveries,
//! web push subscriptions and keys, and what export, account deletion and
//! housekeeping do with the addresses.

use dateline_domain::{EmailAddress, NewArticle, NewEdition, NewSection};
use dateline_store::newsletters::{
    ChangeSource, Channel, DeliveryKey, DueDelivery, ListKind, NewConfirmation, SendKind, SignUp,
    Subscriber, SubscriberStatus, SubscriptionState,
};
use dateline_store::testing::{slug, Fixtures};
use dateline_store::{AuditQuery, CodeRefusal, Move, NewAudit, NewReader, Store, StoreError};

const T: i64 = Fixtures::NOW;
const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;
const IP: &str = "192.0.2.7";
/// Seconds a worker's claim on a delivery lasts.
const LEASE: i64 = 60;

/// The ids of an edition's lists, by what they are.
#[derive(Debug, Clone, Copy)]
struct EnLists {
    digest: i64,
    world: i64,
    business: i64,
    breaking: i64,
}

#[derive(Debug, Clone, Copy)]
struct RuLists {
    digest: i64,
    breaking: i64,
}

async fn en_lists(store: &Store, fx: &Fixtures) -> EnLists {
    let lists = store.newsletter_lists(fx.en.id).await.unwrap();
    let shape: Vec<_> = lists.iter().map(|l| (l.kind, l.section_id)).collect();
    assert_eq!(
        shape,
        [
            (ListKind::Digest, None),
            (ListKind::Section, Some(fx.world.id)),
            (ListKind::Section, Some(fx.business.id)),
            (ListKind::Breaking, None),
        ]
    );
    EnLists {
        digest: lists[0].id,
        world: lists[1].id,
        business: lists[2].id,
        breaking: lists[3].id,
    }
}

async fn ru_lists(store: &Store, fx: &Fixtures) -> RuLists {
    let lists = store.newsletter_lists(fx.ru.id).await.unwrap();
    let shape: Vec<_> = lists.iter().map(|l| (l.kind, l.section_id)).collect();
    assert_eq!(
        shape,
        [
            (ListKind::Digest, None),
            (ListKind::Section, Some(fx.ru_world.id)),
            (ListKind::Breaking, None),
        ]
    );
    RuLists {
        digest: lists[0].id,
        breaking: lists[2].id,
    }
}

fn address(s: &str) -> EmailAddress {
    s.parse().unwrap()
}

/// The secrets of a confirmation mail, hashed: `link-{tag}` and `code-{tag}`.
fn confirmation(tag: &str, expires_at: i64) -> NewConfirmation {
    NewConfirmation {
        token_hash: format!("link-{tag}"),
        code_hash: format!("code-{tag}"),
        expires_at,
    }
}

/// A sign-up from the subscribe page (with a confirmation) or, without
/// one, from a verified reader's profile (the address proved).
fn sign_up<'a>(
    email: &'a EmailAddress,
    edition_id: i64,
    list_ids: &'a [i64],
    confirmation: Option<&'a NewConfirmation>,
    now: i64,
) -> SignUp<'a> {
    let proved = confirmation.is_none();
    SignUp {
        email,
        edition_id,
        list_ids,
        reader_id: None,
        address_proved: proved,
        source: if proved {
            ChangeSource::Profile
        } else {
            ChangeSource::Form
        },
        ip: IP,
        now,
        new_link_key: "link-key-secret",
        confirmation,
    }
}

/// Signs `email` up for `list_ids` of `edition_id` with the address proved:
/// active at once.
async fn active_subscriber(
    store: &Store,
    email: &str,
    edition_id: i64,
    list_ids: &[i64],
) -> Subscriber {
    let email = address(email);
    store
        .subscribe_newsletter(&sign_up(&email, edition_id, list_ids, None, T))
        .await
        .unwrap()
}

/// Signs `email` up from the subscribe page for `list_ids` of
/// `edition_id`, with `letter` to confirm: pending until it is.
async fn pending_subscriber(
    store: &Store,
    email: &EmailAddress,
    edition_id: i64,
    list_ids: &[i64],
    letter: &NewConfirmation,
    now: i64,
) -> Subscriber {
    store
        .subscribe_newsletter(&sign_up(email, edition_id, list_ids, Some(letter), now))
        .await
        .unwrap()
}

/// `(list, state)` of each of the subscriber's lists.
async fn states(store: &Store, subscriber_id: i64) -> Vec<(i64, SubscriptionState)> {
    store
        .newsletter_subscriptions(subscriber_id)
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.list_id, s.state))
        .collect()
}

/// `(list, event, source)` of the consent record, oldest first.
async fn history(store: &Store, subscriber_id: i64) -> Vec<(Option<i64>, String, String)> {
    store
        .newsletter_history(subscriber_id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.list_id, e.event, e.source))
        .collect()
}

fn event(list: Option<i64>, event: &str, source: &str) -> (Option<i64>, String, String) {
    (list, event.to_owned(), source.to_owned())
}

/// A published story of `en/world`.
async fn story(store: &Store, fx: &Fixtures, name: &str, at: i64) -> i64 {
    store
        .create_article(&fx.article(name, at))
        .await
        .unwrap()
        .id
}

/// Any other published story.
async fn story_in(store: &Store, new: NewArticle) -> i64 {
    store.create_article(&new).await.unwrap().id
}

fn mail(send_id: i64, subscriber_id: i64) -> DeliveryKey {
    DeliveryKey {
        send_id,
        channel: Channel::Mail,
        recipient_id: subscriber_id,
    }
}

fn keys(due: &[DueDelivery]) -> Vec<DeliveryKey> {
    due.iter().map(|d| d.key).collect()
}

async fn list_audit(
    store: &Store,
    item_type: &str,
    item_id: i64,
) -> Vec<(String, serde_json::Value)> {
    store
        .audit_log(&AuditQuery {
            item_type: Some(item_type.into()),
            item_id: Some(item_id),
            limit: 50,
            ..AuditQuery::default()
        })
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|e| (e.action, e.details))
        .collect()
}

fn new_edition(code: &str) -> NewEdition {
    NewEdition {
        code: code.parse().unwrap(),
        name: format!("Edition {code}"),
        language: "de".parse().unwrap(),
        direction: dateline_domain::TextDirection::Ltr,
        time_zone: "Europe/Berlin".parse().unwrap(),
        date_format: "%d.%m.%Y".parse().unwrap(),
        logo_media_id: None,
        position: 7,
        number_system: dateline_domain::NumberSystem::Latin,
    }
}

fn new_section(edition_id: i64, name: &str, position: i32) -> NewSection {
    NewSection {
        edition_id,
        slug: slug(name),
        title: format!("Title {name}"),
        description: String::new(),
        position,
    }
}

async fn every_edition_and_section_has_its_lists(store: &Store) {
    let fx = Fixtures::new(store).await;
    let en = en_lists(store, &fx).await;
    ru_lists(store, &fx).await;
    let lists = store.newsletter_lists(fx.en.id).await.unwrap();
    assert!(lists.iter().all(|l| l.edition_id == fx.en.id
        && l.active
        && l.send_minute == 420
        && l.last_day.is_empty()));
    let titles: Vec<_> = lists.iter().map(|l| l.section_title.as_deref()).collect();
    assert_eq!(titles, [None, Some("World"), Some("Business"), None]);

    // Sections come in their order, not in the order they were made.
    let audit = NewAudit::new("section.move", "section", None, T);
    store
        .move_section(fx.business.id, Move::Up, &audit)
        .await
        .unwrap();
    let order: Vec<_> = store
        .newsletter_lists(fx.en.id)
        .await
        .unwrap()
        .iter()
        .map(|l| l.id)
        .collect();
    assert_eq!(order, [en.digest, en.business, en.world, en.breaking]);

    // A new edition gets a digest and a breaking list, each new section a digest.
    let de = store.create_edition(&new_edition("de")).await.unwrap();
    let kinds = |lists: Vec<dateline_store::newsletters::NewsletterList>| {
        lists
            .into_iter()
            .map(|l| (l.kind, l.section_title))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        kinds(store.newsletter_lists(de.id).await.unwrap()),
        [(ListKind::Digest, None), (ListKind::Breaking, None)]
    );
    store
        .create_section(&new_section(de.id, "sport", 1))
        .await
        .unwrap();
    let audit = NewAudit::new("section.create", "section", None, T);
    let culture = store
        .create_section_audited(&new_section(de.id, "culture", 0), &audit)
        .await
        .unwrap();
    assert_eq!(
        kinds(store.newsletter_lists(de.id).await.unwrap()),
        [
            (ListKind::Digest, None),
            (ListKind::Section, Some("Title culture".to_owned())),
            (ListKind::Section, Some("Title sport".to_owned())),
            (ListKind::Breaking, None),
        ]
    );
    let lists = store.newsletter_lists(de.id).await.unwrap();
    assert_eq!(lists[1].section_id, Some(culture.id));
    assert!(lists.iter().all(|l| l.edition_id == de.id && l.active));

    // An edition made by the newsroom's form gets them too.
    let audit = NewAudit::new("edition.create", "edition", None, T);
    let fr = store
        .create_edition_audited(&new_edition("fr"), &audit)
        .await
        .unwrap();
    assert_eq!(
        kinds(store.newsletter_lists(fr.id).await.unwrap()),
        [(ListKind::Digest, None), (ListKind::Breaking, None)]
    );

    // The overview has every list, by edition, with active subscribers only.
    let email = address("pending@example.org");
    let pending = confirmation("p", T + DAY);
    pending_subscriber(store, &email, fx.en.id, &[en.digest], &pending, T).await;
    active_subscriber(store, "ann@example.org", fx.en.id, &[en.digest, en.world]).await;
    let all = store.all_newsletter_lists().await.unwrap();
    assert_eq!(all.len(), 4 + 3 + 4 + 2);
    let editions: Vec<_> = all.iter().map(|l| l.edition_id).collect();
    let mut by_position = editions.clone();
    by_position.dedup();
    assert_eq!(by_position, [fx.en.id, fx.ru.id, de.id, fr.id]);
    let counts: Vec<_> = all[..4].iter().map(|l| (l.id, l.subscribers)).collect();
    assert_eq!(
        counts,
        [
            (en.digest, 1),
            (en.business, 0),
            (en.world, 1),
            (en.breaking, 0)
        ]
    );
}

async fn list_settings_are_checked_and_audited(store: &Store) {
    let fx = Fixtures::new(store).await;
    let en = en_lists(store, &fx).await;
    let audit = NewAudit::new("newsletter_list.update", "newsletter_list", None, T);

    store
        .update_newsletter_list(en.world, 23 * 60 + 59, false, &audit)
        .await
        .unwrap();
    let world = store.newsletter_list(en.world).await.unwrap().unwrap();
    assert_eq!((world.send_minute, world.active), (1439, false));
    let digests: Vec<_> = store
        .active_digest_lists()
        .await
        .unwrap()
        .iter()
        .map(|l| l.id)
        .collect();
    assert!(digests.contains(&en.digest) && digests.contains(&en.business));
    assert!(!digests.contains(&en.world), "switched off: {digests:?}");
    assert!(!digests.contains(&en.breaking), "not a digest");

    for minute in [24 * 60, -1] {
        let err = store
            .update_newsletter_list(en.world, minute, true, &audit)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{minute}: {err:?}");
    }
    let err = store
        .update_newsletter_list(999_999, 60, true, &audit)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    let world = store.newsletter_list(en.world).await.unwrap().unwrap();
    assert_eq!(
        (world.send_minute, world.active),
        (1439, false),
        "unchanged"
    );
    assert!(store.newsletter_list(999_999).await.unwrap().is_none());

    store
        .update_newsletter_list(en.world, 0, true, &audit)
        .await
        .unwrap();
    let world = store.newsletter_list(en.world).await.unwrap().unwrap();
    assert_eq!((world.send_minute, world.active), (0, true));

    let log = list_audit(store, "newsletter_list", en.world).await;
    assert_eq!(
        log,
        [
            (
                "newsletter_list.update".to_owned(),
                serde_json::json!({ "send_minute": 0, "active": true })
            ),
            (
                "newsletter_list.update".to_owned(),
                serde_json::json!({ "send_minute": 1439, "active": false })
            ),
        ],
        "one row per change made, none for refusals"
    );
}

async fn a_sign_up_waits_for_its_link(store: &Store) {
    let fx = Fixtures::new(store).await;
    let en = en_lists(store, &fx).await;
    let email = address("ann@example.org");
    let letter = confirmation("a", T + DAY);
    let ann = store
        .subscribe_newsletter(&sign_up(
            &email,
            fx.en.id,
            &[en.digest, en.world],
            Some(&letter),
            T,
        ))
        .await
        .unwrap();
    assert_eq!(ann.email, "ann@example.org");
    assert_eq!((ann.edition_id, ann.reader_id), (fx.en.id, None));
    assert_eq!((ann.status, ann.bounces), (SubscriberStatus::Active, 0));
    assert_eq!(
        store
            .newsletter_subscriber_by_email("ann@example.org")
            .await
            .unwrap(),
        Some(ann.clone())
    );
    assert_eq!(
        states(store, ann.id).await,
        [
            (en.digest, SubscriptionState::Pending),
            (en.world, SubscriptionState::Pending)
        ]
    );
    assert!(!store.newsletter_receives(ann.id, en.digest).await.unwrap());
    assert!(store
        .confirm_newsletter_link("link-other", IP, T + 1)
        .await
        .unwrap()
        .is_none());

    let confirmed = store
        .confirm_newsletter_link("link-a", "198.51.100.9", T + 60)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(confirmed.id, ann.id);
    let subscriptions = store.newsletter_subscriptions(ann.id).await.unwrap();
    assert!(subscriptions
        .iter()
        .all(|s| s.state == SubscriptionState::Active
            && s.created_at == T
            && s.confirmed_at == Some(T + 60)));
    assert!(store.newsletter_receives(ann.id, en.digest).await.unwrap());
    assert!(store.newsletter_receives(ann.id, en.world).await.unwrap());
    assert!(!store
        .newsletter_receives(ann.id, en.breaking)
        .await
        .unwrap());
    assert_eq!(
        history(store, ann.id).await,
        [
            event(Some(en.digest), "subscribed", "form"),
            event(Some(en.world), "subscribed", "form"),
            event(Some(en.digest), "confirmed", "link"),
            event(Some(en.world), "confirmed", "link"),
        ]
    );
    let ips: Vec<_> = store
        .newsletter_history(ann.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.ip, e.at))
        .collect();
    assert_eq!(
        ips,
        [
            (IP.to_owned(), T),
            (IP.to_owned(), T),
            ("198.51.100.9".to_owned(), T + 60),
            ("198.51.100.9".to_owned(), T + 60),
        ]
    );

    // A link works once.
    assert!(store
        .confirm_newsletter_link("link-a", IP, T + 61)
        .await
        .unwrap()
        .is_none());
    assert_eq!(history(store, ann.id).await.len(), 4);

    // And only until it expires.
    let email = address("bob@example.org");
    let letter = confirmation("b", T + DAY);
    let bob = pending_subscriber(store, &email, fx.en.id, &[en.digest], &letter, T).await;
    assert!(store
        .confirm_newsletter_link("link-b", IP, T + DAY)
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        states(store, bob.id).await,
        [(en.digest, SubscriptionState::Pending)]
    );
}

async fn the_code_confirms_and_counts_wrong_guesses(store: &Store) {
    let fx = Fixtures::new(store).await;
    let en = en_lists(store, &fx).await;
    let ann_email = address("ann@example.org");
    let letter = confirmation("a", T + DAY);
    let ann = pending_subscriber(store, &ann_email, fx.en.id, &[en.digest], &letter, T).await;
    let wrong = store
        .confirm_newsletter_code(&ann_email, "code-x", 3, IP, T + 1)
        .await
        .unwrap();
    assert_eq!(wrong, Err(CodeRefusal::Wrong));
    let right = store
        .confirm_newsletter_code(&ann_email, "code-a", 3, IP, T + 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(right.id, ann.id);
    assert_eq!(
        states(store, ann.id).await,
        [(en.digest, SubscriptionState::Active)]
    );
    assert_eq!(
        history(store, ann.id).await.last(),
        Some(&event(Some(en.digest), "confirmed", "code"))
    );
    // Used: neither the code nor the link works again.
    let again = store
        .confirm_newsletter_code(&ann_email, "code-a", 3, IP, T + 3)
        .await
        .unwrap();
    assert_eq!(again, Err(CodeRefusal::Wrong));
    assert!(store
        .confirm_newsletter_link("link-a", IP, T + 3)
        .await
        .unwrap()
        .is_none());

    // Three wrong guesses and even the right code no longer works.
    let bob_email = address("bob@example.org");
    let letter = confirmation("b", T + DAY);
    let bob = pending_subscriber(store, &bob_email, fx.en.id, &[en.digest], &letter, T).await;
    let mut refusals = Vec::new();
    for guess in ["code-1", "code-2", "code-3"] {
        let refused = store
            .confirm_newsletter_code(&bob_email, guess, 3, IP, T + 10)
            .await
            .unwrap()
            .unwrap_err();
        refusals.push(refused);
    }
    assert_eq!(
        refusals,
        [
            CodeRefusal::Wrong,
            CodeRefusal::Wrong,
            CodeRefusal::Exhausted
        ]
    );
    let late = store
        .confirm_newsletter_code(&bob_email, "code-b", 3, IP, T + 11)
        .await
        .unwrap();
    assert_eq!(late, Err(CodeRefusal::Exhausted));
    assert_eq!(
        states(store, bob.id).await,
        [(en.digest, SubscriptionState::Pending)]
    );
    assert_eq!(history(store, bob.id).await.len(), 1, "only the sign-up");

    // An expired code, and an address that never signed up.
    let carol_email = address("carol@example.org");
    let letter = confirmation("c", T + DAY);
    let carol = pending_subscriber(store, &carol_email, fx.en.id, &[en.digest], &letter, T).await;
    let expired = store
        .confirm_newsletter_code(&carol_email, "code-c", 3, IP, T + DAY)
        .await
        .unwrap();
    assert_eq!(expired, Err(CodeRefusal::Wrong));
    assert_eq!(
        states(store, carol.id).await,
        [(en.digest, SubscriptionState::Pending)]
    );
    let stranger = store
        .confirm_newsletter_code(&address("dan@example.org"), "code-a", 3, IP, T)
        .await
        .unwrap();
    assert_eq!(stranger, Err(CodeRefusal::Wrong));
}

async fn a_new_sign_up_replaces_the_open_confirmation(store: &Store) {
    let fx = Fixtures::new(store).await;
    let en = en_lists(store, &fx).await;
    let email = address("ann@example.org");
    let first = confirmation("1", T + DAY);
    let ann = pending_subscriber(store, &email, fx.en.id, &[en.digest], &first, T).await;
    let second = confirmation("2", T + 2 * DAY);
    let again = pending_subscriber(store, &email, fx.en.id, &[en.world], &second, T + 100).await;
    assert_eq!(again.id, ann.id, "one subscriber per address");
    assert_eq!(
        states(store, ann.id).await,
        [
            (en.digest, SubscriptionState::Pending),
            (en.world, SubscriptionState::Pending)
        ]
    );
    assert!(store
        .confirm_newsletter_link("link-1", IP, T + 200)
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        store
            .confirm_newsletter_code(&email, "code-1", 5, IP, T + 200)
            .await
            .unwrap(),
        Err(CodeRefusal::Wrong)
    );
    store
        .confirm_newsletter_link("link-2", IP, T + 300)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        states(store, ann.id).await,
        [
            (en.digest, SubscriptionState::Active),
            (en.world, SubscriptionState::Active)
        ],
        "the new mail confirms the lists of both sign-ups"
    );

    // Asking again for a list already confirmed leaves it active.
    let third = confirmation("3", T + 3 * DAY);
    store
        .subscribe_newsletter(&sign_up(
            &email,
            fx.en.id,
            &[en.digest, en.breaking],
            Some(&third),
            T + 400,
        ))
        .await
        .unwrap();
    assert_eq!(
        states(store, ann.id).await,
        [
            (en.digest, SubscriptionState::Active),
            (en.breaking, SubscriptionState::Pending),
            (en.world, SubscriptionState::Active)
        ]
    );
    assert!(store.newsletter_receives(ann.id, en.digest).await.unwrap());
}

async fn a_sign_up_takes_only_the_editions_active_lists(store: &Store) {
    let fx = Fixtures::new(store).await;
    let en = en_lists(store, &fx).await;
    let ru = ru_lists(store, &fx).await;
    let audit = NewAudit::new("newsletter_list.update", "newsletter_list", None, T);
    store
        .update_newsletter_list(en.world, 420, false, &audit)
        .await
        .unwrap();
    let email = address("ann@example.org");
    let letter = confirmation("a", T + DAY);
    for lists in [
        vec![ru.digest],
        vec![en.digest, ru.breaking],
        vec![en.digest, en.world],
        vec![en.digest, 999_999],
    ] {
        let err = store
            .subscribe_newsletter(&sign_up(&email, fx.en.id, &lists, Some(&letter), T))
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::MissingReference {
                    what: "newsletter list"
                }
            ),
            "{lists:?}: {err:?}"
        );
        assert!(store
            .newsletter_subscriber_by_email("ann@example.org")
            .await
            .unwrap()
            .is_none());
    }
    // Nor a proved sign-up.
    let err = store
        .subscribe_newsletter(&sign_up(&email, fx.en.id, &[ru.digest], None, T))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::MissingReference { .. }),
        "{err:?}"
    );
    assert!(store
        .newsletter_subscriber_by_email("ann@example.org")
        .await
        .unwrap()
        .is_none());
    assert!(store
        .confirm_newsletter_link("link-a", IP, T)
        .await
        .unwrap()
        .is_none());

    // An address already signed up keeps its lists and its open mail.
    let first = confirmation("1", T + DAY);
    let ann = pending_subscriber(store, &email, fx.en.id, &[en.digest], &first, T).await;
    let second = confirmation("2", T + DAY);
    let err = store
        .subscribe_newsletter(&sign_up(
            &email,
            fx.en.id,
            &[en.breaking, en.world],
            Some(&second),
            T + 5,
        ))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::MissingReference { .. }),
        "{err:?}"
    );
    assert_eq!(
        states(store, ann.id).await,
        [(en.digest, SubscriptionState::Pending)]
    );
    assert_eq!(history(store, ann.id).await.len(), 1);
    assert!(store
        .confirm_newsletter_link("link-2", IP, T + 6)
        .await
        .unwrap()
        .is_none());
    store
        .confirm_newsletter_link("link-1", IP, T + 6)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        states(store, ann.id).await,
        [(en.digest, SubscriptionState::Active)]
    );
}

async fn an_address_is_one_subscriber_whatever_its_case(store: &Store) {
    let fx = Fixtures::new(store).await;
    let en = en_lists(store, &fx).await;
    let typed = address("Ann.Lee@Example.ORG");
    let letter = confirmation("a", T + DAY);
    let ann = pending_subscriber(store, &typed, fx.en.id, &[en.digest], &letter, T).await;
    assert_eq!(ann.email, "ann.lee@example.org", "stored lower-cased");
    let found = store
        .newsletter_subscriber_by_email("ann.lee@example.org")
        .await
        .unwrap();
    assert_eq!(found.map(|s| s.id), Some(ann.id));

    let code = store
        .confirm_newsletter_code(&address("ANN.LEE@example.org"), "code-a", 3, IP, T + 1)
        .await
        .unwrap();
    assert_eq!(code.map(|s| s.id), Ok(ann.id), "the code of the address");
    let lower = address("ann.lee@example.org");
    let again = store
        .subscribe_newsletter(&sign_up(&lower, fx.en.id, &[en.world], None, T + 2))
        .await
        .unwrap();
    assert_eq!(again.id, ann.id, "the same address");
    assert_eq!(
        states(store, ann.id).await,
        [
            (en.digest, SubscriptionState::Active),
            (en.world, SubscriptionState::Active)
        ]
    );

    // The reader's account with that address takes it along when deleted.
    let reader = store
        .create_reader(&NewReader {
            email: address("ann.lee@example.org"),
            display_name: "Ann".into(),
            password_hash: None,
            language: "en".into(),
            created_at: T,
            verified_at: Some(T),
        })
        .await
        .unwrap();
    let export = store
        .reader_export(reader.id, T + 3)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        export["newsletters"]["subscriber"]["email"],
        "ann.lee@example.org"
    );
    assert!(store.delete_reader(reader.id, T + 4).await.unwrap());
    assert!(store.newsletter_subscriber(ann.id).await.unwrap().is_none());
}

async fn a_proved_address_is_active_at_once(store: &Store) {
    let fx = Fixtures::new(store).await;
    let en = en_lists(store, &fx).await;
    let ru = ru_lists(store, &fx).await;
    let ann = active_subscriber(
        store,
        "ann@example.org",
        fx.en.id,
        &[en.digest, en.breaking],
    )
    .await;
    let subscriptions = store.newsletter_subscriptions(ann.id).await.unwrap();
    assert!(subscriptions
        .iter()
        .all(|s| s.state == SubscriptionState::Active && s.confirmed_at == Some(T)));
    assert_eq!(subscriptions.len(), 2);
    assert!(store
        .newsletter_receives(ann.id, en.breaking)
        .await
        .unwrap());
    assert_eq!(
        history(store, ann.id).await,
        [
            event(Some(en.digest), "subscribed", "profile"),
            event(Some(en.breaking), "subscribed", "profile"),
            event(Some(en.digest), "confirmed", "profile"),
            event(Some(en.breaking), "confirmed", "profile"),
        ]
    );

    // Another edition's lists, then this edition's from its preferences.
    assert!(store
        .set_newsletter_subscriptions(
            ann.id,
            fx.ru.id,
            &[ru.digest],
            ChangeSource::Preferences,
            IP,
            T + 10
        )
        .await
        .unwrap());
    assert!(store
        .set_newsletter_subscriptions(
            ann.id,
            fx.en.id,
            &[en.world, en.breaking],
            ChangeSource::Preferences,
            "198.51.100.4",
            T + 20,
        )
        .await
        .unwrap());
    assert_eq!(
        states(store, ann.id).await,
        [
            (en.breaking, SubscriptionState::Active),
            (ru.digest, SubscriptionState::Active),
            (en.world, SubscriptionState::Active),
        ]
    );
    let tail: Vec<_> = history(store, ann.id).await.split_off(4);
    assert_eq!(
        tail,
        [
            event(Some(ru.digest), "subscribed", "preferences"),
            event(Some(ru.digest), "confirmed", "preferences"),
            event(Some(en.digest), "unsubscribed", "preferences"),
            event(Some(en.world), "subscribed", "preferences"),
            event(Some(en.world), "confirmed", "preferences"),
        ]
    );
    let last = store
        .newsletter_history(ann.id)
        .await
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!((last.ip.as_str(), last.at), ("198.51.100.4", T + 20));

    // The same choice again changes nothing; another edition's list is refused.
    assert!(!store
        .set_newsletter_subscriptions(
            ann.id,
            fx.en.id,
            &[en.world, en.breaking],
            ChangeSource::Preferences,
            IP,
            T + 30,
        )
        .await
        .unwrap());
    let err = store
        .set_newsletter_subscriptions(
            ann.id,
            fx.en.id,
            &[en.world, ru.breaking],
            ChangeSource::Preferences,
            IP,
            T + 40,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::MissingReference { .. }),
        "{err:?}"
    );
    assert_eq!(states(store, ann.id).await.len(), 3);
    assert_eq!(history(store, ann.id).await.len(), 9);

    // A pending list becomes active when the address is proved.
    let email = address("ann@example.org");
    let letter = confirmation("a", T + DAY);
    pending_subscriber(store, &email, fx.en.id, &[en.business], &letter, T + 50).await;
    assert!(!store
        .newsletter_receives(ann.id, en.business)
        .await
        .unwrap());
    assert!(store
        .set_newsletter_subscriptions(
            ann.id,
            fx.en.id,
            &[en.world, en.business, en.breaking],
            ChangeSource::Preferences,
            IP,
            T + 60,
        )
        .await
        .unwrap());
    assert!(store
        .newsletter_receives(ann.id, en.business)
        .await
        .unwrap());
    assert_eq!(
        history(store, ann.id).await.last(),
        Some(&event(Some(en.business), "confirmed", "preferences"))
    );
}

async fn unsubscribing_ends_lists_once_and_is_recorded(store: &Store) {
    let fx = Fixtures::new(store).await;
    let en = en_lists(store, &fx).await;
    let ann = active_subscriber(
        store,
        "ann@example.org",
        fx.en.id,
        &[en.digest, en.world, en.breaking],
    )
    .await;
    let before = history(store, ann.id).await.len();

    assert!(store
        .unsubscribe_newsletter(
            ann.id,
            Some(en.world),
            ChangeSource::OneClick,
            "203.0.113.5",
            T + 10
        )
        .await
        .unwrap());
    assert!(!store
        .unsubscribe_newsletter(ann.id, Some(en.world), ChangeSource::OneClick, IP, T + 11)
        .await
        .unwrap());
    assert!(!store
        .unsubscribe_newsletter(ann.id, Some(en.business), ChangeSource::Link, IP, T + 12)
        .await
        .unwrap());
    assert!(!store.newsletter_receives(ann.id, en.world).await.unwrap());
    assert!(store.newsletter_receives(ann.id, en.digest).await.unwrap());

    assert!(store
        .unsubscribe_newsletter(
            ann.id,
            None,
            ChangeSource::Preferences,
            "203.0.113.6",
            T + 20
        )
        .await
        .unwrap());
    assert!(states(store, ann.id).await.is_empty());
    assert!(!store
        .unsubscribe_newsletter(ann.id, None, ChangeSource::Preferences, IP, T + 21)
        .await
        .unwrap());

    let record = store.newsletter_history(ann.id).await.unwrap();
    let tail: Vec<_> = record[before..]
        .iter()
        .map(|e| {
            (
                e.list_id,
                e.event.as_str(),
                e.source.as_str(),
                e.ip.as_str(),
                e.at,
            )
        })
        .collect();
    assert_eq!(
        tail,
        [
            (
                Some(en.world),
                "unsubscribed",
                "one_click",
                "203.0.113.5",
                T + 10
            ),
            (
                Some(en.digest),
                "unsubscribed",
                "preferences",
                "203.0.113.6",
                T + 20
            ),
            (
                Some(en.breaking),
                "unsubscribed",
                "preferences",
                "203.0.113.6",
                T + 20
            ),
        ]
    );
    // The address itself stays, with its record.
    assert!(store.newsletter_subscriber(ann.id).await.unwrap().is_some());
}

async fn a_digest_takes_the_stories_since_the_last_one(store: &Store) {
    let fx = Fixtures::new(store).await;
    let en = en_lists(store, &fx).await;
    let ru = ru_lists(store, &fx).await;

    story(store, &fx, "too-old", T - 2 * DAY).await;
    let s1 = story(store, &fx, "s1", T - 5 * HOUR).await;
    let s2 = story(store, &fx, "s2", T - 3 * HOUR).await;
    let b1 = story_in(
        store,
        NewArticle {
            section_id: fx.business.id,
            ..fx.article("b1", T - 2 * HOUR)
        },
    )
    .await;
    let s3 = story(store, &fx, "s3", T - HOUR).await;
    let s4 = story(store, &fx, "s4", T).await;
    let later = story(store, &fx, "later", T + HOUR).await;
    store.create_article(&fx.draft("draft")).await.unwrap();
    let ru_story = story_in(
        store,
        NewArticle {
            edition_id: fx.ru.id,
            section_id: fx.ru_world.id,
            ..fx.article("ru-story", T - HOUR)
        },
    )
    .await;

    // One active subscriber; one pending, one suspended: neither counts.
    let ann = active_subscriber(store, "ann@example.org", fx.en.id, &[en.digest, en.world]).await;
    let email = address("bob@example.org");
    let letter = confirmation("b", T + DAY);
    pending_subscriber(store, &email, fx.en.id, &[en.digest], &letter, T).await;
    let carol = active_subscriber(
        store,
        "carol@example.org",
        fx.en.id,
        &[en.digest, en.breaking],
    )
    .await;
    let alert = store.create_alert(s1, None, None, T - HOUR).await.unwrap();
    assert!(store
        .claim_delivery(&mail(alert.id, carol.id), T - HOUR, LEASE)
        .await
        .unwrap());
    assert!(store
        .delivery_failed(
            &mail(alert.id, carol.id),
            "550 unknown user",
            false,
            true,
            1,
            T - HOUR
        )
        .await
        .unwrap());

    let send = store
        .claim_digest(en.digest, "2023-11-14", T, 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        send.article_ids,
        [s3, b1, s2, s1],
        "newest first, within a day; the story of this very second is the next digest's"
    );
    assert_eq!(
        (send.kind, send.list_kind),
        (SendKind::Digest, ListKind::Digest)
    );
    assert_eq!((send.list_id, send.edition_id), (en.digest, fx.en.id));
    assert_eq!((send.day.as_str(), send.created_at), ("2023-11-14", T));
    assert_eq!((send.article_id, send.headline.as_deref()), (None, None));
    assert_eq!(
        (send.queued, send.sending, send.sent, send.failed),
        (1, 0, 0, 0)
    );
    assert!(!send.finished());
    let due: Vec<_> = store
        .due_deliveries(T, 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|d| d.key.send_id == send.id)
        .collect();
    assert_eq!(keys(&due), [mail(send.id, ann.id)]);
    assert_eq!((due[0].list_id, due[0].attempts), (en.digest, 0));
    assert_eq!(
        store
            .newsletter_list(en.digest)
            .await
            .unwrap()
            .unwrap()
            .last_day,
        "2023-11-14"
    );

    // Once a day, across every node.
    assert!(store
        .claim_digest(en.digest, "2023-11-14", T + 60, 10)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .claim_digest(en.digest, "2023-11-13", T + 60, 10)
        .await
        .unwrap()
        .is_none());

    // A section's digest has its section's stories only, up to the cap.
    let world = store
        .claim_digest(en.world, "2023-11-14", T, 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(world.article_ids, [s3, s2]);
    assert_eq!(
        (world.list_kind, world.section_title.as_deref()),
        (ListKind::Section, Some("World"))
    );
    assert_eq!(world.queued, 1);

    // The next day: only what was published since the last digest.
    let s5 = story(store, &fx, "s5", T + DAY - 60).await;
    let next = store
        .claim_digest(en.digest, "2023-11-15", T + DAY, 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        next.article_ids,
        [s5, later, s4],
        "each story in one digest: none missed, none sent twice"
    );
    let sends: Vec<_> = store
        .newsletter_sends(None, 10)
        .await
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(sends, [next.id, world.id, send.id, alert.id]);

    // No stories: the day is used up without a send.
    assert!(store
        .claim_digest(en.business, "2023-11-15", T + DAY, 10)
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        store
            .newsletter_list(en.business)
            .await
            .unwrap()
            .unwrap()
            .last_day,
        "2023-11-15"
    );
    // No subscribers: the same, and one who signs up later waits for the next day.
    assert!(store
        .claim_digest(ru.digest, "2023-11-15", T, 10)
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        store
            .newsletter_list(ru.digest)
            .await
            .unwrap()
            .unwrap()
            .last_day,
        "2023-11-15"
    );
    active_subscriber(store, "ivan@example.org", fx.ru.id, &[ru.digest]).await;
    assert!(store
        .claim_digest(ru.digest, "2023-11-15", T + 60, 10)
        .await
        .unwrap()
        .is_none());
    let ru_next = story_in(
        store,
        NewArticle {
            edition_id: fx.ru.id,
            section_id: fx.ru_world.id,
            ..fx.article("ru-next", T + HOUR)
        },
    )
    .await;
    let ru_send = store
        .claim_digest(ru.digest, "2023-11-16", T + 2 * HOUR, 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        ru_send.article_ids,
        [ru_next],
        "the day nobody received took its stories along"
    );
    assert!(!ru_send.article_ids.contains(&ru_story));

    // A list switched off is not claimed and its day is not used up; a
    // breaking list has no digest.
    let audit = NewAudit::new("newsletter_list.update", "newsletter_list", None, T);
    store
        .update_newsletter_list(en.world, 420, false, &audit)
        .await
        .unwrap();
    assert!(store
        .claim_digest(en.world, "2023-11-15", T + DAY, 10)
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        store
            .newsletter_list(en.world)
            .await
            .unwrap()
            .unwrap()
            .last_day,
        "2023-11-14"
    );
    assert!(store
        .claim_digest(en.breaking, "2023-11-15", T + DAY, 10)
        .await
        .unwrap()
        .is_none());
    let err = store
        .claim_digest(999_999, "2023-11-15", T, 10)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

async fn an_alert_goes_to_the_breaking_list_and_the_editions_browsers(store: &Store) {
    let fx = Fixtures::new(store).await;
    let en = en_lists(store, &fx).await;
    let ru = ru_lists(store, &fx).await;
    let news = story(store, &fx, "news", T - 60).await;
    let ann = active_subscriber(store, "ann@example.org", fx.en.id, &[en.breaking]).await;
    let email = address("bob@example.org");
    let mail_b = confirmation("b", T + DAY);
    pending_subscriber(store, &email, fx.en.id, &[en.breaking], &mail_b, T).await;
    active_subscriber(store, "carol@example.org", fx.en.id, &[en.digest]).await;
    active_subscriber(store, "ivan@example.org", fx.ru.id, &[ru.breaking]).await;
    for (edition, endpoint) in [
        (fx.en.id, "https://push.example.net/en/1"),
        (fx.en.id, "https://push.example.net/en/2"),
        (fx.ru.id, "https://push.example.net/ru/1"),
    ] {
        store
            .add_push_subscription(edition, endpoint, "p256dh", "auth", T)
            .await
            .unwrap();
    }

    let before = store.alert_recipients(news).await.unwrap();
    assert_eq!(
        (before.list_id, before.mail, before.push, before.sent),
        (en.breaking, 1, 2, None)
    );
    let audit = NewAudit::new("article.alert", "article", Some(news), T);
    let send = store
        .create_alert(news, None, Some(&audit), T)
        .await
        .unwrap();
    assert_eq!(
        (send.kind, send.list_kind, send.list_id),
        (SendKind::Alert, ListKind::Breaking, en.breaking)
    );
    assert_eq!(send.article_id, Some(news));
    assert_eq!(send.headline.as_deref(), Some("Headline of news"));
    assert_eq!(send.article_ids, [news]);
    assert_eq!(
        (send.queued, send.created_by, send.created_at),
        (3, None, T)
    );
    let due = store.due_deliveries(T, 100).await.unwrap();
    let channels: Vec<_> = due.iter().map(|d| (d.key.channel, d.list_id)).collect();
    assert_eq!(
        channels,
        [
            (Channel::Mail, en.breaking),
            (Channel::Push, en.breaking),
            (Channel::Push, en.breaking)
        ]
    );
    assert_eq!(due[0].key, mail(send.id, ann.id));
    let mut endpoints = Vec::new();
    for d in &due[1..] {
        let push = store
            .push_subscription(d.key.recipient_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(push.edition_id, fx.en.id);
        endpoints.push(push.endpoint);
    }
    endpoints.sort();
    assert_eq!(
        endpoints,
        [
            "https://push.example.net/en/1",
            "https://push.example.net/en/2"
        ]
    );
    assert_eq!(
        store.alert_recipients(news).await.unwrap().sent,
        Some(send.id)
    );
    let log = list_audit(store, "article", news).await;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].0, "article.alert");
    assert_eq!(
        log[0].1,
        serde_json::json!({ "send_id": send.id, "list_id": en.breaking })
    );

    // Once per story.
    let err = store
        .create_alert(news, None, Some(&audit), T + 5)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Duplicate { what: "alert" }),
        "{err:?}"
    );
    assert_eq!(store.newsletter_sends(None, 10).await.unwrap().len(), 1);
    assert_eq!(store.due_deliveries(T + 5, 100).await.unwrap().len(), 3);
    assert_eq!(list_audit(store, "article", news).await.len(), 1);

    // Only a public story, and only while the list is on.
    let draft = store.create_article(&fx.draft("draft")).await.unwrap().id;
    let err = store.create_alert(draft, None, None, T).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { what: "story" }),
        "{err:?}"
    );
    let err = store
        .create_alert(999_999, None, None, T)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    let other = story(store, &fx, "other", T).await;
    let off = NewAudit::new("newsletter_list.update", "newsletter_list", None, T);
    store
        .update_newsletter_list(en.breaking, 420, false, &off)
        .await
        .unwrap();
    let err = store
        .create_alert(other, None, Some(&audit), T)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Conflict {
                what: "breaking list"
            }
        ),
        "{err:?}"
    );
    assert_eq!(store.newsletter_sends(None, 10).await.unwrap().len(), 1);
    assert!(list_audit(store, "article", other).await.is_empty());
    let other_recipients = store.alert_recipients(other).await.unwrap();
    assert_eq!(
        (
            other_recipients.mail,
            other_recipients.push,
            other_recipients.sent
        ),
        (1, 2, None)
    );
    let err = store.alert_recipients(999_999).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

async fn deliveries_are_claimed_once_and_each_ends_once(store: &Store) {
    let fx = Fixtures::new(store).await;
    let en = en_lists(store, &fx).await;
    let news = story(store, &fx, "news", T - 60).await;
    let ann = active_subscriber(store, "ann@example.org", fx.en.id, &[en.breaking]).await;
    let bob = active_subscriber(store, "bob@example.org", fx.en.id, &[en.breaking]).await;
    let carol = active_subscriber(store, "carol@example.org", fx.en.id, &[en.breaking]).await;
    store
        .add_push_subscription(
            fx.en.id,
            "https://fcm.example.com/wp/secret-token-123",
            "p256dh",
            "auth",
            T,
        )
        .await
        .unwrap();
    let send = store.create_alert(news, None, None, T).await.unwrap();
    let due = store.due_deliveries(T, 10).await.unwrap();
    assert_eq!(due.len(), 4);
    assert_eq!(store.next_delivery_at().await.unwrap(), Some(T));
    assert!(store.due_deliveries(T - 1, 10).await.unwrap().is_empty());
    assert_eq!(store.due_deliveries(T, 2).await.unwrap().len(), 2);
    let push = due
        .iter()
        .find(|d| d.key.channel == Channel::Push)
        .unwrap()
        .key;

    // Ann: claimed by one worker only, then sent.
    let a = mail(send.id, ann.id);
    assert!(store.claim_delivery(&a, T, LEASE).await.unwrap());
    assert!(!store.claim_delivery(&a, T, LEASE).await.unwrap());
    assert!(!keys(&store.due_deliveries(T, 10).await.unwrap()).contains(&a));
    store.delivery_sent(&a, T + 1).await.unwrap();
    let now = store.newsletter_send(send.id).await.unwrap().unwrap();
    assert_eq!((now.queued, now.sent), (3, 1));
    assert!(!store.claim_delivery(&a, T + 2, LEASE).await.unwrap());

    // Bob: a transient failure waits for its retry time, then fails for good.
    let b = mail(send.id, bob.id);
    assert!(store.claim_delivery(&b, T, LEASE).await.unwrap());
    let sending = store.newsletter_send(send.id).await.unwrap().unwrap();
    assert_eq!(sending.sending, 1);
    store
        .delivery_retry(&b, "421 try again later", T + 300)
        .await
        .unwrap();
    assert!(!keys(&store.due_deliveries(T + 299, 10).await.unwrap()).contains(&b));
    let retried = store.due_deliveries(T + 300, 10).await.unwrap();
    let again = retried.iter().find(|d| d.key == b).unwrap();
    assert_eq!(again.attempts, 1);
    let report = store
        .newsletter_send_report(send.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(report.problems.len(), 1, "a retried delivery is shown");
    assert_eq!(
        (
            report.problems[0].recipient.as_str(),
            report.problems[0].state.as_str(),
            report.problems[0].error.as_str()
        ),
        ("bob@example.org", "queued", "421 try again later")
    );
    assert!(store.claim_delivery(&b, T + 300, LEASE).await.unwrap());
    assert!(!store
        .delivery_failed(&b, "550 no such user", false, true, 3, T + 301)
        .await
        .unwrap());

    // Carol left before her turn; the browser's subscription has expired.
    let c = mail(send.id, carol.id);
    assert!(store.claim_delivery(&c, T + 10, LEASE).await.unwrap());
    store
        .delivery_failed(&c, "unsubscribed", true, false, 3, T + 11)
        .await
        .unwrap();
    assert!(store.claim_delivery(&push, T + 10, LEASE).await.unwrap());
    store
        .delivery_failed(&push, "410 Gone", false, false, 3, T + 12)
        .await
        .unwrap();

    let report = store
        .newsletter_send_report(send.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(report.summary.queued, 0);
    assert_eq!(
        (
            report.summary.sent,
            report.summary.failed,
            report.summary.skipped
        ),
        (1, 2, 1)
    );
    assert!(report.summary.finished());
    let problems: Vec<_> = report
        .problems
        .iter()
        .map(|d| {
            (
                d.channel.as_str(),
                d.recipient.as_str(),
                d.state.as_str(),
                d.attempts,
                d.error.as_str(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        [
            ("mail", "bob@example.org", "failed", 2, "550 no such user"),
            ("mail", "carol@example.org", "skipped", 1, "unsubscribed"),
            ("push", "fcm.example.com", "failed", 1, "410 Gone"),
        ]
    );
    assert!(
        !format!("{report:?}").contains("secret-token"),
        "a push endpoint is a secret of the browser"
    );
    assert!(store
        .newsletter_send_report(999_999)
        .await
        .unwrap()
        .is_none());
    assert!(store.due_deliveries(T + DAY, 10).await.unwrap().is_empty());
    assert_eq!(store.next_delivery_at().await.unwrap(), None);
}

async fn permanent_failures_suspend_an_address(store: &Store) {
    let fx = Fixtures::new(store).await;
    let en = en_lists(store, &fx).await;
    let ann = active_subscriber(
        store,
        "ann@example.org",
        fx.en.id,
        &[en.digest, en.breaking],
    )
    .await;
    let bob = active_subscriber(store, "bob@example.org", fx.en.id, &[en.breaking]).await;

    // Each alert makes one delivery per subscriber; Ann's bounce every time.
    let mut suspended = Vec::new();
    let mut at = T;
    for name in ["one", "two", "three"] {
        let news = story(store, &fx, name, at).await;
        let send = store.create_alert(news, None, None, at).await.unwrap();
        let a = mail(send.id, ann.id);
        assert!(store.claim_delivery(&a, at, LEASE).await.unwrap());
        suspended.push(
            store
                .delivery_failed(&a, "550 mailbox unavailable", false, true, 3, at + 1)
                .await
                .unwrap(),
        );
        // Bob's bounce twice, then one gets through.
        let b = mail(send.id, bob.id);
        assert!(store.claim_delivery(&b, at, LEASE).await.unwrap());
        if name == "three" {
            store.delivery_sent(&b, at + 1).await.unwrap();
        } else {
            store
                .delivery_failed(&b, "550 mailbox full", false, true, 3, at + 1)
                .await
                .unwrap();
            let bounced = store.newsletter_subscriber(bob.id).await.unwrap().unwrap();
            assert_eq!(bounced.bounces, if name == "one" { 1 } else { 2 });
        }
        at += 100;
    }
    assert_eq!(suspended, [false, false, true]);
    let gone = store.newsletter_subscriber(ann.id).await.unwrap().unwrap();
    assert_eq!(
        (gone.status, gone.bounces),
        (SubscriberStatus::Suspended, 3)
    );
    let last = store
        .newsletter_history(ann.id)
        .await
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(
        (
            last.list_id,
            last.event.as_str(),
            last.source.as_str(),
            last.at
        ),
        (None, "suspended", "bounce", T + 201)
    );
    assert!(!store
        .newsletter_receives(ann.id, en.breaking)
        .await
        .unwrap());
    assert!(!store.newsletter_receives(ann.id, en.digest).await.unwrap());
    assert_eq!(
        states(store, ann.id).await,
        [
            (en.digest, SubscriptionState::Active),
            (en.breaking, SubscriptionState::Active)
        ],
        "the lists are kept for a new confirmation"
    );
    let kept = store.newsletter_subscriber(bob.id).await.unwrap().unwrap();
    assert_eq!((kept.status, kept.bounces), (SubscriberStatus::Active, 0));

    // A suspended address is no longer counted nor sent to.
    let fourth = story(store, &fx, "four", at).await;
    assert_eq!(store.alert_recipients(fourth).await.unwrap().mail, 1);
    let send = store.create_alert(fourth, None, None, at).await.unwrap();
    assert_eq!(send.queued, 1);
    assert_eq!(
        keys(&store.due_deliveries(at, 10).await.unwrap()),
        [mail(send.id, bob.id)]
    );
    let b = mail(send.id, bob.id);
    assert!(store.claim_delivery(&b, at, LEASE).await.unwrap());
    assert!(!store
        .delivery_failed(&b, "550 mailbox full", false, true, 3, at + 1)
        .await
        .unwrap());
    assert_eq!(
        store
            .newsletter_subscriber(bob.id)
            .await
            .unwrap()
            .unwrap()
            .bounces,
        1,
        "counted again from zero"
    );

    // A new confirmation makes the address active again.
    let email = address("ann@example.org");
    let mail_a = confirmation("a", at + DAY);
    pending_subscriber(store, &email, fx.en.id, &[en.digest], &mail_a, at).await;
    assert!(!store.newsletter_receives(ann.id, en.digest).await.unwrap());
    store
        .confirm_newsletter_link("link-a", IP, at + 1)
        .await
        .unwrap()
        .unwrap();
    let back = store.newsletter_subscriber(ann.id).await.unwrap().unwrap();
    assert_eq!((back.status, back.bounces), (SubscriberStatus::Active, 0));
    assert!(store
        .newsletter_receives(ann.id, en.breaking)
        .await
        .unwrap());
    assert_eq!(
        history(store, ann.id).await.last(),
        Some(&event(None, "reactivated", "link"))
    );
}

async fn an_interrupted_delivery_is_never_sent_again(store: &Store) {
    let fx = Fixtures::new(store).await;
    let en = en_lists(store, &fx).await;
    let news = story(store, &fx, "news", T - 60).await;
    let ann = active_subscriber(store, "ann@example.org", fx.en.id, &[en.breaking]).await;
    let bob = active_subscriber(store, "bob@example.org", fx.en.id, &[en.breaking]).await;
    let carol = active_subscriber(store, "carol@example.org", fx.en.id, &[en.breaking]).await;
    let send = store.create_alert(news, None, None, T).await.unwrap();
    let (a, b, c) = (
        mail(send.id, ann.id),
        mail(send.id, bob.id),
        mail(send.id, carol.id),
    );
    // Ann's worker stops mid-message; Bob's is still within its lease;
    // Carol's has not been claimed.
    assert!(store.claim_delivery(&a, T, LEASE).await.unwrap());
    assert!(store.claim_delivery(&b, T + 100, LEASE).await.unwrap());

    assert_eq!(
        store.fail_interrupted_deliveries(T + LEASE).await.unwrap(),
        0
    );
    assert_eq!(
        store
            .fail_interrupted_deliveries(T + LEASE + 1)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        keys(&store.due_deliveries(T + 10 * DAY, 10).await.unwrap()),
        [c],
        "the interrupted one is never due again"
    );
    assert!(!store.claim_delivery(&a, T + 10 * DAY, LEASE).await.unwrap());
    let summary = store.newsletter_send(send.id).await.unwrap().unwrap();
    assert_eq!((summary.queued, summary.sending, summary.failed), (1, 1, 1));

    store.delivery_sent(&b, T + 120).await.unwrap();
    assert_eq!(
        store
            .fail_interrupted_deliveries(T + 10 * DAY)
            .await
            .unwrap(),
        0,
        "neither sent nor queued ones"
    );
    let report = store
        .newsletter_send_report(send.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((report.summary.sent, report.summary.queued), (1, 1));
    assert_eq!(report.problems.len(), 1);
    assert_eq!(
        (
            report.problems[0].recipient.as_str(),
            report.problems[0].state.as_str(),
            report.problems[0].attempts
        ),
        ("ann@example.org", "failed", 1)
    );
    assert!(report.problems[0].error.contains("interrupted"));
}

async fn push_keys_and_subscriptions(store: &Store) {
    let fx = Fixtures::new(store).await;
    let first = store.push_private_key("key-one", T).await.unwrap();
    assert_eq!(first, "key-one");
    let second = store.push_private_key("key-two", T + 1).await.unwrap();
    assert_eq!(second, "key-one", "every node shares the first key");

    let endpoint = "https://updates.push.example.org/wpush/v2/abc";
    let news = story(store, &fx, "news", T - 60).await;
    store
        .add_push_subscription(fx.en.id, endpoint, "p-old", "a-old", T)
        .await
        .unwrap();
    store
        .add_push_subscription(fx.en.id, endpoint, "p-new", "a-new", T + 5)
        .await
        .unwrap();
    assert_eq!(store.alert_recipients(news).await.unwrap().push, 1);
    let send = store.create_alert(news, None, None, T + 10).await.unwrap();
    assert_eq!(send.queued, 1);
    let due = store.due_deliveries(T + 10, 10).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].key.channel, Channel::Push);
    let row = store
        .push_subscription(due[0].key.recipient_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            row.edition_id,
            row.endpoint.as_str(),
            row.p256dh.as_str(),
            row.auth.as_str(),
            row.created_at
        ),
        (fx.en.id, endpoint, "p-new", "a-new", T)
    );

    // Moved to another edition: the first no longer counts it.
    store
        .add_push_subscription(fx.ru.id, endpoint, "p-new", "a-new", T + 20)
        .await
        .unwrap();
    assert_eq!(store.alert_recipients(news).await.unwrap().push, 0);
    let moved = store.push_subscription(row.id).await.unwrap().unwrap();
    assert_eq!(moved.edition_id, fx.ru.id);

    let ru_news = story_in(
        store,
        NewArticle {
            edition_id: fx.ru.id,
            section_id: fx.ru_world.id,
            ..fx.article("ru-news", T - 60)
        },
    )
    .await;
    assert_eq!(store.alert_recipients(ru_news).await.unwrap().push, 1);

    assert!(store.remove_push_subscription(endpoint).await.unwrap());
    assert!(!store.remove_push_subscription(endpoint).await.unwrap());
    assert!(store.push_subscription(row.id).await.unwrap().is_none());
    assert_eq!(store.alert_recipients(ru_news).await.unwrap().push, 0);
}

async fn export_deletion_and_housekeeping(store: &Store) {
    let fx = Fixtures::new(store).await;
    let en = en_lists(store, &fx).await;
    let reader = |email: &str| NewReader {
        email: address(email),
        display_name: "Reader".into(),
        password_hash: None,
        language: "en".into(),
        created_at: T,
        verified_at: Some(T),
    };
    let ann_reader = store
        .create_reader(&reader("ann@example.org"))
        .await
        .unwrap();
    let bob_reader = store
        .create_reader(&reader("bob@example.org"))
        .await
        .unwrap();
    let ann = active_subscriber(store, "ann@example.org", fx.en.id, &[en.digest]).await;
    assert_eq!(ann.reader_id, None, "subscribed by address only");

    let export = store
        .reader_export(ann_reader.id, T + 5)
        .await
        .unwrap()
        .unwrap();
    let newsletters = &export["newsletters"];
    assert_eq!(newsletters["subscriber"]["email"], "ann@example.org");
    assert_eq!(newsletters["subscriptions"][0]["list_id"], en.digest);
    assert_eq!(newsletters["subscriptions"][0]["state"], "active");
    assert_eq!(newsletters["subscriptions"].as_array().unwrap().len(), 1);
    let events: Vec<_> = newsletters["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["event"].as_str().unwrap(), e["source"].as_str().unwrap()))
        .collect();
    assert_eq!(
        events,
        [("subscribed", "profile"), ("confirmed", "profile")]
    );
    assert!(
        !export.to_string().contains("link-key-secret"),
        "the links' secret is not exported"
    );
    let other = store
        .reader_export(bob_reader.id, T + 5)
        .await
        .unwrap()
        .unwrap();
    assert!(other["newsletters"].is_null());

    // A subscriber linked to the account by a sign-up while signed in.
    let carol_email = address("carol@example.org");
    let carol = store
        .subscribe_newsletter(&SignUp {
            reader_id: Some(bob_reader.id),
            ..sign_up(&carol_email, fx.en.id, &[en.breaking], None, T)
        })
        .await
        .unwrap();
    assert_eq!(carol.reader_id, Some(bob_reader.id));

    assert!(store.delete_reader(ann_reader.id, T + 10).await.unwrap());
    assert!(store
        .newsletter_subscriber_by_email("ann@example.org")
        .await
        .unwrap()
        .is_none());
    assert!(store.newsletter_history(ann.id).await.unwrap().is_empty());
    assert!(store
        .newsletter_subscriptions(ann.id)
        .await
        .unwrap()
        .is_empty());
    assert!(store.delete_reader(bob_reader.id, T + 10).await.unwrap());
    assert!(store
        .newsletter_subscriber(carol.id)
        .await
        .unwrap()
        .is_none());
    assert!(store.newsletter_history(carol.id).await.unwrap().is_empty());

    // Housekeeping forgets what was never confirmed, after a while.
    let never_email = address("never@example.org");
    let mail_n = confirmation("n", T + 7 * DAY);
    let never = pending_subscriber(store, &never_email, fx.en.id, &[en.digest], &mail_n, T).await;
    let kept_email = address("kept@example.org");
    let mail_k = confirmation("k", T + 7 * DAY);
    let kept = pending_subscriber(store, &kept_email, fx.en.id, &[en.digest], &mail_k, T).await;
    store
        .confirm_newsletter_link("link-k", IP, T + 60)
        .await
        .unwrap()
        .unwrap();
    // Confirmed, then asked for one more list it never confirmed.
    let mail_k2 = confirmation("k2", T + 7 * DAY);
    pending_subscriber(store, &kept_email, fx.en.id, &[en.world], &mail_k2, T + 120).await;
    let kept_history = store.newsletter_history(kept.id).await.unwrap();

    store.purge_expired(T + 8 * DAY).await.unwrap();
    assert!(
        store
            .newsletter_subscriber(never.id)
            .await
            .unwrap()
            .is_some(),
        "still within its time"
    );
    assert_eq!(
        states(store, never.id).await,
        [(en.digest, SubscriptionState::Pending)]
    );
    store.purge_expired(T + 60 * DAY).await.unwrap();
    assert!(store
        .newsletter_subscriber(never.id)
        .await
        .unwrap()
        .is_none());
    assert!(store.newsletter_history(never.id).await.unwrap().is_empty());
    assert_eq!(
        store.newsletter_subscriber(kept.id).await.unwrap(),
        Some(kept.clone())
    );
    assert_eq!(
        states(store, kept.id).await,
        [(en.digest, SubscriptionState::Active)],
        "the unconfirmed list went, the confirmed one stays"
    );
    assert_eq!(
        store.newsletter_history(kept.id).await.unwrap(),
        kept_history
    );

    // An address confirmed once stays even with no list left.
    assert!(store
        .unsubscribe_newsletter(kept.id, None, ChangeSource::OneClick, IP, T + 61 * DAY)
        .await
        .unwrap());
    store.purge_expired(T + 200 * DAY).await.unwrap();
    assert!(store
        .newsletter_subscriber(kept.id)
        .await
        .unwrap()
        .is_some());
    assert_eq!(
        store.newsletter_history(kept.id).await.unwrap().len(),
        kept_history.len() + 1
    );
}

on_both_backends!(
    every_edition_and_section_has_its_lists,
    list_settings_are_checked_and_audited,
    a_sign_up_waits_for_its_link,
    the_code_confirms_and_counts_wrong_guesses,
    a_new_sign_up_replaces_the_open_confirmation,
    a_sign_up_takes_only_the_editions_active_lists,
    an_address_is_one_subscriber_whatever_its_case,
    a_proved_address_is_active_at_once,
    unsubscribing_ends_lists_once_and_is_recorded,
    a_digest_takes_the_stories_since_the_last_one,
    an_alert_goes_to_the_breaking_list_and_the_editions_browsers,
    deliveries_are_claimed_once_and_each_ends_once,
    permanent_failures_suspend_an_address,
    an_interrupted_delivery_is_never_sent_again,
    push_keys_and_subscriptions,
    export_deletion_and_housekeeping,
);
