//! Drawing a board. [`paint_board`] is the one drawing code: the canvas
//! calls it every frame, and export will call it offscreen, so what users see
//! is what they export.
//!
//! Text is laid out at its on-screen size every frame (our own [`Camera`]
//! scales font sizes by zoom) instead of scaling a rendered texture, which
//! keeps text crisp from 10% to 400%. Anything outside the clip rect is
//! skipped, and at low zoom cards drop their text. Workshop marks (vote
//! tags, dot badges) are painted from the document too, so an exported PNG
//! shows the same strips as the screen.

mod camera;
mod canvas;
mod card;
mod edges;
mod style;
mod votes;

pub use camera::Camera;
pub use canvas::{
    CanvasView, NOTE_COLOURS, NOTE_SIZE, SectionLayout, canvas_layout, page_size, paint_canvas,
    paint_note,
};
pub use card::card_rect;
pub use edges::{edge_at, edge_points};
pub use style::{Palette, TRACE_DOWN, TRACE_UP, Theme, edge_style, kind_colour, tint_hex};
pub use votes::{DOT_BADGE, MIN_TAG_PX, Marks, marks, marks_in_view, tag_rect};

use crate::edit::Selection;
use crate::model::{Document, NodeId};
use egui::{Painter, Rect};
use std::collections::{HashMap, HashSet};

/// What a trace lights up: the node, what it rests on, what rests on it.
#[derive(Clone, Debug, PartialEq)]
pub struct TraceHighlight {
    pub focus: NodeId,
    pub up: HashSet<NodeId>,
    pub down: HashSet<NodeId>,
}

impl TraceHighlight {
    pub fn lights(&self, id: NodeId) -> bool {
        id == self.focus || self.up.contains(&id) || self.down.contains(&id)
    }
}

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
    /// While tracing, everything outside the trace is dimmed.
    pub trace: Option<&'a TraceHighlight>,
    /// Effective confidence, shown where it differs from the node's own.
    pub effective: Option<&'a HashMap<NodeId, u8>>,
    /// Nodes that are part of a cycle.
    pub in_cycle: Option<&'a HashSet<NodeId>>,
    pub palette: &'static Palette,
    /// The fill behind the board; `None` leaves it transparent (export).
    pub background: Option<egui::Color32>,
    /// The dot grid helps while editing and is noise in a slide.
    pub grid: bool,
    /// Presentation mode's spotlit card; every other card is dimmed.
    pub spotlight: Option<NodeId>,
}

impl<'a> View<'a> {
    /// A plain view: no hover, no trace, no analysis overlays.
    pub fn new(camera: Camera, rect: Rect, selection: &'a Selection) -> Self {
        Self {
            camera,
            rect,
            selection,
            hovered: None,
            editing: None,
            trace: None,
            effective: None,
            in_cycle: None,
            palette: Theme::Light.palette(),
            background: Some(Theme::Light.palette().canvas),
            grid: true,
            spotlight: None,
        }
    }

    pub fn dimmed(&self, id: NodeId) -> bool {
        self.trace.is_some_and(|t| !t.lights(id))
    }

    /// Whether the spotlight leaves this card in the dark.
    pub fn unlit(&self, id: NodeId) -> bool {
        self.spotlight.is_some_and(|s| s != id)
    }

    pub fn to_screen(&self, p: crate::model::Point) -> egui::Pos2 {
        self.camera.to_screen(self.rect, p)
    }
}

/// Paints background grid, edges, then cards (so cards cover edge ends).
pub fn paint_board(painter: &Painter, doc: &Document, view: &View) {
    style::paint_background(painter, view);
    let index = doc.index();
    for edge in &doc.edges {
        if let (Some(&a), Some(&b)) = (index.get(&edge.from), index.get(&edge.to)) {
            edges::paint_edge(painter, edge, &doc.nodes[a], &doc.nodes[b], view);
        }
    }
    for node in &doc.nodes {
        card::paint_card(painter, node, view);
    }
    // Vote tags and dot badges go on top, where no card can cover them.
    let marks = votes::marks_in_view(doc, view, painter.clip_rect());
    for node in &doc.nodes {
        if let Some(m) = marks.get(&node.id)
            && !view.unlit(node.id)
        {
            votes::paint_marks(painter, node, m, view);
        }
    }
}
