//! The second pass: posts read one at a time on a thread of their own
//! (serde_json drives the visitor, so the rows are handed over through a
//! bounded channel) and joined to the first pass's relations on the
//! caller's side. At most a few posts are in memory at once.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::{self, JoinHandle};

use serde::de::{IgnoredAny, MapAccess};

use super::post;
use super::raw::{FullPost, RawMeta};
use super::scan::Scanned;
use super::source::Tracker;
use super::walk::{self, each, Tables};
use crate::error::{ImportError, Result};
use crate::model::{Position, Post};

/// Posts read ahead of the caller.
const AHEAD: usize = 16;

type Row = Result<(Position, FullPost)>;

pub(super) fn posts<'a>(path: &Path, scanned: &'a Scanned) -> Result<PostIter<'a>> {
    // Fail here, not on the first item, when the file is gone.
    File::open(path).map_err(|e| ImportError::io(path, e))?;
    let (tx, rx) = sync_channel::<Row>(AHEAD);
    let owned = path.to_owned();
    let worker = thread::Builder::new()
        .name("ghost-posts".to_owned())
        .spawn(move || {
            let mut rows = Rows { tx: tx.clone() };
            if let Err(e) = walk::read(&owned, &mut rows) {
                // The caller may have stopped listening: nothing to tell then.
                let _ = tx.send(Err(e));
            }
        })
        .map_err(|e| ImportError::io(path, e))?;
    Ok(PostIter {
        rx,
        worker: Some(worker),
        scanned,
        path: path.to_owned(),
        seen: 0,
        done: false,
    })
}

struct Rows {
    tx: SyncSender<Row>,
}

impl Tables for Rows {
    fn meta(&mut self, _: RawMeta) {}

    fn table<'de, A: MapAccess<'de>>(
        &mut self,
        name: &str,
        map: &mut A,
        tracker: &Tracker,
    ) -> Result<(), A::Error> {
        if name == "posts" {
            let tx = &self.tx;
            each(map, tracker, |at, post: FullPost| {
                tx.send(Ok((at, post)))
                    .map_err(|_| "stopped: the posts are no longer read".to_owned())
            })
        } else {
            map.next_value::<IgnoredAny>().map(|_| ())
        }
    }
}

/// The posts and pages of an export, in file order.
pub struct PostIter<'a> {
    rx: Receiver<Row>,
    worker: Option<JoinHandle<()>>,
    scanned: &'a Scanned,
    path: PathBuf,
    seen: u64,
    done: bool,
}

impl Iterator for PostIter<'_> {
    type Item = Result<Post>;

    fn next(&mut self) -> Option<Result<Post>> {
        if self.done {
            return None;
        }
        match self.rx.recv() {
            Ok(Ok((at, raw))) => {
                self.seen += 1;
                Some(post::build(raw, at, self.scanned).map_err(|reason| {
                    ImportError::malformed(&self.path, (at.line, at.column), reason)
                }))
            }
            Ok(Err(e)) => {
                self.done = true;
                Some(Err(e))
            }
            Err(_) => {
                self.done = true;
                self.finish().err().map(Err)
            }
        }
    }
}

impl PostIter<'_> {
    /// The reading thread has ended: it must have ended well, on as many
    /// posts as the first pass counted.
    fn finish(&mut self) -> Result<()> {
        if let Some(worker) = self.worker.take() {
            if worker.join().is_err() {
                return Err(ImportError::io(
                    &self.path,
                    std::io::Error::other("the thread reading posts failed"),
                ));
            }
        }
        let scanned = self.scanned.catalog.posts;
        if self.seen != scanned {
            return Err(ImportError::malformed(
                &self.path,
                (1, 1),
                format!(
                    "the file changed since it was scanned: {scanned} posts then, {} now",
                    self.seen
                ),
            ));
        }
        Ok(())
    }
}
