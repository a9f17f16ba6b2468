//! The command set. Few, general commands (insert, remove, replace) keep
//! the inverse logic small enough to be obviously right; the UI composes
//! them with [`Command::Batch`].

use crate::model::{
    Canvas, CanvasId, Conflict, Document, Dot, DotRound, Edge, EdgeId, Node, NodeId, Note, NoteId,
    Participant, ParticipantId, Point, Snapshot, Workshop,
};

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Insert nodes and edges at the given indices (ascending), so that an
    /// undone removal puts everything back exactly where it was.
    Insert {
        nodes: Vec<(usize, Node)>,
        edges: Vec<(usize, Edge)>,
    },
    /// Remove nodes, the edges touching them, and the listed edges.
    Remove {
        nodes: Vec<NodeId>,
        edges: Vec<EdgeId>,
    },
    /// Replace nodes by id with new versions (any field edit).
    UpdateNodes(Vec<Node>),
    /// Replace edges by id with new versions.
    UpdateEdges(Vec<Edge>),
    /// Move nodes to absolute positions. Absolute rather than deltas, so a
    /// drag that is merged into one step never accumulates rounding drift.
    Move(Vec<(NodeId, Point)>),
    SetTitle(String),
    /// Insert a canvas board at a tab position.
    InsertCanvas {
        index: usize,
        canvas: Canvas,
    },
    RemoveCanvas(CanvasId),
    /// Replace a canvas by id with a new version. Canvases are small (tens
    /// of notes), so every canvas edit (a note typed, moved, recoloured, a
    /// section resized) is one whole-canvas replace with an exact inverse.
    ReplaceCanvas(Canvas),
    /// Replace the workshop (participants, votes, dot round). It is small,
    /// so a vote typed or a dot placed is one whole replace, like canvases.
    ReplaceWorkshop(Workshop),
    /// Set (`Some`) or withdraw (`None`) one person's vote on a card, each.
    /// Small on purpose: the room sends one per phone request, and a whole
    /// workshop per vote would make a 2,000-vote round's history hold
    /// millions of votes.
    SetVotes(Vec<(NodeId, ParticipantId, Option<u8>)>),
    /// Add someone at a position in the participant list (a phone joining
    /// with a new name).
    InsertParticipant {
        index: usize,
        participant: Participant,
    },
    /// Take someone off the list, keeping their votes and dots (ignored
    /// while they are off it), so [`Command::InsertParticipant`] is its
    /// exact inverse. The workshop panel's remove, which also drops their
    /// votes, is a whole-workshop replace.
    RemoveParticipant(ParticipantId),
    /// Show or hide everyone's votes. Small, like the rest of the room's
    /// commands, so that replaying it over an undone step carries no old
    /// votes back (see `history`).
    SetRevealed(bool),
    /// Start (a new round, no dots) or drop the dot round.
    SetDotRound(Option<DotRound>),
    /// Close or reopen the dot round, keeping its dots: small, so that
    /// replaying it never carries old dots back.
    OpenDotRound(bool),
    /// Add one dot to the open round. The allowance is the caller's to
    /// check; without an open round this changes nothing.
    PlaceDot(Dot),
    /// Take back the latest such dot, if there is one.
    TakeDot(Dot),
    /// Append notes to a canvas (the room's silent writing, revealed).
    /// Small, so replaying it over an undone canvas edit keeps that undo.
    AddNotes {
        canvas: CanvasId,
        notes: Vec<Note>,
    },
    /// Take notes off a canvas by id: the inverse of [`Command::AddNotes`].
    RemoveNotes {
        canvas: CanvasId,
        notes: Vec<NoteId>,
    },
    /// Insert a snapshot at a position in the history list.
    InsertSnapshot {
        index: usize,
        snapshot: Snapshot,
    },
    RemoveSnapshot(usize),
    /// Replace the list of merge conflicts: one resolved ("keep mine", or
    /// with its change, "take theirs"). The list is short, so whole.
    SetConflicts(Vec<Conflict>),
    Batch(Vec<Command>),
}

impl Command {
    /// Appends nodes and edges at the end of the document.
    pub fn add(doc: &Document, nodes: Vec<Node>, edges: Vec<Edge>) -> Command {
        let n = doc.nodes.len();
        let e = doc.edges.len();
        Command::Insert {
            nodes: nodes
                .into_iter()
                .enumerate()
                .map(|(i, x)| (n + i, x))
                .collect(),
            edges: edges
                .into_iter()
                .enumerate()
                .map(|(i, x)| (e + i, x))
                .collect(),
        }
    }

    /// Whether this changes only what the board draws as marks over the
    /// cards (vote tags, dot badges): who is in the room, their votes and
    /// dots, the reveal. Boards then keep the rest of their picture.
    pub fn marks_only(&self) -> bool {
        match self {
            Command::SetVotes(_)
            | Command::InsertParticipant { .. }
            | Command::RemoveParticipant(_)
            | Command::SetRevealed(_)
            | Command::SetDotRound(_)
            | Command::OpenDotRound(_)
            | Command::PlaceDot(_)
            | Command::TakeDot(_) => true,
            Command::Batch(commands) => commands.iter().all(Command::marks_only),
            _ => false,
        }
    }

    /// Whether applying this can take nodes or edges away, so a selection
    /// must be checked against the document afterwards.
    pub fn may_remove(&self) -> bool {
        match self {
            Command::Remove { .. } => true,
            Command::Batch(commands) => commands.iter().any(Command::may_remove),
            _ => false,
        }
    }

    /// Applies the command and returns the command that undoes it.
    pub fn apply(self, doc: &mut Document) -> Command {
        match self {
            Command::Insert { nodes, edges } => {
                let inverse = Command::Remove {
                    nodes: nodes.iter().map(|(_, n)| n.id).collect(),
                    edges: edges.iter().map(|(_, e)| e.id).collect(),
                };
                for (i, node) in nodes {
                    let i = i.min(doc.nodes.len());
                    doc.nodes.insert(i, node);
                }
                for (i, edge) in edges {
                    let i = i.min(doc.edges.len());
                    doc.edges.insert(i, edge);
                }
                inverse
            }
            Command::Remove { nodes, edges } => {
                let mut removed_edges = Vec::new();
                let mut kept_edges = Vec::with_capacity(doc.edges.len());
                for (i, edge) in std::mem::take(&mut doc.edges).into_iter().enumerate() {
                    let goes = edges.contains(&edge.id)
                        || nodes.contains(&edge.from)
                        || nodes.contains(&edge.to);
                    if goes {
                        removed_edges.push((i, edge));
                    } else {
                        kept_edges.push(edge);
                    }
                }
                doc.edges = kept_edges;
                let mut removed_nodes = Vec::new();
                let mut kept_nodes = Vec::with_capacity(doc.nodes.len());
                for (i, node) in std::mem::take(&mut doc.nodes).into_iter().enumerate() {
                    if nodes.contains(&node.id) {
                        removed_nodes.push((i, node));
                    } else {
                        kept_nodes.push(node);
                    }
                }
                doc.nodes = kept_nodes;
                Command::Insert {
                    nodes: removed_nodes,
                    edges: removed_edges,
                }
            }
            Command::UpdateNodes(new) => {
                let index = doc.index();
                let mut old = Vec::with_capacity(new.len());
                for node in new {
                    if let Some(&i) = index.get(&node.id) {
                        old.push(std::mem::replace(&mut doc.nodes[i], node));
                    }
                }
                Command::UpdateNodes(old)
            }
            Command::UpdateEdges(new) => {
                let mut old = Vec::with_capacity(new.len());
                for edge in new {
                    if let Some(slot) = doc.edges.iter_mut().find(|e| e.id == edge.id) {
                        old.push(std::mem::replace(slot, edge));
                    }
                }
                Command::UpdateEdges(old)
            }
            Command::Move(moves) => {
                // A drag moves a few nodes of many: one pass over the nodes
                // with a small map beats indexing them all, every frame.
                let wanted: std::collections::HashMap<NodeId, usize> = moves
                    .iter()
                    .enumerate()
                    .map(|(k, (id, _))| (*id, k))
                    .collect();
                let mut found: Vec<Option<usize>> = vec![None; moves.len()];
                for (i, node) in doc.nodes.iter().enumerate() {
                    if let Some(&k) = wanted.get(&node.id) {
                        found[k].get_or_insert(i);
                    }
                }
                let mut old = Vec::with_capacity(moves.len());
                for ((id, pos), slot) in moves.into_iter().zip(found) {
                    if let Some(i) = slot {
                        old.push((id, doc.nodes[i].pos));
                        doc.nodes[i].pos = pos;
                    }
                }
                Command::Move(old)
            }
            Command::SetTitle(title) => Command::SetTitle(std::mem::replace(&mut doc.title, title)),
            Command::SetConflicts(conflicts) => {
                Command::SetConflicts(std::mem::replace(&mut doc.conflicts, conflicts))
            }
            Command::InsertCanvas { index, canvas } => {
                let inverse = Command::RemoveCanvas(canvas.id);
                let index = index.min(doc.canvases.len());
                doc.canvases.insert(index, canvas);
                inverse
            }
            Command::RemoveCanvas(id) => match doc.canvases.iter().position(|c| c.id == id) {
                Some(index) => Command::InsertCanvas {
                    index,
                    canvas: doc.canvases.remove(index),
                },
                None => Command::Batch(Vec::new()),
            },
            Command::ReplaceCanvas(canvas) => {
                match doc.canvases.iter_mut().find(|c| c.id == canvas.id) {
                    Some(slot) => Command::ReplaceCanvas(std::mem::replace(slot, canvas)),
                    None => Command::Batch(Vec::new()),
                }
            }
            Command::SetVotes(votes) => {
                let mut inverse: Vec<_> = votes
                    .into_iter()
                    .map(|(node, participant, value)| {
                        let before = doc.workshop.vote(node, participant);
                        doc.workshop.set_vote(node, participant, value);
                        (node, participant, before)
                    })
                    .collect();
                // Undone in the reverse order, so a card voted twice in one
                // batch comes back to its first value.
                inverse.reverse();
                Command::SetVotes(inverse)
            }
            Command::ReplaceWorkshop(workshop) => {
                Command::ReplaceWorkshop(std::mem::replace(&mut doc.workshop, workshop))
            }
            Command::InsertParticipant { index, participant } => {
                let id = participant.id;
                let list = &mut doc.workshop.participants;
                list.insert(index.min(list.len()), participant);
                Command::RemoveParticipant(id)
            }
            Command::RemoveParticipant(id) => {
                let list = &mut doc.workshop.participants;
                match list.iter().position(|p| p.id == id) {
                    Some(index) => Command::InsertParticipant {
                        index,
                        participant: list.remove(index),
                    },
                    None => Command::Batch(Vec::new()),
                }
            }
            Command::SetRevealed(revealed) => {
                Command::SetRevealed(std::mem::replace(&mut doc.workshop.revealed, revealed))
            }
            Command::SetDotRound(round) => {
                Command::SetDotRound(std::mem::replace(&mut doc.workshop.dot_round, round))
            }
            Command::OpenDotRound(open) => match &mut doc.workshop.dot_round {
                Some(round) => Command::OpenDotRound(std::mem::replace(&mut round.open, open)),
                None => Command::Batch(Vec::new()),
            },
            Command::PlaceDot(dot) => match doc.workshop.dot_round.as_mut().filter(|r| r.open) {
                Some(round) => {
                    round.dots.push(dot);
                    Command::TakeDot(dot)
                }
                None => Command::Batch(Vec::new()),
            },
            Command::AddNotes { canvas, notes } => {
                match doc.canvases.iter_mut().find(|c| c.id == canvas) {
                    Some(c) => {
                        let ids = notes.iter().map(|n| n.id).collect();
                        c.notes.extend(notes);
                        Command::RemoveNotes { canvas, notes: ids }
                    }
                    None => Command::Batch(Vec::new()),
                }
            }
            Command::RemoveNotes { canvas, notes } => {
                match doc.canvases.iter_mut().find(|c| c.id == canvas) {
                    Some(c) => {
                        let (gone, kept) = std::mem::take(&mut c.notes)
                            .into_iter()
                            .partition(|n| notes.contains(&n.id));
                        c.notes = kept;
                        Command::AddNotes {
                            canvas,
                            notes: gone,
                        }
                    }
                    None => Command::Batch(Vec::new()),
                }
            }
            Command::TakeDot(dot) => {
                if doc.workshop.remove_dot(dot.participant, dot.target) {
                    Command::PlaceDot(dot)
                } else {
                    Command::Batch(Vec::new())
                }
            }
            Command::InsertSnapshot { index, snapshot } => {
                let index = index.min(doc.snapshots.len());
                doc.snapshots.insert(index, snapshot);
                Command::RemoveSnapshot(index)
            }
            Command::RemoveSnapshot(index) if index < doc.snapshots.len() => {
                Command::InsertSnapshot {
                    index,
                    snapshot: doc.snapshots.remove(index),
                }
            }
            Command::RemoveSnapshot(_) => Command::Batch(Vec::new()),
            Command::Batch(commands) => {
                let mut inverses: Vec<Command> =
                    commands.into_iter().map(|c| c.apply(doc)).collect();
                inverses.reverse();
                Command::Batch(inverses)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_votes_undoes_exactly_even_a_card_voted_twice() {
        let mut doc = Document::default();
        let p = doc.workshop.add_participant("Ana");
        let (a, b) = (NodeId(1), NodeId(2));
        doc.workshop.set_vote(a, p, Some(30));
        let before = doc.clone();
        let inverse = Command::SetVotes(vec![(a, p, Some(60)), (b, p, Some(10)), (a, p, None)])
            .apply(&mut doc);
        assert_eq!(doc.workshop.vote(a, p), None);
        assert_eq!(doc.workshop.vote(b, p), Some(10));
        inverse.apply(&mut doc);
        assert_eq!(doc, before);
    }
}
