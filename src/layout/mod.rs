//! Automatic layout, in two styles, around pinned cards.
//!
//! petgraph has none, and the Rust layout crates are too slow for large
//! maps, so Credence owns a layered (Sugiyama-style) layout:
//!
//! 1. feedback arcs (petgraph's `greedy_feedback_arc_set`) are reversed, so
//!    cycles still lay out;
//! 2. layering by longest path to the effects: what rests on nothing else
//!    (outcomes) forms layer 0, and each cause sits one layer beyond the
//!    furthest thing it bears on; then network simplex (components up to
//!    2,000 cards) or a cheaper balancing pass shortens the edges; long
//!    edges get dummy nodes;
//! 3. crossing reduction: barycenter and median sweeps down and up, keeping
//!    the best order seen, each followed by transposes (adjacent swaps) —
//!    crossings between two layers are counted in O(E log V) with a
//!    Fenwick tree. A vertex with no neighbour on the side a sweep sorts by
//!    keeps its place, and the others are sorted around it. The first try
//!    starts from three orders: under the parents, depth-first, and
//!    breadth-first from the causes (as `dot` starts); the second from
//!    breadth-first from either end of the map's longest path, which a
//!    few sweeps misjudge, so they are not weighed against the first three.
//!    A try's best start is swept on until sweeps stop paying (8 in a row
//!    gaining under 0.1%);
//! 4. coordinates: each layer is pulled towards the weighted mean of its
//!    neighbours (a long edge's inner segments weigh 100 times more, or,
//!    where that crosses more, as much as any other) and
//!    projected onto "in order, never overlapping" by weighted isotonic
//!    regression (pool adjacent violators), which keeps long edges straight
//!    and the drawing compact while real card sizes can never overlap;
//! 5. straightening and sifting: the order counts a long edge along its
//!    chain of dummies, but the reader sees one straight line, so the
//!    dummies move to where the lines pass and the order is sifted from
//!    there (each vertex moves to the place in its layer where it crosses
//!    least, which gets out of minima that adjacent swaps cannot; narrow
//!    layers whole, wide ones within a window, within a budget); the
//!    drawing is placed again and kept if its lines cross less;
//! 6. small maps, where one starting order's luck decides most, are drawn
//!    from several starting orders (within a work budget: up to 96 tries
//!    at 100 cards, the two of the standard starts from about 2,000; later
//!    tries start depth-first, shuffled) and the drawing with the fewest
//!    straight-line crossings wins. Every try is ordered, but only the
//!    third whose orders cross least are placed and sifted, which ranks
//!    them well at half the cost. The tries share the machine's cores,
//!    each thread taking the next try as it finishes one, and the first of
//!    the fewest wins whichever ran it. The winner is sifted once more,
//!    with a quarter of a try's sifting work, and only the winner is
//!    untangled:
//!    neighbouring cards in a layer swap places, and cards slide within
//!    the free room of their layer, when that lowers the straight-line
//!    crossings, counting only the moved cards' edges. On components up
//!    to about 500 cards, the winner is also kicked out of its basin
//!    first (iterated local search: a few neighbours in one layer
//!    shuffled, sifted back, kept if they cross no more), in two chains
//!    from fixed seeds, and whichever of the three drawings crosses least
//!    once untangled wins;
//! 7. disconnected components are packed side by side.
//!
//! Keeping the order (Auto-layout, as against Lay out from scratch), step 3
//! starts from the order the cards are drawn in and only swaps neighbours,
//! and steps 5 and 6 do not run: sifting, kicks and untangling would move
//! what the reader knows. Cards already in their layer's band keep their
//! place along it, never trade places with one another, and new cards are
//! fitted in by the same projection, so adding a card moves almost nothing
//! else. Long edges make no room then (two cards a long edge ran between
//! keep the space they have), so laying out again with nothing changed
//! moves nothing. A map never laid out has no order worth keeping: when
//! the kept order crosses far more than a fresh drawing (the better of the
//! two tries of the standard starts), the fresh one is used.
//!
//! [`compact`] is the second style: an org chart folded to an aspect
//! ratio, for maps that layers turn into a ribbon.
//!
//! Both styles finish in `settle`: the drawing goes where the cards were
//! (by the pinned cards, when there are any), pinned cards stay exactly
//! where they are, and any card that would overlap one is pushed along its
//! layer until clear.
//!
//! Nothing here knows egui; [`crossings`] measures results the same way for
//! our layout and for Graphviz `dot`, and measures how far a re-layout
//! moved the cards.

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
