//! `dateline i18n check` on catalogs a theme and a data folder bring.

use crate::{dateline, stdout};

fn write(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::create_dir_all(dir.join("locales")).unwrap();
    std::fs::write(dir.join("locales").join(name), text).unwrap();
}

#[test]
fn folder_catalogs_are_reported_by_language_and_broken_ones_fail() {
    let data = tempfile::tempdir().unwrap();
    let theme = tempfile::tempdir().unwrap();
    write(
        data.path(),
        "de.ftl",
        "nav-sections = Ressorts\nno-such-message = Niemand fragt\n",
    );
    write(
        data.path(),
        "de-comments.ftl",
        "comments-count = { $anzahl } Kommentare\nbroken = { $\n",
    );
    write(theme.path(), "fa.ftl", "nav-sections = بخش‌ها\n");
    let args = [
        "--data-dir",
        data.path().to_str().unwrap(),
        "i18n",
        "check",
        "--theme-dir",
        theme.path().to_str().unwrap(),
        "--format",
        "json",
    ];
    let out = dateline(data.path(), &args, &[]);
    // A syntax error in any catalog fails the check.
    assert!(!out.status.success());
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let language = |code: &str| {
        report["languages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["language"] == code)
            .unwrap_or_else(|| panic!("no {code} in {report:#}"))
            .clone()
    };
    let de = language("de");
    assert_eq!(de["origins"], serde_json::json!(["data"]));
    assert_eq!(de["built_in"], false);
    let missing = de["missing"].as_array().unwrap();
    assert!(missing.contains(&"authors".into()));
    assert!(!missing.contains(&"nav-sections".into()));
    assert_eq!(de["unknown"], serde_json::json!(["no-such-message"]));
    assert_eq!(
        de["variables"],
        serde_json::json!([{ "key": "comments-count", "missing": ["count"], "unknown": ["anzahl"] }])
    );
    assert_eq!(de["syntax_errors"][0]["line"], 2);
    assert!(de["syntax_errors"][0]["file"]
        .as_str()
        .unwrap()
        .ends_with("de-comments.ftl"));
    let fa = language("fa");
    assert_eq!(fa["origins"], serde_json::json!(["theme"]));
    assert_eq!(fa["syntax_errors"], serde_json::json!([]));
    assert_eq!(language("en")["missing"], serde_json::json!([]));
}

#[test]
fn a_folder_language_with_gaps_reads_as_falling_back_to_english() {
    let data = tempfile::tempdir().unwrap();
    write(data.path(), "pt.ftl", "authors = Autores\n");
    let args = ["--data-dir", data.path().to_str().unwrap(), "i18n", "check"];
    let text = stdout(&dateline(data.path(), &args, &[]));
    let pt = text
        .lines()
        .find(|l| l.starts_with("pt "))
        .unwrap_or_default();
    assert!(
        pt.starts_with("pt (data folder): 1 messages, ok (missing messages fall back to English)"),
        "{text}"
    );
    assert!(text.contains("\n  missing ("), "{text}");
}
