//! The board tabs: the belief map, each canvas, the assumption map, and
//! the belief 2×2 (Cutler's belief map and value × certainty).
//!
//! Every board implements [`BoardKind`] in its own module (`map/`,
//! `canvas_board.rs`, `assumption_map.rs`, `beliefs_2x2.rs`), and [`KINDS`]
//! lists them in tab order: the window asks the kind on show for its tab
//! titles, its central area, its inspector, its status line, its keys and
//! what it exports, instead of matching on the board in each of those
//! places. Adding a board is its module, a [`Board`] variant naming its tab,
//! and one line in [`KINDS`].

use super::app::CredenceApp;
use super::export_dialog::ExportBoard;
use crate::edit::Command;
use crate::model::{CanvasId, Document, Template};
use egui::{Button, RichText, Ui};

/// What a board tab is and does.
pub trait BoardKind: Sync {
    /// Whether `board` is one of this kind's tabs.
    fn owns(&self, board: Board) -> bool;
    /// This kind's tabs for `doc`, in order: one, or one per canvas.
    fn tabs(&self, doc: &Document) -> Vec<Tab>;
    /// The central area.
    fn show(&self, app: &mut CredenceApp, ui: &mut Ui, board: Board);
    /// The panel on the right: by default the card inspector, which every
    /// board of cards shares.
    fn inspector(&self, app: &mut CredenceApp, ui: &mut Ui, _board: Board) {
        super::inspector::show(app, ui);
    }
    /// The status line: what the board holds, then what its gestures do.
    fn status(&self, app: &CredenceApp, board: Board) -> (String, &'static str);
    /// Keys the board takes while nothing else has the keyboard.
    fn keyboard(&self, _app: &mut CredenceApp, _ctx: &egui::Context) {}
    /// What the Export dialog writes for this board.
    fn export(&self, app: &CredenceApp, board: Board) -> ExportBoard;
}

/// One tab of the tab bar.
pub struct Tab {
    pub board: Board,
    pub title: String,
    pub hint: &'static str,
}

/// Every board kind, in tab order.
pub static KINDS: [&dyn BoardKind; 4] = [
    &super::map::MapBoard,
    &super::canvas_board::CanvasBoard,
    &super::assumption_map::AssumptionBoard,
    &super::beliefs_2x2::Beliefs2x2Board,
];

/// The kind that shows `board`.
pub fn kind_of(board: Board) -> &'static dyn BoardKind {
    KINDS
        .iter()
        .copied()
        .find(|k| k.owns(board))
        .unwrap_or(KINDS[0])
}

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
        self.doc_ui.map.commit_edit_into(&mut self.open);
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
        let tabs: Vec<Tab> = KINDS.iter().flat_map(|k| k.tabs(app.open.doc())).collect();
        for Tab {
            board,
            title: name,
            hint,
        } in tabs
        {
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
