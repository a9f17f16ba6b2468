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
//! near the aspect ratio asked for that Fit can show largest. Keeping the order, children keep their order on
//! the board and the fold width is the drawing's own, so a small change
//! reflows only its own subtree and pushes the rest a little.

use super::layered::{acyclic_edges, median, ranks};
use super::options::{Flow, LayoutOptions};
use super::settle;
use crate::model::{Document, NodeId, Point};
use std::collections::BTreeSet;

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
/// Fold widths tried, spaced evenly in ratio from narrowest to widest.
const FOLDS: usize = 32;
/// Shelf heights tried for the roots' trees.
const HEIGHTS: usize = 24;

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

/// Ways kept per subtree: the narrowest-for-its-height few, spread over
/// shapes from tall to wide.
const WAYS: usize = 32;
/// Width or height limits tried per subtree when combining its children.
const LIMITS: usize = 48;

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

/// The tree Compact draws, before any subtree is drawn apart: each card's
/// parent is the card it rests on in the nearest tier above (the first
/// such edge); cards resting on nothing are roots. Children are in
/// document order, or left to right as drawn now when `now` is given.
struct Tree {
    size: Vec<(f32, f32)>,
    parent: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
    roots: Vec<usize>,
}

fn tree(
    size: Vec<(f32, f32)>,
    edges: &[(usize, usize)],
    rank: &[usize],
    now: Option<&[(f32, f32)]>,
) -> Tree {
    let n = size.len();
    let mut parent: Vec<Option<usize>> = vec![None; n];
    for &(cause, effect) in edges {
        let nearer = parent[cause].is_none_or(|p| rank[effect] > rank[p]);
        if nearer {
            parent[cause] = Some(effect);
        }
    }
    let mut children = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (v, p) in parent.iter().enumerate() {
        match p {
            Some(p) => children[*p].push(v),
            None => roots.push(v),
        }
    }
    if let Some(now) = now {
        // Rows read left to right, columns top to bottom.
        for kids in &mut children {
            let _ = in_reading_order(kids, |v| now[v].0, |v| now[v].1);
        }
    }
    Tree {
        size,
        parent,
        children,
        roots,
    }
}

/// The forest drawn: `tree` with each subtree `apart` says drawn as a tree
/// of its own, next after the tree it belongs to (or, with `now`, shelves
/// read top to bottom and then left to right, as they are drawn now).
fn forest(tree: &Tree, apart: &[bool], now: Option<&[(f32, f32)]>) -> Forest {
    let n = tree.size.len();
    let children: Vec<Vec<usize>> = tree
        .children
        .iter()
        .map(|kids| kids.iter().copied().filter(|&c| !apart[c]).collect())
        .collect();
    let mut roots = Vec::new();
    let mut stack: Vec<usize> = tree.roots.iter().rev().copied().collect();
    while let Some(v) = stack.pop() {
        if tree.parent[v].is_none() || apart[v] {
            roots.push(v);
        }
        stack.extend(tree.children[v].iter().rev());
    }
    let mut shelf_breaks = Vec::new();
    if let Some(now) = now {
        let groups = in_reading_order(&mut roots, |v| now[v].1, |v| now[v].0);
        shelf_breaks = (0..groups.len())
            .map(|i| i > 0 && groups[i] != groups[i - 1])
            .collect();
    }
    // Ranks make the parent links acyclic, so every card is reached.
    let mut post_order = Vec::with_capacity(n);
    let mut stack: Vec<(usize, bool)> = roots.iter().rev().map(|&r| (r, false)).collect();
    while let Some((v, done)) = stack.pop() {
        if done {
            post_order.push(v);
            continue;
        }
        stack.push((v, true));
        stack.extend(children[v].iter().rev().map(|&c| (c, false)));
    }
    Forest {
        size: tree.size.clone(),
        children,
        roots,
        post_order,
        shelf_breaks,
    }
}

/// Sorts `items` by `first`, those within half a unit of each other (a
/// column, or a shelf, give or take a pinned card's rounding) by `then`.
fn in_reading_order(
    items: &mut Vec<usize>,
    first: impl Fn(usize) -> f32,
    then: impl Fn(usize) -> f32,
) -> Vec<usize> {
    items.sort_by(|&a, &b| first(a).total_cmp(&first(b)));
    let mut group = 0usize;
    let mut keyed: Vec<(usize, usize)> = Vec::with_capacity(items.len());
    for (i, &v) in items.iter().enumerate() {
        if i > 0 && first(v) - first(items[i - 1]) > 0.5 {
            group += 1;
        }
        keyed.push((group, v));
    }
    keyed.sort_by(|&(ga, a), &(gb, b)| ga.cmp(&gb).then(then(a).total_cmp(&then(b))));
    let groups = keyed.iter().map(|&(g, _)| g).collect();
    *items = keyed.into_iter().map(|(_, v)| v).collect();
    groups
}

/// Every subtree's ways, children first. With `fixed`, each card's
/// children sit only as given (keeping a drawing); otherwise every way is
/// weighed and only those no other way beats in both width and height are
/// kept.
fn ways(f: &Forest, fixed: Option<&[Arrange]>) -> Vec<Vec<Way>> {
    let mut out: Vec<Vec<Way>> = vec![Vec::new(); f.size.len()];
    for &v in &f.post_order {
        let (w, h) = f.size[v];
        let kids = &f.children[v];
        if kids.is_empty() {
            out[v] = vec![Way {
                w,
                h,
                arrange: Arrange::Hang,
                picks: Vec::new(),
                root_dx: 0.0,
                split: 0,
            }];
            continue;
        }
        let leaves_only = kids.len() >= 2 && kids.iter().all(|&c| f.children[c].is_empty());
        let mut found = Vec::new();
        let arranges: &[Arrange] = match fixed {
            Some(fixed) if fixed[v] == Arrange::Sides && leaves_only => &[],
            // A column of leaves that one of them now rests on stays a column.
            Some(fixed) if fixed[v] != Arrange::Row => &[Arrange::Hang],
            Some(_) => &[Arrange::Row],
            None => &[Arrange::Hang, Arrange::Row],
        };
        if leaves_only && fixed.is_none_or(|fixed| fixed[v] == Arrange::Sides) {
            found.push(sides(f, v));
        }
        for &arrange in arranges {
            // Each limit is a child width (hanging: every child as short as
            // fits that width) or a child height (a row: every child as
            // narrow as fits under that height).
            let mut limits: Vec<f32> = kids
                .iter()
                .flat_map(|&c| {
                    out[c].iter().map(move |way| match arrange {
                        Arrange::Row => way.h,
                        _ => way.w,
                    })
                })
                .collect();
            limits.sort_by(f32::total_cmp);
            limits.dedup();
            for limit in thin(&limits, LIMITS) {
                let picks: Vec<u16> = kids
                    .iter()
                    .map(|&c| pick(&out[c], arrange, limit) as u16)
                    .collect();
                let chosen = || kids.iter().zip(&picks).map(|(&c, &p)| &out[c][p as usize]);
                let way = match arrange {
                    Arrange::Row => Way {
                        w: w.max(
                            chosen().map(|c| c.w).sum::<f32>()
                                + SIBLING_GAP * (kids.len() - 1) as f32,
                        ),
                        h: h + ROW_GAP + chosen().map(|c| c.h).fold(0.0, f32::max),
                        arrange,
                        picks,
                        root_dx: 0.0,
                        split: 0,
                    },
                    _ => Way {
                        w: w.max(INDENT + chosen().map(|c| c.w).fold(0.0, f32::max)),
                        h: h + chosen().map(|c| STACK_GAP + c.h).sum::<f32>(),
                        arrange,
                        picks,
                        root_dx: 0.0,
                        split: 0,
                    },
                };
                found.push(way);
            }
        }
        out[v] = pareto(found);
    }
    out
}

/// `v`'s leaves in two columns either side of the line down from its
/// middle, split where the taller column is shortest (the order kept:
/// down the left column, then down the right).
fn sides(f: &Forest, v: usize) -> Way {
    let (w, h) = f.size[v];
    let kids = &f.children[v];
    let tall = |of: &[usize]| of.iter().map(|&c| STACK_GAP + f.size[c].1).sum::<f32>();
    let split = (1..kids.len())
        .min_by(|&a, &b| {
            let m = |s: usize| tall(&kids[..s]).max(tall(&kids[s..]));
            m(a).total_cmp(&m(b))
        })
        .unwrap_or(1);
    let wide = |of: &[usize]| of.iter().map(|&c| f.size[c].0).fold(0.0, f32::max);
    let (left, right) = (wide(&kids[..split]), wide(&kids[split..]));
    // The left column's right edge: far enough out that the card, centred
    // on the line, starts inside the box.
    let edge = left.max(w / 2.0 - SIDE_GAP / 2.0);
    let root_dx = edge + SIDE_GAP / 2.0 - w / 2.0;
    Way {
        w: (edge + SIDE_GAP + right).max(root_dx + w),
        h: h + tall(&kids[..split]).max(tall(&kids[split..])),
        arrange: Arrange::Sides,
        picks: vec![0; kids.len()],
        root_dx,
        split,
    }
}

/// At most `n` of `sorted`, evenly spread, the first and last kept.
fn thin(sorted: &[f32], n: usize) -> Vec<f32> {
    if sorted.len() <= n {
        return sorted.to_vec();
    }
    (0..n)
        .map(|i| sorted[i * (sorted.len() - 1) / (n - 1)])
        .collect()
}

/// The child's way to use under `limit`: hanging, the shortest no wider
/// than it; in a row, the narrowest no taller. If none fits, the one that
/// comes closest.
fn pick(ways: &[Way], arrange: Arrange, limit: f32) -> usize {
    // (what the limit bounds, what to make least)
    let measure = |w: &Way| match arrange {
        Arrange::Row => (w.h, w.w),
        _ => (w.w, w.h),
    };
    let least = |of: &mut dyn Iterator<Item = usize>, key: &dyn Fn(usize) -> f32| {
        of.min_by(|&a, &b| key(a).total_cmp(&key(b)))
    };
    // A hanging child's card must sit at the column's indent, where the
    // line down the indent meets it: no way that centres its card.
    let usable = |i: &usize| arrange != Arrange::Hang || ways[*i].root_dx == 0.0;
    let any_usable = (0..ways.len()).any(|i| usable(&i));
    let candidates = || (0..ways.len()).filter(move |i| !any_usable || usable(i));
    least(
        &mut candidates().filter(|&i| measure(&ways[i]).0 <= limit),
        &|i| measure(&ways[i]).1,
    )
    .or_else(|| least(&mut candidates(), &|i| measure(&ways[i]).0))
    .expect("a subtree has a way")
}

/// The ways no other beats in both width and height, at most [`WAYS`] of
/// them, spread from tall to wide.
fn pareto(mut found: Vec<Way>) -> Vec<Way> {
    found.sort_by(|a, b| a.w.total_cmp(&b.w).then(a.h.total_cmp(&b.h)));
    let mut front: Vec<Way> = Vec::new();
    for way in found {
        if front.last().is_none_or(|last| way.h < last.h - 0.5) {
            front.push(way);
        }
    }
    if front.len() <= WAYS {
        return front;
    }
    let last = front.len() - 1;
    (0..WAYS)
        .map(|i| front[i * last / (WAYS - 1)].clone())
        .collect()
}

/// The roots' subtrees, each drawn the way `choice` says, in shelves no
/// wider than `fold`: each box's top-left corner, and the whole drawing's
/// width and height.
fn shelves(f: &Forest, boxes: &[(f32, f32)], fold: Fold) -> (Vec<(f32, f32)>, f32, f32) {
    let mut at = Vec::with_capacity(f.roots.len());
    let (mut x, mut y, mut shelf_h, mut width) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
    for (i, &(w, h)) in boxes.iter().enumerate() {
        let new_shelf = match fold {
            Fold::Width(fold) => x > 0.0 && x + w > fold,
            Fold::AsNow => f.shelf_breaks.get(i).copied().unwrap_or(false),
        };
        if new_shelf {
            y += shelf_h + SIBLING_GAP;
            (x, shelf_h) = (0.0, 0.0);
        }
        at.push((x, y));
        width = width.max(x + w);
        shelf_h = shelf_h.max(h);
        x += w + SIBLING_GAP;
    }
    (at, width, y + shelf_h)
}

/// Where shelves break: past a width, or where they break now.
#[derive(Clone, Copy, Debug)]
enum Fold {
    Width(f32),
    AsNow,
}

/// Each root's box, drawn the way `picks` says.
fn root_boxes(f: &Forest, ways: &[Vec<Way>], picks: &[usize]) -> Vec<(f32, f32)> {
    f.roots
        .iter()
        .zip(picks)
        .map(|(&r, &p)| (ways[r][p].w, ways[r][p].h))
        .collect()
}

/// How far `w` × `h` is from `aspect`, as a factor (1 = exactly).
fn miss(w: f32, h: f32, aspect: f32) -> f32 {
    let ratio = w / h.max(1.0);
    (ratio / aspect).max(aspect / ratio)
}

/// Near enough the aspect asked for that a drawing Fit can show larger is
/// worth more than a closer shape.
const GOOD_ENOUGH: f32 = 1.45;

/// Keeping the drawing, any candidate this near the shape asked for may
/// win on how many cards stay put: the bound Compact promises.
const KEEP_ENOUGH: f32 = 1.5;

/// A drawing of the whole forest: each root's way and the fold width.
struct Plan {
    picks: Vec<usize>,
    fold: Fold,
}

/// The drawing nearest `aspect`, as small as can be once near enough:
/// the roots' ways and fold width tried together (with `as_now`, the
/// shelves as they are now), and how far the result is from `aspect`.
fn plan(f: &Forest, ways: &[Vec<Way>], aspect: f32, as_now: bool) -> (Plan, Fitted) {
    let mut best: Option<(Plan, (bool, f32, f32))> = None;
    // Each root takes the way nearest one shape, from tall to wide; then
    // the fold widths are tried for that choice.
    let shapes: Vec<f32> = (0..13)
        .map(|i| aspect * 2f32.powf((i as f32 - 6.0) / 2.0))
        .collect();
    let by_shape = shapes.into_iter().map(|shape| {
        f.roots
            .iter()
            .map(|&r| {
                (0..ways[r].len())
                    .min_by(|&a, &b| {
                        let m = |i: usize| miss(ways[r][i].w, ways[r][i].h, shape);
                        m(a).total_cmp(&m(b))
                    })
                    .expect("a root has a way")
            })
            .collect::<Vec<usize>>()
    });
    // Or each root takes its narrowest way under one height, so that the
    // trees on a shelf are about as tall as one another.
    let mut heights: Vec<f32> = f
        .roots
        .iter()
        .flat_map(|&r| ways[r].iter().map(|w| w.h))
        .collect();
    heights.sort_by(f32::total_cmp);
    heights.dedup();
    let by_height = thin(&heights, HEIGHTS).into_iter().map(|limit| {
        f.roots
            .iter()
            .map(|&r| pick(&ways[r], Arrange::Row, limit))
            .collect::<Vec<usize>>()
    });
    for picks in by_shape.chain(by_height) {
        let boxes = root_boxes(f, ways, &picks);
        let folds: Vec<Fold> = match as_now {
            true => vec![Fold::AsNow],
            false => {
                let narrowest = boxes.iter().map(|b| b.0).fold(1.0, f32::max);
                let widest = boxes
                    .iter()
                    .map(|b| b.0 + SIBLING_GAP)
                    .sum::<f32>()
                    .max(narrowest);
                let step = (widest / narrowest).powf(1.0 / (FOLDS - 1) as f32);
                (0..FOLDS)
                    .map(|i| Fold::Width(narrowest * step.powi(i as i32)))
                    .collect()
            }
        };
        for fold in folds {
            let (_, w, h) = shelves(f, &boxes, fold);
            let m = miss(w, h, aspect);
            // Good enough shapes compete on how large Fit can show them
            // in a window of that aspect (the height they need at its
            // width); the rest on shape.
            let fitted = (w / aspect).max(h);
            let score = (
                m > GOOD_ENOUGH,
                if m > GOOD_ENOUGH { m } else { fitted },
                fitted,
            );
            if best.as_ref().is_none_or(|(_, b)| score < *b) {
                best = Some((
                    Plan {
                        picks: picks.clone(),
                        fold,
                    },
                    score,
                ));
            }
        }
    }
    let (plan, (_, _, _)) = best.expect("at least one shape");
    let boxes = root_boxes(f, ways, &plan.picks);
    let (_, w, h) = shelves(f, &boxes, plan.fold);
    let fitted = Fitted {
        miss: miss(w, h, aspect),
        height: (w / aspect).max(h),
    };
    (plan, fitted)
}

/// How a drawing fits a window of the aspect asked for.
#[derive(Clone, Copy, Debug)]
struct Fitted {
    /// How far from the aspect, as a factor.
    miss: f32,
    /// The height of the smallest such window that holds it: Fit shows it
    /// larger the less this is.
    height: f32,
}

impl Fitted {
    /// Whether `self` is the better drawing by the same rule `plan` uses,
    /// by more than a factor of `by` in height.
    fn beats(self, other: Fitted, by: f32) -> bool {
        match (self.miss > GOOD_ENOUGH, other.miss > GOOD_ENOUGH) {
            (false, true) => true,
            (true, false) => false,
            (true, true) => self.miss * by < other.miss,
            (false, false) => self.height * by < other.height,
        }
    }
}

/// Smallest subtree worth drawing apart from its parent.
const PIECE_MIN: usize = 3;
/// How much larger Fit must show the drawing for each subtree drawn apart:
/// each costs the reader an edge drawn as a curve instead of a bus.
const PIECE_GAIN: f32 = 1.03;
/// Subtrees tried each round, spread over sizes.
const PIECE_TRIES: usize = 24;
/// Cards drawn, all told, while searching (about one drawing at 60,000
/// cards, a thousand at 60).
const PIECE_WORK: usize = 20_000;

/// Which subtrees to draw as trees of their own, beginning with those in
/// `start`: a deep tree drawn as one is a staircase, with the corners
/// beside it empty, and drawn as a few pieces on shelves it fills the
/// screen. Greedy: each round draws apart the one subtree that makes the
/// drawing fit best, while that gains enough.
fn pieces(tree: &Tree, start: Vec<bool>, now: Option<&[(f32, f32)]>, aspect: f32) -> Vec<bool> {
    let n = tree.size.len();
    let fitted = |apart: &[bool]| {
        let f = forest(tree, apart, now);
        let ways = ways(&f, None);
        plan(&f, &ways, aspect, false).1
    };
    let mut best = start;
    let mut best_fit = fitted(&best);
    let mut work = n;
    loop {
        let f = forest(tree, &best, now);
        let mut size = vec![1usize; n];
        for &v in &f.post_order {
            size[v] += f.children[v].iter().map(|&c| size[c]).sum::<usize>();
        }
        let mut candidates: Vec<usize> = (0..n)
            .filter(|&v| tree.parent[v].is_some() && !best[v] && size[v] >= PIECE_MIN)
            .collect();
        candidates.sort_by_key(|&v| size[v]);
        if candidates.len() > PIECE_TRIES {
            let last = candidates.len() - 1;
            candidates = (0..PIECE_TRIES)
                .map(|i| candidates[i * last / (PIECE_TRIES - 1)])
                .collect();
        }
        let mut round: Option<(usize, Fitted)> = None;
        for v in candidates {
            if work + n > PIECE_WORK {
                break;
            }
            work += n;
            best[v] = true;
            let fit = fitted(&best);
            best[v] = false;
            if round.is_none_or(|(_, r)| fit.beats(r, 1.0)) {
                round = Some((v, fit));
            }
        }
        match round {
            Some((v, fit)) if fit.beats(best_fit, PIECE_GAIN) => {
                best[v] = true;
                best_fit = fit;
            }
            _ => return best,
        }
    }
}

/// How each card's children sit now, read back from the board: hanging
/// when every child is below it at the column's indent.
fn arrangement(f: &Forest, now: &[(f32, f32)], loose: &[bool]) -> Vec<Arrange> {
    (0..f.size.len())
        .map(|v| {
            let below = |c: usize| now[c].1 >= now[v].1 + f.size[v].1 - 0.5;
            // A card just added sits anywhere: the others say how its
            // siblings sit.
            let placed: Vec<usize> = f.children[v]
                .iter()
                .copied()
                .filter(|&c| !loose[c])
                .collect();
            let kids = if placed.is_empty() {
                &f.children[v]
            } else {
                &placed
            };
            let hanging = kids
                .iter()
                .all(|&c| below(c) && (now[c].0 - now[v].0 - INDENT).abs() < 0.5);
            let middle = now[v].0 + f.size[v].0 / 2.0;
            let beside = kids.iter().all(|&c| {
                below(c)
                    && ((now[c].0 + f.size[c].0 - (middle - SIDE_GAP / 2.0)).abs() < 0.5
                        || (now[c].0 - (middle + SIDE_GAP / 2.0)).abs() < 0.5)
            });
            // A card joining a single child under its parent hangs under
            // it: that moves the child a little, where a row would push
            // everything beside it a card's width.
            let joins_one = placed.len() == 1 && f.children[v].len() >= 2;
            if f.children[v].len() >= 2 && beside {
                Arrange::Sides
            } else if hanging || joins_one {
                Arrange::Hang
            } else {
                Arrange::Row
            }
        })
        .collect()
}

/// How the board is drawn now, read back from where the cards are.
struct AsNow {
    /// Subtrees drawn apart: a card that is not where any arrangement under
    /// its parent would put it, while a card of its own is where one under
    /// it would.
    apart: Vec<bool>,
    /// Cards just added: not where any arrangement would put them, with
    /// nothing resting on them yet. They are drawn with their parent, and
    /// say nothing about how their siblings sit.
    loose: Vec<bool>,
}

/// A map not drawn by Compact has nothing drawn apart and nothing loose.
fn as_now(tree: &Tree, now: &[(f32, f32)]) -> AsNow {
    let n = tree.size.len();
    let attached = |c: usize| {
        let Some(p) = tree.parent[c] else {
            return false;
        };
        let ((px, py), (cx, cy)) = (now[p], now[c]);
        let (pw, ph) = tree.size[p];
        let below = cy >= py + ph - 0.5;
        let row = (cy - (py + ph + ROW_GAP)).abs() < 0.5;
        let hang = below && (cx - px - INDENT).abs() < 0.5;
        let middle = px + pw / 2.0;
        let sides = below
            && ((cx + tree.size[c].0 - (middle - SIDE_GAP / 2.0)).abs() < 0.5
                || (cx - (middle + SIDE_GAP / 2.0)).abs() < 0.5);
        row || hang || sides
    };
    let attached: Vec<bool> = (0..n).map(attached).collect();
    let with_parent = tree.parent.iter().filter(|p| p.is_some()).count();
    if attached.iter().filter(|&&a| a).count() * 2 < with_parent {
        return AsNow {
            apart: vec![false; n],
            loose: vec![false; n],
        };
    }
    let (apart, loose) = (0..n)
        .map(|v| {
            let off = tree.parent[v].is_some() && !attached[v];
            let holds = tree.children[v].iter().any(|&c| attached[c]);
            (off && holds, off && !holds)
        })
        .unzip();
    AsNow { apart, loose }
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
