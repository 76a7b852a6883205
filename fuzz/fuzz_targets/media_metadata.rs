//! Embedded picture metadata: `read_metadata` on any bytes, read as each
//! format Dateline accepts, never panics and keeps its documented shape.

#![no_main]

use dateline_domain::ImageFormat;
use libfuzzer_sys::fuzz_target;

const FORMATS: [ImageFormat; 5] = [
    ImageFormat::Jpeg,
    ImageFormat::Png,
    ImageFormat::Webp,
    ImageFormat::Gif,
    ImageFormat::Avif,
];

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format the file claims to be.
    let Some((&pick, file)) = data.split_first() else {
        return;
    };
    let format = FORMATS[usize::from(pick) % FORMATS.len()];
    let m = dateline_media::read_metadata(file, format);
    assert!((1..=8).contains(&m.orientation), "{m:?}");
    for text in [
        &m.caption,
        &m.headline,
        &m.title,
        &m.alt_text,
        &m.credit,
        &m.copyright,
        &m.creator,
        &m.source,
    ]
    .into_iter()
    .chain(&m.keywords)
    {
        // Cleaned: trimmed, no control characters or noncharacters, no
        // runs of white space.
        assert_eq!(text.trim(), text, "{m:?}");
        assert!(!text.chars().any(char::is_control), "{m:?}");
        assert!(
            dateline_domain::first_forbidden_char(text).is_none(),
            "{m:?}"
        );
        assert!(!text.contains("  "), "{m:?}");
    }
    assert!(m.keywords.iter().all(|k| !k.is_empty()), "{m:?}");
});
