//! The arrangement being edited, as the form carries it: top stories and
//! each section's pins in order, and the buttons that change it before a
//! save.

use dateline_domain::{FrontLayout, ParseError, SectionPins};
use dateline_store::Section;

use crate::newsroom::FormData;

/// Where a story sits: the top list, or a section's pins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    Top,
    Section(i64),
}

impl Place {
    /// `top` or a section id, as the form spells it.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "top" => Some(Self::Top),
            id => id.parse().ok().map(Self::Section),
        }
    }
}

/// A button of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    Save,
    Add,
    Up(Place, usize),
    Down(Place, usize),
    Remove(Place, usize),
}

impl Op {
    /// `save`, `add`, or `up|down|remove:{top|section id}:{index}`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "save" | "" => return Some(Self::Save),
            "add" => return Some(Self::Add),
            _ => {}
        }
        let mut parts = s.split(':');
        let (Some(verb), Some(place), Some(index), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let place = Place::parse(place)?;
        let index = index.parse().ok()?;
        match verb {
            "up" => Some(Self::Up(place, index)),
            "down" => Some(Self::Down(place, index)),
            "remove" => Some(Self::Remove(place, index)),
            _ => None,
        }
    }
}

/// Top stories and each of the edition's sections with its pins (every
/// section, in the edition's order, so each has its list on the page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Draft {
    pub top: Vec<i64>,
    pub pins: Vec<(i64, Vec<i64>)>,
}

impl Draft {
    pub fn from_layout(layout: &FrontLayout, sections: &[Section]) -> Self {
        Self {
            top: layout.top().to_vec(),
            pins: sections
                .iter()
                .map(|s| (s.id, layout.pins_of(s.id).to_vec()))
                .collect(),
        }
    }

    /// The lists as posted: repeated `top={id}` and `pin={section}:{id}`
    /// fields, in order. Values that are not numbers, or pins into a
    /// section this edition does not have, make the form `None`.
    pub fn from_form(form: &FormData, sections: &[Section]) -> Option<Self> {
        let top = form
            .all("top")
            .map(|v| v.trim().parse().ok())
            .collect::<Option<Vec<i64>>>()?;
        let mut pins: Vec<(i64, Vec<i64>)> = sections.iter().map(|s| (s.id, Vec::new())).collect();
        for value in form.all("pin") {
            let (section, id) = value.trim().split_once(':')?;
            let (section, id): (i64, i64) = (section.parse().ok()?, id.parse().ok()?);
            pins.iter_mut().find(|(s, _)| *s == section)?.1.push(id);
        }
        Some(Self { top, pins })
    }

    fn list(&mut self, place: Place) -> Option<&mut Vec<i64>> {
        match place {
            Place::Top => Some(&mut self.top),
            Place::Section(id) => self
                .pins
                .iter_mut()
                .find(|(s, _)| *s == id)
                .map(|(_, list)| list),
        }
    }

    /// Adds `id` at the end of `place`'s list; `false` when there is no
    /// such list.
    pub fn add(&mut self, place: Place, id: i64) -> bool {
        self.list(place).map(|list| list.push(id)).is_some()
    }

    /// Moves or removes one story; out-of-range buttons change nothing.
    pub fn apply(&mut self, op: Op) {
        let (place, index) = match op {
            Op::Up(p, i) | Op::Down(p, i) | Op::Remove(p, i) => (p, i),
            Op::Save | Op::Add => return,
        };
        let Some(list) = self.list(place) else {
            return;
        };
        match op {
            Op::Up(..) if index > 0 && index < list.len() => list.swap(index - 1, index),
            Op::Down(..) if index + 1 < list.len() => list.swap(index, index + 1),
            Op::Remove(..) if index < list.len() => {
                list.remove(index);
            }
            _ => {}
        }
    }

    /// Every story named, top first.
    pub fn ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.top
            .iter()
            .chain(self.pins.iter().flat_map(|(_, list)| list))
            .copied()
    }

    /// The arrangement to save, if its shape is valid.
    pub fn to_layout(&self) -> Result<FrontLayout, ParseError> {
        FrontLayout::new(
            self.top.clone(),
            self.pins
                .iter()
                .map(|(section_id, ids)| SectionPins {
                    section_id: *section_id,
                    article_ids: ids.clone(),
                })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_parse_and_move_stories() {
        assert_eq!(Op::parse("save"), Some(Op::Save));
        assert_eq!(Op::parse("up:top:1"), Some(Op::Up(Place::Top, 1)));
        assert_eq!(
            Op::parse("remove:7:0"),
            Some(Op::Remove(Place::Section(7), 0))
        );
        assert_eq!(Op::parse("sideways:top:1"), None);
        let mut draft = Draft {
            top: vec![1, 2, 3],
            pins: vec![(7, vec![4, 5])],
        };
        draft.apply(Op::Up(Place::Top, 2));
        assert_eq!(draft.top, [1, 3, 2]);
        draft.apply(Op::Up(Place::Top, 0));
        draft.apply(Op::Down(Place::Top, 2));
        assert_eq!(draft.top, [1, 3, 2], "the ends stay");
        draft.apply(Op::Down(Place::Section(7), 0));
        draft.apply(Op::Remove(Place::Top, 0));
        assert_eq!(draft.pins[0].1, [5, 4]);
        assert_eq!(draft.top, [3, 2]);
        assert!(draft.add(Place::Section(7), 9));
        assert!(!draft.add(Place::Section(8), 9));
        assert_eq!(draft.ids().collect::<Vec<_>>(), [3, 2, 5, 4, 9]);
    }
}
