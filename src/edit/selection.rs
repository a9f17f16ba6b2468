//! What the user has selected. Kept by id, so it survives undo and reorder.

use crate::model::{Document, EdgeId, NodeId};
use std::collections::BTreeSet;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub nodes: BTreeSet<NodeId>,
    pub edges: BTreeSet<EdgeId>,
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.edges.is_empty()
    }

    pub fn clear(&mut self) {
        self.nodes.clear();
        self.edges.clear();
    }

    pub fn only_node(&mut self, id: NodeId) {
        self.clear();
        self.nodes.insert(id);
    }

    pub fn only_edge(&mut self, id: EdgeId) {
        self.clear();
        self.edges.insert(id);
    }

    pub fn toggle_node(&mut self, id: NodeId) {
        if !self.nodes.remove(&id) {
            self.nodes.insert(id);
        }
    }

    /// The single selected node, if exactly one node and no edge is selected.
    pub fn single_node(&self) -> Option<NodeId> {
        (self.nodes.len() == 1 && self.edges.is_empty())
            .then(|| *self.nodes.first().expect("len is 1"))
    }

    /// Drops ids that no longer exist, e.g. after an undo removed them.
    pub fn retain_existing(&mut self, doc: &Document) {
        if self.is_empty() {
            return;
        }
        let nodes: std::collections::HashSet<_> = doc.nodes.iter().map(|n| n.id).collect();
        let edges: std::collections::HashSet<_> = doc.edges.iter().map(|e| e.id).collect();
        self.nodes.retain(|id| nodes.contains(id));
        self.edges.retain(|id| edges.contains(id));
    }
}
