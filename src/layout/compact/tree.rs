//! The tree Compact draws, and how the board is drawn now, read back from
//! where the cards are.

use super::{Arrange, Forest, INDENT, ROW_GAP, SIDE_GAP};

/// The tree Compact draws, before any subtree is drawn apart: each card's
/// parent is the card it rests on in the nearest tier above (the first
/// such edge); cards resting on nothing are roots. Children are in
/// document order, or left to right as drawn now when `now` is given.
pub(super) struct Tree {
    pub(super) size: Vec<(f32, f32)>,
    pub(super) parent: Vec<Option<usize>>,
    pub(super) children: Vec<Vec<usize>>,
    pub(super) roots: Vec<usize>,
}

pub(super) fn tree(
    size: Vec<(f32, f32)>,
    edges: &[(usize, usize)],
    rank: &[usize],
    now: Option<&[(f32, f32)]>,
) -> Tree {
    let n = size.len();
    let mut parent: Vec<Option<usize>> = vec![None; n];
    for &(cause, effect) in edges {
        let nearer = parent[cause].is_none_or(|p| rank[effect] > rank[p]);
        if nearer {
            parent[cause] = Some(effect);
        }
    }
    let mut children = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (v, p) in parent.iter().enumerate() {
        match p {
            Some(p) => children[*p].push(v),
            None => roots.push(v),
        }
    }
    if let Some(now) = now {
        // Rows read left to right, columns top to bottom.
        for kids in &mut children {
            let _ = in_reading_order(kids, |v| now[v].0, |v| now[v].1);
        }
    }
    Tree {
        size,
        parent,
        children,
        roots,
    }
}

/// The forest drawn: `tree` with each subtree `apart` says drawn as a tree
/// of its own, next after the tree it belongs to (or, with `now`, shelves
/// read top to bottom and then left to right, as they are drawn now).
pub(super) fn forest(tree: &Tree, apart: &[bool], now: Option<&[(f32, f32)]>) -> Forest {
    let n = tree.size.len();
    let children: Vec<Vec<usize>> = tree
        .children
        .iter()
        .map(|kids| kids.iter().copied().filter(|&c| !apart[c]).collect())
        .collect();
    let mut roots = Vec::new();
    let mut stack: Vec<usize> = tree.roots.iter().rev().copied().collect();
    while let Some(v) = stack.pop() {
        if tree.parent[v].is_none() || apart[v] {
            roots.push(v);
        }
        stack.extend(tree.children[v].iter().rev());
    }
    let mut shelf_breaks = Vec::new();
    if let Some(now) = now {
        let groups = in_reading_order(&mut roots, |v| now[v].1, |v| now[v].0);
        shelf_breaks = (0..groups.len())
            .map(|i| i > 0 && groups[i] != groups[i - 1])
            .collect();
    }
    // Ranks make the parent links acyclic, so every card is reached.
    let mut post_order = Vec::with_capacity(n);
    let mut stack: Vec<(usize, bool)> = roots.iter().rev().map(|&r| (r, false)).collect();
    while let Some((v, done)) = stack.pop() {
        if done {
            post_order.push(v);
            continue;
        }
        stack.push((v, true));
        stack.extend(children[v].iter().rev().map(|&c| (c, false)));
    }
    Forest {
        size: tree.size.clone(),
        children,
        roots,
        post_order,
        shelf_breaks,
    }
}

/// Sorts `items` by `first`, those within half a unit of each other (a
/// column, or a shelf, give or take a pinned card's rounding) by `then`.
fn in_reading_order(
    items: &mut Vec<usize>,
    first: impl Fn(usize) -> f32,
    then: impl Fn(usize) -> f32,
) -> Vec<usize> {
    items.sort_by(|&a, &b| first(a).total_cmp(&first(b)));
    let mut group = 0usize;
    let mut keyed: Vec<(usize, usize)> = Vec::with_capacity(items.len());
    for (i, &v) in items.iter().enumerate() {
        if i > 0 && first(v) - first(items[i - 1]) > 0.5 {
            group += 1;
        }
        keyed.push((group, v));
    }
    keyed.sort_by(|&(ga, a), &(gb, b)| ga.cmp(&gb).then(then(a).total_cmp(&then(b))));
    let groups = keyed.iter().map(|&(g, _)| g).collect();
    *items = keyed.into_iter().map(|(_, v)| v).collect();
    groups
}

/// How each card's children sit now, read back from the board: hanging
/// when every child is below it at the column's indent.
pub(super) fn arrangement(f: &Forest, now: &[(f32, f32)], loose: &[bool]) -> Vec<Arrange> {
    (0..f.size.len())
        .map(|v| {
            // A card just added sits anywhere: the others say how its
            // siblings sit.
            let placed: Vec<usize> = f.children[v]
                .iter()
                .copied()
                .filter(|&c| !loose[c])
                .collect();
            let kids = if placed.is_empty() {
                &f.children[v]
            } else {
                &placed
            };
            let hanging = kids.iter().all(|&c| under(&f.size, now, v, c).hang);
            let beside = kids.iter().all(|&c| under(&f.size, now, v, c).beside);
            // A card joining a single child under its parent hangs under
            // it: that moves the child a little, where a row would push
            // everything beside it a card's width.
            let joins_one = placed.len() == 1 && f.children[v].len() >= 2;
            if f.children[v].len() >= 2 && beside {
                Arrange::Sides
            } else if hanging || joins_one {
                Arrange::Hang
            } else {
                Arrange::Row
            }
        })
        .collect()
}

/// Where a card sits under its parent now, by each arrangement's rule,
/// with half a unit's tolerance.
struct Under {
    /// In the row under it.
    row: bool,
    /// Below it, at the column's indent.
    hang: bool,
    /// Below it, against the line down from its middle (`Sides`).
    beside: bool,
}

fn under(size: &[(f32, f32)], now: &[(f32, f32)], parent: usize, card: usize) -> Under {
    let ((px, py), (cx, cy)) = (now[parent], now[card]);
    let (pw, ph) = size[parent];
    let below = cy >= py + ph - 0.5;
    let middle = px + pw / 2.0;
    Under {
        row: (cy - (py + ph + ROW_GAP)).abs() < 0.5,
        hang: below && (cx - px - INDENT).abs() < 0.5,
        beside: below
            && ((cx + size[card].0 - (middle - SIDE_GAP / 2.0)).abs() < 0.5
                || (cx - (middle + SIDE_GAP / 2.0)).abs() < 0.5),
    }
}

/// How the board is drawn now, read back from where the cards are.
pub(super) struct AsNow {
    /// Subtrees drawn apart: a card that is not where any arrangement under
    /// its parent would put it, while a card of its own is where one under
    /// it would.
    pub(super) apart: Vec<bool>,
    /// Cards just added: not where any arrangement would put them, with
    /// nothing resting on them yet. They are drawn with their parent, and
    /// say nothing about how their siblings sit.
    pub(super) loose: Vec<bool>,
}

/// A map not drawn by Compact has nothing drawn apart and nothing loose.
pub(super) fn as_now(tree: &Tree, now: &[(f32, f32)]) -> AsNow {
    let n = tree.size.len();
    let attached: Vec<bool> = (0..n)
        .map(|c| {
            tree.parent[c].is_some_and(|p| {
                let at = under(&tree.size, now, p, c);
                at.row || at.hang || at.beside
            })
        })
        .collect();
    let with_parent = tree.parent.iter().filter(|p| p.is_some()).count();
    if attached.iter().filter(|&&a| a).count() * 2 < with_parent {
        return AsNow {
            apart: vec![false; n],
            loose: vec![false; n],
        };
    }
    let (apart, loose) = (0..n)
        .map(|v| {
            let off = tree.parent[v].is_some() && !attached[v];
            let holds = tree.children[v].iter().any(|&c| attached[c]);
            (off && holds, off && !holds)
        })
        .unzip();
    AsNow { apart, loose }
}
