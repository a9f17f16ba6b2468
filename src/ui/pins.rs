//! Pins: a pinned card stays where it is when the map is laid out, and the
//! layout places everything else around it. Pin and Unpin are one undo
//! step each, from the inspector, the card's context menu or P.

use super::app::CredenceApp;
use crate::edit::Command;
use crate::model::NodeId;

impl CredenceApp {
    /// Pins the selected cards, or unpins them when all are pinned already.
    pub fn toggle_pin_selection(&mut self) {
        let ids: Vec<NodeId> = self.doc_ui.selection.nodes.iter().copied().collect();
        self.toggle_pin(&ids);
    }

    /// Pins `ids`, or unpins them when all are pinned already.
    pub fn toggle_pin(&mut self, ids: &[NodeId]) {
        let doc = self.open.doc();
        let nodes: Vec<_> = ids.iter().filter_map(|&id| doc.node(id)).collect();
        if nodes.is_empty() {
            return;
        }
        let pin = !nodes.iter().all(|n| n.pinned);
        let changed: Vec<_> = nodes
            .into_iter()
            .filter(|n| n.pinned != pin)
            .map(|n| {
                let mut n = n.clone();
                n.pinned = pin;
                n
            })
            .collect();
        self.apply(Command::UpdateNodes(changed));
    }
}
