//! Mail without an SMTP server (`dateline demo`): each mail is written as
//! an `.eml` file under `{data_dir}/mail/`, in the reader's language.

use dateline_store::testing::TestDb;
use dateline_web::mail::{Mail, MailConfig, Mailer};
use dateline_web::{AppState, CacheConfig, WebConfig};
use serde_json::json;

fn state(db: &TestDb, data_dir: &std::path::Path) -> AppState {
    let config = WebConfig {
        base_url: "http://127.0.0.1:8080".into(),
        data_dir: data_dir.to_path_buf(),
        theme_dir: None,
        cache: CacheConfig::default(),
    };
    AppState::new(db.store().clone(), config)
}

fn sign_in_mail(to: &str, language: &str) -> Mail {
    Mail {
        to: to.into(),
        language: language.into(),
        kind: "sign_in",
        context: json!({
            "name": "Ann",
            "link": "http://127.0.0.1:8080/account/sign-in/link?token=abc",
            "code": "123456",
            "minutes": 15,
            "edition_name": "Dateline",
        }),
    }
}

#[tokio::test]
async fn without_smtp_mail_is_written_to_eml_files() {
    let db = TestDb::sqlite().await;
    let dir = tempfile::tempdir().unwrap();
    let state = state(&db, dir.path());
    state
        .mailer
        .send(sign_in_mail("ann@example.org", "ru"))
        .await
        .unwrap();
    let files: Vec<_> = std::fs::read_dir(dir.path().join("mail"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].extension().and_then(|e| e.to_str()), Some("eml"));
    let raw = std::fs::read(&files[0]).unwrap();
    let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
    assert_eq!(parsed.subject(), Some("Ваш код для входа: 123456"));
    let text = parsed.body_text(0).unwrap();
    assert!(
        text.contains("Ссылка и код действуют 15 минут, один раз."),
        "{text}"
    );
    let html = parsed.body_html(0).unwrap();
    assert!(
        html.contains("123456") && html.contains("lang=\"ru\""),
        "{html}"
    );
    let from = parsed.from().unwrap().first().unwrap();
    assert_eq!(from.address(), Some("no-reply@localhost"));
}

#[tokio::test]
async fn bad_mail_settings_are_refused_and_bad_addresses_reported() {
    let db = TestDb::sqlite().await;
    let dir = tempfile::tempdir().unwrap();
    let bad_from = MailConfig {
        smtp_url: None,
        from: Some("not an address".into()),
    };
    assert!(state(&db, dir.path()).with_mail(&bad_from).is_err());
    let bad_url = MailConfig {
        smtp_url: Some("smtp://".into()),
        from: None,
    };
    assert!(state(&db, dir.path()).with_mail(&bad_url).is_err());
    let mailer: &Mailer = &state(&db, dir.path()).mailer;
    assert!(mailer.send(sign_in_mail("nobody", "en")).await.is_err());
    // Plural forms in English too.
    let message = mailer
        .build(&sign_in_mail("ann@example.org", "en"))
        .unwrap();
    let raw = message.formatted();
    let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
    assert!(parsed
        .body_text(0)
        .unwrap()
        .contains("work for 15 minutes, once."));
}

#[tokio::test]
async fn the_html_part_of_a_mail_is_titled_with_its_subject() {
    let db = TestDb::sqlite().await;
    let dir = tempfile::tempdir().unwrap();
    let state = state(&db, dir.path());
    for (language, subject) in [
        ("en", "Your sign-in code: 123456"),
        ("ru", "Ваш код для входа: 123456"),
    ] {
        let message = state
            .mailer
            .build(&sign_in_mail("ann@example.org", language))
            .unwrap();
        let raw = message.formatted();
        let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
        assert_eq!(parsed.subject(), Some(subject));
        let html = parsed.body_html(0).unwrap();
        let title = html
            .split_once("<title>")
            .and_then(|(_, rest)| rest.split_once("</title>"))
            .map(|(title, _)| title)
            .unwrap();
        assert_eq!(title, subject, "{language}");
    }
}
