//! What an import did, counted per kind, with every record it left out
//! and why. Printed at the end of `dateline import` and shown by the
//! newsroom's import page.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

/// Reasons kept word for word; past this many, only counted.
const MAX_NOTES: usize = 1000;

/// Counts for one kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub skipped: u64,
}

impl Tally {
    pub fn total(&self) -> u64 {
        self.created + self.updated + self.unchanged + self.skipped
    }
}

/// One thing left out or changed on the way, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// "post 12 (line 340)", "picture https://…".
    pub what: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub file: String,
    pub format: String,
    pub dry_run: bool,
    /// Stopped before the end (an interruption): running again resumes.
    pub interrupted: bool,
    /// By kind: "posts", "pages", "comments", "authors", "sections",
    /// "tags", "pictures", "redirects".
    pub tallies: BTreeMap<&'static str, Tally>,
    pub notes: Vec<Note>,
    /// Notes past [`MAX_NOTES`], counted only.
    pub more_notes: u64,
}

impl Report {
    /// Stories (posts and pages) created or updated so far.
    pub fn stories_written(&self) -> u64 {
        ["posts", "pages"]
            .iter()
            .filter_map(|kind| self.tallies.get(kind))
            .map(|t| t.created + t.updated)
            .sum()
    }

    pub fn tally(&mut self, kind: &'static str) -> &mut Tally {
        self.tallies.entry(kind).or_default()
    }

    pub fn get(&self, kind: &str) -> Tally {
        self.tallies.get(kind).copied().unwrap_or_default()
    }

    pub fn note(&mut self, what: impl Into<String>, reason: impl Into<String>) {
        if self.notes.len() < MAX_NOTES {
            self.notes.push(Note {
                what: what.into(),
                reason: reason.into(),
            });
        } else {
            self.more_notes += 1;
        }
    }

    /// A skipped record of `kind`, with why.
    pub fn skip(&mut self, kind: &'static str, what: impl Into<String>, reason: impl Into<String>) {
        self.tally(kind).skipped += 1;
        self.note(what, reason);
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.dry_run {
            "Dry run (nothing was written)"
        } else if self.interrupted {
            "Import interrupted (run the same command again to resume)"
        } else {
            "Import finished"
        };
        writeln!(f, "{verb}: {} ({})", self.file, self.format)?;
        writeln!(
            f,
            "{:<10} {:>9} {:>9} {:>9} {:>9}",
            "", "created", "updated", "unchanged", "skipped"
        )?;
        for (kind, t) in &self.tallies {
            writeln!(
                f,
                "{kind:<10} {:>9} {:>9} {:>9} {:>9}",
                t.created, t.updated, t.unchanged, t.skipped
            )?;
        }
        if !self.notes.is_empty() {
            writeln!(f, "\nSkipped or changed on the way:")?;
            for note in &self.notes {
                writeln!(f, "  {}: {}", note.what, note.reason)?;
            }
            if self.more_notes > 0 {
                writeln!(f, "  … and {} more", self.more_notes)?;
            }
        }
        Ok(())
    }
}
