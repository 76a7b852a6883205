//! Content codings of cached pages: which one a request accepts, and making
//! the Brotli and gzip bodies (once per cached page, off the request path).

use std::io::Write;

use axum::http::header::ACCEPT_ENCODING;
use axum::http::HeaderMap;

/// Brotli quality for pages: 11 is several times slower for a few percent.
const BROTLI_QUALITY: u32 = 9;
/// Brotli window: 4 MiB, more than any page.
const BROTLI_WINDOW: u32 = 22;
const GZIP_LEVEL: u32 = 9;

/// A body's content coding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Brotli,
    Gzip,
    Identity,
}

impl Coding {
    /// The `Content-Encoding` value, `None` for identity.
    pub fn header(self) -> Option<&'static str> {
        match self {
            Self::Brotli => Some("br"),
            Self::Gzip => Some("gzip"),
            Self::Identity => None,
        }
    }

    /// Suffix of the ETag of this coding's body: each representation has
    /// its own strong validator.
    pub fn etag_suffix(self) -> &'static str {
        match self {
            Self::Brotli => "-br",
            Self::Gzip => "-gz",
            Self::Identity => "",
        }
    }
}

/// What `Accept-Encoding` allows, by quality (0 = refused).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Accepted {
    brotli: f32,
    gzip: f32,
}

impl Accepted {
    /// Reads every `Accept-Encoding` header. A coding is acceptable when
    /// listed (or covered by `*`) with a quality above zero; unlisted means
    /// refused, as RFC 9110 says for a header that is present.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let (mut brotli, mut gzip, mut any) = (None, None, None);
        let items = headers
            .get_all(ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','));
        for item in items {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let q = parts
                .map(str::trim)
                .filter_map(|p| p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0)
                .clamp(0.0, 1.0);
            match coding.as_str() {
                "br" => brotli = Some(q),
                "gzip" | "x-gzip" => gzip = Some(q),
                "*" => any = Some(q),
                _ => {}
            }
        }
        let any = any.unwrap_or(0.0);
        Self {
            brotli: brotli.unwrap_or(any),
            gzip: gzip.unwrap_or(any),
        }
    }

    /// Whether any compressed body would be accepted.
    pub fn compressed(self) -> bool {
        self.brotli > 0.0 || self.gzip > 0.0
    }

    /// The best coding among those available: highest quality, Brotli on a
    /// tie; identity when neither compressed body is acceptable or ready.
    pub fn choose(self, brotli_ready: bool, gzip_ready: bool) -> Coding {
        let br = if brotli_ready { self.brotli } else { 0.0 };
        let gz = if gzip_ready { self.gzip } else { 0.0 };
        match (br > 0.0, gz > 0.0) {
            (true, true) if gz > br => Coding::Gzip,
            (true, _) => Coding::Brotli,
            (false, true) => Coding::Gzip,
            (false, false) => Coding::Identity,
        }
    }
}

/// The Brotli body of `identity`.
pub fn brotli(identity: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(identity.len() / 4);
    {
        let mut writer =
            brotli::CompressorWriter::new(&mut out, 16 * 1024, BROTLI_QUALITY, BROTLI_WINDOW);
        writer.write_all(identity)?;
        writer.flush()?;
    }
    Ok(out)
}

/// The gzip body of `identity`.
pub fn gzip(identity: &[u8]) -> std::io::Result<Vec<u8>> {
    let out = Vec::with_capacity(identity.len() / 4);
    let mut encoder = flate2::write::GzEncoder::new(out, flate2::Compression::new(GZIP_LEVEL));
    encoder.write_all(identity)?;
    encoder.finish()
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn accepted(value: &str) -> Accepted {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_ENCODING, HeaderValue::from_str(value).unwrap());
        Accepted::from_headers(&headers)
    }

    #[test]
    fn negotiation_honours_quality_and_readiness() {
        let browser = accepted("gzip, deflate, br, zstd");
        assert_eq!(browser.choose(true, true), Coding::Brotli);
        assert_eq!(browser.choose(false, true), Coding::Gzip);
        assert_eq!(browser.choose(false, false), Coding::Identity);
        assert_eq!(accepted("br;q=0, gzip").choose(true, true), Coding::Gzip);
        assert_eq!(
            accepted("br;q=0.5, gzip;q=0.8").choose(true, true),
            Coding::Gzip
        );
        assert_eq!(accepted("gzip;q=0").choose(true, true), Coding::Identity);
        assert_eq!(accepted("*").choose(true, true), Coding::Brotli);
        assert_eq!(accepted("*;q=0.3, br;q=0").choose(true, true), Coding::Gzip);
        assert_eq!(accepted("identity").choose(true, true), Coding::Identity);
        assert_eq!(
            Accepted::from_headers(&HeaderMap::new()).choose(true, true),
            Coding::Identity
        );
    }

    #[test]
    fn compressed_bodies_decode_to_the_identity() {
        use std::io::Read;
        let page = "<p>Dateline</p>".repeat(500);
        let br = brotli(page.as_bytes()).unwrap();
        let gz = gzip(page.as_bytes()).unwrap();
        assert!(br.len() < page.len() / 10 && gz.len() < page.len() / 10);
        let mut back = String::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, page);
        back.clear();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, page);
    }
}
