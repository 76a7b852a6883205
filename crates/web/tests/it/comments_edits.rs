//! A reader's edit goes through the checks a new comment does: an approved
//! comment whose new text would be held goes back to the queue and leaves
//! the page, edits spend the reader's comment rate, and a comment is edited
//! only under its own article.

use dateline_domain::comment::CommentStatus;

use crate::account::{AccountApp, Browser};
use crate::comments::{post, posted_id, pre_moderate_world, reader, COMMENTS, STORY};

/// Fills the edit form of comment `id` as the story's comments page shows
/// it and posts it to `{comments}/{id}/edit` (another article's address
/// when `comments` names one).
async fn edit(browser: &mut Browser, comments: &str, id: i64, text: &str) -> crate::account::Page {
    let page = browser.get(COMMENTS).await;
    let action = format!("{COMMENTS}/{id}/edit");
    let (_, fields) = page.form(&action);
    let mut fields: Vec<(String, String)> = fields
        .into_iter()
        .filter(|(name, _)| name != "body")
        .collect();
    fields.push(("body".into(), text.into()));
    browser
        .post(&format!("{comments}/{id}/edit"), &fields)
        .await
}

async fn an_edit_of_an_approved_held_comment_goes_back_to_the_queue(t: AccountApp) {
    let store = t.app.store();
    pre_moderate_world(&t).await;
    let mut ann = reader(&t, "Ann").await;
    let id = posted_id(&post(&mut ann, COMMENTS, "A calm remark").await);
    let (mut desk, csrf) = crate::moderation::moderator(&t.app).await;
    let approved = desk
        .post(
            &format!("/newsroom/moderation/{id}/approve"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(approved.status(), 303);
    let story = t.browser().get(STORY).await;
    assert!(story.text(".discussion .comment").contains("A calm remark"));

    let answer = edit(&mut ann, COMMENTS, id, "Buy cheap watches now").await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let location = answer.location.clone().unwrap();
    assert!(location.contains("?done=edited-pending"), "{location}");
    let notice = ann.get(&path_only(&location)).await;
    assert!(
        notice
            .text(".notice")
            .contains("once a moderator has approved it"),
        "{}",
        notice.text(".notice")
    );

    // Off the page for everyone, counted out, and waiting in the queue.
    let story = t.browser().get(STORY).await;
    assert!(!story.body.contains("Buy cheap watches now"));
    assert!(!story.body.contains("A calm remark"));
    assert!(story.text(".comment-counter").contains("0 comments"));
    let comment = store.comment_by_id(id).await.unwrap().unwrap();
    assert_eq!(
        (comment.status, comment.status_reason.as_str()),
        (CommentStatus::Pending, "pre_moderated")
    );
    let queue = desk.get("/newsroom/moderation").await.text().await.unwrap();
    assert!(queue.contains("Buy cheap watches now"), "{queue}");
    assert!(store.comment_counter_drift().await.unwrap().is_empty());
}

async fn edits_spend_the_readers_comment_rate(t: AccountApp) {
    let mut ann = reader(&t, "Ann").await;
    let id = posted_id(&post(&mut ann, COMMENTS, "Version 0").await);
    // The default rate is five comments in ten minutes: the post and four
    // edits spend it, the fifth edit is refused with the text kept.
    for n in 1..=4 {
        let answer = edit(&mut ann, COMMENTS, id, &format!("Version {n}")).await;
        assert_eq!(answer.status, 303, "edit {n}: {}", answer.body);
    }
    let refused = edit(&mut ann, COMMENTS, id, "Version 5").await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.text(".form-error"),
        "You are commenting too fast. Please wait a few minutes."
    );
    // The text and the reason come back in that comment's edit box, open;
    // the comment box stays empty.
    assert_eq!(refused.text(&format!("#edit-{id}")), "Version 5");
    assert_eq!(
        refused.text("details.comment-edit[open] .form-error"),
        "You are commenting too fast. Please wait a few minutes."
    );
    assert_eq!(refused.text("#comment-body"), "");
    let comment = t.app.store().comment_by_id(id).await.unwrap().unwrap();
    assert_eq!(comment.body_source, "Version 4");
}

async fn a_comment_is_edited_only_under_its_own_article(t: AccountApp) {
    let mut ann = reader(&t, "Ann").await;
    let id = posted_id(&post(&mut ann, COMMENTS, "Said here").await);
    let elsewhere = "/en/world/storm-warning/comments";
    let answer = edit(&mut ann, elsewhere, id, "Rewritten from elsewhere").await;
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert!(
        answer.body.contains("Rewritten from elsewhere"),
        "text kept"
    );
    let comment = t.app.store().comment_by_id(id).await.unwrap().unwrap();
    assert_eq!(
        (comment.body_source.as_str(), comment.edited_at),
        ("Said here", None)
    );
}

/// The path and query of a redirect target, without its fragment.
fn path_only(location: &str) -> String {
    location.split('#').next().unwrap().to_owned()
}

on_both_backends!(
    crate::comments::comment_app;
    an_edit_of_an_approved_held_comment_goes_back_to_the_queue,
    edits_spend_the_readers_comment_rate,
    a_comment_is_edited_only_under_its_own_article,
);
