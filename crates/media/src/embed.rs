//! Putting the rights packet (credit, copyright, creator as XMP) into
//! encoded WebP renditions. JPEG renditions get it from the encoder itself
//! (an APP1 segment); WebP needs the extended (`VP8X`) layout with an
//! `XMP ` chunk and its flag set.

use bytes::Bytes;
use img_parts::riff::{RiffChunk, RiffContent};
use img_parts::webp::{WebP, CHUNK_VP8X, CHUNK_XMP};
use img_parts::ImageEXIF;

use crate::MediaError;

/// The APP1 segment prefix that marks an XMP packet in JPEG.
pub(crate) const XMP_APP1_PREFIX: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";

/// The VP8X flag announcing an XMP chunk.
const VP8X_XMP_FLAG: u8 = 0b0000_0100;

/// `webp` with `packet` as its XMP chunk.
pub(crate) fn webp_with_xmp(webp: Vec<u8>, packet: &str) -> Result<Vec<u8>, MediaError> {
    let failed = |detail: String| MediaError::Encode {
        format: "WebP",
        detail,
    };
    let mut image = WebP::from_bytes(Bytes::from(webp)).map_err(|e| failed(e.to_string()))?;
    image.remove_chunks_by_id(CHUNK_XMP);
    image.chunks_mut().push(RiffChunk::new(
        CHUNK_XMP,
        RiffContent::Data(Bytes::copy_from_slice(packet.as_bytes())),
    ));
    // Re-infers the layout: adds a VP8X header (canvas size and flags)
    // when the file was a simple VP8 one.
    image.set_exif(None);
    let vp8x = image
        .chunks_mut()
        .iter_mut()
        .find(|chunk| chunk.id() == CHUNK_VP8X)
        .ok_or_else(|| failed("no VP8X header after adding XMP".into()))?;
    if let RiffContent::Data(data) = vp8x.content_mut() {
        let mut header = data.to_vec();
        if let Some(flags) = header.first_mut() {
            *flags |= VP8X_XMP_FLAG;
        }
        *data = Bytes::from(header);
    }
    Ok(image.encoder().bytes().to_vec())
}
