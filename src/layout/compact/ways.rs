//! Every subtree's ways to be drawn: the boxes no other way beats in both
//! width and height.

use super::{Arrange, Forest, INDENT, ROW_GAP, SIBLING_GAP, SIDE_GAP, STACK_GAP, Way};

/// Ways kept per subtree: the narrowest-for-its-height few, spread over
/// shapes from tall to wide.
const WAYS: usize = 32;
/// Width or height limits tried per subtree when combining its children.
const LIMITS: usize = 48;

/// Every subtree's ways, children first. With `fixed`, each card's
/// children sit only as given (keeping a drawing); otherwise every way is
/// weighed and only those no other way beats in both width and height are
/// kept.
pub(super) fn ways(f: &Forest, fixed: Option<&[Arrange]>) -> Vec<Vec<Way>> {
    let mut out: Vec<Vec<Way>> = vec![Vec::new(); f.size.len()];
    for &v in &f.post_order {
        let (w, h) = f.size[v];
        let kids = &f.children[v];
        if kids.is_empty() {
            out[v] = vec![Way {
                w,
                h,
                arrange: Arrange::Hang,
                picks: Vec::new(),
                root_dx: 0.0,
                split: 0,
            }];
            continue;
        }
        let leaves_only = kids.len() >= 2 && kids.iter().all(|&c| f.children[c].is_empty());
        let mut found = Vec::new();
        let arranges: &[Arrange] = match fixed {
            Some(fixed) if fixed[v] == Arrange::Sides && leaves_only => &[],
            // A column of leaves that one of them now rests on stays a column.
            Some(fixed) if fixed[v] != Arrange::Row => &[Arrange::Hang],
            Some(_) => &[Arrange::Row],
            None => &[Arrange::Hang, Arrange::Row],
        };
        if leaves_only && fixed.is_none_or(|fixed| fixed[v] == Arrange::Sides) {
            found.push(sides(f, v));
        }
        for &arrange in arranges {
            // Each limit is a child width (hanging: every child as short as
            // fits that width) or a child height (a row: every child as
            // narrow as fits under that height).
            let mut limits: Vec<f32> = kids
                .iter()
                .flat_map(|&c| {
                    out[c].iter().map(move |way| match arrange {
                        Arrange::Row => way.h,
                        _ => way.w,
                    })
                })
                .collect();
            limits.sort_by(f32::total_cmp);
            limits.dedup();
            for limit in thin(&limits, LIMITS) {
                let picks: Vec<u16> = kids
                    .iter()
                    .map(|&c| pick(&out[c], arrange, limit) as u16)
                    .collect();
                let chosen = || kids.iter().zip(&picks).map(|(&c, &p)| &out[c][p as usize]);
                let way = match arrange {
                    Arrange::Row => Way {
                        w: w.max(
                            chosen().map(|c| c.w).sum::<f32>()
                                + SIBLING_GAP * (kids.len() - 1) as f32,
                        ),
                        h: h + ROW_GAP + chosen().map(|c| c.h).fold(0.0, f32::max),
                        arrange,
                        picks,
                        root_dx: 0.0,
                        split: 0,
                    },
                    _ => Way {
                        w: w.max(INDENT + chosen().map(|c| c.w).fold(0.0, f32::max)),
                        h: h + chosen().map(|c| STACK_GAP + c.h).sum::<f32>(),
                        arrange,
                        picks,
                        root_dx: 0.0,
                        split: 0,
                    },
                };
                found.push(way);
            }
        }
        out[v] = pareto(found);
    }
    out
}

/// `v`'s leaves in two columns either side of the line down from its
/// middle, split where the taller column is shortest (the order kept:
/// down the left column, then down the right).
fn sides(f: &Forest, v: usize) -> Way {
    let (w, h) = f.size[v];
    let kids = &f.children[v];
    let tall = |of: &[usize]| of.iter().map(|&c| STACK_GAP + f.size[c].1).sum::<f32>();
    let split = (1..kids.len())
        .min_by(|&a, &b| {
            let m = |s: usize| tall(&kids[..s]).max(tall(&kids[s..]));
            m(a).total_cmp(&m(b))
        })
        .unwrap_or(1);
    let wide = |of: &[usize]| of.iter().map(|&c| f.size[c].0).fold(0.0, f32::max);
    let (left, right) = (wide(&kids[..split]), wide(&kids[split..]));
    // The left column's right edge: far enough out that the card, centred
    // on the line, starts inside the box.
    let edge = left.max(w / 2.0 - SIDE_GAP / 2.0);
    let root_dx = edge + SIDE_GAP / 2.0 - w / 2.0;
    Way {
        w: (edge + SIDE_GAP + right).max(root_dx + w),
        h: h + tall(&kids[..split]).max(tall(&kids[split..])),
        arrange: Arrange::Sides,
        picks: vec![0; kids.len()],
        root_dx,
        split,
    }
}

/// At most `n` of `sorted`, evenly spread, the first and last kept.
pub(super) fn thin(sorted: &[f32], n: usize) -> Vec<f32> {
    if sorted.len() <= n {
        return sorted.to_vec();
    }
    (0..n)
        .map(|i| sorted[i * (sorted.len() - 1) / (n - 1)])
        .collect()
}

/// The child's way to use under `limit`: hanging, the shortest no wider
/// than it; in a row, the narrowest no taller. If none fits, the one that
/// comes closest.
pub(super) fn pick(ways: &[Way], arrange: Arrange, limit: f32) -> usize {
    // (what the limit bounds, what to make least)
    let measure = |w: &Way| match arrange {
        Arrange::Row => (w.h, w.w),
        _ => (w.w, w.h),
    };
    let least = |of: &mut dyn Iterator<Item = usize>, key: &dyn Fn(usize) -> f32| {
        of.min_by(|&a, &b| key(a).total_cmp(&key(b)))
    };
    // A hanging child's card must sit at the column's indent, where the
    // line down the indent meets it: no way that centres its card.
    let usable = |i: &usize| arrange != Arrange::Hang || ways[*i].root_dx == 0.0;
    let any_usable = (0..ways.len()).any(|i| usable(&i));
    let candidates = || (0..ways.len()).filter(move |i| !any_usable || usable(i));
    least(
        &mut candidates().filter(|&i| measure(&ways[i]).0 <= limit),
        &|i| measure(&ways[i]).1,
    )
    .or_else(|| least(&mut candidates(), &|i| measure(&ways[i]).0))
    .expect("a subtree has a way")
}

/// The ways no other beats in both width and height, at most [`WAYS`] of
/// them, spread from tall to wide.
fn pareto(mut found: Vec<Way>) -> Vec<Way> {
    found.sort_by(|a, b| a.w.total_cmp(&b.w).then(a.h.total_cmp(&b.h)));
    let mut front: Vec<Way> = Vec::new();
    for way in found {
        if front.last().is_none_or(|last| way.h < last.h - 0.5) {
            front.push(way);
        }
    }
    if front.len() <= WAYS {
        return front;
    }
    let last = front.len() - 1;
    (0..WAYS)
        .map(|i| front[i * last / (WAYS - 1)].clone())
        .collect()
}
