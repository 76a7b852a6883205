//! The XMP, IPTC IIM and EXIF readers one by one, on inputs that reach
//! them directly (no container has to be valid first).

#![no_main]

use dateline_media::fuzzing::{exif, iim, xmp};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let m = match pick % 3 {
        0 => xmp(&String::from_utf8_lossy(rest)),
        1 => iim(rest),
        _ => exif(rest),
    };
    // Orientation is 0 (not given) or one of EXIF's eight.
    assert!(m.orientation <= 8, "{m:?}");
    let mut keywords = m.keywords.clone();
    keywords.sort();
    keywords.dedup();
    assert_eq!(
        keywords.len(),
        m.keywords.len(),
        "duplicate keywords: {m:?}"
    );
});
