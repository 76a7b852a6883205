//! The discussion on the cached article page: Like and Reply there with no
//! token and nothing personal in the page, where each leads without
//! JavaScript (login, or the comments page to confirm), logging in and
//! coming back to the discussion, reporting from a shared page, and the
//! note saying which comments a moderator reads first.

use dateline_domain::comment::CommentPolicy;
use dateline_store::testing::TestDb;
use scraper::{Html, Selector};

use crate::account::{path_of, AccountApp, Page, PASSWORD};
use crate::comments::{
    comment_app_with, post, posted_id, pre_moderate_world, reader, COMMENTS, STORY,
};

/// The `attr` of every element matching `selector`.
fn attrs(page: &Page, selector: &str, attr: &str) -> Vec<String> {
    let doc = Html::parse_document(&page.body);
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// The outer HTML of the first element matching `selector`.
fn html_of(page: &Page, selector: &str) -> String {
    let doc = Html::parse_document(&page.body);
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .next()
        .map(|e| e.html())
        .unwrap_or_else(|| panic!("no {selector} in {}", page.body))
}

async fn the_cached_discussion_offers_like_and_reply_without_anything_personal(t: AccountApp) {
    let mut ann = reader(&t, "Ann").await;
    let id = posted_id(&post(&mut ann, COMMENTS, "Worth the wait").await);

    let anonymous = t.browser().get(STORY).await;
    let discussion = html_of(&anonymous, ".discussion");
    let like = format!("{COMMENTS}/{id}/like");
    assert_eq!(
        attrs(
            &anonymous,
            &format!(".discussion form[action=\"{like}\"]"),
            "method"
        ),
        ["post"],
        "{discussion}"
    );
    assert_eq!(
        attrs(
            &anonymous,
            &format!(".discussion details.comment-reply input[name=reply_to][value=\"{id}\"]"),
            "type"
        ),
        ["hidden"]
    );
    assert_eq!(
        attrs(
            &anonymous,
            ".discussion a.comment-button[href*='report=']",
            "href"
        ),
        [format!("{COMMENTS}?report={id}#c{id}")]
    );
    // Every form's token is left for comments.js to fill in.
    let tokens = attrs(&anonymous, ".discussion input[name=csrf_token]", "value");
    assert!(tokens.len() >= 3, "the box, Like and Reply: {tokens:?}");
    assert!(tokens.iter().all(String::is_empty), "{tokens:?}");
    assert_eq!(
        attrs(
            &anonymous,
            ".discussion input[name=csrf_token][data-csrf]",
            "value"
        )
        .len(),
        tokens.len()
    );
    // The author sees the very same discussion: nothing personal is cached.
    let own = ann.get(STORY).await;
    assert_eq!(html_of(&own, ".discussion"), discussion);
    assert!(!discussion.contains("comment-likes") && !discussion.contains("Signed in as"));
    // Logging in from it comes back to it.
    assert_eq!(
        attrs(&anonymous, ".discussion a[data-login]", "href"),
        ["/account/login?edition=en&return=/en/world/bridge-reopens%23discussion"]
    );
}

async fn like_and_reply_from_the_cached_page_work_without_javascript(t: AccountApp) {
    let mut ann = reader(&t, "Ann").await;
    let id = posted_id(&post(&mut ann, COMMENTS, "Worth the wait").await);
    let like = format!("{COMMENTS}/{id}/like");

    // Signed out: to the login page, coming back to the comment.
    let mut stranger = t.browser();
    let story = stranger.get(STORY).await;
    let answer = stranger.submit(&story, &like, &[]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(
        answer.location.as_deref(),
        Some(format!("/account/login?edition=en&return={COMMENTS}%23c{id}").as_str())
    );
    let login = stranger.get(answer.location.as_deref().unwrap()).await;
    assert_eq!(login.status, 200);

    // Signed in, with the cached page's empty token: nothing is counted,
    // and the comments page asks for the press that counts.
    let mut bob = reader(&t, "Bob").await;
    let story = bob.get(STORY).await;
    let answer = bob.submit(&story, &like, &[]).await;
    assert_eq!(
        answer.location.as_deref(),
        Some(format!("{COMMENTS}?done=confirm-like#c{id}").as_str())
    );
    assert_eq!(t.browser().get(COMMENTS).await.text(".comment-likes"), "");
    let confirm = bob.get(&format!("{COMMENTS}?done=confirm-like")).await;
    assert_eq!(
        confirm.text(".comment-status .notice"),
        "To like this comment, press Like once more."
    );
    let liked = bob.submit(&confirm, &like, &[]).await;
    assert_eq!(
        liked.location.as_deref(),
        Some(format!("{COMMENTS}?done=liked#c{id}").as_str())
    );
    assert_eq!(
        t.browser().get(COMMENTS).await.text(".comment-likes"),
        "1 like"
    );

    // Reply from the cached page: confirmed once on the comments page (the
    // text and the comment it answers kept), then nested under it.
    let reply_fields = [
        ("csrf_token".to_owned(), String::new()),
        ("reply_to".to_owned(), id.to_string()),
        ("body".to_owned(), "Only on weekdays".to_owned()),
    ];
    let confirm = bob.post(COMMENTS, &reply_fields).await;
    assert_eq!(confirm.status, 200);
    assert_eq!(
        confirm.text(".form-error"),
        "Please check your comment and post it again."
    );
    assert_eq!(confirm.text("#comment-body"), "Only on weekdays");
    let sent = bob
        .submit(&confirm, COMMENTS, &[("body", "Only on weekdays")])
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let story = t.browser().get(STORY).await;
    assert_eq!(
        story.text(&format!(
            ".discussion #c{id} + .comment-replies .comment-body"
        )),
        "Only on weekdays"
    );
}

async fn reporting_from_a_shared_page_logs_in_first(t: AccountApp) {
    let mut ann = reader(&t, "Ann").await;
    let id = posted_id(&post(&mut ann, COMMENTS, "Worth the wait").await);
    let report = format!("{COMMENTS}?report={id}");
    let answer = t.browser().get(&report).await;
    assert_eq!(answer.status, 303);
    assert_eq!(
        answer.location.as_deref(),
        Some(
            format!("/account/login?edition=en&return={COMMENTS}%3Freport%3D{id}%23c{id}").as_str()
        )
    );
    let mut bob = reader(&t, "Bob").await;
    let page = bob.get(&report).await;
    assert_eq!(page.status, 200);
    assert_eq!(
        attrs(&page, "details.comment-report[open] form", "action"),
        [format!("{COMMENTS}/{id}/report")]
    );
    // One's own comment has no report box to open.
    let own = ann.get(&report).await;
    assert!(attrs(&own, "details.comment-report[open]", "class").is_empty());
}

async fn logging_in_from_the_discussion_comes_back_to_it(t: AccountApp) {
    drop(reader(&t, "Ann").await);
    let mut browser = t.browser();
    let story = browser.get(STORY).await;
    let link = attrs(&story, ".discussion a[data-login]", "href").remove(0);
    let login = browser.get(&path_of(&link)).await;
    assert_eq!(login.status, 200, "{}", login.body);
    let done = browser
        .submit(
            &login,
            "/account/login",
            &[("email", "ann@readers.example"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        (done.status, done.location.as_deref()),
        (303, Some("/en/world/bridge-reopens#discussion")),
        "{}",
        done.body
    );
    // And from the comments page, back to its box.
    let mut other = t.browser();
    let page = other.get(COMMENTS).await;
    let link = attrs(&page, "#comments a[data-login]", "href").remove(0);
    assert_eq!(
        link,
        "/account/login?edition=en&return=/en/world/bridge-reopens/comments%23comments"
    );
}

async fn the_box_says_which_comments_a_moderator_reads_first(t: AccountApp) {
    let anonymous = t.browser().get(STORY).await;
    assert_eq!(
        anonymous.text(".discussion .comment-moderation"),
        "If your account is less than 24 hours old, a moderator reads your comments before they appear."
    );
    let ru = t.browser().get("/ru/world/most-otkryt").await;
    assert_eq!(
        ru.text(".discussion .comment-moderation"),
        "Если учётная запись создана меньше 24 часов назад, ваши комментарии появятся после проверки модератором."
    );

    // A new reader is told until when, and what happened once they post.
    let mut ann = reader(&t, "Ann").await;
    let page = ann.get(COMMENTS).await;
    let note = page.text("#comments .comment-moderation");
    assert!(
        note.starts_with("Your account is new: until ")
            && note.ends_with(", a moderator reads your comments before they appear."),
        "{note}"
    );
    assert_eq!(
        attrs(&page, "#comment-body", "aria-describedby"),
        ["comment-moderation comment-hint"]
    );
    let answer = post(&mut ann, COMMENTS, "First words here").await;
    let location = answer.location.unwrap();
    assert!(location.contains("?done=pending#c"), "{location}");
    let held = ann.get(&location).await;
    assert_eq!(
        held.text("[role=status] .notice.notice-held"),
        "Thank you. Your comment will appear once a moderator has approved it."
    );

    // A pre-moderated story says that every comment is read.
    pre_moderate_world(&t).await;
    let story = t.browser().get(STORY).await;
    assert_eq!(
        story.text(".discussion .comment-moderation"),
        "A moderator reads every comment on this story before it appears."
    );
}

async fn no_note_when_nothing_is_held_and_unknown_notices_are_not_shown(t: AccountApp) {
    let story = t.browser().get(STORY).await;
    assert_eq!(story.text(".comment-moderation"), "");
    assert_eq!(
        attrs(&story, "#comment-body", "aria-describedby"),
        ["comment-hint"]
    );
    let page = t.browser().get(&format!("{COMMENTS}?done=whatever")).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.text(".comment-status"), "");
}

/// The comment app under the default policy: new accounts are held a day.
async fn holding_app(db: TestDb) -> AccountApp {
    comment_app_with(db, CommentPolicy::default()).await
}

on_both_backends!(
    crate::comments::comment_app;
    the_cached_discussion_offers_like_and_reply_without_anything_personal,
    like_and_reply_from_the_cached_page_work_without_javascript,
    reporting_from_a_shared_page_logs_in_first,
    logging_in_from_the_discussion_comes_back_to_it,
    no_note_when_nothing_is_held_and_unknown_notices_are_not_shown,
);

on_both_backends!(
    crate::comments_discussion::holding_app;
    the_box_says_which_comments_a_moderator_reads_first,
);
