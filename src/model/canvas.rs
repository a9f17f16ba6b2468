//! Canvases: one-page grids of named sections holding sticky notes, such as
//! Chris Compston's Lean Capability Canvas or Ash Maurya's Lean Canvas.
//!
//! A section covers a rectangle of grid cells, so a template can give one
//! section two rows and another a whole column. Notes live in a section, in
//! the order the user put them. A note may link to a belief-map node; the
//! link is by id, and a note whose node was deleted keeps the id (undoing
//! the delete brings the link back).

use super::{NodeId, Rgb};
use serde::{Deserialize, Serialize};

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct CanvasId(pub u64);

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct SectionId(pub u64);

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct NoteId(pub u64);

/// Cells of the canvas grid a section covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cells {
    pub col: u8,
    pub row: u8,
    pub cols: u8,
    pub rows: u8,
}

impl Cells {
    pub fn new(col: u8, row: u8, cols: u8, rows: u8) -> Self {
        Self {
            col,
            row,
            cols,
            rows,
        }
    }

    /// Whether these cells lie inside a `columns × rows` grid.
    pub fn fits(&self, columns: u8, rows: u8) -> bool {
        self.cols >= 1
            && self.rows >= 1
            && u16::from(self.col) + u16::from(self.cols) <= u16::from(columns)
            && u16::from(self.row) + u16::from(self.rows) <= u16::from(rows)
    }

    pub fn overlaps(&self, other: &Cells) -> bool {
        let (a0, a1) = (self.col, self.col.saturating_add(self.cols));
        let (b0, b1) = (other.col, other.col.saturating_add(other.cols));
        let (c0, c1) = (self.row, self.row.saturating_add(self.rows));
        let (d0, d1) = (other.row, other.row.saturating_add(other.rows));
        a0 < b1 && b0 < a1 && c0 < d1 && d0 < c1
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(default)]
pub struct Section {
    pub id: SectionId,
    pub title: String,
    /// Shown while the section is empty, to get a team started.
    pub prompt: String,
    pub cells: Cells,
}

impl Default for Section {
    fn default() -> Self {
        Self {
            id: SectionId(0),
            title: String::new(),
            prompt: String::new(),
            cells: Cells::new(0, 0, 1, 1),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(default)]
pub struct Note {
    pub id: NoteId,
    pub section: SectionId,
    pub text: String,
    pub colour: Option<Rgb>,
    /// The belief-map node this note stands for, if any.
    pub link: Option<NodeId>,
}

/// The canvas header: what capability, whose, by when.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(default)]
pub struct CanvasHeader {
    pub focus: String,
    pub owner: String,
    pub horizon: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(default)]
pub struct Canvas {
    pub id: CanvasId,
    pub name: String,
    /// The template it was made from, for the record.
    pub template: String,
    pub header: CanvasHeader,
    pub columns: u8,
    pub rows: u8,
    pub sections: Vec<Section>,
    /// In display order within each section.
    pub notes: Vec<Note>,
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            id: CanvasId(0),
            name: String::new(),
            template: String::new(),
            header: CanvasHeader::default(),
            columns: 3,
            rows: 3,
            sections: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// The largest grid a canvas may have, in cells per side.
pub const MAX_GRID: u8 = 12;

impl Canvas {
    pub fn section(&self, id: SectionId) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Notes of one section, in order.
    pub fn notes_in(&self, id: SectionId) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(move |n| n.section == id)
    }

    pub fn note(&self, id: NoteId) -> Option<&Note> {
        self.notes.iter().find(|n| n.id == id)
    }

    /// Above this canvas's notes only. A note added to a document takes
    /// [`Document::next_note_id`](super::Document::next_note_id), which
    /// also skips the ids kept dots name.
    pub fn next_note_id(&self) -> NoteId {
        NoteId(self.notes.iter().map(|n| n.id.0 + 1).max().unwrap_or(1))
    }

    pub fn next_section_id(&self) -> SectionId {
        SectionId(self.sections.iter().map(|s| s.id.0 + 1).max().unwrap_or(1))
    }

    /// Moves `note` into `section` at position `index` among that section's
    /// notes (clamped), keeping every other note's order.
    pub fn move_note(&mut self, note: NoteId, section: SectionId, index: usize) {
        let Some(from) = self.notes.iter().position(|n| n.id == note) else {
            return;
        };
        let mut moving = self.notes.remove(from);
        moving.section = section;
        let positions: Vec<usize> = self
            .notes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.section == section)
            .map(|(i, _)| i)
            .collect();
        let at = match positions.get(index) {
            Some(&i) => i,
            None => positions.last().map_or(self.notes.len(), |&i| i + 1),
        };
        self.notes.insert(at, moving);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canvas() -> Canvas {
        let mut c = Canvas::default();
        for s in 1..=2 {
            c.sections.push(Section {
                id: SectionId(s),
                ..Section::default()
            });
        }
        for (id, section) in [(1, 1), (2, 2), (3, 1), (4, 2)] {
            c.notes.push(Note {
                id: NoteId(id),
                section: SectionId(section),
                ..Note::default()
            });
        }
        c
    }

    fn order(c: &Canvas, s: u64) -> Vec<u64> {
        c.notes_in(SectionId(s)).map(|n| n.id.0).collect()
    }

    #[test]
    fn moving_a_note_keeps_the_others_in_order() {
        let mut c = canvas();
        c.move_note(NoteId(3), SectionId(2), 1);
        assert_eq!(order(&c, 1), [1]);
        assert_eq!(order(&c, 2), [2, 3, 4]);
        c.move_note(NoteId(4), SectionId(2), 0);
        assert_eq!(order(&c, 2), [4, 2, 3]);
        c.move_note(NoteId(1), SectionId(2), 99);
        assert_eq!(order(&c, 2), [4, 2, 3, 1]);
        assert_eq!(order(&c, 1), Vec::<u64>::new());
    }

    #[test]
    fn cells_overlap() {
        assert!(Cells::new(0, 0, 2, 1).overlaps(&Cells::new(1, 0, 1, 1)));
        assert!(!Cells::new(0, 0, 1, 1).overlaps(&Cells::new(1, 0, 1, 1)));
    }
}
