//! Analysis results for the open document, recomputed only when the
//! document changes (keyed by document generation and history state).

use crate::analysis::risk::{Risk, riskiest_assumptions};
use crate::analysis::{BeliefGraph, confidence, cycles_in, impact, trace};
use crate::model::{Document, NodeId};
use crate::render::TraceHighlight;
use std::collections::{HashMap, HashSet};

pub struct Insights {
    key: (u64, u64),
    pub graph: BeliefGraph,
    pub cycles: Vec<Vec<NodeId>>,
    pub in_cycle: HashSet<NodeId>,
    pub effective: HashMap<NodeId, u8>,
    /// Computed on first use: it traces from every assumption.
    risks: Option<Vec<Risk>>,
}

impl Insights {
    fn compute(doc: &Document, key: (u64, u64)) -> Self {
        let graph = BeliefGraph::new(doc);
        let cycles = cycles_in(&graph);
        let in_cycle = cycles.iter().flatten().copied().collect();
        let effective = confidence::effective(doc, &graph);
        Self {
            key,
            graph,
            cycles,
            in_cycle,
            effective,
            risks: None,
        }
    }

    /// The cached insights for `doc`, recomputed if `key` moved on.
    pub fn refresh(slot: &mut Option<Insights>, doc: &Document, key: (u64, u64)) {
        if slot.as_ref().is_none_or(|i| i.key != key) {
            *slot = Some(Self::compute(doc, key));
        }
    }

    pub fn risks(&mut self, doc: &Document) -> &[Risk] {
        self.risks
            .get_or_insert_with(|| riskiest_assumptions(doc, &self.graph))
    }

    pub fn trace(&self, focus: NodeId) -> TraceHighlight {
        TraceHighlight {
            focus,
            up: trace::upstream(&self.graph, focus).into_iter().collect(),
            down: trace::downstream(&self.graph, focus).into_iter().collect(),
        }
    }

    pub fn impact(&self, doc: &Document, node: NodeId) -> impact::Impact {
        impact::what_if_wrong(doc, &self.graph, node)
    }
}
