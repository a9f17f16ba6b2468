//! Analysis results for the open document, recomputed only when something
//! they depend on changes: keyed by the document generation and a hash of
//! the graph's structure and judgements, so moving cards (every frame of a
//! drag) never recomputes them.

use crate::analysis::risk::{Risk, riskiest_assumptions};
use crate::analysis::{BeliefGraph, confidence, cycles_in, impact, trace};
use crate::model::{Document, NodeId};
use crate::render::TraceHighlight;
use std::collections::{HashMap, HashSet};

pub struct Insights {
    key: (u64, u64),
    /// The (generation, history state) the key was last checked at: while
    /// the document has not changed at all, the structure is not even hashed.
    checked_at: (u64, u64),
    pub graph: BeliefGraph,
    pub cycles: Vec<Vec<NodeId>>,
    pub in_cycle: HashSet<NodeId>,
    pub effective: HashMap<NodeId, u8>,
    /// Each edge's end positions, so painting a frame needs no id index.
    pub ends: Vec<Option<(u32, u32)>>,
    /// Computed on first use: it traces from every assumption.
    risks: Option<Vec<Risk>>,
}

impl Insights {
    fn compute(doc: &Document, key: (u64, u64), checked_at: (u64, u64)) -> Self {
        let graph = BeliefGraph::new(doc);
        let cycles = cycles_in(&graph);
        let in_cycle = cycles.iter().flatten().copied().collect();
        let effective = confidence::effective(doc, &graph);
        Self {
            key,
            checked_at,
            graph,
            cycles,
            in_cycle,
            effective,
            ends: crate::render::edge_ends(doc),
            risks: None,
        }
    }

    /// The cached insights for `doc`, recomputed only if its structure
    /// changed. `generation` names the document, `state` its history state.
    pub fn refresh(slot: &mut Option<Insights>, doc: &Document, generation: u64, state: u64) {
        let checked_at = (generation, state);
        if slot.as_ref().is_some_and(|i| i.checked_at == checked_at) {
            return;
        }
        let key = (generation, structure_hash(doc));
        match slot {
            Some(insights) if insights.key == key => insights.checked_at = checked_at,
            _ => *slot = Some(Self::compute(doc, key, checked_at)),
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

    pub fn impact(&self, node: NodeId) -> impact::Impact {
        impact::what_if_wrong(&self.graph, node)
    }
}

/// A fast hash of everything the analyses read: node ids, kinds, confidence,
/// importance and evidence; edge ids, ends and kinds. Positions and texts are
/// left out on purpose.
pub fn structure_hash(doc: &Document) -> u64 {
    let mut h: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut mix = |x: u64| {
        h ^= x
            .wrapping_add(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(h << 6)
            .wrapping_add(h >> 2);
        h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    };
    mix(doc.nodes.len() as u64);
    for n in &doc.nodes {
        mix(n.id.0);
        mix(n.kind as u64
            | (u64::from(n.confidence) << 8)
            | (u64::from(n.importance) << 16)
            | ((n.evidence as u64) << 24));
    }
    mix(doc.edges.len() as u64);
    for e in &doc.edges {
        mix(e.id.0);
        mix(e.from.0);
        mix(e.to.0);
        mix(e.kind as u64);
    }
    h
}
