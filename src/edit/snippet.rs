//! A piece of a map on its way through the clipboard (copy, paste, duplicate).

use super::{Command, Selection};
use crate::model::{Document, Edge, Node, NodeId};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Marks clipboard text as ours, so pasting plain text from elsewhere is not
/// mistaken for nodes.
const HEADER: &str = "// credence-snippet\n";

/// Selected nodes with the edges between them. Edges leaving the selection
/// are dropped: a pasted copy should not reach into the original.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Snippet {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl Snippet {
    pub fn from_selection(doc: &Document, selection: &Selection) -> Self {
        let nodes: Vec<Node> = doc
            .nodes
            .iter()
            .filter(|n| selection.nodes.contains(&n.id))
            .cloned()
            .collect();
        let edges = doc
            .edges
            .iter()
            .filter(|e| selection.nodes.contains(&e.from) && selection.nodes.contains(&e.to))
            .cloned()
            .collect();
        Self { nodes, edges }
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn to_text(&self) -> String {
        let body = ron::ser::to_string(self).unwrap_or_default();
        format!("{HEADER}{body}")
    }

    /// `None` for text that did not come from [`Snippet::to_text`], or that
    /// would break the document's invariants.
    pub fn from_text(text: &str) -> Option<Self> {
        let body = text.strip_prefix(HEADER)?;
        let snippet: Snippet = ron::from_str(body).ok()?;
        let check = Document {
            title: String::new(),
            nodes: snippet.nodes.clone(),
            edges: snippet.edges.clone(),
            ..Document::default()
        };
        check.validate().ok()?;
        Some(snippet)
    }

    /// A command that adds a fresh copy (new ids) shifted by `(dx, dy)`,
    /// and the ids of the new nodes so the UI can select them.
    pub fn paste(&self, doc: &Document, dx: f32, dy: f32) -> (Command, Vec<NodeId>) {
        let mut next_node = doc.next_node_id().0;
        let mut next_edge = doc.next_edge_id().0;
        let mut renamed = HashMap::new();
        let nodes: Vec<Node> = self
            .nodes
            .iter()
            .map(|n| {
                let mut n = n.clone();
                let id = NodeId(next_node);
                next_node += 1;
                renamed.insert(n.id, id);
                n.id = id;
                n.pos.x += dx;
                n.pos.y += dy;
                n
            })
            .collect();
        let edges = self
            .edges
            .iter()
            .filter_map(|e| {
                let mut e = e.clone();
                e.from = *renamed.get(&e.from)?;
                e.to = *renamed.get(&e.to)?;
                e.id = crate::model::EdgeId(next_edge);
                next_edge += 1;
                Some(e)
            })
            .collect();
        let ids = nodes.iter().map(|n| n.id).collect();
        (Command::add(doc, nodes, edges), ids)
    }
}
