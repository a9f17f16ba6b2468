//! Drawing a board. [`paint_board`] is the one drawing code: the canvas
//! calls it every frame, and export will call it offscreen, so what users see
//! is what they export.
//!
//! Card titles and notes follow one rule, [`fit_text`]: a box grows to
//! show its text (up to six lines), the font then shrinks to 70%, and only
//! then is the text cut. Every board and export paints through it.
//!
//! Text is laid out at its on-screen size (our own [`Camera`] scales font
//! sizes by zoom) instead of scaling a rendered texture, which keeps text
//! crisp from 10% to 400%; it is drawn unhinted ([`set_up_text`]) so it
//! scales smoothly. [`paint_edges`] and [`paint_cards`] paint parts of the
//! board, so the canvas can keep what a drag does not move. Anything
//! outside the clip rect is skipped, and at low zoom cards drop their text. Workshop marks (vote
//! tags, dot badges) are painted from the document too, so an exported PNG
//! shows the same strips as the screen.

mod camera;
mod canvas;
mod card;
mod edges;
pub mod fit_text;
pub mod quadrants;
mod style;
mod votes;

pub use camera::Camera;
pub use canvas::{
    CanvasView, NOTE_COLOURS, NOTE_SIZE, SectionLayout, canvas_layout, page_size, paint_canvas,
    paint_note,
};
pub use card::{
    MAX_TITLE_LINES, card_rect, fit_height, fitted, min_size, paint_hover, title_lines, title_rows,
    title_shows_whole,
};
pub use edges::{edge_at, edge_points};
pub use style::{
    Palette, TRACE_DOWN, TRACE_UP, Theme, edge_style, kind_colour, paint_background, tint_hex,
};
pub use votes::{DOT_BADGE, MIN_TAG_PX, Marks, marks, marks_in_view, tag_rect};

use crate::edit::Selection;
use crate::model::{Document, Node, NodeId};
use egui::{Painter, Rect};
use std::collections::{HashMap, HashSet};

/// Turns off font hinting in `ctx`; every context that paints a board
/// (the app's, export's) calls this, so text looks the same in all of them.
///
/// Board text is laid out at a new size on every zoom step. Hinting snaps
/// each size's stems to the pixel grid, so a title's width jumps as the view
/// zooms (and can wrap differently), and it re-runs the font's hinting
/// program each time the size changes, which was a third of a zoom frame.
/// Unhinted glyphs are still rasterised at their real pixel size, so text
/// stays crisp; it is how egui drew all text before 0.37.
pub fn set_up_text(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| style.visuals.text_options.font_hinting = false);
}

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
#[derive(Clone)]
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
    /// Each edge's end nodes as positions in `doc.nodes`, from
    /// [`edge_ends`], cached by the caller while the structure is unchanged
    /// so a frame does not rebuild and hash an id index. Entries are
    /// checked against the ids before use; `None` builds them afresh.
    pub ends: Option<&'a [Option<(u32, u32)>]>,
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
            ends: None,
        }
    }

    /// The end nodes of every edge of `doc`, from the cache when it fits.
    pub fn ends_for(&self, doc: &'a Document) -> std::borrow::Cow<'a, [Option<(u32, u32)>]> {
        match self.ends {
            Some(ends) if ends_fit(doc, ends) => std::borrow::Cow::Borrowed(ends),
            _ => std::borrow::Cow::Owned(edge_ends(doc)),
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

/// Each edge's end nodes as positions in `doc.nodes`; `None` for an edge
/// whose end is missing.
pub fn edge_ends(doc: &Document) -> Vec<Option<(u32, u32)>> {
    let index = doc.index();
    doc.edges
        .iter()
        .map(|e| Some((*index.get(&e.from)? as u32, *index.get(&e.to)? as u32)))
        .collect()
}

/// Whether cached ends still describe `doc`: one per edge, naming the same
/// nodes. A linear check, far cheaper than hashing every id.
fn ends_fit(doc: &Document, ends: &[Option<(u32, u32)>]) -> bool {
    let id = |i: u32| doc.nodes.get(i as usize).map(|n| n.id);
    ends.len() == doc.edges.len()
        && doc.edges.iter().zip(ends).all(|(e, end)| match end {
            Some((a, b)) => id(*a) == Some(e.from) && id(*b) == Some(e.to),
            None => true,
        })
}

/// Paints background grid, edges, then cards (so cards cover edge ends).
pub fn paint_board<'a>(painter: &Painter, doc: &'a Document, view: &View<'a>) {
    paint_background(painter, view);
    paint_content(painter, doc, view);
}

/// Everything [`paint_board`] paints over the background: edges, cards,
/// then vote marks.
pub fn paint_content<'a>(painter: &Painter, doc: &'a Document, view: &View<'a>) {
    paint_edges(painter, doc, view, |_, _| true);
    paint_cards(painter, doc, view, |_| true);
}

/// [`paint_content`] without the vote marks: what the canvas keeps as one
/// retained mesh, so a vote arriving from the room repaints only the marks
/// ([`paint_marks_over`]) and not a thousand cards.
pub fn paint_unmarked<'a>(painter: &Painter, doc: &'a Document, view: &View<'a>) {
    paint_edges(painter, doc, view, |_, _| true);
    paint_bare_cards(painter, doc, view, |_| true);
}

/// The edges `keep` picks. While cards are dragged the canvas paints the
/// edges that stay put apart from those that move with them.
pub fn paint_edges<'a>(
    painter: &Painter,
    doc: &'a Document,
    view: &View<'a>,
    keep: impl Fn(&Node, &Node) -> bool,
) {
    let ends = view.ends_for(doc);
    for (edge, end) in doc.edges.iter().zip(ends.iter()) {
        if let Some((a, b)) = *end {
            let (a, b) = (&doc.nodes[a as usize], &doc.nodes[b as usize]);
            if keep(a, b) {
                edges::paint_edge(painter, edge, a, b, view);
            }
        }
    }
}

/// The cards `keep` picks, then their vote tags and dot badges on top,
/// where no card can cover them.
pub fn paint_cards<'a>(
    painter: &Painter,
    doc: &'a Document,
    view: &View<'a>,
    keep: impl Fn(NodeId) -> bool,
) {
    paint_bare_cards(painter, doc, view, &keep);
    paint_marks_over(painter, doc, view, keep);
}

/// The cards `keep` picks, without their marks.
pub fn paint_bare_cards<'a>(
    painter: &Painter,
    doc: &'a Document,
    view: &View<'a>,
    keep: impl Fn(NodeId) -> bool,
) {
    for node in doc.nodes.iter().filter(|n| keep(n.id)) {
        card::paint_card(painter, node, view);
    }
}

/// The vote tags and dot badges of the cards `keep` picks, on top of
/// every card.
pub fn paint_marks_over<'a>(
    painter: &Painter,
    doc: &'a Document,
    view: &View<'a>,
    keep: impl Fn(NodeId) -> bool,
) {
    // Only the picked cards' marks: a drag paints its few cards every frame.
    let marks = votes::marks_in_view(doc, view, painter.clip_rect(), &keep);
    for node in doc.nodes.iter().filter(|n| keep(n.id)) {
        if let Some(m) = marks.get(&node.id)
            && !view.unlit(node.id)
        {
            votes::paint_marks(painter, node, m, view);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, EdgeId, EdgeKind, Node, NodeKind};

    fn doc(order: &[u64]) -> Document {
        Document {
            nodes: order
                .iter()
                .map(|&i| Node::new(NodeId(i), NodeKind::Belief, ""))
                .collect(),
            edges: vec![
                Edge::new(EdgeId(1), NodeId(1), NodeId(2), EdgeKind::Supports),
                Edge::new(EdgeId(2), NodeId(3), NodeId(9), EdgeKind::Supports),
            ],
            ..Document::default()
        }
    }

    #[test]
    fn cached_edge_ends_are_used_only_while_they_fit() {
        let a = doc(&[1, 2, 3]);
        let ends = edge_ends(&a);
        assert_eq!(ends, [Some((0, 1)), None], "node 9 is missing");
        let selection = crate::edit::Selection::default();
        let view = View {
            ends: Some(&ends),
            ..View::new(Camera::default(), Rect::ZERO, &selection)
        };
        assert!(matches!(view.ends_for(&a), std::borrow::Cow::Borrowed(_)));
        // The same ids in another order (a snapshot's map, an undone
        // delete): the cache no longer fits and fresh ends are built.
        let b = doc(&[2, 1, 3]);
        let fresh = view.ends_for(&b);
        assert!(matches!(fresh, std::borrow::Cow::Owned(_)));
        assert_eq!(fresh[0], Some((1, 0)));
    }
}
