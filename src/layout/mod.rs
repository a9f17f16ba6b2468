//! Automatic layout. petgraph has none, and the Rust layout crates are too
//! slow for large maps, so Credence owns a layered (Sugiyama-style) layout:
//!
//! 1. feedback arcs (petgraph's `greedy_feedback_arc_set`) are reversed, so
//!    cycles still lay out;
//! 2. layering by longest path to the effects: what rests on nothing else
//!    (outcomes) forms layer 0, and each cause sits one layer beyond the
//!    furthest thing it bears on; then network simplex (components up to
//!    2,000 cards) or a cheaper balancing pass shortens the edges; long
//!    edges get dummy nodes;
//! 3. crossing reduction: barycenter sweeps down and up, keeping the best
//!    order seen, then transpose (adjacent swaps) — crossings between two
//!    layers are counted in O(E log V) with a Fenwick tree — then sifting:
//!    each vertex moves to the place in its layer where it crosses least,
//!    which gets out of minima that adjacent swaps cannot. A pass compares
//!    every pair in a layer, so up to three passes run while the layers are
//!    narrow enough (maps of a few thousand cards), and none on wider ones;
//! 4. coordinates: each layer is pulled towards the weighted mean of its
//!    neighbours (a long edge's inner segments weigh 100 times more) and
//!    projected onto "in order, never overlapping" by weighted isotonic
//!    regression (pool adjacent violators), which keeps long edges straight
//!    and the drawing compact while real card sizes can never overlap;
//! 5. untangling: neighbouring cards in a layer swap places when that lowers
//!    the straight-line crossings the reader sees (a long edge is one line,
//!    not its chain of dummies), counting only the moved cards' edges;
//! 6. disconnected components are packed side by side.
//!
//! Nothing here knows egui; [`crossings`] measures results the same way for
//! our layout and for Graphviz `dot`.

pub mod compact;
mod coordinates;
pub mod crossings;
mod layered;
mod options;
mod order;
mod rank;
mod settle;
mod untangle;

use crate::model::{Document, NodeId, Point};
pub use options::{Flow, LayoutOptions, Style};
use std::collections::BTreeSet;

/// New top-left positions for the nodes in `subset` (all nodes when
/// `None`), in the style asked for. Edges to nodes outside the subset are
/// ignored, so the rest stays where it is. Pinned cards are left out of the
/// result: they do not move, and nothing is placed over them.
pub fn layout(
    doc: &Document,
    subset: Option<&BTreeSet<NodeId>>,
    options: &LayoutOptions,
) -> Vec<(NodeId, Point)> {
    match options.style {
        Style::Layered => layered::layout(doc, subset, options),
        Style::Compact => compact::layout(doc, subset, options),
    }
}
