//! What a three-way merge could not combine: the same field changed to two
//! values, or a deletion on one side against an edit on the other.
//!
//! The merged document keeps OURS's value and records THEIRS's here, whole
//! (the card, the edge, the note…), so choosing "take theirs" later needs
//! nothing but the document. `fields` names what disagrees; it is empty for
//! a deletion against an edit.

use super::{
    Canvas, CanvasId, Document, Edge, EdgeId, Node, NodeId, Note, NoteId, Participant,
    ParticipantId, Workshop,
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// The fields both sides changed, each differently; empty when one side
    /// deleted what the other edited.
    #[serde(default)]
    pub fields: Vec<String>,
    pub theirs: Theirs,
}

/// THEIRS's side of a conflict: what it disagrees on, and its version of
/// it (`None` where THEIRS deleted it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Theirs {
    Title(String),
    Node(NodeId, Option<Box<Node>>),
    Edge(EdgeId, Option<Edge>),
    /// A canvas's own fields (name, header, grid, sections) or the whole
    /// canvas; its notes conflict one by one.
    Canvas(CanvasId, Option<Canvas>),
    Note {
        canvas: CanvasId,
        note: NoteId,
        theirs: Option<Note>,
    },
    Participant(ParticipantId, Option<Participant>),
    Vote {
        node: NodeId,
        participant: ParticipantId,
        confidence: Option<u8>,
    },
    /// The workshop's own fields (revealed, dot round, path, backlog…).
    Workshop(Box<Workshop>),
}

impl Theirs {
    /// The node ids THEIRS's side names, so a new card never takes one
    /// that "take theirs" would bring back.
    pub fn node_ids(&self) -> Vec<NodeId> {
        match self {
            Theirs::Node(id, _) => vec![*id],
            Theirs::Edge(_, Some(e)) => vec![e.from, e.to],
            Theirs::Vote { node, .. } => vec![*node],
            Theirs::Note { theirs, .. } => theirs.iter().filter_map(|n| n.link).collect(),
            Theirs::Canvas(_, Some(c)) => c.notes.iter().filter_map(|n| n.link).collect(),
            Theirs::Workshop(w) => w.node_ids().collect(),
            Theirs::Title(_) | Theirs::Edge(_, None) | Theirs::Canvas(_, None) => Vec::new(),
            Theirs::Participant(..) => Vec::new(),
        }
    }

    /// The participant ids THEIRS's side names.
    pub fn participant_ids(&self) -> Vec<ParticipantId> {
        match self {
            Theirs::Participant(id, _)
            | Theirs::Vote {
                participant: id, ..
            } => vec![*id],
            Theirs::Workshop(w) => w.participant_ids().collect(),
            _ => Vec::new(),
        }
    }
}

impl Conflict {
    /// What the conflict is about, for a person, with cards named by title
    /// as `doc` (or THEIRS's version) has them: `card "Price matters":
    /// confidence`, `card "Price matters": deleted on one side, edited on
    /// the other`.
    pub fn describe(&self, doc: &Document) -> String {
        let card = |id: NodeId| {
            doc.node(id)
                .map(|n| n.title.as_str())
                .or(match &self.theirs {
                    Theirs::Node(n, Some(t)) if *n == id => Some(t.title.as_str()),
                    _ => None,
                })
                .map_or_else(|| format!("card {}", id.0), |t| format!("card {t:?}"))
        };
        let what = match &self.theirs {
            Theirs::Title(_) => "the document title".to_owned(),
            Theirs::Node(id, _) => card(*id),
            Theirs::Edge(id, theirs) => {
                let ours = doc.edges.iter().find(|e| e.id == *id);
                match ours.or(theirs.as_ref()) {
                    Some(e) => format!("edge {} {} {}", card(e.from), e.kind.label(), card(e.to)),
                    None => format!("edge {}", id.0),
                }
            }
            Theirs::Canvas(id, theirs) => {
                let name = doc.canvas(*id).or(theirs.as_ref()).map(|c| c.name.as_str());
                name.map_or_else(|| format!("canvas {}", id.0), |n| format!("canvas {n:?}"))
            }
            Theirs::Note {
                canvas,
                note,
                theirs,
            } => {
                let ours = doc
                    .canvas(*canvas)
                    .and_then(|c| c.notes.iter().find(|n| n.id == *note));
                match ours.or(theirs.as_ref()) {
                    Some(n) => format!("note {:?}", n.text),
                    None => format!("note {}", note.0),
                }
            }
            Theirs::Participant(id, theirs) => {
                let name = doc
                    .workshop
                    .participant(*id)
                    .or(theirs.as_ref())
                    .map(|p| p.name.as_str());
                name.map_or_else(
                    || format!("participant {}", id.0),
                    |n| format!("participant {n:?}"),
                )
            }
            Theirs::Vote {
                node, participant, ..
            } => {
                let who = doc.workshop.participant(*participant).map_or_else(
                    || format!("participant {}", participant.0),
                    |p| p.name.clone(),
                );
                format!("{who}'s vote on {}", card(*node))
            }
            Theirs::Workshop(_) => "the workshop".to_owned(),
        };
        if self.fields.is_empty() {
            format!("{what}: deleted on one side, edited on the other")
        } else {
            format!("{what}: {}", self.fields.join(", ").replace('_', " "))
        }
    }

    /// The card the conflict is about, if it is about one (its fields, its
    /// deletion, or a vote on it).
    pub fn node(&self) -> Option<NodeId> {
        match self.theirs {
            Theirs::Node(id, _) | Theirs::Vote { node: id, .. } => Some(id),
            _ => None,
        }
    }
}
