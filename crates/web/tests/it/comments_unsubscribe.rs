//! Reply mail can be stopped: each reply mail carries a one-click
//! unsubscribe (`List-Unsubscribe` with `List-Unsubscribe-Post`, RFC 8058)
//! and the link in its text; POSTing that address as a mail client does
//! turns reply mail off, a mail scanner's GET does not, and the profile
//! turns it back on.

use reqwest::header::CONTENT_TYPE;

use crate::account::{path_of, Browser, WAIT};
use crate::comments::{post, posted_id, reader, COMMENTS};
use crate::test_app::BASE_URL;

async fn reply(browser: &mut Browser, to: i64, text: &str) -> i64 {
    let page = browser.get(COMMENTS).await;
    let answer = browser
        .submit(
            &page,
            COMMENTS,
            &[("body", text), ("reply_to", &to.to_string())],
        )
        .await;
    posted_id(&answer)
}

fn header(raw: &str, name: &str) -> String {
    let parsed = mail_parser::MessageParser::default()
        .parse(raw.as_bytes())
        .unwrap();
    // Long values are folded over lines; a URL holds no spaces.
    parsed
        .header_raw(name)
        .unwrap_or_else(|| panic!("no {name} header in {raw}"))
        .split_whitespace()
        .collect()
}

async fn reply_mail_stops_in_one_click_and_comes_back_from_the_profile(
    t: crate::account::AccountApp,
) {
    let mut ann = reader(&t, "Ann").await;
    let mut bob = reader(&t, "Bob").await;
    let top = posted_id(&post(&mut ann, COMMENTS, "Top level").await);
    reply(&mut bob, top, "First answer").await;
    let mail = t.sink.wait_for("ann@readers.example", WAIT).await;
    let list = header(&mail.raw, "List-Unsubscribe");
    let url = list
        .strip_prefix('<')
        .and_then(|l| l.strip_suffix('>'))
        .unwrap_or_else(|| panic!("{list}"));
    assert!(
        url.starts_with(&format!("{BASE_URL}/account/unsubscribe?")),
        "{url}"
    );
    assert_eq!(
        header(&mail.raw, "List-Unsubscribe-Post"),
        "List-Unsubscribe=One-Click"
    );
    assert_eq!(mail.link("/account/unsubscribe").as_deref(), Some(url));

    // A mail scanner fetching the link finds a button, nothing more.
    let mut scanner = t.browser();
    let confirm = scanner.get(&path_of(url)).await;
    assert_eq!(confirm.status, 200, "{}", confirm.body);
    let profile = ann.get("/account/?edition=en").await;
    assert!(profile
        .body
        .contains("name=\"reply_mail\" value=\"1\" checked"));

    // A forged secret changes nothing.
    let forged = url.rsplit_once('.').unwrap().0.to_owned() + ".forged";
    let client = reqwest::Client::new();
    let one_click = |address: String| {
        client
            .post(t.app.url(&path_of(&address)))
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
    };
    assert_eq!(one_click(forged).await.unwrap().status(), 404);
    // The mail client's one-click POST: no cookie, no form token.
    let done = one_click(url.to_owned()).await.unwrap();
    assert_eq!(done.status(), 200);
    assert!(done
        .text()
        .await
        .unwrap()
        .contains("Reply notifications stopped"));
    let profile = ann.get("/account/?edition=en").await;
    assert!(profile.body.contains("name=\"reply_mail\" value=\"1\">"));

    // The next reply mails Ann nothing: Bob's answer from Ann, sent
    // after it, arrives alone.
    let second = reply(&mut bob, top, "Second answer").await;
    reply(&mut ann, second, "Answer to Bob").await;
    t.sink.wait_for("bob@readers.example", WAIT).await;
    assert!(
        t.sink
            .received()
            .iter()
            .all(|m| !m.to.contains(&"ann@readers.example".to_owned())),
        "{:?}",
        t.sink.received()
    );

    // The profile turns reply mail back on.
    let saved = ann
        .submit(&profile, "/account/notifications", &[("reply_mail", "1")])
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    reply(&mut bob, top, "Third answer").await;
    let mail = t.sink.wait_for("ann@readers.example", WAIT).await;
    assert!(mail.text.contains("Third answer"), "{}", mail.text);
}

on_both_backends!(
    crate::comments::comment_app;
    reply_mail_stops_in_one_click_and_comes_back_from_the_profile,
);
