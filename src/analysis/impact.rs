//! "What if this is wrong?" When a node fails, a node that rests on it
//! fails too if it `depends_on` a failed node, or if every node that
//! supports it has failed. A node with one untouched supporting path
//! survives. The answer a leader wants is the bets and outcomes that fall.

use super::graph::{BeliefGraph, carries_support};
use super::trace::downstream;
use crate::model::{EdgeKind, NodeId};
use petgraph::Direction;
use petgraph::visit::EdgeRef;
use std::collections::HashSet;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Impact {
    /// Every node that falls with the start node, nearest first.
    pub falls: Vec<NodeId>,
    /// The bets and outcomes among them.
    pub bets_and_outcomes: Vec<NodeId>,
}

pub fn what_if_wrong(g: &BeliefGraph, start: NodeId) -> Impact {
    let candidates = downstream(g, start);
    let mut failed: HashSet<NodeId> = HashSet::from([start]);
    // Repeat until nothing changes: in a cycle a node may only fall once a
    // later one in the breadth-first order has.
    loop {
        let mut changed = false;
        for &id in &candidates {
            if failed.contains(&id) || !falls(g, id, &failed) {
                continue;
            }
            failed.insert(id);
            changed = true;
        }
        if !changed {
            break;
        }
    }
    let falls: Vec<NodeId> = candidates
        .into_iter()
        .filter(|id| failed.contains(id))
        .collect();
    let bets_and_outcomes = falls
        .iter()
        .copied()
        .filter(|id| g.is_bet_or_outcome(*id))
        .collect();
    Impact {
        falls,
        bets_and_outcomes,
    }
}

fn falls(g: &BeliefGraph, id: NodeId, failed: &HashSet<NodeId>) -> bool {
    let Some(&n) = g.index.get(&id) else {
        return false;
    };
    let mut supporters = 0;
    let mut failed_supporters = 0;
    for edge in g.graph.edges_directed(n, Direction::Incoming) {
        let kind = *edge.weight();
        if !carries_support(kind) {
            continue;
        }
        let parent_failed = failed.contains(&g.id(edge.source()));
        if kind == EdgeKind::DependsOn && parent_failed {
            return true;
        }
        supporters += 1;
        failed_supporters += usize::from(parent_failed);
    }
    supporters > 0 && supporters == failed_supporters
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::graph::tests::doc_with;
    use crate::model::NodeKind;

    #[test]
    fn only_nodes_without_another_support_fall() {
        // 1 is the outcome. 2 and 3 both support it; 4 supports 2 only.
        let mut d = doc_with(4, &[(2, 1), (3, 1), (4, 2)]);
        d.nodes[0].kind = NodeKind::Outcome;
        let g = BeliefGraph::new(&d);
        let impact = what_if_wrong(&g, NodeId(4));
        assert_eq!(impact.falls, vec![NodeId(2)], "1 still has 3");
        assert!(impact.bets_and_outcomes.is_empty());

        let impact = what_if_wrong(&g, NodeId(3));
        assert!(impact.falls.is_empty(), "1 still has 2");
    }

    #[test]
    fn depends_on_falls_even_with_other_support() {
        let mut d = doc_with(3, &[(2, 1), (3, 1)]);
        d.nodes[0].kind = NodeKind::Bet;
        d.edges[0].kind = EdgeKind::DependsOn;
        let g = BeliefGraph::new(&d);
        let impact = what_if_wrong(&g, NodeId(2));
        assert_eq!(impact.falls, vec![NodeId(1)]);
        assert_eq!(impact.bets_and_outcomes, vec![NodeId(1)]);
    }

    #[test]
    fn a_chain_falls_all_the_way() {
        let mut d = doc_with(4, &[(4, 3), (3, 2), (2, 1)]);
        d.nodes[0].kind = NodeKind::Outcome;
        let g = BeliefGraph::new(&d);
        let impact = what_if_wrong(&g, NodeId(4));
        assert_eq!(impact.falls, vec![NodeId(3), NodeId(2), NodeId(1)]);
        assert_eq!(impact.bets_and_outcomes, vec![NodeId(1)]);
    }
}
