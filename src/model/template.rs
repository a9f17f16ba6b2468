//! Canvas templates: the grid and its named sections, without notes.
//! Templates are data (RON files), so teams can make their own.

use super::canvas::{Canvas, CanvasId, Cells, MAX_GRID, Section, SectionId};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateSection {
    pub title: String,
    #[serde(default)]
    pub prompt: String,
    pub cells: Cells,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub version: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub columns: u8,
    pub rows: u8,
    pub sections: Vec<TemplateSection>,
}

impl Template {
    /// A new, empty canvas laid out like this template.
    pub fn instantiate(&self, id: CanvasId, name: &str) -> Canvas {
        Canvas {
            id,
            name: name.to_owned(),
            template: self.name.clone(),
            columns: self.columns,
            rows: self.rows,
            sections: self
                .sections
                .iter()
                .enumerate()
                .map(|(i, s)| Section {
                    id: SectionId(i as u64 + 1),
                    title: s.title.clone(),
                    prompt: s.prompt.clone(),
                    cells: s.cells,
                })
                .collect(),
            ..Canvas::default()
        }
    }

    /// The layout of `canvas` (grid and sections, no notes) as a template.
    pub fn from_canvas(canvas: &Canvas, name: &str) -> Template {
        Template {
            version: 1,
            name: name.to_owned(),
            description: format!("Saved from the canvas \"{}\"", canvas.name),
            columns: canvas.columns,
            rows: canvas.rows,
            sections: canvas
                .sections
                .iter()
                .map(|s| TemplateSection {
                    title: s.title.clone(),
                    prompt: s.prompt.clone(),
                    cells: s.cells,
                })
                .collect(),
        }
    }

    /// What is wrong with the template, if anything.
    pub fn problem(&self) -> Option<String> {
        if self.name.trim().is_empty() {
            return Some("the template has no name".into());
        }
        let grid = 1..=MAX_GRID;
        if !grid.contains(&self.columns) || !grid.contains(&self.rows) {
            return Some(format!(
                "the grid is {} × {}; each side must be 1 to {MAX_GRID}",
                self.columns, self.rows
            ));
        }
        if self.sections.is_empty() {
            return Some("the template has no sections".into());
        }
        for (i, s) in self.sections.iter().enumerate() {
            let c = s.cells;
            if !c.fits(self.columns, self.rows) {
                return Some(format!("section \"{}\" does not fit the grid", s.title));
            }
            if let Some(other) = self.sections[..i].iter().find(|o| o.cells.overlaps(&c)) {
                return Some(format!(
                    "sections \"{}\" and \"{}\" overlap",
                    other.title, s.title
                ));
            }
        }
        None
    }
}
