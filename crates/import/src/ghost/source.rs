//! The bytes of an export as serde_json reads them: buffered, a leading BOM
//! skipped, proved UTF-8 a buffer at a time (serde_json does not check the
//! strings it skips), and the position of the last byte read kept where the
//! visitors can see it, so a post knows the line and column it starts at.

use std::cell::Cell;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::rc::Rc;

use crate::error::{ImportError, Result};
use crate::model::Position;

/// What the reader shares with the visitors.
#[derive(Debug)]
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

const BUFFER: usize = 64 * 1024;

pub(super) struct Source {
    file: File,
    buf: Box<[u8]>,
    /// `buf[pos..checked]` is proved UTF-8 and not yet read; `buf[checked..end]`
    /// is the start of a character cut by the buffer's end, or (when `bad`)
    /// bytes that are not UTF-8.
    pos: usize,
    checked: usize,
    end: usize,
    bad: bool,
    eof: bool,
    tracker: Rc<Tracker>,
}

impl Source {
    pub(super) fn open(path: &Path) -> Result<(Self, Rc<Tracker>)> {
        let file = File::open(path).map_err(|e| ImportError::io(path, e))?;
        let tracker = Rc::new(Tracker {
            at: Cell::new((1, 0)),
            bad_utf8: Cell::new(None),
        });
        let mut source = Self {
            file,
            buf: vec![0; BUFFER].into_boxed_slice(),
            pos: 0,
            checked: 0,
            end: 0,
            bad: false,
            eof: false,
            tracker: Rc::clone(&tracker),
        };
        // A BOM is three bytes: a first read may bring fewer.
        while source.end < 3 && !source.eof {
            source.fill().map_err(|e| ImportError::io(path, e))?;
        }
        if source.buf[..source.end].starts_with(b"\xEF\xBB\xBF") {
            source.pos = 3;
        }
        Ok((source, tracker))
    }

    /// Reads more of the file after what is left, and proves what it can.
    fn fill(&mut self) -> io::Result<()> {
        self.buf.copy_within(self.pos..self.end, 0);
        self.end -= self.pos;
        self.pos = 0;
        loop {
            match self.file.read(&mut self.buf[self.end..]) {
                Ok(0) => self.eof = true,
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
            break;
        }
        match std::str::from_utf8(&self.buf[..self.end]) {
            Ok(_) => self.checked = self.end,
            Err(e) => {
                self.checked = e.valid_up_to();
                // A character cut by the buffer's end is completed by the
                // next read, unless the file ends there.
                self.bad = e.error_len().is_some() || self.eof;
            }
        }
        Ok(())
    }

    fn refuse(&self) -> io::Error {
        let (line, column) = self.tracker.at.get();
        self.tracker.bad_utf8.set(Some((line, column + 1)));
        io::Error::new(io::ErrorKind::InvalidData, "invalid UTF-8")
    }
}

impl Read for Source {
    #[inline]
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        // serde_json reads a byte at a time: that case is kept short.
        if let ([one], true) = (&mut *out, self.pos < self.checked) {
            let byte = self.buf[self.pos];
            *one = byte;
            self.pos += 1;
            let (line, column) = self.tracker.at.get();
            self.tracker.at.set(if byte == b'\n' {
                (line + 1, 0)
            } else {
                (line, column + 1)
            });
            return Ok(1);
        }
        self.read_more(out)
    }
}

impl Source {
    #[inline(never)]
    fn read_more(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.checked {
            if self.bad {
                return Err(self.refuse());
            }
            if self.eof || out.is_empty() {
                return Ok(0);
            }
            self.fill()?;
        }
        let n = out.len().min(self.checked - self.pos);
        let taken = &self.buf[self.pos..self.pos + n];
        out[..n].copy_from_slice(taken);
        let (mut line, mut column) = self.tracker.at.get();
        for &byte in taken {
            if byte == b'\n' {
                line += 1;
                column = 0;
            } else {
                column += 1;
            }
        }
        self.pos += n;
        self.tracker.at.set((line, column));
        Ok(n)
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
