//! Putting a finished drawing on the board: where it goes, and room made
//! for pinned cards.

use super::layered::median;
use super::options::Flow;
use crate::model::{Document, Node, NodeId, Point};
use std::collections::{BTreeSet, HashMap};

/// The cards a layout works on, those in `subset` (all when `None`), and
/// each one's index among them.
pub(super) fn chosen<'a>(
    doc: &'a Document,
    subset: Option<&BTreeSet<NodeId>>,
) -> (Vec<&'a Node>, HashMap<NodeId, usize>) {
    let nodes: Vec<&Node> = doc
        .nodes
        .iter()
        .filter(|n| subset.is_none_or(|s| s.contains(&n.id)))
        .collect();
    let index = nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    (nodes, index)
}

/// What a layout moves: every chosen card but the pinned ones, from flow
/// space (along the layers, across them) back to the board.
pub(super) fn moves(nodes: &[&Node], placed: Vec<(f32, f32)>, flow: Flow) -> Vec<(NodeId, Point)> {
    nodes
        .iter()
        .zip(placed)
        .filter(|(node, _)| !node.pinned)
        .map(|(node, (a, b))| {
            let (x, y) = match flow {
                Flow::Down => (a, b),
                Flow::Right => (b, a),
            };
            (node.id, Point::new(x, y))
        })
        .collect()
}

/// What settling needs to know of each card, in flow space (along the
/// layers, across them).
pub(super) struct Cards<'a> {
    /// Top-left corners now.
    pub now: &'a [(f32, f32)],
    pub pinned: &'a [bool],
    /// Size along the layers.
    pub along: &'a [f32],
    /// Size across the layers.
    pub across: &'a [f32],
}

/// Where a drawing goes on the board.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Anchor {
    /// It is already where the cards were (the layered layout keeping its
    /// order places each card in the board's frame).
    AsPlaced,
    /// Shifted so the cards move least (the median shift).
    Cards,
    /// Where the group's top-left corner was.
    Corner,
}

/// A shift on a grid of sixteenths, which f32 holds exactly: a drawing
/// laid out again as it is gets the same shift back, not one a rounding
/// off.
pub(super) fn snap(d: f32) -> f32 {
    (d * 16.0).round() / 16.0
}

/// How close cards may be: nearer than `near` counts as overlapping (the
/// closest a layout puts two cards, less a rounding margin), and a card
/// pushed clear gets `push` beside the one it met.
#[derive(Clone, Copy)]
pub(super) struct Gap {
    pub near: f32,
    pub push: f32,
}

/// Moves the drawing (top-left corners, in flow space) to where it belongs
/// on the board, then makes room for pinned cards.
///
/// With pins, and unless already placed, the drawing is shifted so the
/// pinned cards land as near their laid-out places as possible (the median
/// shift, which one far pin cannot drag); otherwise as `anchor` says.
/// Pinned cards then go back where they are, and any card that would
/// overlap one, or another card moved to make room, is pushed along its
/// layer until clear.
pub(super) fn settle(placed: &mut [(f32, f32)], cards: &Cards, anchor: Anchor, gap: Gap) {
    let pins: Vec<usize> = (0..placed.len()).filter(|&i| cards.pinned[i]).collect();
    let median_of = |of: &[usize], placed: &[(f32, f32)]| {
        (
            median(of.iter().map(|&i| cards.now[i].0 - placed[i].0)),
            median(of.iter().map(|&i| cards.now[i].1 - placed[i].1)),
        )
    };
    let shift = match anchor {
        Anchor::AsPlaced => (0.0, 0.0),
        _ if !pins.is_empty() => median_of(&pins, placed),
        Anchor::Cards => median_of(&(0..placed.len()).collect::<Vec<_>>(), placed),
        Anchor::Corner => {
            let min = |f: fn(&(f32, f32)) -> f32, of: &[(f32, f32)]| {
                of.iter().map(f).fold(f32::INFINITY, f32::min)
            };
            (
                min(|p| p.0, cards.now) - min(|p| p.0, placed),
                min(|p| p.1, cards.now) - min(|p| p.1, placed),
            )
        }
    };
    let shift = (snap(shift.0), snap(shift.1));
    for p in placed.iter_mut() {
        p.0 += shift.0;
        p.1 += shift.1;
    }
    for &i in &pins {
        placed[i] = cards.now[i];
    }
    clear(placed, cards, gap);
}

/// Pushes cards along their layer, in order, until none overlaps a pinned
/// card or a card placed before it. Boxes are looked up in a grid of cells
/// as large as the largest card, so each card is tested against its
/// neighbours only. A card only ever moves forward, away from those placed
/// before it.
fn clear(placed: &mut [(f32, f32)], cards: &Cards, gap: Gap) {
    let Gap { near, push: gap } = gap;
    let n = placed.len();
    let cell = cards
        .along
        .iter()
        .chain(cards.across)
        .fold(1.0f32, |a, &b| a.max(b))
        + gap;
    let key = |x: f32, y: f32| ((x / cell).floor() as i64, (y / cell).floor() as i64);
    let mut grid: std::collections::HashMap<(i64, i64), Vec<usize>> = Default::default();
    let add =
        |grid: &mut std::collections::HashMap<(i64, i64), Vec<usize>>, i: usize, p: (f32, f32)| {
            let (x0, y0) = key(p.0, p.1);
            let (x1, y1) = key(p.0 + cards.along[i], p.1 + cards.across[i]);
            for cx in x0..=x1 {
                for cy in y0..=y1 {
                    grid.entry((cx, cy)).or_default().push(i);
                }
            }
        };
    let mut order: Vec<usize> = (0..n).filter(|&i| !cards.pinned[i]).collect();
    order.sort_by(|&a, &b| placed[a].0.total_cmp(&placed[b].0).then(a.cmp(&b)));
    for i in (0..n).filter(|&i| cards.pinned[i]) {
        add(&mut grid, i, placed[i]);
    }
    for i in order {
        loop {
            let (x0, y0) = placed[i];
            let (x1, y1) = (x0 + cards.along[i], y0 + cards.across[i]);
            let (k0, l0) = key(x0 - gap, y0 - gap);
            let (k1, l1) = key(x1 + gap, y1 + gap);
            let mut hit: Option<usize> = None;
            'cells: for cx in k0..=k1 {
                for cy in l0..=l1 {
                    for &o in grid.get(&(cx, cy)).map_or(&[][..], Vec::as_slice) {
                        let (a0, b0) = placed[o];
                        let (a1, b1) = (a0 + cards.along[o], b0 + cards.across[o]);
                        if x0 < a1 + near && a0 < x1 + near && y0 < b1 + near && b0 < y1 + near {
                            hit = Some(o);
                            break 'cells;
                        }
                    }
                }
            }
            match hit {
                Some(o) => placed[i].0 = placed[o].0 + cards.along[o] + gap,
                None => break,
            }
        }
        add(&mut grid, i, placed[i]);
    }
}
