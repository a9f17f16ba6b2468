//! Resolving a merge conflict, as one undoable command: *Keep mine* drops
//! the record of THEIRS's value; *Take theirs* applies it, then drops it.

use super::fields::take_fields;
use crate::edit::Command;
use crate::model::{Canvas, Document, Theirs};

/// THEIRS's version of the record at `at` in `list`: its conflicting
/// `fields` (all of it for a deletion against an edit), put back when OURS
/// deleted it, or taken out when THEIRS did.
fn take_into<T>(list: &mut Vec<T>, at: Option<usize>, theirs: Option<&T>, fields: &[String])
where
    T: serde::Serialize + serde::de::DeserializeOwned + Clone,
{
    match (at, theirs) {
        (Some(i), Some(t)) if !fields.is_empty() => list[i] = take_fields(&list[i], t, fields),
        (Some(i), Some(t)) => list[i] = t.clone(),
        (None, Some(t)) => list.push(t.clone()),
        (Some(i), None) => {
            list.remove(i);
        }
        (None, None) => {}
    }
}

/// The conflicts without the one at `index`.
fn without(doc: &Document, index: usize) -> Command {
    let mut rest = doc.conflicts.clone();
    if index < rest.len() {
        rest.remove(index);
    }
    Command::SetConflicts(rest)
}

/// *Keep mine*: the document already holds OURS's value.
pub fn keep_mine(doc: &Document, index: usize) -> Option<Command> {
    (index < doc.conflicts.len()).then(|| without(doc, index))
}

/// *Take theirs*: THEIRS's value replaces OURS's, and the conflict goes.
/// `None` when there is no such conflict, or when THEIRS's value no longer
/// fits the document (what it rested on was deleted since).
pub fn take_theirs(doc: &Document, index: usize) -> Option<Command> {
    let conflict = doc.conflicts.get(index)?;
    let fields = &conflict.fields;
    let change = match &conflict.theirs {
        Theirs::Title(title) => Command::SetTitle(title.clone()),
        Theirs::Node(id, theirs) => match (doc.node(*id), theirs) {
            (Some(ours), Some(t)) if !fields.is_empty() => {
                Command::UpdateNodes(vec![take_fields(ours, t.as_ref(), fields)])
            }
            (Some(_), Some(t)) => Command::UpdateNodes(vec![(**t).clone()]),
            (None, Some(t)) => Command::add(doc, vec![(**t).clone()], Vec::new()),
            (Some(_), None) => Command::Remove {
                nodes: vec![*id],
                edges: Vec::new(),
            },
            (None, None) => Command::Batch(Vec::new()),
        },
        Theirs::Edge(id, theirs) => match (doc.edges.iter().find(|e| e.id == *id), theirs) {
            (Some(ours), Some(t)) if !fields.is_empty() => {
                Command::UpdateEdges(vec![take_fields(ours, t, fields)])
            }
            (Some(_), Some(t)) => Command::UpdateEdges(vec![t.clone()]),
            (None, Some(t)) => Command::add(doc, Vec::new(), vec![t.clone()]),
            (Some(_), None) => Command::Remove {
                nodes: Vec::new(),
                edges: vec![*id],
            },
            (None, None) => Command::Batch(Vec::new()),
        },
        Theirs::Canvas(id, theirs) => match (doc.canvas(*id), theirs) {
            (Some(ours), Some(t)) => {
                let mut c = if fields.is_empty() {
                    t.clone()
                } else {
                    Canvas {
                        notes: ours.notes.clone(),
                        ..take_fields(ours, t, fields)
                    }
                };
                super::rehome_notes(&mut c);
                Command::ReplaceCanvas(c)
            }
            (None, Some(t)) => Command::InsertCanvas {
                index: doc.canvases.len(),
                canvas: t.clone(),
            },
            (Some(_), None) => Command::RemoveCanvas(*id),
            (None, None) => Command::Batch(Vec::new()),
        },
        Theirs::Note {
            canvas,
            note,
            theirs,
        } => {
            let mut c = doc.canvas(*canvas)?.clone();
            let at = c.notes.iter().position(|n| n.id == *note);
            take_into(&mut c.notes, at, theirs.as_ref(), fields);
            super::rehome_notes(&mut c);
            Command::ReplaceCanvas(c)
        }
        Theirs::Participant(id, theirs) => {
            let mut w = doc.workshop.clone();
            let at = w.participants.iter().position(|p| p.id == *id);
            take_into(&mut w.participants, at, theirs.as_ref(), fields);
            Command::ReplaceWorkshop(w)
        }
        Theirs::Vote {
            node,
            participant,
            confidence,
        } => Command::SetVotes(vec![(*node, *participant, *confidence)]),
        Theirs::Workshop(t) => {
            let ours = &doc.workshop;
            let mut w = take_fields(ours, t, fields);
            w.participants = ours.participants.clone();
            w.votes = ours.votes.clone();
            Command::ReplaceWorkshop(w)
        }
    };
    let command = Command::Batch(vec![change, without(doc, index)]);
    let mut check = doc.clone();
    command.clone().apply(&mut check);
    check.validate().is_ok().then_some(command)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::merge::merge;
    use crate::model::{Node, NodeId, NodeKind};

    fn one(confidence: u8) -> Document {
        let mut n = Node::new(NodeId(1), NodeKind::Belief, "Price matters");
        n.confidence = confidence;
        Document {
            nodes: vec![n],
            ..Document::default()
        }
    }

    #[test]
    fn take_theirs_then_undo_restores_the_conflict() {
        let merged = merge(&one(40), &one(65), &one(20)).unwrap().doc;
        assert_eq!(merged.nodes[0].confidence, 65, "ours kept");
        assert_eq!(merged.conflicts.len(), 1);
        let mut doc = merged.clone();
        let undo = take_theirs(&doc, 0).unwrap().apply(&mut doc);
        assert_eq!(doc.nodes[0].confidence, 20);
        assert!(doc.conflicts.is_empty());
        undo.apply(&mut doc);
        assert_eq!(doc, merged);
        let mut doc = merged.clone();
        keep_mine(&doc, 0).unwrap().apply(&mut doc);
        assert_eq!(doc.nodes[0].confidence, 65);
        assert!(doc.conflicts.is_empty());
    }
}
