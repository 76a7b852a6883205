//! The envelope of a Ghost export, walked as a stream: `{"db":[{meta,
//! data}]}` (1.x–5.x), the flat `{meta, data}`, and 0.x's importer envelope
//! `{"images":[..],"data":{meta, data}}`. Each table found under a `data`
//! is handed, unread, to the pass that asked (see [`Tables`]).

use std::fmt;
use std::marker::PhantomData;
use std::path::Path;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::Deserialize;

use super::raw::RawMeta;
use super::source::{refusal, Source, Tracker, NOT_GHOST};
use crate::error::Result;
use crate::model::Position;

/// What one pass does with the tables under `data`.
pub(super) trait Tables {
    fn meta(&mut self, meta: RawMeta);
    /// Reads (or skips) the value of `data.<name>`; the next value of `map`.
    fn table<'de, A: MapAccess<'de>>(
        &mut self,
        name: &str,
        map: &mut A,
        tracker: &Tracker,
    ) -> Result<(), A::Error>;
}

/// Reads the file at `path` through `tables`, proving it is JSON to its end.
pub(super) fn read<T: Tables>(path: &Path, tables: &mut T) -> Result<()> {
    let (source, tracker) = Source::open(path)?;
    let mut de = serde_json::Deserializer::from_reader(source);
    let walk = Walk {
        tables,
        level: Level::Top,
        tracker: &tracker,
    };
    walk.deserialize(&mut de)
        .and_then(|()| de.end())
        .map_err(|e| refusal(path, &tracker, e))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    /// The document itself.
    Top,
    /// An entry of `db`: `{meta, data}`.
    Db,
    /// A `data` object: tables, or 0.x's nested `{meta, data}`.
    Data,
}

struct Walk<'t, T> {
    tables: &'t mut T,
    level: Level,
    tracker: &'t Tracker,
}

impl<'de, T: Tables> DeserializeSeed<'de> for Walk<'_, T> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<T: Tables> Walk<'_, T> {
    fn not_an_object<E: de::Error>(self, what: Unexpected) -> Result<(), E> {
        if self.level != Level::Top {
            return Err(E::invalid_type(what, &self));
        }
        let what = match what {
            Unexpected::Seq => "a list",
            Unexpected::Str(_) => "a string",
            Unexpected::Bool(_) => "a boolean",
            Unexpected::Unit => "null",
            _ => "a number",
        };
        Err(E::custom(format!(
            "{NOT_GHOST}: the document is {what}, not a JSON object"
        )))
    }

    fn nested(&mut self, level: Level) -> Walk<'_, T> {
        Walk {
            tables: &mut *self.tables,
            level,
            tracker: self.tracker,
        }
    }
}

impl<'de, T: Tables> Visitor<'de> for Walk<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.level {
            Level::Top => f.write_str("a Ghost export (a JSON object)"),
            Level::Db => f.write_str("an entry of `db` ({meta, data})"),
            Level::Data => f.write_str("the `data` object of a Ghost export"),
        }
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match (self.level, key.as_str()) {
                (_, "meta") => {
                    let meta = map.next_value::<Option<RawMeta>>()?;
                    if let Some(meta) = meta {
                        self.tables.meta(meta);
                    }
                }
                (_, "data") => map.next_value_seed(self.nested(Level::Data))?,
                (Level::Top, "db") => map.next_value_seed(DbList(self.nested(Level::Db)))?,
                (Level::Data, name) => self.tables.table(name, &mut map, self.tracker)?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        self.not_an_object(Unexpected::Seq)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.not_an_object(Unexpected::Str(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.not_an_object(Unexpected::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.not_an_object(Unexpected::Signed(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.not_an_object(Unexpected::Unsigned(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.not_an_object(Unexpected::Float(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.not_an_object(Unexpected::Unit)
    }
}

/// `db`: a list of `{meta, data}`; Ghost writes one, all are read.
struct DbList<'t, T>(Walk<'t, T>);

impl<'de, T: Tables> DeserializeSeed<'de> for DbList<'_, T> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: Tables> Visitor<'de> for DbList<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`db`, a list of {meta, data}")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(self.0.nested(Level::Db))?.is_some() {}
        Ok(())
    }
}

/// Reads the table that is `map`'s next value row by row, handing each row
/// and where it starts to `f`; an `Err` from `f` stops the reading.
pub(super) fn each<'de, X, A, F>(map: &mut A, tracker: &Tracker, f: F) -> Result<(), A::Error>
where
    X: Deserialize<'de>,
    A: MapAccess<'de>,
    F: FnMut(Position, X) -> Result<(), String>,
{
    map.next_value_seed(Each {
        f,
        tracker,
        row: PhantomData,
    })
}

struct Each<'t, X, F> {
    f: F,
    tracker: &'t Tracker,
    row: PhantomData<X>,
}

impl<'de, X, F> DeserializeSeed<'de> for Each<'_, X, F>
where
    X: Deserialize<'de>,
    F: FnMut(Position, X) -> Result<(), String>,
{
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, X, F> Visitor<'de> for Each<'_, X, F>
where
    X: Deserialize<'de>,
    F: FnMut(Position, X) -> Result<(), String>,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table (a list of rows)")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let tracker = self.tracker;
        while let Some((at, row)) = seq.next_element_seed(Positioned::<X>(tracker, PhantomData))? {
            (self.f)(at, row).map_err(de::Error::custom)?;
        }
        Ok(())
    }
}

/// A row, with the position of its first byte: serde_json has just peeked
/// it when the seed is called.
struct Positioned<'t, X>(&'t Tracker, PhantomData<X>);

impl<'de, X: Deserialize<'de>> DeserializeSeed<'de> for Positioned<'_, X> {
    type Value = (Position, X);

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(Position, X), D::Error> {
        let at = self.0.position();
        X::deserialize(d).map(|row| (at, row))
    }
}
