//! What a three-way merge could not combine: the same field changed to two
//! values, or a deletion on one side against an edit on the other.
//!
//! The merged document keeps OURS's value and records THEIRS's here, whole
//! (the card, the edge, the note…), so choosing "take theirs" later needs
//! nothing but the document. `fields` names what disagrees; it is empty for
//! a deletion against an edit.

use super::{
    Canvas, CanvasId, Edge, EdgeId, Node, NodeId, Note, NoteId, Participant, ParticipantId,
    Workshop,
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

impl Conflict {
    /// What the conflict is about, for a person: "confidence of card 12",
    /// "card 12, deleted on one side".
    pub fn subject(&self) -> String {
        let what = match &self.theirs {
            Theirs::Title(_) => "the document title".to_owned(),
            Theirs::Node(id, _) => format!("card {}", id.0),
            Theirs::Edge(id, _) => format!("edge {}", id.0),
            Theirs::Canvas(id, _) => format!("canvas {}", id.0),
            Theirs::Note { canvas, note, .. } => format!("note {} on canvas {}", note.0, canvas.0),
            Theirs::Participant(id, _) => format!("participant {}", id.0),
            Theirs::Vote {
                node, participant, ..
            } => format!("participant {}'s vote on card {}", participant.0, node.0),
            Theirs::Workshop(_) => "the workshop".to_owned(),
        };
        if self.fields.is_empty() {
            format!("{what}: deleted on one side, edited on the other")
        } else {
            format!("{what}: {}", self.fields.join(", "))
        }
    }

    /// True when the conflict is about the card `id` (its fields, its
    /// deletion, or a vote on it).
    pub fn is_about_node(&self, id: NodeId) -> bool {
        matches!(self.theirs, Theirs::Node(n, _) if n == id)
            || matches!(self.theirs, Theirs::Vote { node, .. } if node == id)
    }
}
