//! Positions along each layer: pull each vertex towards its neighbours, then
//! project onto "same order, no overlap" with isotonic regression.

use super::layered::Layered;

/// Space kept beside a dummy (a long edge passing through a layer).
const DUMMY_GAP: f32 = 14.0;

/// The centre of every vertex along its layer.
pub(super) fn assign(l: &Layered, gap: f32) -> Vec<f32> {
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
            let desired: Vec<f32> = l.layers[layer]
                .iter()
                .map(|&v| {
                    let mut sum = 0.0;
                    let mut count = 0usize;
                    if use_up {
                        sum += l.up[v].iter().map(|&u| x[u]).sum::<f32>();
                        count += l.up[v].len();
                    }
                    if use_down {
                        sum += l.down[v].iter().map(|&u| x[u]).sum::<f32>();
                        count += l.down[v].len();
                    }
                    if count == 0 { x[v] } else { sum / count as f32 }
                })
                .collect();
            let seps: Vec<f32> = l.layers[layer]
                .windows(2)
                .map(|w| separation(l, w[0], w[1], gap))
                .collect();
            for (&v, p) in l.layers[layer].iter().zip(project(&desired, &seps)) {
                x[v] = p;
            }
        }
    }
    x
}

fn separation(l: &Layered, a: usize, b: usize, gap: f32) -> f32 {
    let both_real = a < l.real && b < l.real;
    (l.size[a] + l.size[b]) / 2.0 + if both_real { gap } else { DUMMY_GAP }
}

/// The positions closest (least squares) to `desired` with
/// `x[i + 1] - x[i] >= seps[i]`: pool adjacent violators on `x - offset`.
pub(super) fn project(desired: &[f32], seps: &[f32]) -> Vec<f32> {
    let mut offset = Vec::with_capacity(desired.len());
    let mut at = 0.0;
    for i in 0..desired.len() {
        if i > 0 {
            at += seps[i - 1];
        }
        offset.push(at);
    }
    // Blocks of (sum of targets, count).
    let mut blocks: Vec<(f32, usize)> = Vec::with_capacity(desired.len());
    for (d, o) in desired.iter().zip(&offset) {
        blocks.push((d - o, 1));
        while blocks.len() > 1 {
            let (s2, c2) = blocks[blocks.len() - 1];
            let (s1, c1) = blocks[blocks.len() - 2];
            if s1 / c1 as f32 <= s2 / c2 as f32 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (s1 + s2, c1 + c2);
        }
    }
    let mut out = Vec::with_capacity(desired.len());
    for (sum, count) in blocks {
        let mean = sum / count as f32;
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
        let out = project(&[0.0, 0.0, 0.0], &[10.0, 10.0]);
        assert_eq!(out, vec![-10.0, 0.0, 10.0]);
        // Already far enough apart: untouched.
        assert_eq!(project(&[0.0, 50.0], &[10.0]), vec![0.0, 50.0]);
    }
}
