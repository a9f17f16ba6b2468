//! Crossing reduction: barycenter sweeps and transposes from several
//! starting orders, and sifting.

use super::layered::Layered;

/// Reorders every layer to reduce crossings by sweeps and transposes.
/// Try 0 starts from three orders: each layer under its parents;
/// depth-first from the effects, so that subtrees stay together; and
/// breadth-first from the causes, as `dot` starts. Try 1 starts
/// breadth-first from either end of the map's longest path. Later tries
/// start depth-first with roots and children shuffled by the try's number,
/// so the caller can keep whichever drawing crosses least; or it starts
/// from the current order. Each start of a try gets the same few sweeps,
/// and the one with fewest crossings is swept on until sweeps stop paying.
/// Sifting is left to [`sift_all`], once the caller has drawn the order
/// and can hand over the order its straight lines show.
///
/// The ends get a try of their own because a few sweeps misjudge them:
/// they start far worse than the others and overtake them only after
/// dozens of sweeps, where their straight lines cross much less (shared
/// 3,000 cards, seed 11: 230,944 against 205,587 after 8 sweeps; the
/// drawing from try 1 wins with 194,178, where the five starts weighed
/// together drew 202,830).
///
/// Returns the crossings between neighbouring layers of the order it
/// leaves, counted along the long edges' chains.
pub(super) fn reduce(l: &mut Layered, sweeps: usize, start: Start) -> usize {
    let mut pos = vec![0usize; l.layer_of.len()];
    let starts = match start {
        Start::Fresh(0) => vec![
            initial_by_parents(l, &mut pos),
            initial_depth_first(l, None),
            initial_breadth_first(l),
        ],
        Start::Fresh(1) => {
            let [from_one_end, from_other_end] = from_both_ends(l);
            vec![
                layers_in_order(l, &from_one_end),
                layers_in_order(l, &from_other_end),
            ]
        }
        Start::Fresh(n) => vec![initial_depth_first(l, Some(n - 1))],
        Start::Current => vec![initial_current(l)],
    };
    // From the current order, only local moves: sweeps would rebuild the
    // order the reader knows.
    let keep = matches!(start, Start::Current);
    let mut best: Option<(usize, Vec<Vec<usize>>)> = None;
    for order in starts {
        l.layers = order;
        for layer in &l.layers {
            renumber(layer, &mut pos);
        }
        let crossings = improve(l, if keep { 0 } else { sweeps }, &mut pos);
        if best.as_ref().is_none_or(|(b, _)| crossings < *b) {
            best = Some((crossings, l.layers.clone()));
        }
    }
    l.layers = best.expect("a start").1;
    for layer in &l.layers {
        renumber(layer, &mut pos);
    }
    if keep {
        total_crossings(l, &pos)
    } else {
        improve(l, MAX_SWEEPS, &mut pos)
    }
}

/// Sweeps the best start may take. Most maps stop long before (see
/// [`STALL`]); wide tiers keep improving for a few dozen.
const MAX_SWEEPS: usize = 64;
/// Sweeps in a row without a gain of [`GAIN`] after which sweeping stops.
/// Sweeps that gain little one by one still add up: with 4 sweeps and a
/// gain of 0.5%, wide 3,000-card maps stopped up to 3% short of where
/// sweeping settles.
const STALL: usize = 8;
/// The share of crossings a sweep must remove to count as a gain.
const GAIN: f64 = 0.001;

/// Sifting, each pass followed by transposes, from the layers as they are.
pub(super) fn sift_all(l: &mut Layered, work: usize) {
    let mut pos = positions(l);
    transpose(l, &mut pos, false);
    let (passes, window) = sift_plan(l, work);
    for _ in 0..passes {
        if !sift(l, &mut pos, window) {
            break;
        }
        transpose(l, &mut pos, false);
    }
}

/// Iterated local search from the layers as they are: shuffle a few
/// neighbours in one layer, sift back to a local minimum within `work`,
/// and keep the result when it crosses no more, so that equal orders
/// drift across plateaus. The tries' starts all fall into the few basins
/// that sweeps lead to, and kicks leave them. Deterministic: the kicks
/// come from `seed`.
pub(super) fn kicked(l: &mut Layered, rounds: usize, work: usize, seed: u64) -> usize {
    let mut best = crossings(l);
    let kickable: Vec<usize> = (0..l.layers.len())
        .filter(|&i| l.layers[i].len() >= 3)
        .collect();
    if kickable.is_empty() || best == 0 {
        return best;
    }
    let mut best_layers = l.layers.clone();
    let mut state = KICK_SEED.wrapping_mul(seed + 1) | 1;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    for _ in 0..rounds {
        let layer = kickable[next(kickable.len())];
        let len = l.layers[layer].len();
        let width = (3 + next(len.min(KICK_WIDTH) - 2)).min(len);
        let start = next(len - width + 1);
        let mut shuffle = next(usize::MAX) as u64 | 1;
        shuffle_in_place(&mut l.layers[layer][start..start + width], &mut shuffle);
        sift_all(l, work);
        let now = crossings(l);
        if now <= best {
            best = now;
            best_layers.clone_from(&l.layers);
            if best == 0 {
                break;
            }
        } else {
            l.layers.clone_from(&best_layers);
        }
    }
    l.layers = best_layers;
    best
}

/// The most neighbours one kick shuffles: enough to leave a sifting
/// minimum, few enough that sifting lands near it.
const KICK_WIDTH: usize = 8;
const KICK_SEED: u64 = 0x9E37_79B9_7F4A_7C15;

/// Crossings between neighbouring layers, in the layers' order.
pub(super) fn crossings(l: &Layered) -> usize {
    total_crossings(l, &positions(l))
}

/// Where crossing reduction starts.
#[derive(Clone, Copy)]
pub(super) enum Start {
    /// From scratch: tries 0 and 1 are the standard orders, later tries
    /// shuffle.
    Fresh(u64),
    /// Each layer in the order its cards are drawn now, so a second layout
    /// after a small change keeps what the reader knows.
    Current,
}

fn initial_current(l: &Layered) -> Vec<Vec<usize>> {
    l.layers
        .iter()
        .map(|layer| {
            let mut layer = layer.clone();
            layer.sort_by(|&a, &b| l.now[a].total_cmp(&l.now[b]).then(a.cmp(&b)));
            layer
        })
        .collect()
}

fn initial_by_parents(l: &mut Layered, pos: &mut [usize]) -> Vec<Vec<usize>> {
    l.layers[0].sort_unstable();
    renumber(&l.layers[0], pos);
    for layer in 1..l.layers.len() {
        sort_by_key(l, layer, true, false, pos);
    }
    l.layers.clone()
}

/// Depth-first from the effects; with `shuffle`, roots and children are
/// visited in an order drawn from that seed.
fn initial_depth_first(l: &Layered, shuffle: Option<u64>) -> Vec<Vec<usize>> {
    let mut visited = Vec::with_capacity(l.layer_of.len());
    let mut seen = vec![false; l.layer_of.len()];
    let mut rng = shuffle.map(|seed| seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut roots = l.layers[0].clone();
    roots.sort_unstable();
    if let Some(state) = &mut rng {
        shuffle_in_place(&mut roots, state);
    }
    let mut children = Vec::new();
    for root in roots {
        let mut stack = vec![root];
        while let Some(v) = stack.pop() {
            if seen[v] {
                continue;
            }
            seen[v] = true;
            visited.push(v);
            children.clear();
            children.extend(l.down[v].iter().copied().filter(|&w| !seen[w]));
            if let Some(state) = &mut rng {
                shuffle_in_place(&mut children, state);
            }
            // Reverse so the first neighbour is visited first.
            stack.extend(children.iter().rev());
        }
    }
    layers_in_order(l, &visited)
}

/// Breadth-first over edges both ways from the causes, the order `dot`
/// starts from. It keeps cards that share neighbours close, where
/// depth-first keeps whole subtrees together.
fn initial_breadth_first(l: &Layered) -> Vec<Vec<usize>> {
    let causes = (0..l.layer_of.len()).filter(|&v| l.down[v].is_empty());
    layers_in_order(l, &breadth_first(l, causes))
}

/// The order breadth-first search over edges both ways reaches vertices,
/// from each of `roots` in turn that an earlier one did not reach.
fn breadth_first(l: &Layered, roots: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let mut seen = vec![false; l.layer_of.len()];
    let mut visited = Vec::with_capacity(l.layer_of.len());
    for root in roots {
        if seen[root] {
            continue;
        }
        seen[root] = true;
        let mut i = visited.len();
        visited.push(root);
        while i < visited.len() {
            let u = visited[i];
            i += 1;
            for &w in l.up[u].iter().chain(&l.down[u]) {
                if !seen[w] {
                    seen[w] = true;
                    visited.push(w);
                }
            }
        }
    }
    visited
}

/// Breadth-first orders from two ends of a long path through the graph
/// (pseudo-peripheral vertices, as Cuthill and McKee start from): a map
/// laid out along a band reads from one end to the other, and breadth-first
/// from an end lays each layer out in that order, where from the middle it
/// interleaves both sides. An end is the vertex farthest from the vertex
/// farthest from any.
fn from_both_ends(l: &Layered) -> [Vec<usize>; 2] {
    let farthest = |v: usize| *breadth_first(l, [v]).last().expect("v itself");
    let one_end = farthest(farthest(0));
    let from_one = breadth_first(l, [one_end]);
    let other_end = *from_one.last().expect("one end itself");
    let from_other = breadth_first(l, [other_end]);
    [from_one, from_other]
}

/// Each layer in the order `visited` reaches its vertices; any not reached
/// (none, in one component) keeps its place after them.
fn layers_in_order(l: &Layered, visited: &[usize]) -> Vec<Vec<usize>> {
    let mut layers = vec![Vec::new(); l.layers.len()];
    let mut seen = vec![false; l.layer_of.len()];
    for &v in visited {
        seen[v] = true;
        layers[l.layer_of[v]].push(v);
    }
    for (layer, members) in l.layers.iter().enumerate() {
        for &v in members {
            if !seen[v] {
                layers[layer].push(v);
            }
        }
    }
    layers
}

/// Fisher–Yates with xorshift: deterministic for a seed, no dependency.
fn shuffle_in_place(items: &mut [usize], state: &mut u64) {
    for i in (1..items.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        items.swap(i, (*state % (i as u64 + 1)) as usize);
    }
}

/// Sweeps and transposes from the current order, until `sweeps` or until
/// they stop paying; leaves the best order seen in `l` and returns its
/// crossing count.
fn improve(l: &mut Layered, sweeps: usize, pos: &mut [usize]) -> usize {
    let mut best = total_crossings(l, pos);
    let mut best_layers = l.layers.clone();
    let mut stalled = 0;
    for sweep in 0..sweeps {
        if best == 0 || stalled >= STALL {
            break;
        }
        stalled += 1;
        let median = sweep % 4 >= 2;
        if sweep % 2 == 0 {
            for layer in 1..l.layers.len() {
                sort_by_key(l, layer, true, median, pos);
            }
        } else {
            for layer in (0..l.layers.len().saturating_sub(1)).rev() {
                sort_by_key(l, layer, false, median, pos);
            }
        }
        transpose(l, pos, sweep % 2 == 1);
        let crossings = total_crossings(l, pos);
        if crossings < best {
            if (crossings as f64) < best as f64 * (1.0 - GAIN) {
                stalled = 0;
            }
            best = crossings;
            best_layers.clone_from(&l.layers);
        }
    }
    l.layers = best_layers;
    for layer in &l.layers {
        renumber(layer, pos);
    }
    transpose(l, pos, false);
    total_crossings(l, pos)
}

/// Vertex pairs that sifting may compare, all passes together. Narrow
/// layers are sifted whole; wide ones (maps of thousands of cards, or a
/// few tiers hundreds of cards wide) within a window around each vertex,
/// as wide as the budget allows, so they are still sifted.
pub(super) const SIFT_WORK: usize = 4_000_000;
/// Sifting passes beyond which little more is found.
const SIFT_PASSES: usize = 3;
/// The narrowest window worth a pass.
const MIN_WINDOW: usize = 16;

/// Sifting passes and the window each vertex may move within.
fn sift_plan(l: &Layered, work: usize) -> (usize, usize) {
    let vertices = l.layer_of.len().max(1);
    let widest = l.layers.iter().map(Vec::len).max().unwrap_or(0);
    // Each vertex compares itself with up to 2 × window others.
    let window = (work / SIFT_PASSES / vertices / 2).max(MIN_WINDOW);
    if window >= widest {
        let pairs: usize = l.layers.iter().map(|layer| layer.len() * layer.len()).sum();
        return ((work / pairs.max(1)).clamp(1, SIFT_PASSES), widest);
    }
    (SIFT_PASSES, window)
}

/// Moves each vertex to the place in its layer where its edges cross the
/// fewest others to both neighbouring layers (sifting, after Matuszewski,
/// Schönfeld and Molitor). Unlike transpose's swaps of neighbours, a vertex
/// can jump over many others at once, out of a local minimum.
fn sift(l: &mut Layered, pos: &mut [usize], window: usize) -> bool {
    let mut improved = false;
    // Each vertex's neighbour positions, up then down, packed together: the
    // neighbouring layers hold still while one layer is sifted. Most
    // vertices (every dummy) have at most one neighbour each way; those are
    // also kept inline, in layer order, for a quick scan.
    let mut span = vec![(0u32, 0u32, 0u32); l.layer_of.len()];
    let mut packed: Vec<u32> = Vec::new();
    let mut single: Vec<Option<(i32, i32)>> = Vec::new();
    for layer in 0..l.layers.len() {
        packed.clear();
        single.clear();
        for &v in &l.layers[layer] {
            let start = packed.len() as u32;
            packed.extend(l.up[v].iter().map(|&x| pos[x] as u32));
            let mid = packed.len() as u32;
            packed.extend(l.down[v].iter().map(|&x| pos[x] as u32));
            span[v] = (start, mid, packed.len() as u32);
            let one = |n: &[usize]| match n {
                [] => Some(-1),
                [x] => Some(pos[*x] as i32),
                _ => None,
            };
            single.push(one(&l.up[v]).zip(one(&l.down[v])));
        }
        let neighbours = |v: usize| {
            let (a, b, c) = span[v];
            (
                &packed[a as usize..b as usize],
                &packed[b as usize..c as usize],
            )
        };
        let vertices = l.layers[layer].clone();
        for &u in &vertices {
            let (u_up, u_down) = neighbours(u);
            if u_up.is_empty() && u_down.is_empty() {
                continue;
            }
            let from = pos[u];
            let order = &l.layers[layer];
            // How crossings change as `u` jumps over the others one by one,
            // leftwards then rightwards, within the window.
            let passing = |i: usize| -> i64 {
                match (single[from], single[i]) {
                    (Some((uu, ud)), Some((wu, wd))) => {
                        single_difference(uu, wu) + single_difference(ud, wd)
                    }
                    _ => {
                        let (w_up, w_down) = neighbours(order[i]);
                        position_difference(u_up, w_up) + position_difference(u_down, w_down)
                    }
                }
            };
            let (mut best, mut to) = (0i64, from);
            let mut delta = 0i64;
            for i in (from.saturating_sub(window)..from).rev() {
                delta -= passing(i);
                if delta < best {
                    (best, to) = (delta, i);
                }
            }
            delta = 0;
            for i in from + 1..(from + 1 + window).min(order.len()) {
                delta += passing(i);
                if delta < best {
                    (best, to) = (delta, i);
                }
            }
            if to != from {
                let order = &mut l.layers[layer];
                let moved = single.remove(from);
                order.remove(from);
                order.insert(to, u);
                single.insert(to, moved);
                let (a, b) = (from.min(to), from.max(to));
                for (i, &v) in order.iter().enumerate().take(b + 1).skip(a) {
                    pos[v] = i;
                }
                improved = true;
            }
        }
    }
    improved
}

/// [`position_difference`] for at most one neighbour each (−1: none).
fn single_difference(x: i32, y: i32) -> i64 {
    if x < 0 || y < 0 { 0 } else { order_sign(x, y) }
}

/// For edges to neighbours at positions `a` (from one vertex) and `b` (from
/// another): how many more of them cross with the first vertex right of the
/// second than left of it.
fn position_difference(a: &[u32], b: &[u32]) -> i64 {
    a.iter()
        .map(|&x| b.iter().map(|&y| order_sign(x, y)).sum::<i64>())
        .sum()
}

/// Two edges to neighbours at `x` and `y`: +1 if they cross only with the
/// first vertex right of the second, −1 if only with it left, 0 if never.
fn order_sign<T: Ord>(x: T, y: T) -> i64 {
    i64::from(x < y) - i64::from(x > y)
}

/// Each vertex's place in its layer.
fn positions(l: &Layered) -> Vec<usize> {
    let mut pos = vec![0usize; l.layer_of.len()];
    for layer in &l.layers {
        renumber(layer, &mut pos);
    }
    pos
}

fn renumber(layer: &[usize], pos: &mut [usize]) {
    for (i, &v) in layer.iter().enumerate() {
        pos[v] = i;
    }
}

/// Orders `layer` by the mean (or median) position of each vertex's
/// neighbours in the layer above (`from_up`) or below. Vertices without
/// such neighbours keep their places and the others are sorted into the
/// places between them, as `dot` does: giving them a key of their own
/// position would compare places in this layer with places in the other,
/// which on layers of very different widths (a few hundred assumptions
/// over a few dozen beliefs) throws every leaf to the wrong side (wide
/// 1,000-card maps crossed 10% more for it).
fn sort_by_key(l: &mut Layered, layer: usize, from_up: bool, median: bool, pos: &mut [usize]) {
    let mut scratch: Vec<f32> = Vec::new();
    let side = if from_up { &l.up } else { &l.down };
    let mut keyed: Vec<(f32, usize)> = Vec::with_capacity(l.layers[layer].len());
    for &v in &l.layers[layer] {
        let neighbours = &side[v];
        if neighbours.is_empty() {
            continue;
        }
        let key = if median {
            scratch.clear();
            scratch.extend(neighbours.iter().map(|&u| pos[u] as f32));
            scratch.sort_by(f32::total_cmp);
            let m = scratch.len() / 2;
            if scratch.len() % 2 == 1 {
                scratch[m]
            } else {
                (scratch[m - 1] + scratch[m]) / 2.0
            }
        } else {
            neighbours.iter().map(|&u| pos[u] as f32).sum::<f32>() / neighbours.len() as f32
        };
        keyed.push((key, v));
    }
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(pos[a.1].cmp(&pos[b.1])));
    let mut sorted = keyed.into_iter().map(|(_, v)| v);
    for slot in l.layers[layer].iter_mut() {
        if !side[*slot].is_empty() {
            *slot = sorted.next().expect("one sorted vertex per free place");
        }
    }
    renumber(&l.layers[layer], pos);
}

fn total_crossings(l: &Layered, pos: &[usize]) -> usize {
    (0..l.layers.len().saturating_sub(1))
        .map(|layer| crossings_between(l, layer, pos))
        .sum()
}

/// Crossings between `layer` and `layer + 1`, counted as inversions with a
/// Fenwick tree (Barth, Jünger and Mutzel), O(E log V).
fn crossings_between(l: &Layered, layer: usize, pos: &[usize]) -> usize {
    let width = l.layers[layer + 1].len();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for &u in &l.layers[layer] {
        for &w in &l.down[u] {
            pairs.push((pos[u], pos[w]));
        }
    }
    pairs.sort_unstable();
    let mut tree = vec![0usize; width + 1];
    let mut crossings = 0;
    for (seen, &(_, w)) in pairs.iter().enumerate() {
        // How many earlier edges end strictly to the right of w.
        let mut i = w + 1;
        let mut not_right = 0;
        while i > 0 {
            not_right += tree[i];
            i &= i - 1;
        }
        crossings += seen - not_right;
        let mut i = w + 1;
        while i <= width {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    crossings
}

/// Crossings among the edges of `u` and `v` with `u` left of `v`, and with
/// `u` right of it: one pass over their neighbour pairs gives both.
fn pair_both(l: &Layered, u: usize, v: usize, pos: &[usize]) -> (usize, usize) {
    let (mut left, mut right) = (0, 0);
    for (a, b) in [(&l.up[u], &l.up[v]), (&l.down[u], &l.down[v])] {
        for &x in a {
            for &y in b {
                left += usize::from(pos[x] > pos[y]);
                right += usize::from(pos[x] < pos[y]);
            }
        }
    }
    (left, right)
}

/// A card the reader already knows in its place (keeping the drawing).
fn settled(l: &Layered, v: usize) -> bool {
    l.settled.get(v).copied().unwrap_or(false)
}

/// Swaps neighbours while that lowers crossings with both adjacent layers;
/// with `ties`, equal-crossing swaps are made too, to leave a plateau.
fn transpose(l: &mut Layered, pos: &mut [usize], ties: bool) {
    // A layer whose order and neighbouring layers did not change in the
    // last pass has nothing new to swap, so only layers next to a swap are
    // looked at again: the same result for less work on deep maps.
    let mut dirty = vec![true; l.layers.len()];
    for _ in 0..6 {
        let mut improved = false;
        let mut next = vec![false; l.layers.len()];
        for layer in 0..l.layers.len() {
            if !dirty[layer] {
                continue;
            }
            for i in 0..l.layers[layer].len().saturating_sub(1) {
                let (u, v) = (l.layers[layer][i], l.layers[layer][i + 1]);
                if settled(l, u) && settled(l, v) {
                    continue;
                }
                let (now, swapped) = pair_both(l, u, v, pos);
                if swapped < now || (ties && swapped == now && now > 0) {
                    l.layers[layer].swap(i, i + 1);
                    pos[u] = i + 1;
                    pos[v] = i;
                    improved = true;
                    let end = (layer + 2).min(next.len());
                    next[layer.saturating_sub(1)..end].fill(true);
                }
            }
        }
        if !improved {
            break;
        }
        dirty = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two layers, five over three, in an order that no swap of neighbours
    /// improves (3 crossings), yet moving the first vertex two places right
    /// leaves 1.
    fn stuck() -> (Layered, Vec<usize>) {
        let edges =
            [(0, 0), (0, 1), (0, 2), (2, 0), (2, 1), (3, 2), (4, 2)].map(|(t, b)| (t, 5 + b));
        two_layers(&[0, 1, 2, 3, 4], &[5, 6, 7], &edges)
    }

    #[test]
    fn sifting_leaves_a_minimum_that_neighbour_swaps_cannot() {
        let (mut l, mut pos) = stuck();
        let before = l.layers.clone();
        transpose(&mut l, &mut pos, false);
        assert_eq!(l.layers, before, "no swap of neighbours helps");
        assert_eq!(total_crossings(&l, &pos), 3);
        assert!(sift(&mut l, &mut pos, 8));
        assert_eq!(total_crossings(&l, &pos), 1);
        assert_eq!(l.layers[0], [1, 2, 0, 3, 4]);
    }

    /// Two layers of `top` and `bottom` vertices joined by `edges` (top,
    /// bottom), each layer in the given order.
    fn two_layers(
        top: &[usize],
        bottom: &[usize],
        edges: &[(usize, usize)],
    ) -> (Layered, Vec<usize>) {
        let n = top.len() + bottom.len();
        let mut l = Layered {
            layers: vec![top.to_vec(), bottom.to_vec()],
            up: vec![Vec::new(); n],
            down: vec![Vec::new(); n],
            layer_of: (0..n).map(|v| usize::from(v >= top.len())).collect(),
            size: vec![1.0; n],
            depth: vec![1.0; n],
            real: n,
            edges: Vec::new(),
            now: vec![0.0; n],
            settled: Vec::new(),
        };
        for &(t, b) in edges {
            l.down[t].push(b);
            l.up[b].push(t);
        }
        let pos = positions(&l);
        (l, pos)
    }

    /// A card with nothing above it keeps its place when its layer is
    /// sorted by the layer above: its own place is no key among places in
    /// a narrower layer. Given one, the leaf at place 1 of 4 (key 1) would
    /// land right of everything under the second of two parents.
    #[test]
    fn sorting_leaves_cards_without_neighbours_in_place() {
        // Top: 0 1. Bottom: 2 (under 1), 5 (a leaf), 3 and 4 (under 0).
        let (mut l, mut pos) = two_layers(&[0, 1], &[2, 5, 3, 4], &[(1, 2), (0, 3), (0, 4)]);
        sort_by_key(&mut l, 1, true, false, &mut pos);
        assert_eq!(l.layers[1], [3, 5, 4, 2]);
        assert_eq!(total_crossings(&l, &pos), 0);
    }

    /// A band (each card joined to the two nearest below it), scrambled:
    /// breadth-first from an end of its longest path reads each layer from
    /// that end, without a crossing.
    #[test]
    fn breadth_first_from_an_end_lays_a_band_out_in_order() {
        let edges: Vec<(usize, usize)> = (0..6)
            .flat_map(|i| [(i, 6 + i), (i, 6 + (i + 1).min(5))])
            .collect();
        let (l, _) = two_layers(&[3, 0, 5, 1, 4, 2], &[9, 6, 11, 8, 10, 7], &edges);
        for visited in from_both_ends(&l) {
            let mut l = l.clone();
            l.layers = layers_in_order(&l, &visited);
            assert_eq!(
                total_crossings(&l, &positions(&l)),
                0,
                "from {}: {:?}",
                visited[0],
                l.layers
            );
        }
    }

    #[test]
    fn position_difference_is_the_change_in_pair_crossings() {
        let (l, pos) = stuck();
        let at = |vs: &[usize]| vs.iter().map(|&v| pos[v] as u32).collect::<Vec<_>>();
        for u in 0..8 {
            for w in 0..8 {
                let (now, swapped) = pair_both(&l, u, w, &pos);
                let (now, swapped) = (now as i64, swapped as i64);
                let d = position_difference(&at(&l.up[u]), &at(&l.up[w]))
                    + position_difference(&at(&l.down[u]), &at(&l.down[w]));
                assert_eq!(d, swapped - now);
            }
        }
    }
}
