//! The bytes of an export as serde_json reads them: buffered, a leading BOM
//! skipped, UTF-8 checked on every byte (serde_json does not check strings
//! it skips), and the position of the last byte read kept where the
//! visitors can see it, so a post knows the line and column it starts at.

use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use crate::error::{ImportError, Result};
use crate::model::Position;

/// What the reader shares with the visitors.
#[derive(Debug, Default)]
pub(super) struct Tracker {
    /// Line and column (1-based) of the last byte read; column 0 before any.
    at: Cell<(u64, u64)>,
    /// Where the first byte that is not UTF-8 was.
    bad_utf8: Cell<Option<(u64, u64)>>,
}

impl Tracker {
    pub(super) fn position(&self) -> Position {
        let (line, column) = self.at.get();
        Position { line, column }
    }
}

pub(super) struct Source {
    inner: BufReader<File>,
    tracker: Rc<Tracker>,
    utf8: Utf8,
    /// Where the character being checked began.
    started: (u64, u64),
}

impl Source {
    pub(super) fn open(path: &Path) -> Result<(Self, Rc<Tracker>)> {
        let file = File::open(path).map_err(|e| ImportError::io(path, e))?;
        let mut inner = BufReader::with_capacity(64 * 1024, file);
        let head = inner.fill_buf().map_err(|e| ImportError::io(path, e))?;
        if head.starts_with(b"\xEF\xBB\xBF") {
            inner.consume(3);
        }
        let tracker = Rc::new(Tracker {
            at: Cell::new((1, 0)),
            bad_utf8: Cell::new(None),
        });
        let source = Self {
            inner,
            tracker: Rc::clone(&tracker),
            utf8: Utf8::default(),
            started: (1, 1),
        };
        Ok((source, tracker))
    }
}

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.inner.fill_buf()?;
        if available.is_empty() {
            if self.utf8.remaining > 0 {
                self.tracker.bad_utf8.set(Some(self.started));
                return Err(invalid_utf8());
            }
            return Ok(0);
        }
        let n = buf.len().min(available.len());
        let (mut line, mut column) = self.tracker.at.get();
        let mut taken = 0;
        for &byte in &available[..n] {
            if self.utf8.remaining == 0 {
                self.started = (line, column + 1);
            }
            if !self.utf8.accept(byte) {
                if taken == 0 {
                    self.tracker.bad_utf8.set(Some(self.started));
                    return Err(invalid_utf8());
                }
                // Hand over the good bytes first; the next call fails.
                break;
            }
            if byte == b'\n' {
                line += 1;
                column = 0;
            } else {
                column += 1;
            }
            taken += 1;
        }
        buf[..taken].copy_from_slice(&available[..taken]);
        self.inner.consume(taken);
        self.tracker.at.set((line, column));
        Ok(taken)
    }
}

fn invalid_utf8() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "invalid UTF-8")
}

/// An incremental UTF-8 check (the table of RFC 3629: no overlong forms, no
/// surrogates, nothing above U+10FFFF).
#[derive(Debug)]
struct Utf8 {
    remaining: u8,
    low: u8,
    high: u8,
}

impl Default for Utf8 {
    fn default() -> Self {
        Self {
            remaining: 0,
            low: 0x80,
            high: 0xBF,
        }
    }
}

impl Utf8 {
    fn accept(&mut self, byte: u8) -> bool {
        if self.remaining > 0 {
            if byte < self.low || byte > self.high {
                return false;
            }
            self.remaining -= 1;
            self.low = 0x80;
            self.high = 0xBF;
            return true;
        }
        let (remaining, low, high) = match byte {
            0x00..=0x7F => return true,
            0xC2..=0xDF => (1, 0x80, 0xBF),
            0xE0 => (2, 0xA0, 0xBF),
            0xE1..=0xEC | 0xEE..=0xEF => (2, 0x80, 0xBF),
            0xED => (2, 0x80, 0x9F),
            0xF0 => (3, 0x90, 0xBF),
            0xF1..=0xF3 => (3, 0x80, 0xBF),
            0xF4 => (3, 0x80, 0x8F),
            _ => return false,
        };
        self.remaining = remaining;
        self.low = low;
        self.high = high;
        true
    }
}

/// Marks errors raised by the visitors to say the document is JSON but not
/// a Ghost export; they are reported at 1:1.
pub(super) const NOT_GHOST: &str = "not a Ghost export";

/// A serde_json failure as the import's error, at the place it names.
pub(super) fn refusal(path: &Path, tracker: &Tracker, err: serde_json::Error) -> ImportError {
    use serde_json::error::Category;
    let at = (err.line() as u64, err.column() as u64);
    match err.classify() {
        Category::Io => {
            if let Some(at) = tracker.bad_utf8.get() {
                return ImportError::malformed(path, at, "invalid UTF-8: a Ghost export is UTF-8");
            }
            ImportError::io(path, io::Error::from(err))
        }
        Category::Eof if tracker.at.get() == (1, 0) => {
            ImportError::malformed(path, (1, 1), "the file is empty: not a Ghost export")
        }
        Category::Eof => ImportError::malformed(
            path,
            at,
            format!("the file ends too early (truncated?): {}", reason(&err)),
        ),
        Category::Syntax | Category::Data => {
            let reason = reason(&err);
            if reason.starts_with(NOT_GHOST) {
                ImportError::malformed(path, (1, 1), reason)
            } else {
                ImportError::malformed(path, at, reason)
            }
        }
    }
}

/// serde_json's message without the " at line L column C" it appends.
fn reason(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    match text.strip_suffix(&suffix) {
        Some(head) => head.to_owned(),
        None => text,
    }
}
