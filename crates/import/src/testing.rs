//! Test helpers: the corpora others wrote (`../shared/data` beside the
//! checkout), which a user's clone does not have.

use std::path::PathBuf;

/// `{shared}/data/{folder}`, from `DATELINE_SHARED_DIR` or the folder beside
/// the checkout. `None`, said on stderr, when it is missing, unless
/// `DATELINE_REQUIRE_SHARED` is set (CI sets it): then the test fails.
pub fn shared_data(folder: &str) -> Option<PathBuf> {
    let root = std::env::var_os("DATELINE_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dir = root.join("data").join(folder);
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("DATELINE_REQUIRE_SHARED").is_none(),
        "DATELINE_REQUIRE_SHARED is set but {} is missing",
        dir.display()
    );
    eprintln!(
        "skipped: {} is missing (the shared test corpora are not in a plain clone; set DATELINE_SHARED_DIR)",
        dir.display()
    );
    None
}
