//! The process's open-file limit: raised to the hard limit at start-up, and
//! the connection caps fitted under it, so that the caps refuse clients
//! before the kernel refuses the database or a media file.

use dateline_web::server::ServerLimits;

/// File descriptors kept for everything but client connections: the
/// database pool, the listener, media files, mail, logs.
pub const RESERVED: u64 = 256;

/// Raises the soft limit on open files to the hard limit; returns the limit
/// now in force (`None` where it cannot be read).
pub fn raise_to_hard_limit() -> Option<u64> {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => Some(limit),
        Err(e) => {
            tracing::warn!(error = %e, "cannot raise the open-file limit");
            rlimit::Resource::NOFILE.get().ok().map(|(soft, _)| soft)
        }
    }
}

/// `limits` with the connection caps lowered, when needed, to fit under
/// `open_files` with [`RESERVED`] to spare.
pub fn fit(mut limits: ServerLimits, open_files: u64) -> ServerLimits {
    let room = usize::try_from(open_files.saturating_sub(RESERVED).max(1)).unwrap_or(usize::MAX);
    if limits.max_connections > room {
        tracing::warn!(
            configured = limits.max_connections,
            open_files,
            lowered_to = room,
            "max_client_connections is above what the open-file limit allows; lowered"
        );
        limits.max_connections = room;
        limits.max_connections_per_address = limits.max_connections_per_address.min(room);
    }
    limits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_fit_under_the_open_file_limit() {
        let limits = ServerLimits {
            max_connections: 4096,
            max_connections_per_address: 128,
            ..ServerLimits::default()
        };
        assert_eq!(fit(limits.clone(), 1_048_576), limits);
        let small = fit(limits.clone(), 1024);
        assert_eq!(
            (small.max_connections, small.max_connections_per_address),
            (768, 128)
        );
        let tiny = fit(limits, 300);
        assert_eq!(
            (tiny.max_connections, tiny.max_connections_per_address),
            (44, 44)
        );
    }

    #[test]
    fn the_soft_limit_is_raised_to_the_hard_one() {
        let limit = raise_to_hard_limit();
        let (soft, hard) = rlimit::Resource::NOFILE.get().unwrap_or_default();
        assert_eq!(limit, Some(soft));
        // An unlimited hard limit cannot be the soft one (the kernel caps it).
        assert!(soft == hard || hard == u64::MAX, "{soft} < {hard}");
    }
}
