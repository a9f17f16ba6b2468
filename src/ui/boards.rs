//! The board tabs: the belief map, each canvas, the assumption map, and
//! the belief 2×2 (Cutler's belief map and value × certainty).

use super::app::CredenceApp;
use crate::edit::Command;
use crate::model::{CanvasId, Template};
use egui::{Button, RichText, Ui};

/// Which board the central area shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Board {
    #[default]
    Map,
    Canvas(CanvasId),
    Assumptions,
    /// Cutler's belief map and value × certainty.
    Beliefs,
}

impl CredenceApp {
    /// The built-in templates, then the user's own.
    pub fn templates(&mut self) -> &[Template] {
        if self.templates.is_none() {
            let mut all = crate::io::templates::built_in();
            if let Some(dir) = &self.template_dir {
                all.extend(
                    crate::io::templates::load_dir(dir)
                        .into_iter()
                        .filter_map(Result::ok),
                );
            }
            self.templates = Some(all);
        }
        self.templates.as_deref().unwrap_or_default()
    }

    /// Adds a canvas made from `template` after the others and opens it.
    pub fn new_canvas(&mut self, template: &Template) {
        self.commit_note_edit();
        let id = self.open.doc().next_canvas_id();
        let same = self
            .open
            .doc()
            .canvases
            .iter()
            .filter(|c| c.template == template.name)
            .count();
        let name = if same == 0 {
            template.name.clone()
        } else {
            format!("{} {}", template.name, same + 1)
        };
        let canvas = template.instantiate(id, &name);
        self.apply(Command::InsertCanvas {
            index: self.open.doc().canvases.len(),
            canvas,
        });
        self.doc_ui.board = Board::Canvas(id);
    }

    /// Switches tabs, finishing any typing first.
    pub fn open_board(&mut self, board: Board) {
        self.commit_note_edit();
        self.doc_ui.canvas.commit_edit_into(&mut self.open);
        self.doc_ui.board = board;
        self.doc_ui.canvas_board.selected = None;
    }
}

pub fn tab_bar(app: &mut CredenceApp, ui: &mut Ui) {
    // A tab whose canvas was undone away falls back to the map.
    if let Board::Canvas(id) = app.doc_ui.board
        && app.open.doc().canvas(id).is_none()
    {
        app.doc_ui.board = Board::Map;
    }
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        let mut tabs: Vec<(Board, String, &str)> = vec![(
            Board::Map,
            "Belief map".into(),
            "The graph of what rests on what",
        )];
        for c in &app.open.doc().canvases {
            tabs.push((Board::Canvas(c.id), c.name.clone(), "A canvas board"));
        }
        tabs.push((
            Board::Assumptions,
            "Assumption map".into(),
            "Every assumption by importance and evidence; drag to change them",
        ));
        tabs.push((
            Board::Beliefs,
            "Belief 2×2".into(),
            "Cutler's belief map: where we agree, where we must learn; and value × certainty",
        ));
        for (board, name, hint) in tabs {
            let selected = app.doc_ui.board == board;
            let text = if selected {
                RichText::new(name).strong()
            } else {
                RichText::new(name)
            };
            if ui
                .add(Button::selectable(selected, text))
                .on_hover_text(hint)
                .clicked()
            {
                app.open_board(board);
            }
        }
        ui.separator();
        ui.menu_button("+ Canvas", |ui| {
            // Copied only while the menu is open, not on every frame.
            let templates: Vec<Template> = app.templates().to_vec();
            ui.label(RichText::new("New canvas from template").weak());
            for t in &templates {
                if ui.button(&t.name).on_hover_text(&t.description).clicked() {
                    app.new_canvas(t);
                    ui.close();
                }
            }
        })
        .response
        .on_hover_text("Add a canvas board made from a template");
    });
}
