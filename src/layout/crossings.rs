//! Quality measures for a finished drawing: straight-line crossings between
//! node centres, and overlapping boxes.

use crate::model::Document;

/// A box: (centre x, centre y, width, height).
pub type Placed = (f32, f32, f32, f32);

/// Every card of `doc` as drawn now, in document order.
pub fn card_boxes(doc: &Document) -> Vec<Placed> {
    doc.nodes
        .iter()
        .map(|n| {
            (
                n.pos.x + n.size.w / 2.0,
                n.pos.y + n.size.h / 2.0,
                n.size.w,
                n.size.h,
            )
        })
        .collect()
}

/// `doc`'s edges as pairs of card indices, without self-loops or
/// duplicates: the lines a reader sees.
pub fn drawn_edges(doc: &Document) -> Vec<(usize, usize)> {
    let index = doc.index();
    let mut edges: Vec<(usize, usize)> = doc
        .edges
        .iter()
        .filter(|e| e.from != e.to)
        .filter_map(|e| Some((*index.get(&e.from)?, *index.get(&e.to)?)))
        .collect();
    edges.sort_unstable();
    edges.dedup();
    edges
}

type P = (f32, f32);
/// A segment's ends and its bounding box (min x, min y, max x, max y).
type Segment = (P, P, (f32, f32, f32, f32));

/// How many pairs of edges cross when drawn as straight lines between node
/// centres. Edges sharing an endpoint do not count.
pub fn straight_crossings(nodes: &[Placed], edges: &[(usize, usize)]) -> usize {
    let seg: Vec<Segment> = edges
        .iter()
        .map(|&(a, b)| {
            let p = (nodes[a].0, nodes[a].1);
            let q = (nodes[b].0, nodes[b].1);
            (
                p,
                q,
                (p.0.min(q.0), p.1.min(q.1), p.0.max(q.0), p.1.max(q.1)),
            )
        })
        .collect();
    // Sweep over x so only segments whose x-ranges overlap are compared.
    let mut by_x: Vec<usize> = (0..edges.len()).collect();
    by_x.sort_by(|&i, &j| seg[i].2.0.total_cmp(&seg[j].2.0));
    let mut count = 0;
    for (k, &i) in by_x.iter().enumerate() {
        for &j in &by_x[k + 1..] {
            if seg[j].2.0 > seg[i].2.2 {
                break;
            }
            let (ea, eb) = (edges[i], edges[j]);
            if ea.0 == eb.0 || ea.0 == eb.1 || ea.1 == eb.0 || ea.1 == eb.1 {
                continue;
            }
            if seg[i].2.1 > seg[j].2.3 || seg[j].2.1 > seg[i].2.3 {
                continue;
            }
            if proper_intersection(seg[i].0, seg[i].1, seg[j].0, seg[j].1) {
                count += 1;
            }
        }
    }
    count
}

fn orient(a: (f32, f32), b: (f32, f32), c: (f32, f32)) -> f64 {
    let (ax, ay, bx, by, cx, cy) = (
        f64::from(a.0),
        f64::from(a.1),
        f64::from(b.0),
        f64::from(b.1),
        f64::from(c.0),
        f64::from(c.1),
    );
    (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
}

fn proper_intersection(p1: (f32, f32), p2: (f32, f32), q1: (f32, f32), q2: (f32, f32)) -> bool {
    let d1 = orient(q1, q2, p1);
    let d2 = orient(q1, q2, p2);
    let d3 = orient(p1, p2, q1);
    let d4 = orient(p1, p2, q2);
    (d1 * d2 < 0.0) && (d3 * d4 < 0.0)
}

/// How many pairs of boxes overlap (touching edges do not count).
pub fn overlaps(nodes: &[Placed]) -> usize {
    let mut by_x: Vec<usize> = (0..nodes.len()).collect();
    let left = |i: usize| nodes[i].0 - nodes[i].2 / 2.0;
    let right = |i: usize| nodes[i].0 + nodes[i].2 / 2.0;
    by_x.sort_by(|&i, &j| left(i).total_cmp(&left(j)));
    let mut count = 0;
    for (k, &i) in by_x.iter().enumerate() {
        for &j in &by_x[k + 1..] {
            if left(j) >= right(i) - 1e-3 {
                break;
            }
            let dy = (nodes[i].1 - nodes[j].1).abs();
            if dy < (nodes[i].3 + nodes[j].3) / 2.0 - 1e-3 {
                count += 1;
            }
        }
    }
    count
}

/// The share of cards (0–1) that moved less than `limit` between two
/// drawings, over the cards found in both: how stable a re-layout was.
/// With no card in common, nothing moved.
pub fn share_within<K: Ord + Copy>(
    before: &[(K, (f32, f32))],
    after: &[(K, (f32, f32))],
    limit: f32,
) -> f64 {
    let then: std::collections::BTreeMap<K, (f32, f32)> = before.iter().copied().collect();
    let (mut both, mut within) = (0usize, 0usize);
    for (key, (x, y)) in after {
        if let Some((x0, y0)) = then.get(key) {
            both += 1;
            if (x - x0).hypot(y - y0) < limit {
                within += 1;
            }
        }
    }
    if both == 0 {
        1.0
    } else {
        within as f64 / both as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_an_x() {
        let nodes = [
            (0.0, 0.0, 1.0, 1.0),
            (10.0, 10.0, 1.0, 1.0),
            (0.0, 10.0, 1.0, 1.0),
            (10.0, 0.0, 1.0, 1.0),
        ];
        assert_eq!(straight_crossings(&nodes, &[(0, 1), (2, 3)]), 1);
        assert_eq!(straight_crossings(&nodes, &[(0, 2), (1, 3)]), 0);
        assert_eq!(
            straight_crossings(&nodes, &[(0, 1), (0, 3)]),
            0,
            "shared endpoint"
        );
    }

    #[test]
    fn share_within_counts_cards_in_both_drawings() {
        let before = [
            (1, (0.0, 0.0)),
            (2, (0.0, 0.0)),
            (3, (0.0, 0.0)),
            (4, (5.0, 5.0)),
        ];
        // 1 stays, 2 moves 3 (within 4), 3 moves 5 (not within), 4 is gone,
        // 5 is new.
        let after = [
            (1, (0.0, 0.0)),
            (2, (3.0, 0.0)),
            (3, (3.0, 4.0)),
            (5, (100.0, 0.0)),
        ];
        assert_eq!(share_within(&before, &after, 4.0), 2.0 / 3.0);
        assert_eq!(share_within(&before, &after, 5.5), 1.0);
        assert_eq!(share_within(&before, &after, 0.0), 0.0);
        assert_eq!(share_within::<u8>(&[], &[], 1.0), 1.0);
    }

    #[test]
    fn counts_overlapping_boxes() {
        let nodes = [
            (0.0, 0.0, 10.0, 10.0),
            (9.0, 0.0, 10.0, 10.0),
            (20.0, 0.0, 10.0, 10.0),
        ];
        assert_eq!(overlaps(&nodes), 1);
    }
}
