//! A front page's arrangement as editors ask for it: the lead and top
//! stories in order, and stories pinned at the head of section blocks.
//! Checked here for shape (caps, nothing twice); the store checks that the
//! stories belong to the edition and to the sections they are pinned in.

use crate::ParseError;

/// Most top slots an edition's front page has (the lead is the first).
pub const FRONT_MAX_TOP: usize = 20;
/// Most stories pinned at the head of one section's block.
pub const FRONT_MAX_PINS: usize = 4;

/// Stories pinned at the head of one section's block, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionPins {
    pub section_id: i64,
    pub article_ids: Vec<i64>,
}

/// An arrangement whose shape is valid: at most [`FRONT_MAX_TOP`] top
/// stories and [`FRONT_MAX_PINS`] pins per section, each section once,
/// each story once in the whole arrangement. Sections without pins are
/// left out. The empty arrangement means "newest first everywhere".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FrontLayout {
    top: Vec<i64>,
    pins: Vec<SectionPins>,
}

impl FrontLayout {
    /// Checks `top` (the lead first) and `pins`. Refusals name the part at
    /// fault (`top`, `pins`) with a stable code: `too_many_top`,
    /// `too_many_pins`, `duplicate_section`, `duplicate_article`.
    pub fn new(top: Vec<i64>, pins: Vec<SectionPins>) -> Result<Self, ParseError> {
        if top.len() > FRONT_MAX_TOP {
            return Err(ParseError::new(
                "top",
                "too_many_top",
                format!("at most {FRONT_MAX_TOP} top stories"),
            ));
        }
        let mut seen_sections = std::collections::HashSet::new();
        let mut seen = std::collections::HashSet::new();
        for id in &top {
            if !seen.insert(*id) {
                return Err(duplicate("top", *id));
            }
        }
        let pins: Vec<SectionPins> = pins
            .into_iter()
            .filter(|p| !p.article_ids.is_empty())
            .collect();
        for p in &pins {
            if !seen_sections.insert(p.section_id) {
                return Err(ParseError::new(
                    "pins",
                    "duplicate_section",
                    format!("section {} is listed twice", p.section_id),
                ));
            }
            if p.article_ids.len() > FRONT_MAX_PINS {
                return Err(ParseError::new(
                    "pins",
                    "too_many_pins",
                    format!("at most {FRONT_MAX_PINS} stories pinned per section"),
                ));
            }
            for id in &p.article_ids {
                if !seen.insert(*id) {
                    return Err(duplicate("pins", *id));
                }
            }
        }
        Ok(Self { top, pins })
    }

    /// The top stories, the lead first.
    pub fn top(&self) -> &[i64] {
        &self.top
    }

    /// Pinned stories per section (sections with at least one pin).
    pub fn pins(&self) -> &[SectionPins] {
        &self.pins
    }

    /// The pins of `section_id`, in order (empty when none).
    pub fn pins_of(&self, section_id: i64) -> &[i64] {
        self.pins
            .iter()
            .find(|p| p.section_id == section_id)
            .map_or(&[], |p| p.article_ids.as_slice())
    }

    /// Every story arranged, top stories first.
    pub fn article_ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.top
            .iter()
            .chain(self.pins.iter().flat_map(|p| &p.article_ids))
            .copied()
    }

    pub fn is_empty(&self) -> bool {
        self.top.is_empty() && self.pins.is_empty()
    }
}

fn duplicate(field: &'static str, id: i64) -> ParseError {
    ParseError::new(
        field,
        "duplicate_article",
        format!("story {id} is arranged twice"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pins(section_id: i64, ids: &[i64]) -> SectionPins {
        SectionPins {
            section_id,
            article_ids: ids.to_vec(),
        }
    }

    #[test]
    fn shapes_are_checked() {
        let ok = FrontLayout::new(vec![3, 1], vec![pins(7, &[2]), pins(8, &[])]).unwrap();
        assert_eq!(ok.top(), [3, 1]);
        assert_eq!(ok.pins().len(), 1, "empty sections are dropped");
        assert_eq!(ok.pins_of(7), [2]);
        assert_eq!(ok.article_ids().collect::<Vec<_>>(), [3, 1, 2]);
        let code = |r: Result<FrontLayout, ParseError>| r.unwrap_err().code;
        assert_eq!(
            code(FrontLayout::new((0..21).collect(), vec![])),
            "too_many_top"
        );
        assert!(FrontLayout::new((0..20).collect(), vec![]).is_ok());
        assert_eq!(
            code(FrontLayout::new(vec![], vec![pins(7, &[1, 2, 3, 4, 5])])),
            "too_many_pins"
        );
        assert_eq!(
            code(FrontLayout::new(vec![1], vec![pins(7, &[1])])),
            "duplicate_article"
        );
        assert_eq!(
            code(FrontLayout::new(vec![1, 1], vec![])),
            "duplicate_article"
        );
        assert_eq!(
            code(FrontLayout::new(vec![], vec![pins(7, &[1]), pins(7, &[2])])),
            "duplicate_section"
        );
    }
}
