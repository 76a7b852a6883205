//! Embedded metadata is read from real file structures, merged XMP > IIM >
//! EXIF, and public renditions keep only credit, copyright and creator.

use dateline_domain::{Framing, ImageFormat};
use dateline_media::{ingest, make_public_renditions, read_metadata, Credits, Limits, MAX_PIXELS};

use crate::fixtures::{
    agency_jpeg, agency_xmp, camera_exif, exif_app1, iim, iim_app13, png_with_xmp, with_segments,
};
use crate::sample_jpeg;

#[test]
fn jpeg_metadata_prefers_xmp_then_iim_then_exif() {
    let m = read_metadata(&agency_jpeg(), ImageFormat::Jpeg);
    assert_eq!(
        m.caption, "Flooded street in Odesa",
        "XMP over IIM and EXIF"
    );
    assert_eq!(m.credit, "Photo: Jane Roe / Northwind");
    assert_eq!(m.creator, "Jane Roe");
    assert_eq!(m.copyright, "© 2024 Northwind Agency");
    assert_eq!(m.source, "Northwind Agency");
    assert_eq!(m.keywords, ["flood", "rescue"]);
    // EXIF DateTimeOriginal (11:30 UTC) is the camera's; XMP says the same
    // instant as 14:30+03:00.
    assert_eq!(m.taken_at, Some(1_715_945_400));
    assert_eq!(m.orientation, 1);
}

#[test]
fn iim_alone_fills_in_with_its_character_set() {
    let block = iim(&[
        (1, 90, b"\x1b%G"),
        (2, 120, "Затопленная улица".as_bytes()),
        (2, 110, b"Northwind"),
        (2, 80, b"Jane Roe"),
        (2, 116, b"(c) Northwind"),
    ]);
    let jpeg = with_segments(&sample_jpeg(400, 300), &[(0xED, iim_app13(&block))]);
    let m = read_metadata(&jpeg, ImageFormat::Jpeg);
    assert_eq!(
        (
            m.caption.as_str(),
            m.credit.as_str(),
            m.creator.as_str(),
            m.copyright.as_str()
        ),
        (
            "Затопленная улица",
            "Northwind",
            "Jane Roe",
            "(c) Northwind"
        )
    );
    // Latin-1 without 1:90.
    let latin = iim(&[(2, 120, b"Caf\xe9 in Z\xfcrich")]);
    let jpeg = with_segments(&sample_jpeg(400, 300), &[(0xED, iim_app13(&latin))]);
    assert_eq!(
        read_metadata(&jpeg, ImageFormat::Jpeg).caption,
        "Café in Zürich"
    );
}

#[test]
fn exif_alone_gives_caption_artist_copyright_and_time() {
    let jpeg = with_segments(
        &sample_jpeg(400, 300),
        &[(0xE1, exif_app1(&camera_exif(1)))],
    );
    let m = read_metadata(&jpeg, ImageFormat::Jpeg);
    assert_eq!(m.caption, "EXIF description");
    assert_eq!(m.creator, "Exif Artist");
    assert_eq!(m.copyright, "Exif Copyright Holder");
    assert_eq!(m.credit, "", "EXIF has no credit line");
    assert_eq!(m.taken_at, Some(1_715_945_400));
}

#[test]
fn png_xmp_is_read_from_itxt() {
    let mut png = Vec::new();
    image::RgbImage::from_pixel(64, 48, image::Rgb([10, 20, 30]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let png = png_with_xmp(&png, &agency_xmp("PNG caption", "PNG credit", "Ann Lee"));
    let ingested = ingest(&png, "chart.png", &Limits::default()).unwrap();
    assert_eq!(ingested.probed.format, ImageFormat::Png);
    assert_eq!(ingested.metadata.caption, "PNG caption");
    assert_eq!(ingested.suggested_credit(), "PNG credit");
    assert_eq!(ingested.metadata.creator, "Ann Lee");
}

#[test]
fn a_sideways_camera_picture_is_stood_upright() {
    // Orientation 6: the stored 300×200 pixels are shown turned 90° clockwise.
    let jpeg = with_segments(
        &sample_jpeg(300, 200),
        &[(0xE1, exif_app1(&camera_exif(6)))],
    );
    let ingested = ingest(&jpeg, "IMG_0001.JPG", &Limits::default()).unwrap();
    assert_eq!((ingested.probed.width, ingested.probed.height), (200, 300));
    let out = make_public_renditions(&jpeg, &Credits::default(), &Framing::default(), MAX_PIXELS)
        .unwrap();
    let upright = |r: &&dateline_media::EncodedRendition| match r.shape {
        None => (r.width, r.height) == (200, 300),
        Some(shape) => r.width <= 200 && r.height == shape.height_for(r.width),
    };
    assert!(out.iter().all(|r| upright(&r)), "{out:?}");
}

#[test]
fn renditions_keep_credit_and_copyright_but_no_private_metadata() {
    let original = agency_jpeg();
    assert!(contains(&original, b"SERIAL-0042-SECRET"));
    let credits = Credits {
        credit: "Photo: Jane Roe / Northwind".into(),
        copyright: "© 2024 Northwind Agency".into(),
        creator: "Jane Roe".into(),
    };
    let out = make_public_renditions(&original, &credits, &Framing::default(), MAX_PIXELS).unwrap();
    assert_eq!(
        out.iter().filter(|r| r.shape.is_none()).count(),
        6,
        "320, 640 and 960 in JPEG and WebP"
    );
    for r in &out {
        let m = read_metadata(&r.bytes, r.format);
        assert_eq!(m.credit, credits.credit, "{:?} {}", r.format, r.width);
        assert_eq!(m.copyright, credits.copyright);
        assert_eq!(m.creator, credits.creator);
        assert_eq!((m.caption.as_str(), m.taken_at), ("", None));
        for private in [&b"SERIAL-0042"[..], b"Exif\0\0", "Затоплен".as_bytes()] {
            assert!(
                !contains(&r.bytes, private),
                "{:?} {} leaks",
                r.format,
                r.width
            );
        }
        assert!(
            exif::Reader::new()
                .read_from_container(&mut std::io::Cursor::new(&r.bytes))
                .is_err(),
            "no EXIF block at all"
        );
        // Still a picture every decoder reads.
        let decoded = image::load_from_memory(&r.bytes).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (r.width, r.height));
    }
    let webp = out.iter().find(|r| r.format == ImageFormat::Webp).unwrap();
    assert_eq!(
        &webp.bytes[12..16],
        b"VP8X",
        "extended WebP with an XMP chunk"
    );
    // Without credits, renditions carry no metadata at all.
    let bare = make_public_renditions(
        &original,
        &Credits::default(),
        &Framing::default(),
        MAX_PIXELS,
    )
    .unwrap();
    assert!(bare.iter().all(|r| !contains(&r.bytes, b"xmpmeta")));
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
