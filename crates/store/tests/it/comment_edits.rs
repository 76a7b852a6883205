//! A reader's edit is checked and written in one transaction: a refusal
//! writes nothing, and the check sees the word lists and the reader's
//! standing as they are when the edit is written.

use dateline_domain::comment::{CommentStatus, WordKind};
use dateline_store::comments::{CommentEdit, EditCheck, NewComment};
use dateline_store::testing::Fixtures;
use dateline_store::{NewAudit, Store};

const T: i64 = Fixtures::NOW;

async fn a_refused_edit_writes_nothing(store: &Store) {
    let fx = Fixtures::new(store).await;
    let article = store
        .create_article(&fx.article("edited", T))
        .await
        .unwrap();
    let ann = store.insert_test_reader("Ann", T - 86_400, true).await;
    let posted = store
        .post_comment(&NewComment {
            article_id: article.id,
            reader_id: ann,
            reply_to: None,
            body_source: "first".into(),
            body_html: "<p>first</p>".into(),
            status: CommentStatus::Published,
            status_reason: String::new(),
            ip: "192.0.2.1".into(),
            at: T,
        })
        .await
        .unwrap();
    store
        .add_moderation_word(
            "gadzooks",
            WordKind::Banned,
            &NewAudit::new("word.add", "word", None, T),
        )
        .await
        .unwrap();
    let edit = CommentEdit {
        comment_id: posted.id,
        article_id: article.id,
        reader_id: ann,
        body_source: "gadzooks",
        body_html: "<p>gadzooks</p>",
        at: T + 10,
        window_start: T - 60,
        rate_since: T - 600,
        repeat_since: T - 86_400,
    };
    let refused = store
        .edit_comment_checked(&edit, |who, facts| {
            assert_eq!(who.id, ann);
            match facts
                .banned_words
                .iter()
                .any(|w| edit.body_source.contains(w.as_str()))
            {
                true => EditCheck::Refuse("banned"),
                false => EditCheck::Keep,
            }
        })
        .await
        .unwrap();
    assert_eq!(refused.unwrap_err(), "banned");
    let unchanged = store.comment_by_id(posted.id).await.unwrap().unwrap();
    assert_eq!(
        (unchanged.body_source.as_str(), unchanged.edited_at),
        ("first", None)
    );

    let fine = CommentEdit {
        body_source: "second",
        body_html: "<p>second</p>",
        ..edit.clone()
    };
    let edited = store
        .edit_comment_checked(&fine, |_, _| EditCheck::<&str>::Keep)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (edited.body_source.as_str(), edited.edited_at),
        ("second", Some(T + 10))
    );
}

on_both_backends!(a_refused_edit_writes_nothing);
