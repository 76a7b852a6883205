//! The systemd unit and its environment file as shipped in deploy/systemd:
//! systemd's own checker accepts the unit, its sandbox scores as exposed
//! as little as we claim, and every setting the environment file makes
//! loads. The container recipe is not built here (base images cannot be
//! pulled on CI machines; see OPERATIONS.md, Packaging).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{dateline, stdout};

fn deploy(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../deploy/systemd")
        .join(file)
}

/// `systemd-analyze`, or `None` after saying why it is skipped; CI sets
/// DATELINE_REQUIRE_SYSTEMD_ANALYZE=1 so that a missing one fails there.
fn systemd_analyze() -> Option<Command> {
    let found = Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("DATELINE_REQUIRE_SYSTEMD_ANALYZE").as_deref() != Ok("1"),
            "systemd-analyze is required here (Debian package systemd)"
        );
        eprintln!("skipping: systemd-analyze is not installed (Debian package systemd)");
        return None;
    }
    Some(Command::new("systemd-analyze"))
}

/// The unit with its binary path pointing at the one under test, so that
/// `verify` can check that the command exists.
fn unit_under_test(dir: &Path) -> PathBuf {
    let unit = std::fs::read_to_string(deploy("dateline.service")).unwrap();
    assert!(unit.contains("ExecStart=/usr/local/bin/dateline serve"));
    let path = dir.join("dateline.service");
    std::fs::write(
        &path,
        unit.replace("/usr/local/bin/dateline", env!("CARGO_BIN_EXE_dateline")),
    )
    .unwrap();
    path
}

#[test]
fn systemd_verify_accepts_the_unit() {
    let Some(mut analyze) = systemd_analyze() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let unit = unit_under_test(dir.path());
    let out = analyze.arg("verify").arg(&unit).output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && said.trim().is_empty(), "{said}");
}

#[test]
fn the_units_sandbox_is_tight() {
    let Some(mut analyze) = systemd_analyze() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let unit = unit_under_test(dir.path());
    let out = analyze
        .args(["security", "--offline=true", "--no-pager"])
        .arg(&unit)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let score: f64 = text
        .lines()
        .find_map(|l| {
            l.split("Overall exposure level for dateline.service: ")
                .nth(1)
        })
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no exposure level in: {text}"));
    // 0 is fully sandboxed, 10 not at all; "OK" ends at 2.0 (we are at 1.2).
    assert!(score <= 2.0, "exposure {score}:\n{text}");
    let unit_text = std::fs::read_to_string(deploy("dateline.service")).unwrap();
    let stop: u64 = unit_text
        .lines()
        .find_map(|l| l.strip_prefix("TimeoutStopSec="))
        .and_then(|v| v.trim_end_matches('s').parse().ok())
        .unwrap();
    assert!(
        stop > 25,
        "TimeoutStopSec ({stop} s) is above the default shutdown_timeout_secs (25 s)"
    );
}

/// The settings the example environment file makes load and validate.
#[test]
fn the_example_environment_file_loads() {
    let text = std::fs::read_to_string(deploy("dateline.env")).unwrap();
    let settings: Vec<(String, String)> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#') && l.contains('='))
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap();
            (k.trim().to_owned(), v.trim().to_owned())
        })
        .collect();
    assert!(settings.iter().any(|(k, _)| k == "DATELINE_BASE_URL"));
    let dir = tempfile::tempdir().unwrap();
    let env: Vec<(&str, &str)> = settings
        .iter()
        .filter(|(k, _)| k != "DATELINE_DATA_DIR")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let out = dateline(dir.path(), &["doctor"], &env);
    let first = stdout(&out).lines().next().unwrap_or_default().to_owned();
    assert!(first.starts_with("OK   config:"), "{}", stdout(&out));
}
