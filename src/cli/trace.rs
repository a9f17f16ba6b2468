//! `credence trace FILE NODE [--up | --down]`

use credence::analysis::{BeliefGraph, trace};
use credence::model::{Document, NodeId};
use std::path::Path;
use std::process::ExitCode;

/// Finds NODE by id first, then by exact title.
pub fn find(doc: &Document, node: &str) -> Option<NodeId> {
    let by_id = node
        .parse::<u64>()
        .ok()
        .map(NodeId)
        .filter(|id| doc.node(*id).is_some());
    by_id.or_else(|| doc.nodes.iter().find(|n| n.title == node).map(|n| n.id))
}

pub fn run(file: &Path, node: &str, up: bool) -> ExitCode {
    let doc = match credence::io::load(file) {
        Ok(doc) => doc,
        Err(err) => return super::output::fail(err),
    };
    let Some(start) = find(&doc, node) else {
        return super::output::fail(format!(
            "{}: no node with id or title \"{node}\"",
            file.display()
        ));
    };
    let g = BeliefGraph::new(&doc);
    let ids = if up {
        trace::upstream(&g, start)
    } else {
        trace::downstream(&g, start)
    };
    let mut out = String::new();
    for id in ids {
        if let Some(n) = doc.node(id) {
            let title = n.title.replace(['\t', '\n', '\r'], " ");
            out.push_str(&format!(
                "{}\t{}\t{title}\n",
                id.0,
                n.kind.label().to_lowercase()
            ));
        }
    }
    print!("{out}");
    ExitCode::SUCCESS
}
