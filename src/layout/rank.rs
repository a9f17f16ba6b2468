//! Network simplex ranking (Gansner et al., as in Graphviz `dot`): the layer
//! assignment that minimises total edge length, so long edges — and the
//! crossings they cause — are as few as the graph allows.
//!
//! Conventions: an edge `(t, h)` requires `rank[h] > rank[t]`. A
//! spanning tree of tight edges is kept; each tree edge's cut value is the
//! weight crossing its cut in its own direction minus the weight crossing
//! back. While some cut value is negative, that tree edge leaves and the
//! tightest non-tree edge crossing back (head side to tail side) enters. Cut values for all
//! tree edges come from one post-order pass over subtree sums.

/// Minimises total edge length for one connected component. `rank` must be
/// feasible on entry (every edge satisfied), e.g. longest-path ranks.
pub(super) fn network_simplex(
    n: usize,
    edges: &[(usize, usize)],
    rank: &mut [i64],
    max_iterations: usize,
) {
    if n <= 1 || edges.is_empty() {
        return;
    }
    let mut adjacency = vec![Vec::new(); n];
    for (i, &(t, h)) in edges.iter().enumerate() {
        adjacency[t].push(i);
        adjacency[h].push(i);
    }
    let slack = |rank: &[i64], e: usize| rank[edges[e].1] - rank[edges[e].0] - 1;
    let mut in_tree = feasible_tree(n, edges, &adjacency, rank);
    let mut tree = Tree::new(n);
    let mut next = 0;
    for _ in 0..max_iterations {
        tree.rebuild(edges, &adjacency, &in_tree);
        let cut = tree.cut_values(edges);
        // The first tree edge with a negative cut value, searching on from
        // the last one found so the whole tree gets a turn.
        let tree_edges: Vec<usize> = (0..edges.len()).filter(|&e| in_tree[e]).collect();
        let Some(leave) = (0..tree_edges.len())
            .map(|k| tree_edges[(next + k) % tree_edges.len()])
            .find(|&e| cut[e] < 0)
        else {
            break;
        };
        next = tree_edges.iter().position(|&e| e == leave).unwrap_or(0) + 1;
        // The side of the cut below `leave` in the rooted tree.
        let child = tree.child_end(edges, leave);
        let tail_in_subtree = edges[leave].0 == child;
        // Entering edges cross the cut the other way: from the head side of
        // `leave` back to its tail side.
        let mut enter = None;
        let mut best = i64::MAX;
        for (e, &(t, h)) in edges.iter().enumerate() {
            if in_tree[e] {
                continue;
            }
            let (t_in, h_in) = (tree.contains(child, t), tree.contains(child, h));
            if t_in == h_in || t_in == tail_in_subtree {
                continue;
            }
            let s = slack(rank, e);
            if s < best {
                best = s;
                enter = Some(e);
            }
        }
        let Some(enter) = enter else {
            break;
        };
        // Shift the subtree so the entering edge becomes tight: up when it
        // holds the entering edge's tail, down when it holds its head.
        let delta = if tail_in_subtree { -best } else { best };
        if delta != 0 {
            for (v, r) in rank.iter_mut().enumerate() {
                if tree.contains(child, v) {
                    *r += delta;
                }
            }
        }
        in_tree[leave] = false;
        in_tree[enter] = true;
    }
    let low = rank.iter().copied().min().unwrap_or(0);
    rank.iter_mut().for_each(|r| *r -= low);
}

/// A spanning tree of tight edges, shifting partial trees where needed.
fn feasible_tree(
    n: usize,
    edges: &[(usize, usize)],
    adjacency: &[Vec<usize>],
    rank: &mut [i64],
) -> Vec<bool> {
    let mut in_tree = vec![false; edges.len()];
    let mut member = vec![false; n];
    member[0] = true;
    let mut size = 1;
    let mut stack = vec![0usize];
    loop {
        // Grow along tight edges.
        while let Some(v) = stack.pop() {
            for &e in &adjacency[v] {
                let (t, h) = edges[e];
                let other = if t == v { h } else { t };
                if !member[other] && rank[h] - rank[t] == 1 {
                    member[other] = true;
                    in_tree[e] = true;
                    size += 1;
                    stack.push(other);
                }
            }
        }
        if size == n {
            return in_tree;
        }
        // The incident edge with least slack; shifting the tree by it makes
        // it tight without breaking any other edge.
        let mut best: Option<(i64, usize)> = None;
        for (e, &(t, h)) in edges.iter().enumerate() {
            if member[t] != member[h] {
                let s = rank[h] - rank[t] - 1;
                if best.is_none_or(|(b, _)| s < b) {
                    best = Some((s, e));
                }
            }
        }
        let Some((s, e)) = best else {
            return in_tree; // Not connected: the caller passes one component.
        };
        let delta = if member[edges[e].0] { s } else { -s };
        for (r, &m) in rank.iter_mut().zip(&member) {
            if m {
                *r += delta;
            }
        }
        stack.extend((0..n).filter(|&v| member[v]));
    }
}

/// The tree rooted at node 0, with post-order ranges for subtree tests.
struct Tree {
    parent_edge: Vec<Option<usize>>,
    low: Vec<usize>,
    lim: Vec<usize>,
    order: Vec<usize>,
}

impl Tree {
    fn new(n: usize) -> Self {
        Self {
            parent_edge: vec![None; n],
            low: vec![0; n],
            lim: vec![0; n],
            order: Vec::with_capacity(n),
        }
    }

    fn rebuild(&mut self, edges: &[(usize, usize)], adjacency: &[Vec<usize>], in_tree: &[bool]) {
        let n = self.low.len();
        self.parent_edge.iter_mut().for_each(|p| *p = None);
        self.order.clear();
        let mut visited = vec![false; n];
        // Iterative DFS that records post-order.
        let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
        visited[0] = true;
        let mut counter = 0;
        while let Some(&mut (v, ref mut i)) = stack.last_mut() {
            if *i < adjacency[v].len() {
                let e = adjacency[v][*i];
                *i += 1;
                if !in_tree[e] {
                    continue;
                }
                let (t, h) = edges[e];
                let other = if t == v { h } else { t };
                if !visited[other] {
                    visited[other] = true;
                    self.parent_edge[other] = Some(e);
                    self.low[other] = counter;
                    stack.push((other, 0));
                }
            } else {
                stack.pop();
                self.lim[v] = counter;
                if v == 0 {
                    self.low[v] = 0;
                }
                self.order.push(v);
                counter += 1;
            }
        }
    }

    /// Whether `v` is in the subtree rooted at `root`.
    fn contains(&self, root: usize, v: usize) -> bool {
        self.low[root] <= self.lim[v] && self.lim[v] <= self.lim[root]
    }

    /// The endpoint of tree edge `e` farther from the root.
    fn child_end(&self, edges: &[(usize, usize)], e: usize) -> usize {
        let (t, h) = edges[e];
        if self.parent_edge[t] == Some(e) { t } else { h }
    }

    /// Cut value of every tree edge (other entries are 0).
    fn cut_values(&self, edges: &[(usize, usize)]) -> Vec<i64> {
        let n = self.low.len();
        // Net weight leaving each node: +1 per out-edge (as tail), -1 per in-edge.
        let mut net = vec![0i64; n];
        for &(t, h) in edges {
            net[t] += 1;
            net[h] -= 1;
        }
        let mut subtree = net;
        let mut cut = vec![0i64; edges.len()];
        for &v in &self.order {
            if let Some(e) = self.parent_edge[v] {
                // Weight leaving v's subtree minus weight entering it.
                let out_minus_in = subtree[v];
                cut[e] = if edges[e].0 == v {
                    out_minus_in
                } else {
                    -out_minus_in
                };
                let (t, h) = edges[e];
                let parent = if t == v { h } else { t };
                subtree[parent] += subtree[v];
            }
        }
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(edges: &[(usize, usize)], rank: &[i64]) -> i64 {
        edges.iter().map(|&(t, h)| rank[h] - rank[t]).sum()
    }

    fn longest_path(n: usize, edges: &[(usize, usize)]) -> Vec<i64> {
        let mut rank = vec![0i64; n];
        for _ in 0..n {
            for &(t, h) in edges {
                rank[h] = rank[h].max(rank[t] + 1);
            }
        }
        rank
    }

    /// The best total length by trying every ranking with ranks below `n`.
    fn brute_force(n: usize, edges: &[(usize, usize)]) -> i64 {
        let mut best = i64::MAX;
        let mut rank = vec![0i64; n];
        loop {
            if edges.iter().all(|&(t, h)| rank[h] > rank[t]) {
                best = best.min(total(edges, &rank));
            }
            let mut i = 0;
            loop {
                if i == n {
                    return best;
                }
                rank[i] += 1;
                if rank[i] < n as i64 {
                    break;
                }
                rank[i] = 0;
                i += 1;
            }
        }
    }

    #[test]
    fn matches_brute_force_on_random_dags() {
        let mut seed = 12345u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..300 {
            let n = 2 + (next() % 5) as usize;
            let m = (next() % 9) as usize;
            let mut edges = Vec::new();
            for _ in 0..m {
                let a = (next() % n as u64) as usize;
                let b = (next() % n as u64) as usize;
                if a < b {
                    edges.push((a, b));
                }
            }
            // Keep it connected: a path through every node.
            for v in 1..n {
                edges.push((v - 1, v));
            }
            let mut rank = longest_path(n, &edges);
            network_simplex(n, &edges, &mut rank, 1000);
            assert!(edges.iter().all(|&(t, h)| rank[h] > rank[t]), "feasible");
            assert_eq!(
                total(&edges, &rank),
                brute_force(n, &edges),
                "{edges:?} → {rank:?}"
            );
        }
    }

    #[test]
    fn matches_brute_force_on_small_dags() {
        let cases: &[(usize, &[(usize, usize)])] = &[
            (3, &[(0, 1), (1, 2), (0, 2)]),
            (4, &[(0, 1), (1, 2), (2, 3), (0, 3), (0, 3)]),
            (5, &[(0, 1), (1, 2), (2, 3), (4, 3), (4, 0)]),
            (5, &[(0, 4), (1, 4), (2, 4), (3, 0), (3, 1), (3, 2)]),
            (6, &[(0, 1), (1, 2), (2, 3), (3, 4), (5, 4), (5, 1), (0, 5)]),
        ];
        for &(n, edges) in cases {
            let mut rank = longest_path(n, edges);
            network_simplex(n, edges, &mut rank, 1000);
            assert!(edges.iter().all(|&(t, h)| rank[h] > rank[t]), "feasible");
            assert_eq!(
                total(edges, &rank),
                brute_force(n, edges),
                "{edges:?} → {rank:?}"
            );
        }
    }
}
