//! Writes the fuzz targets' seed inputs into `<dir>/<target>/` (default
//! `fuzz/corpus`): small pictures of every format Dateline accepts, with EXIF,
//! XMP and IPTC IIM written the way cameras and agency tools write them, and
//! short texts for the text parsers. Everything is made here; no file is copied.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{DynamicImage, GrayImage, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use img_parts::{Bytes, ImageEXIF};

const XMP: &str = r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
  xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
  xmlns:exif="http://ns.adobe.com/exif/1.0/"
  photoshop:Credit="Photo: A &amp; B" photoshop:DateCreated="2024-05-17T14:30:00+03:00"
  exif:DateTimeOriginal="2024-05-17T14:30">
 <dc:description><rdf:Alt><rdf:li xml:lang="de">Bild</rdf:li><rdf:li xml:lang="x-default">A flooded street &#8212; Odesa</rdf:li></rdf:Alt></dc:description>
 <dc:title><rdf:Alt><rdf:li xml:lang="x-default"><![CDATA[Flood]]></rdf:li></rdf:Alt></dc:title>
 <dc:creator><rdf:Seq><rdf:li>Jane Roe</rdf:li><rdf:li>John Doe</rdf:li></rdf:Seq></dc:creator>
 <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 2024 Agency</rdf:li></rdf:Alt></dc:rights>
 <dc:subject><rdf:Bag><rdf:li>flood</rdf:li><rdf:li>rescue</rdf:li></rdf:Bag></dc:subject>
 <photoshop:Headline>Flood</photoshop:Headline><photoshop:Source>Agency</photoshop:Source>
 <Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang="x-default">Water</rdf:li></rdf:Alt></Iptc4xmpCore:AltTextAccessibility>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"#;

enum Tiff {
    Ascii(&'static str),
    Short(u16),
    Long(u32),
}

/// One little-endian IFD at offset `at`, its long values after it.
fn ifd(at: u32, entries: &[(u16, Tiff)]) -> Vec<u8> {
    let mut head = (entries.len() as u16).to_le_bytes().to_vec();
    let mut data = Vec::new();
    let data_at = at + 2 + 12 * entries.len() as u32 + 4;
    for (tag, value) in entries {
        let (kind, count, bytes) = match value {
            Tiff::Ascii(s) => (2u16, s.len() as u32 + 1, [s.as_bytes(), b"\0"].concat()),
            Tiff::Short(v) => (3, 1, v.to_le_bytes().to_vec()),
            Tiff::Long(v) => (4, 1, v.to_le_bytes().to_vec()),
        };
        head.extend_from_slice(&tag.to_le_bytes());
        head.extend_from_slice(&kind.to_le_bytes());
        head.extend_from_slice(&count.to_le_bytes());
        if bytes.len() <= 4 {
            let mut inline = bytes;
            inline.resize(4, 0);
            head.extend_from_slice(&inline);
        } else {
            head.extend_from_slice(&(data_at + data.len() as u32).to_le_bytes());
            data.extend_from_slice(&bytes);
            if data.len() % 2 == 1 {
                data.push(0);
            }
        }
    }
    head.extend_from_slice(&0u32.to_le_bytes());
    [head, data].concat()
}

/// A TIFF block with IFD0 (description, orientation, artist, copyright) and
/// an EXIF IFD (capture time and its offset).
fn exif_tiff(orientation: u16) -> Vec<u8> {
    let ifd0 = |exif_at: u32| {
        ifd(
            8,
            &[
                (0x010E, Tiff::Ascii("Camera description")),
                (0x0112, Tiff::Short(orientation)),
                (0x013B, Tiff::Ascii("Jane Roe")),
                (0x8298, Tiff::Ascii("Copyright 2024")),
                (0x8769, Tiff::Long(exif_at)),
            ],
        )
    };
    let exif_at = 8 + ifd0(0).len() as u32;
    let exif = ifd(
        exif_at,
        &[
            (0x9003, Tiff::Ascii("2024:05:17 11:30:00")),
            (0x9011, Tiff::Ascii("+02:00")),
        ],
    );
    [b"II\x2A\0\x08\0\0\0".to_vec(), ifd0(exif_at), exif].concat()
}

/// IIM datasets, UTF-8 declared.
fn iim() -> Vec<u8> {
    let mut out = Vec::new();
    let entries: [(u8, u8, &[u8]); 9] = [
        (1, 90, b"\x1b%G"),
        (2, 5, b"Object name"),
        (2, 25, b"flood"),
        (2, 55, b"20240517"),
        (2, 60, b"143000+0300"),
        (2, 80, b"Jane Roe"),
        (2, 110, b"IIM credit"),
        (2, 116, b"IIM copyright"),
        (2, 120, "Затопленная улица".as_bytes()),
    ];
    for (record, dataset, value) in entries {
        out.extend_from_slice(&[0x1C, record, dataset]);
        out.extend_from_slice(&(value.len() as u16).to_be_bytes());
        out.extend_from_slice(value);
    }
    out
}

/// A Photoshop resource block holding `iim` as resource 0x0404, after
/// another resource with a name.
fn photoshop_irb(iim: &[u8]) -> Vec<u8> {
    let mut out = b"Photoshop 3.0\0".to_vec();
    out.extend_from_slice(b"8BIM\x04\x25\x01A");
    out.extend_from_slice(&4u32.to_be_bytes());
    out.extend_from_slice(b"hash");
    out.extend_from_slice(b"8BIM\x04\x04\0\0");
    out.extend_from_slice(&(iim.len() as u32).to_be_bytes());
    out.extend_from_slice(iim);
    if iim.len() % 2 == 1 {
        out.push(0);
    }
    out
}

fn encode(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Vec::new();
    if let Err(e) = image.write_to(&mut Cursor::new(&mut out), format) {
        panic!("encoding a {format:?} seed: {e}");
    }
    out
}

fn gradient(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x * 16) as u8, (y * 16) as u8, 128])
    })
}

/// `jpeg` with (marker, body) segments right after SOI.
fn with_segments(jpeg: &[u8], segments: &[(u8, Vec<u8>)]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    for (marker, body) in segments {
        out.extend_from_slice(&[0xFF, *marker]);
        out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(body);
    }
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn jpeg_with_everything(orientation: u16) -> Vec<u8> {
    let jpeg = encode(&DynamicImage::ImageRgb8(gradient(16, 8)), ImageFormat::Jpeg);
    with_segments(
        &jpeg,
        &[
            (
                0xE1,
                [b"Exif\0\0".as_slice(), &exif_tiff(orientation)].concat(),
            ),
            (
                0xE1,
                [b"http://ns.adobe.com/xap/1.0/\0".as_slice(), XMP.as_bytes()].concat(),
            ),
            (0xED, photoshop_irb(&iim())),
        ],
    )
}

fn png_with_metadata(image: &DynamicImage) -> Vec<u8> {
    use img_parts::png::{Png, PngChunk};
    let Ok(mut png) = Png::from_bytes(Bytes::from(encode(image, ImageFormat::Png))) else {
        panic!("the encoder's PNG does not read back");
    };
    let mut itxt = b"XML:com.adobe.xmp\0\0\0\0\0".to_vec();
    itxt.extend_from_slice(XMP.as_bytes());
    let at = png.chunks().len() - 1;
    png.chunks_mut()
        .insert(at, PngChunk::new(*b"iTXt", Bytes::from(itxt)));
    png.set_exif(Some(Bytes::from(exif_tiff(6))));
    png.encoder().bytes().to_vec()
}

fn webp_with_metadata() -> Vec<u8> {
    use img_parts::riff::{RiffChunk, RiffContent};
    use img_parts::webp::{WebP, CHUNK_XMP};
    let image = DynamicImage::ImageRgba8(RgbaImage::from_pixel(8, 8, Rgba([10, 200, 30, 128])));
    let Ok(mut webp) = WebP::from_bytes(Bytes::from(encode(&image, ImageFormat::WebP))) else {
        panic!("the encoder's WebP does not read back");
    };
    webp.set_exif(Some(Bytes::from(exif_tiff(8))));
    webp.chunks_mut().push(RiffChunk::new(
        CHUNK_XMP,
        RiffContent::Data(Bytes::from(XMP.as_bytes().to_vec())),
    ));
    webp.encoder().bytes().to_vec()
}

/// A GIF with the XMP packet in a comment extension (found by scanning).
fn gif_with_xmp() -> Vec<u8> {
    let image = DynamicImage::ImageRgb8(gradient(8, 8));
    let mut gif = encode(&image, ImageFormat::Gif);
    let trailer = gif.pop();
    assert_eq!(trailer, Some(0x3B));
    gif.extend_from_slice(&[0x21, 0xFE]);
    for block in XMP.as_bytes().chunks(255) {
        gif.push(block.len() as u8);
        gif.extend_from_slice(block);
    }
    gif.extend_from_slice(&[0x00, 0x3B]);
    gif
}

fn mp4_box(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    [
        &(body.len() as u32 + 8).to_be_bytes(),
        kind.as_slice(),
        body,
    ]
    .concat()
}

/// An AVIF container as far as the header probe reads it: `ftyp`, then
/// `meta`/`iprp`/`ipco` with the size (`ispe`) and colour (`nclx`).
fn avif_header(width: u32, height: u32) -> Vec<u8> {
    let ftyp = mp4_box(b"ftyp", b"avif\0\0\0\0mif1miaf");
    let ispe = mp4_box(
        b"ispe",
        &[&[0u8; 4][..], &width.to_be_bytes(), &height.to_be_bytes()].concat(),
    );
    let colr = mp4_box(b"colr", b"nclx\0\x01\0\x0d\0\x01\x80");
    let ipco = mp4_box(b"ipco", &[ispe, colr].concat());
    let iprp = mp4_box(b"iprp", &ipco);
    let meta = mp4_box(b"meta", &[&[0u8; 4][..], &iprp].concat());
    [ftyp, meta].concat()
}

fn write(dir: &Path, target: &str, name: &str, bytes: &[u8]) {
    let folder = dir.join(target);
    if let Err(e) =
        std::fs::create_dir_all(&folder).and_then(|()| std::fs::write(folder.join(name), bytes))
    {
        panic!("writing {}: {e}", folder.join(name).display());
    }
}

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "fuzz/corpus".into()),
    );
    let jpeg_all = jpeg_with_everything(6);
    let plain_jpeg = encode(
        &DynamicImage::ImageRgb8(gradient(16, 16)),
        ImageFormat::Jpeg,
    );
    let grey_jpeg = encode(
        &DynamicImage::ImageLuma8(GrayImage::new(9, 7)),
        ImageFormat::Jpeg,
    );
    let png_all = png_with_metadata(&DynamicImage::ImageRgb8(gradient(8, 4)));
    let png16 = encode(
        &DynamicImage::ImageRgba16(image::ImageBuffer::from_pixel(
            5,
            3,
            Rgba([1u16, 60000, 3, 40000]),
        )),
        ImageFormat::Png,
    );
    let webp_all = webp_with_metadata();
    let gif = gif_with_xmp();
    let avif = avif_header(4, 4);

    let pictures: [(&str, u8, &[u8]); 8] = [
        ("jpeg-exif-xmp-iim", 0, &jpeg_all),
        ("jpeg-plain", 0, &plain_jpeg),
        ("jpeg-grey", 0, &grey_jpeg),
        ("png-itxt-exif", 1, &png_all),
        ("png-rgba16", 1, &png16),
        ("webp-exif-xmp", 2, &webp_all),
        ("gif-xmp-comment", 3, &gif),
        ("avif-header", 4, &avif),
    ];
    for (name, format, bytes) in pictures {
        write(&dir, "picture_probe", name, bytes);
        write(
            &dir,
            "media_metadata",
            name,
            &[&[format][..], bytes].concat(),
        );
    }
    write(
        &dir,
        "picture_probe",
        "jpeg-orientation-8",
        &jpeg_with_everything(8),
    );

    write(
        &dir,
        "metadata_parsers",
        "xmp",
        &[b"\0".as_slice(), XMP.as_bytes()].concat(),
    );
    write(
        &dir,
        "metadata_parsers",
        "iim",
        &[b"\x01".as_slice(), &iim()].concat(),
    );
    write(
        &dir,
        "metadata_parsers",
        "exif-jpeg",
        &[b"\x02".as_slice(), &jpeg_all].concat(),
    );
    write(
        &dir,
        "metadata_parsers",
        "exif-png",
        &[b"\x02".as_slice(), &png_all].concat(),
    );
    write(
        &dir,
        "metadata_parsers",
        "exif-webp",
        &[b"\x02".as_slice(), &webp_all].concat(),
    );

    let markdown = [
        "Hello *you* and **all**, `code`\n\n> quoted\n\n- one\n- two\n\n1. first\n2. second",
        "[site](https://example.org/a?b=1&c=2) [bad](javascript:alert(1)) <https://x.example>",
        "<script>alert(1)</script>\n\n<b onclick=x>hi</b> ![pic](https://x.example/p.png)\n\n# Big\n\n---",
        "    indented code\n\n```\nfenced <i>\n```\n\nline  \nbreak [ref]\n\n[ref]: mailto:a@b.example \"t\"",
        "[x](data:text/html;base64,PHNjcmlwdD4=) [y](JaVaScRiPt&#58;alert) [z](/relative \"title\")",
    ];
    for (i, text) in markdown.iter().enumerate() {
        write(
            &dir,
            "comment_markdown",
            &format!("text-{i}"),
            text.as_bytes(),
        );
    }
    let words = [
        "breaking-news-2024",
        "Снег в Москве: что известно",
        "pt-br",
        "sr-Latn-RS",
        " Jane.Roe@Example.COM ",
        "Europe/Moscow",
        "%d.%m.%Y %H:%M %p %A",
        "published",
        "editor",
        "  a report note\r\n",
    ];
    for (i, text) in words.iter().enumerate() {
        write(&dir, "domain_text", &format!("text-{i}"), text.as_bytes());
    }
    // "1706700000:42" and "-5:9223372036854775807", URL-safe base64 without padding.
    write(&dir, "cursor", "issued", b"MTcwNjcwMDAwMDo0Mg");
    write(
        &dir,
        "cursor",
        "extremes",
        b"LTU6OTIyMzM3MjAzNjg1NDc3NTgwNw",
    );
    write(
        &dir,
        "dates",
        "moscow",
        b"\x5c\x1e\xba\x65\0\0\0\0\x10\x01\x00\x00\x0b\x00\x01%d.%m.%Y %H:%M",
    );
    write(&dir, "dates", "zeros", &[0u8; 24]);
    println!("seeds written under {}", dir.display());
}
