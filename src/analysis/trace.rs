//! Dependency tracing: what a node rests on (upstream) and what rests on it
//! (downstream), following every edge kind that carries support.

use super::graph::{BeliefGraph, carries_support};
use crate::model::NodeId;
use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::VecDeque;

/// Nodes `start` rests on, nearest first (breadth-first), without `start`.
pub fn upstream(g: &BeliefGraph, start: NodeId) -> Vec<NodeId> {
    trace(g, start, Direction::Incoming)
}

/// Nodes that rest on `start`, nearest first (breadth-first), without `start`.
pub fn downstream(g: &BeliefGraph, start: NodeId) -> Vec<NodeId> {
    trace(g, start, Direction::Outgoing)
}

/// Breadth-first, and within one node's neighbours in document edge order,
/// so the same document always traces in the same order.
fn trace(g: &BeliefGraph, start: NodeId, direction: Direction) -> Vec<NodeId> {
    let Some(&start) = g.index.get(&start) else {
        return Vec::new();
    };
    let mut seen = vec![false; g.graph.node_count()];
    seen[start.index()] = true;
    let mut queue = VecDeque::from([start]);
    let mut out = Vec::new();
    let mut next: Vec<(EdgeIndex, NodeIndex)> = Vec::new();
    while let Some(n) = queue.pop_front() {
        next.clear();
        next.extend(
            g.graph
                .edges_directed(n, direction)
                .filter(|e| carries_support(*e.weight()))
                .map(|e| {
                    let other = if direction == Direction::Outgoing {
                        e.target()
                    } else {
                        e.source()
                    };
                    (e.id(), other)
                }),
        );
        next.sort_unstable_by_key(|(e, _)| *e);
        for &(_, m) in &next {
            if !seen[m.index()] {
                seen[m.index()] = true;
                out.push(g.id(m));
                queue.push_back(m);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::graph::tests::doc_with;
    use crate::model::EdgeKind;

    fn ids(v: &[u64]) -> Vec<NodeId> {
        v.iter().map(|&i| NodeId(i)).collect()
    }

    #[test]
    fn exact_sets_in_breadth_first_order() {
        // 4 → 2 → 1, 5 → 2, 3 → 1, 6 → 4
        let d = doc_with(6, &[(4, 2), (2, 1), (5, 2), (3, 1), (6, 4)]);
        let g = BeliefGraph::new(&d);
        assert_eq!(upstream(&g, NodeId(1)), ids(&[2, 3, 4, 5, 6]));
        assert_eq!(downstream(&g, NodeId(6)), ids(&[4, 2, 1]));
        assert_eq!(upstream(&g, NodeId(6)), ids(&[]));
        assert_eq!(downstream(&g, NodeId(99)), ids(&[]));
    }

    #[test]
    fn contradicts_is_not_followed() {
        let mut d = doc_with(3, &[(2, 1), (3, 2)]);
        d.edges[1].kind = EdgeKind::Contradicts;
        let g = BeliefGraph::new(&d);
        assert_eq!(upstream(&g, NodeId(1)), ids(&[2]));
    }

    #[test]
    fn cycles_terminate() {
        let d = doc_with(3, &[(1, 2), (2, 3), (3, 1)]);
        let g = BeliefGraph::new(&d);
        assert_eq!(downstream(&g, NodeId(1)), ids(&[2, 3]));
    }
}
