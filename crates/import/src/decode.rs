//! Files in any encoding an XML declaration may name, read as UTF-8: a
//! byte-order mark wins, then `<?xml … encoding="…"?>`, else UTF-8 (XML's
//! default). An unknown label is refused by name.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use encoding_rs::{CoderResult, Decoder, Encoding, UTF_8};

use crate::error::{ImportError, Result};

/// The encoding `head` (a file's first bytes) declares.
pub fn sniff(head: &[u8]) -> std::result::Result<&'static Encoding, String> {
    if let Some((encoding, _)) = Encoding::for_bom(head) {
        return Ok(encoding);
    }
    let Some(rest) = head.strip_prefix(b"<?xml") else {
        return Ok(UTF_8);
    };
    let end = rest.iter().position(|b| *b == b'>').unwrap_or(rest.len());
    let decl = String::from_utf8_lossy(&rest[..end]);
    let Some(at) = decl.find("encoding") else {
        return Ok(UTF_8);
    };
    let value = decl[at + "encoding".len()..]
        .trim_start()
        .trim_start_matches('=')
        .trim_start();
    let quote = value.chars().next().unwrap_or('"');
    let label: String = value.chars().skip(1).take_while(|c| *c != quote).collect();
    Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        format!("the file declares the encoding {label:?}, which is not one Dateline knows")
    })
}

/// Opens `path` as UTF-8 text, whatever its declared encoding.
pub fn open(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    let mut file = File::open(path).map_err(|e| ImportError::io(path, e))?;
    let mut head = [0u8; 256];
    let n = file.read(&mut head).map_err(|e| ImportError::io(path, e))?;
    let encoding =
        sniff(&head[..n]).map_err(|reason| ImportError::malformed(path, (1, 1), reason))?;
    let file = File::open(path).map_err(|e| ImportError::io(path, e))?;
    if encoding == UTF_8 {
        return Ok(Box::new(BufReader::with_capacity(256 * 1024, file)));
    }
    Ok(Box::new(BufReader::with_capacity(
        256 * 1024,
        Utf8Reader {
            inner: BufReader::with_capacity(64 * 1024, file),
            decoder: encoding.new_decoder_with_bom_removal(),
            pending: Vec::new(),
            start: 0,
            done: false,
        },
    )))
}

/// Decodes another encoding into UTF-8 as it is read. Bytes that are not
/// valid in the declared encoding become U+FFFD, as browsers show them.
struct Utf8Reader<R> {
    inner: R,
    decoder: Decoder,
    pending: Vec<u8>,
    start: usize,
    done: bool,
}

impl<R: BufRead> Read for Utf8Reader<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.start == self.pending.len() && !self.done {
            self.pending.clear();
            self.start = 0;
            let input = self.inner.fill_buf()?;
            let last = input.is_empty();
            let room = self
                .decoder
                .max_utf8_buffer_length(input.len())
                .unwrap_or(input.len() * 3 + 16);
            self.pending.resize(room, 0);
            let (result, read, written, _) =
                self.decoder.decode_to_utf8(input, &mut self.pending, last);
            self.pending.truncate(written);
            self.inner.consume(read);
            if last && result == CoderResult::InputEmpty {
                self.done = true;
            }
        }
        let available = &self.pending[self.start..];
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.start += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declared_encoding_is_found() {
        assert_eq!(
            sniff(b"<?xml version=\"1.0\" encoding=\"KOI8-R\"?><rss/>"),
            Ok(encoding_rs::KOI8_R)
        );
        assert_eq!(
            sniff(b"<?xml version='1.0' encoding='iso-8859-1'?>"),
            Ok(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(sniff(b"<?xml version=\"1.0\"?>"), Ok(UTF_8));
        assert_eq!(
            sniff(b"\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"KOI8-R\"?>"),
            Ok(UTF_8)
        );
        assert!(sniff(b"<?xml version=\"1.0\" encoding=\"x-klingon\"?>").is_err());
    }

    #[test]
    fn koi8_r_reads_as_utf8() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("f.xml");
        // "Мир" in KOI8-R.
        std::fs::write(
            &path,
            b"<?xml version=\"1.0\" encoding=\"KOI8-R\"?><t>\xED\xC9\xD2</t>",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut text = String::new();
        open(&path)
            .unwrap_or_else(|e| panic!("{e}"))
            .read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(text.ends_with("<t>Мир</t>"), "{text}");
    }
}
