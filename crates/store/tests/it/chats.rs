//! Chats in the store: rooms, posting with its facts and event, history
//! pages and resumes, deletion and chat sanctions.

use dateline_domain::comment::WordKind;
use dateline_domain::{NewUser, Role};
use dateline_store::chats::{ChatRoomInput, ChatSanctionChange, ChatSanctionKind, NewChatMessage};
use dateline_store::events::Event;
use dateline_store::testing::Fixtures;
use dateline_store::{NewAudit, NewReader, Store, StoreError};

const T: i64 = Fixtures::NOW;

on_both_backends!(
    rooms_are_created_listed_and_edited,
    messages_page_back_and_resume_with_an_overlap,
    posting_announces_and_deleting_hides,
    sanctions_mute_until_a_time_and_ban_until_lifted,
    a_readers_messages_are_exported_and_leave_with_the_account,
);

fn audit(action: &str) -> NewAudit {
    NewAudit::new(action, "chat", None, T)
}

fn input(edition_id: i64, slug: &str) -> ChatRoomInput {
    ChatRoomInput {
        edition_id,
        slug: slug.parse().unwrap(),
        title: format!("Room {slug}"),
        description: String::new(),
        slow_mode_seconds: 0,
        is_open: true,
        position: 0,
    }
}

async fn reader(store: &Store, name: &str) -> i64 {
    store
        .create_reader(&NewReader {
            email: format!("{}@readers.example", name.to_lowercase())
                .parse()
                .unwrap(),
            display_name: name.into(),
            password_hash: None,
            language: "en".into(),
            created_at: T - 86_400,
            verified_at: Some(T - 86_400),
        })
        .await
        .unwrap()
        .id
}

async fn moderator(store: &Store) -> i64 {
    let new = NewUser {
        email: "desk@example.org".parse().unwrap(),
        display_name: "Desk".into(),
        role: Role::Editor,
        password_hash: None,
    };
    store.create_user(&new, T).await.unwrap().id
}

async fn post(store: &Store, room_id: i64, reader_id: i64, body: &str, at: i64) -> i64 {
    let new = NewChatMessage {
        room_id,
        reader_id,
        body: body.into(),
        at,
    };
    store.post_chat_message(&new).await.unwrap().id
}

async fn rooms_are_created_listed_and_edited(store: &Store) {
    let fx = Fixtures::new(store).await;
    let a = store
        .create_chat_room(&input(fx.en.id, "town"), T, &audit("chat_room.create"))
        .await
        .unwrap();
    let mut second = input(fx.en.id, "sport");
    second.position = -1;
    store
        .create_chat_room(&second, T, &audit("chat_room.create"))
        .await
        .unwrap();
    store
        .create_chat_room(&input(fx.ru.id, "town"), T, &audit("chat_room.create"))
        .await
        .unwrap();
    let dup = store
        .create_chat_room(&input(fx.en.id, "town"), T, &audit("chat_room.create"))
        .await;
    assert!(matches!(dup, Err(StoreError::Duplicate { .. })), "{dup:?}");
    let en: Vec<String> = store
        .chat_rooms(Some(fx.en.id))
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.slug)
        .collect();
    assert_eq!(en, ["sport", "town"]);
    assert_eq!(store.chat_rooms(None).await.unwrap().len(), 3);
    let mut edit = input(fx.en.id, "town-square");
    edit.slow_mode_seconds = 30;
    edit.is_open = false;
    let room = store
        .update_chat_room(a.id, &edit, &audit("chat_room.update"))
        .await
        .unwrap();
    assert_eq!(
        (room.slug.as_str(), room.slow_mode_seconds, room.is_open),
        ("town-square", 30, false)
    );
    assert!(store
        .chat_room_by_slug(fx.en.id, "town")
        .await
        .unwrap()
        .is_none());
    // A closed room takes no messages.
    let ann = reader(store, "Ann").await;
    let refused = store
        .post_chat_message(&NewChatMessage {
            room_id: a.id,
            reader_id: ann,
            body: "hi".into(),
            at: T,
        })
        .await;
    assert!(matches!(refused, Err(StoreError::NotFound)));
}

async fn messages_page_back_and_resume_with_an_overlap(store: &Store) {
    let fx = Fixtures::new(store).await;
    let room = store
        .create_chat_room(&input(fx.en.id, "town"), T, &audit("chat_room.create"))
        .await
        .unwrap();
    let ann = reader(store, "Ann").await;
    let mut ids = Vec::new();
    for n in 0..7 {
        ids.push(post(store, room.id, ann, &format!("m{n}"), T + n * 100).await);
    }
    let (latest, more) = store.chat_history(room.id, None, 3).await.unwrap();
    let got: Vec<i64> = latest.iter().map(|m| m.id).collect();
    assert_eq!((got.as_slice(), more), (&ids[4..], true));
    assert_eq!(latest[0].author_name, "Ann");
    let (older, more) = store.chat_history(room.id, Some(ids[4]), 3).await.unwrap();
    assert_eq!(
        (older.iter().map(|m| m.id).collect::<Vec<_>>(), more),
        (ids[1..4].to_vec(), true)
    );
    let (first, more) = store.chat_history(room.id, Some(ids[1]), 3).await.unwrap();
    assert_eq!((first.len(), more), (1, false));

    // After m3: m4..m6, and m3 itself is not repeated when it is older
    // than the overlap; a wide overlap includes it again.
    let since = store
        .chat_messages_since(room.id, ids[3], 10, 100)
        .await
        .unwrap();
    assert_eq!(since.iter().map(|m| m.id).collect::<Vec<_>>(), ids[4..]);
    let wide = store
        .chat_messages_since(room.id, ids[3], 150, 100)
        .await
        .unwrap();
    let want: Vec<i64> = [ids[2]]
        .into_iter()
        .chain(ids[4..].iter().copied())
        .collect();
    assert_eq!(wide.iter().map(|m| m.id).collect::<Vec<_>>(), want);
}

async fn posting_announces_and_deleting_hides(store: &Store) {
    let fx = Fixtures::new(store).await;
    let room = store
        .create_chat_room(&input(fx.en.id, "town"), T, &audit("chat_room.create"))
        .await
        .unwrap();
    store
        .add_moderation_word("scam", WordKind::Banned, &audit("word.add"))
        .await
        .unwrap();
    store
        .add_moderation_word("maybe", WordKind::Suspect, &audit("word.add"))
        .await
        .unwrap();
    let ann = reader(store, "Ann").await;
    let mut events = store.subscribe();
    let id = post(store, room.id, ann, "hello", T).await;
    assert_eq!(
        *events.recv().await.unwrap(),
        Event::ChatPosted {
            room_id: room.id,
            message_id: id
        }
    );
    let second = post(store, room.id, ann, "again", T + 3).await;
    assert!(matches!(
        *events.recv().await.unwrap(),
        Event::ChatPosted { message_id, .. } if message_id == second
    ));
    let facts = store.chat_post_facts(ann, room.id, T, T + 5).await.unwrap();
    assert_eq!(facts.recent, 2);
    assert_eq!(facts.last_in_room, Some(T + 3));
    assert_eq!(facts.banned_words, ["scam"]);
    assert!(facts.standing.unwrap().verified);
    let desk = moderator(store).await;
    store
        .delete_chat_message(id, "rude", T + 10, desk, &audit("chat_message.delete"))
        .await
        .unwrap();
    assert_eq!(
        *events.recv().await.unwrap(),
        Event::ChatDeleted {
            room_id: room.id,
            message_id: id
        }
    );
    let again = store
        .delete_chat_message(id, "rude", T + 10, desk, &audit("chat_message.delete"))
        .await;
    assert!(matches!(again, Err(StoreError::NotFound)));
    let (shown, _) = store.chat_history(room.id, None, 10).await.unwrap();
    assert_eq!(shown.len(), 1);
    assert!(store.chat_message(id).await.unwrap().unwrap().deleted);
    let recent = store.recent_chat_messages(None, 10).await.unwrap();
    assert_eq!(recent.len(), 2, "moderators still see it");
    let (log, _) = store.moderation_log(None, 10).await.unwrap();
    assert_eq!(log[0].action, "chat.delete");
    assert_eq!(log[0].reader_id, Some(ann));
}

async fn sanctions_mute_until_a_time_and_ban_until_lifted(store: &Store) {
    let ann = reader(store, "Ann").await;
    let desk = moderator(store).await;
    let change = |kind| ChatSanctionChange {
        reader_id: ann,
        kind,
        reason: "calm".into(),
        at: T,
        actor_user_id: desk,
        audit: audit("chat.sanction"),
    };
    store
        .change_chat_sanction(&change(Some(ChatSanctionKind::Mute { until: T + 60 })))
        .await
        .unwrap();
    let mute = store.chat_sanction(ann, T + 59).await.unwrap().unwrap();
    assert_eq!(mute.kind, ChatSanctionKind::Mute { until: T + 60 });
    assert_eq!(mute.reader_name, "Ann");
    assert!(
        store.chat_sanction(ann, T + 60).await.unwrap().is_none(),
        "it ends"
    );
    store
        .change_chat_sanction(&change(Some(ChatSanctionKind::Ban)))
        .await
        .unwrap();
    assert_eq!(store.chat_sanctions(T + 1_000_000).await.unwrap().len(), 1);
    store.change_chat_sanction(&change(None)).await.unwrap();
    assert!(store.chat_sanction(ann, T).await.unwrap().is_none());
    let missing = ChatSanctionChange {
        reader_id: 9999,
        ..change(None)
    };
    assert!(matches!(
        store.change_chat_sanction(&missing).await,
        Err(StoreError::NotFound)
    ));
    let (log, _) = store.moderation_log(None, 10).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["chat.lift", "chat.ban", "chat.mute"]);
}

async fn a_readers_messages_are_exported_and_leave_with_the_account(store: &Store) {
    let fx = Fixtures::new(store).await;
    let room = store
        .create_chat_room(&input(fx.en.id, "town"), T, &audit("chat_room.create"))
        .await
        .unwrap();
    let ann = reader(store, "Ann").await;
    let bob = reader(store, "Bob").await;
    post(store, room.id, ann, "ann was here", T).await;
    post(store, room.id, bob, "bob too", T + 1).await;
    let export = store.reader_export(ann, T + 2).await.unwrap().unwrap();
    assert_eq!(export["chat_messages"][0]["text"], "ann was here");
    assert_eq!(export["chat_messages"][0]["room"], "town");
    assert!(store.delete_reader(ann, T + 3).await.unwrap());
    let (shown, _) = store.chat_history(room.id, None, 10).await.unwrap();
    let texts: Vec<&str> = shown.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(texts, ["bob too"]);
}
