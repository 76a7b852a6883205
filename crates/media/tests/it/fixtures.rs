//! Test pictures with metadata written into them the way cameras, photo
//! desks and agency tools write it: EXIF (a TIFF structure in APP1), XMP
//! (a packet in APP1 or a PNG iTXt chunk) and IPTC IIM (APP13).

use crate::sample_jpeg;

/// An EXIF value of the kinds these fixtures need.
pub enum Value {
    Ascii(&'static str),
    Short(u16),
}

/// One TIFF IFD: (tag, value) entries, sorted by tag as TIFF requires.
type Ifd = Vec<(u16, Value)>;

const EXIF_POINTER: u16 = 0x8769;
const GPS_POINTER: u16 = 0x8825;

fn entry_count(ifd: &Ifd, pointers: usize) -> usize {
    ifd.len() + pointers
}

fn ifd_size(ifd: &Ifd, pointers: usize) -> usize {
    2 + 12 * entry_count(ifd, pointers) + 4 + data_size(ifd)
}

fn data_size(ifd: &Ifd) -> usize {
    ifd.iter()
        .map(|(_, v)| match v {
            Value::Ascii(s) if s.len() + 1 > 4 => (s.len() + 2) & !1,
            _ => 0,
        })
        .sum()
}

/// Writes `ifd` at `at` (its offset in the TIFF), with `pointers` to sub-IFDs.
fn write_ifd(out: &mut Vec<u8>, ifd: &Ifd, pointers: &[(u16, u32)], at: usize) {
    let mut entries: Vec<(u16, u16, u32, Vec<u8>)> = Vec::new();
    for (tag, value) in ifd {
        match value {
            Value::Ascii(s) => {
                let mut bytes = s.as_bytes().to_vec();
                bytes.push(0);
                entries.push((*tag, 2, bytes.len() as u32, bytes));
            }
            Value::Short(v) => entries.push((*tag, 3, 1, v.to_be_bytes().to_vec())),
        }
    }
    for (tag, offset) in pointers {
        entries.push((*tag, 4, 1, offset.to_be_bytes().to_vec()));
    }
    entries.sort_by_key(|e| e.0);
    let mut data_at = at + 2 + 12 * entries.len() + 4;
    let mut data = Vec::new();
    out.extend_from_slice(&(entries.len() as u16).to_be_bytes());
    for (tag, kind, count, bytes) in &entries {
        out.extend_from_slice(&tag.to_be_bytes());
        out.extend_from_slice(&kind.to_be_bytes());
        out.extend_from_slice(&count.to_be_bytes());
        if bytes.len() <= 4 {
            let mut inline = bytes.clone();
            inline.resize(4, 0);
            out.extend_from_slice(&inline);
        } else {
            out.extend_from_slice(&(data_at as u32).to_be_bytes());
            let mut padded = bytes.clone();
            if padded.len() % 2 == 1 {
                padded.push(0);
            }
            data_at += padded.len();
            data.extend_from_slice(&padded);
        }
    }
    out.extend_from_slice(&0u32.to_be_bytes());
    out.extend_from_slice(&data);
}

/// A big-endian TIFF with IFD0, an EXIF sub-IFD and a GPS sub-IFD.
pub fn tiff(ifd0: Ifd, exif: Ifd, gps: Ifd) -> Vec<u8> {
    let exif_at = 8 + ifd_size(&ifd0, 2);
    let gps_at = exif_at + ifd_size(&exif, 0);
    let mut out = b"MM\0\x2A".to_vec();
    out.extend_from_slice(&8u32.to_be_bytes());
    write_ifd(
        &mut out,
        &ifd0,
        &[(EXIF_POINTER, exif_at as u32), (GPS_POINTER, gps_at as u32)],
        8,
    );
    assert_eq!(out.len(), exif_at);
    write_ifd(&mut out, &exif, &[], exif_at);
    assert_eq!(out.len(), gps_at);
    write_ifd(&mut out, &gps, &[], gps_at);
    out
}

/// The APP1 segment body of an EXIF block.
pub fn exif_app1(tiff: &[u8]) -> Vec<u8> {
    [b"Exif\0\0".as_slice(), tiff].concat()
}

/// The APP1 segment body of an XMP packet.
pub fn xmp_app1(packet: &str) -> Vec<u8> {
    [
        b"http://ns.adobe.com/xap/1.0/\0".as_slice(),
        packet.as_bytes(),
    ]
    .concat()
}

/// IIM datasets: 0x1C, record, dataset, 16-bit length, data.
pub fn iim(entries: &[(u8, u8, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (record, dataset, value) in entries {
        out.extend_from_slice(&[0x1C, *record, *dataset]);
        out.extend_from_slice(&(value.len() as u16).to_be_bytes());
        out.extend_from_slice(value);
    }
    out
}

/// The APP13 segment body carrying an IIM block as Photoshop resource 0x0404.
pub fn iim_app13(iim: &[u8]) -> Vec<u8> {
    let mut out = b"Photoshop 3.0\0".to_vec();
    out.extend_from_slice(b"8BIM\x04\x04\0\0");
    out.extend_from_slice(&(iim.len() as u32).to_be_bytes());
    out.extend_from_slice(iim);
    if iim.len() % 2 == 1 {
        out.push(0);
    }
    out
}

/// `jpeg` with `segments` (marker, body) inserted right after SOI.
pub fn with_segments(jpeg: &[u8], segments: &[(u8, Vec<u8>)]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    for (marker, body) in segments {
        out.extend_from_slice(&[0xFF, *marker]);
        out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(body);
    }
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// An XMP packet with the IPTC Core fields an agency sends.
pub fn agency_xmp(caption: &str, credit: &str, creator: &str) -> String {
    format!(
        r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
  photoshop:Credit="{credit}" photoshop:Source="Northwind Agency"
  photoshop:DateCreated="2024-05-17T14:30:00+03:00">
 <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{caption}</rdf:li></rdf:Alt></dc:description>
 <dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>
 <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 2024 Northwind Agency</rdf:li></rdf:Alt></dc:rights>
 <dc:subject><rdf:Bag><rdf:li>flood</rdf:li><rdf:li>rescue</rdf:li></rdf:Bag></dc:subject>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"#
    )
}

/// A camera's EXIF: description, artist, copyright, capture time, and the
/// private parts renditions must not keep (GPS position, body serial).
pub fn camera_exif(orientation: u16) -> Vec<u8> {
    tiff(
        vec![
            (0x010E, Value::Ascii("EXIF description")),
            (0x0112, Value::Short(orientation)),
            (0x013B, Value::Ascii("Exif Artist")),
            (0x8298, Value::Ascii("Exif Copyright Holder")),
        ],
        vec![
            (0x9003, Value::Ascii("2024:05:17 11:30:00")),
            (0x9011, Value::Ascii("+00:00")),
            (0xA431, Value::Ascii("SERIAL-0042-SECRET")),
        ],
        vec![(0x0001, Value::Ascii("N")), (0x0003, Value::Ascii("E"))],
    )
}

/// A 1200×800 JPEG carrying EXIF, XMP and IIM that partly disagree.
pub fn agency_jpeg() -> Vec<u8> {
    let iim = iim(&[
        (1, 90, b"\x1b%G"),
        (2, 120, "Затопленная улица в Одессе".as_bytes()),
        (2, 110, b"IIM credit (XMP wins)"),
        (2, 80, b"IIM By-line"),
        (2, 116, b"IIM copyright"),
        (2, 115, b"IIM source"),
    ]);
    with_segments(
        &sample_jpeg(1200, 800),
        &[
            (0xE1, exif_app1(&camera_exif(1))),
            (
                0xE1,
                xmp_app1(&agency_xmp(
                    "Flooded street in Odesa",
                    "Photo: Jane Roe / Northwind",
                    "Jane Roe",
                )),
            ),
            (0xED, iim_app13(&iim)),
        ],
    )
}

/// `png` with an uncompressed iTXt XMP chunk before IEND.
pub fn png_with_xmp(png: &[u8], packet: &str) -> Vec<u8> {
    use img_parts::png::{Png, PngChunk};
    let mut image = Png::from_bytes(img_parts::Bytes::copy_from_slice(png)).unwrap();
    let mut body = b"XML:com.adobe.xmp\0\0\0\0\0".to_vec();
    body.extend_from_slice(packet.as_bytes());
    let at = image.chunks().len() - 1;
    image
        .chunks_mut()
        .insert(at, PngChunk::new(*b"iTXt", img_parts::Bytes::from(body)));
    image.encoder().bytes().to_vec()
}
