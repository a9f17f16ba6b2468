//! The belief map's content as retained meshes: one for the whole board, or,
//! while cards are dragged, one for what stays put under the dragged cards'
//! edges and one for what stays put over them.
//!
//! A drag changes the document every frame, so the whole-board mesh could
//! never be reused and every card in view was painted again on each step.
//! But only the dragged cards and their edges move: the rest is the board as
//! it was when the drag began ([`History::open_since`]), less those. It is
//! kept in two meshes so the moving edges still pass under every card:
//! still edges, moving edges, still cards, then the dragged cards, which
//! ride on top while they move, as on any whiteboard.
//!
//! [`History::open_since`]: crate::edit::History::open_since

use super::mesh::{BoardKey, BoardMesh};
use crate::edit::MergeKey;
use crate::model::{Document, Node, NodeId, Point};
use crate::render::{self, Camera, View};
use egui::{Painter, Rect};

/// The cards a drag is moving, and what identifies the board without them.
pub(crate) struct Moving<'a> {
    /// Sorted, for a binary search per card and edge end: cheaper than
    /// hashing thousands of ids a frame.
    pub nodes: &'a [NodeId],
    /// The drag's gesture, which decides `nodes`.
    pub gesture: &'a MergeKey,
    /// The document state the drag began from.
    pub since: u64,
}

#[derive(Debug, Default)]
pub(crate) struct BoardLayers {
    whole: BoardMesh,
    still_under: BoardMesh,
    still_over: BoardMesh,
}

impl BoardLayers {
    /// Paints `doc`'s content as `view` shows it. `key` describes the whole
    /// board; with `moving`, the still parts are keyed by the state the drag
    /// began from instead, so they are reused while only the drag changes.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn paint<'a>(
        &mut self,
        painter: &Painter,
        key: BoardKey,
        center: Point,
        content: &dyn Fn() -> Option<Rect>,
        doc: &'a Document,
        view: &View<'a>,
        moving: Option<Moving<'_>>,
    ) {
        // Each mesh is painted as the camera it is given shows the board: a
        // zoom gesture paints ahead of the zoom on show.
        let at = |camera: Camera| View {
            camera,
            ..view.clone()
        };
        // Marks (vote tags, dot badges) are painted afresh each frame, on
        // top: votes arriving from the room change only them, and the
        // meshes are keyed by what the board draws apart from them.
        let Some(moving) = moving else {
            self.whole
                .paint(painter, key, center, content, |p, camera| {
                    render::paint_unmarked(p, doc, &at(camera))
                });
            render::paint_marks_over(painter, doc, view, |_| true);
            return;
        };
        let still = BoardKey {
            doc: (key.doc.0, moving.since, key.doc.2),
            leaving_out: Some(moving.gesture.clone()),
            ..key
        };
        let moves = |id: NodeId| moving.nodes.binary_search(&id).is_ok();
        self.still_under
            .paint(painter, still.clone(), center, content, |p, camera| {
                let keep = |a: &Node, b: &Node| !moves(a.id) && !moves(b.id);
                render::paint_edges(p, doc, &at(camera), keep)
            });
        render::paint_edges(painter, doc, view, |a, b| moves(a.id) || moves(b.id));
        self.still_over
            .paint(painter, still, center, content, |p, camera| {
                render::paint_bare_cards(p, doc, &at(camera), |id| !moves(id))
            });
        render::paint_bare_cards(painter, doc, view, moves);
        render::paint_marks_over(painter, doc, view, |_| true);
    }

    /// See [`BoardMesh::finish`].
    pub(crate) fn finish(&mut self, ctx: &egui::Context) {
        self.whole.finish(ctx);
        self.still_under.finish(ctx);
        self.still_over.finish(ctx);
    }
}
