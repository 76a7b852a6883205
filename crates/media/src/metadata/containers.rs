//! Finding the XMP packet and the IPTC IIM block inside a picture file:
//! JPEG APP1/APP13 segments, PNG iTXt chunks, WebP `XMP ` chunks, and for
//! every format a scan for the XMP packet's wrapper (Adobe's XMP spec,
//! part 3, allows finding packets by scanning).

use bytes::Bytes;
use dateline_domain::ImageFormat;

const XMP_APP1_PREFIX: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const PHOTOSHOP_APP13_PREFIX: &[u8] = b"Photoshop 3.0\0";
const PNG_XMP_KEYWORD: &[u8] = b"XML:com.adobe.xmp";

/// The raw metadata blocks of one file.
#[derive(Debug, Default)]
pub(super) struct Blocks {
    /// The XMP packet, as UTF-8 text.
    pub xmp: Option<String>,
    /// The IPTC IIM records (content of Photoshop resource 0x0404).
    pub iim: Option<Vec<u8>>,
}

pub(super) fn blocks(bytes: &[u8], format: ImageFormat) -> Blocks {
    let mut found = match format {
        ImageFormat::Jpeg => jpeg_blocks(bytes),
        ImageFormat::Png => png_blocks(bytes),
        ImageFormat::Webp => webp_blocks(bytes),
        ImageFormat::Gif | ImageFormat::Avif => Blocks::default(),
    };
    if found.xmp.is_none() {
        found.xmp = scan_for_xmp(bytes);
    }
    found
}

fn jpeg_blocks(bytes: &[u8]) -> Blocks {
    let Ok(jpeg) = img_parts::jpeg::Jpeg::from_bytes(Bytes::copy_from_slice(bytes)) else {
        return Blocks::default();
    };
    let mut found = Blocks::default();
    let mut photoshop = Vec::new();
    for segment in jpeg.segments() {
        let contents = segment.contents();
        match segment.marker() {
            img_parts::jpeg::markers::APP1 if found.xmp.is_none() => {
                if let Some(packet) = contents.strip_prefix(XMP_APP1_PREFIX) {
                    found.xmp = Some(String::from_utf8_lossy(packet).into_owned());
                }
            }
            // Large IRBs span several APP13 segments, each with the prefix.
            img_parts::jpeg::markers::APP13 => {
                if let Some(irb) = contents.strip_prefix(PHOTOSHOP_APP13_PREFIX) {
                    photoshop.extend_from_slice(irb);
                }
            }
            _ => {}
        }
    }
    found.iim = iim_resource(&photoshop);
    found
}

fn png_blocks(bytes: &[u8]) -> Blocks {
    let Ok(png) = img_parts::png::Png::from_bytes(Bytes::copy_from_slice(bytes)) else {
        return Blocks::default();
    };
    let xmp = png
        .chunks_by_type(*b"iTXt")
        .find_map(|chunk| png_itxt_xmp(chunk.contents()));
    Blocks { xmp, iim: None }
}

/// iTXt: keyword NUL, compression flag, method, language NUL, translated
/// keyword NUL, text. Compressed XMP is left to the packet scan (which will
/// not find it); writers store XMP uncompressed so that scanners can.
fn png_itxt_xmp(data: &[u8]) -> Option<String> {
    let rest = data.strip_prefix(PNG_XMP_KEYWORD)?.strip_prefix(b"\0")?;
    let (&compressed, rest) = rest.split_first()?;
    if compressed != 0 {
        return None;
    }
    let rest = rest.get(1..)?;
    let language_end = rest.iter().position(|b| *b == 0)?;
    let rest = &rest[language_end + 1..];
    let translated_end = rest.iter().position(|b| *b == 0)?;
    Some(String::from_utf8_lossy(&rest[translated_end + 1..]).into_owned())
}

fn webp_blocks(bytes: &[u8]) -> Blocks {
    let Ok(webp) = img_parts::webp::WebP::from_bytes(Bytes::copy_from_slice(bytes)) else {
        return Blocks::default();
    };
    let xmp = webp
        .chunk_by_id(img_parts::webp::CHUNK_XMP)
        .and_then(|chunk| chunk.content().data())
        .map(|data| String::from_utf8_lossy(data).into_owned());
    Blocks { xmp, iim: None }
}

/// The first `<x:xmpmeta …>…</x:xmpmeta>` in the file, if it is UTF-8.
fn scan_for_xmp(bytes: &[u8]) -> Option<String> {
    const OPEN: &[u8] = b"<x:xmpmeta";
    const CLOSE: &[u8] = b"</x:xmpmeta>";
    let start = find(bytes, OPEN)?;
    let end = start + find(&bytes[start..], CLOSE)? + CLOSE.len();
    std::str::from_utf8(&bytes[start..end])
        .ok()
        .map(str::to_owned)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The IIM block (resource 0x0404) of a Photoshop image resource block:
/// `8BIM`, id (u16), Pascal name padded to even length, size (u32), data
/// padded to even length.
fn iim_resource(mut irb: &[u8]) -> Option<Vec<u8>> {
    while irb.len() >= 12 && &irb[..4] == b"8BIM" {
        let id = u16::from_be_bytes([irb[4], irb[5]]);
        let name_len = usize::from(irb[6]);
        // The length byte and the name together are padded to an even size.
        let name_total = (1 + name_len + 1) & !1;
        let size_at = 6 + name_total;
        let size_bytes = irb.get(size_at..size_at + 4)?;
        let size = u32::from_be_bytes([size_bytes[0], size_bytes[1], size_bytes[2], size_bytes[3]])
            as usize;
        let data_at = size_at + 4;
        let data = irb.get(data_at..data_at.checked_add(size)?)?;
        if id == 0x0404 {
            return Some(data.to_vec());
        }
        let next = data_at + size + (size & 1);
        irb = irb.get(next..)?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_iim_after_other_resources() {
        let mut irb = Vec::new();
        // Resource 0x0425 (IPTC digest) with a one-letter name: 1+1 → padded 2.
        irb.extend_from_slice(b"8BIM\x04\x25\x01A");
        irb.extend_from_slice(&3u32.to_be_bytes());
        irb.extend_from_slice(b"xyz\0");
        irb.extend_from_slice(b"8BIM\x04\x04\0\0");
        irb.extend_from_slice(&2u32.to_be_bytes());
        irb.extend_from_slice(b"ok");
        assert_eq!(iim_resource(&irb), Some(b"ok".to_vec()));
        assert_eq!(iim_resource(&irb[..irb.len() - 1]), None, "truncated");
    }

    #[test]
    fn scans_for_a_packet_anywhere() {
        let file = b"GIF89a....<x:xmpmeta xmlns:x='adobe:ns:meta/'>hi</x:xmpmeta>..";
        assert_eq!(
            scan_for_xmp(file).as_deref(),
            Some("<x:xmpmeta xmlns:x='adobe:ns:meta/'>hi</x:xmpmeta>")
        );
        assert_eq!(scan_for_xmp(b"<x:xmpmeta never closed"), None);
    }
}
