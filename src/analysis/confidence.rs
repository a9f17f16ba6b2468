//! Effective confidence: how sure you can be of a node given what it rests on.
//!
//! The rule: a node's effective confidence is the smallest of
//! - its own confidence;
//! - the effective confidence of each node it `depends_on` (a chain is only
//!   as strong as its weakest link);
//! - the importance-weighted mean effective confidence of the nodes that
//!   `supports` it, when there are any.
//!
//! `tests`, `measures` and `contradicts` edges do not cap confidence. Nodes
//! are visited in topological order of their strongly connected components;
//! inside a cycle, a node whose parent is not yet known uses that parent's
//! own confidence, so the result is defined and deterministic.

use super::graph::BeliefGraph;
use crate::model::{Document, EdgeKind, NodeId};
use petgraph::Direction;
use petgraph::algo::tarjan_scc;
use petgraph::visit::EdgeRef;
use std::collections::HashMap;

/// Effective confidence (0–100) of every node.
pub fn effective(doc: &Document, g: &BeliefGraph) -> HashMap<NodeId, u8> {
    let own: HashMap<NodeId, (u8, u8)> = doc
        .nodes
        .iter()
        .map(|n| (n.id, (n.confidence, n.importance)))
        .collect();
    let mut eff: HashMap<NodeId, u8> = HashMap::with_capacity(doc.nodes.len());
    // tarjan_scc lists components in reverse topological order.
    let mut components = tarjan_scc(&g.graph);
    components.reverse();
    for mut component in components {
        component.sort_by_key(|&i| g.id(i));
        for n in component {
            let id = g.id(n);
            let (mine, _) = own[&id];
            let value_of = |p: NodeId| eff.get(&p).copied().unwrap_or(own[&p].0);
            let mut cap = f32::from(mine);
            let (mut weighted, mut weights) = (0.0f32, 0.0f32);
            for edge in g.graph.edges_directed(n, Direction::Incoming) {
                let parent = g.id(edge.source());
                match edge.weight() {
                    EdgeKind::DependsOn => cap = cap.min(f32::from(value_of(parent))),
                    EdgeKind::Supports => {
                        let w = f32::from(own[&parent].1);
                        weighted += w * f32::from(value_of(parent));
                        weights += w;
                    }
                    _ => {}
                }
            }
            if weights > 0.0 {
                cap = cap.min(weighted / weights);
            }
            eff.insert(id, cap.round() as u8);
        }
    }
    eff
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::graph::tests::doc_with;

    fn run(d: &Document) -> HashMap<NodeId, u8> {
        effective(d, &BeliefGraph::new(d))
    }

    #[test]
    fn depends_on_takes_the_weakest_link() {
        // 3 → 2 → 1, all depends_on.
        let mut d = doc_with(3, &[(3, 2), (2, 1)]);
        for e in &mut d.edges {
            e.kind = EdgeKind::DependsOn;
        }
        d.nodes[0].confidence = 80;
        d.nodes[1].confidence = 90;
        d.nodes[2].confidence = 35;
        let eff = run(&d);
        assert_eq!(eff[&NodeId(1)], 35);
        assert_eq!(eff[&NodeId(2)], 35);
        assert_eq!(eff[&NodeId(3)], 35);
    }

    #[test]
    fn supports_caps_at_the_weighted_mean() {
        // 2 (importance 3, 40%) and 3 (importance 1, 80%) support 1 (90%).
        let mut d = doc_with(3, &[(2, 1), (3, 1)]);
        d.nodes[0].confidence = 90;
        d.nodes[1].confidence = 40;
        d.nodes[1].importance = 3;
        d.nodes[2].confidence = 80;
        d.nodes[2].importance = 1;
        let eff = run(&d);
        assert_eq!(eff[&NodeId(1)], 50, "(3·40 + 1·80) / 4");
        // A node with no parents keeps its own confidence.
        assert_eq!(eff[&NodeId(2)], 40);
    }

    #[test]
    fn own_confidence_is_never_raised() {
        let mut d = doc_with(2, &[(2, 1)]);
        d.nodes[0].confidence = 20;
        d.nodes[1].confidence = 90;
        assert_eq!(run(&d)[&NodeId(1)], 20);
    }

    #[test]
    fn cycles_get_a_deterministic_answer() {
        let mut d = doc_with(2, &[(1, 2), (2, 1)]);
        d.nodes[0].confidence = 70;
        d.nodes[1].confidence = 30;
        let first = run(&d);
        assert_eq!(first, run(&d));
        assert_eq!(first[&NodeId(1)], 30, "1 uses 2's own 30");
        assert_eq!(first[&NodeId(2)], 30);
    }
}
