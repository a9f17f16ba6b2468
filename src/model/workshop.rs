//! What a workshop adds to a map: the people in the room, their private
//! confidence votes, dot-voting rounds, and snapshots of belief over time.
//!
//! Votes are kept apart from a node's own `confidence`. The node's value is
//! what the team wrote down; the votes are what each person thinks, and the
//! point of collecting them is to see where those differ. Votes and dots
//! name nodes and notes by id. One whose node was deleted is ignored rather
//! than removed, so undoing the delete brings the votes back with the node.

use super::canvas::{CanvasId, NoteId};
use super::{EvidenceStrength, Node, NodeId, NodeKind, Rgb, Status};
use serde::{Deserialize, Serialize};

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct ParticipantId(pub u64);

/// Someone in the room. Their colour marks their dot in vote strips.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub id: ParticipantId,
    pub name: String,
    pub colour: Rgb,
}

/// One person's confidence, 0–100, that a node holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    pub node: NodeId,
    pub participant: ParticipantId,
    pub confidence: u8,
}

/// What a dot can be placed on: a card on the map or a note on a canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum DotTarget {
    Node(NodeId),
    Note { canvas: CanvasId, note: NoteId },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dot {
    pub participant: ParticipantId,
    pub target: DotTarget,
}

/// A dot-voting round: each participant may place up to `per_person` dots,
/// several on one target if they feel strongly.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DotRound {
    pub per_person: u8,
    /// An open round takes dots; a closed one keeps its result for the record.
    pub open: bool,
    pub dots: Vec<Dot>,
}

/// Why a dot was not placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DotRefused {
    NoOpenRound,
    NoDotsLeft { name: String, per_person: u8 },
    UnknownParticipant,
}

impl std::fmt::Display for DotRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DotRefused::NoOpenRound => write!(f, "Start a dot-voting round first"),
            DotRefused::NoDotsLeft { name, per_person } => write!(
                f,
                "{name} has placed all {per_person} dots; remove one to move it"
            ),
            DotRefused::UnknownParticipant => write!(f, "Pick who is voting first"),
        }
    }
}

/// The room: participants, votes and the dot round, saved with the map.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(default)]
pub struct Workshop {
    pub participants: Vec<Participant>,
    /// Sorted by node, then participant, so saved files diff cleanly.
    pub votes: Vec<Vote>,
    /// Votes show on the map only once revealed, so nobody anchors on the
    /// first number they see.
    pub revealed: bool,
    pub dot_round: Option<DotRound>,
    /// A spotlight path for presentation mode; empty follows the map.
    pub path: Vec<NodeId>,
    /// Take a snapshot every time the document is saved.
    pub snapshot_on_save: bool,
    pub backlog: Backlog,
}

/// The most dots a round gives each person, in the window and from a
/// tablet alike.
pub const MAX_DOTS_EACH: u8 = 20;

/// The largest work-in-progress limit a backlog accepts.
pub const MAX_WIP: u8 = 99;

/// Cutler's learning backlog: what the team must learn, in the order it
/// means to learn it. Which items are on it is derived from the two 2×2s
/// (see `analysis::backlog`); only the team's choices are stored here.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(default)]
pub struct Backlog {
    /// The team's own order. Items it does not list follow it, ranked by
    /// the default rule.
    pub order: Vec<NodeId>,
    /// Items someone is learning about now.
    pub in_progress: Vec<NodeId>,
    /// Items done; they leave the list until reopened.
    pub finished: Vec<NodeId>,
    /// "Learning in progress" above this warns, as a kanban WIP limit does.
    pub wip_limit: u8,
}

impl Default for Backlog {
    fn default() -> Self {
        Self {
            order: Vec::new(),
            in_progress: Vec::new(),
            finished: Vec::new(),
            wip_limit: 3,
        }
    }
}

/// Kinds a person can hold a confidence in; outcomes, metrics and evidence
/// are goals and facts rather than claims.
pub fn takes_votes(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Belief | NodeKind::Assumption | NodeKind::Bet
    )
}

/// Readable, distinct colours handed to participants in turn.
pub const PARTICIPANT_COLOURS: [Rgb; 10] = [
    Rgb(0xd9, 0x48, 0x3b),
    Rgb(0x2f, 0x7e, 0xd8),
    Rgb(0x2e, 0x9e, 0x5b),
    Rgb(0xe0, 0x8a, 0x1e),
    Rgb(0x8e, 0x4f, 0xc9),
    Rgb(0x14, 0x9c, 0xa8),
    Rgb(0xc9, 0x3f, 0x8e),
    Rgb(0x6b, 0x6e, 0x1f),
    Rgb(0x5a, 0x5a, 0x5a),
    Rgb(0x9c, 0x5b, 0x2e),
];

impl Workshop {
    pub fn participant(&self, id: ParticipantId) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    /// An id nobody here has had: above the votes and dots still kept for
    /// someone taken off the list, which would otherwise become the next
    /// person's.
    pub fn next_participant_id(&self) -> ParticipantId {
        ParticipantId(self.participant_ids().map(|p| p.0).max().unwrap_or(0) + 1)
    }

    /// Every participant id the workshop names, on the list or not.
    pub fn participant_ids(&self) -> impl Iterator<Item = ParticipantId> + '_ {
        let dots = self.dot_round.iter().flat_map(|r| &r.dots);
        self.participants
            .iter()
            .map(|p| p.id)
            .chain(self.votes.iter().map(|v| v.participant))
            .chain(dots.map(|d| d.participant))
    }

    /// Every note that dots name, as (canvas, note): a dot on a deleted
    /// note or canvas stays for undo.
    pub fn notes_dotted(&self) -> impl Iterator<Item = (CanvasId, NoteId)> + '_ {
        let dots = self.dot_round.iter().flat_map(|r| &r.dots);
        dots.filter_map(|d| match d.target {
            DotTarget::Note { canvas, note } => Some((canvas, note)),
            DotTarget::Node(_) => None,
        })
    }

    /// Every node id the workshop names, deleted nodes' votes and dots
    /// included.
    pub fn node_ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        let dots = self.dot_round.iter().flat_map(|r| &r.dots);
        let b = &self.backlog;
        self.votes
            .iter()
            .map(|v| v.node)
            .chain(dots.filter_map(|d| match d.target {
                DotTarget::Node(id) => Some(id),
                DotTarget::Note { .. } => None,
            }))
            .chain(self.path.iter().copied())
            .chain(
                b.order
                    .iter()
                    .chain(&b.in_progress)
                    .chain(&b.finished)
                    .copied(),
            )
    }

    /// Adds someone with the next unused colour; returns their id.
    pub fn add_participant(&mut self, name: &str) -> ParticipantId {
        let id = self.next_participant_id();
        let used: Vec<Rgb> = self.participants.iter().map(|p| p.colour).collect();
        let colour = PARTICIPANT_COLOURS
            .iter()
            .copied()
            .find(|c| !used.contains(c))
            .unwrap_or(PARTICIPANT_COLOURS[self.participants.len() % PARTICIPANT_COLOURS.len()]);
        self.participants.push(Participant {
            id,
            name: name.trim().to_string(),
            colour,
        });
        id
    }

    /// Removes someone together with their votes and dots.
    pub fn remove_participant(&mut self, id: ParticipantId) {
        self.participants.retain(|p| p.id != id);
        self.votes.retain(|v| v.participant != id);
        if let Some(round) = &mut self.dot_round {
            round.dots.retain(|d| d.participant != id);
        }
    }

    /// Puts votes in the order `set_vote` relies on; a hand-edited file
    /// may list them in any order.
    pub fn sort_votes(&mut self) {
        self.votes.sort_by_key(|v| (v.node, v.participant));
    }

    pub fn vote(&self, node: NodeId, participant: ParticipantId) -> Option<u8> {
        self.votes
            .iter()
            .find(|v| v.node == node && v.participant == participant)
            .map(|v| v.confidence)
    }

    /// Records, changes (`Some`) or withdraws (`None`) one person's vote.
    pub fn set_vote(&mut self, node: NodeId, participant: ParticipantId, value: Option<u8>) {
        let key = |v: &Vote| (v.node, v.participant);
        match (
            self.votes.binary_search_by_key(&(node, participant), key),
            value,
        ) {
            (Ok(i), Some(c)) => self.votes[i].confidence = c.min(100),
            (Ok(i), None) => {
                self.votes.remove(i);
            }
            (Err(i), Some(c)) => self.votes.insert(
                i,
                Vote {
                    node,
                    participant,
                    confidence: c.min(100),
                },
            ),
            (Err(_), None) => {}
        }
    }

    /// The votes on `node` by people still in the room, in participant order.
    pub fn votes_on(&self, node: NodeId) -> Vec<(&Participant, u8)> {
        self.participants
            .iter()
            .filter_map(|p| self.vote(node, p.id).map(|c| (p, c)))
            .collect()
    }

    /// Dots `participant` has placed in the current round.
    pub fn dots_used(&self, participant: ParticipantId) -> usize {
        self.dot_round.as_ref().map_or(0, |r| {
            r.dots
                .iter()
                .filter(|d| d.participant == participant)
                .count()
        })
    }

    /// Places one dot, refusing past the round's allowance.
    pub fn place_dot(
        &mut self,
        participant: ParticipantId,
        target: DotTarget,
    ) -> Result<(), DotRefused> {
        let name = self
            .participant(participant)
            .ok_or(DotRefused::UnknownParticipant)?
            .name
            .clone();
        let used = self.dots_used(participant);
        let round = self
            .dot_round
            .as_mut()
            .filter(|r| r.open)
            .ok_or(DotRefused::NoOpenRound)?;
        if used >= usize::from(round.per_person) {
            return Err(DotRefused::NoDotsLeft {
                name,
                per_person: round.per_person,
            });
        }
        round.dots.push(Dot {
            participant,
            target,
        });
        Ok(())
    }

    /// Takes back one of `participant`'s dots on `target`; false if none.
    pub fn remove_dot(&mut self, participant: ParticipantId, target: DotTarget) -> bool {
        let Some(round) = self.dot_round.as_mut().filter(|r| r.open) else {
            return false;
        };
        match round
            .dots
            .iter()
            .rposition(|d| d.participant == participant && d.target == target)
        {
            Some(i) => {
                round.dots.remove(i);
                true
            }
            None => false,
        }
    }

    /// Dots on `target` in the current round, from people still in the room.
    pub fn dots_on(&self, target: DotTarget) -> usize {
        self.dot_round.as_ref().map_or(0, |r| {
            r.dots
                .iter()
                .filter(|d| d.target == target && self.participant(d.participant).is_some())
                .count()
        })
    }
}

/// One node as it stood when a snapshot was taken.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeState {
    pub node: NodeId,
    pub confidence: u8,
    pub status: Status,
    pub evidence: EvidenceStrength,
    /// The fields below arrived with the belief map (format version 4);
    /// older snapshots lack them, and a missing one keeps today's value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub importance: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<u8>,
    /// Convergence as the map showed it: measured from revealed votes, or
    /// as placed by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub convergence: Option<u8>,
    /// Whether `convergence` was measured from votes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub measured: bool,
}

/// The map's judgements at a moment, labelled ("Q3 planning"), so a team can
/// look back and see whether certainty grew.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub label: String,
    /// Seconds since 1970 (UTC).
    pub taken: u64,
    pub nodes: Vec<NodeState>,
}

impl NodeState {
    /// A node's state; `convergence` is what the belief map shows, which
    /// the caller knows (votes live in the workshop, not the node).
    pub fn of(node: &Node, convergence: Option<(u8, bool)>) -> Self {
        Self {
            node: node.id,
            confidence: node.confidence,
            status: node.status,
            evidence: node.evidence,
            importance: Some(node.importance),
            stance: node.stance,
            convergence: convergence.map(|c| c.0),
            measured: convergence.is_some_and(|c| c.1),
        }
    }
}

impl Snapshot {
    /// Every node's judgements as they stand, under `label`;
    /// `convergence` gives each node's belief-map height, and whether it
    /// was measured.
    pub fn of(
        nodes: &[Node],
        label: String,
        taken: u64,
        convergence: impl Fn(&Node) -> Option<(u8, bool)>,
    ) -> Self {
        Self {
            label,
            taken,
            nodes: nodes
                .iter()
                .map(|n| NodeState::of(n, convergence(n)))
                .collect(),
        }
    }

    pub fn state_of(&self, node: NodeId) -> Option<&NodeState> {
        self.nodes.iter().find(|s| s.node == node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn room() -> (Workshop, ParticipantId, ParticipantId) {
        let mut w = Workshop::default();
        let ana = w.add_participant(" Ana ");
        let ben = w.add_participant("Ben");
        (w, ana, ben)
    }

    /// Undoing a join keeps the person's votes (ignored while they are off
    /// the list), and deleting a card keeps the votes on it: the next
    /// person or card must not take that id and inherit them.
    #[test]
    fn new_ids_skip_those_that_kept_votes_name() {
        let (mut w, ana, ben) = room();
        w.set_vote(NodeId(1), ben, Some(30));
        w.participants.retain(|p| p.id != ben);
        assert_eq!(w.next_participant_id(), ParticipantId(ben.0 + 1));
        w.participants.clear();
        assert_eq!(w.next_participant_id(), ParticipantId(ben.0 + 1));
        w.votes.clear();
        assert_eq!(w.next_participant_id(), ParticipantId(1));

        let mut doc = crate::model::Document::default();
        doc.nodes
            .push(Node::new(NodeId(1), NodeKind::Belief, "kept"));
        assert_eq!(doc.next_node_id(), NodeId(2));
        doc.workshop.set_vote(NodeId(2), ana, Some(60));
        assert_eq!(doc.next_node_id(), NodeId(3), "a deleted card's vote");
        doc.workshop.backlog.finished.push(NodeId(7));
        assert_eq!(
            doc.next_node_id(),
            NodeId(8),
            "a deleted card on the backlog"
        );
        doc.snapshots.push(Snapshot {
            label: "before".into(),
            taken: 0,
            nodes: vec![NodeState::of(
                &Node::new(NodeId(9), NodeKind::Belief, ""),
                None,
            )],
        });
        assert_eq!(
            doc.next_node_id(),
            NodeId(10),
            "a deleted card in a snapshot"
        );
    }

    #[test]
    fn new_notes_and_canvases_skip_ids_kept_dots_name() {
        let (_, ana, _) = room();
        let mut doc = crate::model::Document::default();
        let note = |canvas, note| DotTarget::Note {
            canvas: CanvasId(canvas),
            note: NoteId(note),
        };
        assert_eq!(doc.next_canvas_id(), CanvasId(1));
        assert_eq!(doc.next_note_id(CanvasId(1)), NoteId(1));
        doc.workshop.dot_round = Some(DotRound {
            per_person: 5,
            open: true,
            dots: vec![
                Dot {
                    participant: ana,
                    target: note(1, 4),
                },
                Dot {
                    participant: ana,
                    target: note(3, 2),
                },
            ],
        });
        assert_eq!(doc.next_note_id(CanvasId(1)), NoteId(5), "a deleted note");
        assert_eq!(doc.next_note_id(CanvasId(3)), NoteId(3));
        assert_eq!(doc.next_note_id(CanvasId(2)), NoteId(1), "another canvas's");
        assert_eq!(doc.next_canvas_id(), CanvasId(4), "a deleted canvas");
        doc.workshop.dot_round = None;
        assert_eq!(doc.next_canvas_id(), CanvasId(1));
    }

    #[test]
    fn votes_stay_sorted_and_can_be_withdrawn() {
        let (mut w, ana, ben) = room();
        assert_eq!(w.participants[0].name, "Ana");
        assert_ne!(w.participants[0].colour, w.participants[1].colour);
        w.set_vote(NodeId(9), ben, Some(30));
        w.set_vote(NodeId(2), ana, Some(250));
        w.set_vote(NodeId(9), ana, Some(70));
        let order: Vec<_> = w.votes.iter().map(|v| (v.node.0, v.participant)).collect();
        assert_eq!(order, [(2, ana), (9, ana), (9, ben)]);
        assert_eq!(w.vote(NodeId(2), ana), Some(100), "clamped to 100");
        w.set_vote(NodeId(9), ana, None);
        assert_eq!(w.vote(NodeId(9), ana), None);
        assert_eq!(w.votes_on(NodeId(9)).len(), 1);
    }

    #[test]
    fn dots_are_refused_past_the_allowance_and_outside_a_round() {
        let (mut w, ana, ben) = room();
        let note = DotTarget::Note {
            canvas: CanvasId(1),
            note: NoteId(4),
        };
        assert_eq!(w.place_dot(ana, note), Err(DotRefused::NoOpenRound));
        w.dot_round = Some(DotRound {
            per_person: 2,
            open: true,
            dots: Vec::new(),
        });
        assert_eq!(w.place_dot(ana, note), Ok(()));
        assert_eq!(w.place_dot(ana, DotTarget::Node(NodeId(1))), Ok(()));
        let refused = w.place_dot(ana, note).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "Ana has placed all 2 dots; remove one to move it"
        );
        assert_eq!(w.place_dot(ben, note), Ok(()));
        assert_eq!(w.dots_on(note), 2);
        assert!(w.remove_dot(ana, note));
        assert!(!w.remove_dot(ana, note));
        assert_eq!(w.dots_used(ana), 1);
        w.remove_participant(ben);
        assert_eq!(w.dots_on(note), 0);
        assert_eq!(w.place_dot(ben, note), Err(DotRefused::UnknownParticipant));
    }
}
