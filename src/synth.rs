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

/// The shapes of map the layout is measured on. Real workshop maps differ
/// from one another far more than one generator's seeds do, so each shape
/// stresses the layout in its own way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    /// Deep, narrow branches: each card rests on a recent one.
    Deep,
    /// A few tiers, each hundreds of cards wide: outcomes, beliefs under
    /// each, assumptions under those, bets under those. Each card rests on
    /// a card of the tier above near its own place.
    Wide,
    /// Many outcomes sharing their beliefs: most beliefs bear on two or
    /// three outcomes, so the top of the map is a mesh, not a tree.
    Shared,
}

impl Shape {
    pub const ALL: [Shape; 3] = [Shape::Deep, Shape::Wide, Shape::Shared];

    pub fn name(self) -> &'static str {
        match self {
            Shape::Deep => "deep",
            Shape::Wide => "wide",
            Shape::Shared => "shared",
        }
    }
}

/// A map of `shape` with `n` cards; the same map for the same seed.
pub fn map(shape: Shape, n: usize, seed: u64) -> Document {
    match shape {
        Shape::Deep => belief_map(n, seed),
        Shape::Wide => tiered(n, seed, Shape::Wide),
        Shape::Shared => tiered(n, seed, Shape::Shared),
    }
}

/// A tree-like map of `n` nodes: a few outcomes, each node resting on one
/// earlier node, plus about 25% extra cross-links to other earlier nodes.
/// Node kinds follow depth (outcome, belief, assumption, then evidence and
/// bets); positions are scattered, as an unlaid map would be.
pub fn belief_map(n: usize, seed: u64) -> Document {
    let mut rng = XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let outcomes = (n / 250).max(1).min(n);
    let mut doc = empty(n);
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
        push_node(&mut doc, &mut rng, kind, side);
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

/// Four tiers (outcome, belief, assumption, bet), each card at a place
/// along its tier. A card rests on the card of the tier above nearest a
/// jittered copy of its place; about a quarter also rest on a card two
/// tiers up, or a farther one of the tier above.
///
/// `Wide`: a handful of outcomes, 3–4 beliefs under each, 4–5 assumptions
/// under each belief, about one and a half bets under each assumption.
/// `Shared`: many outcomes (one in twelve cards), and most beliefs also
/// bear on one or two outcomes beyond their own, within a few places.
fn tiered(n: usize, seed: u64, shape: Shape) -> Document {
    let mut rng = XorShift(seed.wrapping_mul(0xD134_2543_DE82_EF95) | 1);
    let fractions: [f32; 4] = match shape {
        Shape::Shared => [1.0 / 12.0, 0.25, 0.35, 0.0],
        _ => [1.0 / 44.0, 3.5 / 44.0, 15.75 / 44.0, 0.0],
    };
    let mut counts = [0usize; 4];
    let mut left = n;
    for tier in 0..3 {
        counts[tier] = ((n as f32 * fractions[tier]).round() as usize)
            .max(1)
            .min(left);
        left -= counts[tier];
    }
    counts[3] = left;
    let kinds = [
        NodeKind::Outcome,
        NodeKind::Belief,
        NodeKind::Assumption,
        NodeKind::Bet,
    ];
    let mut doc = empty(n);
    let side = (n as f32).sqrt() * 260.0;
    // Each tier's cards as (place along the tier in 0..1, document index).
    let mut tiers: Vec<Vec<(f32, usize)>> = Vec::new();
    for (tier, &count) in counts.iter().enumerate() {
        let mut members = Vec::with_capacity(count);
        for k in 0..count {
            let i = doc.nodes.len();
            push_node(&mut doc, &mut rng, kinds[tier], side);
            let jitter = unit(&mut rng) - 0.5;
            members.push((
                ((k as f32 + 0.5 + jitter) / count as f32).clamp(0.0, 1.0),
                i,
            ));
        }
        members.sort_by(|a, b| a.0.total_cmp(&b.0));
        tiers.push(members);
    }
    for tier in 1..4 {
        let (above, here) = (&tiers[tier - 1], &tiers[tier]);
        if above.is_empty() {
            continue;
        }
        for &(place, i) in here {
            let spacing = 1.0 / above.len() as f32;
            let parent = nearest(above, place + (unit(&mut rng) - 0.5) * 2.0 * spacing);
            push_edge(&mut doc, i, parent);
            let shared = shape == Shape::Shared && tier == 1;
            let extra = if shared {
                rng.below(3)
            } else {
                usize::from(rng.below(4) == 0)
            };
            for _ in 0..extra {
                // A cross-tier link: to a card anywhere in any tier above
                // (a shared belief: to one within a few places).
                let (target, at) = if shared {
                    (above, place + (unit(&mut rng) - 0.5) * 10.0 * spacing)
                } else {
                    (&tiers[rng.below(tier)], unit(&mut rng))
                };
                let to = nearest(target, at);
                if to != parent {
                    push_edge(&mut doc, i, to);
                }
            }
        }
    }
    doc
}

/// A uniform number in 0..1.
fn unit(rng: &mut XorShift) -> f32 {
    (rng.next() % 1_000_000) as f32 / 1_000_000.0
}

/// The document index of the member of `tier` (sorted by place) nearest
/// `place`.
fn nearest(tier: &[(f32, usize)], place: f32) -> usize {
    let at = tier.partition_point(|(p, _)| *p < place);
    let candidates = [at.saturating_sub(1), at.min(tier.len() - 1)];
    let best = candidates
        .into_iter()
        .min_by(|&a, &b| {
            (tier[a].0 - place)
                .abs()
                .total_cmp(&(tier[b].0 - place).abs())
        })
        .expect("two candidates");
    tier[best].1
}

fn empty(n: usize) -> Document {
    Document {
        title: format!("Synthetic map of {n} nodes"),
        nodes: Vec::with_capacity(n),
        edges: Vec::with_capacity(n + n / 2),
        ..Document::default()
    }
}

/// A card of `kind` scattered over a square of `side`, as an unlaid map's.
fn push_node(doc: &mut Document, rng: &mut XorShift, kind: NodeKind, side: f32) {
    let i = doc.nodes.len();
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
