//! The upload path: `probe_with` and `memory_needed` read the header, then
//! `ingest` decodes. On any bytes: no panic; an accepted picture keeps to
//! every limit; the decoded picture is no larger than the header said (the
//! memory reserved for it was computed from the header); the dimensions
//! recorded are the decoded ones.
//!
//! Run with `-malloc_limit_mb` a little above `MAX_DECODE_BYTES` (fuzz/run
//! does), so that an allocation beyond the budget is itself a finding.

#![no_main]

use dateline_media::{ingest, memory_needed, probe_with, Limits};
use libfuzzer_sys::fuzz_target;

/// Small limits keep each run fast; the checks are the same at any size.
const LIMITS: Limits = Limits {
    max_bytes: 1 << 20,
    max_pixels: 1 << 20,
    max_decode_bytes: 48 << 20,
};

fuzz_target!(|data: &[u8]| {
    let probed = probe_with(data, &LIMITS);
    if let Ok(p) = &probed {
        assert!(p.width > 0 && p.height > 0, "{p:?}");
        assert!(u64::from(p.width) * u64::from(p.height) <= LIMITS.max_pixels);
        assert_eq!(p.byte_size, data.len() as u64);
    }
    let needed = memory_needed(data, LIMITS.max_pixels);
    assert!(
        needed.is_err() || probed.is_ok(),
        "a memory cost for a file the probe refuses: {probed:?}"
    );
    let Ok(accepted) = ingest(data, "upload.bin", &LIMITS) else {
        return;
    };
    let Ok(needed) = needed else {
        panic!("accepted without a memory cost: {accepted:?}");
    };
    assert!(needed <= LIMITS.max_decode_bytes);
    let image = match dateline_media::fuzzing::decode_upright(data, LIMITS.max_pixels) {
        Ok(image) => image,
        Err(e) => panic!("accepted, then refused on a second decode: {e}"),
    };
    let header_pixels = u64::from(accepted.probed.width) * u64::from(accepted.probed.height);
    let decoded_pixels = u64::from(image.width()) * u64::from(image.height());
    assert!(
        decoded_pixels <= header_pixels,
        "decoded {}x{}, header said {}x{}",
        image.width(),
        image.height(),
        accepted.probed.width,
        accepted.probed.height
    );
    assert_eq!(
        (image.width(), image.height()),
        (accepted.probed.width, accepted.probed.height),
        "recorded dimensions differ from the decoded picture ({:?})",
        accepted.metadata.orientation
    );
});
