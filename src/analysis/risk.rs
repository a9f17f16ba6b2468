//! The riskiest assumptions: the ones to test first.
//!
//! score = importance (1–5) × evidence gap × (1 + reach), where the evidence
//! gap is 1.0 for no evidence, 0.7 weak, 0.4 moderate and 0.1 strong, and
//! reach counts the bets and outcomes downstream. Important, unknown
//! assumptions that much rests on come first — Bland's "test this corner first".

use super::graph::BeliefGraph;
use super::trace::downstream;
use crate::model::{Document, EvidenceStrength, NodeId, NodeKind};

#[derive(Clone, Debug, PartialEq)]
pub struct Risk {
    pub id: NodeId,
    pub importance: u8,
    pub evidence_gap: f32,
    /// Bets and outcomes downstream.
    pub reach: usize,
    pub score: f32,
}

impl Risk {
    /// The score as a sum a user can check.
    pub fn breakdown(&self) -> String {
        format!(
            "importance {} × evidence gap {:.1} × (1 + {} bets/outcomes downstream) = {:.1}",
            self.importance, self.evidence_gap, self.reach, self.score
        )
    }
}

pub fn evidence_gap(evidence: EvidenceStrength) -> f32 {
    match evidence {
        EvidenceStrength::None => 1.0,
        EvidenceStrength::Weak => 0.7,
        EvidenceStrength::Moderate => 0.4,
        EvidenceStrength::Strong => 0.1,
    }
}

/// Every assumption, riskiest first; ties keep document order.
pub fn riskiest_assumptions(doc: &Document, g: &BeliefGraph) -> Vec<Risk> {
    let mut risks: Vec<Risk> = doc
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Assumption)
        .map(|n| {
            let reach = downstream(g, n.id)
                .into_iter()
                .filter(|id| g.is_bet_or_outcome(*id))
                .count();
            let evidence_gap = evidence_gap(n.evidence);
            Risk {
                id: n.id,
                importance: n.importance,
                evidence_gap,
                reach,
                score: f32::from(n.importance) * evidence_gap * (1 + reach) as f32,
            }
        })
        .collect();
    risks.sort_by(|a, b| b.score.total_cmp(&a.score));
    risks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::graph::tests::doc_with;

    #[test]
    fn ranks_important_unknown_far_reaching_first() {
        // 1 outcome; 2, 3, 4 assumptions; 2 and 3 support the outcome.
        let mut d = doc_with(4, &[(2, 1), (3, 1)]);
        d.nodes[0].kind = NodeKind::Outcome;
        for i in 1..4 {
            d.nodes[i].kind = NodeKind::Assumption;
            d.nodes[i].importance = 4;
        }
        d.nodes[1].evidence = EvidenceStrength::Strong; // known
        d.nodes[2].evidence = EvidenceStrength::None; // unknown, reaches the outcome
        d.nodes[3].evidence = EvidenceStrength::None; // unknown, reaches nothing
        let g = BeliefGraph::new(&d);
        let ranked = riskiest_assumptions(&d, &g);
        let order: Vec<u64> = ranked.iter().map(|r| r.id.0).collect();
        assert_eq!(order, vec![3, 4, 2]);
        assert_eq!(ranked[0].score, 8.0);
        assert_eq!(
            ranked[0].breakdown(),
            "importance 4 × evidence gap 1.0 × (1 + 1 bets/outcomes downstream) = 8.0"
        );
    }
}
