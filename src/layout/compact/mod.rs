//! Compact: an org chart folded to fit a screen.
//!
//! A layered layout turns a map of a few wide tiers into a ribbon (54:1 at
//! 300 cards), which Fit can only show at a few percent. Compact instead
//! gives every card one parent, the card it rests on in the nearest tier
//! above, and draws that tree:
//!
//! - cards resting on a card that only leaves rest on hang in a column
//!   under it, indented by [`INDENT`]; the renderer draws those edges as a
//!   line down the indent and into each card (see `render::edges`), so no
//!   edge runs through a card of the column;
//! - other children sit in a row [`ROW_GAP`] under their parent, joined
//!   to it by a bus along the middle of the gap, as in an org chart;
//! - the trees of the outcomes are packed in shelves no wider than the
//!   fold width, each tree drawn as tall as its shelf allows;
//! - a deep tree drawn whole is a staircase with empty corners, so a few
//!   of its subtrees may be drawn apart, as trees of their own on the
//!   shelves, when that lets Fit show the map markedly larger; the edge to
//!   such a subtree is drawn as a curve, like any cross-link.
//!
//! The fold width is searched for, with the trees' shapes: the drawing
//! near the aspect ratio asked for that Fit can show largest. Keeping the
//! order, children keep their order on the board, what is drawn apart
//! stays apart and the shelves stay as they are, so a small change reflows
//! only its own subtree and pushes the rest a little.
//!
//! - [`tree`]: the tree drawn, and the drawing now read back from the board;
//! - [`ways`]: each subtree's ways to be drawn;
//! - [`plan`]: the roots' ways, the shelves, and what is drawn apart.

mod plan;
mod tree;
mod ways;

use super::layered::{acyclic_edges, median, ranks};
use super::options::{Flow, LayoutOptions};
use super::settle;
use crate::model::{Document, NodeId, Point};
use plan::{KEEP_ENOUGH, Plan, pieces, plan, root_boxes, shelves};
use std::collections::BTreeSet;
use tree::{AsNow, arrangement, as_now, forest, tree};
use ways::ways;

/// How far a hanging column is indented from its parent's left edge; the
/// line to each card runs down the middle of it.
pub const INDENT: f32 = 32.0;
/// Between cards (or subtrees) hanging one under another.
const STACK_GAP: f32 = 14.0;
/// Between a card and the row of subtrees under it: room for the edges,
/// which the renderer draws as a bus along the middle of it.
pub const ROW_GAP: f32 = 44.0;
/// Between the two columns of `Sides`: the line down from the card runs
/// along the middle of it.
pub const SIDE_GAP: f32 = 32.0;
/// Between subtrees side by side, and between shelves.
const SIBLING_GAP: f32 = 28.0;

/// How a card's children sit under it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Arrange {
    /// In a column, indented, one under another.
    Hang,
    /// Side by side, in a row under the card.
    Row,
    /// Cards resting on nothing else, in two columns either side of a line
    /// down from the card's middle, as an org chart hangs its leaves.
    Sides,
}

/// One way to draw a subtree: its box, with the root card at the top-left,
/// how the children sit, and which of each child's own ways it uses.
#[derive(Clone, Debug)]
struct Way {
    w: f32,
    h: f32,
    arrange: Arrange,
    picks: Vec<u16>,
    /// How far right of the box's left edge the root card sits (only
    /// `Sides` centres it over its columns).
    root_dx: f32,
    /// With `Sides`, how many children go in the left column.
    split: usize,
}

struct Forest {
    size: Vec<(f32, f32)>,
    children: Vec<Vec<usize>>,
    roots: Vec<usize>,
    /// Children before parents.
    post_order: Vec<usize>,
    /// Keeping the drawing: which roots begin a shelf now (empty from
    /// scratch).
    shelf_breaks: Vec<bool>,
}

/// New top-left positions for the nodes in `subset` (all when `None`),
/// pinned cards left out: they stay where they are.
pub(super) fn layout(
    doc: &Document,
    subset: Option<&BTreeSet<NodeId>>,
    options: &LayoutOptions,
) -> Vec<(NodeId, Point)> {
    let (nodes, index) = settle::chosen(doc, subset);
    if nodes.is_empty() {
        return Vec::new();
    }
    let n = nodes.len();
    let edges = acyclic_edges(doc, &index, n);
    let rank = ranks(n, &edges);
    let now: Vec<(f32, f32)> = nodes.iter().map(|n| (n.pos.x, n.pos.y)).collect();
    let tree = tree(
        nodes.iter().map(|n| (n.size.w, n.size.h)).collect(),
        &edges,
        &rank,
        options.keep_order.then_some(&now[..]),
    );
    let aspect = if options.aspect.is_finite() && options.aspect > 0.0 {
        options.aspect
    } else {
        16.0 / 9.0
    };
    // Keeping the drawing, three candidates: each card's children sitting
    // as they do now, on the shelves they are on now (a small change then
    // reflows only its own subtree), the same at the best width for the
    // shape, and a fresh drawing in the current order. Of those near the
    // shape asked for, the one that leaves most cards where they are wins.
    let mut placed = if options.keep_order {
        let AsNow { apart, loose } = as_now(&tree, &now);
        let as_now = forest(&tree, &apart, Some(&now));
        let fixed = arrangement(&as_now, &now, &loose);
        let kept = ways(&as_now, Some(&fixed));
        let fresh = forest(&tree, &pieces(&tree, apart, Some(&now), aspect), Some(&now));
        let free = ways(&fresh, None);
        let candidates = [
            (&as_now, &kept, plan(&as_now, &kept, aspect, true)),
            (&as_now, &kept, plan(&as_now, &kept, aspect, false)),
            (&fresh, &free, plan(&fresh, &free, aspect, false)),
        ];
        let width = tree.size.iter().map(|s| s.0).sum::<f32>() / n as f32;
        let staying = |placed: &[(f32, f32)]| {
            let shift = (
                median(now.iter().zip(placed).map(|(n, p)| n.0 - p.0)),
                median(now.iter().zip(placed).map(|(n, p)| n.1 - p.1)),
            );
            now.iter()
                .zip(placed)
                .filter(|(n, p)| (n.0 - p.0 - shift.0).hypot(n.1 - p.1 - shift.1) < width)
                .count()
        };
        candidates
            .into_iter()
            .map(|(forest, ways, (plan, fitted))| {
                let placed = place(forest, ways, &plan);
                let stay = staying(&placed);
                (
                    fitted.miss > KEEP_ENOUGH,
                    std::cmp::Reverse(stay),
                    fitted.miss,
                    placed,
                )
            })
            .min_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(a.2.total_cmp(&b.2)))
            .expect("three candidates")
            .3
    } else {
        let forest = forest(&tree, &pieces(&tree, vec![false; n], None, aspect), None);
        let ways = ways(&forest, None);
        let (plan, _) = plan(&forest, &ways, aspect, false);
        place(&forest, &ways, &plan)
    };
    let pinned: Vec<bool> = nodes.iter().map(|n| n.pinned).collect();
    let (along, across): (Vec<f32>, Vec<f32>) = tree.size.iter().copied().unzip();
    settle::settle(
        &mut placed,
        &settle::Cards {
            now: &now,
            pinned: &pinned,
            along: &along,
            across: &across,
        },
        if options.keep_order {
            settle::Anchor::Cards
        } else {
            settle::Anchor::Corner
        },
        settle::Gap {
            near: STACK_GAP - 0.5,
            push: SIBLING_GAP,
        },
    );
    settle::moves(&nodes, placed, Flow::Down)
}

/// Every card's top-left corner, with the drawing's top-left at 0, 0.
fn place(f: &Forest, ways: &[Vec<Way>], plan: &Plan) -> Vec<(f32, f32)> {
    let boxes = root_boxes(f, ways, &plan.picks);
    let (at, _, _) = shelves(f, &boxes, plan.fold);
    let mut out = vec![(0.0, 0.0); f.size.len()];
    let mut stack: Vec<(usize, usize, (f32, f32))> = f
        .roots
        .iter()
        .zip(&plan.picks)
        .zip(at)
        .map(|((&r, &p), at)| (r, p, at))
        .collect();
    while let Some((v, p, (x, y))) = stack.pop() {
        let way = &ways[v][p];
        out[v] = (x + way.root_dx, y);
        let (w, h) = f.size[v];
        let kids = f.children[v].iter().zip(&way.picks);
        match way.arrange {
            Arrange::Hang => {
                let mut cy = y + h + STACK_GAP;
                for (&c, &cp) in kids {
                    stack.push((c, cp as usize, (x + INDENT, cy)));
                    cy += ways[c][cp as usize].h + STACK_GAP;
                }
            }
            Arrange::Row => {
                let mut cx = x;
                for (&c, &cp) in kids {
                    stack.push((c, cp as usize, (cx, y + h + ROW_GAP)));
                    cx += ways[c][cp as usize].w + SIBLING_GAP;
                }
            }
            Arrange::Sides => {
                let line = x + way.root_dx + w / 2.0;
                let (mut left, mut right) = (y + h + STACK_GAP, y + h + STACK_GAP);
                for (i, &c) in f.children[v].iter().enumerate() {
                    let (cw, ch) = f.size[c];
                    if i < way.split {
                        stack.push((c, 0, (line - SIDE_GAP / 2.0 - cw, left)));
                        left += ch + STACK_GAP;
                    } else {
                        stack.push((c, 0, (line + SIDE_GAP / 2.0, right)));
                        right += ch + STACK_GAP;
                    }
                }
            }
        }
    }
    out
}
