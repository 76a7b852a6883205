//! `dateline edition`: add with sections, list, set, retire and restore,
//! and the same refusals as the newsroom's and the Admin API's.

use crate::{dateline, stderr, stdout};

#[test]
fn editions_are_added_changed_retired_and_restored_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dateline(dir.path(), &["migrate"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = dateline(
        dir.path(),
        &[
            "edition",
            "add",
            "--code",
            "ar",
            "--name",
            "الخبر",
            "--language",
            "ar",
            "--time-zone",
            "Asia/Dubai",
            "--numbers",
            "native",
            "--sections",
            "world:العالم,sport:رياضة",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(said.contains("created edition ar"), "{said}");
    assert!(said.contains("created section ar/world"), "{said}");
    assert!(said.contains("created section ar/sport"), "{said}");

    let out = dateline(dir.path(), &["edition", "list"], &[]);
    let listed = stdout(&out);
    assert!(
        listed.contains("ar\tالخبر\tar\trtl\tnative\tAsia/Dubai"),
        "{listed}"
    );

    let out = dateline(
        dir.path(),
        &[
            "edition",
            "set",
            "ar",
            "--direction",
            "ltr",
            "--hold-hours",
            "48",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = dateline(dir.path(), &["edition", "retire", "ar"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("retired edition ar"));
    let listed = stdout(&dateline(dir.path(), &["edition", "list"], &[]));
    assert!(
        listed.contains("ar\tالخبر\tar\tltr\tnative\tAsia/Dubai  (retired)"),
        "{listed}"
    );
    let out = dateline(dir.path(), &["edition", "restore", "ar"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = stdout(&dateline(dir.path(), &["edition", "list"], &[]));
    assert!(!listed.contains("(retired)"), "{listed}");

    // The shared checks: a reserved code, a taken one, an unknown edition.
    for (args, expected) in [
        (
            vec![
                "edition",
                "add",
                "--code",
                "api",
                "--name",
                "X",
                "--language",
                "en",
            ],
            "used by a fixed route",
        ),
        (
            vec![
                "edition",
                "add",
                "--code",
                "ar",
                "--name",
                "X",
                "--language",
                "en",
            ],
            "duplicate",
        ),
        (vec!["edition", "retire", "zz"], "unknown_edition"),
    ] {
        let out = dateline(dir.path(), &args, &[]);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}
