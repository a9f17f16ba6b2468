//! A last pass on the finished drawing: swap neighbouring cards in a layer,
//! or slide a card within the free room between its neighbours, when that
//! lowers the number of straight-line crossings.
//!
//! Crossing reduction works on the layered graph, where a long edge is a
//! chain of dummies; the drawing shows it as one straight line, which can
//! cross more or fewer edges than its chain did. This pass counts what the
//! reader sees. Swapping two neighbours moves only their own edges, so the
//! change in crossings is counted for those edges alone, against the edges
//! that span the same gaps between layers. The pair keeps its outer edges
//! and its gap, and a sliding card keeps the layout's gap to its
//! neighbours, so no two cards overlap afterwards.

/// One drawn edge between two real cards: their indices, and the layers
/// it runs between (`top < bottom`).
#[derive(Clone, Copy)]
struct Drawn {
    a: usize,
    b: usize,
    top: usize,
    bottom: usize,
}

/// The cards of one component, as placed.
pub(super) struct Drawing<'a> {
    /// Each card's layer.
    pub layer_of: &'a [usize],
    /// Each card's centre along its layer; updated in place.
    pub centre: &'a mut [f32],
    /// Each card's size along its layer.
    pub size: &'a [f32],
    /// Each layer's centre across the layers.
    pub layer_y: &'a [f32],
    /// The real cards of each layer, in drawing order; updated in place.
    pub layers: Vec<Vec<usize>>,
    /// The least room between two cards of a layer that a card slides
    /// into (cards the coordinates set closer stay as close as they are).
    pub gap: f32,
}

/// Passes over every layer; each stops early once nothing improves.
const PASSES: usize = 4;

/// Edges bucketed by the gap between layers they cross and by columns of
/// the drawing, so a moved edge is tested only against edges passing
/// through the same cells. A crossing is counted in the one cell that holds
/// its crossing point, so no pair is counted twice.
struct Grid {
    x0: f32,
    width: f32,
    cols: usize,
    cells: Vec<Vec<usize>>,
}

impl Grid {
    fn cell(&self, band: usize, col: usize) -> usize {
        band * self.cols + col
    }

    fn col(&self, x: f32) -> usize {
        (((x - self.x0) / self.width).floor().max(0.0) as usize).min(self.cols - 1)
    }

    /// The cells edge `e` passes through, as (band, first col, last col).
    fn span(&self, d: &Drawing, e: &Drawn, band: usize) -> (usize, usize) {
        let (xa, xb) = (x_at(d, e, d.layer_y[band]), x_at(d, e, d.layer_y[band + 1]));
        (self.col(xa.min(xb)), self.col(xa.max(xb)))
    }

    fn place(&mut self, d: &Drawing, drawn: &[Drawn], i: usize, add: bool) {
        let e = drawn[i];
        for band in e.top..e.bottom {
            let (c0, c1) = self.span(d, &e, band);
            for col in c0..=c1 {
                let cell = self.cell(band, col);
                let list = &mut self.cells[cell];
                if add {
                    list.push(i);
                } else if let Some(k) = list.iter().position(|&j| j == i) {
                    list.swap_remove(k);
                }
            }
        }
    }
}

/// Where edge `e` is at height `y`.
fn x_at(d: &Drawing, e: &Drawn, y: f32) -> f32 {
    let (xa, ya) = (d.centre[e.a], d.layer_y[d.layer_of[e.a]]);
    let (xb, yb) = (d.centre[e.b], d.layer_y[d.layer_of[e.b]]);
    if (yb - ya).abs() < f32::EPSILON {
        return xa;
    }
    xa + (xb - xa) * (y - ya) / (yb - ya)
}

/// Grid entries visited per card before the pass stops, keeping what it
/// improved so far. Long cross-links pass through crowded cells, so an
/// exact pass costs seconds at 10,000 cards.
const TESTS_PER_CARD: usize = 2_000;
/// Grid entries visited at most, whatever the size: beyond 1,500 cards the
/// crossing reduction before this pass takes the time (at 3,000 cards the
/// full budget gained 0.3% more on deep maps and nothing on wide ones, for
/// 13 ms more).
const MAX_TESTS: usize = 3_000_000;

/// Swaps neighbours and slides cards while crossings drop. Sliding uses the
/// room long edges' dummies left between cards, where a line can pass on
/// either side of a card. `edges` are the component's
/// edges between cards (local indices), each drawn straight.
pub(super) fn untangle(d: &mut Drawing, edges: &[(usize, usize)]) {
    let bands = d.layer_y.len().saturating_sub(1);
    if bands == 0 || edges.is_empty() || d.centre.is_empty() {
        return;
    }
    let drawn: Vec<Drawn> = edges
        .iter()
        .filter(|(a, b)| d.layer_of[*a] != d.layer_of[*b])
        .map(|&(a, b)| {
            let (la, lb) = (d.layer_of[a], d.layer_of[b]);
            Drawn {
                a,
                b,
                top: la.min(lb),
                bottom: la.max(lb),
            }
        })
        .collect();
    let mut incident: Vec<Vec<usize>> = vec![Vec::new(); d.layer_of.len()];
    for (i, e) in drawn.iter().enumerate() {
        incident[e.a].push(i);
        incident[e.b].push(i);
    }
    // Swaps keep every card inside the pair's old extent, so the drawing's
    // width, and the grid, never grow.
    let x0 = (0..d.centre.len())
        .map(|v| d.centre[v] - d.size[v])
        .fold(f32::INFINITY, f32::min);
    let x1 = (0..d.centre.len())
        .map(|v| d.centre[v] + d.size[v])
        .fold(f32::NEG_INFINITY, f32::max);
    let mean = d.size.iter().sum::<f32>() / d.size.len() as f32;
    let width = mean.max(1.0);
    let cols = (((x1 - x0) / width).ceil() as usize).max(1);
    let mut grid = Grid {
        x0,
        width,
        cols,
        cells: vec![Vec::new(); bands * cols],
    };
    for i in 0..drawn.len() {
        grid.place(d, &drawn, i, true);
    }
    let seen = Seen {
        at: vec![0; drawn.len()],
        stamp: 0,
    };
    let segments: Vec<Segment> = drawn.iter().map(|e| segment(d, e)).collect();
    let mut budget = (TESTS_PER_CARD * d.centre.len()).min(MAX_TESTS);
    let mut pass = Pass {
        drawn: &drawn,
        incident: &incident,
        grid,
        seen,
        segments,
        mine: Vec::new(),
        old: Vec::new(),
        tests: 0,
    };
    'passes: for _ in 0..PASSES {
        let mut improved = false;
        for layer in 0..d.layers.len() {
            for k in 1..d.layers[layer].len() {
                let (u, v) = (d.layers[layer][k - 1], d.layers[layer][k]);
                let (cu, cv) = (d.centre[u], d.centre[v]);
                let left = cu - d.size[u] / 2.0;
                let right = cv + d.size[v] / 2.0;
                let mut swapped = [(u, right - d.size[u] / 2.0), (v, left + d.size[v] / 2.0)];
                if pass.try_move(d, &mut swapped) {
                    d.layers[layer].swap(k - 1, k);
                    improved = true;
                }
                budget = budget.saturating_sub(std::mem::take(&mut pass.tests));
                if budget == 0 {
                    break 'passes;
                }
            }
            for k in 0..d.layers[layer].len() {
                let v = d.layers[layer][k];
                let (lo, hi) = slack(d, layer, k, x0, x1);
                let steps = ((hi - lo) / (width / 2.0)).ceil().min(SLIDE_STEPS as f32) as usize;
                if steps == 0 {
                    continue;
                }
                let mut best = None;
                for step in 0..=steps {
                    let x = lo + (hi - lo) * step as f32 / steps as f32;
                    if (x - d.centre[v]).abs() < 0.5 {
                        continue;
                    }
                    let delta = pass.delta(d, &mut [(v, x)]);
                    if delta < best.map_or(0, |(d, _)| d) {
                        best = Some((delta, x));
                    }
                }
                if let Some((_, x)) = best {
                    pass.apply(d, &[(v, x)]);
                    improved = true;
                }
                budget = budget.saturating_sub(std::mem::take(&mut pass.tests));
                if budget == 0 {
                    break 'passes;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Positions tried across a card's free room in its layer, at most; fewer
/// where the room is under a few card widths.
const SLIDE_STEPS: usize = 8;

/// The room card `k` of `layer` has between its neighbours, as the range
/// of its centre: it keeps the drawing's gap to them, or no more than it
/// has where they already sit closer. The ends of a layer stay inside the
/// drawing's extent.
fn slack(d: &Drawing, layer: usize, k: usize, x0: f32, x1: f32) -> (f32, f32) {
    let row = &d.layers[layer];
    let v = row[k];
    let (c, half) = (d.centre[v], d.size[v] / 2.0);
    let lo = match k.checked_sub(1).map(|j| row[j]) {
        Some(u) => (d.centre[u] + d.size[u] / 2.0 + d.gap + half).min(c),
        None => (x0 + half).min(c),
    };
    let hi = match row.get(k + 1) {
        Some(&w) => (d.centre[w] - d.size[w] / 2.0 - d.gap - half).max(c),
        None => (x1 - half).max(c),
    };
    (lo, hi)
}

/// The state of a pass: where every edge is drawn and which grid cells it
/// is in, both kept current as moves are accepted.
struct Pass<'a> {
    drawn: &'a [Drawn],
    incident: &'a [Vec<usize>],
    grid: Grid,
    seen: Seen,
    segments: Vec<Segment>,
    mine: Vec<usize>,
    old: Vec<Segment>,
    /// Grid entries visited since the caller last took them.
    tests: usize,
}

impl Pass<'_> {
    /// Collects in `mine` the edges of the cards that `moves` moves.
    fn gather(&mut self, moves: &[(usize, f32)]) {
        self.mine.clear();
        for &(v, _) in moves {
            self.mine.extend(&self.incident[v]);
        }
        self.mine.sort_unstable();
        self.mine.dedup();
    }

    /// How the crossings would change if each `(card, centre)` of `moves`
    /// were moved there; the drawing is left as it was. The moves' centres
    /// are exchanged with the drawing's and back, so nothing is allocated
    /// on this, the pass's hot path.
    fn delta(&mut self, d: &mut Drawing, moves: &mut [(usize, f32)]) -> isize {
        self.gather(moves);
        if self.mine.is_empty() {
            return 0;
        }
        self.old.clear();
        self.old.extend(self.mine.iter().map(|&i| self.segments[i]));
        let exchange = |d: &mut Drawing, moves: &mut [(usize, f32)]| {
            for (v, x) in moves.iter_mut() {
                std::mem::swap(&mut d.centre[*v], x);
            }
        };
        exchange(d, moves);
        let (delta, tests) = change(
            d,
            self.drawn,
            &self.grid,
            &self.segments,
            &self.mine,
            &self.old,
            &mut self.seen,
        );
        exchange(d, moves);
        self.tests += tests;
        delta
    }

    /// Makes the moves, keeping the grid and the segments current.
    fn apply(&mut self, d: &mut Drawing, moves: &[(usize, f32)]) {
        self.gather(moves);
        for &i in &self.mine {
            self.grid.place(d, self.drawn, i, false);
        }
        for &(v, x) in moves {
            d.centre[v] = x;
        }
        for &i in &self.mine {
            self.grid.place(d, self.drawn, i, true);
            self.segments[i] = segment(d, &self.drawn[i]);
        }
    }

    /// Makes the moves if they lower the crossings; says whether it did.
    fn try_move(&mut self, d: &mut Drawing, moves: &mut [(usize, f32)]) -> bool {
        if self.delta(d, moves) < 0 {
            self.apply(d, moves);
            true
        } else {
            false
        }
    }
}

type Segment = ((f32, f32), (f32, f32));

/// Marks the edges already tested against one moved edge; a new stamp per
/// moved edge clears every mark at once.
struct Seen {
    at: Vec<u64>,
    stamp: u64,
}

fn segment(d: &Drawing, e: &Drawn) -> Segment {
    let point = |v: usize| (d.centre[v], d.layer_y[d.layer_of[v]]);
    (point(e.a), point(e.b))
}

/// How the crossings change when the edges of `mine` (sorted) move from
/// `old` to where they are now, and how many tests that took. An edge can
/// only start or stop crossing another that passes through the sliver it
/// swept, so only edges in the grid cells of that sliver are tested.
fn change(
    d: &Drawing,
    drawn: &[Drawn],
    grid: &Grid,
    segments: &[Segment],
    mine: &[usize],
    old: &[Segment],
    seen: &mut Seen,
) -> (isize, usize) {
    let shares = |e: &Drawn, f: &Drawn| e.a == f.a || e.a == f.b || e.b == f.a || e.b == f.b;
    let crosses = |s: Segment, t: Segment| cross(s.0, s.1, t.0, t.1).is_some();
    let mut delta = 0isize;
    let mut tests = 0usize;
    for (n, &i) in mine.iter().enumerate() {
        let e = drawn[i];
        let now = segment(d, &e);
        for (m, &j) in mine.iter().enumerate().skip(n + 1) {
            let f = drawn[j];
            if !shares(&e, &f) {
                delta += isize::from(crosses(now, segment(d, &f)))
                    - isize::from(crosses(old[n], old[m]));
            }
        }
        if now == old[n] {
            continue;
        }
        let x_then = |y: f32| {
            let ((xa, ya), (xb, yb)) = old[n];
            xa + (xb - xa) * (y - ya) / (yb - ya)
        };
        // Mine are compared above; marking them seen skips them below.
        seen.stamp += 1;
        for &j in mine {
            seen.at[j] = seen.stamp;
        }
        for band in e.top..e.bottom {
            let (y0, y1) = (d.layer_y[band], d.layer_y[band + 1]);
            let xs = [x_then(y0), x_then(y1), x_at(d, &e, y0), x_at(d, &e, y1)];
            let lo = xs.iter().copied().fold(f32::INFINITY, f32::min);
            let hi = xs.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            for col in grid.col(lo)..=grid.col(hi) {
                let cell = &grid.cells[grid.cell(band, col)];
                tests += cell.len();
                for &j in cell {
                    if seen.at[j] == seen.stamp {
                        continue;
                    }
                    seen.at[j] = seen.stamp;
                    let f = drawn[j];
                    if shares(&e, &f) {
                        continue;
                    }
                    let other = segments[j];
                    delta += isize::from(crosses(now, other)) - isize::from(crosses(old[n], other));
                }
            }
        }
    }
    (delta, tests)
}

/// Where two segments properly cross, if they do.
fn cross(p1: (f32, f32), p2: (f32, f32), q1: (f32, f32), q2: (f32, f32)) -> Option<(f32, f32)> {
    let orient = |a: (f32, f32), b: (f32, f32), c: (f32, f32)| {
        (f64::from(b.0) - f64::from(a.0)) * (f64::from(c.1) - f64::from(a.1))
            - (f64::from(b.1) - f64::from(a.1)) * (f64::from(c.0) - f64::from(a.0))
    };
    let (d1, d2) = (orient(q1, q2, p1), orient(q1, q2, p2));
    if d1 * d2 >= 0.0 || orient(p1, p2, q1) * orient(p1, p2, q2) >= 0.0 {
        return None;
    }
    // The crossing divides p1→p2 in the ratio of p1's and p2's distances
    // from the line q1q2.
    let t = d1 / (d1 - d2);
    let x = f64::from(p1.0) + t * (f64::from(p2.0) - f64::from(p1.0));
    let y = f64::from(p1.1) + t * (f64::from(p2.1) - f64::from(p1.1));
    Some((x as f32, y as f32))
}

#[cfg(test)]
mod tests {
    use super::super::crossings::{Placed, overlaps, straight_crossings};
    use super::*;

    fn measure(d: &Drawing, edges: &[(usize, usize)]) -> (usize, usize) {
        let placed: Vec<Placed> = (0..d.centre.len())
            .map(|v| (d.centre[v], d.layer_y[d.layer_of[v]], d.size[v], 10.0))
            .collect();
        (straight_crossings(&placed, edges), overlaps(&placed))
    }

    #[test]
    fn a_crossed_pair_is_swapped_without_overlap() {
        // Layer 0: cards 0 and 1; layer 1: cards 2 and 3 (of unequal widths).
        // Edges 0–3 and 1–2 cross; one swap uncrosses them.
        let layer_of = [0, 0, 1, 1];
        let mut centre = [0.0, 100.0, 0.0, 100.0];
        let size = [50.0, 50.0, 50.0, 70.0];
        let layer_y = [0.0, 100.0];
        let edges = [(0, 3), (1, 2)];
        let mut d = Drawing {
            layer_of: &layer_of,
            centre: &mut centre,
            size: &size,
            layer_y: &layer_y,
            layers: vec![vec![0, 1], vec![2, 3]],
            gap: 10.0,
        };
        assert_eq!(measure(&d, &edges), (1, 0));
        untangle(&mut d, &edges);
        assert_eq!(measure(&d, &edges), (0, 0));
        assert_ne!(d.layers, [vec![0, 1], vec![2, 3]]);
    }

    #[test]
    fn a_card_alone_in_its_layer_slides_off_a_crossing() {
        // One card per layer, so no swap is possible: edge 0–2 passes layer
        // 1 right of card 1, and edge 1–3 passes layer 2 right of card 2.
        let layer_of = [0, 1, 2, 3];
        let mut centre = [0.0, 50.0, 200.0, 400.0];
        let size = [50.0; 4];
        let layer_y = [0.0, 100.0, 200.0, 300.0];
        let edges = [(0, 2), (1, 3)];
        let before = centre;
        let mut d = Drawing {
            layer_of: &layer_of,
            centre: &mut centre,
            size: &size,
            layer_y: &layer_y,
            layers: vec![vec![0], vec![1], vec![2], vec![3]],
            gap: 10.0,
        };
        assert_eq!(measure(&d, &edges), (1, 0));
        untangle(&mut d, &edges);
        assert_eq!(measure(&d, &edges), (0, 0));
        assert_ne!(d.centre, before);
    }

    #[test]
    fn a_drawing_without_crossings_is_left_alone() {
        let layer_of = [0, 0, 1, 1, 2];
        let mut centre = [0.0, 100.0, 0.0, 100.0, 50.0];
        let size = [50.0; 5];
        let layer_y = [0.0, 100.0, 200.0];
        let edges = [(0, 2), (1, 3), (4, 0), (4, 1)];
        let before = centre;
        let mut d = Drawing {
            layer_of: &layer_of,
            centre: &mut centre,
            size: &size,
            layer_y: &layer_y,
            layers: vec![vec![0, 1], vec![2, 3], vec![4]],
            gap: 10.0,
        };
        untangle(&mut d, &edges);
        assert_eq!(measure(&d, &edges), (0, 0));
        assert_eq!(d.centre, before);
    }

    proptest::proptest! {
        /// Untangling never adds a crossing or an overlap, whatever the
        /// drawing: each swap is taken only when the exact count drops.
        #[test]
        fn never_worse(
            widths in proptest::collection::vec(20.0f32..120.0, 2..24),
            layers in 2usize..5,
            picks in proptest::collection::vec((0usize..24, 0usize..24), 0..40),
        ) {
            let n = widths.len();
            let layer_of: Vec<usize> = (0..n).map(|v| v % layers).collect();
            let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layers];
            let mut centre = vec![0.0f32; n];
            for v in 0..n {
                let row = &mut rows[layer_of[v]];
                let at = row.last().map_or(0.0, |&u| centre[u] + widths[u] / 2.0 + 10.0);
                centre[v] = at + widths[v] / 2.0;
                row.push(v);
            }
            let edges: Vec<(usize, usize)> = picks
                .into_iter()
                .map(|(a, b)| (a % n, b % n))
                // Layering never leaves an edge inside one layer.
                .filter(|(a, b)| layer_of[*a] != layer_of[*b])
                .collect();
            let layer_y: Vec<f32> = (0..layers).map(|l| l as f32 * 90.0).collect();
            let mut d = Drawing {
                layer_of: &layer_of,
                centre: &mut centre,
                size: &widths,
                layer_y: &layer_y,
                layers: rows,
                gap: 10.0,
            };
            let (crossings, overlapping) = measure(&d, &edges);
            proptest::prop_assert_eq!(overlapping, 0);
            untangle(&mut d, &edges);
            let (after, overlapping) = measure(&d, &edges);
            proptest::prop_assert!(after <= crossings, "{} > {}", after, crossings);
            proptest::prop_assert_eq!(overlapping, 0);
        }
    }
}
