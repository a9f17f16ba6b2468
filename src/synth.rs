//! Synthetic belief maps for benchmarks: realistic shape, any size, the same
//! map for the same seed (a tiny xorshift generator keeps it dependency-free).

use crate::model::{Document, Edge, EdgeId, EdgeKind, Node, NodeId, NodeKind, Point};

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A tree-like map of `n` nodes: a few outcomes, each node resting on one
/// earlier node, plus about 25% extra cross-links to other earlier nodes.
/// Node kinds follow depth (outcome, belief, assumption, then evidence and
/// bets); positions are scattered, as an unlaid map would be.
pub fn belief_map(n: usize, seed: u64) -> Document {
    let mut rng = XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let outcomes = (n / 250).max(1).min(n);
    let mut doc = Document {
        title: format!("Synthetic map of {n} nodes"),
        nodes: Vec::with_capacity(n),
        edges: Vec::with_capacity(n + n / 4),
        ..Document::default()
    };
    let mut depth = Vec::with_capacity(n);
    let side = (n as f32).sqrt() * 260.0;
    for i in 0..n {
        let (d, parent) = if i < outcomes {
            (0, None)
        } else {
            // Prefer recent nodes, so branches grow deep as real maps do.
            let window = (i / 2).max(outcomes);
            let p = i - 1 - rng.below(window.min(i));
            (depth[p] + 1, Some(p))
        };
        depth.push(d);
        let kind = match d {
            0 => NodeKind::Outcome,
            1 => NodeKind::Belief,
            2 => NodeKind::Assumption,
            _ if rng.below(3) == 0 => NodeKind::Bet,
            _ => NodeKind::Evidence,
        };
        let x = (rng.next() % 10_000) as f32 / 10_000.0 * side;
        let y = (rng.next() % 10_000) as f32 / 10_000.0 * side;
        let mut node = Node::new(
            NodeId(i as u64 + 1),
            kind,
            format!("{} {}", kind.label(), i + 1),
        );
        node.pos = Point::new(x, y);
        node.confidence = (rng.below(101)) as u8;
        doc.nodes.push(node);
        if let Some(p) = parent {
            push_edge(&mut doc, i, p);
        }
    }
    for _ in 0..n / 4 {
        if n < 3 {
            break;
        }
        let from = outcomes + rng.below(n - outcomes);
        let to = rng.below(from.max(1));
        if from != to {
            push_edge(&mut doc, from, to);
        }
    }
    doc
}

fn push_edge(doc: &mut Document, from: usize, to: usize) {
    let id = EdgeId(doc.edges.len() as u64 + 1);
    let kind = EdgeKind::default_between(doc.nodes[from].kind, doc.nodes[to].kind);
    doc.edges
        .push(Edge::new(id, doc.nodes[from].id, doc.nodes[to].id, kind));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_map_and_valid() {
        let a = belief_map(500, 7);
        assert_eq!(a, belief_map(500, 7));
        assert!(a.validate().is_ok());
        assert_eq!(a.nodes.len(), 500);
        let extra = a.edges.len() - (500 - 2);
        assert!(
            (100..=130).contains(&extra),
            "about 25% cross-links, got {extra}"
        );
    }
}
