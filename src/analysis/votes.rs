//! What the room's votes say: per-node spread, the biggest disagreements,
//! and the dot-voting tally.
//!
//! Disagreement is the interquartile range (IQR) of the confidence votes:
//! the width of the middle half. Unlike the full range, one contrarian
//! does not make a node look contested; unlike the standard deviation, it
//! reads in the same 0–100 points as the votes. Quartiles interpolate
//! linearly between the sorted votes (the common "type 7" rule), so two
//! votes of 20 and 80 give a median of 50 and an IQR of 30.

use crate::model::{Document, DotTarget, NodeId, takes_votes};
use std::collections::{HashMap, HashSet};

/// The shape of the votes on one node.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    pub count: usize,
    pub median: f32,
    pub q1: f32,
    pub q3: f32,
    pub min: u8,
    pub max: u8,
}

impl Spread {
    /// `None` without votes.
    pub fn of(votes: &[u8]) -> Option<Spread> {
        let mut sorted = votes.to_vec();
        sorted.sort_unstable();
        let (&min, &max) = (sorted.first()?, sorted.last()?);
        Some(Spread {
            count: sorted.len(),
            median: quantile(&sorted, 0.5),
            q1: quantile(&sorted, 0.25),
            q3: quantile(&sorted, 0.75),
            min,
            max,
        })
    }

    pub fn iqr(&self) -> f32 {
        self.q3 - self.q1
    }
}

/// A vote statistic for people: `50`, `32.5`, `5.25`; never `50.0`.
pub fn points(x: f32) -> String {
    let text = format!("{x:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn quantile(sorted: &[u8], p: f32) -> f32 {
    let at = p * (sorted.len() - 1) as f32;
    let (lo, hi) = (at.floor() as usize, at.ceil() as usize);
    let frac = at - lo as f32;
    f32::from(sorted[lo]) + (f32::from(sorted[hi]) - f32::from(sorted[lo])) * frac
}

/// The spread of the votes on `node` by people still in the room.
pub fn spread(doc: &Document, node: NodeId) -> Option<Spread> {
    let values: Vec<u8> = doc
        .workshop
        .votes_on(node)
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    Spread::of(&values)
}

/// Every node's votes by people still in the room, in one pass over the
/// votes (asking node by node would be quadratic on a big map).
pub fn votes_by_node(doc: &Document) -> HashMap<NodeId, Vec<u8>> {
    let people: HashSet<_> = doc.workshop.participants.iter().map(|p| p.id).collect();
    let mut out: HashMap<NodeId, Vec<u8>> = HashMap::new();
    for v in &doc.workshop.votes {
        if people.contains(&v.participant) {
            out.entry(v.node).or_default().push(v.confidence);
        }
    }
    out
}

/// Nodes with at least two votes, most contested first: by IQR, then by
/// full range, then in map order. This is the agenda for the next talk.
pub fn disagreements(doc: &Document) -> Vec<(NodeId, Spread)> {
    let by_node = votes_by_node(doc);
    let mut ranked: Vec<(usize, NodeId, Spread)> = doc
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| takes_votes(n.kind))
        .filter_map(|(i, n)| {
            let s = Spread::of(by_node.get(&n.id)?)?;
            Some((i, n.id, s))
        })
        .filter(|(_, _, s)| s.count >= 2)
        .collect();
    ranked.sort_by(|a, b| {
        b.2.iqr()
            .total_cmp(&a.2.iqr())
            .then((b.2.max - b.2.min).cmp(&(a.2.max - a.2.min)))
            .then(a.0.cmp(&b.0))
    });
    ranked.into_iter().map(|(_, id, s)| (id, s)).collect()
}

/// Dots per target in the current round, most first (ties keep the order
/// the first dot was placed), counting only targets that still exist and
/// people still in the room.
pub fn dot_tally(doc: &Document) -> Vec<(DotTarget, usize)> {
    let Some(round) = &doc.workshop.dot_round else {
        return Vec::new();
    };
    let people: HashSet<_> = doc.workshop.participants.iter().map(|p| p.id).collect();
    let nodes: HashSet<NodeId> = doc.nodes.iter().map(|n| n.id).collect();
    let mut tally: Vec<(DotTarget, usize)> = Vec::new();
    for dot in &round.dots {
        let exists = match dot.target {
            DotTarget::Node(id) => nodes.contains(&id),
            note => target_exists(doc, note),
        };
        if !people.contains(&dot.participant) || !exists {
            continue;
        }
        match tally.iter_mut().find(|(t, _)| *t == dot.target) {
            Some((_, n)) => *n += 1,
            None => tally.push((dot.target, 1)),
        }
    }
    tally.sort_by_key(|t| std::cmp::Reverse(t.1));
    tally
}

pub fn target_exists(doc: &Document, target: DotTarget) -> bool {
    match target {
        DotTarget::Node(id) => doc.node(id).is_some(),
        DotTarget::Note { canvas, note } => doc
            .canvas(canvas)
            .is_some_and(|c| c.notes.iter().any(|n| n.id == note)),
    }
}

/// A short name for a dot target, for lists and exports.
pub fn target_name(doc: &Document, target: DotTarget) -> String {
    match target {
        DotTarget::Node(id) => doc.node(id).map_or_else(String::new, |n| n.title.clone()),
        DotTarget::Note { canvas, note } => doc
            .canvas(canvas)
            .and_then(|c| c.notes.iter().find(|n| n.id == note))
            .map_or_else(String::new, |n| n.text.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate() {
        let s = Spread::of(&[20, 80]).unwrap();
        assert_eq!((s.median, s.q1, s.q3, s.iqr()), (50.0, 35.0, 65.0, 30.0));
        let s = Spread::of(&[10, 40, 50, 60, 90]).unwrap();
        assert_eq!((s.median, s.q1, s.q3), (50.0, 40.0, 60.0));
        assert_eq!((s.min, s.max, s.count), (10, 90, 5));
        let s = Spread::of(&[70]).unwrap();
        assert_eq!((s.median, s.iqr()), (70.0, 0.0));
        assert!(Spread::of(&[]).is_none());
    }
}
