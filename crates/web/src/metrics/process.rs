//! The process's own numbers: start time, resident memory and open file
//! descriptors (read from `/proc/self` on Linux; absent elsewhere).

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the epoch at which the process started (near enough: the
/// first time this is asked, which `AppState::new` does at start-up).
pub(super) fn start_time() -> f64 {
    static STARTED: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *STARTED.get_or_init(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64())
    })
}

/// Resident set size in bytes: `VmRSS` of `/proc/self/status` (in kB).
pub(super) fn resident_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmRSS:"))?;
    let kb: u64 = line.trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb * 1024)
}

/// Open file descriptors: entries of `/proc/self/fd`.
pub(super) fn open_fds() -> Option<u64> {
    let entries = std::fs::read_dir("/proc/self/fd").ok()?;
    Some(entries.count() as u64)
}
