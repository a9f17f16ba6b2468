//! The whole drawing: each root tree's way, the shelves they sit on, and
//! which subtrees are drawn apart.

use super::tree::{Tree, forest};
use super::ways::{pick, thin, ways};
use super::{Arrange, Forest, SIBLING_GAP, Way};

/// Fold widths tried, spaced evenly in ratio from narrowest to widest.
const FOLDS: usize = 32;
/// Shelf heights tried for the roots' trees.
const HEIGHTS: usize = 24;

/// The roots' subtrees, each drawn the way `choice` says, in shelves no
/// wider than `fold`: each box's top-left corner, and the whole drawing's
/// width and height.
pub(super) fn shelves(f: &Forest, boxes: &[(f32, f32)], fold: Fold) -> (Vec<(f32, f32)>, f32, f32) {
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
pub(super) enum Fold {
    Width(f32),
    AsNow,
}

/// Each root's box, drawn the way `picks` says.
pub(super) fn root_boxes(f: &Forest, ways: &[Vec<Way>], picks: &[usize]) -> Vec<(f32, f32)> {
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
pub(super) const KEEP_ENOUGH: f32 = 1.5;

/// A drawing of the whole forest: each root's way and the fold width.
pub(super) struct Plan {
    pub(super) picks: Vec<usize>,
    pub(super) fold: Fold,
}

/// The drawing nearest `aspect`, as small as can be once near enough:
/// the roots' ways and fold width tried together (with `as_now`, the
/// shelves as they are now), and how far the result is from `aspect`.
pub(super) fn plan(f: &Forest, ways: &[Vec<Way>], aspect: f32, as_now: bool) -> (Plan, Fitted) {
    let mut best: Option<(Plan, Fitted)> = None;
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
            let fitted = Fitted::of(w, h, aspect);
            if best
                .as_ref()
                .is_none_or(|(_, b)| fitted.score() < b.score())
            {
                best = Some((
                    Plan {
                        picks: picks.clone(),
                        fold,
                    },
                    fitted,
                ));
            }
        }
    }
    best.expect("at least one shape")
}

/// How a drawing fits a window of the aspect asked for.
#[derive(Clone, Copy, Debug)]
pub(super) struct Fitted {
    /// How far from the aspect, as a factor.
    pub(super) miss: f32,
    /// The height of the smallest such window that holds it: Fit shows it
    /// larger the less this is.
    pub(super) height: f32,
}

impl Fitted {
    fn of(w: f32, h: f32, aspect: f32) -> Fitted {
        Fitted {
            miss: miss(w, h, aspect),
            height: (w / aspect).max(h),
        }
    }

    /// Less is better. Good enough shapes compete on how large Fit can
    /// show them in a window of that aspect (the height they need at its
    /// width); the rest on shape.
    fn score(self) -> (bool, f32, f32) {
        let far = self.miss > GOOD_ENOUGH;
        (far, if far { self.miss } else { self.height }, self.height)
    }

    /// Whether `self` is the better drawing by [`Fitted::score`], by more
    /// than a factor of `by` in what they compete on.
    fn beats(self, other: Fitted, by: f32) -> bool {
        let (a, b) = (self.score(), other.score());
        if a.0 == b.0 { a.1 * by < b.1 } else { !a.0 }
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
pub(super) fn pieces(
    tree: &Tree,
    start: Vec<bool>,
    now: Option<&[(f32, f32)]>,
    aspect: f32,
) -> Vec<bool> {
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
