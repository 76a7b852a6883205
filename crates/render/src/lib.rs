//! HTML rendering (filled in by the reader-site work).
