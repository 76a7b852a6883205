//! Pagination cursors come back from clients: decoding any string never
//! panics, and a decoded cursor encodes to one that decodes to itself.

#![no_main]

use dateline_store::Cursor;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(cursor) = Cursor::decode(text) {
        assert_eq!(Cursor::decode(&cursor.encode()).ok(), Some(cursor));
    }
});
