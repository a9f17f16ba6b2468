//! Cutler's learning backlog (TBM 7/53): the "must learn" items in the
//! order the team will learn them.
//!
//! An item is on the backlog when it sits in the belief map's bottom-left
//! quadrant (we want to shift it, and we disagree), or in the assumption
//! map's leap-of-faith corner (an assumption of importance 3 or more with
//! weak or no evidence), and nobody has finished it. The team's own order
//! (dragged in the panel) comes first; the rest follow by
//!
//! score = importance × evidence gap × (1 + divergence),
//!
//! where the evidence gap is the one the riskiest-assumptions ranking uses
//! and divergence is `(100 − convergence) / 100`, 0 off the belief map. So
//! what matters most, is least known and most disputed comes first; ties
//! keep map order.

use super::belief_map::{Height, heights, must_learn};
use super::risk::evidence_gap;
use crate::model::{Document, EvidenceStrength, Node, NodeId, NodeKind};
use std::collections::HashMap;

/// Importance from which an assumption counts as important (the assumption
/// map's top half).
pub const IMPORTANT_FROM: u8 = 3;

/// Bland's leap of faith: important, with little or no evidence.
pub fn is_leap_of_faith(node: &Node) -> bool {
    node.kind == NodeKind::Assumption
        && node.importance >= IMPORTANT_FROM
        && node.evidence <= EvidenceStrength::Weak
}

/// One backlog entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: NodeId,
    /// In the belief map's "must learn" quadrant.
    pub must_learn: bool,
    /// In the assumption map's leap-of-faith corner.
    pub leap_of_faith: bool,
    pub score: f32,
    pub in_progress: bool,
}

impl Item {
    /// Where the item came from, for its row in the panel.
    pub fn source(&self) -> &'static str {
        match (self.must_learn, self.leap_of_faith) {
            (true, true) => "Must learn · Leap of faith",
            (true, false) => "Must learn (belief map)",
            _ => "Leap of faith (assumption map)",
        }
    }
}

fn score(node: &Node, height: Option<&Height>) -> f32 {
    let divergence = height.map_or(0.0, |h| f32::from(100 - h.convergence.min(100)) / 100.0);
    f32::from(node.importance) * evidence_gap(node.evidence) * (1.0 + divergence)
}

/// The backlog in rank order.
pub fn items(doc: &Document) -> Vec<Item> {
    let heights = heights(doc);
    let backlog = &doc.workshop.backlog;
    let mut out: Vec<Item> = doc
        .nodes
        .iter()
        .filter(|n| !backlog.finished.contains(&n.id))
        .filter_map(|n| {
            let height = heights.get(&n.id);
            let must_learn = super::belief_map::placed_kind(n.kind, true) && must_learn(n, height);
            let leap_of_faith = is_leap_of_faith(n);
            (must_learn || leap_of_faith).then(|| Item {
                id: n.id,
                must_learn,
                leap_of_faith,
                score: score(n, height),
                in_progress: backlog.in_progress.contains(&n.id),
            })
        })
        .collect();
    let chosen: HashMap<NodeId, usize> = backlog
        .order
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    // A stable sort keeps map order among equal scores.
    out.sort_by(|a, b| match (chosen.get(&a.id), chosen.get(&b.id)) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => b.score.total_cmp(&a.score),
    });
    out
}

/// How many of `items` are in progress, to hold against the limit.
pub fn in_progress(items: &[Item]) -> usize {
    items.iter().filter(|i| i.in_progress).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Node;

    fn node(id: u64, kind: NodeKind, importance: u8, evidence: EvidenceStrength) -> Node {
        let mut n = Node::new(NodeId(id), kind, format!("n{id}"));
        n.importance = importance;
        n.evidence = evidence;
        n
    }

    fn sample() -> Document {
        let mut doc = Document::default();
        // 1: a belief placed bottom-left by hand.
        let mut b = node(1, NodeKind::Belief, 2, EvidenceStrength::Moderate);
        b.stance = Some(20);
        b.convergence = Some(10);
        // 2: a belief top-left: not on the backlog.
        let mut c = node(2, NodeKind::Belief, 5, EvidenceStrength::None);
        c.stance = Some(20);
        c.convergence = Some(90);
        // 3: a leap of faith; 4: an assumption with strong evidence.
        let a = node(3, NodeKind::Assumption, 5, EvidenceStrength::None);
        let d = node(4, NodeKind::Assumption, 5, EvidenceStrength::Strong);
        // 5: a weakly evidenced but unimportant assumption.
        let e = node(5, NodeKind::Assumption, 2, EvidenceStrength::Weak);
        // 6: a leap of faith that is also bottom-left.
        let mut f = node(6, NodeKind::Assumption, 3, EvidenceStrength::Weak);
        f.stance = Some(0);
        f.convergence = Some(0);
        doc.nodes = vec![b, c, a, d, e, f];
        doc
    }

    #[test]
    fn the_backlog_is_the_must_learn_quadrant_plus_the_leaps_of_faith() {
        let doc = sample();
        let items = items(&doc);
        let ids: Vec<u64> = items.iter().map(|i| i.id.0).collect();
        // Scores: 3 → 5 × 1.0 × 1 = 5; 6 → 3 × 0.7 × 2 = 4.2; 1 → 2 × 0.4 × 1.9 = 1.52.
        assert_eq!(ids, [3, 6, 1]);
        assert_eq!(items[1].source(), "Must learn · Leap of faith");
        assert_eq!(items[2].source(), "Must learn (belief map)");
        assert_eq!(items[0].source(), "Leap of faith (assumption map)");
    }

    #[test]
    fn the_teams_order_comes_first_and_finished_items_leave() {
        let mut doc = sample();
        doc.workshop.backlog.order = vec![NodeId(1), NodeId(2)];
        doc.workshop.backlog.finished = vec![NodeId(6)];
        doc.workshop.backlog.in_progress = vec![NodeId(3)];
        let items = items(&doc);
        let ids: Vec<u64> = items.iter().map(|i| i.id.0).collect();
        assert_eq!(ids, [1, 3], "2 is ordered but not on the backlog");
        assert_eq!(in_progress(&items), 1);
    }
}
