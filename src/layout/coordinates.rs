//! Positions along each layer: pull each vertex towards its neighbours, then
//! project onto "same order, no overlap" with weighted isotonic regression.
//! A long edge's inner segments pull far harder than the rest, so long
//! edges run straight and the line a reader follows crosses less; on wide
//! tiers an even pull can cross less still, so the caller chooses.

use super::layered::Layered;

/// Space kept beside a dummy (a long edge passing through a layer).
pub(super) const DUMMY_GAP: f32 = 14.0;

/// The centre of every vertex along its layer.
pub(super) fn assign(l: &Layered, gap: f32, long_pull: f32) -> Vec<f32> {
    let mut x = vec![0.0f32; l.layer_of.len()];
    for layer in &l.layers {
        let mut at = 0.0;
        for (i, &v) in layer.iter().enumerate() {
            if i > 0 {
                at += separation(l, layer[i - 1], v, gap);
            }
            x[v] = at;
        }
    }
    let last = l.layers.len().saturating_sub(1);
    let passes: [(bool, bool); 6] = [
        (true, false),
        (false, true),
        (true, false),
        (false, true),
        (true, true),
        (true, true),
    ];
    for (use_up, use_down) in passes {
        let layers: Vec<usize> = if use_up && !use_down {
            (1..=last).collect()
        } else {
            (0..last).rev().collect()
        };
        for layer in layers {
            let desired: Vec<(f32, f32)> = l.layers[layer]
                .iter()
                .map(|&v| {
                    let mut sum = 0.0;
                    let mut count = 0.0f32;
                    let mut add = |u: usize| {
                        let w = pull(l, v, u, long_pull);
                        sum += w * x[u];
                        count += w;
                    };
                    if use_up {
                        l.up[v].iter().for_each(|&u| add(u));
                    }
                    if use_down {
                        l.down[v].iter().for_each(|&u| add(u));
                    }
                    if count == 0.0 {
                        (x[v], 1.0)
                    } else {
                        (sum / count, count)
                    }
                })
                .collect();
            let (desired, weight): (Vec<f32>, Vec<f32>) = desired.into_iter().unzip();
            let seps: Vec<f32> = l.layers[layer]
                .windows(2)
                .map(|w| separation(l, w[0], w[1], gap))
                .collect();
            for (&v, p) in l.layers[layer]
                .iter()
                .zip(project_weighted(&desired, &weight, &seps))
            {
                x[v] = p;
            }
        }
    }
    x
}

/// Re-sorts every layer by where the drawing's lines cross it: a card at
/// its centre, a long edge's dummy where the straight line between its two
/// cards passes (`layer_y`: each layer's centre across the layers). The
/// cards keep their order; the dummies move to the places the reader sees,
/// so crossings counted between neighbouring layers are then the
/// straight-line crossings of the drawing `x`.
pub(super) fn straighten(l: &mut Layered, x: &[f32], layer_y: &[f32]) {
    let mut key: Vec<f32> = x.to_vec();
    key.resize(l.layer_of.len(), 0.0);
    // Each long edge once, from its cause up its chain of dummies.
    let mut chain = Vec::new();
    for a in 0..l.real {
        for &first in l.up[a].iter().filter(|&&d| d >= l.real) {
            chain.clear();
            let mut b = first;
            while b >= l.real {
                chain.push(b);
                b = l.up[b][0];
            }
            let (ya, yb) = (layer_y[l.layer_of[a]], layer_y[l.layer_of[b]]);
            for &d in &chain {
                let t = (layer_y[l.layer_of[d]] - ya) / (yb - ya);
                key[d] = x[a] + (x[b] - x[a]) * t;
            }
        }
    }
    for layer in &mut l.layers {
        layer.sort_by(|&a, &b| key[a].total_cmp(&key[b]));
    }
}

/// Positions that keep a drawing the reader knows: a card already in its
/// band (`in_band`, by card) wants to stay where it is now (`l.now`); the
/// other cards want where the fresh pass put them (`fresh`), moved into the
/// board's frame by the median difference of the cards that stay. Each
/// layer's cards are then projected onto "in order, never overlapping",
/// with the cards that stay giving way twenty times less, so a new card
/// makes room for itself by nudging its neighbours rather than moving the
/// layer. Long edges' inner points stay on the line they are drawn along
/// now and make no room: the edge is drawn from card to card, and making
/// room for it again at every layout would push cards apart each time.
pub(super) fn keep(l: &Layered, gap: f32, fresh: &[f32], in_band: &[bool]) -> Vec<f32> {
    let staying = |v: usize| v < l.real && in_band[v];
    let offset = super::layered::median(
        (0..l.real)
            .filter(|&v| staying(v))
            .map(|v| l.now[v] - fresh[v]),
    );
    let mut x = l.now.clone();
    for layer in &l.layers {
        let cards: Vec<usize> = layer.iter().copied().filter(|&v| v < l.real).collect();
        let (desired, weight): (Vec<f32>, Vec<f32>) = cards
            .iter()
            .map(|&v| match staying(v) {
                true => (l.now[v], 1.0),
                false => (fresh[v] + offset, 0.05),
            })
            .unzip();
        // Two cards that stay, clear of each other now, keep the space
        // between them even where it is less than the gap (a long edge ran
        // between them): nothing pushes them apart.
        let seps: Vec<f32> = cards
            .windows(2)
            .map(|w| {
                let full = separation(l, w[0], w[1], gap);
                let apart = l.now[w[1]] - l.now[w[0]];
                let clear = apart >= (l.size[w[0]] + l.size[w[1]]) / 2.0;
                match staying(w[0]) && staying(w[1]) && clear {
                    true => full.min(apart),
                    false => full,
                }
            })
            .collect();
        for (&v, p) in cards.iter().zip(project_weighted(&desired, &weight, &seps)) {
            x[v] = p;
        }
    }
    x
}

/// How hard a long edge's inner segments pull their ends into line,
/// against 1 for every other segment. `dot` uses 8 (and 2 where a card meets
/// a long edge); straighter long edges than that measured fewer straight-line
/// crossings on the synthetic maps (`credence bench layout`): at 3,000 nodes
/// 102,764 with equal pulls, 100,341 with dot's weights, 98,950 with these.
pub(super) const LONG_EDGE_PULL: f32 = 100.0;
/// Long edges pulling as hard as any other segment: on maps of wide tiers
/// this crosses less, so a fresh layout tries both (`layered::placed`).
pub(super) const EVEN_PULL: f32 = 1.0;

/// How hard the segment between `a` and `b` pulls them into line.
fn pull(l: &Layered, a: usize, b: usize, long_pull: f32) -> f32 {
    // Vertices from `real` on are dummies: the inner points of long edges.
    if a >= l.real && b >= l.real {
        long_pull
    } else {
        1.0
    }
}

fn separation(l: &Layered, a: usize, b: usize, gap: f32) -> f32 {
    let both_real = a < l.real && b < l.real;
    (l.size[a] + l.size[b]) / 2.0 + if both_real { gap } else { DUMMY_GAP }
}

/// The positions closest (weighted least squares) to `desired` with
/// `x[i + 1] - x[i] >= seps[i]`: pool adjacent violators on `x - offset`.
/// A vertex's weight is how hard its neighbours pull it, so a long edge's
/// inner points give way less than a card with one neighbour.
pub(super) fn project_weighted(desired: &[f32], weight: &[f32], seps: &[f32]) -> Vec<f32> {
    let mut offset = Vec::with_capacity(desired.len());
    let mut at = 0.0;
    for i in 0..desired.len() {
        if i > 0 {
            at += seps[i - 1];
        }
        offset.push(at);
    }
    // Blocks of (weighted sum of targets, total weight, members).
    let mut blocks: Vec<(f32, f32, usize)> = Vec::with_capacity(desired.len());
    for ((d, o), w) in desired.iter().zip(&offset).zip(weight) {
        blocks.push(((d - o) * w, *w, 1));
        while blocks.len() > 1 {
            let (s2, w2, c2) = blocks[blocks.len() - 1];
            let (s1, w1, c1) = blocks[blocks.len() - 2];
            if s1 / w1 <= s2 / w2 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (s1 + s2, w1 + w2, c1 + c2);
        }
    }
    let mut out = Vec::with_capacity(desired.len());
    for (sum, total, count) in blocks {
        let mean = sum / total;
        out.extend(std::iter::repeat_n(mean, count));
    }
    out.iter_mut().zip(&offset).for_each(|(x, o)| *x += o);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projection_keeps_order_and_spacing() {
        // Everyone wants to sit at 0; they spread evenly around it.
        let out = project_weighted(&[0.0, 0.0, 0.0], &[1.0; 3], &[10.0, 10.0]);
        assert_eq!(out, vec![-10.0, 0.0, 10.0]);
        // Already far enough apart: untouched.
        assert_eq!(
            project_weighted(&[0.0, 50.0], &[1.0, 1.0], &[10.0]),
            vec![0.0, 50.0]
        );
    }

    #[test]
    fn heavier_vertices_give_way_less() {
        // Both want 0 and must be 12 apart; the one pulled 3 times as hard
        // moves a quarter of the way.
        let out = project_weighted(&[0.0, 0.0], &[3.0, 1.0], &[12.0]);
        assert_eq!(out, vec![-3.0, 9.0]);
        let out = project_weighted(&[0.0, 0.0], &[1.0, 3.0], &[12.0]);
        assert_eq!(out, vec![-9.0, 3.0]);
    }
}
