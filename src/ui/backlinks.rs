//! "On canvases": the canvas notes that link to a belief-map node, shown in
//! the node's inspector, each a click away.

use super::app::CredenceApp;
use super::boards::Board;
use crate::model::NodeId;
use egui::{RichText, Ui};

pub fn show(app: &mut CredenceApp, ui: &mut Ui, id: NodeId) {
    let links: Vec<_> = app
        .open
        .doc()
        .canvases
        .iter()
        .flat_map(|c| {
            c.notes.iter().filter(|n| n.link == Some(id)).map(move |n| {
                let section = c.section(n.section).map_or("", |s| s.title.as_str());
                (c.id, n.id, format!("{} › {}: {}", c.name, section, n.text))
            })
        })
        .collect();
    if links.is_empty() {
        return;
    }
    ui.add_space(8.0);
    ui.label(RichText::new("On canvases").strong());
    for (canvas, note, text) in links {
        if ui
            .link(text)
            .on_hover_text("Open the canvas at this note")
            .clicked()
        {
            app.open_board(Board::Canvas(canvas));
            app.doc_ui.canvas_board.selected = Some(note);
        }
    }
}
