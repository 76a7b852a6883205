//! Comments end to end through the real router, a real database and a real
//! SMTP conversation: post, reply two levels, pre-moderation, refusals that
//! keep the text (in English and Russian), closed stories, likes, reports,
//! sorting and cursor pages, and sanitised Markdown.

use std::time::Duration;

use dateline_domain::comment::{CommentPolicy, CommentStatus, ModerationMode, WordKind};
use dateline_store::comments::{ArticleCommentSettings, NewComment, SectionCommentSettings};
use dateline_store::testing::TestDb;
use dateline_store::NewAudit;
use dateline_web::mail::MailConfig;

use crate::account::{path_of, AccountApp, Browser, Page, PASSWORD, WAIT};
use crate::smtp_sink::SmtpSink;
use crate::test_app::TestApp;

pub const STORY: &str = "/en/world/bridge-reopens";
pub const COMMENTS: &str = "/en/world/bridge-reopens/comments";
const RU_COMMENTS: &str = "/ru/world/most-otkryt/comments";

/// The app with mail to an SMTP sink and no hold on new accounts (tests
/// register readers a moment before they comment).
pub async fn comment_app(db: TestDb) -> AccountApp {
    comment_app_with(
        db,
        CommentPolicy {
            new_account_secs: 0,
            ..CommentPolicy::default()
        },
    )
    .await
}

/// [`comment_app`] under `policy`.
pub async fn comment_app_with(db: TestDb, policy: CommentPolicy) -> AccountApp {
    let sink = SmtpSink::start().await;
    let mail = MailConfig {
        smtp_url: Some(sink.url()),
        from: Some("Dateline <news@news.example>".into()),
    };
    let app = TestApp::on_with(db, |state| {
        state.with_mail(&mail).unwrap().with_comment_policy(policy)
    })
    .await;
    AccountApp { app, sink }
}

/// Registers and verifies a reader named `name` (`{name}@readers.example`);
/// returns a signed-in browser.
pub async fn reader(t: &AccountApp, name: &str) -> Browser {
    let mut browser = t.browser();
    let email = format!("{}@readers.example", name.to_lowercase());
    let form = browser.get("/account/register?edition=en").await;
    let sent = browser
        .submit(
            &form,
            "/account/register",
            &[
                ("email", &email),
                ("display_name", name),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let mail = t.sink.wait_for(&email, WAIT).await;
    let link = mail.link("/account/verify").expect("a verification link");
    let confirm = browser.get(&path_of(&link)).await;
    let done = browser.submit(&confirm, "/account/verify", &[]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    browser
}

/// Posts `text` from the comments page's main form; returns the answer.
pub async fn post(browser: &mut Browser, comments: &str, text: &str) -> Page {
    let page = browser.get(comments).await;
    browser.submit(&page, comments, &[("body", text)]).await
}

/// The audit entry of a rule change made outside the newsroom.
pub fn rules_audit() -> NewAudit {
    NewAudit::new("test.rules", "rules", None, 0)
}

/// Puts the fixtures' world section under pre-moderation.
pub async fn pre_moderate_world(t: &AccountApp) {
    t.app
        .store()
        .set_section_comment_settings(
            &SectionCommentSettings {
                section_id: t.app.newsroom.fixtures.world.id,
                mode: ModerationMode::Pre,
                close_after_days: None,
            },
            &rules_audit(),
        )
        .await
        .unwrap();
}

/// The id in a `…#c{id}` redirect.
pub fn posted_id(answer: &Page) -> i64 {
    let location = answer
        .location
        .as_deref()
        .unwrap_or_else(|| panic!("no redirect: {}", answer.body));
    location.rsplit_once("#c").unwrap().1.parse().unwrap()
}

async fn a_comment_appears_on_the_story_and_its_counter_moves(t: AccountApp) {
    let mut ann = reader(&t, "Ann").await;
    let before = ann.get(STORY).await;
    assert!(
        before.text(".comment-counter").contains("0 comments"),
        "{}",
        before.text(".comment-counter")
    );
    let answer = post(
        &mut ann,
        COMMENTS,
        "Good **news** at last. <script>alert(1)</script> [see](javascript:alert(1)) [map](https://maps.example/b)",
    )
    .await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert!(answer
        .location
        .as_deref()
        .unwrap()
        .contains("?done=published#c"));

    // The cached article page was purged: everyone sees it now.
    let anonymous = t.browser().get(STORY).await;
    assert!(anonymous.text(".comment-counter").contains("1 comment"));
    let card = anonymous.text(".discussion .comment");
    assert!(
        card.contains("Ann") && card.contains("Good news at last."),
        "{card}"
    );
    assert!(anonymous.body.contains("<strong>news</strong>"));
    assert!(
        !anonymous.body.contains("<script>alert(1)"),
        "raw HTML is shown as text"
    );
    assert!(
        !anonymous.body.contains("javascript:alert"),
        "script links lose their target"
    );
    assert!(anonymous
        .body
        .contains(r#"href="https://maps.example/b" rel="nofollow ugc noopener""#));
    // Nothing personal on the cached page.
    assert!(!anonymous.body.contains("Signed in as"));

    let page = ann.get(&format!("{COMMENTS}?done=published")).await;
    assert!(page.text(".notice").contains("Your comment is published."));
    assert!(page.text(".comment-signed-in").contains("Ann"));
    assert_eq!(page.cache_control, "private, no-store");
    let front = t.browser().get("/en/").await;
    assert!(
        front.body.contains("1 comment"),
        "the story's card counts it"
    );
}

async fn pre_moderated_comments_wait_for_a_moderator(t: AccountApp) {
    let store = t.app.store();
    pre_moderate_world(&t).await;
    let mut ann = reader(&t, "Ann").await;
    let answer = post(&mut ann, COMMENTS, "Held for a moment").await;
    assert!(
        answer
            .location
            .as_deref()
            .unwrap()
            .contains("?done=pending"),
        "{:?}",
        answer.location
    );
    let notice = ann.get(&format!("{COMMENTS}?done=pending")).await;
    assert!(notice
        .text(".notice")
        .contains("once a moderator has approved it"));
    assert!(!notice.body.contains("Held for a moment"), "not shown yet");

    let (mut desk, csrf) = crate::moderation::moderator(&t.app).await;
    let queue = desk.get("/newsroom/moderation").await.text().await.unwrap();
    assert!(
        queue.contains("Held for a moment") && queue.contains("the section is pre-moderated"),
        "{queue}"
    );
    let id = posted_id(&answer);
    let done = desk
        .post(
            &format!("/newsroom/moderation/{id}/approve"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(done.status(), 303);
    let story = t.browser().get(STORY).await;
    assert!(story
        .text(".discussion .comment")
        .contains("Held for a moment"));
    assert!(story.text(".comment-counter").contains("1 comment"));
    assert_eq!(
        store.comment_by_id(id).await.unwrap().unwrap().status,
        CommentStatus::Published
    );
}

async fn an_approved_held_reply_mails_the_author_it_answers(t: AccountApp) {
    pre_moderate_world(&t).await;
    let mut ann = reader(&t, "Ann").await;
    let mut bob = reader(&t, "Bob").await;
    let (mut desk, csrf) = crate::moderation::moderator(&t.app).await;
    let approve = |id: i64| format!("/newsroom/moderation/{id}/approve");
    let top = posted_id(&post(&mut ann, COMMENTS, "Worth the wait").await);
    let done = desk.post(&approve(top), &[("csrf_token", &csrf)]).await;
    assert_eq!(done.status(), 303);
    let page = bob.get(COMMENTS).await;
    let answer = bob
        .submit(
            &page,
            COMMENTS,
            &[("body", "Held reply"), ("reply_to", &top.to_string())],
        )
        .await;
    assert!(answer
        .location
        .as_deref()
        .unwrap()
        .contains("?done=pending"));
    let reply = posted_id(&answer);
    assert!(
        t.sink
            .try_wait_for("ann@readers.example", Duration::from_millis(300))
            .await
            .is_none(),
        "no mail while the reply is held"
    );
    let done = desk.post(&approve(reply), &[("csrf_token", &csrf)]).await;
    assert_eq!(done.status(), 303);
    let mail = t.sink.wait_for("ann@readers.example", WAIT).await;
    assert!(
        mail.subject.contains("Bob replied to your comment"),
        "{}",
        mail.subject
    );
    assert!(mail.text.contains("Held reply"), "{}", mail.text);
    let link = mail.link(&format!("{COMMENTS}#c{reply}"));
    assert!(link.is_some(), "{}", mail.text);
    // Approving a published comment again (from the reported queue)
    // sends nothing more.
    let done = desk.post(&approve(reply), &[("csrf_token", &csrf)]).await;
    assert_eq!(done.status(), 303);
    assert!(t
        .sink
        .try_wait_for("ann@readers.example", Duration::from_millis(300))
        .await
        .is_none());
}

async fn refused_comments_come_back_with_the_text_and_the_reason(t: AccountApp) {
    let store = t.app.store();
    store
        .add_moderation_word("идиот", WordKind::Banned, &rules_audit())
        .await
        .unwrap();
    let mut ann = reader(&t, "Ann").await;
    let text = "Only an ИДИОТ would say so";
    let answer = post(&mut ann, COMMENTS, text).await;
    assert_eq!(answer.status, 422);
    assert_eq!(answer.text("#comment-body"), text, "the text is kept");
    assert!(
        answer
            .text(".form-error")
            .contains("contains a word not allowed here: “идиот”"),
        "{}",
        answer.text(".form-error")
    );
    let ru = post(&mut ann, RU_COMMENTS, text).await;
    assert_eq!(ru.status, 422);
    assert!(
        ru.text(".form-error")
            .contains("недопустимое слово: «идиот»"),
        "{}",
        ru.text(".form-error")
    );
    assert_eq!(ru.text("#comment-body"), text);

    let long = "слово ".repeat(900);
    let too_long = post(&mut ann, RU_COMMENTS, &long).await;
    assert_eq!(too_long.status, 422);
    assert!(too_long
        .text(".form-error")
        .contains("не больше 4000 знаков"));

    // A closed story refuses, and says so on its page.
    let bridge = &t.app.newsroom.bridge;
    store
        .set_article_comment_settings(
            bridge.id,
            ArticleCommentSettings {
                mode: None,
                closed: true,
            },
            &rules_audit(),
        )
        .await
        .unwrap();
    let story = t.browser().get(STORY).await;
    assert!(story
        .text(".comments-closed")
        .contains("Comments on this story are closed."));
    let mut fields = vec![("body".to_owned(), "Too late?".to_owned())];
    fields.push((
        "csrf_token".to_owned(),
        ann.me().await["csrf"].as_str().unwrap().to_owned(),
    ));
    let closed = ann.post(COMMENTS, &fields).await;
    assert_eq!(closed.status, 422);
    assert!(closed.text(".form-error").contains("closed"));
    assert!(closed.body.contains("Too late?"), "the text is kept");
    assert_eq!(story.text(".comment-counter"), "0 comments");
}

async fn one_address_is_limited_whichever_account_posts(db: TestDb) {
    let policy = CommentPolicy {
        new_account_secs: 0,
        rate_count: 10,
        rate_count_ip: 2,
        ..CommentPolicy::default()
    };
    let t = comment_app_with(db, policy).await;
    let mut ann = reader(&t, "Ann").await;
    for text in ["First from this address", "Second from this address"] {
        assert_eq!(post(&mut ann, COMMENTS, text).await.status, 303);
    }
    // Bob signs in from the same address: his own count is zero, the
    // address's is spent.
    let mut bob = reader(&t, "Bob").await;
    let text = "Bob would like a word";
    let refused = post(&mut bob, COMMENTS, text).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(refused.text("#comment-body"), text, "the text is kept");
    assert!(
        refused.text(".form-error").contains("commenting too fast"),
        "{}",
        refused.text(".form-error")
    );
    let page = t.browser().get(STORY).await;
    assert_eq!(page.text(".comment-counter"), "2 comments");
}

async fn without_a_token_or_a_session_nothing_typed_is_lost(t: AccountApp) {
    // The cached article page's form carries no token.
    let mut stranger = t.browser();
    let story = stranger.get(STORY).await;
    let answer = stranger
        .submit(&story, COMMENTS, &[("body", "Hello from nowhere")])
        .await;
    assert_eq!(answer.status, 401);
    assert!(answer.body.contains("Hello from nowhere"));
    assert!(answer.text(".form-error").contains("Sign in to post"));

    let mut ann = reader(&t, "Ann").await;
    let story = ann.get(STORY).await;
    let confirm = ann
        .submit(&story, COMMENTS, &[("body", "Please keep me")])
        .await;
    assert_eq!(confirm.status, 200);
    assert_eq!(confirm.text("#comment-body"), "Please keep me");
    // The browser sends the textarea as it stands.
    let kept = confirm.text("#comment-body");
    let sent = ann.submit(&confirm, COMMENTS, &[("body", &kept)]).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
}

async fn replies_nest_two_levels_and_mail_the_author(t: AccountApp) {
    let mut ann = reader(&t, "Ann").await;
    let mut bob = reader(&t, "Bob").await;
    let top = posted_id(&post(&mut ann, COMMENTS, "Top level").await);
    let page = bob.get(COMMENTS).await;
    let reply = bob
        .submit(
            &page,
            COMMENTS,
            &[("body", "Level one"), ("reply_to", &top.to_string())],
        )
        .await;
    // `submit` fills the main form; the reply form's hidden field says where.
    let one = posted_id(&reply);
    let mail = t.sink.wait_for("ann@readers.example", WAIT).await;
    assert!(
        mail.subject.contains("Bob replied to your comment"),
        "{}",
        mail.subject
    );
    assert!(mail.text.contains("Level one"));
    let page = ann.get(COMMENTS).await;
    let two = posted_id(
        &ann.submit(
            &page,
            COMMENTS,
            &[("body", "Level two"), ("reply_to", &one.to_string())],
        )
        .await,
    );
    let page = bob.get(COMMENTS).await;
    let three = posted_id(
        &bob.submit(
            &page,
            COMMENTS,
            &[("body", "Beside level two"), ("reply_to", &two.to_string())],
        )
        .await,
    );
    let page = t.browser().get(COMMENTS).await;
    assert_eq!(
        page.text(".comment-list > li > .comment .comment-body"),
        "Top level"
    );
    assert_eq!(
        page.text(".comment-list > li > .comment-replies > li > .comment .comment-body"),
        "Level one"
    );
    assert_eq!(
        page.text(".comment-replies .comment-replies .comment-body"),
        "Level two Beside level two"
    );
    assert!(page.body.contains(&format!("id=\"c{three}\"")));
    assert!(page.text(".comment-counter").contains("4 comments"));
}

async fn likes_count_once_and_reports_reach_the_queue_and_rejections_mail_the_reason(
    t: crate::account::AccountApp,
) {
    let mut ann = reader(&t, "Ann").await;
    let mut bob = reader(&t, "Bob").await;
    let id = posted_id(&post(&mut ann, COMMENTS, "Like me").await);
    for _ in 0..2 {
        let page = bob.get(COMMENTS).await;
        if page.body.contains(&format!("{COMMENTS}/{id}/like")) {
            let liked = bob
                .submit(&page, &format!("{COMMENTS}/{id}/like"), &[])
                .await;
            assert_eq!(liked.status, 303);
        } else {
            assert!(page.text(".comment-liked").contains("You like this"));
            let csrf = bob.me().await["csrf"].as_str().unwrap().to_owned();
            let again = bob
                .post(
                    &format!("{COMMENTS}/{id}/like"),
                    &[("csrf_token".into(), csrf)],
                )
                .await;
            assert_eq!(again.status, 303, "a second like changes nothing");
        }
    }
    let page = t.browser().get(COMMENTS).await;
    assert_eq!(page.text(".comment-likes"), "1 like");

    let page = bob.get(COMMENTS).await;
    assert!(page.body.contains(&format!("{COMMENTS}/{id}/report")));
    let csrf = bob.me().await["csrf"].as_str().unwrap().to_owned();
    let fields = [
        ("csrf_token", csrf.as_str()),
        ("reason", "abuse"),
        ("note", "Rude to me"),
    ]
    .map(|(k, v)| (k.to_owned(), v.to_owned()));
    let reported = bob.post(&format!("{COMMENTS}/{id}/report"), &fields).await;
    assert_eq!(reported.status, 303);
    let (mut desk, csrf) = crate::moderation::moderator(&t.app).await;
    let queue = desk
        .get("/newsroom/moderation?queue=reported")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        queue.contains("Like me") && queue.contains("Abuse or harassment: Rude to me"),
        "{queue}"
    );
    let rejected = desk
        .post(
            &format!("/newsroom/moderation/{id}/reject"),
            &[
                ("csrf_token", &csrf),
                ("reason", "Personal attacks"),
                ("queue", "reported"),
            ],
        )
        .await;
    assert_eq!(rejected.status(), 303);
    let mail = t.sink.wait_for("ann@readers.example", WAIT).await;
    assert!(
        mail.subject.contains("Your comment was not published"),
        "{}",
        mail.subject
    );
    assert!(mail.text.contains("Reason: Personal attacks") && mail.text.contains("Like me"));
    let story = t.browser().get(STORY).await;
    assert!(story.text(".comment-counter").contains("0 comments"));
    assert!(!story.body.contains("Like me"));
    let log = desk
        .get("/newsroom/moderation/log")
        .await
        .text()
        .await
        .unwrap();
    assert!(log.contains("comment.reject") && log.contains("Personal attacks"));
}

async fn every_sort_pages_by_cursor_links(t: AccountApp) {
    let store = t.app.store();
    let bridge = t.app.newsroom.bridge.id;
    let mut writer = reader(&t, "Ann").await;
    let _ = writer.get(COMMENTS).await;
    let reader_id = store.insert_test_reader("Bulk", 0, true).await;
    let mut ids = Vec::new();
    for i in 0..45 {
        let c = store
            .post_comment(&NewComment {
                article_id: bridge,
                reader_id,
                reply_to: None,
                body_source: format!("number {i}"),
                body_html: format!("<p>number {i}</p>"),
                status: CommentStatus::Published,
                status_reason: String::new(),
                ip: String::new(),
                at: 1_000 + i,
            })
            .await
            .unwrap();
        ids.push(c.id);
    }
    for sort in ["newest", "oldest"] {
        let mut seen = Vec::new();
        let mut url = Some(format!("{COMMENTS}?sort={sort}"));
        while let Some(next) = url {
            let page = writer.get(&next).await;
            assert_eq!(page.status, 200);
            seen.extend(
                page.text(".comment-list > li > .comment .comment-body")
                    .split("number ")
                    .filter(|s| !s.is_empty())
                    .map(|s| s.trim().parse::<i64>().unwrap()),
            );
            url = crate::comments::more_link(&page);
        }
        let mut want: Vec<i64> = (0..45).collect();
        if sort == "newest" {
            want.reverse();
        }
        assert_eq!(seen, want, "{sort}");
    }
    let liked = writer.get(&format!("{COMMENTS}?sort=liked")).await;
    assert!(liked.body.contains("aria-current=\"page\">Most liked"));
}

async fn long_threads_continue_on_their_own_page(t: AccountApp) {
    let store = t.app.store();
    let bridge = t.app.newsroom.bridge.id;
    let ann = store.insert_test_reader("Ann", 0, true).await;
    let new = |text: &str, reply_to, at| NewComment {
        article_id: bridge,
        reader_id: ann,
        reply_to,
        body_source: text.to_owned(),
        body_html: format!("<p>{text}</p>"),
        status: CommentStatus::Published,
        status_reason: String::new(),
        ip: String::new(),
        at,
    };
    let top = store
        .post_comment(&new("The root", None, 1_000))
        .await
        .unwrap();
    for i in 0..25 {
        store
            .post_comment(&new(&format!("reply {i}"), Some(top.id), 1_001 + i))
            .await
            .unwrap();
    }
    let page = t.browser().get(COMMENTS).await;
    assert_eq!(
        page.text(".comment-more-replies"),
        "5 more replies in this thread"
    );
    let doc = scraper::Html::parse_document(&page.body);
    let sel = scraper::Selector::parse(".comment-more-replies a").unwrap();
    let link = doc
        .select(&sel)
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    let thread = t.browser().get(&link).await;
    assert_eq!(thread.status, 200);
    let bodies = thread.text(".comment-replies .comment-body");
    assert!(
        bodies.contains("reply 0") && bodies.contains("reply 24"),
        "{bodies}"
    );
    assert!(thread.text(".comment-more-replies").is_empty());
    assert_eq!(
        t.browser()
            .get(&format!("{COMMENTS}?thread=999999"))
            .await
            .status,
        404
    );
}

/// The "more comments" link of a page, if any.
pub fn more_link(page: &Page) -> Option<String> {
    let doc = scraper::Html::parse_document(&page.body);
    let sel = scraper::Selector::parse("a[data-comment-more]").unwrap();
    doc.select(&sel)
        .next()
        .map(|a| a.value().attr("href").unwrap().replace("&amp;", "&"))
}

on_both_backends!(
    crate::comments::comment_app;
    a_comment_appears_on_the_story_and_its_counter_moves,
    pre_moderated_comments_wait_for_a_moderator,
    an_approved_held_reply_mails_the_author_it_answers,
    refused_comments_come_back_with_the_text_and_the_reason,
    without_a_token_or_a_session_nothing_typed_is_lost,
    replies_nest_two_levels_and_mail_the_author,
    likes_count_once_and_reports_reach_the_queue_and_rejections_mail_the_reason,
    every_sort_pages_by_cursor_links,
    long_threads_continue_on_their_own_page,
);

on_both_backends!(
    std::future::ready;
    one_address_is_limited_whichever_account_posts,
);
