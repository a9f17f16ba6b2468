//! The document as a petgraph `DiGraph`, built once per document revision
//! and shared by every analysis.

use crate::model::{Document, EdgeKind, NodeId, NodeKind};
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashMap;

/// A directed graph whose node weights are document ids. Edges point from
/// the foundation to what rests on it, as in the document.
pub struct BeliefGraph {
    pub graph: DiGraph<NodeId, EdgeKind>,
    pub index: HashMap<NodeId, NodeIndex>,
    /// Each graph node's kind, by `NodeIndex::index()`.
    kinds: Vec<NodeKind>,
}

impl BeliefGraph {
    pub fn new(doc: &Document) -> Self {
        let mut graph = DiGraph::with_capacity(doc.nodes.len(), doc.edges.len());
        let kinds = doc.nodes.iter().map(|n| n.kind).collect();
        let index: HashMap<NodeId, NodeIndex> = doc
            .nodes
            .iter()
            .map(|n| (n.id, graph.add_node(n.id)))
            .collect();
        for edge in &doc.edges {
            if let (Some(&a), Some(&b)) = (index.get(&edge.from), index.get(&edge.to)) {
                graph.add_edge(a, b, edge.kind);
            }
        }
        Self {
            graph,
            index,
            kinds,
        }
    }

    /// Whether `id` is a bet or an outcome: what a leader stands to lose.
    pub fn is_bet_or_outcome(&self, id: NodeId) -> bool {
        self.index
            .get(&id)
            .is_some_and(|i| matches!(self.kinds[i.index()], NodeKind::Bet | NodeKind::Outcome))
    }

    pub fn id(&self, index: NodeIndex) -> NodeId {
        self.graph[index]
    }
}

/// Whether an edge carries support from its source to its target. Only
/// `contradicts` does not: it undermines, so tracing does not follow it.
pub fn carries_support(kind: EdgeKind) -> bool {
    !matches!(kind, EdgeKind::Contradicts)
}

/// Every cycle, as the set of nodes in each strongly connected component of
/// more than one node (or a node with an edge to itself). Each cycle is
/// sorted by id and the list is sorted, so output is stable.
pub fn cycles(doc: &Document) -> Vec<Vec<NodeId>> {
    cycles_in(&BeliefGraph::new(doc))
}

pub fn cycles_in(g: &BeliefGraph) -> Vec<Vec<NodeId>> {
    let mut out: Vec<Vec<NodeId>> = tarjan_scc(&g.graph)
        .into_iter()
        .filter(|scc| scc.len() > 1 || g.graph.find_edge(scc[0], scc[0]).is_some())
        .map(|scc| {
            let mut ids: Vec<NodeId> = scc.into_iter().map(|i| g.graph[i]).collect();
            ids.sort();
            ids
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Edge, EdgeId, Node, NodeKind};

    /// Nodes 1..=n (all beliefs) and the given supports edges.
    pub fn doc_with(n: u64, edges: &[(u64, u64)]) -> Document {
        let mut d = Document::default();
        for id in 1..=n {
            d.nodes
                .push(Node::new(NodeId(id), NodeKind::Belief, format!("n{id}")));
        }
        for (i, (a, b)) in edges.iter().enumerate() {
            d.edges.push(Edge::new(
                EdgeId(i as u64 + 1),
                NodeId(*a),
                NodeId(*b),
                EdgeKind::Supports,
            ));
        }
        d
    }

    #[test]
    fn finds_each_cycle_once() {
        let d = doc_with(5, &[(1, 2), (2, 3), (3, 1), (4, 4), (4, 5)]);
        assert_eq!(
            cycles(&d),
            vec![vec![NodeId(1), NodeId(2), NodeId(3)], vec![NodeId(4)]]
        );
    }

    #[test]
    fn a_tree_has_no_cycle() {
        assert!(cycles(&doc_with(5, &[(2, 1), (3, 1), (4, 2), (5, 2)])).is_empty());
    }
}
