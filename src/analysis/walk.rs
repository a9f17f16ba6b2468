//! The order presentation mode walks a map in: from each outcome down
//! through what it rests on (outcome → beliefs → assumptions → evidence),
//! breadth first, so the room hears the why before the how.

use crate::model::{Document, NodeId, NodeKind};
use std::collections::{HashMap, HashSet, VecDeque};

/// Every node once: outcomes in map order, each followed breadth-first by
/// what rests beneath it, then anything no outcome reaches, in map order.
pub fn spotlight_order(doc: &Document) -> Vec<NodeId> {
    let mut beneath: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
    for e in &doc.edges {
        // Edges point from the foundation to what rests on it.
        beneath.entry(e.to).or_default().push(e.from);
    }
    let mut seen = HashSet::with_capacity(doc.nodes.len());
    let mut order = Vec::with_capacity(doc.nodes.len());
    let roots = doc
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Outcome)
        .chain(doc.nodes.iter().filter(|n| n.kind != NodeKind::Outcome));
    for root in roots {
        if !seen.insert(root.id) {
            continue;
        }
        let mut queue = VecDeque::from([root.id]);
        while let Some(id) = queue.pop_front() {
            order.push(id);
            for &below in beneath.get(&id).map_or(&[][..], Vec::as_slice) {
                if seen.insert(below) {
                    queue.push_back(below);
                }
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, EdgeId, EdgeKind, Node};

    #[test]
    fn outcome_first_then_what_it_rests_on() {
        let n = |id, kind| Node::new(NodeId(id), kind, "");
        let doc = Document {
            nodes: vec![
                n(1, NodeKind::Assumption),
                n(2, NodeKind::Belief),
                n(3, NodeKind::Outcome),
                n(4, NodeKind::Question),
            ],
            edges: vec![
                Edge::new(EdgeId(1), NodeId(2), NodeId(3), EdgeKind::Supports),
                Edge::new(EdgeId(2), NodeId(1), NodeId(2), EdgeKind::DependsOn),
            ],
            ..Document::default()
        };
        let order: Vec<u64> = spotlight_order(&doc).iter().map(|i| i.0).collect();
        assert_eq!(order, vec![3, 2, 1, 4]);
    }
}
