//! The whole belief map, plus the invariants every loaded or edited document keeps.

use super::canvas::{Canvas, CanvasId, MAX_GRID, NoteId};
use super::{Conflict, Edge, EdgeId, MAX_WIP, Node, NodeId, Snapshot, Workshop};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// A Credence document. Nodes and edges are kept in vectors, not maps, so
/// the saved order is the user's order and diffs of two saves stay small.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub title: String,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Canvas boards, in tab order.
    pub canvases: Vec<Canvas>,
    pub workshop: Workshop,
    /// Oldest first.
    pub snapshots: Vec<Snapshot>,
    /// What `credence merge` could not combine, until someone chooses.
    pub conflicts: Vec<Conflict>,
}

/// A broken invariant. Loading refuses such a document instead of guessing.
#[derive(Clone, Debug, PartialEq)]
pub enum Invalid {
    DuplicateNodeId(NodeId),
    DuplicateEdgeId(EdgeId),
    MissingNode {
        edge: EdgeId,
        node: NodeId,
    },
    NonFinite {
        node: NodeId,
        field: &'static str,
    },
    OutOfRange {
        node: NodeId,
        field: &'static str,
        value: u8,
    },
    TooLong {
        node: NodeId,
        field: &'static str,
        chars: usize,
    },
    TooManyNodes(usize),
    /// The workshop (participants, votes, dots, snapshots) is broken in the
    /// way the message says.
    Workshop {
        /// The top-level field at fault: `workshop` or `snapshots`.
        field: &'static str,
        message: String,
    },
    /// A canvas broken in some way the message says.
    Canvas {
        canvas: CanvasId,
        message: String,
    },
}

/// Beyond these a document is refused: no real map comes close, and a
/// runaway file should get a clear message rather than stall the app.
pub const MAX_NODES: usize = 200_000;
pub const MAX_TEXT_CHARS: usize = 100_000;
/// Participant names and snapshot labels are one-liners.
pub const MAX_NAME_CHARS: usize = 200;

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Invalid::DuplicateNodeId(id) => write!(f, "duplicate node id {}", id.0),
            Invalid::Workshop { message, .. } => f.write_str(message),
            Invalid::Canvas { canvas, message } => write!(f, "canvas {}: {message}", canvas.0),
            Invalid::DuplicateEdgeId(id) => write!(f, "duplicate edge id {}", id.0),
            Invalid::MissingNode { edge, node } => {
                write!(
                    f,
                    "edge {} names node {}, which does not exist",
                    edge.0, node.0
                )
            }
            Invalid::NonFinite { node, field } => {
                write!(f, "node {} has a non-finite {field}", node.0)
            }
            Invalid::TooLong { node, field, chars } => write!(
                f,
                "node {} has a {field} of {chars} characters, over the {MAX_TEXT_CHARS} limit",
                node.0
            ),
            Invalid::TooManyNodes(count) => {
                write!(f, "the map has {count} nodes, over the {MAX_NODES} limit")
            }
            Invalid::OutOfRange { node, field, value } => {
                let range = if *field == "importance" {
                    "1–5"
                } else {
                    "0–100"
                };
                write!(f, "node {} has {field} {value}, outside {range}", node.0)
            }
        }
    }
}

impl Document {
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    pub fn node_index(&self, id: NodeId) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }

    pub fn edge(&self, id: EdgeId) -> Option<&Edge> {
        self.edges.iter().find(|e| e.id == id)
    }

    pub fn edge_index(&self, id: EdgeId) -> Option<usize> {
        self.edges.iter().position(|e| e.id == id)
    }

    /// Position of every node by id, for loops that look up many nodes
    /// (the `node` method is a linear search).
    pub fn index(&self) -> HashMap<NodeId, usize> {
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id, i))
            .collect()
    }

    /// A node id nothing in the document names. A deleted card's votes,
    /// dots, note links and snapshot rows are kept (undo brings them back
    /// with it), so a new card must not take its id and inherit them.
    pub fn next_node_id(&self) -> NodeId {
        NodeId(self.highest_node_id() + 1)
    }

    /// The highest node id anything in the document names; 0 if none.
    pub fn highest_node_id(&self) -> u64 {
        self.node_ids_named().map(|id| id.0).max().unwrap_or(0)
    }

    /// Every node id the document names: its cards, and what still names
    /// a deleted one (edges, note links, the workshop, snapshots,
    /// conflicts). Ids may repeat.
    pub fn node_ids_named(&self) -> impl Iterator<Item = NodeId> + '_ {
        let edges = self.edges.iter().flat_map(|e| [e.from, e.to]);
        let links = self.canvases.iter().flat_map(|c| c.notes.iter());
        let snapshots = self.snapshots.iter().flat_map(|s| &s.nodes);
        let conflicts = self.conflicts.iter().flat_map(|c| c.theirs.node_ids());
        self.nodes
            .iter()
            .map(|n| n.id)
            .chain(edges)
            .chain(links.filter_map(|n| n.link))
            .chain(self.workshop.node_ids())
            .chain(snapshots.map(|s| s.node))
            .chain(conflicts)
    }

    pub fn next_edge_id(&self) -> EdgeId {
        EdgeId(self.edges.iter().map(|e| e.id.0 + 1).max().unwrap_or(1))
    }

    /// Edges that touch `id`, in document order.
    pub fn edges_of(&self, id: NodeId) -> impl Iterator<Item = &Edge> {
        self.edges
            .iter()
            .filter(move |e| e.from == id || e.to == id)
    }

    /// The first broken invariant, if any.
    pub fn validate(&self) -> Result<(), Invalid> {
        if self.nodes.len() > MAX_NODES {
            return Err(Invalid::TooManyNodes(self.nodes.len()));
        }
        let mut node_ids = HashSet::with_capacity(self.nodes.len());
        for node in &self.nodes {
            for (field, text) in node.texts() {
                // Bytes bound characters from above, so most texts skip the count.
                if text.len() > MAX_TEXT_CHARS {
                    let chars = text.chars().count();
                    if chars > MAX_TEXT_CHARS {
                        return Err(Invalid::TooLong {
                            node: node.id,
                            field,
                            chars,
                        });
                    }
                }
            }
            if !node_ids.insert(node.id) {
                return Err(Invalid::DuplicateNodeId(node.id));
            }
            let finite = [
                ("position", node.pos.x.is_finite() && node.pos.y.is_finite()),
                ("size", node.size.w.is_finite() && node.size.h.is_finite()),
            ];
            if let Some((field, _)) = finite.iter().find(|(_, ok)| !ok) {
                return Err(Invalid::NonFinite {
                    node: node.id,
                    field,
                });
            }
            if node.confidence > 100 {
                return Err(Invalid::OutOfRange {
                    node: node.id,
                    field: "confidence",
                    value: node.confidence,
                });
            }
            if !(1..=5).contains(&node.importance) {
                return Err(Invalid::OutOfRange {
                    node: node.id,
                    field: "importance",
                    value: node.importance,
                });
            }
            for (field, value) in [("stance", node.stance), ("convergence", node.convergence)] {
                if let Some(value) = value.filter(|v| *v > 100) {
                    return Err(Invalid::OutOfRange {
                        node: node.id,
                        field,
                        value,
                    });
                }
            }
        }
        self.validate_canvases()?;
        self.validate_workshop()?;
        let mut edge_ids = HashSet::with_capacity(self.edges.len());
        for edge in &self.edges {
            if !edge_ids.insert(edge.id) {
                return Err(Invalid::DuplicateEdgeId(edge.id));
            }
            for end in [edge.from, edge.to] {
                if !node_ids.contains(&end) {
                    return Err(Invalid::MissingNode {
                        edge: edge.id,
                        node: end,
                    });
                }
            }
        }
        Ok(())
    }

    fn validate_canvases(&self) -> Result<(), Invalid> {
        let mut canvas_ids = HashSet::new();
        for canvas in &self.canvases {
            let bad = |message: String| Invalid::Canvas {
                canvas: canvas.id,
                message,
            };
            if !canvas_ids.insert(canvas.id) {
                return Err(bad("two canvases share this id".into()));
            }
            let grid = 1..=MAX_GRID;
            if !grid.contains(&canvas.columns) || !grid.contains(&canvas.rows) {
                return Err(bad(format!(
                    "the grid is {} × {}; each side must be 1 to {MAX_GRID}",
                    canvas.columns, canvas.rows
                )));
            }
            let mut section_ids = HashSet::new();
            for s in &canvas.sections {
                if !section_ids.insert(s.id) {
                    return Err(bad(format!("duplicate section id {}", s.id.0)));
                }
                if !s.cells.fits(canvas.columns, canvas.rows) {
                    return Err(bad(format!(
                        "section {} does not fit the {} × {} grid",
                        s.id.0, canvas.columns, canvas.rows
                    )));
                }
            }
            let mut note_ids = HashSet::new();
            for n in &canvas.notes {
                if !note_ids.insert(n.id) {
                    return Err(bad(format!("duplicate note id {}", n.id.0)));
                }
                if !section_ids.contains(&n.section) {
                    return Err(bad(format!(
                        "note {} is in section {}, which does not exist",
                        n.id.0, n.section.0
                    )));
                }
                if n.text.len() > MAX_TEXT_CHARS && n.text.chars().count() > MAX_TEXT_CHARS {
                    return Err(bad(format!(
                        "note {} is over {MAX_TEXT_CHARS} characters",
                        n.id.0
                    )));
                }
            }
        }
        Ok(())
    }

    fn validate_workshop(&self) -> Result<(), Invalid> {
        let bad = |message: String| {
            Err(Invalid::Workshop {
                field: "workshop",
                message,
            })
        };
        let w = &self.workshop;
        let mut ids = HashSet::new();
        for p in &w.participants {
            if !ids.insert(p.id) {
                return bad(format!("two participants share id {}", p.id.0));
            }
            if p.name.chars().count() > MAX_NAME_CHARS {
                return bad(format!(
                    "participant {} has a name over {MAX_NAME_CHARS} characters",
                    p.id.0
                ));
            }
        }
        let mut pairs = HashSet::new();
        for v in &w.votes {
            if !pairs.insert((v.node, v.participant)) {
                return bad(format!(
                    "participant {} votes twice on node {}",
                    v.participant.0, v.node.0
                ));
            }
            if v.confidence > 100 {
                return bad(format!(
                    "a vote on node {} is {}, outside 0–100",
                    v.node.0, v.confidence
                ));
            }
        }
        if !(1..=MAX_WIP).contains(&w.backlog.wip_limit) {
            return bad(format!(
                "the learning backlog's work-in-progress limit is {}, outside 1–{MAX_WIP}",
                w.backlog.wip_limit
            ));
        }
        if let Some(round) = &w.dot_round {
            for p in &w.participants {
                let used = w.dots_used(p.id);
                if used > usize::from(round.per_person) {
                    return bad(format!(
                        "participant {} placed {used} dots, over the round's {} each",
                        p.id.0, round.per_person
                    ));
                }
            }
        }
        let bad = |message: String| {
            Err(Invalid::Workshop {
                field: "snapshots",
                message,
            })
        };
        for s in &self.snapshots {
            if s.label.chars().count() > MAX_NAME_CHARS {
                return bad(format!(
                    "a snapshot label is over {MAX_NAME_CHARS} characters"
                ));
            }
            for n in &s.nodes {
                let fields = [
                    ("confidence", Some(n.confidence), 0..=100),
                    ("stance", n.stance, 0..=100),
                    ("convergence", n.convergence, 0..=100),
                    ("importance", n.importance, 1..=5),
                ];
                for (field, value, range) in fields {
                    if let Some(value) = value.filter(|v| !range.contains(v)) {
                        return bad(format!(
                            "snapshot \"{}\" gives node {} {field} {value}, outside {}–{}",
                            s.label,
                            n.node.0,
                            range.start(),
                            range.end()
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    pub fn canvas(&self, id: CanvasId) -> Option<&Canvas> {
        self.canvases.iter().find(|c| c.id == id)
    }

    /// A canvas id nothing names: dots on a deleted canvas's notes are
    /// kept (undo brings the canvas back), so a new canvas must not take
    /// its id and show them.
    pub fn next_canvas_id(&self) -> CanvasId {
        let dotted = self.workshop.notes_dotted().map(|(c, _)| c.0);
        let listed = self.canvases.iter().map(|c| c.id.0);
        CanvasId(listed.chain(dotted).max().unwrap_or(0) + 1)
    }

    /// A note id on `canvas` nothing names, for the same reason as
    /// [`Document::next_canvas_id`]: a deleted note's dots stay for undo.
    pub fn next_note_id(&self, canvas: CanvasId) -> NoteId {
        let dotted = self.workshop.notes_dotted();
        let dotted = dotted.filter(|&(c, _)| c == canvas).map(|(_, n)| n.0);
        let listed = self.canvas(canvas).into_iter().flat_map(|c| &c.notes);
        NoteId(listed.map(|n| n.id.0).chain(dotted).max().unwrap_or(0) + 1)
    }
}
