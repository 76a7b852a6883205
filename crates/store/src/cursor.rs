//! Opaque keyset cursors for pagination: `(time, id)` of the last item seen.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use dateline_domain::{ParseError, UnixTime};

/// Position after which the next page starts. Encoded as URL-safe base64 so
/// clients treat it as opaque.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub time: UnixTime,
    pub id: i64,
}

impl Cursor {
    /// Every string [`Cursor::decode`] accepts, and nothing else: the 16
    /// bytes of `time` and `id` (big-endian) in unpadded URL-safe base64,
    /// whose last character carries 2 bits and four zero bits. The API
    /// documents it, so that a client can tell a cursor from garbage.
    pub const PATTERN: &'static str = "^[A-Za-z0-9_-]{21}[AQgw]$";
    pub const LEN: usize = 22;

    pub fn encode(self) -> String {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.time.to_be_bytes());
        bytes[8..].copy_from_slice(&self.id.to_be_bytes());
        URL_SAFE_NO_PAD.encode(bytes)
    }

    pub fn decode(s: &str) -> Result<Self, ParseError> {
        let invalid = || {
            ParseError::new(
                "cursor",
                "invalid_cursor",
                "the cursor is not one this server issued",
            )
        };
        let bytes = URL_SAFE_NO_PAD.decode(s).map_err(|_| invalid())?;
        let bytes: [u8; 16] = bytes.try_into().map_err(|_| invalid())?;
        let (time, id) = bytes.split_at(8);
        Ok(Self {
            time: UnixTime::from_be_bytes(time.try_into().map_err(|_| invalid())?),
            id: i64::from_be_bytes(id.try_into().map_err(|_| invalid())?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_garbage() {
        for c in [
            Cursor {
                time: 1_706_700_000,
                id: 42,
            },
            Cursor {
                time: i64::MIN,
                id: i64::MAX,
            },
            Cursor { time: -1, id: 0 },
        ] {
            let encoded = c.encode();
            assert_eq!(encoded.len(), Cursor::LEN);
            assert_eq!(Cursor::decode(&encoded).unwrap(), c);
        }
        for bad in ["", "!!", "bm9wZQ", "MTox", "AAAAAAAAAAAAAAAAAAAAAAA"] {
            assert!(Cursor::decode(bad).is_err(), "{bad:?}");
        }
    }

    /// [`Cursor::PATTERN`] says exactly which strings decode: 21 characters
    /// of the URL-safe alphabet, then one of `A`, `Q`, `g`, `w`.
    #[test]
    fn the_pattern_is_exact() {
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (i, last) in alphabet.chars().enumerate() {
            let prefix: String = alphabet.chars().cycle().skip(i).take(21).collect();
            let candidate = format!("{prefix}{last}");
            assert_eq!(
                Cursor::decode(&candidate).is_ok(),
                "AQgw".contains(last),
                "{candidate}"
            );
        }
        for len in [20, 21, 23, 24] {
            assert!(Cursor::decode(&"A".repeat(len)).is_err(), "{len}");
        }
        assert!(Cursor::decode(&"A".repeat(Cursor::LEN)).is_ok());
    }
}
