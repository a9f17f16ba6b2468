//! Cutler's belief map (TBM 24/53, "Mapping beliefs and agreeing to
//! disagree"): beliefs placed by stance (disrupt ↔ maintain) and convergence
//! (we disagree ↔ we agree), and his value × certainty chart (TBM 38/53).
//!
//! Convergence is measured when it can be: once votes are revealed, a node
//! with at least two votes sits at `100 − 2 × IQR` (clamped to 0–100) of the
//! room's confidence votes. The interquartile range is the spread the
//! Workshop panel already ranks disagreements by, so one outlier does not
//! drag a card down. Doubling it puts an IQR of 25 points — the middle half
//! of the room a quarter of the scale apart — on the midline. Without
//! measured votes the facilitator's hand-placed value is used.

use super::votes::{Spread, votes_by_node};
use crate::model::{Document, Node, NodeId, NodeKind, Snapshot};
use std::collections::HashMap;

/// Values at or above this are "agree" (top) or "maintain" (right).
pub const MIDLINE: u8 = 50;

/// The fewest votes a spread is measured from.
pub const MEASURED_FROM: usize = 2;

/// Kinds the belief map places: beliefs always, assumptions and bets when
/// the board is asked to include them.
pub fn placed_kind(kind: NodeKind, include_more: bool) -> bool {
    kind == NodeKind::Belief
        || (include_more && matches!(kind, NodeKind::Assumption | NodeKind::Bet))
}

/// Convergence measured from a spread of votes.
pub fn from_spread(spread: &Spread) -> u8 {
    (100.0 - 2.0 * spread.iqr()).round().clamp(0.0, 100.0) as u8
}

/// A node's height on the map and how it was found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Height {
    pub convergence: u8,
    /// The votes it was measured from, or `None` when placed by hand.
    pub measured: Option<Spread>,
}

impl Height {
    pub fn pair(&self) -> (u8, bool) {
        (self.convergence, self.measured.is_some())
    }
}

/// Every node's convergence, in one pass over the votes: measured where the
/// revealed votes allow, else the hand-placed field, else absent.
pub fn heights(doc: &Document) -> HashMap<NodeId, Height> {
    let votes = if doc.workshop.revealed {
        votes_by_node(doc)
    } else {
        HashMap::new()
    };
    doc.nodes
        .iter()
        .filter_map(|n| height(n, votes.get(&n.id).map(Vec::as_slice)).map(|h| (n.id, h)))
        .collect()
}

/// One node's convergence given its revealed votes.
pub fn height(node: &Node, votes: Option<&[u8]>) -> Option<Height> {
    let measured = votes
        .filter(|v| v.len() >= MEASURED_FROM)
        .and_then(Spread::of);
    match measured {
        Some(spread) => Some(Height {
            convergence: from_spread(&spread),
            measured: Some(spread),
        }),
        None => node.convergence.map(|convergence| Height {
            convergence,
            measured: None,
        }),
    }
}

/// Every node's judgements and belief-map place as they stand now.
pub fn snapshot(doc: &Document, label: String, taken: u64) -> Snapshot {
    let heights = heights(doc);
    Snapshot::of(&doc.nodes, label, taken, |n| {
        heights.get(&n.id).map(Height::pair)
    })
}

/// The four quadrants, captioned in our words for what each asks the team
/// to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quadrant {
    /// Top right.
    AgreeAndGood,
    /// Bottom right.
    HealthyTension,
    /// Bottom left: the learning backlog's source.
    MustLearn,
    /// Top left.
    StaleAgreement,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [
        Quadrant::StaleAgreement,
        Quadrant::AgreeAndGood,
        Quadrant::MustLearn,
        Quadrant::HealthyTension,
    ];

    pub fn of(stance: u8, convergence: u8) -> Quadrant {
        match (stance >= MIDLINE, convergence >= MIDLINE) {
            (true, true) => Quadrant::AgreeAndGood,
            (true, false) => Quadrant::HealthyTension,
            (false, false) => Quadrant::MustLearn,
            (false, true) => Quadrant::StaleAgreement,
        }
    }

    pub fn caption(self) -> &'static str {
        match self {
            Quadrant::AgreeAndGood => "We agree, and that is good",
            Quadrant::HealthyTension => "Healthy tension: our differences help us here",
            Quadrant::MustLearn => "Must learn: reduce uncertainty and resolve our differences",
            Quadrant::StaleAgreement => "Agreed, but is full agreement still serving us?",
        }
    }

    /// Whether the quadrant is on the right (maintain) and top (agree).
    pub fn sides(self) -> (bool, bool) {
        match self {
            Quadrant::AgreeAndGood => (true, true),
            Quadrant::HealthyTension => (true, false),
            Quadrant::MustLearn => (false, false),
            Quadrant::StaleAgreement => (false, true),
        }
    }
}

/// Whether a node sits in the "must learn" quadrant.
pub fn must_learn(node: &Node, height: Option<&Height>) -> bool {
    match (node.stance, height) {
        (Some(stance), Some(h)) => Quadrant::of(stance, h.convergence) == Quadrant::MustLearn,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeId, NodeKind, ParticipantId};

    fn doc_with_votes(values: &[u8], revealed: bool) -> Document {
        let mut doc = Document::default();
        let mut n = Node::new(NodeId(1), NodeKind::Belief, "b");
        n.convergence = Some(90);
        doc.nodes.push(n);
        for (i, v) in values.iter().enumerate() {
            let p: ParticipantId = doc.workshop.add_participant(&format!("P{i}"));
            doc.workshop.set_vote(NodeId(1), p, Some(*v));
        }
        doc.workshop.revealed = revealed;
        doc
    }

    #[test]
    fn a_tight_spread_sits_high_and_a_wide_one_low() {
        let tight = heights(&doc_with_votes(&[60, 62, 65, 70], true))[&NodeId(1)];
        assert!(tight.measured.is_some());
        assert!(tight.convergence > MIDLINE, "{tight:?}");
        let wide = heights(&doc_with_votes(&[5, 30, 80, 95], true))[&NodeId(1)];
        assert!(wide.convergence < MIDLINE, "{wide:?}");
        // IQR of 5..95 with type-7 quartiles: q1 23.75, q3 83.75 → 60 → 0.
        assert_eq!(wide.convergence, 0);
    }

    #[test]
    fn hidden_votes_or_a_single_vote_fall_back_to_the_hand_placed_value() {
        let hidden = heights(&doc_with_votes(&[5, 95], false))[&NodeId(1)];
        assert_eq!(hidden.pair(), (90, false));
        let single = heights(&doc_with_votes(&[5], true))[&NodeId(1)];
        assert_eq!(single.pair(), (90, false));
        let mut doc = doc_with_votes(&[], true);
        doc.nodes[0].convergence = None;
        assert!(heights(&doc).is_empty());
    }

    #[test]
    fn quadrants_split_at_the_midline() {
        assert_eq!(Quadrant::of(50, 50), Quadrant::AgreeAndGood);
        assert_eq!(Quadrant::of(49, 49), Quadrant::MustLearn);
        assert_eq!(Quadrant::of(80, 10), Quadrant::HealthyTension);
        assert_eq!(Quadrant::of(10, 80), Quadrant::StaleAgreement);
        for q in Quadrant::ALL {
            let (right, top) = q.sides();
            let probe = Quadrant::of(if right { 75 } else { 25 }, if top { 75 } else { 25 });
            assert_eq!(probe, q);
        }
    }
}
