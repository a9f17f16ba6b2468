//! Drawing a board. [`paint_board`] is the one drawing code: the canvas
//! calls it every frame, and export will call it offscreen, so what users see
//! is what they export.
//!
//! Text is laid out at its on-screen size every frame (our own [`Camera`]
//! scales font sizes by zoom) instead of scaling a rendered texture, which
//! keeps text crisp from 10% to 400%. Anything outside the clip rect is
//! skipped, and at low zoom cards drop their text.

mod camera;
mod card;
mod edges;
mod style;

pub use camera::Camera;
pub use card::card_rect;
pub use edges::{edge_at, edge_points};
pub use style::{edge_style, kind_colour};

use crate::edit::Selection;
use crate::model::{Document, NodeId};
use egui::{Painter, Rect};

/// Everything besides the document that decides what a frame looks like.
pub struct View<'a> {
    pub camera: Camera,
    /// The screen rect the board is drawn into.
    pub rect: Rect,
    pub selection: &'a Selection,
    pub hovered: Option<NodeId>,
    /// The node whose title is being edited in place; its title is left
    /// out so the text editor on top of it reads cleanly.
    pub editing: Option<NodeId>,
}

impl View<'_> {
    pub fn to_screen(&self, p: crate::model::Point) -> egui::Pos2 {
        self.camera.to_screen(self.rect, p)
    }
}

/// Paints background grid, edges, then cards (so cards cover edge ends).
pub fn paint_board(painter: &Painter, doc: &Document, view: &View) {
    style::paint_background(painter, view);
    for edge in &doc.edges {
        edges::paint_edge(painter, doc, edge, view);
    }
    for node in &doc.nodes {
        card::paint_card(painter, node, view);
    }
}
